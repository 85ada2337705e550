/**
 * RULES.md §2: apportioning a shared service's ongoing costs between the partners, on the
 * service's basis, among the partners each cost line belongs to, in the years they take part.
 */
import { Amount, Decimal, ZERO, sum } from "./money";
import { RuleError } from "./errors";
import { Basis, PartnerData, basisName, basisWeights } from "./bases";
import { checkAmount, shares, splitDetail } from "./split";
import { YearLabel, parseYear } from "./years";

export interface ApportionOptions {
  /** Decimal places of each share of the amount; 2 (pence) by default. */
  decimals?: number;
}

/** One partner's line in an apportionment: the inputs and the result, for the audit trail. */
export interface AllocationLine {
  partner: string;
  weight: Decimal;
  /** Weight as a proportion of all weights, to 10 places; the proportions sum exactly to 1. */
  share: Decimal;
  amount: Decimal;
  /** True where this line received one of the leftover pennies. */
  roundedUp: boolean;
}

export interface Apportionment {
  total: Decimal;
  lines: AllocationLine[];
}

/** Splits an amount by explicit weights, one per partner. The line amounts sum exactly to `amount`. */
export function apportionByWeights(
  amount: Amount,
  partners: readonly string[],
  weights: readonly Amount[],
  options: ApportionOptions & { field?: string } = {},
): Apportionment {
  const field = options.field ?? "weights";
  if (partners.length !== weights.length) {
    throw new RuleError(
      "size-mismatch",
      { field },
      `has ${weights.length} items for ${partners.length} partners`,
      "§2",
    );
  }
  const detail = splitDetail(amount, weights, { decimals: options.decimals, field, labels: partners });
  const props = shares(detail.weights, { field, labels: partners });
  return {
    total: checkAmount(amount),
    lines: partners.map((partner, i) => ({
      partner,
      weight: detail.weights[i],
      share: props[i],
      amount: detail.parts[i],
      roundedUp: detail.roundedUp[i],
    })),
  };
}

/** Splits an amount between partners on a basis (demand, equal, FTE, budget or a driver). */
export function apportion(
  amount: Amount,
  partners: readonly PartnerData[],
  basis: Basis,
  options: ApportionOptions = {},
): Apportionment {
  const weights = basisWeights(basis, partners);
  return apportionByWeights(
    amount,
    partners.map((p) => p.partner),
    weights,
    { ...options, field: basisName(basis) },
  );
}

/**
 * A cost of the service. `partners` restricts it to the partners that gave rise to it, such
 * as TUPE burdens in a contract from only some partners' former in-house staff (`003` ch. 11).
 */
export interface CostLine {
  label?: string;
  amount: Amount;
  partners?: readonly string[];
}

export interface CostLinesApportionment {
  /** Each cost line split among its partners (the others are absent from its lines). */
  lines: { label?: string; apportionment: Apportionment }[];
  /** Per partner, in the order of `partners`: the sum of its shares of every line. */
  totals: { partner: string; amount: Decimal }[];
  total: Decimal;
}

/**
 * Apportions several cost lines, each among all partners or only the ones it names: the Costs
 * sheet's lines (issue 17, costs visited on their cause) through attributeSavings.
 */
export function apportionCostLines(
  costLines: readonly CostLine[],
  partners: readonly PartnerData[],
  basis: Basis,
  options: ApportionOptions = {},
): CostLinesApportionment {
  const weights = basisWeights(basis, partners);
  const index = new Map(partners.map((p, i) => [p.partner, i]));
  const totals = partners.map((p) => ({ partner: p.partner, amount: ZERO }));

  const lines = costLines.map((line, lineIndex) => {
    const field = `cost line ${lineIndex + 1}${line.label ? ` (${line.label})` : ""}`;
    const members = line.partners ?? partners.map((p) => p.partner);
    const positions = members.map((name) => {
      const at = index.get(name);
      if (at === undefined) {
        throw new RuleError("unknown-partner", { field, partner: name }, "is not a partner in this service", "§2");
      }
      return at;
    });
    const apportionment = apportionByWeights(
      line.amount,
      members,
      positions.map((at) => weights[at]),
      { ...options, field },
    );
    apportionment.lines.forEach((l, k) => {
      totals[positions[k]].amount = totals[positions[k]].amount.plus(l.amount);
    });
    return { label: line.label, apportionment };
  });

  return { lines, totals, total: sum(lines.map((l) => l.apportionment.total)) };
}

/**
 * When a partner takes part in a service: from the year it joins (its first year; always when
 * absent) until the year it leaves (its first year out; never when absent).
 */
export interface Participation {
  partner: string;
  joins?: YearLabel;
  leaves?: YearLabel;
}

/** Whether the partner takes part in the given financial year. */
export function takesPart(participation: Participation, year: YearLabel): boolean {
  const y = parseYear(year);
  const from = participation.joins === undefined ? -Infinity : parseYear(participation.joins, "joins");
  const until = participation.leaves === undefined ? Infinity : parseYear(participation.leaves, "leaves");
  return y >= from && y < until;
}

/**
 * The first year a partner takes part in a service that starts in `firstYear`: that year, or the
 * year it joins when later. Today a late joiner's saving starts then while it pays its full share
 * from the first year; issue 16 ("partners over time") moves the workbook to apportionByYear.
 */
export function firstYearTakingPart(participation: Participation, firstYear: YearLabel): YearLabel {
  if (takesPart(participation, firstYear) || participation.joins === undefined) return firstYear;
  return parseYear(participation.joins, "joins") > parseYear(firstYear) ? participation.joins : firstYear;
}

/**
 * Checks that every partner with a participation entry has data, and returns a function giving
 * the partners taking part in a year (a partner with no entry takes part in every year). A year
 * with no partner at all is an error: there would be no one to share its amount.
 */
export function partnersInYear<P extends { partner: string }>(
  partners: readonly P[],
  participation: readonly Participation[],
): (year: YearLabel) => P[] {
  const when = new Map(participation.map((p) => [p.partner, p]));
  for (const p of participation) {
    if (!partners.some((d) => d.partner === p.partner)) {
      throw new RuleError("unknown-partner", { field: "participation", partner: p.partner }, "has no data", "§2");
    }
  }
  return (year) => {
    const present = partners.filter((p) => {
      const entry = when.get(p.partner);
      return entry === undefined || takesPart(entry, year);
    });
    if (present.length === 0) {
      throw new RuleError("no-partners-in-year", { field: "participation" }, `no partner takes part in ${year}`, "§2");
    }
    return present;
  };
}

export interface YearApportionment extends Apportionment {
  year: YearLabel;
}

/**
 * Apportions each year's amount among the partners taking part that year, so a council that
 * joins in year three shares nothing before it (`003` parking office: "councils join in years
 * three and five"). Issue 16 ("partners over time") makes this the workbook's rule.
 */
export function apportionByYear(
  amounts: readonly { year: YearLabel; amount: Amount }[],
  partners: readonly PartnerData[],
  participation: readonly Participation[],
  basis: Basis,
  options: ApportionOptions = {},
): YearApportionment[] {
  const inYear = partnersInYear(partners, participation);
  return amounts.map(({ year, amount }) => {
    const present = inYear(year);
    return { year, ...apportion(amount, present, basis, options) };
  });
}
