/**
 * The Excel boundary: what a custom function receives from cells and what it hands back. This is
 * the only place in the function layer where money is a JavaScript number; everything past it is
 * the engine's Decimal.
 *
 * How cell contents are read, one rule for every function (the README documents it):
 * - a number is read at Excel's own precision, 15 significant digits, so the binary noise of a
 *   calculated cell (0.1 + 0.2 = 0.30000000000000004) does not count as a fraction of a penny;
 * - a blank cell (or a formula returning "") is an error naming the cell, except where the
 *   argument says otherwise (a blank quality factor is 1, a blank phasing year is 0%);
 * - text, TRUE/FALSE and Excel errors in a number cell are errors naming the cell; numbers stored
 *   as text are not guessed at. (Excel itself passes an error in a range straight through to the
 *   result without calling the function, as SUM does; the check here covers hosts that do not.)
 */
import { Decimal, RuleError } from "../engine";

/**
 * A cell value as Excel passes it to a custom function: a number, text, TRUE/FALSE, null or "" for
 * a blank, or an error value. Arguments are declared `unknown` because Excel may pass any of these.
 */
export type Cell = unknown;

/** An Excel error value (#DIV/0!, #N/A…) as a runtime may pass it: an object with a code. */
export interface ErrorValue {
  code: string;
  message?: string;
}

/** A range as Excel passes it: rows of cells. */
export type Matrix = readonly (readonly Cell[])[];

/** Where a range's cells are: its sheet and top-left cell, for error messages. */
export interface RangeAt {
  sheet?: string;
  row: number; // 1-based
  column: number; // 1-based
}

export function isBlank(value: Cell): boolean {
  return value === null || value === undefined || value === "";
}

function isErrorValue(value: Cell): value is ErrorValue {
  return typeof value === "object" && value !== null && typeof (value as ErrorValue).code === "string";
}

/**
 * A data type as Excel passes one where functions.json allows them (an entity or linked entity such
 * as Stocks or Geography, a formatted number): an object with a `type`. The add-in does not turn that
 * on (webpack.config.js), so Excel should pass the plain value; one arriving anyway is named plainly.
 */
interface DataTypeValue {
  type: string;
  text?: unknown;
  basicValue?: unknown;
}

function isDataType(value: Cell): value is DataTypeValue {
  return typeof value === "object" && value !== null && typeof (value as DataTypeValue).type === "string";
}

/** "a linked data type (Microsoft Corp)": what a data type is, for a message. */
function dataTypeText(value: DataTypeValue): string {
  const kind = /linked/i.test(value.type) ? "a linked data type" : `a data type (${value.type})`;
  const shown = typeof value.text === "string" ? value.text : value.basicValue;
  return typeof shown === "string" || typeof shown === "number" ? `${kind}, "${shown}"` : kind;
}

/** A JavaScript number from Excel as a Decimal, at Excel's precision of 15 significant digits. */
export function fromExcelNumber(value: number): Decimal {
  return new Decimal(value.toPrecision(15));
}

/** 10^0 … 10^15, each exact as a double. */
const POWERS = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * The decimal places of a number from Excel read as fromExcelNumber reads it (15 significant
 * digits), with its digits as a whole number in `excelWhole.units`, without making a Decimal: -1
 * when that reading needs more than 15 places or 15 digits, or the number is not finite (then
 * fromExcelNumber reads it). Exact: a whole u below 10^15 with u / 10^k === value is a decimal of
 * at most 15 significant digits whose nearest double is the value (the division of two exact
 * doubles is correctly rounded), and every such decimal is what toPrecision(15) gives back for
 * that double (15 digits always survive the round trip through a double), so it is the same
 * number fromExcelNumber makes. -0 reads as 0.
 */
export function excelWhole(value: number): number {
  for (let k = 0; k < POWERS.length; k++) {
    const u = Math.round(value * POWERS[k]);
    if (!(u > -1e15 && u < 1e15)) return -1; // also NaN and ±Infinity
    if (u / POWERS[k] === value) {
      excelWhole.units = u + 0;
      return k;
    }
  }
  return -1;
}
/** The digits the last excelWhole read (a number reused, so reading a cell makes no object). */
excelWhole.units = 0;

/** `units` × 10^shift as an exact integer below 2^53, or NaN. */
export function scaleUp(units: number, shift: number): number {
  const scaled = units * POWERS[shift];
  return shift < POWERS.length && Number.isSafeInteger(scaled) ? scaled : NaN;
}

/** A Decimal as the number Excel stores: pence amounts and 10-place shares are exact in a double's digits. */
export function toExcelNumber(value: Decimal): number {
  return value.toNumber();
}

/** A range's cells in reading order (row by row), with its shape so results can be given back in it. */
export interface Cells {
  values: Cell[];
  rows: number;
  columns: number;
  /** Where each cell is, when Excel said where the argument came from. */
  addresses?: string[];
}

/** Reads a range argument (or a single value, as a 1×1 range). */
export function cellsOf(argument: Cell, address?: string): Cells {
  const matrix: Matrix = Array.isArray(argument) ? (argument as Matrix) : [[argument]];
  const rows = matrix.length;
  const columns = rows === 0 ? 0 : matrix[0].length;
  const values: Cell[] = [];
  for (const row of matrix) for (const cell of row) values.push(cell);
  const at = address === undefined ? undefined : parseAddress(address);
  return {
    values,
    rows,
    columns,
    addresses: at && values.length === rows * columns ? values.map((_, i) => cellAddress(at, i, columns)) : undefined,
  };
}

