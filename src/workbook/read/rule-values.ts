/**
 * The Rules sheet's cells, one reader each: partners with join years, basis, percentages,
 * phasing, start month, financial year, kind and variance policy. Each returns undefined for a
 * blank cell and null after reporting a problem, so the row can still be checked to the end.
 */
import {
  Basis,
  Decimal,
  IndirectPolicy,
  RuleError,
  SavingKind,
  YearLabel,
  Scenario,
  formatYear,
  leavesAfterNotice,
  parseAmountOrRange,
  parseRangeText,
  parseYear,
  phasingBreach,
  readSavingKind,
  roundMoney,
} from "../../engine";
import {
  CellRef,
  cellAt,
  dateText,
  formatAt,
  isBlankCell,
  isErrorCell,
  isPercentFormat,
  isUncalculated,
} from "../grid";
import { refText } from "../a1";
import { MONTH_NAMES, excelDate, grouped, percentText, pounds } from "../format";
import type { CostFrom, MoneyCell, OneOffEntry, RangeOf, RulePartner, Units } from "../inputs";
import {
  MAX_AMOUNT,
  Reading,
  dateShown,
  excelError,
  fromExcelNumber,
  listed,
  nameKey,
  notANumber,
  readMoney,
  report,
  shown,
  uncalculated,
} from "./cells";
import { headingKey } from "./headings";

export type Read<T> = T | undefined | null;

const valueOf = (r: Reading, at: CellRef) => cellAt(r.grid, at.row, at.column);

/** Text of a cell that must hold text; an Excel error or other value is reported (null). */
function textCell(r: Reading, at: CellRef, what: string, expected: string): Read<string> {
  const value = valueOf(r, at);
  if (isBlankCell(value)) return undefined;
  if (typeof value === "string") return value.trim();
  if (isUncalculated(value)) return uncalculated(r, at, what, value.formula) ?? null;
  const date = dateShown(r, at);
  if (date !== undefined) report(r, at, `${what} is a date (${date}), not ${expected}.`, `Enter ${expected}.`);
  else if (isErrorCell(value)) excelError(r, at, what, value.error);
  else report(r, at, `${what} is ${shown(value)}, not ${expected}.`, `Enter ${expected}.`);
  return null;
}

const PERCENT = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/;

/**
 * A percentage from 0% to 100%: a cell formatted as % (Excel holds 20% as 0.2) or text "20%".
 * A plain number above 1 (20) is a problem: Excel would read it as 2,000%.
 */
export function readRate(r: Reading, at: CellRef, what: string, rule: string): Read<Decimal> {
  const value = valueOf(r, at);
  if (isBlankCell(value)) return undefined;
  let rate: Decimal;
  if (typeof value === "number" && dateShown(r, at) === undefined) {
    rate = fromExcelNumber(value);
    if (rate.greaterThan(1) && isPercentFormat(formatAt(r.grid, at.row, at.column))) {
      // The cell shows 150%: the advice for a plain 1.5 (type 1.5%) would be wrong here.
      report(
        r,
        at,
        `${what} is ${percentText(rate)}, more than 100%.`,
        "Enter a percentage from 0% to 100% (the cell is formatted as a percentage: type 15 for 15%).",
        rule,
      );
      return null;
    }
    if (rate.greaterThan(1)) {
      report(
        r,
        at,
        `${what} is ${rate.toString()}, which Excel reads as ${percentText(rate)}.`,
        `Enter ${rate.toString()}% (with the % sign), or ${rate.dividedBy(100).toString()}.`,
        rule,
      );
      return null;
    }
  } else if (typeof value === "string" && PERCENT.test(value)) {
    rate = new Decimal((PERCENT.exec(value) as RegExpExecArray)[1]).dividedBy(100);
  } else if (typeof value === "string" && /^\s*-\s*\d/.test(value)) {
    report(r, at, `${what} is negative (${shown(value)}).`, "Enter a percentage from 0% to 100%.", rule);
    return null;
  } else {
    notANumber(r, value, at, what, rule);
    return null;
  }
  if (rate.isNegative() || rate.greaterThan(1)) {
    report(r, at, `${what} is ${percentText(rate)}, outside 0% to 100%.`, "Enter a percentage from 0% to 100%.", rule);
    return null;
  }
  return rate;
}

