/**
 * Each partner's savings profile over the years shown, and the partnership's (RULES.md §5, §6):
 * the new saving each year by kind, the cashable saving in force, the investment (its shares of
 * transitional costs, in the years they fall), net cashable saving, cumulative net, and the
 * break-even year and payback counted from the partner's own first figure. The Savings profile sheet shows these figures; the task pane's Results too.
 */
import {
  Decimal,
  YearLabel,
  ZERO,
  breakEvenFromFirstFigure,
  netSavings,
  sum,
  toCumulative,
  totalsByKind,
} from "../../engine";
import type { ServiceResult } from "./services";

/** One partner's (or the partnership's) figures by year. */
export interface PartnerFigures {
  /** The partner, or undefined for all partners together. */
  partner?: string;
  /** Each in year order, the years of the Outcome. */
  cashable: Decimal[];
  inForce: Decimal[];
  nonCashable: Decimal[];
  costAvoidance: Decimal[];
  /** Non-cashable and cost avoidance together, reported beside the MTFS figure. */
  otherKinds: Decimal[];
  investment: Decimal[];
  net: Decimal[];
  cumulativeNet: Decimal[];
  /** Totals of the incremental lines (a total of amounts in force would count a saving once per year). */
  totalCashable: Decimal;
  totalNonCashable: Decimal;
  totalCostAvoidance: Decimal;
  totalOtherKinds: Decimal;
  totalInvestment: Decimal;
  /** The first year with a figure (saving or investment) of its own; undefined when it has none. */
  firstFigure?: YearLabel;
  /**
   * The first year cumulative net, counted from its first figure, is at or above zero, if within
   * the years: never before its first figure.
   */
  breakEven?: YearLabel;
  /** Years from the start of its first-figure year until cumulative net reaches zero (1.5 = half-way through year 2). */
  payback?: Decimal;
  /**
   * With a Variances sheet (RULES.md §3): the in-year variances it bears each year (its in-year
   * shares of that year's variances plus the host-bears adjustments falling in it; overspends
   * positive), and its net cashable saving less them. The saving lines above are unchanged.
   */
  variances?: Decimal[];
  netAfterVariances?: Decimal[];
}

/** One service's figures, all its partners together: its break-even and payback from its own first figure. */
export type ServiceFigures = PartnerFigures & { service: string };

/** Each partner in `partners` order, then the partnership. */
export function partnerFigures(
  services: readonly ServiceResult[],
  partners: readonly string[],
  years: readonly YearLabel[],
): PartnerFigures[] {
  return [...partners, undefined].map((who) =>
    figuresOf(
      services.flatMap((s) => s.partners.filter((p) => who === undefined || p.partner === who).map((p) => ({ s, p }))),
      who,
      years,
    ),
  );
}

/** One service's figures for all its partners together (and its break-even from its own first figure). */
export function serviceFigures(service: ServiceResult, years: readonly YearLabel[]): PartnerFigures {
  return figuresOf(
    service.partners.map((p) => ({ s: service, p })),
    undefined,
    years,
  );
}

function figuresOf(
  lines: readonly { s: ServiceResult; p: ServiceResult["partners"][number] }[],
  who: string | undefined,
  years: readonly YearLabel[],
): PartnerFigures {
  const byKind = new Map(
    totalsByKind(
      lines.map(({ s, p }) => ({
        label: `${s.rule.service}, ${p.partner}`,
        kind: s.rule.kind.value,
        profile: p.profile,
      })),
    ).map((k) => [k.year, k]),
  );
  const invested = new Map<YearLabel, Decimal>();
  for (const { p } of lines)
    for (const y of p.investment)
      if (!y.amount.isZero()) invested.set(y.year, (invested.get(y.year) ?? ZERO).plus(y.amount));

  const cashable = years.map((y) => byKind.get(y)?.cashable ?? ZERO);
  const nonCashable = years.map((y) => byKind.get(y)?.nonCashable ?? ZERO);
  const costAvoidance = years.map((y) => byKind.get(y)?.costAvoidance ?? ZERO);
  const otherKinds = nonCashable.map((n, i) => n.plus(costAvoidance[i]));
  const investment = years.map((y) => invested.get(y) ?? ZERO);
  const inForce = toCumulative(years.map((year, i) => ({ year, amount: cashable[i] }))).map((y) => y.amount);
  // Net is the saving in force less the investment, year by year (RULES.md §6).
  const net = netSavings(
    years.map((year, i) => ({ year, amount: inForce[i] })),
    years.map((year, i) => ({ year, amount: investment[i] })),
  );
  return {
    ...(who === undefined ? {} : { partner: who }),
    cashable,
    inForce,
    nonCashable,
    costAvoidance,
    otherKinds,
    investment,
    net: net.years.map((y) => y.net),
    cumulativeNet: net.years.map((y) => y.cumulativeNet),
    totalCashable: sum(cashable),
    totalNonCashable: sum(nonCashable),
    totalCostAvoidance: sum(costAvoidance),
    totalOtherKinds: sum(otherKinds),
    totalInvestment: sum(investment),
    ...ownBreakEven(net.years),
  };
}

function ownBreakEven(years: Parameters<typeof breakEvenFromFirstFigure>[0]): Partial<PartnerFigures> {
  const own = breakEvenFromFirstFigure(years);
  return {
    ...(own.firstFigure === undefined ? {} : { firstFigure: own.firstFigure }),
    ...(own.breakEven === undefined ? {} : { breakEven: own.breakEven.year, payback: own.payback }),
  };
}

/**
 * Each partner's figures for the year with the variances it bears (RULES.md §3): from the Variance
 * shares totals, in the years shown (which include every year a variance or adjustment falls in).
 * The partnership's line is the sum of the partners', so each year it is the variances arising
 * that year (the adjustments net to zero).
 */
export function withVariances(
  profile: readonly PartnerFigures[],
  totals: readonly { partner: string; byYear: readonly Decimal[] }[],
  varianceYears: readonly YearLabel[],
  years: readonly YearLabel[],
): PartnerFigures[] {
  const borne = (partner: string): Decimal[] => {
    const t = totals.find((x) => x.partner === partner);
    return years.map((y) => {
      const k = varianceYears.indexOf(y);
      return t === undefined || k < 0 ? ZERO : t.byYear[k];
    });
  };
  const partners = profile.filter((f) => f.partner !== undefined).map((f) => borne(f.partner as string));
  return profile.map((f) => {
    const variances = f.partner === undefined ? years.map((_, i) => sum(partners.map((b) => b[i]))) : borne(f.partner);
    return { ...f, variances, netAfterVariances: f.net.map((n, i) => n.minus(variances[i])) };
  });
}
