/**
 * The years covered (First MTFS year, Last MTFS year) as the task pane's Rules step shows and
 * edits them: the settings cells above the Rules headings that read/years-covered.ts reads (a
 * label, the year in the cell to its right). An edit writes only those cells; what it writes is
 * checked by that reader before anything is sent, so the pane refuses what the Check step would.
 *
 * Blank means the default (from the earliest First year to the last year with a figure): clearing
 * a year clears its label too, as a label with nothing beside it is an error. A label not on the
 * sheet is added only where that is safe: in a row above the headings, in cells that are blank,
 * beside the other label if there is one, else to the right of the table (one blank column
 * between, so nothing of the table's is covered and the table's region stays as it was). A sheet
 * whose headings are in row 1 or 2, or whose cells there are taken, gets no label: the view says
 * how to add them by hand.
 */
import { cellAt, isBlankCell, type CellValue, type SheetGrid } from "../grid";
import { a1, columnLetters, refText } from "../a1";
import { type Reading, ref } from "../read/cells";
import { YEARS_COVERED_LABELS, readYearsCovered, yearsCoveredLabel } from "../read/years-covered";
import { type CellGuard, type CellWrite, withWrites } from "./input-sheet";
import { displayText } from "./rules-sheet";

export type YearsEnd = "first" | "last";
export const YEARS_ENDS: readonly YearsEnd[] = ["first", "last"];

/** The label the pane writes for each end: the template's (README "Years covered"). */
export const YEARS_LABEL: Record<YearsEnd, string> = {
  first: YEARS_COVERED_LABELS.first[0],
  last: YEARS_COVERED_LABELS.last[0],
};

interface Cell {
  row: number;
  column: number;
}

export interface YearsCoveredCell {
  /** The label's cell and the year's (the cell to its right), 1-based. */
  label: Cell;
  year: Cell;
  /** The year cell's value as read, and as the pane shows it ("2011/12"; a date Excel made of it, as its year). */
  value: CellValue;
  text: string;
}

export interface YearsCoveredView {
  sheet: string;
  headingRow: number;
  /** The heading row's Service column: its cell is guarded, so rows moved since the read are caught. */
  serviceColumn: number;
  /** Each end found above the headings (the first of each, as the Check step reports a second). */
  cells: Partial<Record<YearsEnd, YearsCoveredCell>>;
  /** Where each missing end's label would be added (its year to the right). */
  addAt: Partial<Record<YearsEnd, Cell>>;
  /** Why a missing end cannot be added, and how to add it in Excel; absent when both can be (or are there). */
  cannotAdd?: string;
}

const blank = (grid: SheetGrid, row: number, column: number): boolean => isBlankCell(cellAt(grid, row, column));

/** The years-covered cells of a Rules sheet whose headings are in `headingRow` (the reader's scan). */
export function yearsCoveredView(
  grid: SheetGrid,
  headingRow: number,
  lastColumn: number,
  serviceColumn: number,
): YearsCoveredView {
  const cells: Partial<Record<YearsEnd, YearsCoveredCell>> = {};
  for (let row = 1; row < headingRow; row++) {
    const width = grid.values[row - 1]?.length ?? 0;
    for (let column = 1; column <= width; column++) {
      const label = cellAt(grid, row, column);
      const end = typeof label === "string" ? yearsCoveredLabel(label) : undefined;
      if (end === undefined || cells[end] !== undefined) continue;
      const value = cellAt(grid, row, column + 1);
      cells[end] = {
        label: { row, column },
        year: { row, column: column + 1 },
        value,
        text: displayText("firstYear", value),
      };
    }
  }
  const addAt: Partial<Record<YearsEnd, Cell>> = {};
  const missing = YEARS_ENDS.filter((end) => cells[end] === undefined);
  const free = (at: Cell): boolean =>
    at.row >= 1 && at.row < headingRow && blank(grid, at.row, at.column) && blank(grid, at.row, at.column + 1);
  // To the right of the table, one blank column between: rows headingRow-2 (first) and -1 (last),
  // wanted blank from the column after the last heading on, so nothing beside them is the user's.
  const column = lastColumn + 2;
  const rowFree = (row: number): boolean => {
    const width = Math.max(grid.values[row - 1]?.length ?? 0, column + 1);
    for (let c = lastColumn + 1; c <= width; c++) if (!blank(grid, row, c)) return false;
    return true;
  };
  for (const end of missing) {
    const other = cells[end === "first" ? "last" : "first"];
    if (other !== undefined) {
      // Beside the other label: first above last where there is room, else the other way round.
      const rows =
        end === "first" ? [other.label.row - 1, other.label.row + 1] : [other.label.row + 1, other.label.row - 1];
      const near = rows.map((row) => ({ row, column: other.label.column })).find(free);
      if (near !== undefined) {
        addAt[end] = near;
        continue;
      }
    }
    const row = headingRow - (end === "first" ? 2 : 1);
    if (headingRow >= 3 && rowFree(row) && free({ row, column })) addAt[end] = { row, column };
  }
  const unplaced = missing.filter((end) => addAt[end] === undefined);
  const view: YearsCoveredView = { sheet: grid.name, headingRow, serviceColumn, cells, addAt };
  if (unplaced.length > 0)
    view.cannotAdd =
      `The ${grid.name} sheet has no room above its headings (row ${headingRow}) for ${unplaced.map((e) => YEARS_LABEL[e]).join(" or ")} ` +
      `that is safe to fill in: ${
        headingRow < 3
          ? "the headings are too near the top"
          : `the cells from column ${columnLetters(lastColumn + 1)} on in rows ${headingRow - 2} and ${headingRow - 1} are not all blank`
      }. To set the years covered, insert rows above the headings in Excel (Home › Insert › Insert Sheet Rows), ` +
      `type ${unplaced.map((e) => YEARS_LABEL[e]).join(" and ")} in a cell of those rows and the year (2011/12) in the cell to its right; the pane then shows and edits them here.`;
  return view;
}

