/**
 * Reading single cells: numbers at Excel's precision, money in pounds, text, with every failure a
 * Problem naming the cell. Callers decide what a blank means before asking for a number.
 */
import { Decimal } from "../../engine";
import { CellRef, CellValue, SheetGrid, cellAt, isBlankCell, isErrorCell } from "../grid";
import { poundsText } from "../format";
import type { Field, MoneyCell, Units } from "../inputs";
import { Problem, problemAt } from "../problems";

/** Where a reader is: the sheet being read and the list every problem goes into. */
export interface Reading {
  grid: SheetGrid;
  problems: Problem[];
  notes: string[];
  /** The user's column choices for this sheet: field → heading text as written (ReadOptions.columns). */
  columns?: Partial<Record<Field, string>>;
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

/** Text that a finance officer meant as a number ("1,234", "£5,000", "(12)"). */
const NUMBER_AS_TEXT = /^\s*[-(]?\s*£?\s*[\d,]*\.?\d+\s*\)?\s*%?\s*$/;

/** Reports a cell that should hold a number but does not (the cell is known not to be blank). */
export function notANumber(r: Reading, value: CellValue, at: CellRef, what: string, rule?: string): undefined {
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
export function readNumber(r: Reading, at: CellRef, what: string, rule?: string): Decimal | undefined {
  const value = cellAt(r.grid, at.row, at.column);
  if (typeof value === "number" && Number.isFinite(value)) return fromExcelNumber(value);
  return notANumber(r, value, at, what, rule);
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
  const n = readNumber(r, at, what);
  if (n === undefined) return undefined;
  const value = units === "thousands" ? n.times(1000) : n;
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
  if (typeof value === "number") return fromExcelNumber(value).toString();
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
