/**
 * The task pane's Rules step, without Office: each Budget service beside its Rules row as written,
 * an edit turned into the cells to write back (the workbook stays the record), and a new Rules
 * sheet made from the services found. Nothing here validates a rule: the Check step (readInputs)
 * does, so the view must work on sheets with problems and shows the cells' text as it is.
 */
import { Decimal } from "../../engine";
import { CellValue, SheetGrid, cellAt, isBlankCell, isErrorCell, isUncalculated } from "../grid";
import { a1, refText } from "../a1";
import { MONTH_NAMES, grouped, percentText } from "../format";
import { type CellGuard, type CellWrite, type InputSheet, withWrites } from "./input-sheet";
import { HEADINGS } from "../inputs";
import { BUDGET_COLUMNS, UnreadLine, readBudget } from "../read/budget";
import { Reading, fromExcelNumber, nameKey, readText, ref, rowIsBlank } from "../read/cells";
import { catalogue } from "../read/catalogue";
import { Field, HEADING_SEARCH_ROWS, HeadingRow, readHeadings } from "../read/headings";
import { RULES_COLUMNS } from "../read/rules";
import { isRangeText, readStartMonth, readYear } from "../read/rule-values";

export type RuleField =
  | "partners"
  | "basis"
  | "newCost"
  | "reduction"
  | "transitional"
  | "phasing"
  | "startMonth"
  | "firstYear"
  | "kind"
  | "gainShare"
  | "host"
  | "variancePolicy";

const HINTS: Record<RuleField, string> = {
  partners:
    "Partners' names separated by commas; joining later: Westminster from 2013/14; leaving: Kensington & Chelsea until 2014/15 (its last year in), or Hammersmith & Fulham notice September 2013 (twelve months' notice). Blank: every partner with a budget for the service.",
  basis: "demand, equal, FTE, budget, or the heading of a Drivers measure column (Population). Blank: demand.",
  newCost:
    "The combined service's ongoing cost a year, in the unit the sheet's heading says (pounds, or £000s): 1,650,000 or £1,650,000; changing by year: 1,200,000; 1,500,000 from 2013/14. Give this or Reduction.",
  reduction:
    "A target reduction on the partners' total baseline: 20% (a number without % is a percentage too: 20 is 20%). Give this or New cost.",
  transitional:
    "One-off costs of change, in the unit the sheet's heading says (pounds, or £000s): 100,000 (in the first year, shared by net reduction); by year and by who bears them: 600,000 in 2011/12; 2,000,000 in 2012/13 for Hammersmith & Fulham and Kensington & Chelsea. Blank: none.",
  phasing: "How the saving arrives over the years, adding up to 100%: 10%, 45%, 45%. Blank: 100% in the first year.",
  startMonth: "The month the saving starts in the first year: September or 9. Blank: the start of the year.",
  firstYear: "The financial year the saving starts: 2011/12. Required.",
  kind: "cashable, non-cashable or cost avoidance. Blank: cashable.",
  gainShare:
    "The part of the partnership's saving owed to a third party: 10% (a number without % is a percentage too: 10 is 10%). Blank: none.",
  host: "The partner hosting the service. Blank: none.",
  variancePolicy: "For a host's indirect costs: host bears or share now. Blank: host bears.",
};

/** The Rules columns the pane edits, in template order: the reader's own list, less Service. */
const FIELD_ORDER: readonly RuleField[] = RULES_COLUMNS.fields.filter((f): f is RuleField => f !== "service");

/** The Rules fields the pane shows and edits, in template order, with the template heading (HEADINGS[field][0]). */
export const RULE_FIELDS: readonly { field: RuleField; heading: string; hint: string }[] = FIELD_ORDER.map((field) => ({
  field,
  heading: HEADINGS[field][0],
  hint: HINTS[field],
}));

const MONEY: ReadonlySet<RuleField> = new Set<RuleField>(["newCost", "transitional"]);
const PERCENT: ReadonlySet<RuleField> = new Set<RuleField>(["reduction", "gainShare"]);

/** The template's number formats (the sample's): whole pounds and whole percentages. */
const MONEY_FORMAT = "#,##0";
const PERCENT_FORMAT = "0%";

export interface RuleCell {
  text: string;
  value: CellValue;
  cell?: string;
}

export interface RuleRow {
  service: string;
  /** 1-based row on the Rules sheet; undefined when the Budget has the service but the Rules sheet has no row for it. */
  row?: number;
  /**
   * Each field's cell as the user sees it: text for display (a fraction in a percent column shown
   * as "50%", money with thousands separators), the raw value, and the cell's A1 address when the
   * row and the column exist. Every field is present (blank: text "", value null).
   */
  cells: Partial<Record<RuleField, RuleCell>>;
}