/** "10%, 45%, 45%" (or one % cell) as fractions summing to exactly 100% (RULES.md §6). */
export function readPhasing(r: Reading, at: CellRef, service: string): Read<Decimal[]> {
  const value = valueOf(r, at);
  if (isBlankCell(value)) return undefined;
  const what = `Phasing for ${service}`;
  let years: Decimal[];
  if (typeof value === "number" && dateShown(r, at) === undefined) {
    const one = readRate(r, at, what, "§6");
    if (one === null || one === undefined) return null;
    years = [one];
  } else if (typeof value === "string") {
    const items = value.split(/[,;]/).map((s) => s.trim());
    const bad = items.find((s) => !PERCENT.test(s));
    if (bad !== undefined) {
      report(
        r,
        at,
        `${what} (${shown(value)}) has ${bad === "" ? "an empty item" : `"${bad}", which is not a percentage`}.`,
        "Write each year's part as a percentage, separated by commas: 10%, 45%, 45%.",
        "§6",
      );
      return null;
    }
    years = items.map((s) => new Decimal((PERCENT.exec(s) as RegExpExecArray)[1]).dividedBy(100));
  } else {
    notANumber(r, value, at, what, "§6");
    return null;
  }
  const breach = phasingBreach(years);
  if (breach) {
    report(r, at, `${what} ${breach.detail}.`, "Change the percentages so they add up to exactly 100%.", "§6");
    return null;
  }
  return years;
}

/** Date serials from 2000 to 2099: a date, not a typed month or year. */
const isDateSerial = (n: number): boolean => n >= 36_526 && n < 73_051;

/**
 * The financial years accepted, by the calendar year they start in: 2000/01 to 2099/00. Outside
 * them a first year is a slip (9998/99 made a Savings profile of 7,994 columns), refused at its cell.
 */
export const FIRST_START_YEAR = 2000;
export const LAST_START_YEAR = 2099;
export const YEARS_ACCEPTED = `${formatYear(FIRST_START_YEAR)} to ${formatYear(LAST_START_YEAR)}`;
const yearAccepted = (start: number): boolean => start >= FIRST_START_YEAR && start <= LAST_START_YEAR;

/** Start month: 1–12, a month name ("September", "Sep", "Sept") or a date in that month. */
export function readStartMonth(r: Reading, at: CellRef, service: string): Read<number> {
  const value = valueOf(r, at);
  if (isBlankCell(value)) return undefined;
  const what = `Start month for ${service}`;
  if (isUncalculated(value)) return uncalculated(r, at, what, value.formula, "§6") ?? null;
  if (typeof value === "number" && isDateSerial(value)) return excelDate(value).getUTCMonth() + 1;
  const text = typeof value === "string" ? value.trim().toLowerCase() : undefined;
  const month =
    typeof value === "number"
      ? value
      : text !== undefined && /^\d+$/.test(text)
        ? Number(text)
        : text !== undefined && text.length >= 3
          ? MONTH_NAMES.findIndex((m) => m.toLowerCase().startsWith(text.replace(/\.$/, ""))) + 1
          : 0;
  if (Number.isInteger(month) && month >= 1 && month <= 12) return month;
  if (isErrorCell(value) || typeof value === "boolean") return notANumber(r, value, at, what, "§6") ?? null;
  report(
    r,
    at,
    `${what} is ${shown(value)}, not a month.`,
    "Enter the month the saving starts: its name (September) or its number, 1 (January) to 12 (December).",
    "§6",
  );
  return null;
}

/**
 * A financial year: text "2011/12" or "2011-12". Excel turns either, typed into a cell, into a
 * date (1 December 2011); a date is read as the financial year it falls in, with a note.
 */
