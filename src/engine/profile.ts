/**
 * RULES.md §6: a saving (or cost) by financial year. A profile is a list of consecutive years
 * with an amount each, in one of two views:
 * - incremental: the new saving that arrives in each year, what an MTFS line records;
 * - cumulative: the saving in force in each year, i.e. the running total of the increments.
 * The engine builds profiles by phasing a saving, or from a part-year start, converts between the
 * views, and moves a planned saving to a later year (slippage, §7).
 */
import { Amount, Decimal, ZERO, roundMoney } from "./money";
import { Breach, readNonNegative, readNumber, refuse } from "./check";
import { RuleError } from "./errors";
import { checkAmount, checkDecimals, prepareSplit } from "./split";
import { YearLabel, formatYear, parseYear } from "./years";

/** One year of a profile. */
export interface YearAmount {
  year: YearLabel;
  amount: Decimal;
}

/** Amounts by consecutive financial year, earliest first. */
export type Profile = YearAmount[];

/** A profile as it comes in: any amount a Decimal can read. */
export type ProfileInput = readonly { year: YearLabel; amount: Amount }[];

export type ProfileView = "incremental" | "cumulative";

/** `count` consecutive years from `first`: ("2011/12", 3) → 2011/12, 2012/13, 2013/14. */
export function yearSequence(first: YearLabel, count: number, field = "first year"): YearLabel[] {
  const start = parseYear(first, field);
  if (!Number.isInteger(count) || count < 1) {
    throw new RuleError(
      "bad-sequence",
      { field: "years" },
      `must be a whole number of years, 1 or more (got ${count})`,
      "§6",
    );
  }
  return Array.from({ length: count }, (_, i) => formatYear(start + i));
}

/**
 * Reads a profile: each year a financial year like 2011/12 and the years consecutive and in
 * order, because the views and break-even depend on year following year.
 */
export function readProfile(input: ProfileInput, field = "profile", rule = "§6"): Profile {
  if (input.length === 0) throw new RuleError("empty", { field }, "has no years", rule);
  let previous: number | undefined;
  return input.map(({ year, amount }, index) => {
    const start = parseYear(year, `${field}: year`);
    if (previous !== undefined && start !== previous + 1) {
      throw new RuleError(
        "bad-sequence",
        { field, index },
        `${year} does not follow ${formatYear(previous)}; years must run one after another`,
        rule,
      );
    }
    previous = start;
    return { year: formatYear(start), amount: readNumber(amount, { field, index }, rule) };
  });
}

/** The profile in the other view: incremental → cumulative (running totals). */
export function toCumulative(incremental: ProfileInput): Profile {
  let running = ZERO;
  return readProfile(incremental, "incremental profile").map(({ year, amount }) => {
    running = running.plus(amount);
    return { year, amount: running };
  });
}

/** The profile in the other view: cumulative → incremental (each year less the one before). */
export function toIncremental(cumulative: ProfileInput): Profile {
  let previous = ZERO;
  return readProfile(cumulative, "cumulative profile").map(({ year, amount }) => {
    const increment = amount.minus(previous);
    previous = amount;
    return { year, amount: increment };
  });
}

/** A profile in the view asked for, from its incremental form. */
export function inView(incremental: Profile, view: ProfileView): Profile {
  return view === "cumulative" ? toCumulative(incremental) : incremental;
}

export interface ProfileOptions {
  /** Decimal places of each year's amount: 2 (pence) by default. */
  decimals?: number;
}

/** 100% as the engine holds it: phasing is given as fractions, 10% = 0.1, as Excel stores it. */
const WHOLE = new Decimal(1);

/** "12.5%", not "0.125": how far a phasing is off, in the units the user typed. */
const percent = (fraction: Decimal): string => `${fraction.times(100).toString()}%`;

/**
 * §6: phasing percentages (as fractions: 10% is 0.1) must add up to exactly 100%. The one check
 * of this rule: `phase` applies it, and the reader points its breach at the Phasing cell.
 */
export function phasingBreach(fractions: readonly Decimal[]): Breach | undefined {
  const total = fractions.reduce((a, b) => a.plus(b), ZERO);
  if (total.equals(WHOLE)) return undefined;
  const off = total.minus(WHOLE);
  const by = off.isNegative() ? `${percent(off.neg())} short of` : `${percent(off)} over`;
  return { code: "bad-phasing", detail: `adds up to ${percent(total)}, ${by} 100%` };
}

/**
 * Phases a saving over consecutive years from `firstYear` by percentages (as fractions: 10% is
 * 0.1) that must sum to exactly 100%. Each year's amount is rounded to pence and the leftover
 * pennies are handed out as in §1, so the years sum exactly to the saving. Adult social care
 * (`003` ch. 9(b) §8.1): 10% in 2011/12, the remaining 90% evenly over 2012/13 and 2013/14.
 * The result is the incremental view: the new saving arriving each year.
 */
export function phase(
  amount: Amount,
  phasing: readonly Amount[],
  firstYear: YearLabel,
  options: ProfileOptions = {},
): Profile {
  const field = "phasing";
  if (phasing.length === 0) throw new RuleError("empty", { field }, "has no years", "§6");
  const fractions = phasing.map((p, index) => readNonNegative(p, { field, index }, "§6"));
  const breach = phasingBreach(fractions);
  if (breach) refuse(breach, { field }, "§6");
  const years = yearSequence(firstYear, fractions.length);
  // The fractions sum to 1, so each year's exact quota is amount × fraction, and the split's
  // largest-remainder rule is the §1 rule for the leftover pennies.
  const parts = prepareSplit(fractions, { decimals: options.decimals, field })(checkAmount(amount)).parts;
  return years.map((year, i) => ({ year, amount: parts[i] }));
}

