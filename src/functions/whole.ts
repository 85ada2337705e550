/**
 * SHARED.APPORTION's everyday case without a Decimal: plain numbers in the cells, read straight
 * into whole units (excelWhole, at Excel's 15 significant digits, as every other reading) and split
 * by the engine on integers (splitWholeNumbers). The parts are exactly those of the full reading in
 * functions.ts (a test compares the two on random calls): reading a cell into a Decimal cost four
 * times the split itself. Anything else (a blank or text weight, a negative, more decimal places
 * than the amount may have, a number beyond 15 digits, products reaching 2^53, a range of another
 * shape) gives undefined, and the full reading answers, or says at which cell what is wrong.
 */
import { MAX_DECIMALS, splitWholeNumbers } from "../engine";
import { Cell, excelWhole, isBlank, isOmitted, scaleUp } from "./cells";

/** A rectangular range as Excel passes it, or undefined (a single value, ragged rows). */
function rectangle(value: Cell): readonly (readonly Cell[])[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const rows = value as readonly unknown[];
  const first = rows[0];
  if (!Array.isArray(first) || first.length === 0) return undefined;
  for (const row of rows) if (!Array.isArray(row) || row.length !== first.length) return undefined;
  return rows as readonly (readonly Cell[])[];
}

/** Scratch for the cells' digits and decimal places, reused from call to call. */
let digits: number[] = [];
let places: number[] = [];

/**
 * Reads the included cells of `range` (positions `at`) into whole numbers all scaled by one power
 * of ten, into `into`; `blank` is what a blank cell is (undefined: not a plain case). is not a plain number from 0 up. Returns the power of ten they were scaled by, or -1 when a
 * cell is not a plain number from 0 up.
 */
function wholeNumbers(
  range: readonly (readonly Cell[])[],
  at: readonly number[],
  blank: number | undefined,
  into: number[],
): number {
  const columns = range[0].length;
  if (digits.length < at.length) {
    digits = new Array(at.length).fill(0);
    places = new Array(at.length).fill(0);
  }
  let most = 0;
  for (let k = 0; k < at.length; k++) {
    const value = range[Math.floor(at[k] / columns)][at[k] % columns];
    let p: number;
    if (typeof value === "number" && value >= 0) {
      p = excelWhole(value);
      if (p < 0) return -1;
      digits[k] = excelWhole.units;
    } else if (blank !== undefined && isBlank(value)) {
      p = 0;
      digits[k] = blank;
    } else return -1;
    places[k] = p;
    if (p > most) most = p;
  }
  for (let k = 0; k < at.length; k++) {
    into[k] = scaleUp(digits[k], most - places[k]);
    if (Number.isNaN(into[k])) return -1;
  }
  return most;
}

/** The parts of APPORTION(amount, weights, [quality], [include], [decimals]), or undefined. */
export function apportionWhole(
  amount: Cell,
  weights: Cell,
  quality: Cell,
  include: Cell,
  decimals: Cell,
): number[][] | undefined {
  let d = 2;
  if (!isOmitted(decimals) && !isBlank(decimals)) {
    if (typeof decimals !== "number" || !Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS)
      return undefined;
    d = decimals;
  }
  // The amount in whole units of the last place (pence): a blank amount is £0.
  let units = 0;
  if (typeof amount === "number") {
    const p = excelWhole(amount);
    if (p < 0 || p > d) return undefined;
    units = scaleUp(excelWhole.units, d - p);
    if (Number.isNaN(units)) return undefined;
  } else if (!isBlank(amount)) return undefined;

  const w = rectangle(weights);
  if (!w) return undefined;
  const rows = w.length;
  const columns = w[0].length;
  const count = rows * columns;
  const sameShape = (r: readonly (readonly Cell[])[] | undefined): boolean =>
    r !== undefined && r.length === rows && r[0].length === columns;

  // Who is in: everyone, or those whose flag is TRUE or a number other than 0.
  const at: number[] = [];
  if (isOmitted(include)) for (let i = 0; i < count; i++) at.push(i);
  else {
    const flags = rectangle(include);
    if (!flags || !sameShape(flags)) return undefined;
    for (let i = 0; i < count; i++) {
      const flag = flags[Math.floor(i / columns)][i % columns];
      let included: boolean;
      if (typeof flag === "boolean") included = flag;
      else if (typeof flag === "number" && Number.isFinite(flag)) included = flag !== 0;
      else return undefined;
      if (included) at.push(i);
    }
    if (at.length === 0) return undefined;
  }

  const by: number[] = new Array(at.length);
  const scale = wholeNumbers(w, at, undefined, by);
  if (scale < 0) return undefined;
  if (!isOmitted(quality)) {
    // Demand: weight × quality factor (a blank factor is 1), both whole, so their product is too.
    const q = rectangle(quality);
    if (!q || !sameShape(q)) return undefined;
    const factors: number[] = new Array(at.length);
    const qScale = wholeNumbers(q, at, 1, factors);
    if (qScale < 0) return undefined;
    for (let k = 0; k < at.length; k++) {
      by[k] *= factors[k];
      if (!Number.isSafeInteger(by[k])) return undefined;
    }
    // Scaled by 10^(places of the weights + places of the factors), more than the products may
    // need (0.25 × 1.2 = 0.3): scale back while every one is a multiple of ten, so the products
    // stay as small as the engine's, and on JavaScript numbers wherever the engine's are.
    for (let s = scale + qScale; s > 0 && by.every((x) => x % 10 === 0); s--)
      for (let k = 0; k < by.length; k++) by[k] /= 10;
  }

  const parts = splitWholeNumbers(units, by);
  if (!parts) return undefined;
  // Each part as the double nearest it, as excelNumbers gives it; a partner left out gets 0.
  const pence = 10 ** d;
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) out.push(new Array(columns).fill(0));
  for (let k = 0; k < at.length; k++) out[Math.floor(at[k] / columns)][at[k] % columns] = parts[k] / pence;
  return out;
}