export function readYear(r: Reading, at: CellRef, what: string, rule: string): Read<YearLabel> {
  const value = valueOf(r, at);
  if (isBlankCell(value)) return undefined;
  if (isUncalculated(value)) return uncalculated(r, at, what, value.formula, rule) ?? null;
  const shownAsDate = dateShown(r, at);
  if (typeof value === "number" && (isDateSerial(value) || shownAsDate !== undefined)) {
    const date = excelDate(value);
    const start = date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
    const year = formatYear(start);
    if (!yearAccepted(start)) {
      report(
        r,
        at,
        `${what} is a date (${shownAsDate ?? dateText(value)}), in ${year}, outside the financial years the add-in accepts (${YEARS_ACCEPTED}).`,
        "Enter a financial year like 2011/12, as text.",
        rule,
      );
      return null;
    }
    r.notes.push(
      `${refText(at)}: ${what} is a date (${date.toISOString().slice(0, 10)}), read as the financial year ${year}.`,
    );
    return year;
  }
  if (typeof value !== "string") {
    if (typeof value === "number")
      report(
        r,
        at,
        `${what} is ${shown(value)}, not a financial year like 2011/12.`,
        "Enter the year as text, like 2011/12.",
        rule,
      );
    else notANumber(r, value, at, what, rule);
    return null;
  }
  let start: number;
  try {
    start = parseYear(value, "year");
  } catch (e) {
    if (!(e instanceof RuleError)) throw e;
    report(r, at, `${what} ${e.detail}.`, "Enter a financial year like 2011/12.", rule);
    return null;
  }
  if (!yearAccepted(start)) {
    report(
      r,
      at,
      `${what} is ${formatYear(start)}, outside the financial years the add-in accepts (${YEARS_ACCEPTED}).`,
      `Enter a financial year from ${YEARS_ACCEPTED}.`,
      rule,
    );
    return null;
  }
  return formatYear(start);
}

/** Cashable (blank), non-cashable or cost avoidance, in the engine's words when it is none of them. */
export function readKind(r: Reading, at: CellRef, service: string): SavingKind | null {
  const text = textCell(r, at, `Kind for ${service}`, "cashable, non-cashable or cost avoidance");
  if (text === null) return null;
  try {
    return readSavingKind(text, "kind");
  } catch (e) {
    if (!(e instanceof RuleError)) throw e;
    report(
      r,
      at,
      `Kind for ${service} ${e.detail}.`,
      "Enter cashable, non-cashable or cost avoidance (blank is cashable).",
      "§5",
    );
    return null;
  }
}

/** host bears (blank) or share now (RULES.md §3). */
export function readPolicy(r: Reading, at: CellRef, service: string): IndirectPolicy | null {
  const text = textCell(r, at, `Variance policy for ${service}`, "host bears or share now");
  if (text === null) return null;
  const key = headingKey(text ?? "");
  if (key === "" || key === "hostbears" || key === "host") return "host-bears";
  if (key === "sharenow" || key === "share" || key === "shared") return "share-now";
  report(
    r,
    at,
    `Variance policy for ${service} must be "host bears" or "share now" (got "${text}").`,
    "Enter host bears or share now (blank is host bears).",
    "§3",
  );
  return null;
}

const BASES: Record<string, Basis> = {
  demand: { kind: "demand" },
  equal: { kind: "equal" },
  equalshares: { kind: "equal" },
  fte: { kind: "fte" },
  fulltimeequivalent: { kind: "fte" },
  budget: { kind: "budget" },
  baseline: { kind: "budget" },
  standalonebudget: { kind: "budget" },
  standalonebaseline: { kind: "budget" },
};

/** demand (blank), equal, FTE, budget, or the heading of a Drivers measure column. */
export function readBasis(r: Reading, at: CellRef, service: string, measures: readonly string[]): Basis | null {
  const what = `Basis for ${service}`;
  const text = textCell(r, at, what, "a basis such as demand or equal");
  if (text === null) return null;
  if (text === undefined) return { kind: "demand" };
  const key = headingKey(text);
  const known = BASES[key];
  if (known !== undefined) return known;
  const measure = measures.find((m) => headingKey(m) === key);
  if (measure !== undefined) return { kind: "driver", driver: measure };
  const choices = ["demand", "equal", "FTE", "budget", ...measures.map((m) => `${m} (from Drivers)`)];
  report(
    r,
    at,
    `${what} is "${text}", which is not one of ${listed(choices, "or")}.`,
    "Enter one of those, or add a Drivers column headed with the measure's name.",
    "§2",
  );
  return null;
}

/**
 * One partner of the Partners cell, in a finance officer's words (RULES.md §2, §8): a name, then
 * optionally when it joins (`from 2013/14`, or `(2013/14)`), its last year in (`until 2014/15`)
 * or its notice (`notice September 2013`: twelve months' notice; it pays in every year the notice
 * touches). `from` comes first; `until` and `notice` do not go together.
 */
const PARTNER_ITEM =
  /^(.+?)(?:\s+from\s+(\S+)|\s*\(\s*(?:from\s+)?(\d{4}\s*[/-]\s*\d{2})\s*\))?(?:\s+(?:until|to)\s+(\S+))?(?:\s+notice\s+(?:given\s+)?(?:in\s+)?(.+))?$/i;

