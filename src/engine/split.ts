/**
 * RULES.md §1: split an amount by weights into pence (or another number of decimal places)
 * so that the parts sum exactly to the amount. Each part is its exact quota rounded down; the
 * pennies left over go to the largest fractional remainders, ties to the larger weight, then
 * to the earlier item. A negative amount is split as its absolute value and negated.
 *
 * All arithmetic here is on whole numbers (pence and scaled weights), so the split is exact
 * whatever the size of the amount or the weights: plain JavaScript numbers while every product
 * stays below 2^53, where they are exact integers (checked for each amount), BigInt beyond.
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
  /** "bigint" forces the BigInt arithmetic for every amount (tests compare it with the fast path). */
  integers?: "auto" | "bigint";
}

/** A split with the working a section 151 officer may want to see. */
export interface SplitDetail {
  /** The parts, in the order of the weights; they sum exactly to the amount. */
  readonly parts: Decimal[];
  /** The same parts as whole units of the last decimal place (pence): exact integers. */
  readonly units: readonly number[] | readonly bigint[];
  /** Decimal places of the parts. */
  readonly decimals: number;
  /** True where the part got one of the leftover pennies (units of the last decimal place). */
  roundedUp: boolean[];
  /** How many leftover pennies were handed out. */
  leftover: number;
  /** The weights as checked and read (Decimal), in the order given. */
  weights: Decimal[];
  /** The integers the split counted in: JavaScript numbers (every product below 2^53) or BigInt. */
  integers: "number" | "bigint";
}

export const MAX_DECIMALS = 10;

/** Splits `amount` by `weights`; the parts sum exactly to `amount`. */
export function split(amount: Amount, weights: readonly Amount[], options: SplitOptions = {}): Decimal[] {
  return splitDetail(amount, weights, options).parts;
}

/** As `split`, with which parts were rounded up. */
export function splitDetail(amount: Amount, weights: readonly Amount[], options: SplitOptions = {}): SplitDetail {
  const prepared = prepare(weights, options);
  return divide(prepared, amount, scratchOf(prepared.w.length));
}

/**
 * Already a finite Decimal of the engine's own settings, so it can be used as it is (Decimals
 * never change). One made with another decimal.js configuration is copied into the engine's.
 */
function ours(value: Amount): value is Decimal {
  return value instanceof Decimal && value.constructor === Decimal && value.isFinite();
}

/** Checks and converts weights: finite, not negative, at least one above zero. */
export function checkWeights(
  weights: readonly Amount[],
  field = "weights",
  labels?: SplitOptions["labels"],
): Decimal[] {
  if (weights.length === 0) throw new RuleError("empty", { field }, "there are no items to split between", "§2");
  let anyPositive = false;
  const checked: Decimal[] = new Array(weights.length);
  for (let index = 0; index < weights.length; index++) {
    const w = weights[index];
    const d = ours(w) && !w.isNegative() ? w : readNonNegative(w, { field, index, partner: labels?.[index] }, "§2");
    if (!anyPositive && !d.isZero()) anyPositive = true;
    checked[index] = d;
  }
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
  return ours(amount) ? amount : readNumber(amount, { field }, "§1");
}

/**
 * A non-negative Decimal with at most `places` decimal places, as a whole number of
 * 10^-places units, read from its digits so no rounding can happen on the way.
 */
function toUnits(d: Decimal, places: number): bigint {
  return BigInt(d.abs().toFixed(places).replace(".", ""));
}

/**
 * The same as a JavaScript number, straight from the Decimal's digits (`d`: base-10^7 words,
 * most significant first; `e`: the power of ten of the first digit), or -1 when the result
 * would not be an exact integer below 2^53 (then toUnits reads it). Turning a Decimal into
 * text and back costs more than the whole split.
 */
function smallUnits(d: Decimal, places: number): number {
  const whole = digitsOf(d); // |d| = whole × 10^digitExponent, whole with no trailing zero
  if (whole <= 0) return whole; // zero, or not exact below 2^53
  const shift = digitExponent + places;
  if (shift < 0 || shift > 15) return -1;
  const units = whole * 10 ** shift;
  return units <= Number.MAX_SAFE_INTEGER ? units : -1;
}

/** The power of ten of the last digitsOf: |d| = digits × 10^digitExponent. */
let digitExponent = 0;

/**
 * A Decimal's digits without trailing zeros as a JavaScript integer, with their power of ten in
 * digitExponent (0.25 → 25 and -2; 1500 → 15 and 2; 0 → 0 and 0), or -1 when the digits are not an
 * exact integer below 2^53. One pass over the words (smallUnits reads an amount through it too), so the weights'
 * decimal places and their scaled values come from one reading.
 */
