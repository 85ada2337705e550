/**
 * The sample data: the Tri-borough figures (../shared/seeds/003_…: Hammersmith & Fulham,
 * Kensington & Chelsea, Westminster; the tables of chapter 9 and the rules of chapter 11) and the
 * sheets made of them, laid out as the README's "Input template" asks.
 *
 * Pure, with no ExcelJS and nothing of Node's: the task pane bundles it to add the sample sheets
 * through Office.js (sampleSheets), and scripts/make-sample.ts writes the same tables, with the
 * user's own Read me and MTFS sheets, to assets/sample.xlsx (test/sample/ checks they agree).
 */
import type { CellValue } from "../workbook/grid";
import type { InputSheet } from "../workbook/edit/input-sheet";

// ---------------------------------------------------------------------------------------------
// The figures
// ---------------------------------------------------------------------------------------------

export const HF = "Hammersmith & Fulham";
export const KC = "Kensington & Chelsea";
export const WM = "Westminster";
/** The three boroughs, in the order every table below gives their figures. */
export const PARTNERS = [HF, KC, WM] as const;
export type Partner = (typeof PARTNERS)[number];
/** One figure per partner: H&F, K&C, Westminster. null: that partner has no such line. */
export type ByPartner<T> = readonly [T, T, T];

/** Cost centre prefixes, as each council's ledger might have them. */
const LEDGER_PREFIX: ByPartner<string> = ["HF", "KC", "WC"];

/** Resident population (003 ch. 9(a) gives "say 585,000" for the three; the split is illustrative). */
const POPULATION: ByPartner<number> = [172000, 169000, 244000];

export interface BudgetLineData {
  description: string;
  category: string;
  /** Pounds. */
  amounts: ByPartner<number | null>;
}

export interface FteData {
  manager: boolean;
  fte: ByPartner<number>;
  /** Pounds. */
  cost: ByPartner<number>;
}

export interface RuleData {
  /** Blank: every partner with a budget for the service. */
  partners?: string;
  basis: string;
  /** Pounds; or, as text, a cost that changes by year ("1,725,000; 2,955,000 from 2013/14") or a range as the reports write one ("£1,600k–£1,700k", RULES.md §1). */
  newCost?: number | string;
  /** A fraction: 0.5 is written 50%. */
  reduction?: number;
  /** Pounds; or, as text, one-off costs by year and by who bears them: "1,160,000 in 2012/13 for …". */
  transitional?: number | string;
  phasing?: string;
  startMonth?: string;
  firstYear: string;
  kind: string;
  /** A fraction: 0.1 is written 10%. */
  gainShare?: number;
  host?: string;
  variancePolicy?: string;
}

export interface ServiceData {
  service: string;
  lines: BudgetLineData[];
  fte?: FteData[];
  /** Drivers quantity (and a quality factor where a partner specified a different service level). */
  drivers?: {
    /** What the quantity counts, for the Read me. */ measure: string;
    quantity: ByPartner<number>;
    quality?: ByPartner<number | null>;
  };
  rule: RuleData;
  /** Savings achieved, in pounds: the new saving delivered in that year (the MTFS line). null:
   * not yet reported (a blank cell); a partner left out has no Tracker row that year. */
  tracker?: {
    year: string;
    achieved: Partial<Record<Partner, number | null>>;
    /** The saving now expected that year, where none is achieved yet. */
    forecast?: Partial<Record<Partner, number>>;
    /** A later year the saving slipped to (RULES.md §7). */
    revised?: Partial<Record<Partner, string>>;
  }[];
  /** For the Read me: where the figures come from. */
  fromReport: string;
  illustrative: string;
}

