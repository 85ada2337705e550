/**
 * What the add-in reads from a finance team's workbook (the input template, documented in the
 * README): Budget, FTE, Rules, and optional Drivers and Tracker sheets. Reading (read/) turns
 * the sheets into these; planning (plan/) turns these into the output sheets. Every value keeps
 * the cell it came from, so an output formula can refer to it and an error can name it.
 */
import type { Basis, Decimal, IndirectPolicy, Rag, RiskBand, SavingKind, VarianceCause, YearLabel } from "../engine";
import type { CellRef } from "./grid";

/** Money columns are in pounds, or in thousands of pounds where the header or title says £000 / £k. */
export type Units = "pounds" | "thousands";

/** A sheet's money in one unit, or columns in different units (a unit in a heading applies to its column). */
export type SheetUnits = Units | "mixed";

/**
 * The unit one money column was read in: its heading's ("Baseline £000"), else the title's (a
 * cell above the headings saying £000), else pounds. A heading's unit wins over the title's for
 * its column; `title` then names the title cell it differs from.
 */
export interface ColumnUnits {
  /** The column's heading cell. */
  at: CellRef;
  heading: string;
  units: Units;
  /** Its heading's, the title's, neither (pounds), or (a Budget "Total" column) the partners' columns it totals. */
  from: "heading" | "title" | "default" | "totalled";
  /** The title cell saying the sheet's unit, where there is one. */
  title?: { at: CellRef; text: string };
}

/** The units read on one sheet, column by column, for the Audit sheet's Units read list. */
export interface UnitsRead {
  sheet: string;
  /** The title cell saying the sheet's unit (£000s), where there is one. */
  title?: { at: CellRef; text: string };
  columns: ColumnUnits[];
}

/** A value read from a cell, with the cell. Money is already in pounds (× 1000 for £000s). */
export interface FromCell<T> {
  value: T;
  at: CellRef;
}

/** An estimate given as a range (RULES.md §1): low, mid-range and high, as written in the cell. */
export interface RangeOf {
  low: Decimal;
  mid: Decimal;
  high: Decimal;
  /** The cell's text, e.g. "£0.7m–£1.0m". */
  text: string;
}

/** A money value from a cell: `value` in pounds; `units` says whether the cell holds £ or £000s. */
export interface MoneyCell extends FromCell<Decimal> {
  units: Units;
  /** Where the cell gives a range: `value` is the figure of the scenario read (mid-range unless chosen). */
  range?: RangeOf;
}

/** One Budget line: a partner's stand-alone budget for (part of) a service. */
export interface BudgetLine {
  partner: string;
  service: string;
  baseline: MoneyCell;
  costCentre?: string;
  description?: string;
  category?: string;
}

export interface BudgetSheet {
  sheet: string;
  /** long: a row per partner and service line; wide: a row per service, a column per partner. */
  layout: "long" | "wide";
  units: SheetUnits;
  /** 1-based row of the column headings. */
  headerRow: number;
  lines: BudgetLine[];
}

export interface FteLine {
  partner: string;
  service: string;
  fte: FromCell<Decimal>;
  cost?: MoneyCell;
  manager?: boolean;
}

export interface FteSheet {
  sheet: string;
  headerRow: number;
  lines: FteLine[];
}

/**
 * A partner named in a Rules row: the financial year it joins the service (absent: from the
 * start) and the first year it no longer takes part (absent: never leaves), from "until 2014/15"
 * (its last year in) or its notice (RULES.md §8).
 */
export interface RulePartner {
  partner: string;
  joins?: YearLabel;
  leaves?: YearLabel;
  /** Notice given, as written ("September 2013"), when `leaves` comes from it. */
  notice?: { month: number; year: YearLabel; text: string };
}

/** A combined cost from a year on ("1,500,000 from 2013/14"); `from` absent: from the service's first year. */
export interface CostFrom {
  from?: YearLabel;
  amount: Decimal;
}

/** A one-off cost of the Transitional cost cell: its year and who bears it (RULES.md §4). */
export interface OneOffEntry {
  amount: Decimal;
  /** The year it falls; absent: the service's first year. */
  year?: YearLabel;
  /** The partners that bear it, shared by net reduction among them; absent: all taking part that year. */
  partners?: string[];
  /**
   * The one partner that bears it alone ("borne by Westminster", RULES.md §4, §8): an extra above
   * the common terms, or a withdrawing partner's own consequent costs. Never with `partners`.
   */
  bornBy?: string;
  /**
   * Shared on this basis among its bearers instead of by net reduction ("by equal"): termination
   * costs shared in the pre-agreed manner (RULES.md §8). Never with `bornBy`.
   */
  basis?: Basis;
}