export interface RulesView {
  /** The Rules sheet's name, if there is one. */
  sheet?: string;
  headingRow?: number;
  /** 1-based column of Service and of each field found in the heading row. */
  columns: Partial<Record<"service" | RuleField, number>>;
  /** The last column with a heading (0 when there is no heading row): a missing column goes after it. */
  lastColumn: number;
  /** One per service: Budget services in Budget order first (with their Rules row if any), then Rules rows whose service is not on the Budget. */
  rows: RuleRow[];
  /** Rules sheet rows whose service has no Budget lines, Budget services with no rule, and what could not be read, as short notes. */
  notes: string[];
}

export interface RulesViewOptions {
  /**
   * The Rules sheet's column choices, as ReadOptions.columns.rules: field → the heading as written
   * on the sheet (case and spacing aside), so the view finds the columns the Check step reads.
   */
  columns?: Partial<Record<string, string>>;
  /** The Budget sheet's column choices (ReadOptions.columns.budget), for finding its services. */
  budgetColumns?: Partial<Record<string, string>>;
}

/** A Reading whose problems are thrown away: the Check step reports them. */
const scratch = (grid: SheetGrid): Reading => ({ grid, problems: [], notes: [] });

export function rulesView(
  budget: SheetGrid | undefined,
  rules: SheetGrid | undefined,
  options: RulesViewOptions = {},
): RulesView {
  const notes: string[] = [];
  const services = budget === undefined ? undefined : budgetServices(budget, options.budgetColumns, notes);
  if (budget === undefined) notes.push("There is no Budget sheet, so only the Rules sheet's services are shown.");
  const headings =
    rules === undefined ? undefined : headingsOf(rules, RULES_COLUMNS.fields, options.columns, notes).headings;
  if (rules === undefined) notes.push("There is no Rules sheet: create one from the services found.");
  else if (headings === undefined)
    notes.push(
      `${rules.name}: none of the first ${HEADING_SEARCH_ROWS} rows has a Service heading, so no rule can be shown.`,
    );
  const columns = headings?.columns ?? {};

  const written = rules !== undefined && headings !== undefined ? rulesRows(rules, headings, notes) : [];
  const byKey = new Map(written.map((w) => [nameKey(w.service), w]));
  const rows: RuleRow[] = [];
  const row = (service: string, at: number | undefined): RuleRow => ({
    service,
    ...(at === undefined ? {} : { row: at }),
    cells: Object.fromEntries(
      FIELD_ORDER.map((field) => {
        const column = columns[field];
        const value =
          rules === undefined || at === undefined || column === undefined ? null : cellAt(rules, at, column);
        const cell = at === undefined || column === undefined ? {} : { cell: a1(at, column) };
        return [field, { text: displayText(field, value), value, ...cell }];
      }),
    ),
  });
  for (const service of services ?? []) {
    const w = byKey.get(nameKey(service));
    rows.push(row(service, w?.row));
    if (w === undefined && rules !== undefined && headings !== undefined)
      notes.push(`${service} is on the Budget sheet but has no row on the ${rules.name} sheet.`);
  }
  const known = new Set((services ?? []).map(nameKey));
  for (const w of written) {
    if (known.has(nameKey(w.service))) continue;
    rows.push(row(w.service, w.row));
    if (services !== undefined && rules !== undefined)
      notes.push(
        `${refText({ sheet: rules.name, row: w.row, column: columns.service as number })}: ${w.service} has no lines on the Budget sheet.`,
      );
  }
  return {
    ...(rules === undefined ? {} : { sheet: rules.name }),
    ...(headings === undefined ? {} : { headingRow: headings.row }),
    columns,
    lastColumn: headings?.lastColumn ?? 0,
    rows,
    notes,
  };
}

/** Rows whose Service starts with "Total" are totals, as the Budget reader skips them. */
const isTotal = (service: string): boolean => /^(grand\s+)?total\b/i.test(service);

/**
 * The Budget's services as the Check step will name them (the budget reader's spellings, with
 * lines whose amounts are unreadable), in the order first met down the Service column. When the
 * sheet cannot be read at all (a missing Baseline column), whatever text its Service column holds.
 */