export const SERVICES: readonly ServiceData[] = [
  {
    service: "Youth Offending Service",
    lines: [
      { description: "Strategic and operational management", category: "Employees", amounts: [142000, 128000, 151000] },
      { description: "Courts and business support", category: "Employees", amounts: [118000, 104000, 131000] },
      { description: "Locality teams and specialist roles", category: "Employees", amounts: [371000, 398000, 389000] },
      {
        description: "Supplies, services and transport",
        category: "Supplies and services",
        amounts: [46000, 46000, 57000],
      },
    ],
    fte: [
      { manager: true, fte: [3, 3, 3], cost: [142000, 128000, 151000] },
      { manager: false, fte: [11.5, 12, 12.5], cost: [489000, 502000, 520000] },
    ],
    drivers: { measure: "agreed demand (the revised net budgets, £k)", quantity: [607, 596, 447] },
    rule: {
      partners: `${HF}; ${KC}; ${WM}`,
      basis: "demand",
      // A range (RULES.md §1) whose mid-range value is the report's £1,650k, so the tables show its split.
      newCost: "£1,600k–£1,700k",
      transitional: 100000,
      firstYear: "2012/13",
      kind: "cashable",
      host: HF,
      variancePolicy: "host bears",
    },
    tracker: [{ year: "2012/13", achieved: { [HF]: 61000, [KC]: 80000, [WM]: 295000 } }],
    fromReport:
      "003 ch. 9(a) table: original net budgets £677k (H&F), £676k (K&C), £728k (Westminster); combined service " +
      "£1,650k; revised net budgets £607k / £596k / £447k, used as the demand quantities so the report's split comes out. " +
      "The report prints H&F's saving as £71k and the total as £432k; its own figures give £70k and £431k.",
    illustrative:
      "Cost centre lines, FTE, the £100,000 transitional cost, the host, the Tracker figures; the combined cost written as " +
      "the range £1,600k–£1,700k, whose mid-range value is the report's £1,650k (the low and high scenarios take its ends).",
  },
  {
    service: "Adult social care overheads",
    lines: [
      { description: "Analysis, performance and policy", category: "Employees", amounts: [228000, 340000, 200000] },
      { description: "Client affairs", category: "Employees", amounts: [192000, 163000, 230000] },
      { description: "Commissioning, procurement and SRM", category: "Employees", amounts: [736000, 746000, 1400000] },
      { description: "Complaints", category: "Employees", amounts: [24000, 67000, 50000] },
      { description: "Finance", category: "Employees", amounts: [1212000, 832000, 1161000] },
      { description: "IT", category: "Supplies and services", amounts: [2113000, 1534000, 1767000] },
      { description: "Executive management", category: "Employees", amounts: [189000, 125000, 193000] },
      {
        description: "Management not dedicated to one service",
        category: "Employees",
        amounts: [370000, 121000, 100000],
      },
      { description: "Service managers", category: "Employees", amounts: [440000, 464000, 238000] },
      { description: "Project management", category: "Employees", amounts: [642000, 419000, 275000] },
      { description: "Training", category: "Supplies and services", amounts: [616000, 310000, 289000] },
    ],
    fte: [
      { manager: true, fte: [9, 9, 10], cost: [999000, 710000, 531000] },
      { manager: false, fte: [86, 80, 69], cost: [4128000, 3840000, 3312000] },
    ],
    rule: {
      basis: "budget",
      reduction: 0.5,
      phasing: "10%, 45%, 45%",
      firstYear: "2011/12",
      kind: "cashable",
    },
    tracker: [
      { year: "2011/12", achieved: { [HF]: 338100, [KC]: 230000, [WM]: 310000 } },
      { year: "2012/13", achieved: { [HF]: 1402000, [KC]: null, [WM]: 1390000 } },
    ],
    fromReport:
      "003 ch. 9(b) Table I, overhead analysis 2010/11 (£000s, here in pounds): £6,762k / £5,121k / £5,903k, " +
      "£17,786k in all (the £17.8m of ch. 9(b) §6); 50% reduction by 2014/15 (about £8.9m); phasing 10% in 2011/12 and " +
      "the remaining 90% evenly over 2012/13 and 2013/14 (§8.1). Manager FTE (executive management, management not " +
      "dedicated to one service, service managers) and other FTE from Table I: 95 / 89 / 79, 263 in all. Table I prints " +
      "Westminster's Finance line as 1,611, but its Total column (3,205) and Westminster's total (5,903) need 1,161: " +
      "the sample uses 1,161.",
    illustrative: "The cost of the non-manager FTE (£48,000 a post), the Tracker figures.",
  },
  {
    service: "Local Safeguarding Children Board",
    lines: [
      {
        description: "Board support, training and case reviews",
        category: "Employees",
        amounts: [162000, 103000, 135000],
      },
      { description: "Contributions from partner agencies", category: "Income", amounts: [-34000, -47000, -48000] },
    ],
    rule: {
      basis: "equal",
      newCost: 98000,
      startMonth: "September",
      firstYear: "2011/12",
      kind: "cashable",
    },
    tracker: [
      { year: "2011/12", achieved: { [HF]: 55000, [KC]: 9500, [WM]: 31700 } },
      // Westminster's 2012/13 saving is late: £20,000 now expected, the rest slips to 2013/14.
      {
        year: "2012/13",
        achieved: { [HF]: null, [KC]: null, [WM]: null },
        forecast: { [WM]: 20000 },
        revised: { [WM]: "2013/14" },
      },
    ],
    fromReport:
      "003 ch. 9(a) LSCB table: expenditure £162,000 / £103,000 / £135,000 and income £34,000 / £47,000 / £48,000 " +
      "(net £128,000 / £56,000 / £87,000, £271,000 in all); merged board £98,000 net, saving £173,000 a year from the " +
      "first joint board in September 2011 (£101,000 in 2011/12, the part-year effect). Equal shares for a joint board " +
      "(RULES §2, governance).",
    illustrative: "The Tracker figures.",
  },
  {
    service: "Fostering and adoption",
    lines: [
      { description: "Service and team managers", category: "Employees", amounts: [160000, 126000, 131000] },
      { description: "Social workers and support staff", category: "Employees", amounts: [742000, 470000, 641000] },
    ],
    fte: [
      { manager: true, fte: [2.5, 2, 2], cost: [160000, 126000, 131000] },
      { manager: false, fte: [15.3, 12, 15.5], cost: [742000, 470000, 641000] },
    ],
    rule: {
      basis: "FTE",
      newCost: 2000000,
      firstYear: "2012/13",
      kind: "cashable",
      host: KC,
      variancePolicy: "host bears",
    },
    tracker: [{ year: "2012/13", achieved: { [HF]: 180000, [KC]: 24000, [WM]: 80000 } }],
    fromReport:
      "003 ch. 9(a) fostering table (2010/11): net expenditure £902k / £596k / £772k, FTE 17.8 / 14 / 17.5 (49.3 in all); " +
      "combined service £2,000k, saving £270k in 2012/13; 6.5 management posts.",
    illustrative:
      "The split of the 6.5 management posts and of each budget between managers and staff, the host, the Tracker figures.",
  },
  {
    service: "Foster placements",
    lines: [
      {
        description: "Independent fostering agency placements",
        category: "Third party payments",
        amounts: [3536000, 2352000, 3952000],
      },
      {
        description: "In-house carers' fees and allowances",
        category: "Third party payments",
        amounts: [884000, 588000, 988000],
      },
    ],
    drivers: { measure: "children looked after", quantity: [221, 147, 247] },
    rule: {
      basis: "demand",
      newCost: 11900000,
      firstYear: "2012/13",
      kind: "cost avoidance",
    },
    tracker: [{ year: "2012/13", achieved: { [HF]: 120000, [KC]: 101000, [WM]: null } }],
    fromReport:
      "003 ch. 9(a): children looked after 221 / 147 / 247 (the demand quantities); improved productivity in placements " +
      "£400k a year (each independent placement costs about £10k a year more than an in-house one), entered as cost avoidance.",
    illustrative: "The placement budgets (£20,000 per child looked after), the Tracker figures.",
  },
  {
    service: "ICT",
    lines: [
      {
        description: "Infrastructure and data centres",
        category: "Supplies and services",
        amounts: [4100000, 4600000, 5200000],
      },
      {
        description: "Applications and business systems",
        category: "Supplies and services",
        amounts: [6300000, 5400000, 7600000],
      },
      {
        description: "Desktop and service desk",
        category: "Third party payments",
        amounts: [3100000, 3200000, 3500000],
      },
      {
        description: "Telephony and networks",
        category: "Supplies and services",
        amounts: [1700000, 1700000, 2100000],
      },
    ],
    rule: {
      basis: "budget",
      newCost: 38640000,
      transitional: 4600000,
      phasing: "2,700,000; 2,600,000; 3,360,000; 1,200,000",
      firstYear: "2012/13",
      kind: "cashable",
      gainShare: 0.1,
      host: HF,
      variancePolicy: "share now",
    },
    tracker: [{ year: "2012/13", achieved: { [HF]: 640000, [KC]: 540000, [WM]: 820000 } }],
    fromReport:
      "003 ch. 9(d) §6: gross savings £0 / £2,700k / £5,300k / £8,660k / £9,860k (2011/12 to 2015/16), investment " +
      "£600k / £2,000k / £2,000k (£4,600k, the transitional cost). The phasing from 2012/13 is " +
      "the report's yearly increments as amounts (2,700 / 2,600 / 3,360 / 1,200 of 9,860, in pounds). " +
      "H&F's ICT is run by a joint venture with a profit share (ch. 9(d) §4.1).",
    illustrative:
      "The boroughs' ICT budgets (£48.5m in all, so the combined cost is £48.5m − £9.86m), the 10% gain share, the host, the Tracker figures.",
  },
  {
    service: "Parking back office",
    lines: [
      { description: "PCN correspondence team", category: "Employees", amounts: [690000, 610000, 190000] },
      {
        description: "Processing contract and systems",
        category: "Third party payments",
        amounts: [385000, 355000, 1450000],
      },
      { description: "Postage and printing", category: "Supplies and services", amounts: [140000, 120000, null] },
    ],
    drivers: {
      measure: "penalty charge notice letters a year",
      quantity: [96000, 82000, 178000],
      quality: [null, 1.1, null],
    },
    rule: {
      partners: `${HF}, ${KC}, ${WM} from 2013/14`,
      basis: "demand",
      // The combined office grows when Westminster joins: 25% below the baselines of the partners in
      // each year (H&F and K&C £2,300,000, all three £3,940,000).
      newCost: "1,725,000; 2,955,000 from 2013/14",
      // "for H&F and RBKC" (003 ch. 9(c), ROI model 1): the founders bear the implementation alone.
      // K&C pays above the common redundancy terms, so it bears that extra alone (RULES.md §4; illustrative).
      transitional: `1,160,000 in 2012/13 for ${HF} and ${KC}; 60,000 in 2012/13 borne by ${KC}`,
      firstYear: "2012/13",
      kind: "cashable",
      host: HF,
      variancePolicy: "host bears",
    },
    tracker: [{ year: "2012/13", achieved: { [HF]: 415000, [KC]: 290000 } }],
    fromReport:
      '003 ch. 9(c): implementation costs £1,160,000 "for H&F and RBKC" (the transitional cost, borne by the two ' +
      "founders), break-even in year 4, annual saving in that year £983,455 (ROI model 2: Westminster joins in year " +
      "three, when its contract expires).",
    illustrative:
      "The budgets and the new cost by year, £1,725,000 for H&F and K&C and £2,955,000 from 2013/14 with Westminster " +
      "(25% below the baselines of the partners in each year; with all three that is £985,000, close to the report's " +
      "£983,455), the letter volumes, K&C's quality factor 1.1 (a faster response standard), K&C's £60,000 paid above the " +
      "common redundancy terms (borne by it alone), the host, the Tracker figures.",
  },
  {
    service: "Libraries",
    lines: [
      { description: "Branch libraries", category: "Employees", amounts: [4100000, 4500000, 6000000] },
      { description: "Stock and e-resources", category: "Supplies and services", amounts: [900000, 1000000, 1500000] },
      { description: "Management, archives and support", category: "Employees", amounts: [1300000, 1400000, 1900000] },
    ],
    drivers: { measure: "library visits a year", quantity: [1150000, 1480000, 2900000] },
    rule: {
      basis: "Population",
      reduction: 0.07,
      transitional: 250000,
      phasing: "30%, 70%",
      firstYear: "2012/13",
      kind: "cashable",
      host: WM,
    },
    tracker: [{ year: "2012/13", achieved: { [HF]: 30000, [KC]: 262000, [WM]: 175000 } }],
    fromReport:
      "003 ch. 9(c) summary of savings: library service £1,420k to £1,740k (mid-range £1,580k, as the report's " +
      "summary uses); single management team targeted for September 2011.",
    illustrative:
      "The library budgets (£22.6m in all, so 7% is £1,582,000), the populations, visits, £250,000 transitional cost, " +
      "phasing, host and the Tracker figures.",
  },
  {
    service: "Dangerous structures",
    lines: [
      { description: "Out-of-hours standby payments", category: "Employees", amounts: [12500, 12000, 15000] },
      { description: "Call-out expenses", category: "Supplies and services", amounts: [3500, 3000, 4000] },
    ],
    rule: {
      basis: "equal",
      newCost: 25000,
      firstYear: "2011/12",
      kind: "non-cashable",
    },
    tracker: [{ year: "2011/12", achieved: { [HF]: 7700, [KC]: 6700, [WM]: 10600 } }],
    fromReport:
      "003 ch. 9(c) building control: two surveyors on call over the combined area instead of four roughly halves " +
      "the out-of-hours cost, saving about £25k at little or no cost of implementation.",
    illustrative:
      "The £50,000 of standby budgets and their split, and calling the saving non-cashable (surveyors' time released " +
      "rather than budget taken out), the Tracker figures.",
  },
];

