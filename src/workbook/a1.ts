/**
 * A1 addresses, the one place they are made and read: column letters ↔ numbers, "C5" and
 * "Budget!$C$5" as formulas write them, address boxes as Office.js gives them, and the marker
 * cell every output sheet carries. Pure: no Office import.
 */
import type { CellRef } from "./grid";

/** 1 → A, 27 → AA, 16384 → XFD. */
export function columnLetters(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** "C" → 3, "aa" → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
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

/** A rectangle of cells on one sheet. */
export interface CellBox {
  /** 1-based, inclusive. */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const EXCEL_ROWS = 1_048_576;
const EXCEL_COLUMNS = 16_384;

/**
 * "C5", "C5:H9", "C:E", "3:4" or "Sheet1!C5:H9" (the sheet part is dropped; "$" ignored) as a box,
 * as Office.js takes and returns addresses. Throws for anything else, naming the address.
 */
export function parseAddress(address: string): CellBox {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [first, second = first] = local.replace(/\$/g, "").toUpperCase().split(":");
  const part = (text: string): { row?: number; column?: number } => {
    const m = /^([A-Z]{1,3})?([0-9]{1,7})?$/.exec(text);
    if (!m || (!m[1] && !m[2])) throw new Error(`"${address}" is not a cell or range address`);
    return { column: m[1] ? columnNumber(m[1]) : undefined, row: m[2] ? Number(m[2]) : undefined };
  };
  const a = part(first);
  const b = part(second);
  return {
    top: Math.min(a.row ?? 1, b.row ?? 1),
    left: Math.min(a.column ?? 1, b.column ?? 1),
    bottom: Math.max(a.row ?? EXCEL_ROWS, b.row ?? EXCEL_ROWS),
    right: Math.max(a.column ?? EXCEL_COLUMNS, b.column ?? EXCEL_COLUMNS),
  };
}

/** The cell of each output sheet that says the add-in made it (owned.ts): A2, under the title. */
export const MARKER = { row: 2, column: 1 } as const;
export const MARKER_CELL = a1(MARKER.row, MARKER.column);

/** A cell's key among others of the workbook: "Sheet!A1", the sheet as named (not quoted). */
export const sheetCellKey = (cell: { sheet: string; address: string }): string => `${cell.sheet}!${cell.address}`;
