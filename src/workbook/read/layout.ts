/**
 * The shape of a sheet's table, checked once its heading row is known: what the reader would
 * otherwise pass over in silence. A merged range in the headings or the table keeps only its
 * first cell's value (a merged heading over two columns leaves the second with none, and its
 * data unread); data under a column with no heading is not read at all; a heading that is a
 * formula never calculated has no text. Each is a problem at its cell.
 */
import { CellRange, cellAt, isBlankCell, isUncalculated } from "../grid";
import { a1, columnLetters } from "../a1";
import { Reading, ref, report, shown, uncalculated } from "./cells";

const rangeText = (m: CellRange): string => `${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`;

export function checkLayout(r: Reading, headingRow: number): void {
  const { grid } = r;
  const sheet = grid.name;
  const covered = new Set<number>(); // columns whose missing heading a merge already explains
  for (const m of grid.merges ?? []) {
    if (m.bottom < headingRow || (m.top === m.bottom && m.left === m.right)) continue;
    // Across the heading row: the columns after the first have no heading of their own.
    const inHeadings = m.top <= headingRow && m.right > m.left;
    if (inHeadings) for (let c = m.left + 1; c <= m.right; c++) covered.add(c);
    const others =
      m.right > m.left + 1
        ? `columns ${columnLetters(m.left + 1)} to ${columnLetters(m.right)} have none and are`
        : `column ${columnLetters(m.left + 1)} has none and is`;
    report(
      r,
      ref(sheet, m.top, m.left),
      inHeadings
        ? `${rangeText(m)} is merged across the heading row: only ${a1(m.top, m.left)} has a heading, so ${others} not read.`
        : `${rangeText(m)} is merged: only ${a1(m.top, m.left)} keeps its value, and the other cells read as blank.`,
      "Unmerge the cells (Home › Merge & Center › Unmerge Cells) and give each column its own heading and each cell its own value.",
    );
  }
  const headingWidth = grid.values[headingRow - 1]?.length ?? 0;
  for (let c = 1; c <= headingWidth; c++) {
    const heading = cellAt(grid, headingRow, c);
    if (isUncalculated(heading))
      uncalculated(r, ref(sheet, headingRow, c), `The heading in ${a1(headingRow, c)}`, heading.formula);
  }
  const width = grid.values.reduce((w, row, i) => (i >= headingRow ? Math.max(w, row.length) : w), 0);
  for (let c = 1; c <= width; c++) {
    if (covered.has(c) || !isBlankCell(cellAt(grid, headingRow, c))) continue;
    for (let row = headingRow + 1; row <= grid.values.length; row++) {
      const value = cellAt(grid, row, c);
      if (isBlankCell(value)) continue;
      report(
        r,
        ref(sheet, row, c),
        `${a1(row, c)} holds ${shown(value)}, but column ${columnLetters(c)} has no heading in row ${headingRow}, so it is not read.`,
        "Give the column a heading from the template, or move what is in it off the table.",
      );
      break; // one problem per column says it
    }
  }
}
