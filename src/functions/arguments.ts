/**
 * Reading the arguments the SHARED functions have in common: amounts, decimal places, ranges that
 * must pair up cell by cell, and the partners of a split (weights, quality factors, include flags).
 * Each kind of argument also has a reader for the runner (runner.ts), so a function describes an
 * argument once: `amount("§4")`, `pairedWith("baselines", { rule: "§4" })`.
 */
import { Decimal, MAX_DECIMALS, RuleError, ZERO } from "../engine";
import {
  Cell,
  Cells,
  ReadOptions,
  cellsOf,
  describe,
  isBlank,
  isOmitted,
  readCell,
  readChoice,
  readNumbers,
  readWhole,
} from "./cells";
import type { Argument } from "./runner";

/** The addresses Excel gave for each argument, in order, when it gave them. */
export type Addresses = readonly (string | undefined)[];

/**
 * An amount to split. A blank cell is £0, nothing to split, as it is in Excel arithmetic, so a
 * template's formulas can be filled in before its amounts are.
 */
export function readAmount(value: Cell, field: string, rule = "§1"): Decimal {
  return readCell(value, { field, rule, blank: { value: ZERO } });
}

/** Decimal places of the results: 2 (pence) when omitted. */
export function readDecimals(value: Cell): number {
  return isOmitted(value) || isBlank(value) ? 2 : readWhole(value, "decimals", 0, MAX_DECIMALS, "§1");
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
const shapeOf = (c: Cells): string => `${plural(c.rows, "row")} × ${plural(c.columns, "column")}`;

/** A range that must give one value per partner in the same shape as `like`. */
export function pairedCells(
  argument: Cell,
  field: string,
  like: Cells,
  likeField: string,
  rule: string,
  address?: string,
): Cells {
  const cells = cellsOf(argument, address);
  if (cells.rows !== like.rows || cells.columns !== like.columns) {
    throw new RuleError(
      "size-mismatch",
      { field },
      `is ${shapeOf(cells)} but ${likeField} is ${shapeOf(like)}; give one value for each cell of ${likeField}, in the same shape`,
      rule,
    );
  }
  return cells;
}

/** What names the partners in messages: the cell of each one's value where Excel said, else its position. */
export function partnerNames(cells: Cells): string[] {
  return cells.values.map((_, i) => cells.addresses?.[i] ?? `partner ${i + 1}`);
}

/** The partners of a split: who is in, and each one's weight and quality factor. */
export interface Weighted {
  cells: Cells;
  /** The weights' shape, that results come back in. */
  rows: number;
  columns: number;
  /** Positions (reading order) of the partners included in the split. */
  included: number[];
  names: string[];
  weights: Decimal[];
  /** Quality factors of the included partners, when a quality range was given. */
  quality?: Decimal[];
}

/**
 * Reads weights, optional quality factors (a blank factor is 1, the standard service level) and
 * optional include flags (TRUE/FALSE, or a number: 0 is FALSE). Only included partners' weights and
 * factors are read, so a partner left out may have a blank weight.
 */
export function readWeighted(weights: Cell, quality: Cell, include: Cell, addresses: Addresses, at: number): Weighted {
  const cells = cellsOf(weights, addresses[at]);
  const flags = isOmitted(include)
    ? undefined
    : pairedCells(include, "include", cells, "weights", "§2", addresses[at + 2]);
  const included = cells.values.map((_, i) => i).filter((i) => flags === undefined || readFlag(flags, i));
  if (included.length === 0) {
    throw new RuleError(
      "empty",
      { field: "include" },
      "leaves out every partner, so there is no one to split between",
      "§2",
    );
  }
  const only = (c: Cells): Cells => ({
    ...c,
    values: included.map((i) => c.values[i]),
    addresses: c.addresses && included.map((i) => c.addresses![i]),
  });
  const names = partnerNames(cells);
  const read = {
    rows: cells.rows,
    columns: cells.columns,
    names: included.map((i) => names[i]),
    weights: readNumbers(only(cells), { field: "weights", rule: "§2", nonNegative: true }),
  };
  if (isOmitted(quality)) return { cells, included, ...read };
  const factors = pairedCells(quality, "quality", cells, "weights", "§2", addresses[at + 1]);
  return {
    cells,
    included,
    ...read,
    quality: readNumbers(only(factors), {
      field: "quality",
      rule: "§2",
      nonNegative: true,
      blank: { value: new Decimal(1) },
    }),
  };
}

/** An include flag: TRUE/FALSE or a number (0 is FALSE), as Excel's FILTER reads them; blank is an error. */
function readFlag(flags: Cells, index: number): boolean {
  const value = flags.values[index];
  if (typeof value === "boolean") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value !== 0;
  const what = isBlank(value) ? "is blank" : `is ${describe(value)}`;
  throw new RuleError(
    "not-a-number",
    { field: "include", index, partner: flags.addresses?.[index] },
    `${what}; enter TRUE to include the partner or FALSE to leave it out`,
    "§2",
  );
}

/** Results for every partner in the weights' shape: the included partners' values, `none` for the others. */
export function spread<T>(w: Weighted, values: readonly T[], none: T): T[] {
  const out = w.cells.values.map(() => none);
  w.included.forEach((at, k) => (out[at] = values[k]));
  return out;
}

// ---- Readers for the runner: each argument described once --------------------------------------

/** How a range's cells are read as numbers: the rule they serve, blanks, negatives. */
export type NumbersRule = Omit<ReadOptions, "field">;

/** A range argument: its cells, and its numbers, read by the rule it was described with when asked. */
export interface Range extends Cells {
  numbers(): Decimal[];
}

const asRange = (cells: Cells, field: string, rule: NumbersRule): Range => ({
  ...cells,
  numbers: () => readNumbers(cells, { field, ...rule }),
});

/** An amount to split (a blank cell is £0). */
export const amount =
  (rule = "§1"): Argument<Decimal> =>
  ({ value, field }) =>
    readAmount(value, field, rule);

/** Decimal places of the results: 2 unless given. */
export const decimals: Argument<number> = ({ value }) => readDecimals(value);

/** A range of one value per partner or year, in a row or a column. */
export const range =
  (rule: NumbersRule): Argument<Range> =>
  ({ value, field, address }) =>
    asRange(cellsOf(value, address), field, rule);

/** A range that must have the shape of the range argument `like`. */
export const pairedWith =
  (like: string, rule: NumbersRule): Argument<Range> =>
  ({ value, field, address, read }) =>
    asRange(pairedCells(value, field, read(like) as Cells, like, rule.rule, address), field, rule);

/** An optional argument: undefined when left out. */
export const optional =
  <T>(argument: Argument<T>): Argument<T | undefined> =>
  (passed) =>
    isOmitted(passed.value) ? undefined : argument(passed);

/** One of a list of text choices; undefined for a blank, so the function applies its default. */
export const choice =
  <T extends string>(choices: readonly T[], rule: string): Argument<T | undefined> =>
  ({ value, field }) =>
    readChoice(value, field, choices, rule);

/** A whole number from `min` to `max`. */
export const whole =
  (min: number, max: number, rule: string): Argument<number> =>
  ({ value, field }) =>
    readWhole(value, field, min, max, rule);

/** Passed as Excel gave it, for the function (or another argument's reader) to read. */
export const asPassed: Argument<Cell> = ({ value }) => value;

/** Weights, with the quality factors and include flags of the arguments so named (read with them). */
export const weighted =
  (quality = "quality", include = "include"): Argument<Weighted> =>
  ({ value, address, raw }) => {
    const q = raw(quality);
    const i = raw(include);
    return readWeighted(value, q.value, i.value, [address, q.address, i.address], 0);
  };
