/**
 * RULES.md §7: tracking benefit realisation. Each service, partner and year has a planned saving
 * and, once reported, an achieved (or forecast) one; the tracker gives the variance, the share of
 * the plan delivered and a red/amber/green status, and rolls them up by partner, year or service
 * so that the partnership can "rigorously track and log their achievement" (`003` ch. 14).
 *
 * Roll-ups are exact Decimal sums of the lines, so a partner's total always agrees with the
 * detail beneath it.
 */
import { Amount, Decimal, sum, toDecimal } from "./money";
import { RuleError } from "./errors";
import { readNumber, readRequired } from "./check";
import { YearLabel, formatYear, parseYear } from "./years";

const RULE = "§7";

/** "achieved" is money already taken out of the budget; "forecast" is the latest expectation. */
export type ActualKind = "achieved" | "forecast";

export type Rag = "green" | "amber" | "red";

export interface TrackingRow {
  service: string;
  partner: string;
  year: YearLabel;
  /** The saving promised for this year (incremental, as the MTFS line records it). */
  planned: Amount;
  /** The saving achieved or forecast; blank ("", null or absent) = not yet reported. */
  actual?: Amount | null;
  /** What `actual` is; "achieved" when not given. */
  actualKind?: ActualKind;
}

/**
 * RAG thresholds as fractions of the plan delivered (0.95 = 95%): green at or above `green`,
 * amber at or above `amber`, red below `amber`.
 */
export interface RagThresholds {
  green: Amount;
  amber: Amount;
}

/**
 * The defaults: green when at least 95% of the planned saving is delivered, amber when at least
 * 75%, red below 75%. A partnership may set its own; these are a starting point, not a rule.
 */
export const DEFAULT_RAG_THRESHOLDS: Readonly<{ green: Decimal; amber: Decimal }> = Object.freeze({
  green: new Decimal("0.95"),
  amber: new Decimal("0.75"),
});

export interface TrackingOptions {
  /** Either or both thresholds; the other keeps its default. */
  thresholds?: Partial<RagThresholds>;
}

export interface TrackingLine {
  service: string;
  partner: string;
  /** The year as 2011/12, however it was written (2011-12 is the same year). */
  year: YearLabel;
  planned: Decimal;
  /** undefined = not yet reported. */
  actual: Decimal | undefined;
  /** undefined when not reported. */
  actualKind: ActualKind | undefined;
  /** actual − planned: negative is a shortfall. undefined when not reported. */
  variance: Decimal | undefined;
  /** actual / planned as a fraction (0.9 = 90%); undefined when not reported or nothing positive was planned. */
  delivered: Decimal | undefined;
  /** undefined when not reported. */
  rag: Rag | undefined;
}

export type TrackingDimension = "partner" | "year" | "service";

export interface TrackingGroup {
  /** The partner, year or service; "Total" for the grand total. */
  group: string;
  /** Planned saving of every line, reported or not. */
  planned: Decimal;
  /** Actual saving of the reported lines. */
  actual: Decimal;
  /** Planned saving of the reported lines only, so that delivery compares like with like. */
  plannedReported: Decimal;
  /** actual − plannedReported: the sum of the lines' variances. */
  variance: Decimal;
  /** actual / plannedReported; undefined when nothing is reported or nothing positive was planned. */
  delivered: Decimal | undefined;
  /** The group's own status from its totals (not the worst of its lines); undefined when nothing is reported. */
  rag: Rag | undefined;
  /** Lines in the group. */
  rows: number;
  notReported: number;
  /** Reported lines whose actual is a forecast rather than achieved. */
  forecast: number;
}

export interface TrackingRollUp {
  by: TrackingDimension;
  /** In the order first seen in the lines; years in date order. */
  groups: TrackingGroup[];
  total: TrackingGroup;
}

interface Thresholds {
  green: Decimal;
  amber: Decimal;
}

function readThresholds(given: Partial<RagThresholds> | undefined): Thresholds {
  const read = (name: "green" | "amber"): Decimal => {
    const value = given?.[name];
    if (value === undefined) return DEFAULT_RAG_THRESHOLDS[name];
    const d = toDecimal(value);
    // Capped at 100% so that 95 typed for 95% is caught rather than turning everything red.
    if (d === undefined || d.isNegative() || d.greaterThan(1)) {
      throw new RuleError(
        "bad-rate",
        { field: "RAG thresholds" },
        `${name} must be a fraction from 0 to 1, e.g. 0.95 for 95% (got ${String(value)})`,
        RULE,
      );
    }
    return d;
  };
  const green = read("green");
  const amber = read("amber");
  if (amber.greaterThan(green)) {
    throw new RuleError(
      "bad-rate",
      { field: "RAG thresholds" },
      `amber (${amber.toString()}) must not be above green (${green.toString()})`,
      RULE,
    );
  }
  return { green, amber };
}

/**
 * Status of an actual saving against its plan. With a positive plan, by the share delivered,
 * compared as actual ≥ threshold × planned so that no rounding of a division can tip a line
 * over a boundary. Where planned ≤ 0 (nothing promised, or a planned net cost such as an
 * investment year) a share means nothing: green when the actual is at least the plan, else red.
 */
function status(planned: Decimal, actual: Decimal, t: Thresholds): Rag {
  if (!planned.isPositive() || planned.isZero()) return actual.greaterThanOrEqualTo(planned) ? "green" : "red";
  if (actual.greaterThanOrEqualTo(planned.times(t.green))) return "green";
  if (actual.greaterThanOrEqualTo(planned.times(t.amber))) return "amber";
  return "red";
}

