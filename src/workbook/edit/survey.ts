/**
 * What the task pane's Start step shows before anything is read: each sheet with the role its name
 * suggests and its headings, the sheet the add-in would read for each role and the columns it
 * would take there, so the user can confirm them or choose others (ReadOptions.sheets, .columns).
 * It finds sheets and columns with the reader's own code (pickSheets, readHeadings), so what it
 * proposes is what readInputs then reads.
 */
import { SheetGrid, cellAt, isBlankCell } from "../grid";
import { HEADINGS } from "../inputs";
import { ExistingSheet, ownedRole } from "../owned";
import { BUDGET_COLUMNS } from "../read/budget";
import { DRIVERS_COLUMNS } from "../read/drivers";
import { FTE_COLUMNS } from "../read/fte";
import { Field, HEADING_SEARCH_ROWS, SheetColumns, findHeadingRow, headingTexts, readHeadings } from "../read/headings";
import type { ReadOptions } from "../read";
import { RULES_COLUMNS } from "../read/rules";
import { Role, isOwned, pickSheets, suggestedRole } from "../read/sheets";
import { TRACKER_COLUMNS } from "../read/tracker";
import { VARIANCES_COLUMNS } from "../read/variances";
import { COSTS_COLUMNS } from "../read/costs";
import { COMPATIBILITY_COLUMNS } from "../read/compatibility";

export interface SheetSurvey {
  name: string;
  /** The role its name suggests (as pickSheets would pick it), if any; never for an owned sheet. */
  role?: Role;
  /** The add-in's own output sheet (A2 marker): never an input. */
  owned: boolean;
  /** 1-based heading row found (first of the first 10 rows with a Service heading, or with a mapped one), if any. */
  headingRow?: number;
  /**
   * With no heading row: the row of the first 10 with the most text cells (the earliest of equals),
   * the likeliest heading row, so the user can choose the Service column from its headings.
   */
  likelyRow?: number;
  /** Every non-blank heading text on that row (headingRow, else likelyRow), in sheet order, with its 1-based column. */
  headings: { column: number; text: string }[];
  /** Rows of data below the headings (non-blank rows); every non-blank row of a sheet with no headings. */
  dataRows: number;
}

export interface FieldChoice {
  field: Field;
  /** HEADINGS[field][0], the template's name for it. */
  heading: string;
  /** The sheet cannot be read without it. */
  required: boolean;
  /**
   * When it is required only sometimes: Budget Partner and Baseline (long layout only; required is
   * false), Rules New cost and Reduction (one of the two; required is false).
   */
  note?: string;
}

export interface Survey {
  sheets: SheetSurvey[];
  /** The proposed sheet name for each role (what readInputs would pick with no choices). */
  proposed: Partial<Record<Role, string>>;
  /** The sheet readInputs will read for each role with the user's choices (`chosen`), as pickSheets picks it. */
  picked: Partial<Record<Role, string>>;
  /**
   * For each role's proposed (or chosen) sheet, the field → heading text detected automatically
   * (or chosen, where `columns` chose one). Absent for a role whose headings cannot be read.
   */
  columns: Partial<Record<Role, Partial<Record<Field, string>>>>;
  /** The fields each role accepts and which are required, in template order, for the mapping UI. */
  fields: Record<Role, FieldChoice[]>;
}

/** Each role's columns as its reader takes them, so "required" is what the reader requires. */
const ROLE_COLUMNS: Record<Role, SheetColumns> = {
  budget: BUDGET_COLUMNS,
  fte: FTE_COLUMNS,
  rules: RULES_COLUMNS,
  drivers: DRIVERS_COLUMNS,
  tracker: TRACKER_COLUMNS,
  variances: VARIANCES_COLUMNS,
  costs: COSTS_COLUMNS,
  compatibility: COMPATIBILITY_COLUMNS,
};

const ROLES = Object.keys(ROLE_COLUMNS) as Role[];

const FIELDS = Object.fromEntries(
  ROLES.map((role) => {
    const { fields, required, notes } = ROLE_COLUMNS[role];
    return [
      role,
      fields.map((field): FieldChoice => {
        const note = notes?.[field];
        return {
          field,
          heading: HEADINGS[field][0],
          required: required.includes(field),
          ...(note === undefined ? {} : { note }),
        };
      }),
    ];
  }),
) as Record<Role, FieldChoice[]>;