/** The user's own MTFS notes: the report's summary of estimated savings (003, summary table), £ million. */
export const MTFS_ESTIMATES: readonly [string, number | null, number][] = [
  ["Education Services", 0.7, 1.0],
  ["Children's Services", 0.8, 9.5],
  ["Adult Social Care", 0.9, 9.9],
  ["Libraries", null, 1.6],
  ["Insurance", null, 0.3],
  ["Facilities management", null, 2.0],
  ["ICT", 0.4, 4.0],
  ["Chief Executive leadership", 0.1, 0.2],
  ["Building control", null, 0.1],
  ["Corporate & other management overheads", null, 2.5],
  ["HR", null, 2.7],
];

// ---------------------------------------------------------------------------------------------
// The sheets
// ---------------------------------------------------------------------------------------------

/**
 * In-year variances (RULES.md §3), all illustrative: the report (003 ch. 11) sets the rules but
 * prints no variance. One of each rule: a host's indirect cost under host bears (recovered next
 * year) and under share now, a specification change by one borough, demand and direct costs.
 */
export const VARIANCES: readonly {
  service: string;
  year: string;
  cause: string;
  /** Pounds: an overspend positive, an underspend negative. */
  amount: number;
  partner?: Partner;
  note: string;
}[] = [
  {
    service: "Youth Offending Service",
    year: "2012/13",
    cause: "host indirect cost",
    amount: 16500,
    note: "Accommodation: the host's rent review",
  },
  {
    service: "Fostering and adoption",
    year: "2012/13",
    cause: "specification change",
    amount: 40000,
    partner: WM,
    note: "Westminster asked for a weekend duty service",
  },
  {
    service: "Foster placements",
    year: "2012/13",
    cause: "demand",
    amount: -250000,
    note: "Fewer placements than forecast",
  },
  { service: "Libraries", year: "2012/13", cause: "direct cost", amount: 30000, note: "Pay award above budget" },
  { service: "ICT", year: "2013/14", cause: "host indirect cost", amount: 120000, note: "Energy at the data centre" },
];

