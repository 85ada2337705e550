/**
 * Money: every amount in the engine is a Decimal, never a binary floating-point number
 * (RULES.md §1). This module owns the Decimal configuration so that no caller's global
 * settings can change how pounds and pence are computed.
 */
import DecimalJs from "decimal.js";

/**
 * The engine's Decimal. 40 significant digits covers any council budget to far below a
 * penny; ROUND_HALF_UP is the rounding a finance officer expects ("half a penny rounds up").
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
// The class and its instance type share one name, as decimal.js itself does.

export type Decimal = DecimalJs;

/** Anything the engine will take as an amount or weight: a Decimal, a decimal string or a number. */
export type Amount = DecimalJs.Value;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);

/** Converts a value to the engine's Decimal, or returns undefined when it is not a finite number. */
export function toDecimal(value: Amount): Decimal | undefined {
  try {
    const d = new Decimal(value);
    return d.isFinite() ? d : undefined;
  } catch {
    return undefined;
  }
}

/** Sum of amounts, exact. */
export function sum(values: readonly Decimal[]): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

/** -x, but never a negative zero (which would show as "-0" in some places). */
export function negate(value: Decimal): Decimal {
  return value.isZero() ? ZERO : value.neg();
}

/** Rounds to pence (or `decimals` places), half away from zero, as ROUND in Excel does. */
export function roundMoney(value: Decimal, decimals = 2): Decimal {
  return value.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
}
