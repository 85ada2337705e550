/**
 * RULES.md §6: gross savings, investment (costs of change) and net savings by year, with the
 * cumulative net position, the break-even year and payback; and the net present value of a
 * profile for option appraisal (HM Treasury Green Book discounting).
 */
import { Amount, Decimal, ONE, ZERO, roundMoney, sum } from "./money";
import { readNumber } from "./check";
import { RuleError } from "./errors";
import { Profile, ProfileInput, readProfile, yearSequence } from "./profile";
import { YearLabel, formatYear, parseYear } from "./years";

export interface NetYear {
  year: YearLabel;
  /** The saving in that year (in force, before costs of change). */
  gross: Decimal;
  /** Costs of change spent in that year, as a positive amount. */
  investment: Decimal;
  /** gross − investment. */
  net: Decimal;
  /** Net of this year and every year before it. */
  cumulativeNet: Decimal;
}

export interface BreakEven {
  year: YearLabel;
  /** 1-based: year 4 of the profile. */
  position: number;
}

export interface NetSavings {
  years: NetYear[];
  totals: { gross: Decimal; investment: Decimal; net: Decimal };
  /** The first year in which cumulative net is at or above zero; undefined if it never is. */
  breakEven: BreakEven | undefined;
  /**
   * Years from the start of the first year until cumulative net reaches zero, assuming each
   * year's net arrives evenly through the year (1.86 = in the eleventh month of year 2).
   * 0 when the first year is already in credit; undefined when it never breaks even.
   */
  payback: Decimal | undefined;
}

/**
 * The first year in which the running total of `net` reaches zero or more (§6: "the first year
 * in which cumulative net is at or above zero"), and payback in years.
 */
export function breakEven(net: readonly Decimal[]): { position: number; payback: Decimal } | undefined {
  let running = ZERO;
  for (let i = 0; i < net.length; i++) {
    const before = running;
    running = running.plus(net[i]);
    if (!running.isNegative() || running.isZero()) {
      // Still in credit from the start: nothing to pay back.
      if (!before.isNegative() || before.isZero()) return { position: i + 1, payback: new Decimal(i) };
      // The deficit carried in is cleared part-way through this year.
      return { position: i + 1, payback: new Decimal(i).plus(before.neg().dividedBy(net[i])) };
    }
  }
  return undefined;
}

/**
 * Gross, investment and net by year. Gross is the saving in force in each year (the cumulative
 * view, as the ICT table in `003` ch. 9(d) §6 gives it); investment is the spend on change in
 * each year, entered as a positive cost. A year missing from either is taken as zero, so a
 * two-year investment beside a five-year saving is fine; together the years must run on.
 */
export function netSavings(gross: ProfileInput, investment: ProfileInput = []): NetSavings {
  const g = readProfile(gross, "gross savings");
  const inv = investment.length === 0 ? [] : readProfile(investment, "investment");
  inv.forEach(({ amount }, index) => {
    if (amount.isNegative() && !amount.isZero()) {
      throw new RuleError(
        "negative",
        { field: "investment", index },
        `is negative (${amount.toString()}); enter costs of change as positive amounts`,
        "§6",
      );
    }
  });
  const starts = [...g, ...inv].map((y) => parseYear(y.year));
  const first = Math.min(...starts);
  const last = Math.max(...starts);
  // Both run year on year, but together they must not leave a hole (gross 2011–13, investment 2015).
  const labels = yearSequence(formatYear(first), last - first + 1);
  const covered = new Set(starts);
  labels.forEach((year, index) => {
    if (!covered.has(parseYear(year))) {
      throw new RuleError(
        "bad-sequence",
        { field: "years", index },
        `${year} has neither gross savings nor investment`,
        "§6",
      );
    }
  });
  const at = (p: Profile, year: YearLabel): Decimal => p.find((y) => y.year === year)?.amount ?? ZERO;

  let running = ZERO;
  const years = labels.map((year) => {
    const grossYear = at(g, year);
    const investmentYear = at(inv, year);
    const net = grossYear.minus(investmentYear);
    running = running.plus(net);
    return { year, gross: grossYear, investment: investmentYear, net, cumulativeNet: running };
  });
  const be = breakEven(years.map((y) => y.net));
  return {
    years,
    totals: {
      gross: sum(years.map((y) => y.gross)),
      investment: sum(years.map((y) => y.investment)),
      net: running,
    },
    breakEven: be && { year: years[be.position - 1].year, position: be.position },
    payback: be?.payback,
  };
}