function varianceRows(): CellValue[][] {
  return VARIANCES.map((v) => [v.service, v.year, v.cause, v.amount, v.partner ?? null, v.note]);
}

/**
 * The ICT combined cost as lines (RULES.md §2, `003` ch. 11 on TUPE): a contract whose price carries
 * the TUPE burden of Kensington & Chelsea's and Westminster's in-house staff, which Hammersmith &
 * Fulham (whose ICT is already run by a joint venture, ch. 9(d) §4.1) did not give rise to. The
 * split of the £38,640,000 between the lines is illustrative; the lines add up to the Rules New cost.
 */
export const COST_LINES: readonly {
  service: string;
  line: string;
  /** Pounds a year. */
  amount: number;
  /** Blank: every partner of the service. */
  partners?: string;
}[] = [
  { service: "ICT", line: "Managed service contract", amount: 37840000 },
  {
    service: "ICT",
    line: "TUPE burden of transferred in-house staff",
    amount: 800000,
    partners: `${KC}; ${WM}`,
  },
];

function costRows(): CellValue[][] {
  return COST_LINES.map((c) => [c.service, c.line, c.amount, c.partners ?? null]);
}

/**
 * Candidate services scored against the eleven criteria (RULES.md §9): the Wave 1 services of the
 * Haringey–Waltham Forest compatibility analysis (`001` schedule 1), whose RAG colours the seed's
 * text does not keep, so every score here is illustrative. The risk band is given as the kind of
 * service where the London study's table (`004` ch. 6) has it, and as a band where it has not.
 * Scores in the order of CRITERION_HEADINGS; null: not scored yet.
 */