/** The RAG status of one actual against its plan, for a single cell (=SHARED.RAG, say). */
export function ragStatus(planned: Amount, actual: Amount, thresholds?: Partial<RagThresholds>): Rag {
  const p = readNumber(planned, { field: "planned" }, RULE);
  const a = readNumber(actual, { field: "actual" }, RULE);
  return status(p, a, readThresholds(thresholds));
}

function deliveredShare(planned: Decimal, actual: Decimal): Decimal | undefined {
  return !planned.isPositive() || planned.isZero() ? undefined : actual.dividedBy(planned);
}

const isBlank = (value: unknown): boolean => value === undefined || value === null || value === "";

function readKind(value: unknown, index: number, partner: string): ActualKind {
  const v = typeof value === "string" ? value.trim().toLowerCase() : value;
  if (v === undefined || v === null || v === "" || v === "achieved") return "achieved";
  if (v === "forecast") return "forecast";
  throw new RuleError(
    "bad-choice",
    { field: "actual kind", index, partner },
    `must be "achieved" or "forecast" (got "${String(value)}")`,
    RULE,
  );
}

function readName(value: unknown, field: string, index: number, partner?: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new RuleError("missing", { field, index, partner }, `has no ${field} named`, RULE);
  }
  return value;
}

/**
 * One line per row, in the order given: planned against actual, the variance, the share
 * delivered and the RAG status. The same service, partner and year given twice is an error,
 * since one of the two would otherwise be counted twice in every roll-up.
 */
export function trackDelivery(rows: readonly TrackingRow[], options: TrackingOptions = {}): TrackingLine[] {
  const thresholds = readThresholds(options.thresholds);
  const seen = new Map<string, number>();
  return rows.map((row, index) => {
    const partner = readName(row.partner, "partner", index);
    const service = readName(row.service, "service", index, partner);
    let year: YearLabel;
    try {
      year = formatYear(parseYear(String(row.year)));
    } catch {
      throw new RuleError(
        "bad-year",
        { field: "year", index, partner },
        `"${String(row.year)}" is not a financial year like 2011/12`,
        RULE,
      );
    }
    const key = JSON.stringify([service, partner, year]);
    const first = seen.get(key);
    if (first !== undefined) {
      throw new RuleError(
        "duplicate-line",
        { field: "rows", index, partner },
        `is the same service, partner and year as item ${first + 1} (${service}, ${partner}, ${year})`,
        RULE,
      );
    }
    seen.set(key, index);

    const planned = readRequired(row.planned, { field: "planned", index, partner }, RULE, "has no planned saving");
    if (isBlank(row.actual)) {
      return {
        service,
        partner,
        year,
        planned,
        actual: undefined,
        actualKind: undefined,
        variance: undefined,
        delivered: undefined,
        rag: undefined,
      };
    }
    const actual = readNumber(row.actual as Amount, { field: "actual", index, partner }, RULE);
    return {
      service,
      partner,
      year,
      planned,
      actual,
      actualKind: readKind(row.actualKind, index, partner),
      variance: actual.minus(planned),
      delivered: deliveredShare(planned, actual),
      rag: status(planned, actual, thresholds),
    };
  });
}

function totalOf(group: string, lines: readonly TrackingLine[], t: Thresholds): TrackingGroup {
  const reported = lines.filter((l) => l.actual !== undefined);
  const planned = sum(lines.map((l) => l.planned));
  const actual = sum(reported.map((l) => l.actual as Decimal));
  const plannedReported = sum(reported.map((l) => l.planned));
  const any = reported.length > 0;
  return {
    group,
    planned,
    actual,
    plannedReported,
    variance: actual.minus(plannedReported),
    delivered: any ? deliveredShare(plannedReported, actual) : undefined,
    rag: any ? status(plannedReported, actual, t) : undefined,
    rows: lines.length,
    notReported: lines.length - reported.length,
    forecast: reported.filter((l) => l.actualKind === "forecast").length,
  };
}

const DIMENSIONS: readonly TrackingDimension[] = ["partner", "year", "service"];

/**
 * Totals by partner, year or service, and a grand total. A group's delivery compares its actual
 * with the plan of its reported lines only: a year half reported is not half delivered. The
 * groups' planned, actual and variance sum exactly to the lines'.
 */
export function rollUp(
  lines: readonly TrackingLine[],
  by: TrackingDimension,
  options: TrackingOptions = {},
): TrackingRollUp {
  if (!DIMENSIONS.includes(by)) {
    throw new RuleError(
      "bad-choice",
      { field: "roll up by" },
      `must be one of ${DIMENSIONS.join(", ")} (got "${String(by)}")`,
      RULE,
    );
  }
  const thresholds = readThresholds(options.thresholds);
  const grouped = new Map<string, TrackingLine[]>();
  for (const line of lines) {
    const key = line[by];
    const list = grouped.get(key);
    if (list) list.push(line);
    else grouped.set(key, [line]);
  }
  let keys = [...grouped.keys()];
  if (by === "year") keys = keys.sort((a, b) => parseYear(a) - parseYear(b));
  return {
    by,
    groups: keys.map((key) => totalOf(key, grouped.get(key) as TrackingLine[], thresholds)),
    total: totalOf("Total", lines, thresholds),
  };
}
