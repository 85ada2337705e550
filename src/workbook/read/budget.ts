/**
 * The Budget sheet: each partner's stand-alone (baseline) budget per service, long (a row per
 * partner and service line) or wide (a row per service, a column per partner), detected from the
 * headings: no Partner heading means wide.
 */
import { CellRef, cellAt, isBlankCell } from "../grid";
import type { BudgetLine, BudgetSheet, Units } from "../inputs";
import { Reading, nameKey, readMoney, readText, ref, report, rowIsBlank } from "./cells";
import {
  HeadingRow,
  SheetColumns,
  SheetUnitsRead,
  headingKey,
  headingName,
  readHeadings,
  readUnits,
  unitsText,
} from "./headings";
import { Role, roleLabel } from "./sheets";
import { TotalsCheck } from "./totals";

const LONG_ONLY =
  "Required in the long layout (a row per partner and service line); a sheet with a column per partner has neither.";

/** Service is always required; Partner and Baseline only in the long layout, which their presence decides. */
export const BUDGET_COLUMNS: SheetColumns = {
  fields: ["partner", "service", "baseline", "costCentre", "description", "category"],
  required: ["service"],
  notes: { partner: LONG_ONLY, baseline: LONG_ONLY },
};

const DETAILS = { costCentre: "Cost centre", description: "Description", category: "Category" } as const;

const plural = (n: number, word: string): string => (n === 1 ? word : `${word}s`);

/** Rows whose Service starts with "Total" (or "Grand total") are totals, not lines. */
const isTotal = (service: string): boolean => /^(grand\s+)?total\b/i.test(service);

/** A wide layout's "Total" column: not a partner; checked against the partners' cells in its row. */
const isTotalColumn = (text: string): boolean => /^(grand)?total/.test(headingKey(text));

/** One row's service and its optional details, shared by every line on the row. */
interface RowStart {
  row: number;
  service?: string;
  serviceAt: CellRef;
  details: Pick<BudgetLine, "costCentre" | "description" | "category">;
}

/** A line whose amount or partner could not be read: its partner and service still exist for the other checks. */
export interface UnreadLine {
  /** Absent when the partner cell itself is the problem. */
  partner?: string;
  service: string;
}

