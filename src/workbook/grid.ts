/**
 * A workbook's sheets as plain values, the form both adapters (Office.js in Excel, ExcelJS for
 * .xlsx files) read into and the pure reading and planning code works on. No Office import here.
 */

/** An Excel error value in a cell (#DIV/0!, #N/A, #REF!…). */
export interface ErrorCell {
  error: string;
}

/**
 * A formula whose result the file does not hold: a workbook written by a program and never
 * opened and saved in Excel. It is not blank, and it has no value to read.
 */
export interface UncalculatedCell {
  formula: string;
}

/**
 * What a cell holds, as Excel holds it: a number (a date is a number whose format is a date
 * format, see SheetGrid.formats), text, TRUE/FALSE, an error, a formula with no saved result, or
 * null for a blank cell. A formula cell gives its calculated value.
 */
export type CellValue = number | string | boolean | null | ErrorCell | UncalculatedCell;

/** A block of cells, 1-based and inclusive: a merged range. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One sheet's used values. values[0][0] is cell A1; rows may be ragged or shorter than the sheet. */
export interface SheetGrid {
  name: string;
  values: CellValue[][];
  /**
   * Number formats of the number cells whose format is not General, laid out like values (absent
   * where General or unknown). Only the format says that a number is a date or a percentage.
   */
  formats?: (string | undefined)[][];
  /** Merged ranges, where the adapter can see them (the .xlsx reader; Office.js before ExcelApi 1.13 cannot). */
  merges?: CellRange[];
}

export function isUncalculated(value: CellValue | undefined): value is UncalculatedCell {
  return typeof value === "object" && value !== null && typeof (value as UncalculatedCell).formula === "string";
}

/** The number format at 1-based row and column; "General" where none is known. */
export function formatAt(grid: SheetGrid, row: number, column: number): string {
  return grid.formats?.[row - 1]?.[column - 1] ?? "General";
}

/** A format's codes without its literal parts: "quoted text", \x escapes, _x spacing, *x fill, [Red] or [$£-809]. */
function formatCodes(format: string): string {
  return format
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "")
    .replace(/\[(?!h+\]|m+\]|s+\])[^\]]*\]/gi, "");
}

/**
 * Whether Excel shows a number in this format as a date or time (d, m, y, h or s codes, as
 * ExcelJS decides when it reads a file): "dd/mm/yyyy", "d-mmm-yy", "h:mm", "[h]:mm".
 */
export function isDateFormat(format: string): boolean {
  if (/^\s*general\s*$/i.test(format)) return false;
  return /[dmyhs]/i.test(formatCodes(format).replace(/E[+-]/gi, ""));
}

/** Whether Excel shows a number in this format as a percentage (20% for 0.2). */
export const isPercentFormat = (format: string): boolean => formatCodes(format).includes("%");

/** Serials Excel can show as a date: 0 (its "0 January 1900") to 31 December 9999; others show as ####. */
export const showsAsDate = (serial: number): boolean => serial >= 0 && serial < 2_958_466;

const MONTH_ABBREVIATIONS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * An Excel date serial (1900 date system) as a message shows it: "1 Apr 2011", with the time when
 * it has one ("1 Apr 2011 12:00"). Serial 60 is Excel's phantom 29 February 1900.
 */
export function dateText(serial: number): string {
  if (Math.floor(serial) === 60) return "29 Feb 1900";
  const days = Math.floor(serial) - (serial < 60 ? 1 : 2); // Excel counts a 29 February 1900
  const date = new Date(Date.UTC(1900, 0, 1) + days * 86_400_000);
  const day = `${date.getUTCDate()} ${MONTH_ABBREVIATIONS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  const minutes = Math.round((serial - Math.floor(serial)) * 1440);
  if (minutes === 0 || minutes === 1440) return day;
  return `${day} ${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

export function isErrorCell(value: CellValue | undefined): value is ErrorCell {
  return typeof value === "object" && value !== null && typeof (value as ErrorCell).error === "string";
}

export function isBlankCell(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** The value at 1-based row and column, null beyond the data. */
export function cellAt(grid: SheetGrid, row: number, column: number): CellValue {
  return grid.values[row - 1]?.[column - 1] ?? null;
}

/** A cell on a sheet, 1-based. */
export interface CellRef {
  sheet: string;
  row: number;
  column: number;
}
