/**
 * The Compatibility sheet (optional, RULES.md §9): one row per candidate service, its risk band
 * (or the kind of service, which the London study's table in `004` ch. 6 gives a band) and a
 * red/amber/green score for each of the eleven criteria of `001` schedule 1. A score may be
 * blank (not yet scored). The Assessment sheet sums it up.
 */
import { CRITERIA, KINDS_OF_SERVICE, Rag, parseRag, parseRiskBand } from "../../engine";
import { a1 } from "../a1";
import { CellRef, cellAt, isBlankCell, isErrorCell, isUncalculated } from "../grid";
import type { CandidateService, CompatibilitySheet, Field, FromCell } from "../inputs";
import { Reading, excelError, nameKey, readText, ref, report, rowIsBlank, shown, uncalculated } from "./cells";
import { SheetColumns, readHeadings, requireColumns } from "./headings";
import { roleLabel } from "./sheets";

/** The criteria's fields, in CRITERIA order. */
export const CRITERION_FIELDS = [
  "strategicFit",
  "politicalAlignment",
  "itCompatibility",
  "businessProcesses",
  "staffingArrangements",
  "serviceStandards",
  "costSharing",
  "risk",
  "organisationalIssues",
  "deliveryTimescales",
  "easeOfImplementation",
] as const satisfies readonly Field[];

export const COMPATIBILITY_COLUMNS: SheetColumns = {
  fields: ["service", "riskBand", ...CRITERION_FIELDS, "note"],
  required: ["service", "riskBand", ...CRITERION_FIELDS],
  notes: { riskBand: "low, medium or high, or the kind of service (Payroll, Legal services…)" },
};

const RULE = "§9";
const CRITERIA_TEXT = CRITERIA.join(", ");
const RAG_FIX = "Enter Red, Amber or Green (or R, A, G), or leave it blank until it is scored.";

export function readCompatibility(r: Reading): CompatibilitySheet | undefined {
  const sheet = r.grid.name;
  const headings = readHeadings(r, COMPATIBILITY_COLUMNS.fields, `Service, Risk band, ${CRITERIA_TEXT}`);
  if (headings === undefined) return undefined;
  let ok = requireColumns(r, headings, COMPATIBILITY_COLUMNS.required);
  for (const other of headings.others) {
    ok = false;
    report(
      r,
      ref(sheet, headings.row, other.column),
      `"${other.text}" is not one of the eleven criteria of the compatibility analysis (001 schedule 1), nor Service, Risk band or Notes.`,
      `Head each criterion's column as the analysis names it: ${CRITERIA_TEXT}; or move other notes under a Notes column.`,
      RULE,
    );
  }
  if (!ok) return undefined;
  const c = headings.columns as Record<"service" | "riskBand" | (typeof CRITERION_FIELDS)[number], number> &
    Partial<Record<"note", number>>;
  const columns = CRITERION_FIELDS.map((f) => c[f]);
  const used = [c.service, c.riskBand, ...columns];
  const services: CandidateService[] = [];
  const seen = new Map<string, CellRef>();
  for (let row = headings.row + 1; row <= r.grid.values.length; row++) {
    if (rowIsBlank(r.grid, row, used)) continue;
    const at = (column: number): CellRef => ref(sheet, row, column);
    const name = readText(r, at(c.service), "Service");
    const label = name === undefined ? `row ${row}` : name;
    if (name === undefined && isBlankCell(cellAt(r.grid, row, c.service)))
      report(
        r,
        at(c.service),
        `This Compatibility row has scores but no Service.`,
        "Enter the candidate service it scores, or delete the row.",
        RULE,
      );
    else if (name !== undefined) {
      const earlier = seen.get(nameKey(name));
      if (earlier !== undefined)
        report(
          r,
          at(c.service),
          `${name} is scored twice on the Compatibility sheet (also in ${a1(earlier.row, earlier.column)}).`,
          "Keep one row for each candidate service.",
          RULE,
        );
      else seen.set(nameKey(name), at(c.service));
    }
    const band = readBand(r, at(c.riskBand), label);
    const scores = CRITERIA.map((criterion, i) => readScore(r, at(columns[i]), `${criterion} for ${label}`));
    if (name === undefined || band === undefined || scores.some((s) => s === null)) continue;
    services.push({
      service: { value: name, at: at(c.service) },
      scores: scores as FromCell<Rag | undefined>[],
      band,
    });
  }
  r.notes.push(
    `${roleLabel("compatibility", r.grid)}: headings in row ${headings.row}, ${services.length} candidate services scored against the eleven criteria.`,
  );
  return { sheet, headerRow: headings.row, columns, services };
}

/** A score, undefined when blank; null after reporting why it is not red, amber or green. */
function readScore(r: Reading, at: CellRef, what: string): FromCell<Rag | undefined> | null {
  const value = cellAt(r.grid, at.row, at.column);
  if (isBlankCell(value)) return { value: undefined, at };
  if (isErrorCell(value)) return excelError(r, at, what, value.error, RULE) ?? null;
  if (isUncalculated(value)) return uncalculated(r, at, what, value.formula, RULE) ?? null;
  const rag = typeof value === "string" ? parseRag(value) : null;
  if (rag !== null && rag !== undefined) return { value: rag, at };
  const spaced = typeof value === "string" && parseRag(value.trim());
  report(
    r,
    at,
    spaced
      ? `${what} is ${shown(value)}, with spaces around the word, which the Assessment sheet's COUNTIF formulas would not count.`
      : `${what} is ${shown(value)}, not red, amber or green.`,
    spaced ? `Retype it as ${value.trim()} with no spaces around it.` : RAG_FIX,
    RULE,
  );
  return null;
}

/** The band a cell gives, as written or from its kind of service; undefined after reporting why not. */
function readBand(r: Reading, at: CellRef, service: string): CandidateService["band"] | undefined {
  const text = readText(r, at, `Risk band for ${service}`);
  if (text === undefined) {
    if (isBlankCell(cellAt(r.grid, at.row, at.column)))
      report(
        r,
        at,
        `Risk band for ${service} is blank.`,
        "Enter low, medium or high (the London study's bands, 004 ch. 6), or the kind of service, such as Payroll or Legal services, whose band the add-in looks up.",
        RULE,
      );
    return undefined;
  }
  const found = parseRiskBand(text);
  if (found === null) {
    report(
      r,
      at,
      `Risk band for ${service} is "${text}", which is neither a band (low, medium or high) nor a kind of service in the London study's table (004 ch. 6).`,
      `Enter low, medium or high, or one of the study's kinds: ${examples()}; the README lists them all.`,
      RULE,
    );
    return undefined;
  }
  return { value: found.band, at, ...(found.kind === undefined ? {} : { kind: found.kind }) };
}

const examples = (): string =>
  (["low", "medium", "high"] as const).map((b) => `${KINDS_OF_SERVICE[b].slice(0, 3).join(", ")} (${b})`).join("; ");