export function readBudget(r: Reading, unread: UnreadLine[] = [], role: Role = "budget"): BudgetSheet | undefined {
  const sheet = r.grid.name;
  const headings = readHeadings(r, BUDGET_COLUMNS.fields, "Partner, Service, Baseline");
  if (headings === undefined) return undefined;
  const layout = headings.columns.partner === undefined ? "wide" : "long";
  const skippedColumns: string[] = [];
  const partners = layout === "wide" ? widePartners(r, headings, skippedColumns) : [];
  if (layout === "long" && headings.columns.baseline === undefined && headings.chosen.includes("partner")) {
    // The user made this a long layout by choosing a Partner column, perhaps one of a wide sheet's partners.
    report(
      r,
      ref(sheet, headings.row, headings.columns.partner as number),
      `${headingAt(r, headings, "partner")} is chosen for Partner, but there is no Baseline column (row ${headings.row}) with each line's amount.`,
      "Choose the Baseline column too, or clear the choice for Partner if the sheet has a column per partner.",
    );
    return undefined;
  }
  if (layout === "long" && headings.columns.baseline === undefined) {
    report(
      r,
      ref(sheet, headings.row, headings.lastColumn + 1),
      `There is no Baseline column in the headings (row ${headings.row}).`,
      "Add a column headed Baseline with each line's amount.",
    );
    return undefined;
  }
  if (partners === undefined) return undefined;
  const totalColumns = layout === "wide" ? headings.others.filter((h) => isTotalColumn(h.text)) : [];
  // Each partner's column (and a Total column) has its own unit in the wide layout: "Westminster £000".
  const moneyColumns =
    layout === "long"
      ? [headings.columns.baseline as number]
      : [...partners.map((p) => p.column), ...totalColumns.map((t) => t.column)].sort((a, b) => a - b);
  const units = readUnits(r, headings, moneyColumns);
  totalColumnUnits(units, partners, totalColumns);
  const used = [...Object.values(headings.columns), ...partners.map((p) => p.column)];
  const lines: BudgetLine[] = [];
  const seen = new Map<string, CellRef>();
  const totals: number[] = [];
  const checks = new TotalsCheck(
    r,
    layout === "long"
      ? [{ column: headings.columns.baseline as number, whose: "the Baseline column" }]
      : partners.map((p) => ({ column: p.column, whose: p.partner })),
    units.of,
  );
  const last = r.grid.values.length;
  for (let row = headings.row + 1; row <= last; row++) {
    if (rowIsBlank(r.grid, row, used)) continue;
    const start = rowStart(r, headings, row);
    if (start.service !== undefined && isTotal(start.service)) {
      totals.push(row);
      checks.total(row, start.service);
      continue;
    }
    if (layout === "wide" && start.service === undefined) {
      if (!isErrorCell(r, start.serviceAt))
        report(
          r,
          start.serviceAt,
          `Row ${row} has amounts but no Service.`,
          "Enter the service's name, or delete the row.",
        );
      continue;
    }
    const found =
      layout === "long"
        ? longLine(r, headings, start, units.of(headings.columns.baseline as number), unread)
        : partners.flatMap((p) => wideLine(r, start, p, units.of(p.column), unread));
    const amounts = new Map(found.map((l) => [l.baseline.at.column, l.baseline.value]));
    checks.line(row, amounts);
    for (const t of totalColumns) checks.totalColumn(row, t.column, t.text, amounts);
    for (const line of found) {
      const key = [line.partner, line.service, line.costCentre ?? "", line.description ?? ""]
        .map(nameKey)
        .join("\u0000");
      const earlier = seen.get(key);
      if (earlier === undefined) {
        seen.set(key, line.baseline.at);
        lines.push(line);
      } else {
        report(
          r,
          line.baseline.at,
          `${line.partner}, ${line.service} is on the Budget sheet twice with the same cost centre and description (row ${earlier.row} and row ${row}).`,
          "Delete one of the two lines, or give them different cost centres or descriptions.",
        );
      }
    }
  }
  const skipped = [
    ...(skippedColumns.length === 0
      ? []
      : [
          `the ${plural(skippedColumns.length, "column")} ${skippedColumns.map((t) => `"${t}"`).join(", ")} (not a partner)`,
        ]),
    ...(totals.length === 0 ? [] : [`total ${plural(totals.length, "row")} ${totals.join(", ")}`]),
  ];
  if (skipped.length > 0) r.notes.push(`${roleLabel(role, r.grid)}: skipped ${skipped.join(" and ")}.`);
  if (lines.length === 0 && !r.problems.some((p) => p.sheet === sheet && p.severity === "error"))
    report(
      r,
      { sheet },
      `The Budget sheet has no lines under its headings (row ${headings.row}).`,
      "Enter the partners' budgets under the headings.",
    );
  r.notes.push(
    `${roleLabel(role, r.grid)}: ${layout} layout, headings in row ${headings.row}, ${unitsText(units.sheet)}.`,
  );
  return { sheet, layout, units: units.sheet, headerRow: headings.row, lines: canonicalNames(lines) };
}

/**
 * A "Total" column with no unit in its heading is in the unit of the partners' columns it totals,
 * where they share one ("Westminster £000 … Total"); otherwise the title's, else pounds, as any column.
 */
function totalColumnUnits(
  units: SheetUnitsRead,
  partners: readonly { column: number }[],
  totalColumns: readonly { column: number }[],
): void {
  const kinds = new Set(partners.map((p) => units.of(p.column)));
  if (kinds.size !== 1) return;
  const shared = [...kinds][0];
  for (const t of totalColumns) {
    const entry = units.read.columns.find((c) => c.at.column === t.column);
    if (entry === undefined || entry.from === "heading" || entry.units === shared) continue;
    entry.units = shared;
    entry.from = "totalled";
  }
}