/** "Westminster, Kensington & Chelsea until 2014/15; Hammersmith & Fulham from 2013/14 notice September 2015". */
export function readPartnerList(r: Reading, at: CellRef, service: string): Read<RulePartner[]> {
  const what = `Partners for ${service}`;
  const text = textCell(r, at, what, "partners' names");
  if (text === null || text === undefined) return text;
  const partners: RulePartner[] = [];
  let ok = true;
  const refuse = (message: string, fix: string, rule = "§2"): void => {
    report(r, at, `${what}: ${message}`, fix, rule);
    ok = false;
  };
  /** A financial year of the item, or undefined after reporting it. */
  const yearOf = (name: string, word: string, written: string, fix: string, example: string): YearLabel | undefined => {
    let start: number;
    try {
      start = parseYear(written, "year");
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      refuse(`${name} ${word} "${written}", which is not a financial year like 2011/12.`, `${fix} ${example}.`);
      return undefined;
    }
    if (!yearAccepted(start)) {
      refuse(
        `${name} ${word} ${formatYear(start)}, outside the financial years the add-in accepts (${YEARS_ACCEPTED}).`,
        `Write a year from ${YEARS_ACCEPTED}: ${example}.`,
      );
      return undefined;
    }
    return formatYear(start);
  };
  for (const item of text
    .split(/[,;]/)
    .map((s) => s.trim().replace(/\s+/g, " "))
    .filter((s) => s !== "")) {
    const m = PARTNER_ITEM.exec(item) as RegExpExecArray;
    const name = m[1].trim();
    const joinText = m[2] ?? m[3];
    const partner: RulePartner = { partner: name };
    if (joinText !== undefined) {
      const joins = yearOf(
        name,
        "joins from",
        joinText,
        "Write the year it joins like this:",
        "Westminster from 2013/14",
      );
      if (joins === undefined) continue;
      partner.joins = joins;
    }
    if (m[4] !== undefined && m[5] !== undefined) {
      refuse(
        `${name} has both a last year (until ${m[4]}) and notice (${m[5]}).`,
        "Give one: its last year in (Kensington & Chelsea until 2014/15), or the month notice is given (Hammersmith & Fulham notice September 2013).",
        "§8",
      );
      continue;
    }
    if (m[4] !== undefined) {
      const last = yearOf(
        name,
        "takes part until",
        m[4],
        "Write its last year in like this:",
        "Kensington & Chelsea until 2014/15",
      );
      if (last === undefined) continue;
      if (partner.joins !== undefined && parseYear(last) < parseYear(partner.joins)) {
        refuse(
          `${name} leaves (until ${last}) before it joins (from ${partner.joins}).`,
          `Make its last year (until) ${partner.joins} or later, or correct the year it joins.`,
          "§8",
        );
        continue;
      }
      partner.leaves = formatYear(parseYear(last) + 1);
    }
    if (m[5] !== undefined) {
      const notice = noticeOf(m[5]);
      if (notice === undefined) {
        refuse(
          `${name} gives notice "${m[5]}", which is not a month and year like September 2013.`,
          "Write the month notice is given like this: Hammersmith & Fulham notice September 2013.",
          "§8",
        );
        continue;
      }
      if (!yearAccepted(parseYear(notice.year))) {
        refuse(
          `${name} gives notice in ${notice.text}, outside the financial years the add-in accepts (${YEARS_ACCEPTED}).`,
          `Write a month of a year from ${YEARS_ACCEPTED}.`,
          "§8",
        );
        continue;
      }
      if (partner.joins !== undefined && parseYear(notice.year) < parseYear(partner.joins)) {
        refuse(
          `${name} gives notice in ${notice.text} (${notice.year}), a year it is not in: it joins from ${partner.joins}.`,
          `Give notice in ${partner.joins} or later, or correct the year it joins.`,
          "§8",
        );
        continue;
      }
      partner.notice = notice;
      partner.leaves = leavesAfterNotice(notice.year, notice.month);
    }
    partners.push(partner);
  }
  return ok ? partners : null;
}

// ---------------------------------------------------------------------------------------------
// Ranges (RULES.md §1): an estimate written low–high takes the scenario's figure, mid-range unless
// chosen. The by-year lists of New cost and Transitional cost (issue 16) read each amount with these.
// ---------------------------------------------------------------------------------------------

