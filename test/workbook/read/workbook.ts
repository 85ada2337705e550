/**
 * A small valid input workbook as plain grids (the Tri-borough Youth Offending Service figures of
 * `003` ch. 9(a) and a made-up libraries service), and helpers to change one cell or sheet for a test.
 */
import { a1 } from "../../../src/workbook/a1";
import type { CellValue, SheetGrid } from "../../../src/workbook/grid";
import { readInputs, ReadResult } from "../../../src/workbook/read";
import { type Problem, describeProblem } from "../../../src/workbook/problems";

export const HF = "Hammersmith & Fulham";
export const KC = "Kensington & Chelsea";
export const WCC = "Westminster";
export const YOS = "Youth Offending Service";
export const LIB = "Libraries";

export const budgetLong = (): CellValue[][] => [
  ["Partner", "Service", "Baseline", "Cost centre", "Description"],
  [HF, YOS, 728000, "Y100", "Staff"],
  [KC, YOS, 676000, "Y200", "Staff"],
  [WCC, YOS, 600000, "Y300", "Staff"],
  [WCC, YOS, 77000, "Y301", "Premises"],
  [HF, LIB, 1200000.5, "L100", null],
  [KC, LIB, 900000, "L200", null],
  [WCC, LIB, 1500000, "L300", null],
];

export const RULE_HEADINGS: CellValue[] = [
  "Service",
  "Partners",
  "Basis",
  "New cost",
  "Reduction",
  "Transitional cost",
  "Phasing",
  "Start month",
  "First year",
  "Kind",
  "Gain share",
  "Host",
  "Variance policy",
];

export const rules = (): CellValue[][] => [
  // A copy: a test that changes a heading (withCells) must not change it for the others.
  [...RULE_HEADINGS],
  [YOS, null, "budget", 1650000, null, 100000, null, null, "2011/12", null, null, null, null],
  [
    LIB,
    `${HF}, ${KC}; ${WCC} from 2012/13`,
    "demand",
    null,
    0.2,
    null,
    "10%, 45%, 45%",
    null,
    "2011-12",
    "non-cashable",
    "10%",
    WCC,
    "share now",
  ],
];

export const drivers = (): CellValue[][] => [
  ["Service", "Partner", "Quantity", "Quality", "Population"],
  [LIB, HF, 120, null, 183000],
  [LIB, KC, 80, 1.25, 158000],
  [LIB, WCC, 100, null, 219000],
];

export const fte = (): CellValue[][] => [
  ["Partner", "Service", "FTE", "Cost", "Manager"],
  [HF, YOS, 12.5, 410000, "No"],
  [KC, YOS, 10, 350000, null],
  [WCC, YOS, 11, 380000, "Yes"],
];

export const tracker = (): CellValue[][] => [
  ["Service", "Partner", "Year", "Achieved"],
  [YOS, HF, "2011/12", 281000],
  [YOS, KC, "2011/12", null],
];

/** In-year variances (RULES.md §3): one of each kind of rule. Libraries' host is Westminster, policy share now. */
export const variances = (): CellValue[][] => [
  ["Service", "Year", "Cause", "Amount", "Partner", "Note"],
  [YOS, "2011/12", "demand", 10000, null, "More referrals"],
  [LIB, "2012/13", "specification change", -5000, KC, null],
  [LIB, "2012/13", "host indirect cost", 3000, null, "Energy"],
];

/**
 * Cost lines (RULES.md §2, `003` ch. 11): the Youth Offending Service's £1,650,000 as a contract
 * shared by all and a TUPE burden borne by two boroughs.
 */
export const costs = (): CellValue[][] => [
  ["Service", "Line", "Amount", "Partners"],
  [YOS, "Contract", 1600000, null],
  [YOS, "TUPE burden", 50000, `${KC}, ${WCC}`],
];

/** Candidate services (RULES.md §9): a low band given by kind, a medium band as written, a high kind; R/A/G in any spelling. */
export const COMPATIBILITY_HEADINGS: CellValue[] = [
  "Service",
  "Risk band",
  "Strategic fit",
  "Political alignment",
  "IT compatibility",
  "Business processes",
  "Staffing arrangements",
  "Service standards",
  "Cost sharing/VFM",
  "Risk",
  "Organisational issues",
  "Delivery timescales",
  "Ease of implementation",
  "Note",
];
export const compatibility = (): CellValue[][] => [
  [...COMPATIBILITY_HEADINGS],
  ["Legal services", "Legal services", "G", "green", "Green", "G", "G", "G", "G", "G", "G", "G", "G", "pooled"],
  ["Revenues and benefits", "medium", "G", "A", "amber", "G", "G", "G", "G", "G", "G", null, "G", null],
  ["Housing repairs", "Housing repairs", "G", "G", "G", "G", "G", "G", "G", "G", "G", "G", "G", null],
  ["Payroll", "Payroll", "G", "R", "A", "G", "G", "G", "G", "red", "G", "G", "G", null],
];

export type Sheets = Record<string, CellValue[][]>;

export const validSheets = (): Sheets => ({
  Budget: budgetLong(),
  Rules: rules(),
  Drivers: drivers(),
  FTE: fte(),
  Tracker: tracker(),
});

/** The valid workbook with a Variances sheet too. */
export const withVariances = (): Sheets => ({ ...validSheets(), Variances: variances() });

/** The valid workbook with a Costs sheet too. */
export const withCosts = (): Sheets => ({ ...validSheets(), Costs: costs() });

export const grids = (sheets: Sheets): SheetGrid[] =>
  Object.entries(sheets).map(([name, values]) => ({ name, values }));

export const read = (sheets: Sheets, options?: Parameters<typeof readInputs>[1]): ReadResult =>
  readInputs(grids(sheets), options);

/** The valid workbook with cells changed: edit("Rules", "C2", "FTE"). */
export function withCells(changes: [sheet: string, cell: string, value: CellValue][], sheets = validSheets()): Sheets {
  for (const [sheet, cell, value] of changes) {
    const m = /^([A-Z]+)(\d+)$/.exec(cell) as RegExpExecArray;
    const column = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const row = Number(m[2]);
    const values = sheets[sheet];
    while (values.length < row) values.push([]);
    while (values[row - 1].length < column) values[row - 1].push(null);
    values[row - 1][column - 1] = value;
  }
  return sheets;
}

/** The problems as "Sheet!C5 message" lines, for readable failures. */
export const where = (problems: readonly Problem[]): string[] =>
  problems.map((p) => `${p.severity} ${describeProblem(p).where} ${p.message}`);

/** A problem as a test states it: its cell written "C5" rather than as a reference. */
export type ProblemAsWritten = Omit<Problem, "cell"> & { cell?: string };
export function asWritten(p: Problem): ProblemAsWritten {
  const { cell, ...rest } = p;
  return cell === undefined ? rest : { ...rest, cell: a1(cell.row, cell.column) };
}

/** The one problem at a cell ("C5"; fails if there is none or several), with its cell as written. */
export function problemAt(result: ReadResult, sheet: string, cell: string | undefined): ProblemAsWritten {
  const found = result.problems.map(asWritten).filter((p) => p.sheet === sheet && p.cell === cell);
  if (found.length !== 1)
    throw new Error(`expected one problem at ${sheet}!${cell}, got:\n${where(result.problems).join("\n")}`);
  return found[0];
}