/** One Rules row: how one service is shared. */
export interface ServiceRule {
  service: string;
  /** The Rules row (its Service cell), for messages and the audit trail. */
  at: CellRef;
  /** The partners taking part; absent (blank cell) = every partner with a budget for the service. */
  partners?: FromCell<RulePartner[]>;
  basis: FromCell<Basis>;
  /** The combined service's ongoing cost, or… */
  newCost?: MoneyCell;
  /** …its cost changing by year, from the text "1,200,000; 1,500,000 from 2013/14" (then newCost is absent), or… */
  newCostByYear?: FromCell<CostFrom[]>;
  /** …a target reduction on the partners' total baseline, as a fraction (20% = 0.2). */
  reduction?: FromCell<Decimal> & { range?: RangeOf };
  /** One-off transitional cost (redundancy, set-up), shared by net reduction (RULES.md §4), in the first year; or… */
  transitional?: MoneyCell;
  /** …one-off costs by year and by who bears them, from text ("600,000 in 2011/12; 2,000,000 in 2012/13"). */
  oneOffs?: FromCell<OneOffEntry[]>;
  /** Phasing over years as fractions summing to 1 (from text such as "10%, 45%, 45%"), or… */
  phasing?: FromCell<Decimal[]>;
  /**
   * …as the amount arriving each year, in pounds ("2,700,000; 2,600,000; 3,360,000; 1,200,000"),
   * adding up to the service's saving before any gain share (checked in the outcome), or…
   */
  phasingAmounts?: FromCell<Decimal[]>;
  /** …the month (1–12) the full saving starts in the first year (part-year effect). Neither: 100% in the first year. */
  startMonth?: FromCell<number>;
  firstYear: FromCell<YearLabel>;
  kind: FromCell<SavingKind>;
  /** Gain share owed to a third party, as a fraction of the partnership's saving (10% = 0.1). */
  gainShare?: FromCell<Decimal>;
  host?: FromCell<string>;
  variancePolicy: FromCell<IndirectPolicy>;
}

export interface RulesSheet {
  sheet: string;
  headerRow: number;
  units: SheetUnits;
  rules: ServiceRule[];
  /** The years covered (first and last MTFS year shown), from settings cells above the headings. */
  years?: { first?: FromCell<YearLabel>; last?: FromCell<YearLabel> };
}

/** One Drivers line: a partner's demand for a service, and any other named measure. */
export interface DriverLine {
  service: string;
  partner: string;
  quantity?: FromCell<Decimal>;
  /** Quality factor; absent (blank) = 1. */
  quality?: FromCell<Decimal>;
  /** Other measure columns by their heading as written (e.g. "Population"). */
  measures: Record<string, FromCell<Decimal>>;
}

export interface DriversSheet {
  sheet: string;
  headerRow: number;
  /** The other measure columns' headings, in sheet order. */
  measures: string[];
  lines: DriverLine[];
}

export interface TrackerLine {
  service: string;
  partner: string;
  year: FromCell<YearLabel>;
  /** Absent = blank: not yet reported. */
  achieved?: MoneyCell;
  /** The saving now expected that year, where it is not yet achieved (RULES.md §7). */
  forecast?: MoneyCell;
  /** A later year the saving slipped to: what is not forecast (or achieved) that year moves there. */
  revisedYear?: FromCell<YearLabel>;
}

export interface TrackerSheet {
  sheet: string;
  headerRow: number;
  units: SheetUnits;
  lines: TrackerLine[];
}

/** One Variances line: an in-year variance from a service's budget and its cause (RULES.md §3). */
export interface VarianceEntry {
  service: string;
  /** Its Service cell, for messages. */
  at: CellRef;
  year: FromCell<YearLabel>;
  cause: FromCell<VarianceCause>;
  /** Overspend positive, underspend negative, in pounds. */
  amount: MoneyCell;
  /** The partner that changed its specification (specification changes only). */
  partner?: FromCell<string>;
  note?: string;
}

export interface VariancesSheet {
  sheet: string;
  headerRow: number;
  units: SheetUnits;
  lines: VarianceEntry[];
}

/**
 * One Costs line: part of a service's combined cost, shared only among the partners that bear it
 * (RULES.md §2, `003` ch. 11: TUPE burdens visited on the partners that gave rise to them).
 */
export interface CostLineEntry {
  service: string;
  /** Its Service cell, for messages. */
  at: CellRef;
  /** What the line is, as written ("TUPE burden"); absent: a blank Line cell. */
  line?: string;
  /** A year's ongoing cost, in pounds. */
  amount: MoneyCell;
  /** The partners that bear it, as the Budget spells them; absent (blank): every partner of the service. */
  partners?: FromCell<string[]>;
}

export interface CostsSheet {
  sheet: string;
  headerRow: number;
  units: SheetUnits;
  lines: CostLineEntry[];
}