/** Wide layout: every heading that is not Service or a detail names a partner ("Total" columns aside). */
function widePartners(
  r: Reading,
  headings: HeadingRow,
  skipped: string[],
): { column: number; partner: string }[] | undefined {
  const sheet = r.grid.name;
  if (headings.columns.baseline !== undefined && headings.chosen.includes("baseline")) {
    // In a wide layout every partner's column is a baseline: one chosen as the Baseline is a partner taken away.
    report(
      r,
      ref(sheet, headings.row, headings.columns.baseline),
      `${headingAt(r, headings, "baseline")} is chosen for Baseline, but there is no Partner column, so the add-in cannot tell whose budget each line is.`,
      "Choose the Partner column too (a row per partner and service), or clear the choice for Baseline if the sheet has a column per partner.",
    );
    return undefined;
  }
  if (headings.columns.baseline !== undefined) {
    report(
      r,
      ref(sheet, headings.row, headings.columns.baseline),
      "There is a Baseline column but no Partner column, so the add-in cannot tell whose budget each line is.",
      "Add a column headed Partner (one row per partner and service), or head a column with each partner's name (one row per service).",
    );
    return undefined;
  }
  const partners = headings.others
    .filter((h) => !isTotalColumn(h.text))
    .map((h) => ({ column: h.column, partner: headingName(h.text) }));
  skipped.push(...headings.others.filter((h) => isTotalColumn(h.text)).map((h) => h.text));
  if (partners.length === 0) {
    report(
      r,
      ref(sheet, headings.row, headings.lastColumn + 1),
      `There is no Partner column, and no column headed with a partner's name (row ${headings.row}).`,
      "Add columns Partner and Baseline (one row per partner and service), or a column per partner headed with its name.",
    );
    return undefined;
  }
  return partners;
}

/** A heading as a message quotes it: "Net spend £". */
const headingAt = (r: Reading, headings: HeadingRow, field: "partner" | "baseline"): string =>
  `"${String(cellAt(r.grid, headings.row, headings.columns[field] as number)).trim()}"`;

function rowStart(r: Reading, headings: HeadingRow, row: number): RowStart {
  const column = headings.columns.service as number;
  const details: RowStart["details"] = {};
  for (const field of Object.keys(DETAILS) as (keyof typeof DETAILS)[]) {
    const c = headings.columns[field];
    const text = c === undefined ? undefined : readText(r, ref(r.grid.name, row, c), DETAILS[field]);
    if (text !== undefined) details[field] = text;
  }
  const serviceAt = ref(r.grid.name, row, column);
  return { row, service: readText(r, serviceAt, "Service"), serviceAt, details };
}

function longLine(r: Reading, headings: HeadingRow, start: RowStart, units: Units, unread: UnreadLine[]): BudgetLine[] {
  const sheet = r.grid.name;
  const partnerAt = ref(sheet, start.row, headings.columns.partner as number);
  const baselineAt = ref(sheet, start.row, headings.columns.baseline as number);
  const partner = readText(r, partnerAt, "Partner");
  const fix = "Enter it, or delete the line if it is not needed.";
  if (start.service === undefined && !isErrorCell(r, start.serviceAt))
    report(r, start.serviceAt, `This Budget line has no Service.`, fix);
  if (partner === undefined && !isErrorCell(r, partnerAt))
    report(r, partnerAt, `This Budget line has no Partner.`, fix);
  const what = `Baseline for ${partner ?? "this line"}${start.service === undefined ? "" : `, ${start.service}`}`;
  const baseline = isBlankCell(cellAt(r.grid, baselineAt.row, baselineAt.column))
    ? report(r, baselineAt, `${what} is blank.`, "Enter the amount (0 if there is none), or delete the line.")
    : readMoney(r, baselineAt, what, units);
  if (start.service === undefined) return [];
  if (baseline === undefined || partner === undefined) {
    unread.push({ partner, service: start.service });
    return [];
  }
  return [{ partner, service: start.service, baseline, ...start.details }];
}

function wideLine(
  r: Reading,
  start: RowStart,
  p: { column: number; partner: string },
  units: Units,
  unread: UnreadLine[],
): BudgetLine[] {
  const at = ref(r.grid.name, start.row, p.column);
  if (isBlankCell(cellAt(r.grid, at.row, at.column))) return []; // this partner has no budget for the service
  const service = start.service as string;
  const baseline = readMoney(r, at, `Baseline for ${p.partner}, ${service}`, units);
  if (baseline === undefined) unread.push({ partner: p.partner, service });
  return baseline === undefined ? [] : [{ partner: p.partner, service, baseline, ...start.details }];
}

const isErrorCell = (r: Reading, at: CellRef): boolean => {
  const v = cellAt(r.grid, at.row, at.column);
  return typeof v === "object" && v !== null;
};

/** One spelling per partner and per service (the first written), so "westminster " is Westminster. */
function canonicalNames(lines: BudgetLine[]): BudgetLine[] {
  const partners = new Map<string, string>();
  const services = new Map<string, string>();
  const pick = (names: Map<string, string>, name: string): string => {
    const key = nameKey(name);
    if (!names.has(key)) names.set(key, name);
    return names.get(key) as string;
  };
  return lines.map((line) => ({
    ...line,
    partner: pick(partners, line.partner),
    service: pick(services, line.service),
  }));
}