function budgetServices(
  grid: SheetGrid,
  chosen: Partial<Record<string, string>> | undefined,
  notes: string[],
): string[] {
  const { headings, columns } = headingsOf(grid, BUDGET_COLUMNS.fields, chosen, notes);
  if (headings === undefined) {
    notes.push(
      `${grid.name}: none of the first ${HEADING_SEARCH_ROWS} rows has a Service heading, so no services were found.`,
    );
    return [];
  }
  const column = headings.columns.service as number;
  const firstRow = new Map<string, { row: number; text: string }>();
  for (let row = headings.row + 1; row <= grid.values.length; row++) {
    const text = readText(scratch(grid), ref(grid.name, row, column), "Service");
    if (text === undefined || isTotal(text) || firstRow.has(nameKey(text))) continue;
    firstRow.set(nameKey(text), { row, text });
  }
  const unread: UnreadLine[] = [];
  const sheet = readBudget({ ...scratch(grid), ...(columns === undefined ? {} : { columns }) }, unread);
  if (sheet === undefined) {
    notes.push(
      `${grid.name}: the sheet could not be read (the Check step says why); its Service column is shown as written.`,
    );
    return [...firstRow.values()].map((s) => s.text);
  }
  const found = [...catalogue(sheet, unread).entries()];
  const at = (key: string): number => firstRow.get(key)?.row ?? Number.MAX_SAFE_INTEGER;
  return found.sort((a, b) => at(a[0]) - at(b[0])).map(([, s]) => s.name);
}

/** The user's column choices as the readers take them (unknown keys and blanks are no choice). */
function choices(columns: Partial<Record<string, string>> | undefined): Partial<Record<Field, string>> | undefined {
  const chosen = Object.entries(columns ?? {}).filter(
    (e): e is [Field, string] => e[0] in HEADINGS && typeof e[1] === "string" && e[1].trim() !== "",
  );
  return chosen.length === 0 ? undefined : Object.fromEntries(chosen);
}

/**
 * A sheet's heading row as the Check step finds it, with the user's column choices; when the
 * choices do not fit the sheet (a chosen heading gone), the template's spellings instead, with a
 * note, so the pane still shows something.
 */
function headingsOf(
  grid: SheetGrid,
  fields: readonly Field[],
  columns: Partial<Record<string, string>> | undefined,
  notes: string[],
): { headings?: HeadingRow; columns?: Partial<Record<Field, string>> } {
  const chosen = choices(columns);
  if (chosen !== undefined) {
    const r: Reading = { ...scratch(grid), columns: chosen };
    const headings = readHeadings(r, fields, "");
    if (headings !== undefined) return { headings, columns: chosen };
    const why = r.problems.find((p) => p.severity === "error")?.message ?? "The columns chosen do not fit the sheet.";
    notes.push(`${grid.name}: ${why} The template's headings are used instead.`);
  }
  return { headings: readHeadings(scratch(grid), fields, "") };
}

const headingOf = (field: Field): string => HEADINGS[field][0];

/** Each Rules row with a Service, first row per service (as readRules keeps it); the others as notes. */
function rulesRows(grid: SheetGrid, headings: HeadingRow, notes: string[]): { service: string; row: number }[] {
  const column = headings.columns.service as number;
  const used = Object.values(headings.columns);
  const found: { service: string; row: number }[] = [];
  const seen = new Map<string, number>();
  for (let row = headings.row + 1; row <= grid.values.length; row++) {
    if (rowIsBlank(grid, row, used)) continue;
    const value = cellAt(grid, row, column);
    const at = refText(ref(grid.name, row, column));
    // An error in the Service cell is shown as the error: the user can still see and fix the row.
    const service = isErrorCell(value) ? value.error : readText(scratch(grid), ref(grid.name, row, column), "Service");
    if (service === undefined) {
      notes.push(`${at}: row ${row} has no Service, so it is not shown.`);
      continue;
    }
    const earlier = seen.get(nameKey(service));
    if (earlier !== undefined) {
      notes.push(`${at}: ${service} is also in row ${earlier}; row ${earlier} is shown.`);
      continue;
    }
    seen.set(nameKey(service), row);
    found.push({ service, row });
  }
  return found;
}

/** A cell as the pane shows it: percent columns (and a one-number Phasing) as %, money grouped, text as written. */
export function displayText(field: RuleField, value: CellValue): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (isErrorCell(value)) return value.error;
  if (isUncalculated(value)) return value.formula;
  // A month or year Excel turned into a date: shown as the reader reads it, not as its serial number.
  if (field === "startMonth" || field === "firstYear") {
    const one: Reading = scratch({ name: "", values: [[value]] });
    const at = { sheet: "", row: 1, column: 1 };
    if (field === "startMonth") {
      const month = readStartMonth(one, at, "");
      if (typeof month === "number") return MONTH_NAMES[month - 1];
    } else {
      const year = readYear(one, at, "", "§6");
      if (typeof year === "string") return year;
    }
  }
  const n = fromExcelNumber(value);
  if (PERCENT.has(field) || field === "phasing") return percentText(n);
  if (MONEY.has(field)) return grouped(n);
  return n.toString();
}