const IN_THOUSANDS = /\s*(?:£\s*'?000'?s?|£\s*k|£\s*thousands?)\s*$/i;
const HAS_SCALE = /\d\s*(?:k|m|million|bn|billion)\b/i;
const PERCENT_RANGE = /^\s*(\d+(?:\.\d+)?)\s*%?\s*(?:-|–|—|to)\s*(\d+(?:\.\d+)?)\s*%\s*$/i;

/**
 * Which way a range's figure moves the saving: a cost (New cost, Transitional cost, a cost line)
 * lowers it as it rises, a saving (a Reduction, a phasing amount) raises it.
 */
export type RangeSide = "cost" | "saving";

/**
 * A scenario is a scenario of the savings (RULES.md §1; `003` quotes ranges of savings): "low" is
 * the lower saving, so it takes the high end of a cost and the low end of a saving, and "high" the
 * reverse. Every range then moves the partners' savings the same way, and each partner's total
 * saving is low ≤ mid ≤ high (taking the low end of every range would raise a saving through a
 * low cost and lower it through a low reduction, so the scenarios would not be ordered).
 */
export function rangeEnd(scenario: Scenario | undefined, side: RangeSide): "low" | "mid" | "high" {
  const chosen = scenario ?? "mid";
  if (chosen === "mid" || side === "saving") return chosen;
  return chosen === "low" ? "high" : "low";
}

const pick = (
  range: { low: Decimal; mid: Decimal; high: Decimal },
  scenario: Scenario | undefined,
  side: RangeSide,
): Decimal => range[rangeEnd(scenario, side)];

/**
 * Whether text is an estimate written as a range that the Rules sheet reads: an amount range
 * ("£0.7m–£1.0m", "700–1,000 £000") or, for a rate, a percentage range ("20%–30%").
 */
export function isRangeText(text: string, kind: "amount" | "rate"): boolean {
  return kind === "rate" ? PERCENT_RANGE.test(text) : parseRangeText(text.replace(IN_THOUSANDS, "")) !== undefined;
}

/** A range's ends in order, or a problem that it is written backwards. */
function inOrder(r: Reading, at: CellRef, what: string, text: string, low: Decimal, high: Decimal): boolean {
  if (low.lessThanOrEqualTo(high)) return true;
  report(
    r,
    at,
    `${what} is the range "${text}", written backwards: its low end is above its high end.`,
    "Write the range low to high, e.g. £0.7m–£1.0m.",
    "§1",
  );
  return false;
}

/**
 * A money cell that may hold a range as the reports write it: "£0.7m–£1.0m", "£120 - £140k",
 * "700–1,000 £000" (or, on a £000s sheet, "700–1,000"). A plain amount reads as readMoney reads it.
 */
export function readAmount(
  r: Reading,
  at: CellRef,
  what: string,
  units: Units,
  side: RangeSide = "cost",
): Read<MoneyCell> {
  const value = valueOf(r, at);
  if (typeof value === "string") {
    const thousands = IN_THOUSANDS.test(value);
    const text = value.replace(IN_THOUSANDS, "");
    const parsed = parseRangeText(text);
    if (parsed !== undefined) {
      const scale = HAS_SCALE.test(text) ? 1 : thousands || units === "thousands" ? 1000 : 1;
      const [low, high] = parsed.map((d) => d.times(scale));
      const shownText = value.trim();
      if (!inOrder(r, at, what, shownText, low, high)) return null;
      if (high.greaterThanOrEqualTo(MAX_AMOUNT) || low.decimalPlaces() > 2 || high.decimalPlaces() > 2) {
        report(
          r,
          at,
          `${what} is the range "${shownText}", whose ends are not amounts to the penny under £1,000,000,000,000.`,
          "Check the figures and their units.",
          "§1",
        );
        return null;
      }
      const range: RangeOf = { low, mid: roundMoney(low.plus(high).dividedBy(2)), high, text: shownText };
      r.notes.push(rangeNote(at, what, range, r.scenario, side));
      r.ranges?.push({ at, what });
      return { value: pick(range, r.scenario, side), at, units, range };
    }
  }
  return readMoney(r, at, what, units) ?? null;
}