/** Results in the shape of the input range: a row in, a row out; a column in, a column out. */
export function inShape<T>(cells: Pick<Cells, "rows" | "columns">, values: readonly T[]): T[][] {
  return Array.from({ length: cells.rows }, (_, r) => values.slice(r * cells.columns, (r + 1) * cells.columns));
}

/** What to make of a blank cell: an error, or a stated default. */
export type Blank = { error: string } | { value: Decimal };

export interface ReadOptions {
  /** The argument's name as the user sees it in Excel's function help, e.g. "weights". */
  field: string;
  /** RULES.md section the value serves. */
  rule: string;
  blank?: Blank;
  /** Reject values below zero (weights, quality factors, phasing). */
  nonNegative?: boolean;
}

/**
 * Reads every cell of a range as a Decimal, or throws a RuleError naming the argument, the item
 * (counted from 1, in reading order) and, where Excel gave it, the cell.
 */
export function readNumbers(cells: Cells, options: ReadOptions): Decimal[] {
  return cells.values.map((value, index) => readCell(value, options, index, cells.addresses?.[index]));
}

/** Reads one cell; `index` and `address` say where it is for the error message. */
export function readCell(value: Cell, options: ReadOptions, index?: number, address?: string): Decimal {
  const location = { field: options.field, index, partner: address };
  const fail = (code: "not-a-number" | "missing" | "negative", detail: string): never => {
    throw new RuleError(code, location, detail, options.rule);
  };
  if (isBlank(value)) {
    const blank = options.blank ?? { error: "is blank; enter a number" };
    if ("value" in blank) return blank.value;
    return fail("missing", blank.error);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return fail("not-a-number", `is not a number (${value})`);
    const d = fromExcelNumber(value);
    if (options.nonNegative && d.isNegative() && !d.isZero()) return fail("negative", `is negative (${d.toString()})`);
    return d;
  }
  if (typeof value === "boolean") return fail("not-a-number", `is ${value ? "TRUE" : "FALSE"}, not a number`);
  if (typeof value === "string")
    return fail("not-a-number", `is text ("${value}"), not a number; retype it as a number`);
  if (isErrorValue(value)) return fail("not-a-number", `is the Excel error ${value.code}; correct that cell first`);
  if (isDataType(value))
    return fail(
      "not-a-number",
      `is ${dataTypeText(value)}, not a number; refer to one of its fields that is a number instead (e.g. =A2.Population)`,
    );
  return fail("not-a-number", `is not a number (${String(value)})`);
}

/** An optional argument left out: Excel passes null for it. */
export function isOmitted(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** A whole number within bounds (a count of partners or years, a position, decimal places). */
export function readWhole(value: Cell, field: string, min: number, max: number, rule: string): number {
  const d = readCell(value, { field, rule });
  if (!d.isInteger() || d.lessThan(min) || d.greaterThan(max)) {
    throw new RuleError(
      "bad-choice",
      { field },
      `must be a whole number from ${min} to ${max} (got ${d.toString()})`,
      rule,
    );
  }
  return d.toNumber();
}

/**
 * One of a list of text choices (a view, a cause), in any case and spacing; blank or omitted
 * gives undefined so the caller can apply its default.
 */
export function readChoice<T extends string>(
  value: Cell,
  field: string,
  choices: readonly T[],
  rule: string,
): T | undefined {
  if (isBlank(value)) return undefined;
  const text = typeof value === "string" ? value.trim().toLowerCase() : undefined;
  const found = choices.find((c) => c === text);
  if (found === undefined) {
    const list = choices.map((c) => `"${c}"`).join(", ");
    throw new RuleError("bad-choice", { field }, `must be one of ${list} (got ${describe(value)})`, rule);
  }
  return found;
}

/** A value as a user would recognise it in a message: text in quotes, TRUE/FALSE, numbers as typed. */
export function describe(value: Cell): string {
  if (typeof value === "string") return `"${value}"`;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (isErrorValue(value)) return value.code;
  if (isDataType(value)) return dataTypeText(value);
  return String(value);
}

// ---- Cell addresses -------------------------------------------------------------------------

/** "C" → 3, "AA" → 27. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 3 → "C", 27 → "AA". */
export function columnLetters(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * Reads the top-left cell of an address as Excel gives it ("Budget!B2:D2", "'Rules 2025'!$C$5",
 * "B2"); undefined for anything else (an array constant has no address).
 */
export function parseAddress(address: string): RangeAt | undefined {
  const match = /^(?:(.+)!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?[A-Za-z]{1,3}\$?\d+)?$/.exec(address.trim());
  if (!match) return undefined;
  return { sheet: match[1], row: Number(match[3]), column: columnNumber(match[2]) };
}

/** The address of the `index`th cell (reading order) of a range `columns` wide starting at `at`. */
export function cellAddress(at: RangeAt, index: number, columns: number): string {
  const row = at.row + Math.floor(index / columns);
  const column = at.column + (index % columns);
  return `${at.sheet === undefined ? "" : `${at.sheet}!`}${columnLetters(column)}${row}`;
}
