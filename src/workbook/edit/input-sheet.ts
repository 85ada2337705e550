/**
 * A sheet of the user's inputs that the add-in adds for them (the sample data, a Rules sheet made
 * from the services found). Unlike the output sheets it carries no marker: once added it is the
 * user's, read as an input and never replaced. Pure: the Office.js adapter writes it.
 */
import type { CellValue, SheetGrid } from "../grid";

export interface InputSheet {
  name: string;
  /** values[0][0] is A1. Text is always written as text, never taken as a formula. */
  values: CellValue[][];
  /** 1-based row of the column headings, shown bold with a bottom border. */
  headingRow?: number;
  /** Column widths in characters, from column A. */
  widths?: number[];
  /** Number formats by column from A (undefined: General), for the rows under the headings. */
  numberFormats?: (string | undefined)[];
  /** Rows kept in view at the top. */
  freezeRows?: number;
}

/** A value to put in one cell of a user's input sheet (a Rules edit). */
export interface CellWrite {
  /** 1-based. */
  row: number;
  column: number;
  /** null clears the cell. Text is written as text, never as a formula. */
  value: string | number | boolean | null;
  /** Set only where the cell has no format of the user's (General or Text). */
  numberFormat?: string;
}

/**
 * A cell whose content an edit was worked out from, as the pane last read it. The writer refuses
 * the edit, writing nothing, if any guard no longer holds: the sheet was sorted or typed into in
 * Excel since, and the row or column the edit aims at may now be another service's.
 */
export interface CellGuard {
  row: number;
  column: number;
  value: CellValue;
}

/** Grid values with the writes applied, so several edits to one sheet can be planned before any is sent. */
export function withWrites(grid: SheetGrid, writes: readonly CellWrite[]): SheetGrid {
  const values = grid.values.map((row) => [...row]);
  for (const w of writes) {
    while (values.length < w.row) values.push([]);
    const row = values[w.row - 1];
    while (row.length < w.column) row.push(null);
    row[w.column - 1] = w.value;
  }
  return { name: grid.name, values };
}
