/**
 * Benefit realisation (RULES.md §7): each Tracker line's planned saving (the partner's new saving
 * that year in the service) against the saving achieved, or forecast where nothing is achieved
 * yet, with the variance, the share delivered and the RAG status; a saving that slipped to a
 * later year (`001` appendix B: "Phase 2 is likely to slip from Jul to Sep 2011"), the amount
 * moved and the years; and their roll-ups per partner and per service.
 */
import {
  Decimal,
  Profile,
  RuleError,
  TrackingGroup,
  TrackingLine,
  ZERO,
  parseYear,
  rollUp,
  slip,
  trackDelivery,
} from "../../engine";
import { refText } from "../a1";
import type { TrackerSheet } from "../inputs";
import { Problem, problemAt, problemFromRuleError } from "../problems";
import { type ServiceResult, nameKey } from "./services";

export interface Slipped {
  /** What moved: planned − (achieved or forecast), never below zero. */
  amount: Decimal;
  to: string;
  /** How many financial years it moved. */
  years: number;
  /** The partner's profile in the service after the move: the same total, later. */
  profile: Profile;
}

export interface TrackedLine extends TrackingLine {
  /** Where the line's service and partner are in the Outcome's services; absent when it takes no part. */
  at?: { service: number; partner: number };
  slipped?: Slipped;
}

export interface Realisation {
  tracker: TrackerSheet;
  /** One per Tracker line, in its order. */
  lines: TrackedLine[];
  /** All the lines together: planned, achieved (reported lines), variance. */
  total: TrackingGroup;
  /** Roll-ups per partner and per service, in the order first met. */
  byPartner: TrackingGroup[];
  byService: TrackingGroup[];
  warnings: string[];
}

export function realisation(
  tracker: TrackerSheet,
  services: readonly ServiceResult[],
): { realisation?: Realisation; problems: Problem[] } {
  const where = new Map<string, { service: number; partner: number }>();
  services.forEach((s, si) =>
    s.partners.forEach((p, pi) => where.set(nameKey(s.rule.service, p.partner), { service: si, partner: pi })),
  );
  const warnings: string[] = [];
  const problems: Problem[] = [];
  const found = tracker.lines.map((line) => {
    const at = where.get(nameKey(line.service, line.partner));
    if (!at) {
      warnings.push(
        `${refText(line.year.at)}: ${line.partner} does not take part in ${line.service} under the Rules, so nothing was planned`,
      );
      return { planned: ZERO };
    }
    const p = services[at.service].partners[at.partner];
    if (line.forecast && !p.profile.some((y) => y.year === line.year.value)) {
      const span = p.profile.length === 0 ? "" : ` (${p.profile[0].year} to ${p.profile[p.profile.length - 1].year})`;
      problems.push(
        problemAt(
          line.forecast.at,
          `Forecast for ${line.partner}, ${line.service} is for ${line.year.value}, outside its savings profile${span}.`,
          "Forecast a year of the profile: a saving that arrives later is a slippage (give the profile's year and a Revised year).",
          { rule: "RULES.md §7" },
        ),
      );
    }
    return { at, planned: p.profile.find((y) => y.year === line.year.value)?.amount ?? ZERO };
  });
  const tracked = trackDelivery(
    tracker.lines.map((line, i) => ({
      service: line.service,
      partner: line.partner,
      year: line.year.value,
      planned: found[i].planned,
      actual: line.achieved?.value ?? line.forecast?.value ?? null,
      actualKind: line.achieved ? "achieved" : "forecast",
    })),
  );
  const lines: TrackedLine[] = tracked.map((t, i) => {
    const line = tracker.lines[i];
    const at = found[i].at;
    if (!at || !line.revisedYear) return { ...t, ...(at ? { at } : {}) };
    const p = services[at.service].partners[at.partner];
    // What was planned and is not delivered that year moves; never more than was planned.
    const moved = Decimal.min(Decimal.max(ZERO, t.planned), Decimal.max(ZERO, t.planned.minus(t.actual ?? ZERO)));
    try {
      const result = slip(p.profile, { from: line.year.value, to: line.revisedYear.value, amount: moved });
      const slipped: Slipped = {
        amount: moved,
        to: line.revisedYear.value,
        years: parseYear(line.revisedYear.value) - parseYear(line.year.value),
        profile: result.profile,
      };
      return { ...t, at, slipped };
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      problems.push(
        problemFromRuleError(
          error,
          line.revisedYear.at,
          "Slip a year of the service's savings profile to a later one.",
        ),
      );
      return { ...t, at };
    }
  });
  if (problems.length > 0) return { problems };
  return {
    realisation: {
      tracker,
      lines,
      total: rollUp(tracked, "service").total,
      byPartner: rollUp(tracked, "partner").groups,
      byService: rollUp(tracked, "service").groups,
      warnings,
    },
    problems,
  };
}
