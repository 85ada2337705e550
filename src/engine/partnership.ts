/**
 * The partnership over time (RULES.md §2, §8): partners join in later years and may withdraw on
 * twelve months' notice, so each year's figures are shared among the partners taking part that
 * year; and a council thinking of withdrawing can compare its contribution with going alone.
 * `shareByYear` is the one rule the workbook, the functions and the pane use for a service's
 * figures year by year; `phaseInForce` phases a saving that changes as partners come and go.
 */
import { Amount, Decimal, ONE, ZERO, roundMoney, sum } from "./money";
import { readNonNegative, readNumber } from "./check";
import { checkAmount } from "./split";
import { TransitionAttribution, shareTransitionalCost } from "./transition";
import { RuleError } from "./errors";
import { Basis, PartnerData, basisName, checkPartners } from "./bases";
import {
  ApportionOptions,
  CostLine,
  Participation,
  apportion,
  apportionByYear,
  partnersInYear,
  takesPart,
} from "./apportion";
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

/** A one-off (transitional) cost falling in one year (RULES.md §4). */
export interface OneOffCost {
  year: YearLabel;
  amount: Amount;
  /** The partners that bear it ("for H&F and RBKC"); absent: every partner taking part that year. */
  partners?: readonly string[];
  /**
   * Shared on this basis among its bearers instead of by net reduction: termination costs "fairly
   * shared between the Councils in a pre-agreed manner" (RULES.md §8, `003` ch. 3, 19). The
   * partners' data must carry what the basis needs.
   */
  basis?: Basis;
}

export interface ShareByYearInput {
  /** Every partner named for the service, in order. */
  partners: readonly PartnerData[];
  /** When each takes part (a partner with no entry takes part in every year). */
  participation: readonly Participation[];
  basis: Basis;
  /** The consecutive years to work out. */
  years: readonly YearLabel[];
  /**
   * The combined cost in each year (one per year of `years`), or a target reduction on the
   * baselines of the partners taking part that year (0.25 for 25%).
   */
  combinedCost: readonly Amount[] | { reduction: Amount };
  gainShare?: GainShare;
  oneOffs?: readonly OneOffCost[];
  /**
   * The combined cost as lines, each shared only among the partners it names that take part that
   * year (RULES.md §2); every year's combined cost must be their sum.
   */
  costLines?: readonly CostLine[];
  /**
   * Costs a partner bears alone, each in a year it takes part (RULES.md §4, §8): a payment above the
   * common terms, or a withdrawing partner's own consequent costs. They stand beside the year's
   * shared one-off costs (a year may have extras and no shared cost).
   */
  extras?: readonly { year: YearLabel; partner: string; amount: Amount }[];
}

/** One partner in one year: zero throughout in a year it takes no part. */
export interface PartnerYear {
  year: YearLabel;
  takesPart: boolean;
  share: Decimal;
  costShare: Decimal;
  gainShare: Decimal;
  /** baseline − cost share − gain share in a year it takes part; zero otherwise. */
  saving: Decimal;
  /** Its part of the year's one-off costs, with the extras it bears alone (`extra`). */
  oneOff: Decimal;
  /** What it bears alone that year (extras above the common terms, its own consequent costs). */
  extra: Decimal;
  roundedUp: { cost: boolean; gainShare: boolean; oneOff: boolean };
}

export interface ServiceYear {
  year: YearLabel;
  /** The partners taking part that year, in the order of the input. */
  partners: string[];
  combinedCost: Decimal;
  /** Among the partners taking part that year only. */
  attribution: SavingsAttribution;
  /** The year's one-off costs, shared (undefined when none). */
  oneOffs?: TransitionAttribution[];
  /** The year's one-off costs in all: the shared ones and the extras. */
  oneOff: Decimal;
  /** The year's extras, each borne by one partner alone. */
  extras: Decimal;
}

export interface ShareByYear {
  years: ServiceYear[];
  /** Per partner, in input order, its figures in every year. */
  partners: { partner: string; years: PartnerYear[] }[];
}

/**
 * The rule for a service over the years (RULES.md §2, §4, §5): each year the combined cost is
 * split among the partners taking part that year, on the service's basis over those partners,
 * so the year's cost shares add up exactly to its combined cost; a partner's saving that year is
 * its baseline less its share (and its part of any gain share), and zero in a year it is not in.
 * Each one-off cost is shared by net reduction among the partners taking part in its year (or the
 * ones it names, who must be taking part then); extras fall on the partner that bears them alone.
 */