/** A percentage that may be a range, "20%–30%" (a range of fractions; mid-range exactly halfway). */
export function readRateOrRange(
  r: Reading,
  at: CellRef,
  what: string,
  rule: string,
): Read<{ value: Decimal; range?: RangeOf }> {
  const value = valueOf(r, at);
  const m = typeof value === "string" ? PERCENT_RANGE.exec(value) : null;
  if (typeof value !== "string" || m === null) {
    const rate = readRate(r, at, what, rule);
    return rate === undefined || rate === null ? rate : { value: rate };
  }
  const [low, high] = [m[1], m[2]].map((x) => new Decimal(x).dividedBy(100));
  if (!inOrder(r, at, what, value.trim(), low, high)) return null;
  if (high.greaterThan(1)) {
    report(r, at, `${what} is the range "${value.trim()}", above 100%.`, "Enter percentages from 0% to 100%.", rule);
    return null;
  }
  const range: RangeOf = { low, mid: low.plus(high).dividedBy(2), high, text: value.trim() };
  r.notes.push(rangeNote(at, what, range, r.scenario, "saving", true));
  r.ranges?.push({ at, what });
  return { value: pick(range, r.scenario, "saving"), range };
}

function rangeNote(
  at: CellRef,
  what: string,
  range: RangeOf,
  scenario: Scenario | undefined,
  side: RangeSide,
  rate = false,
): string {
  const show = (d: Decimal): string => (rate ? percentText(d) : pounds(d));
  const chosen = scenario ?? "mid";
  const end = rangeEnd(scenario, side);
  const name = end === "mid" ? "the mid-range value" : `the ${end} end`;
  const why = chosen === "mid" ? "" : `, the ${chosen === "low" ? "lower" : "higher"} saving`;
  return (
    `${refText(at)}: ${what} is the range ${range.text} (low ${show(range.low)}, mid ${show(range.mid)}, ` +
    `high ${show(range.high)}); the tables use ${name}, ${show(pick(range, scenario, side))} (scenario ${chosen}${why}, RULES.md §1).`
  );
}

/** "September 2013" (or "Sep 2013", "9/2013") → month 9 of financial year 2013/14. */
function noticeOf(written: string): RulePartner["notice"] {
  const m = /^([a-z]+)\.?\s+(\d{4})$/i.exec(written.trim()) ?? /^(\d{1,2})\s*\/\s*(\d{4})$/.exec(written.trim());
  if (m === null) return undefined;
  const key = m[1].toLowerCase();
  const month = /^\d+$/.test(key)
    ? Number(key)
    : key.length >= 3
      ? MONTH_NAMES.findIndex((name) => name.toLowerCase().startsWith(key)) + 1
      : 0;
  if (!(month >= 1 && month <= 12)) return undefined;
  const calendar = Number(m[2]);
  // April to December fall in the financial year starting that calendar year; January to March in the one before.
  const year = formatYear(month >= 4 ? calendar : calendar - 1);
  return { month, year, text: `${MONTH_NAMES[month - 1]} ${calendar}` };
}

/**
 * One amount written as text in a Rules list (a cost by year, a one-off), read by the one amount
 * grammar of the ranges (parseAmountOrRange, beside parseRangeText): "1,200,000", "£1.2m",
 * "£1,200,000.50", or a range "£0.7m–£1.0m" (RULES.md §1: the scenario's figure, mid-range unless
 * chosen), in the sheet's units (× 1,000 in a £000s sheet unless the text says k or m). The reason
 * when it is not one.
 */
export type AmountText = (
  text: string,
  units: Units,
  scenario?: Scenario,
) => { value: Decimal; range?: RangeOf } | { reason: string };

export const parseAmountText: AmountText = (text, units, scenario) => {
  const thousands = IN_THOUSANDS.test(text);
  const bare = text.replace(IN_THOUSANDS, "").trim();
  const parsed = parseAmountOrRange(bare);
  if (parsed === undefined) return { reason: `"${text}" is not an amount like 1,200,000` };
  const scale = HAS_SCALE.test(bare) ? 1 : thousands || units === "thousands" ? 1000 : 1;
  const [low, high] = [parsed.low, parsed.high].map((d) => d.times(scale));
  if (low.greaterThan(high))
    return { reason: `"${text}" is a range written backwards: its low end is above its high end` };
  if (high.greaterThanOrEqualTo(MAX_AMOUNT))
    return { reason: `${text} is more than the largest amount the add-in reads (under £1,000,000,000,000)` };
  if (low.decimalPlaces() > 2 || high.decimalPlaces() > 2) return { reason: `${text} has fractions of a penny` };
  if (!parsed.range) return { value: low };
  const range: RangeOf = { low, mid: roundMoney(low.plus(high).dividedBy(2)), high, text: text.trim() };
  return { value: pick(range, scenario, "cost"), range };
};