export const CANDIDATES: readonly {
  service: string;
  /** A band (low, medium, high) or a kind of service from the study's table. */
  band: string;
  scores: readonly (string | null)[];
  note: string;
}[] = [
  {
    service: "Legal Services",
    band: "Legal services",
    scores: ["G", "G", "G", "G", "G", "G", "G", "G", "G", "G", "G"],
    note: "Pooled already for some work",
  },
  {
    service: "Revenues and Benefits",
    band: "Revenues and benefits",
    scores: ["G", "G", "A", "A", "G", "G", "G", "G", "G", "A", "G"],
    note: "Two benefits systems to bring together",
  },
  {
    service: "Call Centre",
    band: "Call centres",
    scores: ["G", "A", "R", "A", "A", "G", "G", "A", "G", "A", "A"],
    note: "Telephony contracts end at different times",
  },
  {
    service: "School Meals",
    band: "high",
    scores: ["A", "R", "G", "G", "A", "A", "G", "A", "G", "G", "A"],
    note: "Menus are a political choice (004 ch. 5)",
  },
  {
    service: "Audit",
    band: "low",
    scores: ["G", "G", "G", "G", "G", "G", "G", "G", "G", null, "G"],
    note: "Timescale not yet agreed",
  },
];

/** The eleven criteria as the sheet heads them (`001` §7.2.1), in the order of the scores above. */
export const CRITERION_HEADINGS = [
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
] as const;