function digitsOf(d: Decimal): number {
  const words = d.d;
  const last = words.length - 1;
  digitExponent = 0;
  if (words[0] === 0) return 0;
  let digits = 1;
  for (let x = words[0]; x >= 10; x = Math.floor(x / 10)) digits++;
  let width = digits; // of the last word
  if (last > 0) {
    digits += 7 * last;
    width = 7;
  }
  let whole = 0;
  for (let i = 0; i < last; i++) {
    whole = whole * 1e7 + words[i];
    if (whole > Number.MAX_SAFE_INTEGER) return -1;
  }
  let tail = words[last];
  while (tail !== 0 && tail % 10 === 0) {
    tail /= 10;
    width--;
    digits--;
  }
  whole = whole * 10 ** width + tail;
  digitExponent = d.e - digits + 1;
  return whole <= Number.MAX_SAFE_INTEGER ? whole : -1;
}

/** `units` whole units of 10^-decimals as a Decimal: 12345, 2 → 123.45; never a negative zero. */
function fromUnits(units: number | bigint, decimals: number): Decimal {
  if (units === 0 || units === 0n) return ZERO;
  // Both kinds of integer print every digit exactly (a number below 2^53 has no fraction to lose).
  const negative = units < 0;
  const digits = (negative ? -units : units).toString();
  if (decimals === 0) return new Decimal(negative ? `-${digits}` : digits);
  const padded = digits.length > decimals ? digits : digits.padStart(decimals + 1, "0");
  const cut = padded.length - decimals;
  const text = `${padded.slice(0, cut)}.${padded.slice(cut)}`;
  return new Decimal(negative ? `-${text}` : text);
}

/**
 * The integer step of the split: `units` handed out by integer weights `w` summing to `total`,
 * each part the floor of its quota plus one where it gets a leftover unit. Written once for
 * plain numbers and once for BigInt, with the same steps, so both give the same answer.
 */
interface Division<T> {
  parts: T[];
  roundedUp: boolean[];
  leftover: number;
}

/**
 * Largest remainder on JavaScript numbers. The caller guarantees (units + 1) × total < 2^53.
 * `remainders` is scratch space of w.length numbers, reused from split to split.
 */
function divideNumbers(
  units: number,
  w: readonly number[],
  total: number,
  negative: boolean,
  remainders: number[],
): Division<number> {
  const n = w.length;
  const parts: number[] = new Array(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const numerator = units * w[i]; // exact: below 2^53
    // Exactly the floor of the quota: rounding never lifts a quotient up to the next whole
    // number k, as (k × total) ≤ numerator + total < 2^53 keeps k − quota ≥ 1/total above half
    // the spacing of doubles just below k; and it never drops one below k, which is a double.
    const q = Math.floor(numerator / total) + 0; // + 0: a weight of -0 gets 0, not -0
    parts[i] = q;
    remainders[i] = numerator - q * total;
    given += q;
  }
  const leftover = units - given;
  const roundedUp: boolean[] = new Array(n).fill(false);
  if (leftover > 0 && n <= FEW) {
    // Fewer than n units are left over: for a few partners, pick the largest remainders one by one.
    for (let k = 0; k < leftover; k++) {
      let best = -1;
      for (let i = 0; i < n; i++) {
        if (roundedUp[i] || remainders[i] === 0) continue;
        if (best < 0 || remainders[i] > remainders[best] || (remainders[i] === remainders[best] && w[i] > w[best]))
          best = i;
      }
      roundedUp[best] = true;
      parts[best] += 1;
    }
  } else if (leftover > 0) {
    const order: number[] = [];
    for (let i = 0; i < n; i++) if (remainders[i] !== 0) order.push(i);
    order.sort((a, b) => remainders[b] - remainders[a] || w[b] - w[a] || a - b);
    for (let k = 0; k < leftover; k++) {
      roundedUp[order[k]] = true;
      parts[order[k]] += 1;
    }
  }
  // 0 - q, not -q: a part of nothing is 0, never -0.
  if (negative) for (let i = 0; i < n; i++) parts[i] = 0 - parts[i];
  return { parts, roundedUp, leftover };
}

/** Up to this many partners the leftover units are placed by selection rather than a sort. */
const FEW = 16;

const compare = (a: bigint, b: bigint): number => (a > b ? 1 : a < b ? -1 : 0);

