/**
 * The partnership over time (RULES.md §2, §8): partners join in later years and may withdraw on
 * twelve months' notice, so each year's figures are shared among the partners taking part that
 * year; and a council thinking of withdrawing can compare its contribution with going alone.
 * Not in the workbook yet: issue 16 ("partners over time") wires these into the Outcome.
 */
import { Amount, Decimal, ZERO, sum } from "./money";
import { readNonNegative } from "./check";
import { RuleError } from "./errors";
import { Basis, PartnerData, checkPartners } from "./bases";
import { ApportionOptions, Participation, apportionByYear, partnersInYear } from "./apportion";
import { GainShare, SavingsAttribution, attributeSavings } from "./savings";
import { Profile, ProfileInput, monthsRemaining, readProfile } from "./profile";
import { YearLabel, formatYear, parseYear } from "./years";

/** Shared-service arrangements need twelve months' notice unless the others agree shorter (`003` ch. 3, 18–19). */
export const NOTICE_MONTHS = 12;

/**
 * The first financial year a withdrawing partner no longer takes part in (its `leaves` year),
 * when it gives notice in `month` (1 = January) of financial year `year`. Notice runs from the
 * start of that month; the partner takes part, and pays its share, in every year the notice
 * touches. Notice given in April 2012 ends with March 2013, so it leaves from 2013/14; given in
 * September 2012 it ends in August 2013, part-way through 2013/14, so it leaves from 2014/15.
 */
export function leavesAfterNotice(year: YearLabel, month: number, noticeMonths: number = NOTICE_MONTHS): YearLabel {
  const start = parseYear(year, "notice year");
  const monthIndex = 12 - monthsRemaining(month, "notice month", "§8"); // months since April
  if (!Number.isInteger(noticeMonths) || noticeMonths < 0) {
    throw new RuleError(
      "bad-choice",
      { field: "notice months" },
      `must be a whole number of months (got ${noticeMonths})`,
      "§8",
    );
  }
  return formatYear(start + Math.ceil((monthIndex + noticeMonths) / 12));
}

export interface PartnerProfile {
  partner: string;
  /** The partner's share in each year, zero in years it does not take part. */
  profile: Profile;
  total: Decimal;
}

/**
 * A profile for the whole service (a saving or cost by year) shared out year by year among the
 * partners taking part that year, on the service's basis. Each year's shares sum exactly to that
 * year's amount, and each partner's row is its own profile.
 */
export function profileByPartner(
  profile: ProfileInput,
  partners: readonly PartnerData[],
  participation: readonly Participation[],
  basis: Basis,
  options: ApportionOptions = {},
): PartnerProfile[] {
  const years = readProfile(profile, "service profile");
  const byYear = apportionByYear(years, partners, participation, basis, options);
  return partners.map(({ partner }) => {
    const row = byYear.map((y) => ({
      year: y.year,
      amount: y.lines.find((l) => l.partner === partner)?.amount ?? ZERO,
    }));
    return { partner, profile: row, total: sum(row.map((y) => y.amount)) };
  });
}

export interface YearSavings {
  year: YearLabel;
  /** Among the partners taking part that year only. */
  attribution: SavingsAttribution;
}

/**
 * Savings attributed year by year (§5), among the partners taking part in each year: a partner
 * not yet in (or gone) runs the service alone at its baseline and has no share of the saving.
 */
export function attributeSavingsByYear(input: {
  years: readonly { year: YearLabel; combinedCost: Amount }[];
  partners: readonly PartnerData[];
  participation: readonly Participation[];
  basis: Basis;
  gainShare?: GainShare;
  options?: ApportionOptions;
}): YearSavings[] {
  checkPartners(input.partners);
  const inYear = partnersInYear(input.partners, input.participation);
  const years = readProfile(
    input.years.map((y) => ({ year: y.year, amount: y.combinedCost })),
    "combined cost",
    "§5",
  );
  return years.map(({ year, amount }) => {
    const present = inYear(year);
    const attribution = attributeSavings(
      { partners: present, basis: input.basis, combinedCost: amount, gainShare: input.gainShare },
      input.options,
    );
    return { year, attribution };
  });
}

export interface StandAloneYear {
  year: YearLabel;
  /** What the council pays towards the combined service. */
  contribution: Decimal;
  /** What running the service alone would cost it. */
  standAlone: Decimal;
  /** standAlone − contribution: positive when staying in the partnership is cheaper. */
  difference: Decimal;
  cheaper: "partnership" | "alone" | "same";
}

export interface StandAloneTest {
  partner: string;
  years: StandAloneYear[];
  /** One-off costs of leaving, which a council that withdraws bears itself (`003` ch. 3, 18–19). */
  exitCost: Decimal;
  totals: { contribution: Decimal; standAlone: Decimal; difference: Decimal };
  /** Over the period: staying saves (positive) or costs (negative) this much, after exit costs. */
  benefitOfStaying: Decimal;
}

const cheaper = (difference: Decimal): StandAloneYear["cheaper"] =>
  difference.isZero() ? "same" : difference.isPositive() ? "partnership" : "alone";

/**
 * The stand-alone test (§8, `003` ch. 12(a) §14): a council considering withdrawal compares its
 * contribution to the combined service with the cost of running the service alone, year by
 * year; going alone also means bearing its own exit costs.
 */
export function standAloneTest(input: {
  partner: string;
  contributions: ProfileInput;
  standAlone: ProfileInput;
  exitCost?: Amount;
}): StandAloneTest {
  const contributions = readProfile(input.contributions, "contribution", "§8");
  const standAlone = readProfile(input.standAlone, "stand-alone cost", "§8");
  if (contributions.length !== standAlone.length || contributions[0].year !== standAlone[0].year) {
    throw new RuleError(
      "size-mismatch",
      { field: "stand-alone cost", partner: input.partner },
      `covers ${standAlone[0].year} to ${standAlone[standAlone.length - 1].year} but the contributions cover ` +
        `${contributions[0].year} to ${contributions[contributions.length - 1].year}`,
      "§8",
    );
  }
  const exitCost = input.exitCost === undefined ? ZERO : readNonNegative(input.exitCost, { field: "exit cost" }, "§8");
  const years = contributions.map(({ year, amount }, i) => {
    const difference = standAlone[i].amount.minus(amount);
    return { year, contribution: amount, standAlone: standAlone[i].amount, difference, cheaper: cheaper(difference) };
  });
  const difference = sum(years.map((y) => y.difference));
  return {
    partner: input.partner,
    years,
    exitCost,
    totals: {
      contribution: sum(years.map((y) => y.contribution)),
      standAlone: sum(years.map((y) => y.standAlone)),
      difference,
    },
    benefitOfStaying: difference.plus(exitCost),
  };
}