function candidateRows(): CellValue[][] {
  return CANDIDATES.map((c) => [c.service, c.band, ...c.scores, c.note]);
}

export const MONEY = "#,##0";
export const PERCENT = "0%";
/** 1-based: a title on row 1 and a note on row 2 above the headings. */
export const HEADING_ROW = 3;

export interface SampleColumn {
  heading: string;
  /** Characters. */
  width: number;
  /** For the rows under the heading; absent: General. */
  numFmt?: string;
}

/** A template sheet: a title and a note above the headings, then one row per line (null: blank). */
export interface SampleTable {
  name: string;
  title: string;
  note: string;
  columns: readonly SampleColumn[];
  rows: CellValue[][];
}

function budgetRows(): CellValue[][] {
  const rows: CellValue[][] = [];
  SERVICES.forEach((s, serviceIndex) =>
    PARTNERS.forEach((partner, p) =>
      s.lines.forEach((line, lineIndex) => {
        const amount = line.amounts[p];
        if (amount === null) return;
        const costCentre = `${LEDGER_PREFIX[p]}${String(serviceIndex + 1).padStart(2, "0")}${String(lineIndex + 1).padStart(2, "0")}`;
        rows.push([costCentre, line.description, partner, s.service, line.category, amount]);
      }),
    ),
  );
  return rows;
}

function fteRows(): CellValue[][] {
  return SERVICES.flatMap((s) =>
    PARTNERS.flatMap((partner, p) =>
      (s.fte ?? []).map((f) => [partner, s.service, f.fte[p], f.cost[p], f.manager ? "Yes" : "No"]),
    ),
  );
}

function ruleRows(): CellValue[][] {
  return SERVICES.map(({ service, rule: r }) =>
    [
      service,
      r.partners,
      r.basis,
      r.newCost,
      r.reduction,
      r.transitional,
      r.phasing,
      r.startMonth,
      r.firstYear,
      r.kind,
      r.gainShare,
      r.host,
      r.variancePolicy,
    ].map((v) => v ?? null),
  );
}

function driverRows(): CellValue[][] {
  return SERVICES.flatMap((s) => {
    const drivers = s.drivers;
    if (!drivers) return [];
    return PARTNERS.map((partner, p) => [
      s.service,
      partner,
      drivers.quantity[p],
      drivers.quality?.[p] ?? null,
      POPULATION[p],
    ]);
  });
}

function trackerRows(): CellValue[][] {
  return SERVICES.flatMap((s) =>
    (s.tracker ?? []).flatMap(({ year, achieved, forecast, revised }) =>
      PARTNERS.filter((partner) => partner in achieved).map((partner) => [
        s.service,
        partner,
        year,
        achieved[partner] ?? null,
        forecast?.[partner] ?? null,
        revised?.[partner] ?? null,
      ]),
    ),
  );
}