/** A financial year written in a list item, or the reason it is not one (or not accepted). */
function listYear(written: string): { year: YearLabel } | { reason: string } {
  let start: number;
  try {
    start = parseYear(written, "year");
  } catch (e) {
    if (!(e instanceof RuleError)) throw e;
    return { reason: `"${written}" is not a financial year like 2011/12` };
  }
  if (!yearAccepted(start))
    return { reason: `${formatYear(start)} is outside the financial years the add-in accepts (${YEARS_ACCEPTED})` };
  return { year: formatYear(start) };
}

/**
 * A New cost that changes by year, as text: "1,200,000; 1,500,000 from 2013/14". The first amount
 * holds from the service's first year (or from the year it names), each later one from its year
 * on; the years must run forwards, each once. A plain number holds for every year (readMoney).
 */
export function readCostByYear(
  r: Reading,
  at: CellRef,
  service: string,
  units: Units,
  amountText: AmountText = parseAmountText,
): Read<CostFrom[]> {
  const what = `New cost for ${service}`;
  const value = valueOf(r, at);
  if (typeof value !== "string") return undefined;
  const items = value.split(";").map((s) => s.trim());
  const fix =
    "Write the cost from the first year, then each change from its year on: 1,200,000; 1,500,000 from 2013/14.";
  const list: CostFrom[] = [];
  for (const [i, item] of items.entries()) {
    const m = /^(.+?)(?:\s+from\s+(\S+))?$/i.exec(item);
    if (item === "" || m === null) {
      report(r, at, `${what} (${shown(value)}) has an empty item.`, fix, "§5");
      return null;
    }
    const amount = amountText(m[1], units, r.scenario);
    if ("reason" in amount) {
      report(r, at, `${what}: ${amount.reason}.`, fix, "§5");
      return null;
    }
    if (amount.range) {
      r.notes.push(rangeNote(at, what, amount.range, r.scenario, "cost"));
      r.ranges?.push({ at, what });
    }
    if (m[2] === undefined && i > 0) {
      report(r, at, `${what}: ${m[1]} has no year; every amount after the first needs one (from 2013/14).`, fix, "§5");
      return null;
    }
    let from: YearLabel | undefined;
    if (m[2] !== undefined) {
      const y = listYear(m[2]);
      if ("reason" in y) {
        report(r, at, `${what}: ${y.reason}.`, fix, "§5");
        return null;
      }
      from = y.year;
      const before = list[list.length - 1]?.from;
      if (before !== undefined && parseYear(from) <= parseYear(before)) {
        report(
          r,
          at,
          `${what}: ${from === before ? `${from} is given twice` : `${from} comes after ${before}, so the years run backwards`}.`,
          "Give each year once, in order: 1,200,000; 1,500,000 from 2013/14; 1,700,000 from 2015/16.",
          "§5",
        );
        return null;
      }
    }
    list.push({ ...(from === undefined ? {} : { from }), amount: amount.value });
  }
  return list;
}

/**
 * Transitional (one-off) costs by year and by who bears them, as text (RULES.md §4, §8):
 * "600,000 in 2011/12; 2,000,000 in 2012/13; 2,000,000 in 2013/14", or "1,160,000 for
 * Hammersmith & Fulham and Kensington & Chelsea" (shared by net reduction among those alone), or
 * "150,000 in 2012/13 borne by Westminster" (an extra that partner bears alone: a payment above the
 * common terms, or a leaver's own consequent costs). Items are separated by semicolons, the
 * partners by commas or "and"; each year's shared cost once, each partner's extra once a year.
 */
