/**
 * Reading numbers from the input, one way everywhere: each failure is a RuleError that names
 * where the value came from and the rule that needs it.
 */
import { Amount, Decimal, toDecimal } from "./money";
import { ErrorCode, ErrorLocation, RuleError } from "./errors";

/**
 * A rule broken, as data: the code the other layers switch on and what is wrong, in words for a
 * finance officer ("adds up to 95%, 5% short of 100%"), without where or which rule. The engine's
 * pure checkers return one; the engine throws it as a RuleError, the reader reports it at a cell.
 */
export interface Breach {
  code: ErrorCode;
  detail: string;
}

/** Throws a checker's breach as the engine's error, at `location`. */
export function refuse(breach: Breach, location: ErrorLocation, rule: string): never {
  throw new RuleError(breach.code, location, breach.detail, rule);
}

/** A finite number, or a "not-a-number" error naming the location. */
export function readNumber(value: Amount, location: ErrorLocation, rule: string): Decimal {
  const d = toDecimal(value);
  if (d === undefined) throw new RuleError("not-a-number", location, `is not a number (${String(value)})`, rule);
  return d;
}

/** As readNumber, but a blank (undefined, null or "") is a "missing" error saying what is needed. */
export function readRequired(
  value: Amount | undefined,
  location: ErrorLocation,
  rule: string,
  missing = "has no value",
): Decimal {
  if (value === undefined || value === null || value === "") throw new RuleError("missing", location, missing, rule);
  return readNumber(value, location, rule);
}

/** A number that must not be below zero (a weight, quantity, FTE, budget). */
export function readNonNegative(value: Amount, location: ErrorLocation, rule: string): Decimal {
  const d = readNumber(value, location, rule);
  if (d.isNegative() && !d.isZero()) throw new RuleError("negative", location, `is negative (${d.toString()})`, rule);
  return d;
}
