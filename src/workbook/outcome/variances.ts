/**
 * In-year variances (RULES.md §3): each Variances line split by its cause's rule over the partners
 * of its service, by their expected costs (their cost shares on the Attribution sheet), with the
 * host-bears policy's next-year adjustments; and each partner's total by financial year, the
 * adjustments counted in the year they fall.
 */
import {
  Decimal,
  RuleError,
  VarianceLine,
  YearLabel,
  ZERO,
  attributeVariance,
  formatYear,
  parseYear,
} from "../../engine";
import type { VarianceEntry, VariancesSheet } from "../inputs";
import { Problem, problemAt as problemAtCell, problemFromRuleError } from "../problems";

/** An error at a Variances cell (RULES.md §3). */
const problemAt = (at: Problem["cell"] & object, message: string, fix: string): Problem =>
  problemAtCell(at, message, fix, { rule: "RULES.md §3" });
import { type ServiceResult, nameKey } from "./services";

/** The cause as SHARED.VARIANCE names it. */
export type VarianceFormulaCause =
  "demand" | "quality" | "direct" | "specification" | "indirect-host" | "indirect-shared";

export interface VarianceResult {
  entry: VarianceEntry;
  /** Its service's position in the Outcome's services. */
  service: number;
  cause: VarianceFormulaCause;
  /** The position (0-based) in the service's partners of the partner bearing it alone in-year, if any. */
  responsible?: number;
  /** The year the host-bears adjustments fall in: the year after the variance. */
  nextYear: YearLabel;
  /**
   * Per partner of the service, its expected cost in the variance's year: its cost share among
   * the partners taking part that year (zero in a year it takes no part), so a variance never
   * falls on a partner not in the service that year (RULES.md §2, §3).
   */
  expected: Decimal[];
  /** Where the partners change over the years: the service year whose cost shares are the expected costs. */
  byYear?: YearLabel;
  /** Per partner of the service, in its order: in-year, next-year adjustment, total. */
  lines: VarianceLine[];
  /** The rule applied, in words. */
  rule: string;
}

export interface PartnerVarianceTotal {
  partner: string;
  /** Per year of `years`: in-year shares of that year's variances plus adjustments falling in it. */
  byYear: Decimal[];
  total: Decimal;
}

export interface Variances {
  sheet: VariancesSheet;
  items: VarianceResult[];
  /** Every year a variance or its adjustment falls in, in order (consecutive). */
  years: YearLabel[];
  /** In the Outcome's partner order, those with a share in any variance. */
  totals: PartnerVarianceTotal[];
}

export function variancesOf(
  sheet: VariancesSheet,
  services: readonly ServiceResult[],
  partnerOrder: readonly string[],
): { variances?: Variances; problems: Problem[] } {
  const problems: Problem[] = [];
  const items: VarianceResult[] = [];
  for (const entry of sheet.lines) {
    const service = services.findIndex((s) => nameKey(s.rule.service) === nameKey(entry.service));
    if (service < 0) continue; // the reader has said the service is not on the Rules sheet
    const s = services[service];
    const names = s.partners.map((p) => p.partner);
    const policy = s.rule.variancePolicy.value;
    const cause: VarianceFormulaCause =
      entry.cause.value === "indirect"
        ? policy === "share-now"
          ? "indirect-shared"
          : "indirect-host"
        : entry.cause.value;
    const who =
      cause === "specification" ? entry.partner?.value : cause === "indirect-host" ? s.rule.host?.value : undefined;
    const responsible = who === undefined ? -1 : names.findIndex((n) => nameKey(n) === nameKey(who));
    // Where the partners change, the expected costs are the variance's year's cost shares.
    const year = entry.year.value;
    let byYear: YearLabel | undefined;
    let expected = s.partners.map((p) => p.costShare);
    if (s.changes) {
      if (parseYear(year) < parseYear(s.years[0])) {
        problems.push(
          problemAt(
            entry.year.at,
            `The variance for ${s.rule.service} is in ${year}, before the service starts (${s.years[0]}).`,
            "Correct the year, or enter the variance against the budget it belongs to.",
          ),
        );
        continue;
      }
      // After the last year in which anything changes, every year is as that one.
      const k = Math.min(s.years.length - 1, parseYear(year) - parseYear(s.years[0]));
      byYear = s.years[k];
      expected = s.overTime.partners.map((p) => p.years[k].costShare);
      const out = responsible >= 0 && !s.overTime.partners[responsible].years[k].takesPart;
      if (out) {
        problems.push(
          problemAt(
            cause === "specification" && entry.partner ? entry.partner.at : entry.year.at,
            `${names[responsible]} takes no part in ${s.rule.service} in ${year}, so the ${cause === "specification" ? "specification change" : "host's indirect cost"} cannot fall on it.`,
            "Correct the year or the partner: a variance falls only on partners taking part that year.",
          ),
        );
        continue;
      }
    }
    try {
      const attributed = attributeVariance({
        amount: entry.amount.value,
        cause: entry.cause.value,
        policy,
        expected: s.partners.map((p, i) => ({ partner: p.partner, expected: expected[i] })),
        ...(responsible >= 0 ? { responsible: names[responsible] } : who === undefined ? {} : { responsible: who }),
      });
      items.push({
        entry,
        service,
        cause,
        ...(responsible >= 0 ? { responsible } : {}),
        nextYear: formatYear(parseYear(entry.year.value) + 1),
        expected,
        ...(byYear === undefined ? {} : { byYear }),
        lines: attributed.lines,
        rule: attributed.rule,
      });
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      problems.push(
        problemFromRuleError(
          error,
          error.code === "all-zero" ? entry.amount.at : entry.cause.at,
          error.code === "all-zero"
            ? `${s.rule.service} has no cost shares to split a variance by: give it a new cost, or enter the variance as a specification change.`
            : "Correct the variance's cause or partner.",
        ),
      );
    }
  }
  if (problems.length > 0) return { problems };

  // The year after counts only where something is adjusted in it (host bears).
  const adjusts = (v: VarianceResult): boolean => v.cause === "indirect-host";
  const starts = items.flatMap((v) => [parseYear(v.entry.year.value), ...(adjusts(v) ? [parseYear(v.nextYear)] : [])]);
  const first = Math.min(...starts);
  const years =
    items.length === 0 ? [] : Array.from({ length: Math.max(...starts) - first + 1 }, (_, i) => formatYear(first + i));
  const shared = new Set(items.flatMap((v) => services[v.service].partners.map((p) => p.partner)));
  const totals = partnerOrder
    .filter((p) => shared.has(p))
    .map((partner): PartnerVarianceTotal => {
      const byYear = years.map(() => ZERO);
      for (const v of items) {
        const i = services[v.service].partners.findIndex((p) => p.partner === partner);
        if (i < 0) continue;
        const inYear = years.indexOf(v.entry.year.value);
        byYear[inYear] = byYear[inYear].plus(v.lines[i].inYear);
        if (!adjusts(v)) continue;
        const next = years.indexOf(v.nextYear);
        byYear[next] = byYear[next].plus(v.lines[i].nextYear);
      }
      return { partner, byYear, total: byYear.reduce((a, b) => a.plus(b), ZERO) };
    });
  return { variances: { sheet, items, years, totals }, problems };
}