/** A candidate service on the Compatibility sheet (RULES.md §9). */
export interface CandidateService {
  service: FromCell<string>;
  /** Each criterion's score in CRITERIA order (engine), with its cell; undefined: not yet scored. */
  scores: FromCell<Rag | undefined>[];
  /** The London study's band, as written or from the kind of service written (`kind`, the study's name for it). */
  band: FromCell<RiskBand> & { kind?: string };
}

export interface CompatibilitySheet {
  sheet: string;
  headerRow: number;
  /** The column of each criterion, in CRITERIA order. */
  columns: number[];
  services: CandidateService[];
}

/** Everything read from the workbook, all of it checked. */
export interface Inputs {
  budget: BudgetSheet;
  fte?: FteSheet;
  rules: RulesSheet;
  drivers?: DriversSheet;
  tracker?: TrackerSheet;
  variances?: VariancesSheet;
  costs?: CostsSheet;
  compatibility?: CompatibilitySheet;
}

/**
 * The input template: each sheet's name and the column headings accepted for each field (matched
 * ignoring case, spaces, punctuation and a unit such as "£" or "(£000)"). The README documents it.
 */
export const SHEET_NAMES = {
  budget: ["Budget", "Budgets", "Baseline", "Baselines"],
  fte: ["FTE", "Staff", "Staffing", "Establishment"],
  rules: ["Rules", "Rule", "Sharing rules", "Services"],
  drivers: ["Drivers", "Driver", "Demand"],
  tracker: ["Tracker", "Tracking", "Realisation", "Benefits"],
  variances: ["Variances", "Variance", "In-year variances", "Budget variances"],
  costs: ["Costs", "Cost lines", "Service costs", "Combined costs"],
  compatibility: ["Compatibility", "Compatibility analysis", "Candidate services", "RAG ratings"],
} as const;

export const HEADINGS = {
  partner: ["Partner", "Council", "Borough", "Authority"],
  service: ["Service", "Service line", "Service area"],
  baseline: ["Baseline", "Budget", "Net budget", "Original net budget", "Stand-alone budget", "Amount"],
  costCentre: ["Cost centre", "Cost center", "CC"],
  description: ["Description", "Detail"],
  category: ["Category", "Subjective", "Type"],
  fte: ["FTE", "Full-time equivalent", "Staff"],
  cost: ["Cost", "Staff cost", "Salary cost"],
  manager: ["Manager", "Manager flag", "Is manager"],
  partners: ["Partners", "Partners taking part", "Councils"],
  basis: ["Basis", "Apportionment basis", "Split by"],
  newCost: ["New cost", "Combined cost", "Ongoing cost", "New ongoing cost"],
  reduction: ["Reduction", "Reduction %", "Target reduction", "Target reduction %"],
  transitional: ["Transitional cost", "One-off cost", "Transition cost"],
  phasing: ["Phasing"],
  startMonth: ["Start month"],
  firstYear: ["First year", "Start year", "From"],
  kind: ["Kind", "Savings kind", "Saving kind"],
  gainShare: ["Gain share", "Gain share %"],
  host: ["Host", "Host partner"],
  variancePolicy: ["Variance policy", "Indirect variance"],
  quantity: ["Quantity", "Demand"],
  quality: ["Quality", "Quality factor"],
  year: ["Year", "Financial year"],
  achieved: ["Achieved", "Actual", "Achieved saving"],
  forecast: ["Forecast", "Forecast saving", "Expected"],
  revisedYear: ["Revised year", "Slips to", "Slipped to", "Revised"],
  cause: ["Cause", "Variance cause", "Reason"],
  variance: ["Amount", "Variance", "Variance amount", "Overspend"],
  note: ["Note", "Notes", "Comment"],
  line: ["Line", "Cost line", "Item", "Description"],
  lineAmount: ["Amount", "Cost", "Annual cost", "Ongoing cost"],
  bornBy: ["Partners", "Borne by", "Partners that bear it", "Bearers"],
  // The Compatibility sheet (RULES.md §9): the band or kind of service, then the eleven criteria of `001` §7.2.1.
  riskBand: ["Risk band", "Kind of service", "London risk band", "Service type"],
  strategicFit: ["Strategic fit"],
  politicalAlignment: ["Political alignment"],
  itCompatibility: ["IT compatibility"],
  businessProcesses: ["Business processes"],
  staffingArrangements: ["Staffing arrangements"],
  serviceStandards: ["Service standards"],
  costSharing: ["Cost sharing/VFM", "Cost sharing", "Cost sharing and VFM", "Value for money", "VFM"],
  risk: ["Risk"],
  organisationalIssues: ["Organisational issues", "Organizational issues"],
  deliveryTimescales: ["Delivery timescales"],
  easeOfImplementation: ["Ease of implementation"],
} as const;

/** A column the template knows (partner, service, baseline…), named as HEADINGS names it. */
export type Field = keyof typeof HEADINGS;
