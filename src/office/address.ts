/** A1 addresses on one sheet, as Office.js takes and returns them. */

export interface CellBox {
  /** 1-based, inclusive. */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const EXCEL_ROWS = 1_048_576;
const EXCEL_COLUMNS = 16_384;

/**
 * "C5", "C5:H9", "C:E", "3:4" or "Sheet1!C5:H9" (the sheet part is dropped; "$" ignored) as a box.
 * Throws for anything else, naming the address.
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
