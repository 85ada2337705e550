/**
 * Reads an .xlsx file into plain sheet grids (src/workbook/grid.ts) with ExcelJS: each cell as
 * Excel shows it, formulas by their saved results, dates as serial numbers.
 */
import ExcelJS from "exceljs";
import type { CellValue, SheetGrid } from "../workbook/grid";
import { MARKER } from "../workbook/a1";
import { cellAt } from "../workbook/grid";
import type { ExistingSheet } from "../workbook/owned";

const MS_PER_DAY = 86_400_000;
/** Serial number of 1 January 1970 in the 1900 date system; the 1904 system starts 1,462 days later. */
const UNIX_EPOCH_1900 = 25_569;
const OFFSET_1904 = 1_462;

/**
 * An Excel serial number from the Date ExcelJS made of it. ExcelJS builds the Date with the exact
 * inverse of this line, so a whole-day serial comes back exactly (including Excel's phantom
 * 29 February 1900, which ExcelJS maps linearly both ways).
 */
export function dateToSerial(date: Date, date1904: boolean): number {
  return UNIX_EPOCH_1900 + date.getTime() / MS_PER_DAY - (date1904 ? OFFSET_1904 : 0);
}

interface RichTextValue {
  richText: { text: string }[];
}

function isRichText(value: unknown): value is RichTextValue {
  return typeof value === "object" && value !== null && Array.isArray((value as RichTextValue).richText);
}

function plainText(value: unknown): string {
  if (typeof value === "string") return value;
  if (isRichText(value)) return value.richText.map((run) => run.text ?? "").join("");
  return value === null || value === undefined ? "" : String(value);
}

/** One value as ExcelJS holds it (a cell's value or a formula's result) → CellValue. */
function toCellValue(value: unknown, date1904: boolean): CellValue {
  switch (typeof value) {
    case "number":
    case "string":
    case "boolean":
      return value;
    case "undefined":
      return null;
    case "object": {
      if (value === null) return null;
      if (value instanceof Date) return dateToSerial(value, date1904);
      if (isRichText(value)) return plainText(value);
      const record = value as { error?: unknown; text?: unknown; hyperlink?: unknown };
      if (typeof record.error === "string") return { error: record.error };
      if ("hyperlink" in record || "text" in record) return plainText(record.text);
      return null;
    }
    default:
      return null;
  }
}

/** The value a cell shows; a formula gives its saved result and a cell covered by a merge is blank. */
export function excelCellValue(cell: ExcelJS.Cell, date1904: boolean): CellValue {
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return null;
    case ExcelJS.ValueType.Formula:
      // cell.result, not cell.value: ExcelJS's formula value drops a result of 0, FALSE or "".
      return toCellValue(cell.result, date1904);
    default:
      return toCellValue(cell.value, date1904);
  }
}

/** A worksheet's values; values[0][0] is A1, each row as long as its last non-blank cell. */
export function worksheetGrid(sheet: ExcelJS.Worksheet, date1904: boolean): SheetGrid {
  const values: CellValue[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    let cells: CellValue[] | undefined;
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const value = excelCellValue(cell, date1904);
      if (value === null) return;
      if (!cells) cells = [];
      while (cells.length < column - 1) cells.push(null);
      cells[column - 1] = value;
    });
    if (!cells) return;
    while (values.length < rowNumber - 1) values.push([]);
    values[rowNumber - 1] = cells;
  });
  return { name: sheet.name, values };
}

/** Whether the workbook counts dates from 1904 (old Mac workbooks) rather than 1900. */
export function usesDate1904(workbook: ExcelJS.Workbook): boolean {
  return Boolean((workbook.properties as { date1904?: boolean } | undefined)?.date1904);
}

/** Loads .xlsx bytes into an ExcelJS workbook. */
export async function loadWorkbook(data: Buffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // ExcelJS's typings ask for a Node Buffer; a Uint8Array view of the same bytes serves.
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

/** Every worksheet of an .xlsx file, in workbook order, as plain values. */
export async function readXlsx(data: Buffer | Uint8Array): Promise<SheetGrid[]> {
  const workbook = await loadWorkbook(data);
  const date1904 = usesDate1904(workbook);
  return workbook.worksheets.map((sheet) => worksheetGrid(sheet, date1904));
}

/** Each sheet's name and A2 value, which says whether the add-in made it (see owned.ts). */
export function existingSheets(grids: readonly SheetGrid[]): ExistingSheet[] {
  return grids.map((grid) => ({ name: grid.name, a2: cellAt(grid, MARKER.row, MARKER.column) }));
}
