/**
 * RULES.md §1: split an amount by weights into pence (or another number of decimal places)
 * so that the parts sum exactly to the amount. Each part is its exact quota rounded down; the
 * pennies left over go to the largest fractional remainders, ties to the larger weight, then
 * to the earlier item. A negative amount is split as its absolute value and negated.
 *
 * All arithmetic here is on whole numbers (pence and scaled weights) in an unbounded-precision
 * Decimal, so the split is exact whatever the size of the amount or the weights.
 */
import { Amount, Decimal, Exact, negate, toDecimal } from "./money";
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
    const partner = labels?.[index];
    const d = toDecimal(w);
    if (d === undefined) {
      throw new RuleError("not-a-number", { field, index, partner }, `is not a number (${String(w)})`, "§2");
    }
    if (d.isNegative() && !d.isZero()) {
      throw new RuleError("negative", { field, index, partner }, `is negative (${d.toString()})`, "§2");
    }
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
  const d = toDecimal(amount);
  if (d === undefined) throw new RuleError("not-a-number", { field }, `is not a number (${String(amount)})`, "§1");
  return d;
}

// 10^k as whole numbers, and 10^-k for turning pence back into pounds; made once.
const TENS = Array.from({ length: 64 }, (_, k) => new Exact(10).pow(k));
const UNITS = Array.from({ length: MAX_DECIMALS + 1 }, (_, k) => new Decimal(10).pow(-k));
const tenTo = (k: number): Decimal => TENS[k] ?? new Exact(10).pow(k);

/**
 * Checks the weights once and returns a function that splits any amount by them. Use it when
 * many amounts share one set of weights (every cost line of a service, every year of a profile).
 */
export function prepareSplit(weights: readonly Amount[], options: SplitOptions = {}): (amount: Amount) => SplitDetail {
  const decimals = options.decimals ?? 2;
  checkDecimals(decimals);
  const w = checkWeights(weights, options.field ?? "weights", options.labels);

  // Scale the weights to whole numbers so each quota is an exact fraction units*w/W.
  let places = 0;
  for (const d of w) places = Math.max(places, d.decimalPlaces());
  const scale = tenTo(places);
  const wInt = w.map((d) => new Exact(d).times(scale));
  let wTotal = new Exact(0);
  for (const d of wInt) wTotal = wTotal.plus(d);
  const n = w.length;
  const unit = UNITS[decimals];

  return (amount: Amount): SplitDetail => {
    const total = checkAmount(amount);
    // Whole units to hand out (pence when decimals = 2).
    const units = new Exact(total).abs().times(tenTo(decimals));
    if (!units.isInteger()) {
      throw new RuleError(
        "too-precise",
        { field: "amount" },
        `${total.toString()} has more than ${decimals} decimal places, so it cannot be split into parts of that precision; round it first`,
        "§1",
      );
    }

    const floors: Decimal[] = new Array(n);
    const remainders: Decimal[] = new Array(n);
    let given = new Exact(0);
    for (let i = 0; i < n; i++) {
      const numerator = units.times(wInt[i]);
      const q = numerator.divToInt(wTotal);
      floors[i] = q;
      remainders[i] = numerator.minus(q.times(wTotal));
      given = given.plus(q);
    }

    // Fewer than n units remain, because each quota lost less than one unit to rounding down.
    const leftover = units.minus(given).toNumber();
    const roundedUp: boolean[] = new Array(n).fill(false);
    if (leftover > 0) {
      const order = Array.from({ length: n }, (_, i) => i).filter((i) => !remainders[i].isZero());
      order.sort((a, b) => remainders[b].comparedTo(remainders[a]) || wInt[b].comparedTo(wInt[a]) || a - b);
      for (let k = 0; k < leftover; k++) roundedUp[order[k]] = true;
    }

    const negative = total.isNegative();
    const parts = floors.map((q, i) => {
      const part = new Decimal(roundedUp[i] ? q.plus(1) : q).times(unit);
      return negative ? negate(part) : part;
    });
    return { parts, roundedUp, leftover };
  };
}

/**
 * Each weight's proportion of the total, to `decimals` places (10 by default), split by the
 * same rule so the proportions sum exactly to 1.
 */
export function shares(weights: readonly Amount[], options: SplitOptions = {}): Decimal[] {
  return split(1, weights, { ...options, decimals: options.decimals ?? MAX_DECIMALS });
}