/** The template sheets, in the sample workbook's order (after its Read me and MTFS). */
export function sampleTables(): SampleTable[] {
  return [
    {
      name: "Budget",
      title: "Stand-alone net budgets 2010/11 by cost centre",
      note: "Amounts in pounds. A partner's baseline for a service is the sum of its lines; income is negative.",
      columns: [
        { heading: "Cost centre", width: 12 },
        { heading: "Description", width: 42 },
        { heading: "Partner", width: 24 },
        { heading: "Service", width: 34 },
        { heading: "Category", width: 24 },
        { heading: "Baseline £", width: 14, numFmt: MONEY },
      ],
      rows: budgetRows(),
    },
    {
      name: "FTE",
      title: "Establishment 2010/11: full-time equivalent staff",
      note: "Cost in pounds a year.",
      columns: [
        { heading: "Partner", width: 24 },
        { heading: "Service", width: 34 },
        { heading: "FTE", width: 10, numFmt: "0.0" },
        { heading: "Cost £", width: 14, numFmt: MONEY },
        { heading: "Manager", width: 10 },
      ],
      rows: fteRows(),
    },
    {
      name: "Rules",
      title: "Sharing rules agreed by the three councils",
      note: "Amounts in pounds. Blank cells take the README's defaults.",
      columns: [
        { heading: "Service", width: 34 },
        { heading: "Partners", width: 40 },
        { heading: "Basis", width: 12 },
        { heading: "New cost", width: 14, numFmt: MONEY },
        { heading: "Reduction", width: 11, numFmt: PERCENT },
        { heading: "Transitional cost", width: 14, numFmt: MONEY },
        { heading: "Phasing", width: 20 },
        { heading: "Start month", width: 12 },
        { heading: "First year", width: 10 },
        { heading: "Kind", width: 15 },
        { heading: "Gain share", width: 10, numFmt: PERCENT },
        { heading: "Host", width: 22 },
        { heading: "Variance policy", width: 15 },
      ],
      rows: ruleRows(),
    },
    {
      name: "Drivers",
      title: "Demand drivers",
      note: "Quantity: the service's demand measure; Quality: a partner's service level (blank is 1); Population: residents.",
      columns: [
        { heading: "Service", width: 34 },
        { heading: "Partner", width: 24 },
        { heading: "Quantity", width: 12, numFmt: MONEY },
        { heading: "Quality", width: 10, numFmt: "0.00" },
        { heading: "Population", width: 12, numFmt: MONEY },
      ],
      rows: driverRows(),
    },
    {
      name: "Tracker",
      title: "Savings achieved, as reported by each council's finance team",
      note: "Amounts in pounds: the new saving delivered in the year. Blank: not yet reported. Forecast: expected where not yet achieved; Revised year: where a saving slipped.",
      columns: [
        { heading: "Service", width: 34 },
        { heading: "Partner", width: 24 },
        { heading: "Year", width: 10 },
        { heading: "Achieved", width: 14, numFmt: MONEY },
        { heading: "Forecast", width: 14, numFmt: MONEY },
        { heading: "Revised year", width: 12 },
      ],
      rows: trackerRows(),
    },
    {
      name: "Variances",
      title: "In-year variances from budget, by cause",
      note: "Amounts in pounds: an overspend positive, an underspend negative. Partner: only for a specification change.",
      columns: [
        { heading: "Service", width: 34 },
        { heading: "Year", width: 10 },
        { heading: "Cause", width: 22 },
        { heading: "Amount", width: 14, numFmt: MONEY },
        { heading: "Partner", width: 24 },
        { heading: "Note", width: 44 },
      ],
      rows: varianceRows(),
    },
    {
      name: "Costs",
      title: "Combined costs by line, each borne by the partners that gave rise to it",
      note: "Amounts in pounds a year. Partners: who bears the line (blank: every partner of the service). The lines add up to the service's New cost.",
      columns: [
        { heading: "Service", width: 34 },
        { heading: "Line", width: 44 },
        { heading: "Amount", width: 14, numFmt: MONEY },
        { heading: "Partners", width: 40 },
      ],
      rows: costRows(),
    },
    {
      name: "Compatibility",
      title: "Compatibility analysis: candidate services scored red, amber or green (001 schedule 1)",
      note: "Illustrative scores (the seed keeps no colours). Risk band: low, medium or high, or the kind of service, as the London study (004 ch. 6) bands it. Blank: not scored yet.",
      columns: [
        { heading: "Service", width: 24 },
        { heading: "Risk band", width: 22 },
        ...CRITERION_HEADINGS.map((heading) => ({ heading, width: 12 })),
        { heading: "Notes", width: 40 },
      ],
      rows: candidateRows(),
    },
  ];
}

/**
 * The sample's input sheets for the task pane to add: Budget, FTE, Rules, Drivers, Tracker, Variances, Costs and Compatibility, in
 * the sample workbook's order. The Read me and MTFS sheets are left out: they are the user's own
 * sheets in the sample, not inputs; the MTFS needs SUM formulas an InputSheet cannot hold, and the
 * Read me speaks of the MTFS sheet beside it, so it would be wrong alone.
 */