const scratch = (grid: SheetGrid): Reading => ({ grid, problems: [], notes: [] });
const key = (c: Cell): string => `${c.row},${c.column}`;

/**
 * The years typed in the pane (only those changed) as the cells to write on the Rules sheet and
 * the guards the writer checks; or, per end, why not: the reader's own message at its cell, so
 * what the pane refuses is exactly what the Check step would report. Blank clears the year and its label.
 */
export function planYearsCovered(
  grid: SheetGrid,
  view: YearsCoveredView,
  typed: Partial<Record<YearsEnd, string>>,
): { writes: CellWrite[]; guards: CellGuard[]; cells: string[] } | { errors: Partial<Record<YearsEnd, string>> } {
  const errors: Partial<Record<YearsEnd, string>> = {};
  const writes: CellWrite[] = [];
  /** Where each end's year is once the edit is made, to put the reader's problems against the right field. */
  const yearAt = new Map<string, YearsEnd>();
  const labelAt = new Map<string, YearsEnd>();
  for (const end of YEARS_ENDS) {
    const found = view.cells[end];
    if (found !== undefined) {
      yearAt.set(key(found.year), end);
      labelAt.set(key(found.label), end);
    }
  }
  for (const end of YEARS_ENDS) {
    const text = typed[end]?.trim();
    if (text === undefined) continue;
    const found = view.cells[end];
    if (found !== undefined) {
      if (text === "") writes.push({ ...found.label, value: null }, { ...found.year, value: null });
      else writes.push({ ...found.year, value: text });
      continue;
    }
    if (text === "") continue;
    const at = view.addAt[end];
    if (at === undefined) {
      errors[end] = view.cannotAdd ?? `There is no room for ${YEARS_LABEL[end]} on ${view.sheet}.`;
      continue;
    }
    const year = { row: at.row, column: at.column + 1 };
    writes.push({ ...at, value: YEARS_LABEL[end] }, { ...year, value: text });
    yearAt.set(key(year), end);
    labelAt.set(key(at), end);
  }
  if (Object.keys(errors).length > 0) return { errors };
  // The sheet as the edit leaves it, read by the Check step's reader (formats kept: a date stays a date).
  const after: SheetGrid = { ...grid, values: withWrites(grid, writes).values };
  const r = scratch(after);
  readYearsCovered(r, view.headingRow);
  for (const p of r.problems) {
    if (p.severity !== "error" || p.cell === undefined) continue;
    const end = yearAt.get(key(p.cell)) ?? labelAt.get(key(p.cell));
    // Problems elsewhere (a label given twice) are the Check step's to report; this edit did not make them.
    if (end === undefined || errors[end] !== undefined) continue;
    errors[end] = `${refText(p.cell)}: ${p.message} ${p.fix}`;
  }
  if (Object.keys(errors).length > 0) return { errors };
  const guards = new Map<string, CellGuard>();
  const guard = (c: Cell): void => {
    guards.set(key(c), { ...c, value: cellAt(grid, c.row, c.column) });
  };
  for (const w of writes) guard(w);
  for (const end of YEARS_ENDS) {
    const found = view.cells[end];
    if (found !== undefined && typed[end] !== undefined) guard(found.label);
  }
  guard({ row: view.headingRow, column: view.serviceColumn });
  return { writes, guards: [...guards.values()], cells: writes.map((w) => a1(w.row, w.column)) };
}

/** "Rules!O1" for an end's year cell as it is, or where it would be added; undefined when neither. */
export function yearCellText(view: YearsCoveredView, end: YearsEnd): string | undefined {
  const found = view.cells[end]?.year;
  const at = view.addAt[end];
  const cell = found ?? (at === undefined ? undefined : { row: at.row, column: at.column + 1 });
  return cell === undefined ? undefined : refText(ref(view.sheet, cell.row, cell.column));
}
