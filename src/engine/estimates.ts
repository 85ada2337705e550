/**
 * RULES.md §1, ranges: where a saving is estimated as low–high, summaries use the mid-range
 * value (`003`, note under the savings table: "mid-range estimates of savings have been used
 * where a range has been quoted"), and low and high stay available as scenarios.
 * Not in the workbook yet: issue 17 (ranges and scenarios in the Rules sheet) wires these.
 */
import { Amount, Decimal, roundMoney } from "./money";
import { readNumber } from "./check";
import { ErrorLocation, RuleError } from "./errors";

export type Scenario = "low" | "mid" | "high";

export const SCENARIOS: readonly Scenario[] = ["low", "mid", "high"];

export interface Estimate {
  low: Decimal;
  /** (low + high) / 2, rounded to pence (half a penny up), so it can be split like any amount. */
  mid: Decimal;
  high: Decimal;
}

/** A single figure or a low–high range, as the user gave it. */
export type EstimateInput = Amount | { low: Amount; high: Amount };

const isRange = (value: EstimateInput): value is { low: Amount; high: Amount } =>
  typeof value === "object" && value !== null && "low" in value && "high" in value;

/**
 * Reads an estimate: a number (low = mid = high), a range object, or text as the reports write
 * ranges: "£120 - £140k", "between £700,000 and £1.1million", "£2-3m", "120000–140000".
 */
export function readEstimate(value: EstimateInput, location: ErrorLocation, decimals = 2): Estimate {
  let low: Decimal;
  let high: Decimal;
  if (isRange(value)) {
    low = readNumber(value.low, { ...location, field: `${location.field} (low)` }, "§1");
    high = readNumber(value.high, { ...location, field: `${location.field} (high)` }, "§1");
  } else if (typeof value === "string" && parseRangeText(value)) {
    [low, high] = parseRangeText(value)!;
  } else {
    low = high = readNumber(value, location, "§1");
  }
  if (low.greaterThan(high)) {
    throw new RuleError(
      "bad-range",
      location,
      `has its low estimate (${low.toString()}) above its high estimate (${high.toString()})`,
      "§1",
    );
  }
  return { low, mid: roundMoney(low.plus(high).dividedBy(2), decimals), high };
}

const SCALE: Record<string, string> = { k: "1e3", m: "1e6", million: "1e6", bn: "1e9", billion: "1e9" };
const FIGURE = String.raw`£?\s*(\d[\d,]*(?:\.\d+)?)\s*(million|billion|bn|k|m)?`;
const RANGE = new RegExp(
  String.raw`^\s*(?:(?:between|around|about|approximately)\s+)?${FIGURE}\s*(?:-|–|—|to|and)\s*${FIGURE}\s*$`,
  "i",
);

/**
 * "£120 - £140k" → [120000, 140000]; undefined if the text is not a range. A unit written only
 * after the second figure applies to both ("£2-3m" is £2m to £3m), as in the reports, unless
 * the first figure is already whole pounds ("£700,000 and £1.1million").
 */
export function parseRangeText(text: string): [Decimal, Decimal] | undefined {
  const m = RANGE.exec(text);
  if (!m) return undefined;
  const [, lowDigits, lowUnit, highDigits, highUnit] = m;
  const value = (digits: string, unit: string | undefined): Decimal => {
    const d = new Decimal(digits.replace(/,/g, ""));
    return unit ? d.times(SCALE[unit.toLowerCase()]) : d;
  };
  const high = value(highDigits, highUnit);
  const sharedUnit = lowUnit === undefined && highUnit !== undefined;
  const low =
    sharedUnit && value(lowDigits, highUnit).lessThanOrEqualTo(high)
      ? value(lowDigits, highUnit)
      : value(lowDigits, lowUnit);
  return [low, high];
}

const ONE_FIGURE = new RegExp(String.raw`^\s*${FIGURE}\s*$`, "i");

/**
 * One amount or a range, as the reports write them: "£1.2m", "1,200,000", "£120 - £140k". Both
 * ends (the same figure twice for one amount), read by the same grammar as parseRangeText; undefined
 * if the text is neither.
 */
export function parseAmountOrRange(text: string): { low: Decimal; high: Decimal; range: boolean } | undefined {
  const range = parseRangeText(text);
  if (range) return { low: range[0], high: range[1], range: true };
  const m = ONE_FIGURE.exec(text);
  if (!m) return undefined;
  const d = new Decimal(m[1].replace(/,/g, ""));
  const value = m[2] ? d.times(SCALE[m[2].toLowerCase()]) : d;
  return { low: value, high: value, range: false };
}

/** Reads a scenario name; mid-range is the default, as summaries use it. */
export function readScenario(value: string | undefined, field = "scenario"): Scenario {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "") return "mid";
  if ((SCENARIOS as readonly string[]).includes(v)) return v as Scenario;
  throw new RuleError("bad-choice", { field }, `must be "low", "mid" or "high" (got "${value}")`, "§1");
}

/** Each estimate's figure under one scenario. */
export function inScenario(estimates: readonly Estimate[], scenario: Scenario = "mid"): Decimal[] {
  return estimates.map((e) => e[scenario]);
}