export function readOneOffs(
  r: Reading,
  at: CellRef,
  service: string,
  units: Units,
  amountText: AmountText = parseAmountText,
  measures: readonly string[] = [],
): Read<OneOffEntry[]> {
  const what = `Transitional cost for ${service}`;
  const value = valueOf(r, at);
  if (typeof value !== "string") return undefined;
  const fix =
    "Write each one-off cost with its year and, if not all partners bear it, whom for: 600,000 in 2011/12; 2,000,000 in 2012/13 for Hammersmith & Fulham and Kensington & Chelsea; 150,000 in 2012/13 borne by Westminster; 300,000 in 2015/16 for Hammersmith & Fulham and Westminster by equal.";
  const list: OneOffEntry[] = [];
  for (const item of value.split(";").map((s) => s.trim())) {
    const m = /^(.+?)(?:\s+in\s+(\S+))?(?:\s+(for|borne\s+by)\s+(.+?))?(?:\s+(by|on)\s+(.+))?$/i.exec(item);
    if (item === "" || m === null) {
      report(r, at, `${what} (${shown(value)}) has an empty item.`, fix, "§4");
      return null;
    }
    const amount = amountText(m[1], units, r.scenario);
    if ("reason" in amount) {
      report(r, at, `${what}: ${amount.reason}.`, fix, "§4");
      return null;
    }
    if (amount.range) {
      r.notes.push(rangeNote(at, what, amount.range, r.scenario, "cost"));
      r.ranges?.push({ at, what });
    }
    const entry: OneOffEntry = { amount: amount.value };
    if (m[2] !== undefined) {
      const y = listYear(m[2]);
      if ("reason" in y) {
        report(r, at, `${what}: ${y.reason}.`, fix, "§4");
        return null;
      }
      entry.year = y.year;
    }
    const names =
      m[4] === undefined
        ? undefined
        : m[4]
            .split(/\s*,\s*|\s+and\s+/i)
            .map((s) => s.trim())
            .filter((s) => s !== "");
    if (names !== undefined && /^for$/i.test(m[3])) entry.partners = names;
    else if (names !== undefined) {
      if (names.length !== 1) {
        report(
          r,
          at,
          `${what}: ${grouped(amount.value)} is borne by ${names.length === 0 ? "no one" : names.join(" and ")}; a cost borne alone names one partner.`,
          `Name one partner after "borne by", or share the cost with "for": ${grouped(amount.value)} in ${entry.year ?? "2012/13"} for ${names.join(" and ")}.`,
          "§4",
        );
        return null;
      }
      entry.bornBy = names[0];
    }
    if (m[6] !== undefined) {
      // Termination costs "fairly shared between the Councils in a pre-agreed manner" (RULES.md §8).
      if (entry.bornBy !== undefined) {
        report(
          r,
          at,
          `${what}: ${grouped(amount.value)} is borne by ${entry.bornBy} alone, so it is not shared ${m[5]} ${m[6]}.`,
          `Leave out "${m[5]} ${m[6]}", or share the cost: ${grouped(amount.value)} in ${entry.year ?? "2015/16"} for ${entry.bornBy} and … by ${m[6]}.`,
          "§8",
        );
        return null;
      }
      const key = headingKey(m[6]);
      const measure = measures.find((x) => headingKey(x) === key);
      const basis = BASES[key] ?? (measure === undefined ? undefined : { kind: "driver" as const, driver: measure });
      if (basis === undefined) {
        const choices = ["demand", "equal", "FTE", "budget", ...measures.map((x) => `${x} (from Drivers)`)];
        report(
          r,
          at,
          `${what}: ${grouped(amount.value)} is shared by "${m[6]}", which is not one of ${listed(choices, "or")}.`,
          "Name a basis the Basis column takes (300,000 in 2015/16 for Hammersmith & Fulham and Westminster by equal), or leave it out to share by net reduction.",
          "§8",
        );
        return null;
      }
      entry.basis = basis;
    }
    const twice =
      entry.bornBy === undefined
        ? list.some((o) => o.bornBy === undefined && o.year === entry.year)
        : list.some(
            (o) => o.bornBy !== undefined && o.year === entry.year && nameKey(o.bornBy) === nameKey(entry.bornBy!),
          );
    if (twice) {
      report(
        r,
        at,
        entry.bornBy === undefined
          ? `${what}: ${entry.year ?? "the first year"} has two one-off costs.`
          : `${what}: ${entry.bornBy} bears two costs alone in ${entry.year ?? "the first year"}.`,
        entry.bornBy === undefined
          ? "Give each year's one-off cost once (add them up, or split them by who bears them in different years)."
          : "Give each partner's cost borne alone once a year (add them up).",
        "§4",
      );
      return null;
    }
    list.push(entry);
  }
  return list;
}