/** The same on BigInt, for amounts and weights whose products reach 2^53. */
function divideBigInts(units: bigint, w: readonly bigint[], total: bigint, negative: boolean): Division<bigint> {
  const n = w.length;
  const parts: bigint[] = new Array(n);
  const remainders: bigint[] = new Array(n);
  let given = 0n;
  for (let i = 0; i < n; i++) {
    const numerator = units * w[i];
    const q = numerator / total; // BigInt division rounds down: the floor of the quota
    parts[i] = q;
    remainders[i] = numerator - q * total;
    given += q;
  }
  // Fewer than n units remain, because each quota lost less than one unit to rounding down.
  const leftover = Number(units - given);
  const roundedUp: boolean[] = new Array(n).fill(false);
  if (leftover > 0) {
    const order: number[] = [];
    for (let i = 0; i < n; i++) if (remainders[i] !== 0n) order.push(i);
    order.sort((a, b) => compare(remainders[b], remainders[a]) || compare(w[b], w[a]) || a - b);
    for (let k = 0; k < leftover; k++) {
      roundedUp[order[k]] = true;
      parts[order[k]] += 1n;
    }
  }
  if (negative) for (let i = 0; i < n; i++) parts[i] = -parts[i];
  return { parts, roundedUp, leftover };
}

/** A split's result; the Decimal parts are made from the integer units when first asked for. */
class Split implements SplitDetail {
  // A plain field: `#private` compiles to a WeakMap under the ES2020 target, slower to make.
  private made: Decimal[] | undefined = undefined;
  constructor(
    readonly units: readonly number[] | readonly bigint[],
    readonly decimals: number,
    readonly roundedUp: boolean[],
    readonly leftover: number,
    readonly weights: Decimal[],
    readonly integers: "number" | "bigint",
  ) {}

  get parts(): Decimal[] {
    this.made ??= (this.units as readonly (number | bigint)[]).map((u) => fromUnits(u, this.decimals));
    return this.made;
  }
}

/** The weights of a split, checked and scaled to whole numbers once. */
interface Prepared {
  decimals: number;
  w: Decimal[];
  /** The scaled weights as JavaScript numbers, and their total, where `fast`. */
  wNumbers: number[];
  wTotalNumber: number;
  fast: boolean;
  /** The most units an amount may have for the number path. */
  maxUnits: number;
  /** As BigInt, made only when an amount needs them. */
  big?: { w: bigint[]; total: bigint };
}

/**
 * The most units an amount may have for the number path with weights totalling `total`:
 * (units + 1) × W < 2^53 keeps every product, and the sum of a product and W, exact (each weight
 * is at most W). floor(MAX / W), where the division may have rounded up by one: a product above
 * MAX is at least 2^53 as a double too, so the check is exact.
 */
function maxUnitsFor(total: number): number {
  let most = Math.floor(Number.MAX_SAFE_INTEGER / total);
  if (most * total > Number.MAX_SAFE_INTEGER) most--;
  return most - 1;
}

function prepare(weights: readonly Amount[], options: SplitOptions): Prepared {
  const decimals = options.decimals ?? 2;
  checkDecimals(decimals);
  const w = checkWeights(weights, options.field ?? "weights", options.labels);
  const n = w.length;

  // Scale the weights to whole numbers so each quota is an exact fraction units*w/W: each
  // weight's digits are read once (digitsOf), its decimal places are what its exponent says.
  let places = 0;
  const wholes: number[] = new Array(n);
  const exponents: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    wholes[i] = digitsOf(w[i]);
    exponents[i] = digitExponent;
    if (-digitExponent > places) places = -digitExponent;
  }
  // As numbers where every weight and their total are exact integers below 2^53.
  const wNumbers: number[] = new Array(n);
  let wTotalNumber = 0;
  for (let i = 0; i < n; i++) {
    const shift = exponents[i] + places;
    const x = wholes[i] < 0 || shift > 15 ? -1 : wholes[i] * 10 ** shift;
    wNumbers[i] = x <= Number.MAX_SAFE_INTEGER ? x : -1;
    wTotalNumber = wNumbers[i] < 0 ? Infinity : wTotalNumber + x;
  }
  const fast = options.integers !== "bigint" && wTotalNumber <= Number.MAX_SAFE_INTEGER;
  const maxUnits = fast ? maxUnitsFor(wTotalNumber) : -1;
  return { decimals, w, wNumbers, wTotalNumber, fast, maxUnits, big: undefined };
}

