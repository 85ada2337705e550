/** The valid test workbook (workbook.ts) with cells changed as an adapter would give them: values, number formats, merges. */
import type { CellRange, CellValue, SheetGrid } from "../../../src/workbook/grid";
import { grids, validSheets, withCells, type Sheets } from "./workbook";

export type Cell = [sheet: string, cell: string, value: CellValue, format?: string];

export const place = (cell: string): { row: number; column: number } => {
  const m = /^([A-Z]+)(\d+)$/.exec(cell) as RegExpExecArray;
  return { row: Number(m[2]), column: [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) };
};

/** The valid workbook with cells changed, each with a number format if given, and merged ranges. */
export function book(
  cells: Cell[],
  merges: Record<string, CellRange[]> = {},
  sheets: Sheets = validSheets(),
): SheetGrid[] {
  const out = grids(
    withCells(
      cells.map(([s, c, v]) => [s, c, v]),
      structuredClone(sheets), // a copy: the fixtures share their heading rows (RULE_HEADINGS)
    ),
  );
  for (const [sheet, cell, , format] of cells) {
    if (format === undefined) continue;
    const grid = out.find((g) => g.name === sheet) as SheetGrid;
    const { row, column } = place(cell);
    grid.formats ??= [];
    (grid.formats[row - 1] ??= [])[column - 1] = format;
  }
  for (const grid of out) if (merges[grid.name]) grid.merges = merges[grid.name];
  return out;
}