/** An amount as typed: "1,650,000", "£1,650,000.50", "-£5,000" (commas only between thousands). */
const AMOUNT = /^(-?)\s*£?\s*(-?)\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/;
/** A percentage as typed: "50%", "50", "12.5 %". */
const PERCENTAGE = /^(-?)\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)$/;

/**
 * A typed entry as the cell value to write: blank clears the cell; money fields take an amount
 * (commas and £ allowed) with a number format, or a list by year written as text; percent fields take 50% or 50, both 0.5, with a
 * percent format; every other field is text exactly as typed (text starting "=" stays text).
 */
export function cellInput(
  field: RuleField,
  typed: string,
): { value: string | number | null; numberFormat?: string } | { error: string } {
  const text = typed.trim();
  if (text === "") return { value: null };
  const heading = headingOf(field);
  if (MONEY.has(field)) {
    const m = AMOUNT.exec(text);
    // A list by year (and by who bears it) is written as text, as typed; the Check step reads it.
    if (m === null && (text.includes(";") || /\s(from|in|for)\s/i.test(text))) return { value: typed };
    // So is an estimate given as a range (RULES.md §1): "£1,600k–£1,700k".
    if (m === null && isRangeText(text, "amount")) return { value: typed };
    if (m === null || (m[1] !== "" && m[2] !== ""))
      return {
        error: `${heading} must be an amount such as 1,650,000 or £1,650,000, not "${text}".`,
      };
    const amount = new Decimal(`${m[1] || m[2]}${m[3].replace(/,/g, "")}${m[4] ?? ""}`);
    return { value: amount.toNumber(), numberFormat: amount.isInteger() ? MONEY_FORMAT : "#,##0.00" };
  }
  if (field === "reduction" && isRangeText(text, "rate")) return { value: typed };
  if (PERCENT.has(field)) {
    const m = PERCENTAGE.exec(text);
    if (m === null) return { error: `${heading} must be a percentage such as 20% (or 20), not "${text}".` };
    const percent = new Decimal(`${m[1]}${m[2]}`);
    const places = percent.decimalPlaces();
    // Exact in decimal, then the one rounding to a double that any number typed into Excel gets.
    return {
      value: percent.dividedBy(100).toNumber(),
      numberFormat: places === 0 ? PERCENT_FORMAT : `0.${"0".repeat(places)}%`,
    };
  }
  return { value: typed };
}

/** One cell to write on the Rules sheet (1-based), with its number format where the edit sets one. */
export type { CellGuard, CellWrite } from "./input-sheet";
export { withWrites } from "./input-sheet";

/**
 * The cells an edit relies on, with what they held when read: each written cell, the Service cell
 * of its row and the heading of its column. If Excel's user has sorted the sheet or typed into it
 * since, one of them differs and the writer refuses rather than write into another service's row.
 */
function editGuards(view: RulesView, rules: SheetGrid, writes: readonly CellWrite[]): CellGuard[] {
  const guards = new Map<string, CellGuard>();
  const guard = (row: number, column: number | undefined): void => {
    if (column === undefined || row < 1) return;
    guards.set(`${row},${column}`, { row, column, value: cellAt(rules, row, column) });
  };
  for (const w of writes) {
    guard(w.row, w.column);
    guard(w.row, view.columns.service);
    guard(view.headingRow ?? 0, w.column);
  }
  return [...guards.values()];
}

/** The last row with anything in it (grids may carry blank rows at the end). */
function lastUsedRow(grid: SheetGrid): number {
  for (let row = grid.values.length; row >= 1; row--)
    if ((grid.values[row - 1] ?? []).some((v) => !isBlankCell(v))) return row;
  return 0;
}

/**
 * What to write for one edit of one service's field: the cell, plus the Service cell of a new row
 * at the end when the service has none, plus a heading after the last when the column is missing.
 * Clearing a cell that does not exist writes nothing. The view must be of this grid: after writing,
 * read the sheet again and rebuild the view before the next edit (rows and columns may have moved).
 */
