/**
 * Finding a sheet's heading row and its columns, and whether its money is in pounds or £000s.
 * Headings are matched to the template's spellings (inputs.ts HEADINGS) ignoring case, spaces,
 * punctuation and a unit: "Baseline £000", "New cost (£)" and "Reduction %" all count.
 */
import { SheetGrid, a1, cellAt, isBlankCell } from "../grid";
import { HEADINGS, Units } from "../inputs";
import { Reading, ref, report } from "./cells";

export type Field = keyof typeof HEADINGS;

/** The heading row is looked for in the first ten rows, so a title or two above it is fine. */
export const HEADING_SEARCH_ROWS = 10;

const THOUSANDS = /£\s*'?\s*000(?:'?s)?|£\s*k(?![a-z])|£\s*thousands?/gi;
const MILLIONS = /£\s*m(?![a-z])|£\s*millions?|£\s*mn(?![a-z])/i;
/** A £ sign that is not part of a thousands marker: the heading says pounds. */
const POUNDS = /£/;

/** Lower case, no unit, letters and digits only: "Baseline (£000)" → "baseline". */
export function headingKey(text: string): string {
  return text
    .toLowerCase()
    .replace(THOUSANDS, " ")
    .replace(/[£%]/g, " ")
    .replace(/[^a-z0-9]+/g, "");
}

/** A heading as a name (a wide layout's partner): the unit and empty brackets taken off. */
export function headingName(text: string): string {
  return text
    .replace(THOUSANDS, " ")
    .replace(/[£%]/g, " ")
    .replace(/\(\s*\)|\[\s*\]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\s,:;-]+$/, "");
}

const KEYS = Object.fromEntries(
  Object.entries(HEADINGS).map(([field, spellings]) => [field, new Set(spellings.map(headingKey))]),
) as Record<Field, Set<string>>;

/** The field a heading names among those a sheet accepts, or undefined. */
export function fieldOf(text: string, accepted: readonly Field[]): Field | undefined {
  const key = headingKey(text);
  return accepted.find((field) => KEYS[field].has(key));
}

const cellText = (grid: SheetGrid, row: number, column: number): string | undefined => {
  const value = cellAt(grid, row, column);
  if (isBlankCell(value) || typeof value === "object") return undefined;
  return String(value).trim();
};

export interface HeadingRow {
  row: number;
  columns: Partial<Record<Field, number>>;
  /** Headings that match no field, in sheet order: a wide layout's partners, Drivers measures. */
  others: { column: number; text: string }[];
  /** The last column with a heading, so a missing column can be pointed at the cell after it. */
  lastColumn: number;
}

/**
 * The first of the first ten rows with a Service heading, and its columns. A field headed twice is
 * a problem at the second heading. Undefined (with a problem) when no row has a Service heading.
 */
export function readHeadings(r: Reading, accepted: readonly Field[], example: string): HeadingRow | undefined {
  const { grid } = r;
  const width = (row: number): number => grid.values[row - 1]?.length ?? 0;
  for (let row = 1; row <= Math.min(HEADING_SEARCH_ROWS, grid.values.length); row++) {
    const service = Array.from({ length: width(row) }, (_, i) => i + 1).find(
      (c) => fieldOf(cellText(grid, row, c) ?? "", ["service"]) === "service",
    );
    if (service === undefined) continue;
    const found: HeadingRow = { row, columns: {}, others: [], lastColumn: 0 };
    for (let column = 1; column <= width(row); column++) {
      const text = cellText(grid, row, column);
      if (text === undefined) continue;
      found.lastColumn = column;
      const field = fieldOf(text, accepted);
      if (field === undefined) found.others.push({ column, text });
      else if (found.columns[field] === undefined) found.columns[field] = column;
      else
        report(
          r,
          ref(grid.name, row, column),
          `Two columns are headed ${HEADINGS[field][0]} (${colRef(found.columns[field], row)} and ${colRef(column, row)}).`,
          "Rename or delete one of them.",
        );
    }
    return found;
  }
  report(
    r,
    { sheet: grid.name },
    `No heading row: none of the first ${HEADING_SEARCH_ROWS} rows has a Service heading.`,
    `Put the column headings (${example}) in one row near the top of the sheet.`,
  );
  return undefined;
}

const colRef = (column: number, row: number): string => a1(row, column);

/** Reports each required field with no column, at the cell after the last heading (where to add it). */
export function requireColumns(r: Reading, headings: HeadingRow, fields: readonly Field[]): boolean {
  let ok = true;
  for (const field of fields) {
    if (headings.columns[field] !== undefined) continue;
    ok = false;
    missingColumn(r, headings, HEADINGS[field][0]);
  }
  return ok;
}

export function missingColumn(r: Reading, headings: HeadingRow, heading: string, why = ""): void {
  report(
    r,
    ref(r.grid.name, headings.row, headings.lastColumn + 1),
    `There is no ${heading} column in the headings (row ${headings.row})${why}.`,
    `Add a column headed ${heading}.`,
  );
}

/**
 * Pounds or thousands for a sheet: thousands when a money heading, or a title cell above the
 * headings, says £000, £'000, £k or £ thousands. Millions are not read (a £m figure is rarely exact
 * to the penny and a slip would be a thousandfold error). A money heading that says plain £ on a
 * sheet that says £000s elsewhere is a problem: one of them is wrong.
 */
export function readUnits(r: Reading, headings: HeadingRow, moneyColumns: readonly number[]): Units {
  const { grid } = r;
  const cells: { row: number; column: number; text: string; money: boolean }[] = [];
  for (let row = 1; row < headings.row; row++)
    for (let column = 1; column <= (grid.values[row - 1]?.length ?? 0); column++) {
      const text = cellText(grid, row, column);
      if (text !== undefined) cells.push({ row, column, text, money: false });
    }
  for (const column of moneyColumns) {
    const text = cellText(grid, headings.row, column);
    if (text !== undefined) cells.push({ row: headings.row, column, text, money: true });
  }
  const says = (re: RegExp, text: string): boolean => new RegExp(re.source, "i").test(text);
  for (const c of cells.filter((c) => says(MILLIONS, c.text)))
    report(
      r,
      ref(grid.name, c.row, c.column),
      `"${c.text}" says the amounts are in £ millions, which the add-in does not read.`,
      "Enter the amounts in pounds or in £000s and say so in the heading (Baseline £000).",
    );
  const thousands = cells.find((c) => says(THOUSANDS, c.text));
  if (thousands === undefined) return "pounds";
  for (const c of cells.filter((c) => c.money && !says(THOUSANDS, c.text) && POUNDS.test(c.text)))
    report(
      r,
      ref(grid.name, c.row, c.column),
      `"${c.text}" says pounds, but ${colRef(thousands.column, thousands.row)} says the sheet is in £000s.`,
      "Keep one unit on the sheet: head every money column in £000s, or in pounds.",
    );
  return "thousands";
}

export const unitsText = (units: Units): string =>
  units === "thousands" ? "amounts in £000s (× 1,000)" : "amounts in pounds";
