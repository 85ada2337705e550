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
