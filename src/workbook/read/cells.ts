/**
 * Reading single cells: numbers at Excel's precision, money in pounds, text, with every failure a
 * Problem naming the cell. Callers decide what a blank means before asking for a number.
 */
import { Decimal, type Scenario } from "../../engine";
import {
  CellRef,
  CellValue,
  SheetGrid,
  cellAt,
  dateText,
  formatAt,
  isBlankCell,
  isDateFormat,
  isErrorCell,
  isUncalculated,
  showsAsDate,
} from "../grid";
import { poundsText } from "../format";
import type { Field, MoneyCell, Units, UnitsRead } from "../inputs";
import { Problem, problemAt } from "../problems";

/** Where a reader is: the sheet being read and the list every problem goes into. */
export interface Reading {
  grid: SheetGrid;
  problems: Problem[];
  notes: string[];
  /** The user's column choices for this sheet: field → heading text as written (ReadOptions.columns). */
  columns?: Partial<Record<Field, string>>;
  /** Which end of a range an estimate takes (RULES.md §1); mid-range unless chosen. */
  scenario?: Scenario;
  /** Every estimate read as a range, so the other scenarios are worked out only when there is one. */
  ranges?: { at: CellRef; what: string }[];
  /** The units read for each sheet's money columns, for the Audit sheet. */
  units?: UnitsRead[];
}

export const ref = (sheet: string, row: number, column: number): CellRef => ({ sheet, row, column });

/** Pushes an error (or warning) at a cell or sheet. */
export function report(
  r: Reading,
  at: CellRef | { sheet: string },
  message: string,
  fix: string,
  rule?: string,
  severity: Problem["severity"] = "error",
): undefined {
  r.problems.push(problemAt(at, message, fix, { rule: rule === undefined ? undefined : `RULES.md ${rule}`, severity }));
  return undefined;
}

/** A JavaScript number from Excel at Excel's 15 significant digits, as src/functions/cells.ts reads it. */
export const fromExcelNumber = (n: number): Decimal => new Decimal(n.toPrecision(15));

/** A value as a user recognises it in a message: text in quotes, TRUE/FALSE, #REF!, numbers as typed. */
export function shown(value: CellValue): string {
  if (typeof value === "string") return `"${value}"`;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (isErrorCell(value)) return value.error;
  if (isUncalculated(value)) return `a formula with no calculated value (${value.formula})`;
  return value === null ? "blank" : fromExcelNumber(value).toString();
}

/**
 * Reports a cell that holds an Excel error. #BUSY! and #NAME? are what Excel shows for a formula it
 * has not worked out yet (#BUSY! while custom functions calculate, #NAME? before the add-in's
 * functions are registered), so those say "not calculated yet" and to check again, not to fix it.
 */
export function excelError(r: Reading, at: CellRef, what: string, error: string, rule?: string): undefined {
  if (error === "#BUSY!")
    return report(
      r,
      at,
      `${what} is not calculated yet: Excel shows #BUSY! while it works the formula out.`,
      "Wait until Excel has finished calculating, then check again.",
      rule,
    );
  if (error === "#NAME?")
    return report(
      r,
      at,
      `${what} is not calculated yet, or its formula names something Excel does not know: Excel shows #NAME?.`,
      "If it uses the add-in's SHARED functions, wait until the add-in has loaded and Excel has recalculated (Ctrl+Alt+F9), then check again; otherwise correct the formula.",
      rule,
    );
  return report(
    r,
    at,
    `${what} is the Excel error ${error}.`,
    "Correct the formula or value in that cell first.",
    rule,
  );
}

/**
 * The largest amount read, in pounds: below £1,000,000,000,000 every amount in pence has at most
 * 14 digits, so it and sums of up to ten such amounts stay exact to the penny through the 15
 * significant digits of Excel's numbers. Larger is refused at its cell (RULES.md §1).
 */
export const MAX_AMOUNT = new Decimal("1e12");

/** A number the cell's format shows as a date ("1 Apr 2011"), else undefined. */
export function dateShown(r: Reading, at: CellRef): string | undefined {
  const value = cellAt(r.grid, at.row, at.column);
  return typeof value === "number" && showsAsDate(value) && isDateFormat(formatAt(r.grid, at.row, at.column))
    ? dateText(value)
    : undefined;
}

/** Reports a formula with no saved result (a file never calculated in Excel): there is no value to read. */
export function uncalculated(r: Reading, at: CellRef, what: string, formula: string, rule?: string): undefined {
  return report(
    r,
    at,
    `${what} is a formula (${formula}) with no calculated value: the file was saved by a program that does not calculate.`,
    "Open and save the file in Excel, or type the value.",
    rule,
  );
}

/** Reports a date where a number belongs: Excel holds 1 April 2011 as 40,634, which must not count as one. */
export function aDate(r: Reading, at: CellRef, what: string, date: string, expected: string, rule?: string): undefined {
  return report(
    r,
    at,
    `${what} is a date (${date}), not ${expected}.`,
    "Enter the number; if the cell shows a date only because of its format, format it as Number (Home › Number Format).",
    rule,
  );
}