export function sampleSheets(): InputSheet[] {
  return sampleTables().map((table) => ({
    name: table.name,
    values: [[table.title], [table.note], table.columns.map((c) => c.heading), ...table.rows],
    headingRow: HEADING_ROW,
    widths: table.columns.map((c) => c.width),
    numberFormats: table.columns.map((c) => c.numFmt),
    freezeRows: HEADING_ROW,
  }));
}

// ---------------------------------------------------------------------------------------------
// The user's own sheets in the sample workbook (written by scripts/make-sample.ts only)
// ---------------------------------------------------------------------------------------------

export const READ_ME_NAME = "Read me";
export const READ_ME_WIDTHS: readonly number[] = [34, 110, 60];

/** The Read me, row by row from A1; "" or a missing cell is blank. Side headings are in column A. */
export function readMeLines(): string[][] {
  return [
    ["Tri-borough shared services: sample workbook"],
    [],
    [
      "What this is",
      'A sample of the sheets a finance team keeps, laid out as the add-in\'s input template (see the README, "Input template").',
    ],
    ["", "Figures are from the Tri-borough proposals of Hammersmith & Fulham, Kensington & Chelsea and Westminster"],
    [
      "",
      "(the seed report 003: the tables of chapter 9, the rules for sharing costs of chapter 11). Where the report gives",
    ],
    ["", "only a total or a range, the sample splits it between the boroughs or picks a figure, and says so below."],
    [
      "",
      "This sheet and the MTFS sheet are the user's own: the add-in reads Budget, FTE, Rules, Drivers, Tracker, Variances, Costs and Compatibility and never changes any of them.",
    ],
    [],
    ["Sheets", "Budget: stand-alone net budgets 2010/11 in pounds, one row per cost centre (long layout)."],
    ["", "FTE: staff per service, managers and others. Rules: how each service is shared. Drivers: demand quantities,"],
    ["", "quality factors and population. Tracker: savings achieved so far (a blank is not yet reported)."],
    [
      "",
      "Tracker amounts are the new saving delivered in that year, the figure an MTFS line records; they are set near",
    ],
    ["", "what the rules give, some under and some over, with some not yet reported."],
    [
      "",
      "Forecast and Revised year (illustrative): Westminster's Local Safeguarding Children Board saving for 2012/13 is late, £20,000 forecast and the rest slipping to 2013/14.",
    ],
    [
      "",
      "Variances: in-year variances from budget with their causes (illustrative: the report sets the rules, 003 ch. 11, but prints none).",
    ],
    [
      "",
      "Partners over time (Rules, Parking back office): Westminster joins from 2013/14; the New cost changes that year (written by year), and the Transitional cost names H&F and K&C, who bear it alone, and £60,000 borne by K&C alone, which it pays above the common redundancy terms (RULES.md §4).",
    ],
    [
      "",
      "Costs: the ICT combined cost as lines, its TUPE burden borne by Kensington & Chelsea and Westminster alone, whose in-house staff gave rise to it (003 ch. 11; the split is illustrative).",
    ],
    [
      "",
      "Compatibility (illustrative scores): the Wave 1 candidate services of the Haringey–Waltham Forest compatibility analysis (001 schedule 1, whose RAG colours the seed does not keep), each scored on the eleven criteria, with the London study's risk band (004 ch. 6) by kind of service or as written.",
    ],
    [
      "",
      "Drivers quantities: " +
        SERVICES.flatMap((s) => (s.drivers ? [`${s.service}, ${s.drivers.measure}`] : [])).join("; ") +
        ".",
    ],
    [],
    ["Service", "From the report (003)", "Illustrative (not in the report)"],
    ...SERVICES.map((s): [string, string, string] => [s.service, s.fromReport, s.illustrative]),
    [
      "All services",
      "",
      'Cost centre codes, line descriptions and categories; resident populations (the report gives "say 585,000" for the three).',
    ],
  ];
}

/** The MTFS sheet: MTFS_ESTIMATES under these headings, with a Total row of SUM formulas below. */
export const MTFS = {
  name: "MTFS",
  title: "Tri-borough: estimated savings for the three councils, £ million (report's summary table)",
  note: "My notes for the MTFS: to compare with the add-in's Savings profile sheet.",
  headings: ["Tri-borough services", "by 2011/12", "by 2014/15"],
  widths: [40, 14, 14],
  /** Columns B and C. */
  numFmt: "0.0",
} as const;
