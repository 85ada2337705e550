/**
 * Building a sheet plan cell by cell, with the formula helpers the output sheets share.
 */
import { Decimal } from "../../engine";
import { CellRef } from "../grid";
import { a1, refText, sheetPrefix } from "../a1";
import type { CalculatedValue, CellStyle, OutputRole, PlanCell, PrintSetup, SheetPlan } from "./types";

export class SheetBuilder {
  readonly rows: (PlanCell | undefined)[][] = [];

  constructor(
    readonly role: OutputRole,
    readonly name: string,
  ) {}

  set(row: number, column: number, cell: PlanCell): void {
    const r = (this.rows[row - 1] ??= []);
    r[column - 1] = cell;
  }

  text(row: number, column: number, text: string, style?: CellStyle): void {
    this.set(row, column, { kind: "text", text, style });
  }

  number(row: number, column: number, value: Decimal, style?: CellStyle): void {
    this.set(row, column, { kind: "number", value, style });
  }

  formula(row: number, column: number, formula: string, value: CalculatedValue, style?: CellStyle): void {
    this.set(row, column, { kind: "formula", formula, value, style });
  }

  spill(row: number, column: number, formula: string, values: CalculatedValue[][], style?: CellStyle): void {
    this.set(row, column, { kind: "spill", formula, values, style });
  }

  /** A row of headings. */
  headings(row: number, headings: readonly string[], from = 1): void {
    headings.forEach((h, i) => this.text(row, from + i, h, "header"));
  }

  build(extra: Omit<SheetPlan, "role" | "name" | "rows"> = {}): SheetPlan {
    // Fill holes so every row is a dense array (adapters write rectangular blocks).
    const { rows, heights } = wrapLongText(
      Array.from(this.rows, (r) => Array.from(r ?? [], (c) => c)),
      extra.widths ?? [],
    );
    return {
      ...(heights.length > 0 ? { heights } : {}),
      role: this.role,
      name: this.name,
      rows,
      print: printSetup(extra.widths, extra.freezeRows),
      ...extra,
    };
  }
}

/** Excel's width, in characters, of a column the plan gives none. */
const DEFAULT_WIDTH = 8.43;
/** A line of 11-point text, in points: Excel's default row height. */
const LINE_POINTS = 15;

/**
 * How many lines text takes wrapped in a column `width` characters wide, words kept whole as far
 * as they fit. A column's width counts digits; LibreOffice fits about 1.15 times as many letters
 * of ordinary text on a line (bold about as many), so a line is taken to hold 1.1 times the width,
 * or the width for bold: a row a little too tall rather than too short.
 */
export function wrappedLines(text: string, width: number, bold = false): number {
  const room = Math.max(1, Math.floor(width * (bold ? 1 : 1.1)));
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    let used = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter((w) => w !== "")) {
      let left = word.length;
      if (used > 0 && used + 1 + left <= room) {
        used += 1 + left;
        continue;
      }
      if (used > 0) lines++;
      // A word longer than the line breaks across lines.
      while (left > room) {
        lines++;
        left -= room;
      }
      used = left;
    }
  }
  return lines;
}

/**
 * Plain text longer than its column is wide, where it cannot run on into the next cells (the next
 * cell is filled, or its column is the sheet's last), wraps in its cell, so nothing is cut off on
 * screen or in print; and every row with wrapped text (these, and headings, which always wrap) is
 * given the height its longest cell needs. LibreOffice does not fit a row to wrapped text on
 * opening a file, and draws it over the rows above without that height.
 */
export function wrapLongText(
  rows: (PlanCell | undefined)[][],
  widths: readonly number[],
): { rows: (PlanCell | undefined)[][]; heights: (number | undefined)[] } {
  const last = Math.max(widths.length, ...rows.map((r) => r.length)) - 1;
  const heights: (number | undefined)[] = [];
  rows.forEach((row, r) => {
    let lines = 1;
    row.forEach((cell, c) => {
      if (cell?.kind !== "text") return;
      const width = widths[c] ?? DEFAULT_WIDTH;
      const plain = cell.style === undefined || cell.style === "text";
      const blocked = c === last || row[c + 1] !== undefined;
      if (plain && blocked && cell.text.length > width) row[c] = { ...cell, style: "wrapped" };
      const style = row[c]?.style;
      if (style === "wrapped" || style === "header")
        lines = Math.max(lines, wrappedLines(cell.text, width, style === "header"));
    });
    if (lines > 1) heights[r] = lines * LINE_POINTS;
  });
  return { rows, heights };
}

/** Column widths (in characters) that fit an A4 page upright at 100%; wider sheets print landscape. */
const PORTRAIT_WIDTH = 95;

/**
 * How a sheet prints: A4 one page wide (the writers add that and the footer), landscape when its
 * columns are wider than a portrait page, the rows kept in view (title and headings) repeated.
 */
export function printSetup(widths: readonly number[] = [], freezeRows = 0): PrintSetup {
  const width = widths.reduce((n, w) => n + w, 0);
  return {
    orientation: width > PORTRAIT_WIDTH ? "landscape" : "portrait",
    ...(freezeRows > 0 ? { repeatRows: { first: 1, last: freezeRows } } : {}),
  };
}

/** A range on this sheet, "E6:E8" (one cell: "E6"). */
export function rangeText(firstRow: number, column: number, lastRow: number, lastColumn = column): string {
  const first = a1(firstRow, column);
  const last = a1(lastRow, lastColumn);
  return first === last ? first : `${first}:${last}`;
}

/** A range on another sheet, 'Savings profile'!E6:E8. */
export function sheetRange(
  sheet: string,
  firstRow: number,
  column: number,
  lastRow: number,
  lastColumn = column,
): string {
  return `${sheetPrefix(sheet)}${rangeText(firstRow, column, lastRow, lastColumn)}`;
}

/** A string literal in a formula: "Kensington & Chelsea", with quotes doubled. */
export const quoted = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/** Most arguments Excel accepts in one function call is 255; stay well inside it. */
const MAX_ARGUMENTS = 200;

/**
 * A formula body adding up input cells, e.g. "Budget!C5", "SUM(Budget!C5:C9,Budget!C12)" or,
 * for £000s, "SUM(Budget!C5:C9)*1000". Cells next to each other in a column become one range.
 * Returns undefined when the cells are too scattered for one formula (the caller then writes the value).
 */
export function sumOfCells(cells: readonly CellRef[], scale: 1 | 1000 = 1): string | undefined {
  if (cells.length === 0) return undefined;
  const runs: string[] = [];
  const sorted = [...cells].sort((a, b) => a.sheet.localeCompare(b.sheet) || a.column - b.column || a.row - b.row);
  let start = sorted[0];
  let end = sorted[0];
  const close = (): void => {
    runs.push(start.row === end.row ? refText(start) : sheetRange(start.sheet, start.row, start.column, end.row));
  };
  for (const c of sorted.slice(1)) {
    if (c.sheet === end.sheet && c.column === end.column && c.row === end.row + 1) end = c;
    else {
      close();
      start = end = c;
    }
  }
  close();
  if (runs.length > MAX_ARGUMENTS) return undefined;
  const body = runs.length === 1 && !runs[0].includes(":") ? runs[0] : `SUM(${runs.join(",")})`;
  return scale === 1 ? body : `${body}*1000`;
}
