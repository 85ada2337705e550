/**
 * A workbook's sheets as plain values, the form both adapters (Office.js in Excel, ExcelJS for
 * .xlsx files) read into and the pure reading and planning code works on. No Office import here.
 */

/** An Excel error value in a cell (#DIV/0!, #N/A, #REF!…). */
export interface ErrorCell {
  error: string;
}

/**
 * What a cell holds, as Excel shows it: a number (dates as Excel serial numbers), text, TRUE/FALSE,
 * an error, or null for a blank cell. A formula cell gives its calculated value.
 */
export type CellValue = number | string | boolean | null | ErrorCell;

/** One sheet's used values. values[0][0] is cell A1; rows may be ragged or shorter than the sheet. */
export interface SheetGrid {
  name: string;
  values: CellValue[][];
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

/** 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** "C5" (or "$C$5" when absolute). */
export function a1(row: number, column: number, absolute = false): string {
  const d = absolute ? "$" : "";
  return `${d}${columnLetters(column)}${d}${row}`;
}

/** A sheet name as a formula writes it: Budget, or 'Budget 2024' / 'Tri''s' when it needs quotes. */
export function sheetPrefix(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !/^[A-Za-z]{1,3}[0-9]+$/.test(sheet)
    ? `${sheet}!`
    : `'${sheet.replace(/'/g, "''")}'!`;
}

/** Budget!C5, as a formula refers to it (and as a message names it). */
export function refText(ref: CellRef, absolute = false): string {
  return `${sheetPrefix(ref.sheet)}${a1(ref.row, ref.column, absolute)}`;
}