/** Text that a finance officer meant as a number ("1,234", "£5,000", "(12)"). */
const NUMBER_AS_TEXT = /^\s*[-(]?\s*£?\s*[\d,]*\.?\d+\s*\)?\s*%?\s*$/;

/** Reports a cell that should hold a number but does not (the cell is known not to be blank). */
export function notANumber(
  r: Reading,
  value: CellValue,
  at: CellRef,
  what: string,
  rule?: string,
  expected = "a number",
): undefined {
  const date = dateShown(r, at);
  if (date !== undefined) return aDate(r, at, what, date, expected, rule);
  if (isUncalculated(value)) return uncalculated(r, at, what, value.formula, rule);
  if (isErrorCell(value)) {
    excelError(r, at, what, value.error, rule);
  } else if (typeof value === "boolean") {
    report(r, at, `${what} is ${shown(value)}, not a number.`, "Enter a number.", rule);
  } else if (typeof value === "string" && NUMBER_AS_TEXT.test(value)) {
    report(
      r,
      at,
      `${what} is text (${shown(value)}), not a number.`,
      "Retype it as a number: a number stored as text (often marked with a green triangle) is not counted.",
      rule,
    );
  } else {
    report(r, at, `${what} is text (${shown(value)}), not a number.`, "Enter a number.", rule);
  }
  return undefined;
}

/** A non-blank cell as a number, or undefined after reporting why it is not one. */
export function readNumber(
  r: Reading,
  at: CellRef,
  what: string,
  rule?: string,
  expected = "a number",
): Decimal | undefined {
  const value = cellAt(r.grid, at.row, at.column);
  if (typeof value === "number" && Number.isFinite(value) && dateShown(r, at) === undefined)
    return fromExcelNumber(value);
  return notANumber(r, value, at, what, rule, expected);
}

/** A number that must not be below zero (FTE, quantity, quality, a measure). */
export function readNonNegative(r: Reading, at: CellRef, what: string, rule: string): Decimal | undefined {
  const n = readNumber(r, at, what, rule);
  if (n !== undefined && n.isNegative() && !n.isZero()) {
    report(r, at, `${what} is negative (${n.toString()}).`, "Enter zero or more.", rule);
    return undefined;
  }
  return n;
}

/** A non-blank money cell, scaled to pounds, at most to the penny. */
export function readMoney(r: Reading, at: CellRef, what: string, units: Units): MoneyCell | undefined {
  const n = readNumber(r, at, what, undefined, "an amount");
  if (n === undefined) return undefined;
  const value = units === "thousands" ? n.times(1000) : n;
  if (value.abs().greaterThanOrEqualTo(MAX_AMOUNT)) {
    // Past £1e15 the digits would fill the message: the number as Excel shows it instead.
    const huge = value.abs().greaterThanOrEqualTo("1e15");
    const inPounds =
      units === "thousands"
        ? `${huge ? n.toExponential() : n.toString()} thousand${huge ? "" : ` (${poundsText(value)})`}`
        : huge
          ? `£${n.toExponential()}`
          : poundsText(value);
    report(
      r,
      at,
      `${what} is ${inPounds}, more than the largest amount the add-in reads (under £1,000,000,000,000).`,
      "Check the figure and its units: amounts must be under £1 trillion for every penny to stay exact in Excel.",
      "§1",
    );
    return undefined;
  }
  if (value.decimalPlaces() > 2) {
    const inPounds =
      units === "thousands" ? ` (${n.toString()} thousand, ${poundsText(value)})` : ` (${poundsText(value)})`;
    const fix =
      units === "thousands"
        ? "Round it to the penny: in a £000s sheet that is at most 5 decimal places."
        : "Round it to pence (2 decimal places), for example with =ROUND(…, 2).";
    report(r, at, `${what} has fractions of a penny${inPounds}.`, fix, "§1");
    return undefined;
  }
  return { value, at, units };
}

/** A text cell trimmed (a number as its digits); undefined for a blank; an Excel error is reported. */
export function readText(r: Reading, at: CellRef, what: string): string | undefined {
  const value = cellAt(r.grid, at.row, at.column);
  if (value === null || isBlankCell(value)) return undefined;
  if (isErrorCell(value)) {
    return excelError(r, at, what, value.error);
  }
  if (isUncalculated(value)) return uncalculated(r, at, what, value.formula);
  if (typeof value === "number") return dateShown(r, at) ?? fromExcelNumber(value).toString();
  if (typeof value === "boolean") return shown(value);
  return value.trim().replace(/\s+/g, " ");
}

/** True when every cell of the row within the given columns is blank. */
export function rowIsBlank(grid: SheetGrid, row: number, columns: readonly number[]): boolean {
  return columns.every((c) => isBlankCell(cellAt(grid, row, c)));
}

/** Names compared as a finance officer would: case and spacing do not matter. */
export const nameKey = (name: string): string => name.trim().replace(/\s+/g, " ").toLowerCase();

/** "Westminster, Kensington & Chelsea and Hammersmith & Fulham". */
export function listed(items: readonly string[], and = "and"): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} ${and} ${items[items.length - 1]}`;
}