export interface OwnBreakEven {
  /** The first year with a figure (a saving or an investment); undefined when there is none. */
  firstFigure?: YearLabel;
  /** Counted from the first figure: break-even never precedes it. Undefined: never within the years. */
  breakEven?: BreakEven;
  payback?: Decimal;
}

/**
 * Break-even and payback counted from the first year with a figure of its own (RULES.md §6), so a
 * partner whose only service starts in 2013/14 is not shown breaking even in the years before it
 * had any saving or investment. Position 1 is the first-figure year.
 */
export function breakEvenFromFirstFigure(years: readonly NetYear[]): OwnBreakEven {
  const start = years.findIndex((y) => !y.gross.isZero() || !y.investment.isZero());
  if (start < 0) return {};
  const own = years.slice(start);
  const be = breakEven(own.map((y) => y.net));
  return {
    firstFigure: own[0].year,
    ...(be === undefined
      ? {}
      : { breakEven: { year: own[be.position - 1].year, position: be.position }, payback: be.payback }),
  };
}

/** A discount rate that applies from a year on (year 0 is the first year of the profile). */
export interface DiscountBand {
  fromYear: number;
  rate: Amount;
}

/**
 * HM Treasury Green Book real discount rates: 3.5% for years 0–30, then declining for the long
 * term (3.0% to year 75, 2.5% to 125, 2.0% to 200, 1.5% to 300, 1.0% after).
 */
export const GREEN_BOOK_RATES: readonly DiscountBand[] = [
  { fromYear: 0, rate: "0.035" },
  { fromYear: 31, rate: "0.03" },
  { fromYear: 76, rate: "0.025" },
  { fromYear: 126, rate: "0.02" },
  { fromYear: 201, rate: "0.015" },
  { fromYear: 301, rate: "0.01" },
];

const GREEN_BOOK = "HM Treasury Green Book";

function readRate(rate: Amount, field: string): Decimal {
  const r = readNumber(rate, { field }, GREEN_BOOK);
  if (r.isNegative() || r.greaterThan(1)) {
    throw new RuleError("bad-rate", { field }, `must be from 0% to 100% (got ${r.toString()})`, GREEN_BOOK);
  }
  return r;
}

/**
 * Discount factors for years 0 … count−1: year 0 is 1 (undiscounted) and each later year's is
 * the year before's divided by 1 + that year's rate, so 3.5% gives 1/1.035^t up to year 30 and
 * the Green Book's lower long-term rates apply beyond it. `rate` may be one rate for every year.
 */
export function discountFactors(count: number, rate: Amount | readonly DiscountBand[] = GREEN_BOOK_RATES): Decimal[] {
  const bands = (Array.isArray(rate) ? (rate as readonly DiscountBand[]) : [{ fromYear: 0, rate: rate as Amount }]).map(
    (b) => ({ fromYear: b.fromYear, rate: readRate(b.rate, "discount rate") }),
  );
  // Year t's factor is 1 / the product of (1 + rate) over years 1…t. Each band's part is one
  // power rather than t divisions, so 3.5% gives exactly 1/1.035^t to the engine's precision.
  const factors: Decimal[] = [];
  for (let t = 0; t < count; t++) {
    let denominator = ONE;
    bands.forEach((band, b) => {
      const from = Math.max(band.fromYear, 1);
      const to = Math.min(t, b + 1 < bands.length ? bands[b + 1].fromYear - 1 : t);
      if (to >= from) denominator = denominator.times(ONE.plus(band.rate).pow(to - from + 1));
    });
    factors.push(ONE.dividedBy(denominator));
  }
  return factors;
}

export interface PresentValueYear {
  year: YearLabel;
  amount: Decimal;
  /** To 40 significant digits; show it to 4 places as Green Book tables do. */
  factor: Decimal;
  /** amount × factor, rounded to pence. */
  presentValue: Decimal;
}

export interface PresentValue {
  years: PresentValueYear[];
  /** The sum of the years' present values as shown, so the table adds up. */
  npv: Decimal;
}

/**
 * Net present value of a profile (normally the net savings by year) for appraisal: the first
 * year is year 0 and is not discounted. The rate is the Green Book's unless the user gives one.
 */
export function netPresentValue(
  profile: ProfileInput,
  options: { rate?: Amount | readonly DiscountBand[]; decimals?: number } = {},
): PresentValue {
  const p = readProfile(profile, "profile");
  const factors = discountFactors(p.length, options.rate ?? GREEN_BOOK_RATES);
  const years = p.map(({ year, amount }, t) => ({
    year,
    amount,
    factor: factors[t],
    presentValue: roundMoney(amount.times(factors[t]), options.decimals),
  }));
  return { years, npv: sum(years.map((y) => y.presentValue)) };
}
