/**
 * Reads the open workbook's sheets through Office.js into plain SheetGrids for the pure input
 * reader, in a bounded number of syncs: one for the sheet names, one for every sheet's used range
 * and A2 marker, then the used cells in blocks of rows, several sheets to a sync, each response
 * kept under Excel on the web's 5 MB limit. Each number's format comes with it, since only the
 * format says a number is a date (Excel holds 1 April 2011 as 40634) or a percentage.
 */
import type { CellValue, SheetGrid } from "../workbook/grid";
import { MARKER_CELL, a1 } from "../workbook/a1";
import type { WorkbookRead, WorkbookReadOptions } from "../workbook/host";
import { type ExistingSheet, ownedRole } from "../workbook/owned";
import { PAYLOAD_BUDGET, isPayloadTooLarge, jsonBytes } from "./payload";

export interface ReadOptions extends WorkbookReadOptions {
  /** Bytes of values and value types per response; PAYLOAD_BUDGET (4 MB) unless given. */
  budgetBytes?: number;
}

/**
 * A guess of a cell's size in a response before any has been seen: a short value and its type
 * ("Double" is 8 bytes of JSON by itself). Replaced by what the responses show.
 */
const FIRST_GUESS_BYTES_PER_CELL = 40;
/** An empty cell is `"","Empty",`: no cell costs less. */
const LEAST_BYTES_PER_CELL = 11;
/** Room left for cells bigger than any seen so far. */
const SAFETY = 1.25;

/** A cell as the pure code takes it: errors as { error }, blanks as null. */
export function cellValue(value: unknown, type: Excel.RangeValueType | string | undefined): CellValue {
  if (type === "Empty" || value === undefined || value === null) return null;
  if (type === "Error") return { error: String(value) };
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") return value;
  return String(value);
}

/** Keeps the number formats of a row's number cells that are not General (grid.formats), `index` 0-based. */
function keepFormats(
  grid: SheetGrid,
  index: number,
  left: number,
  types: readonly unknown[] | undefined,
  formats: readonly unknown[] | undefined,
): void {
  formats?.forEach((format, c) => {
    if (types?.[c] !== "Double" || typeof format !== "string" || format === "" || format === "General") return;
    grid.formats ??= [];
    (grid.formats[index] ??= [])[left + c] = format;
  });
}

interface Pending {
  ws: Excel.Worksheet;
  grid: SheetGrid;
  /** 0-based, as Office.js gives them. */
  left: number;
  columns: number;
  next: number;
  end: number;
}

export async function readWorkbook(context: Excel.RequestContext, options: ReadOptions = {}): Promise<WorkbookRead> {
  const budget = options.budgetBytes ?? PAYLOAD_BUDGET;
  let syncs = 0;
  let total = 2;
  const report = (): void => options.onProgress?.(syncs, Math.max(total, syncs));
  const synced = async (): Promise<void> => {
    await context.sync();
    syncs++;
  };

  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await synced();
  report();

  const sheets = worksheets.items.map((ws) => {
    const used = ws.getUsedRangeOrNullObject(true); // values only: formatting alone does not make a cell used
    used.load("rowIndex,columnIndex,rowCount,columnCount"); // isNullObject comes with any load
    const a2 = ws.getRange(MARKER_CELL);
    a2.load("values,valueTypes");
    return { ws, used, a2 };
  });
  await synced();

  const existing: ExistingSheet[] = [];
  const grids: SheetGrid[] = [];
  const pending: Pending[] = [];
  for (const { ws, used, a2 } of sheets) {
    const marker = cellValue(a2.values[0]?.[0], a2.valueTypes[0]?.[0]);
    existing.push({ name: ws.name, a2: marker });
    if (ownedRole(marker) !== undefined) continue; // the add-in's own output: not an input
    const grid: SheetGrid = { name: ws.name, values: [] };
    grids.push(grid);
    if (used.isNullObject || used.rowCount === 0) continue;
    for (let r = 0; r < used.rowIndex; r++) grid.values.push([]); // so values[0] is row 1
    pending.push({
      ws,
      grid,
      left: used.columnIndex,
      columns: used.columnCount,
      next: used.rowIndex,
      end: used.rowIndex + used.rowCount,
    });
  }

  let bytesPerCell = FIRST_GUESS_BYTES_PER_CELL;
  let densest = 0;
  const cellsLeft = (): number => pending.reduce((n, p) => n + (p.end - p.next) * p.columns, 0);
  total = syncs + Math.ceil((cellsLeft() * bytesPerCell) / budget);
  report(); // for the second sync, now that the size of what is left is known

  while (pending.length > 0) {
    let room = budget;
    const loads: { piece: Pending; start: number; rows: number; range: Excel.Range }[] = [];
    for (const piece of pending) {
      const perRow = bytesPerCell * piece.columns;
      let rows = Math.min(piece.end - piece.next, Math.floor(room / perRow));
      if (rows < 1) {
        if (loads.length > 0) break;
        rows = 1; // a single row larger than the budget still has to be read
      }
      const address = `${a1(piece.next + 1, piece.left + 1)}:${a1(piece.next + rows, piece.left + piece.columns)}`;
      const range = piece.ws.getRange(address);
      range.load("values,valueTypes,numberFormat");
      loads.push({ piece, start: piece.next, rows, range });
      piece.next += rows;
      room -= rows * perRow;
    }
    total = syncs + 1 + Math.ceil((cellsLeft() * bytesPerCell) / budget);
    try {
      await synced();
    } catch (error) {
      // Excel's advice for a payload error: retry with smaller blocks.
      if (!isPayloadTooLarge(error) || loads.every((l) => l.rows === 1)) throw error;
      for (const load of loads) load.piece.next = Math.min(load.piece.next, load.start);
      bytesPerCell *= 2;
      continue;
    }
    report();
    for (const { piece, rows, range } of loads) {
      const values = range.values;
      const types = range.valueTypes;
      const formats = range.numberFormat;
      for (let r = 0; r < rows; r++) {
        const row: CellValue[] = new Array<CellValue>(piece.left).fill(null);
        for (let c = 0; c < piece.columns; c++) row.push(cellValue(values[r]?.[c], types[r]?.[c]));
        keepFormats(piece.grid, piece.grid.values.length, piece.left, types[r], formats?.[r]);
        piece.grid.values.push(row);
      }
      densest = Math.max(
        densest,
        (jsonBytes(values) + jsonBytes(types) + jsonBytes(formats ?? [])) / (rows * piece.columns),
      );
    }
    bytesPerCell = Math.max(LEAST_BYTES_PER_CELL, densest * SAFETY);
    for (let i = pending.length - 1; i >= 0; i--) if (pending[i].next >= pending[i].end) pending.splice(i, 1);
  }
  return { grids, existing };
}