export function shareByYear(input: ShareByYearInput, options: ApportionOptions = {}): ShareByYear {
  checkPartners(input.partners);
  const years = readProfile(
    input.years.map((year) => ({ year, amount: 0 })),
    "years",
    "§2",
  ).map((y) => y.year);
  const costs = input.combinedCost;
  if (Array.isArray(costs) && costs.length !== years.length) {
    throw new RuleError(
      "size-mismatch",
      { field: "combined cost" },
      `has ${costs.length} years for ${years.length} years`,
      "§2",
    );
  }
  const reduction = Array.isArray(costs)
    ? undefined
    : readNonNegative((costs as { reduction: Amount }).reduction, { field: "reduction" }, "§5");
  const inYear = partnersInYear(input.partners, input.participation);
  const when = new Map(input.participation.map((p) => [p.partner, p]));
  const inIt = (partner: string, year: YearLabel): boolean => {
    const entry = when.get(partner);
    return entry === undefined || takesPart(entry, year);
  };
  for (const [index, o] of (input.oneOffs ?? []).entries()) {
    if (!years.includes(o.year)) {
      throw new RuleError(
        "bad-year",
        { field: "one-off cost", index },
        `falls in ${o.year}, outside the years worked out (${years[0]} to ${years[years.length - 1]})`,
        "§4",
      );
    }
    for (const name of o.partners ?? []) {
      if (!input.partners.some((p) => p.partner === name)) {
        throw new RuleError(
          "unknown-partner",
          { field: "one-off cost", index, partner: name },
          "is not a partner in this service",
          "§4",
        );
      }
      if (!inIt(name, o.year)) {
        throw new RuleError(
          "not-taking-part",
          { field: "one-off cost", index, partner: name },
          `does not take part in ${o.year}, when the one-off cost falls`,
          "§4",
        );
      }
    }
  }

  for (const [index, e] of (input.extras ?? []).entries()) {
    const where = { field: "extra payments", index, partner: e.partner };
    if (!years.includes(e.year)) {
      throw new RuleError(
        "bad-year",
        where,
        `falls in ${e.year}, outside the years worked out (${years[0]} to ${years[years.length - 1]})`,
        "§4",
      );
    }
    if (!input.partners.some((p) => p.partner === e.partner))
      throw new RuleError("unknown-partner", where, "is not a partner in this service", "§4");
    if (!inIt(e.partner, e.year))
      throw new RuleError(
        "not-taking-part",
        where,
        `does not take part in ${e.year}, when the cost it bears alone falls`,
        "§4",
      );
    checkAmount(e.amount, "extra payments");
  }
  const extraOf = (partner: string, year: YearLabel): Decimal =>
    sum(
      (input.extras ?? [])
        .filter((e) => e.partner === partner && e.year === year)
        .map((e) => checkAmount(e.amount, "extra payments")),
    );

  const serviceYears = years.map((year, i): ServiceYear => {
    const present = inYear(year);
    const baseline = sum(
      present.map((p, index) => readNumber(p.baseline ?? 0, { field: "baseline", index, partner: p.partner }, "§5")),
    );
    const combinedCost = Array.isArray(costs)
      ? checkAmount((costs as readonly Amount[])[i], "combined cost")
      : roundMoney(baseline.times(ONE.minus(reduction as Decimal)), options.decimals);
    const attribution = attributeSavings(
      {
        partners: present,
        basis: input.basis,
        combinedCost,
        gainShare: input.gainShare,
        ...(input.costLines ? { costLines: linesAmong(input.costLines, present, year) } : {}),
      },
      options,
    );
    const falling = (input.oneOffs ?? []).filter((o) => o.year === year);
    const oneOffs = falling.map((o) => {
      const bearers = attribution.lines.filter((l) => o.partners === undefined || o.partners.includes(l.partner));
      if (o.basis !== undefined)
        return shareOnBasis(
          o,
          bearers,
          present.filter((p) => bearers.some((l) => l.partner === p.partner)),
          options,
        );
      return shareTransitionalCost(
        {
          cost: o.amount,
          partners: bearers.map((l) => ({ partner: l.partner, baseline: l.baseline, newCost: l.costShare })),
        },
        options,
      );
    });
    const extras = sum(present.map((p) => extraOf(p.partner, year)));
    const oneOff = sum(oneOffs.map((t) => t.totals.total)).plus(extras);
    return {
      year,
      partners: present.map((p) => p.partner),
      combinedCost,
      attribution,
      ...(oneOffs.length === 0 ? {} : { oneOffs }),
      oneOff,
      extras,
    };
  });

  const partners = input.partners.map(({ partner }) => ({
    partner,
    years: serviceYears.map((y): PartnerYear => {
      const line = y.attribution.lines.find((l) => l.partner === partner);
      const parts = (y.oneOffs ?? []).map((t) => t.lines.find((l) => l.partner === partner));
      const extra = extraOf(partner, y.year);
      return {
        year: y.year,
        takesPart: line !== undefined,
        share: line?.share ?? ZERO,
        costShare: line?.costShare ?? ZERO,
        gainShare: line?.gainShare ?? ZERO,
        saving: line?.saving ?? ZERO,
        oneOff: sum(parts.map((l) => l?.total ?? ZERO)).plus(extra),
        extra,
        roundedUp: {
          cost: line?.roundedUp.cost ?? false,
          gainShare: line?.roundedUp.gainShare ?? false,
          oneOff: parts.some((l) => l?.roundedUp ?? false),
        },
      };
    }),
  }));
  return { years: serviceYears, partners };
}