/** Months of a financial year (April–March) left from the start of `month` (1 = January): April 12, March 1. */
export function monthsRemaining(month: number, field = "start month", rule = "§6"): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RuleError(
      "bad-month",
      { field },
      `must be a month from 1 (January) to 12 (December) (got ${month})`,
      rule,
    );
  }
  return 12 - ((month + 8) % 12); // April (4) → 12, September (9) → 7, March (3) → 1
}

/**
 * Part-year effect (§6): a service that starts in `startMonth` of `firstYear` saves
 * months remaining / 12 of the annual amount in that year (rounded to pence) and the full annual
 * amount in each year after. Returned in the view asked for: incremental (the part-year saving,
 * then the rest of the full-year effect, then nothing new) or cumulative (the saving in each year).
 * Local Safeguarding Children Board (`003` ch. 9): £173,000 a year from September 2011 is
 * £100,916.67 in 2011/12 (7/12), which the report rounds to £101,000, and £173,000 from 2012/13.
 */
export function partYear(
  annual: Amount,
  startMonth: number,
  firstYear: YearLabel,
  years: number,
  options: ProfileOptions & { view?: ProfileView } = {},
): Profile {
  const decimals = options.decimals ?? 2;
  checkDecimals(decimals);
  const full = checkAmount(annual, "annual amount");
  const labels = yearSequence(firstYear, years);
  const months = monthsRemaining(startMonth);
  const first = roundMoney(full.times(months).dividedBy(12), decimals);
  const incremental = labels.map((year, i) => ({
    year,
    amount: i === 0 ? first : i === 1 ? full.minus(first) : ZERO,
  }));
  return inView(incremental, options.view ?? "incremental");
}

/** What changed between two profiles, year by year, over the years of both (after − before). */
export function profileChange(before: ProfileInput, after: ProfileInput): Profile {
  const b = readProfile(before, "before");
  const a = readProfile(after, "after");
  const starts = [...b, ...a].map((y) => parseYear(y.year));
  const first = Math.min(...starts);
  const last = Math.max(...starts);
  const at = (p: Profile, year: YearLabel): Decimal => p.find((y) => y.year === year)?.amount ?? ZERO;
  return yearSequence(formatYear(first), last - first + 1).map((year) => ({
    year,
    amount: at(a, year).minus(at(b, year)),
  }));
}

/** A planned saving moved to a later year (§7: "Phase 2 is likely to slip from Jul to Sep 2011"). */
export interface Slippage {
  from: YearLabel;
  to: YearLabel;
  /** How much of the `from` year's saving moves; all of it when absent. */
  amount?: Amount;
}

export interface SlippageResult {
  /** The incremental profile after the move; it sums to the same total as before. */
  profile: Profile;
  /** What moved, from which year to which. */
  moved: { from: YearLabel; to: YearLabel; amount: Decimal };
  /** Year by year, after − before: the `from` year falls by what the `to` year gains. */
  change: Profile;
}

/**
 * Moves some or all of a year's new saving (incremental view) to a later year, extending the
 * profile if that year is beyond its end. The total is unchanged; the result shows what moved.
 * Issue 17 (forecasts and slippage in the Tracker) wires it.
 */
export function slip(incremental: ProfileInput, move: Slippage): SlippageResult {
  const before = readProfile(incremental, "planned profile", "§7");
  const from = parseYear(move.from, "slip from");
  const to = parseYear(move.to, "slip to");
  const fromIndex = before.findIndex((y) => parseYear(y.year) === from);
  if (fromIndex < 0) {
    throw new RuleError(
      "bad-sequence",
      { field: "slip from" },
      `${move.from} is not a year of the profile (${before[0].year} to ${before[before.length - 1].year})`,
      "§7",
    );
  }
  if (to <= from) {
    throw new RuleError("bad-sequence", { field: "slip to" }, `${move.to} is not later than ${move.from}`, "§7");
  }
  const available = before[fromIndex].amount;
  const amount = move.amount === undefined ? available : readNumber(move.amount, { field: "slip amount" }, "§7");
  // Only part of what was planned can move, and in the same direction: slipping £50k of a £30k
  // saving, or a saving out of a year that planned a cost, would invent money.
  const sameSign = amount.isZero() || available.isNegative() === amount.isNegative();
  if (!sameSign || amount.abs().greaterThan(available.abs())) {
    throw new RuleError(
      "too-much",
      { field: "slip amount" },
      `${amount.toString()} is more than the ${available.toString()} planned in ${before[fromIndex].year}`,
      "§7",
    );
  }
  const lastYear = Math.max(parseYear(before[before.length - 1].year), to);
  const profile = yearSequence(before[0].year, lastYear - parseYear(before[0].year) + 1).map((year, i) => {
    const start = parseYear(year);
    let value = before[i]?.amount ?? ZERO;
    if (start === from) value = value.minus(amount);
    if (start === to) value = value.plus(amount);
    return { year, amount: value };
  });
  return {
    profile,
    moved: { from: formatYear(from), to: formatYear(to), amount },
    change: profileChange(before, profile),
  };
}
