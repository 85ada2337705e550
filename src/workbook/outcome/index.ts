/**
 * From the inputs to the Outcome: every figure the output sheets and the task pane show, worked
 * out through the engine before anything is laid out in cells (read → Inputs → outcome → Outcome
 * → plan → Plan → writers). Per service and partner: share, cost share, gain share, saving,
 * transitional cost and which splits gave it a leftover penny; per partner and year: the savings
 * profile; fairness in the round; and the warnings. Pure.
 */
import { Decimal, YearLabel, fairnessInTheRound, sum } from "../../engine";
import { pounds } from "../format";
import type { Inputs } from "../inputs";
import { Problem, hasErrors } from "../problems";
import { Assessment, assessmentOf } from "./assessment";
import { PartnerFigures, ServiceFigures, partnerFigures, serviceFigures, withVariances } from "./profile";
import { Realisation, realisation } from "./realisation";
import { ServiceResult, computeServices, partnerOrder, yearSpan } from "./services";
import { Variances, variancesOf } from "./variances";

export type { AssessedService, Assessment } from "./assessment";
export type { PartnerFigures, ServiceFigures } from "./profile";
export type { Realisation, Slipped, TrackedLine } from "./realisation";
export type { PartnerInService, ServiceResult } from "./services";
export type { PartnerVarianceTotal, VarianceFormulaCause, VarianceResult, Variances } from "./variances";
export { takingPart } from "./services";

export interface Outcome {
  /** Each service of the Rules sheet, in its order. */
  services: ServiceResult[];
  /** The partners in the order first met, service by service. */
  partners: string[];
  /** The financial years shown: from the earliest start to the latest year any profile or Tracker line reaches. */
  years: YearLabel[];
  /** Each partner's profile in `partners` order, then the partnership's (partner undefined). */
  profile: PartnerFigures[];
  /** Each service's profile, all its partners together, in `services` order: its own break-even and payback. */
  serviceProfile: ServiceFigures[];
  totals: { baseline: Decimal; combinedCost: Decimal; saving: Decimal };
  /** Planned against achieved, when the workbook has a Tracker. */
  realisation?: Realisation;
  /** In-year variances by cause and each partner's totals by year, when the workbook has a Variances sheet. */
  variances?: Variances;
  /** The candidate services' compatibility assessment (RULES.md §9), when the workbook has a Compatibility sheet. */
  assessment?: Assessment;
  /** Fairness in the round (RULES.md §5): the warnings, empty when no partner is flagged. */
  fairness: string[];
  /** The Tracker's, fairness and partners who pay more than alone, in that order. */
  warnings: string[];
}

/** The Outcome, or the problems the engine found in a service's figures (each at its Rules cell). */
/**
 * The years covered (the MTFS years shown): at least from `first` to `last` when given (here, as
 * the command line gives them, or else in the Rules sheet's settings cells), and always every year
 * with a figure, so a figure is never hidden (the parking office's five-year view to
 * 2016/17 is `last: "2016/17"`).
 */
export interface YearsCovered {
  first?: YearLabel;
  last?: YearLabel;
}

export function outcomeOf(inputs: Inputs, covered: YearsCovered = {}): { outcome?: Outcome; problems: Problem[] } {
  const { services, problems } = computeServices(inputs);
  if (hasErrors(problems)) return { problems };
  const partners = partnerOrder(services);
  // The command line's years, where given, take the place of the Rules sheet's settings cells.
  const first = covered.first ?? inputs.rules.years?.first?.value;
  const last = covered.last ?? inputs.rules.years?.last?.value;
  const varied = inputs.variances ? variancesOf(inputs.variances, services, partners) : undefined;
  if (varied && hasErrors(varied.problems)) return { problems: varied.problems };
  // A variance or its adjustment is a figure for its year: never outside the years shown.
  const years = yearSpan(services, [
    ...(inputs.tracker?.lines.map((l) => l.year.value) ?? []),
    ...(varied?.variances?.years ?? []),
    ...(services.length > 0 && first ? [first] : []),
    ...(services.length > 0 && last ? [last] : []),
  ]);
  const tracked = inputs.tracker ? realisation(inputs.tracker, services) : undefined;
  if (tracked && hasErrors(tracked.problems)) return { problems: tracked.problems };
  const realised = tracked?.realisation;
  const fairness = fairnessInTheRound(
    services.map((s) => ({
      service: s.rule.service,
      lines: s.partners.map((p) => ({ partner: p.partner, baseline: p.baseline, saving: p.saving })),
    })),
  ).warnings;
  const warnings = [...(realised?.warnings ?? []), ...fairness];
  for (const s of services)
    for (const p of s.partners)
      if (p.saving.isNegative() && !p.saving.isZero())
        warnings.push(
          `${p.partner} pays ${pounds(p.saving.neg())} more for ${s.rule.service} than its stand-alone baseline (RULES.md §5).`,
        );
  return {
    outcome: {
      services,
      partners,
      years,
      profile:
        varied?.variances && varied.variances.items.length > 0
          ? withVariances(
              partnerFigures(services, partners, years),
              varied.variances.totals,
              varied.variances.years,
              years,
            )
          : partnerFigures(services, partners, years),
      serviceProfile: services.map((s) => ({ service: s.rule.service, ...serviceFigures(s, years) })),
      totals: {
        baseline: sum(services.map((s) => s.totalBaseline)),
        combinedCost: sum(services.map((s) => s.combinedCost)),
        saving: sum(services.map((s) => s.saving)),
      },
      ...(realised ? { realisation: realised } : {}),
      ...(varied?.variances ? { variances: varied.variances } : {}),
      ...(inputs.compatibility ? { assessment: assessmentOf(inputs.compatibility) } : {}),
      fairness,
      warnings,
    },
    problems,
  };
}