/** Splits one amount by prepared weights; `remainders` is scratch space of at least w.length numbers. */
function divide(p: Prepared, amount: Amount, remainders: number[]): SplitDetail {
  const { decimals, w } = p;
  const total = checkAmount(amount);
  if (total.decimalPlaces() > decimals) {
    throw new RuleError(
      "too-precise",
      { field: "amount" },
      `${total.toString()} has more than ${decimals} decimal places, so it cannot be split into parts of that precision; round it first`,
      "§1",
    );
  }
  const negative = total.isNegative();
  // Whole units to hand out (pence when decimals = 2).
  const small = p.fast ? smallUnits(total, decimals) : -1;
  if (small >= 0 && small <= p.maxUnits) {
    const { parts, roundedUp, leftover } = divideNumbers(small, p.wNumbers, p.wTotalNumber, negative, remainders);
    return new Split(parts, decimals, roundedUp, leftover, w, "number");
  }
  if (!p.big) {
    let places = 0;
    for (const d of w) places = Math.max(places, d.decimalPlaces());
    const wInt = w.map((d) => toUnits(d, places));
    p.big = { w: wInt, total: wInt.reduce((a, b) => a + b, 0n) };
  }
  const { parts, roundedUp, leftover } = divideBigInts(toUnits(total, decimals), p.big.w, p.big.total, negative);
  return new Split(parts, decimals, roundedUp, leftover, w, "bigint");
}

/** Scratch remainders for one split at a time (splitDetail, splitWholeNumbers): nothing in between calls out. */
let scratch: number[] = [];
function scratchOf(n: number): number[] {
  if (scratch.length < n) scratch = new Array(Math.max(n, 2 * scratch.length)).fill(0);
  return scratch;
}

/**
 * Checks the weights once and returns a function that splits any amount by them. Use it when
 * many amounts share one set of weights (every cost line of a service, every year of a profile).
 *
 * Amounts go in as Decimal (or a number or string) and come out as whole units (`units`, pence
 * when decimals = 2) and as Decimal (`parts`). In between, the split counts whole pence and
 * whole scaled weights as integers, never floating point: as JavaScript numbers while every
 * product stays below 2^53 (where they are exact), checked for each amount, and as BigInt beyond.
 */
export function prepareSplit(weights: readonly Amount[], options: SplitOptions = {}): (amount: Amount) => SplitDetail {
  const prepared = prepare(weights, options);
  const remainders: number[] = new Array(prepared.w.length).fill(0);
  return (amount: Amount): SplitDetail => divide(prepared, amount, remainders);
}

/**
 * The split of `units` whole units (pence; below zero for a negative amount) by weights that are
 * already whole numbers (all scaled by one power of ten), in whole units: exactly the parts
 * `splitDetail` gives for the same amount and weights, for a caller that holds integers (the Excel
 * adapter reads cells straight into them). Undefined where that is not the plain case: a weight
 * that is not a whole number from 0 up, none above zero, an amount that is not a whole number, or
 * a product that could reach 2^53. The caller then takes `splitDetail`, which gives the parts on
 * BigInt or says what is wrong.
 */
export function splitWholeNumbers(units: number, weights: readonly number[]): number[] | undefined {
  if (!Number.isSafeInteger(units) || weights.length === 0) return undefined;
  let total = 0;
  for (const x of weights) {
    if (!Number.isSafeInteger(x) || x < 0) return undefined;
    total += x;
  }
  if (total === 0 || total > Number.MAX_SAFE_INTEGER) return undefined;
  const magnitude = units < 0 ? -units : units + 0; // + 0: a -0 amount is 0, and no part -0
  if (magnitude > maxUnitsFor(total)) return undefined;
  return divideNumbers(magnitude, weights, total, units < 0, scratchOf(weights.length)).parts;
}

/**
 * The parts as JavaScript numbers, for Excel: each the double nearest the exact part, as
 * `part.toNumber()` gives, made straight from the whole units (below 2^53, one correctly
 * rounded division; beyond, their digits read as a number) without making Decimals.
 */
export function excelNumbers(detail: SplitDetail): number[] {
  // "12345e-2" is read as the double nearest 123.45 exactly, however many digits it has.
  if (detail.integers === "bigint")
    return (detail.units as readonly bigint[]).map((u) => Number(`${u}e-${detail.decimals}`));
  const scale = 10 ** detail.decimals;
  return (detail.units as readonly number[]).map((u) => u / scale);
}

/**
 * Each weight's proportion of the total, to `decimals` places (10 by default), split by the
 * same rule so the proportions sum exactly to 1.
 */
export function shares(weights: readonly Amount[], options: SplitOptions = {}): Decimal[] {
  return split(1, weights, { ...options, decimals: options.decimals ?? MAX_DECIMALS });
}