/**
 * The new saving each year (incremental) of a saving whose full-year amount changes from year to
 * year, as a partner's does when others join or it leaves (RULES.md §2, §6). `savings` gives the
 * full-year saving in each year from the partner's start; `inForce(k)` the part of it in force k
 * years after the start (0 = the start year): the phasing's percentages added up to that year, or
 * months remaining / 12 in a part-year start's first year, and 1 once the saving has fully
 * arrived. Each year the saving in force is that year's saving times that part, rounded to the
 * penny, and the new saving is the change from the year before, so the years add up exactly to
 * the saving in force at the end (nothing, for a partner that has left).
 */
export function phaseInForce(
  savings: ProfileInput,
  inForce: (yearsAfterStart: number) => Decimal,
  options: ApportionOptions = {},
): Profile {
  const years = readProfile(savings, "saving", "§6");
  let before = ZERO;
  return years.map(({ year, amount }, k) => {
    const now = roundMoney(amount.times(inForce(k)), options.decimals);
    const change = now.minus(before);
    before = now;
    return { year, amount: change };
  });
}

/**
 * A one-off cost shared on a named basis among its bearers (RULES.md §8: termination costs in the
 * pre-agreed manner), in the shape of a transitional cost's attribution so the year adds up alike.
 * A weight the basis cannot find is an error about the one-off cost.
 */
function shareOnBasis(
  o: OneOffCost,
  bearers: readonly { partner: string; baseline: Decimal; costShare: Decimal }[],
  data: readonly PartnerData[],
  options: ApportionOptions,
): TransitionAttribution {
  let split;
  try {
    split = apportion(o.amount, data, o.basis as Basis, options);
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    throw new RuleError(
      error.code,
      { field: `one-off cost in ${o.year}`, ...(error.location.partner ? { partner: error.location.partner } : {}) },
      `${error.detail}, and the cost is shared by ${basisName(o.basis as Basis)}`,
      "§8",
    );
  }
  const lines = bearers.map((l, i) => ({
    partner: l.partner,
    baseline: l.baseline,
    newCost: l.costShare,
    reduction: l.baseline.minus(l.costShare),
    commonShare: split.lines[i].amount,
    extra: ZERO,
    total: split.lines[i].amount,
    roundedUp: split.lines[i].roundedUp,
  }));
  return {
    lines,
    totals: { cost: split.total, extras: ZERO, total: split.total, reduction: sum(lines.map((l) => l.reduction)) },
  };
}

/** Each cost line among the partners it names that take part in the year; a line none of whose partners is in is an error. */
function linesAmong(lines: readonly CostLine[], present: readonly PartnerData[], year: YearLabel): CostLine[] {
  return lines.map((line, index) => {
    if (line.partners === undefined) return line;
    const among = line.partners.filter((name) => present.some((p) => p.partner === name));
    if (among.length === 0) {
      throw new RuleError(
        "not-taking-part",
        { field: `cost line ${index + 1}${line.label ? ` (${line.label})` : ""}` },
        `none of its partners (${line.partners.join(", ")}) takes part in ${year}`,
        "§2",
      );
    }
    return { ...line, partners: among };
  });
}
