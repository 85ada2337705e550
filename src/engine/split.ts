/**
 * RULES.md §1: split an amount by weights into pence (or another number of decimal places)
 * so that the parts sum exactly to the amount. Each part is its exact quota rounded down; the
 * pennies left over go to the largest fractional remainders, ties to the larger weight, then
 * to the earlier item. A negative amount is split as its absolute value and negated.
 *
 * All arithmetic here is on whole numbers (pence and scaled weights), so the split is exact
 * whatever the size of the amount or the weights.
 */
import { Amount, Decimal, ZERO } from "./money";
import { readNonNegative, readNumber } from "./check";
import { RuleError } from "./errors";

export interface SplitOptions {
  /** Decimal places of the parts: 2 for pence (the default), 0 for whole pounds. */
  decimals?: number;
  /** Name of the weights in error messages, e.g. "weights" or "FTE". */
  field?: string;
  /** Partner names, so an error can say which partner's weight is wrong. */
  labels?: readonly (string | undefined)[];
}

/** A split with the working a section 151 officer may want to see. */
export interface SplitDetail {
  /** The parts, in the order of the weights; they sum exactly to the amount. */
  parts: Decimal[];
  /** True where the part got one of the leftover pennies (units of the last decimal place). */
  roundedUp: boolean[];
  /** How many leftover pennies were handed out. */
  leftover: number;
  /** The weights as checked and read (Decimal), in the order given. */
  weights: Decimal[];
}

export const MAX_DECIMALS = 10;

/** Splits `amount` by `weights`; the parts sum exactly to `amount`. */
export function split(amount: Amount, weights: readonly Amount[], options: SplitOptions = {}): Decimal[] {
  return splitDetail(amount, weights, options).parts;
}

/** As `split`, with which parts were rounded up. */
export function splitDetail(amount: Amount, weights: readonly Amount[], options: SplitOptions = {}): SplitDetail {
  return prepareSplit(weights, options)(amount);
}

/** Checks and converts weights: finite, not negative, at least one above zero. */
export function checkWeights(
  weights: readonly Amount[],
  field = "weights",
  labels?: SplitOptions["labels"],
): Decimal[] {
  if (weights.length === 0) throw new RuleError("empty", { field }, "there are no items to split between", "§2");
  let anyPositive = false;
  const checked = weights.map((w, index) => {
    const d = readNonNegative(w, { field, index, partner: labels?.[index] }, "§2");
    if (!d.isZero()) anyPositive = true;
    return d;
  });
  if (!anyPositive) {
    throw new RuleError("all-zero", { field }, "every weight is zero, so there is nothing to split by", "§2");
  }
  return checked;
}

export function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS) {
    throw new RuleError(
      "bad-decimals",
      { field: "decimals" },
      `must be a whole number from 0 to ${MAX_DECIMALS} (got ${decimals})`,
      "§1",
    );
  }
}

/** Converts an amount, naming the field if it is not a number. */
export function checkAmount(amount: Amount, field = "amount"): Decimal {
  return readNumber(amount, { field }, "§1");
}

/**
 * A non-negative Decimal with at most `places` decimal places, as a whole number of
 * 10^-places units, read from its digits so no rounding can happen on the way.
 */
function toUnits(d: Decimal, places: number): bigint {
  return BigInt(d.abs().toFixed(places).replace(".", ""));
}

/** `units` whole units of 10^-decimals as a Decimal: 12345n, 2 → 123.45. */
function fromUnits(units: bigint, decimals: number, negative: boolean): Decimal {
  if (units === 0n) return ZERO;
  const digits = units.toString().padStart(decimals + 1, "0");
  const cut = digits.length - decimals;
  const text = decimals === 0 ? digits : `${digits.slice(0, cut)}.${digits.slice(cut)}`;
  return new Decimal(negative ? `-${text}` : text);
}

const compare = (a: bigint, b: bigint): number => (a > b ? 1 : a < b ? -1 : 0);

/**
 * Checks the weights once and returns a function that splits any amount by them. Use it when
 * many amounts share one set of weights (every cost line of a service, every year of a profile).
 *
 * Amounts go in and come out as Decimal. In between, the split counts whole pence and whole
 * scaled weights as BigInt: exact integers of any size (never floating point), and much faster
 * than Decimal for this integer-only step.
 */
export function prepareSplit(weights: readonly Amount[], options: SplitOptions = {}): (amount: Amount) => SplitDetail {
  const decimals = options.decimals ?? 2;
  checkDecimals(decimals);
  const w = checkWeights(weights, options.field ?? "weights", options.labels);

  // Scale the weights to whole numbers so each quota is an exact fraction units*w/W.
  let places = 0;
  for (const d of w) places = Math.max(places, d.decimalPlaces());
  const wInt = w.map((d) => toUnits(d, places));
  const wTotal = wInt.reduce((a, b) => a + b, 0n);
  const n = w.length;

  return (amount: Amount): SplitDetail => {
    const total = checkAmount(amount);
    if (total.decimalPlaces() > decimals) {
      throw new RuleError(
        "too-precise",
        { field: "amount" },
        `${total.toString()} has more than ${decimals} decimal places, so it cannot be split into parts of that precision; round it first`,
        "§1",
      );
    }
    // Whole units to hand out (pence when decimals = 2).
    const units = toUnits(total, decimals);

    const floors: bigint[] = new Array(n);
    const remainders: bigint[] = new Array(n);
    let given = 0n;
    for (let i = 0; i < n; i++) {
      const numerator = units * wInt[i];
      const q = numerator / wTotal; // BigInt division rounds down: the floor of the quota
      floors[i] = q;
      remainders[i] = numerator - q * wTotal;
      given += q;
    }

    // Fewer than n units remain, because each quota lost less than one unit to rounding down.
    const leftover = Number(units - given);
    const roundedUp: boolean[] = new Array(n).fill(false);
    if (leftover > 0) {
      const order = Array.from({ length: n }, (_, i) => i).filter((i) => remainders[i] !== 0n);
      order.sort((a, b) => compare(remainders[b], remainders[a]) || compare(wInt[b], wInt[a]) || a - b);
      for (let k = 0; k < leftover; k++) roundedUp[order[k]] = true;
    }

    const negative = total.isNegative();
    const parts = floors.map((q, i) => fromUnits(roundedUp[i] ? q + 1n : q, decimals, negative));
    return { parts, roundedUp, leftover, weights: w };
  };
}

/**
 * Each weight's proportion of the total, to `decimals` places (10 by default), split by the
 * same rule so the proportions sum exactly to 1.
 */
export function shares(weights: readonly Amount[], options: SplitOptions = {}): Decimal[] {
  return split(1, weights, { ...options, decimals: options.decimals ?? MAX_DECIMALS });
}
