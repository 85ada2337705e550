/**
 * Finding a sheet's heading row and its columns, and whether its money is in pounds or £000s.
 * Headings are matched to the template's spellings (inputs.ts HEADINGS) ignoring case, spaces,
 * punctuation and a unit: "Baseline £000", "New cost (£)" and "Reduction %" all count.
 */
import { SheetGrid, cellAt, isBlankCell } from "../grid";
import { a1 } from "../a1";
import { type ColumnUnits, type Field, HEADINGS, type SheetUnits, type Units, type UnitsRead } from "../inputs";
import { Reading, listed, nameKey, ref, report } from "./cells";
import { checkLayout } from "./layout";

export type { Field } from "../inputs";

/** The columns a sheet reads, in template order, and those it cannot be read without. */
export interface SheetColumns {
  fields: readonly Field[];
  required: readonly Field[];
  /** Why a field is required only sometimes (a choice of layout or of columns), for the column-choosing UI. */
  notes?: Partial<Record<Field, string>>;
}

/** The heading row is looked for in the first ten rows, so a title or two above it is fine. */
export const HEADING_SEARCH_ROWS = 10;

const THOUSANDS = /£\s*'?\s*000(?:'?s)?|£\s*k(?![a-z])|£\s*thousands?/gi;
const MILLIONS = /£\s*m(?![a-z])|£\s*millions?|£\s*mn(?![a-z])/i;
const MILLIONS_ALL = new RegExp(MILLIONS.source, "gi");
/** A £ sign that is not part of a thousands marker: the heading says pounds. */
const POUNDS = /£/;

/** Lower case, no unit, letters and digits only: "Baseline (£000)" → "baseline". */
export function headingKey(text: string): string {
  return text
    .toLowerCase()
    .replace(THOUSANDS, " ")
    .replace(MILLIONS_ALL, " ") // "Baseline £m" is the Baseline column, refused for its unit (readUnits)
    .replace(/[£%]/g, " ")
    .replace(/[^a-z0-9]+/g, "");
}