/**
 * The Start step's view of the workbook. `existing` (every sheet with its A2 value, as the Office.js
 * reader gives it) adds the add-in's own sheets, which that reader leaves out of `grids`, and says
 * which sheets are owned; the sheets are then in its order. `chosen` and `columns` are the user's
 * choices so far, as readInputs takes them.
 */
export function surveyWorkbook(
  grids: SheetGrid[],
  existing: ExistingSheet[] = [],
  chosen: ReadOptions["sheets"] = {},
  columns: ReadOptions["columns"] = {},
): Survey {
  const markers = new Map(existing.map((s) => [s.name, s.a2]));
  const owned = (grid: SheetGrid): boolean => isOwned(grid) || ownedRole(markers.get(grid.name)) !== undefined;
  const inputs = grids.filter((g) => !owned(g));
  const picked = pickSheets(inputs, chosen, [], []);
  const proposed = Object.fromEntries(
    Object.entries(pickSheets(inputs, {}, [], [])).map(([role, grid]) => [role, grid.name]),
  ) as Survey["proposed"];
  const roleOf = (grid: SheetGrid): Role | undefined => ROLES.find((role) => picked[role] === grid);

  const detected: Survey["columns"] = {};
  for (const role of ROLES) {
    const grid = picked[role];
    if (grid === undefined) continue;
    const r = { grid, problems: [], notes: [], columns: columns[role] };
    const headings = readHeadings(r, ROLE_COLUMNS[role].fields, "");
    if (headings === undefined) continue;
    const found: Partial<Record<Field, string>> = {};
    for (const field of ROLE_COLUMNS[role].fields) {
      const column = headings.columns[field];
      if (column !== undefined) found[field] = String(cellAt(grid, headings.row, column)).trim();
    }
    detected[role] = found;
  }

  const names = [...existing.map((s) => s.name), ...grids.map((g) => g.name)].filter(
    (name, i, all) => all.indexOf(name) === i,
  );
  const sheets = names.map((name): SheetSurvey => {
    const grid = grids.find((g) => g.name === name);
    if (grid === undefined || owned(grid)) {
      const isOwnedSheet = grid === undefined ? ownedRole(markers.get(name)) !== undefined : true;
      return { name, owned: isOwnedSheet, headings: [], dataRows: 0 };
    }
    const role = suggestedRole(name);
    const played = roleOf(grid);
    const headingRow = findHeadingRow(grid, played === undefined ? undefined : columns[played]);
    const likelyRow = headingRow === undefined ? likeliestRow(grid) : undefined;
    const row = headingRow ?? likelyRow;
    return {
      name,
      ...(role === undefined ? {} : { role }),
      owned: false,
      ...(headingRow === undefined ? {} : { headingRow }),
      ...(likelyRow === undefined ? {} : { likelyRow }),
      headings: row === undefined ? [] : headingTexts(grid, row),
      dataRows: nonBlankRows(grid, (row ?? 0) + 1),
    };
  });

  const pickedNames = Object.fromEntries(
    Object.entries(picked).map(([role, grid]) => [role, grid.name]),
  ) as Survey["picked"];
  return { sheets, proposed, picked: pickedNames, columns: detected, fields: FIELDS };
}

/** The first of the first ten rows with the most text cells: headings are text, data rows mostly numbers. */
function likeliestRow(grid: SheetGrid): number | undefined {
  let best: { row: number; count: number } | undefined;
  for (let row = 1; row <= Math.min(HEADING_SEARCH_ROWS, grid.values.length); row++) {
    const count = (grid.values[row - 1] ?? []).filter((v) => typeof v === "string" && v.trim() !== "").length;
    if (count > 0 && (best === undefined || count > best.count)) best = { row, count };
  }
  return best?.row;
}

function nonBlankRows(grid: SheetGrid, from: number): number {
  let count = 0;
  for (let row = from; row <= grid.values.length; row++)
    if ((grid.values[row - 1] ?? []).some((v) => !isBlankCell(v))) count++;
  return count;
}
