/**
 * The output as a plan: sheets, cells, formulas and formats, built in pure code and rendered by
 * two thin adapters (src/office for Excel, src/xlsx for .xlsx files). Amounts stay Decimal here;
 * the adapters turn them into numbers at the Excel boundary.
 */
import type { Decimal } from "../../engine";
import type { ErrorCell } from "../grid";
import type { PartnerFigures, ServiceFigures } from "../outcome";

/** How a cell looks. Each adapter maps a style to a number format and font. */
export type CellStyle =
  | "title" // the sheet's heading, bold and larger
  | "marker" // the "made by the add-in" line under the title, grey italic
  | "header" // column headings, bold with a bottom border
  | "section" // a part's heading in a statement, bold, not wrapped
  | "text"
  | "wrapped" // text too long for its column, wrapped in its cell (the row grows with it)
  | "money" // #,##0.00
  | "total" // money, bold with a top border
  | "percent" // 0.00%
  | "share" // 0.0000% (a partner's share of the weights)
  | "number" // up to 4 decimal places (weights, FTE, quantities)
  | "note" // italic explanatory text
  | "good" // RAG green
  | "warn" // RAG amber
  | "bad"; // RAG red

/** What a formula's cell shows once calculated. */
export type CalculatedValue = Decimal | string | boolean | ErrorCell;

export type PlanCell =
  /** Text, always written as text: never taken as a formula, whatever it starts with. */
  | { kind: "text"; text: string; style?: CellStyle }
  | { kind: "number"; value: Decimal; style?: CellStyle }
  /**
   * A formula in Excel's English A1 form with the leading "=", e.g. "=SUM(H6:H8)" or
   * "=SHARED.APPORTION(I9,E6:E8)". `value` is what the engine computed for it, stored with it so
   * the workbook reads correctly before the add-in loads.
   */
  | { kind: "formula"; formula: string; value: CalculatedValue; style?: CellStyle }
  /**
   * A dynamic-array formula whose results spill from this cell over `values` (rows × columns,
   * values[0][0] is this cell's own). The cells it spills into are left undefined in the plan.
   */
  | { kind: "spill"; formula: string; values: CalculatedValue[][]; style?: CellStyle };

export interface ChartPlan {
  kind: "line" | "column";
  title: string;
  /** Ranges on the same sheet, e.g. "C5:H5" for the categories (years) and each series' values. */
  categories: string;
  series: { name: string; values: string }[];
  /** Top-left cell of the chart, e.g. "K4". */
  at: string;
}

/** The output sheets the add-in owns. */
export type OutputRole =
  "attribution" | "savings-profile" | "realisation" | "variances" | "assessment" | "audit" | "statement";

/**
 * How a sheet prints (issue 18): always A4, fit to one page wide (as many pages down as it
 * takes), with a footer of the sheet's name and the page number; both writers honour it.
 */
export interface PrintSetup {
  orientation: "portrait" | "landscape";
  /** Rows repeated at the top of each printed page (the headings), 1-based and inclusive. */
  repeatRows?: { first: number; last: number };
}

/** The footer, in Excel's header/footer codes: the sheet's name (&A) on the left, "Page 2 of 5" on the right. */
export const PRINT_FOOTER = { left: "&A", right: "Page &P of &N" } as const;

export interface SheetPlan {
  role: OutputRole;
  /** The name to use when free, e.g. "Attribution". */
  name: string;
  /** Rows from row 1, cells from column A; undefined = leave blank (or a spill's area). */
  rows: (PlanCell | undefined)[][];
  /** Column widths in characters, from column A. */
  widths?: number[];
  /** Row heights in points, from row 1, where a row's wrapped text needs more than one line (sheet.ts). */
  heights?: (number | undefined)[];
  /** Rows kept in view at the top (the headings). */
  freezeRows?: number;
  charts?: ChartPlan[];
  /** Page set-up for printing; absent: Excel's defaults. */
  print?: PrintSetup;
}

/** What the task pane's Results step shows: the Outcome's profile and warnings, and the sheets written. */
export interface PlanResults {
  /** The financial years of the profile, in order. */
  years: string[];
  /** Each partner in the order first met, then the partnership (partner undefined). */
  partners: PartnerFigures[];
  /** Each service, all its partners together, in the Rules sheet's order: its own break-even and payback. */
  services: ServiceFigures[];
  /** Fairness in the round (RULES.md §5): the warnings, empty when no partner is flagged. */
  fairness: string[];
  /** Every warning written to the Audit sheet. */
  warnings: string[];
  /** The output sheets by role and final name. */
  sheets: { role: OutputRole; name: string }[];
}

export interface Plan {
  /** In order; each name is final (see owned.ts placeSheets). */
  sheets: SheetPlan[];
  /** Of the sheets' names, those that are the add-in's own from an earlier run: clear them and write in place. */
  reuse: string[];
  /** The add-in's own sheets from an earlier run that this run does not produce: delete them. */
  remove: string[];
  /** A few lines for the command line and task pane: what was written, totals, warnings. */
  summary: string[];
}