export function ruleEdit(
  view: RulesView,
  rules: SheetGrid,
  service: string,
  field: RuleField,
  typed: string,
): { writes: CellWrite[] } | { error: string } {
  const sheet = view.sheet ?? rules.name;
  const serviceColumn = view.columns.service;
  if (view.headingRow === undefined || serviceColumn === undefined)
    return {
      error: `The ${sheet} sheet has no heading row (none of the first ${HEADING_SEARCH_ROWS} rows has a Service heading), so ${service} cannot be written: add the headings, or create a Rules sheet.`,
    };
  const entry = view.rows.find((r) => nameKey(r.service) === nameKey(service));
  if (entry === undefined)
    return { error: `${service} is neither on the Budget sheet nor on the ${sheet} sheet, so it has no rule to edit.` };
  const row = entry.row ?? Math.max(lastUsedRow(rules), view.headingRow) + 1;
  const column = view.columns[field] ?? view.lastColumn + 1;
  const input = cellInput(field, typed);
  if ("error" in input)
    return { error: `${refText(ref(sheet, row, column))} (${headingOf(field)} for ${entry.service}): ${input.error}` };
  if (input.value === null && (entry.row === undefined || view.columns[field] === undefined)) return { writes: [] };
  const writes: CellWrite[] = [];
  if (view.columns[field] === undefined) writes.push({ row: view.headingRow, column, value: headingOf(field) });
  if (entry.row === undefined) writes.push({ row, column: serviceColumn, value: entry.service });
  writes.push({
    row,
    column,
    value: input.value,
    ...(input.numberFormat === undefined ? {} : { numberFormat: input.numberFormat }),
  });
  return { writes };
}

/** What a new Rules sheet fills in: the README's defaults that are words; the rest is left to the user. */
const DEFAULTS: Partial<Record<RuleField, string>> = {
  basis: "demand",
  kind: "cashable",
  variancePolicy: "host bears",
};

const WIDTHS: Record<"service" | RuleField, number> = {
  service: 34,
  partners: 40,
  basis: 12,
  newCost: 14,
  reduction: 11,
  transitional: 14,
  phasing: 20,
  startMonth: 12,
  firstYear: 10,
  kind: 15,
  gainShare: 10,
  host: 22,
  variancePolicy: 15,
};

const HEADING_ROW = 3;

/**
 * A new Rules sheet for these services (each once, in the order given): the template headings on
 * row 3 under a title and a note, one row per service with the README's defaults for Basis, Kind and
 * Variance policy and every other field blank (New cost or Reduction, and First year, are the user's
 * to give: the Check step asks for them at their cells).
 */
export function newRulesSheet(services: readonly string[], name = "Rules"): InputSheet {
  const seen = new Set<string>();
  const unique = services.filter((s) => {
    const key = nameKey(s);
    if (key === "" || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const fields: ("service" | RuleField)[] = ["service", ...FIELD_ORDER];
  return {
    name,
    values: [
      ["Sharing rules"],
      [
        "Amounts in pounds. Blank cells take the README's defaults; give each service a New cost or a Reduction, and a First year.",
      ],
      fields.map((f) => HEADINGS[f][0]),
      ...unique.map((service) => [service, ...FIELD_ORDER.map((f) => DEFAULTS[f] ?? null)]),
    ],
    headingRow: HEADING_ROW,
    widths: fields.map((f) => WIDTHS[f]),
    numberFormats: fields.map((f) =>
      f === "service" ? undefined : MONEY.has(f) ? MONEY_FORMAT : PERCENT.has(f) ? PERCENT_FORMAT : undefined,
    ),
    freezeRows: HEADING_ROW,
  };
}

/**
 * Several fields of one service's rule, typed in the pane's form, as the cells to write and the
 * guards the writer checks. Each edit is planned on the sheet as the earlier ones leave it (a new
 * row or heading moves the next); a field that cannot be written is an error and nothing is written.
 */
export function planRuleEdits(
  budget: SheetGrid | undefined,
  rules: SheetGrid,
  service: string,
  typed: Partial<Record<RuleField, string>>,
  options: RulesViewOptions = {},
): { writes: CellWrite[]; guards: CellGuard[] } | { errors: Partial<Record<RuleField, string>> } {
  const first = rulesView(budget, rules, options);
  const errors: Partial<Record<RuleField, string>> = {};
  const writes: CellWrite[] = [];
  let view = first;
  let grid = rules;
  for (const [field, text] of Object.entries(typed) as [RuleField, string][]) {
    const edit = ruleEdit(view, grid, service, field, text);
    if ("error" in edit) {
      errors[field] = edit.error;
      continue;
    }
    writes.push(...edit.writes);
    grid = withWrites(grid, edit.writes);
    view = rulesView(budget, grid, options);
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { writes, guards: editGuards(first, rules, writes) };
}