/** A heading as a name (a wide layout's partner): the unit and empty brackets taken off. */
export function headingName(text: string): string {
  return text
    .replace(THOUSANDS, " ")
    .replace(MILLIONS_ALL, " ")
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

/** Every non-blank heading on a row (numbers as text; errors are not headings), in sheet order. */
export function headingTexts(grid: SheetGrid, row: number): { column: number; text: string }[] {
  const found: { column: number; text: string }[] = [];
  for (let column = 1; column <= (grid.values[row - 1]?.length ?? 0); column++) {
    const text = cellText(grid, row, column);
    if (text !== undefined) found.push({ column, text });
  }
  return found;
}

export interface HeadingRow {
  row: number;
  columns: Partial<Record<Field, number>>;
  /** Headings that match no field, in sheet order: a wide layout's partners, Drivers measures. */
  others: { column: number; text: string }[];
  /** The last column with a heading, so a missing column can be pointed at the cell after it. */
  lastColumn: number;
  /** The fields whose column the user chose (Reading.columns) rather than the template's spellings. */
  chosen: Field[];
}

/** The user's column choices for a sheet. A blank choice means "find it automatically". */
interface Choices {
  /** field → heading as chosen (trimmed), in template order. */
  byField: Map<Field, string>;
  /** heading key → the fields chosen for it (more than one is a problem). */
  byKey: Map<string, Field[]>;
}

const FIELD_ORDER = Object.keys(HEADINGS) as Field[];

// A chosen heading is text the user picked from the sheet, so it is matched exactly but for case
// and spacing, not loosely as the template's spellings are.
function choicesOf(columns: Partial<Record<Field, string>> | undefined): Choices {
  const byField = new Map<Field, string>();
  const byKey = new Map<string, Field[]>();
  for (const field of FIELD_ORDER) {
    const text = columns?.[field];
    if (typeof text !== "string" || text.trim() === "") continue;
    byField.set(field, text.trim());
    byKey.set(nameKey(text), [...(byKey.get(nameKey(text)) ?? []), field]);
  }
  return { byField, byKey };
}

const isServiceHeading = (text: string, choices: Choices): boolean => {
  const chosen = choices.byField.get("service");
  if (chosen !== undefined) return nameKey(text) === nameKey(chosen);
  return !choices.byKey.has(nameKey(text)) && fieldOf(text, ["service"]) === "service";
};

/**
 * The heading row: the first of the first ten rows with a Service heading, or with the heading
 * chosen for Service when the user chose one. Undefined when there is none.
 */
export function findHeadingRow(grid: SheetGrid, columns?: Partial<Record<Field, string>>): number | undefined {
  const choices = choicesOf(columns);
  for (let row = 1; row <= Math.min(HEADING_SEARCH_ROWS, grid.values.length); row++)
    if (headingTexts(grid, row).some((h) => isServiceHeading(h.text, choices))) return row;
  return undefined;
}

/** Where a chosen heading first is in the first ten rows, if anywhere. */
function findChosen(grid: SheetGrid, text: string): { row: number; column: number } | undefined {
  for (let row = 1; row <= Math.min(HEADING_SEARCH_ROWS, grid.values.length); row++) {
    const found = headingTexts(grid, row).find((h) => nameKey(h.text) === nameKey(text));
    if (found !== undefined) return { row, column: found.column };
  }
  return undefined;
}

const fieldName = (field: Field): string => HEADINGS[field][0];

/** Choices that cannot be right whatever the sheet holds: a field the sheet does not read, one heading for two fields. */
function choicesFit(r: Reading, choices: Choices, accepted: readonly Field[]): boolean {
  let ok = true;
  for (const [field, text] of choices.byField) {
    if (accepted.includes(field)) continue;
    ok = false;
    report(
      r,
      { sheet: r.grid.name },
      `"${text}" is chosen for ${fieldName(field)}, which this sheet does not read (its columns are ${listed(accepted.map(fieldName))}).`,
      `Clear the choice for ${fieldName(field)}.`,
    );
  }
  for (const fields of choices.byKey.values()) {
    if (fields.length < 2) continue;
    ok = false;
    const text = choices.byField.get(fields[0]) as string;
    const at = findChosen(r.grid, text);
    report(
      r,
      at === undefined ? { sheet: r.grid.name } : ref(r.grid.name, at.row, at.column),
      `"${text}" is chosen for both ${listed(fields.map(fieldName))}.`,
      "Choose a different column for one of them: a column is read as one field only.",
    );
  }
  return ok;
}

/** A chosen heading that is not on the heading row: a problem where it is, or on the sheet. */
function chosenMissing(r: Reading, field: Field, text: string, headingRow?: number): void {
  const at = findChosen(r.grid, text);
  if (at === undefined || headingRow === undefined)
    report(
      r,
      { sheet: r.grid.name },
      `There is no column headed "${text}" (chosen for ${fieldName(field)}) in the first ${HEADING_SEARCH_ROWS} rows.`,
      `Choose another column for ${fieldName(field)}, or restore the heading.`,
    );
  else
    report(
      r,
      ref(r.grid.name, at.row, at.column),
      `"${text}" (chosen for ${fieldName(field)}) is in row ${at.row}, not in the heading row (row ${headingRow}).`,
      `Choose a heading in row ${headingRow} for ${fieldName(field)}, or put the headings in one row.`,
    );
}

/**
 * The first of the first ten rows with a Service heading, and its columns. A field headed twice is
 * a problem at the second heading. Undefined (with a problem) when no row has a Service heading.
 *
 * Where the user chose a column for a field (r.columns), the heading written that way (case and
 * spacing aside) is that field and no other heading is matched to it; a heading spelled as the
 * template spells a chosen field is then ignored, neither that field nor a partner or measure. A
 * choice that does not fit the sheet is a problem and the sheet is not read.
 */
export function readHeadings(r: Reading, accepted: readonly Field[], example: string): HeadingRow | undefined {
  const { grid } = r;
  const choices = choicesOf(r.columns);
  if (!choicesFit(r, choices, accepted)) return undefined;
  const row = findHeadingRow(grid, r.columns);
  if (row === undefined) {
    // A chosen heading found elsewhere is no problem yet; a chosen Service heading not found says why already.
    for (const [field, text] of choices.byField)
      if (findChosen(grid, text) === undefined) chosenMissing(r, field, text);
    if (!choices.byField.has("service"))
      report(
        r,
        { sheet: grid.name },
        `No heading row: none of the first ${HEADING_SEARCH_ROWS} rows has a Service heading.`,
        `Put the column headings (${example}) in one row near the top of the sheet.`,
      );
    return undefined;
  }
  const found: HeadingRow = { row, columns: {}, others: [], lastColumn: 0, chosen: [...choices.byField.keys()] };
  for (const { column, text } of headingTexts(grid, row)) {
    found.lastColumn = column;
    const chosen = choices.byKey.get(nameKey(text))?.[0];
    const auto = chosen === undefined ? fieldOf(text, accepted) : undefined;
    if (auto !== undefined && choices.byField.has(auto)) continue;
    const field = chosen ?? auto;
    if (field === undefined) found.others.push({ column, text });
    else if (found.columns[field] === undefined) found.columns[field] = column;
    else if (chosen !== undefined)
      report(
        r,
        ref(grid.name, row, column),
        `Two columns are headed "${text}" (${colRef(found.columns[field], row)} and ${colRef(column, row)}), the heading chosen for ${fieldName(field)}.`,
        `Rename one of them, or choose another column for ${fieldName(field)}.`,
      );
    else
      report(
        r,
        ref(grid.name, row, column),
        `Two columns are headed ${HEADINGS[field][0]} (${colRef(found.columns[field], row)} and ${colRef(column, row)}).`,
        "Rename or delete one of them.",
      );
  }
  let ok = true;
  for (const [field, text] of choices.byField) {
    if (found.columns[field] !== undefined) continue;
    ok = false;
    chosenMissing(r, field, text, row);
  }
  // Reading on without a chosen column would only say "there is no … column", which the user knows.
  if (ok) checkLayout(r, row);
  return ok ? found : undefined;
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

/** The units of a sheet's money columns: each column's, the sheet's in one word, and the Audit's list. */
export interface SheetUnitsRead {
  /** The unit of a money column (one not listed: the title's, else pounds). */
  of(column: number): Units;
  /** Every money column in one unit, or "mixed". */
  sheet: SheetUnits;
  read: UnitsRead;
}

/**
 * Pounds or thousands, column by column: a money column's heading saying £000, £'000, £k or £
 * thousands (or plain £, for pounds) sets that column's unit; a title cell above the headings
 * saying £000s sets the unit of every column whose heading says none; else pounds. A heading's unit
 * wins over the title's for its column (the Audit's Units read says so). Millions are not read
 * (a £m figure is rarely exact to the penny and a slip would be a thousandfold error).
 */
export function readUnits(r: Reading, headings: HeadingRow, moneyColumns: readonly number[]): SheetUnitsRead {
  const { grid } = r;
  const titles: { row: number; column: number; text: string }[] = [];
  for (let row = 1; row < headings.row; row++)
    for (let column = 1; column <= (grid.values[row - 1]?.length ?? 0); column++) {
      const text = cellText(grid, row, column);
      if (text !== undefined) titles.push({ row, column, text });
    }
  const heads = moneyColumns.flatMap((column) => {
    const text = cellText(grid, headings.row, column);
    return text === undefined ? [] : [{ row: headings.row, column, text }];
  });
  const says = (re: RegExp, text: string): boolean => new RegExp(re.source, "i").test(text);
  for (const c of [...titles, ...heads].filter((c) => says(MILLIONS, c.text)))
    report(
      r,
      ref(grid.name, c.row, c.column),
      `"${c.text}" says the amounts are in £ millions, which the add-in does not read.`,
      "Enter the amounts in pounds or in £000s and say so in the heading (Baseline £000).",
    );
  const inTitle = titles.find((c) => says(THOUSANDS, c.text));
  const title = inTitle && { at: ref(grid.name, inTitle.row, inTitle.column), text: inTitle.text };
  const fallback: Units = title ? "thousands" : "pounds";
  const columns: ColumnUnits[] = heads.map((h) => {
    const own: Units | undefined = says(THOUSANDS, h.text) ? "thousands" : POUNDS.test(h.text) ? "pounds" : undefined;
    return {
      at: ref(grid.name, h.row, h.column),
      heading: h.text,
      units: own ?? fallback,
      from: own !== undefined ? "heading" : title ? "title" : "default",
      ...(title ? { title } : {}),
    };
  });
  const read: UnitsRead = { sheet: grid.name, ...(title ? { title } : {}), columns };
  r.units?.push(read);
  return {
    // Read when asked, so a column's unit settled after reading the headings (budget.ts, a Total column) counts.
    of: (column) => columns.find((c) => c.at.column === column)?.units ?? fallback,
    get sheet(): SheetUnits {
      const kinds = new Set(columns.map((c) => c.units));
      return kinds.size > 1 ? "mixed" : ([...kinds][0] ?? fallback);
    },
    read,
  };
}

export const unitsText = (units: SheetUnits): string =>
  units === "thousands"
    ? "amounts in £000s (× 1,000)"
    : units === "mixed"
      ? "amounts in £000s in some columns and in pounds in others (the Audit sheet lists each column's unit)"
      : "amounts in pounds";
