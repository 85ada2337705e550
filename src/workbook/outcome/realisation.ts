/**
 * Benefit realisation (RULES.md §7): each Tracker line's planned saving (the partner's new saving
 * that year in the service) against the saving achieved, with the variance, the share delivered
 * and the RAG status, and their roll-up.
 */
import { TrackingGroup, TrackingLine, ZERO, rollUp, trackDelivery } from "../../engine";
import { refText } from "../a1";
import type { TrackerSheet } from "../inputs";
import { type ServiceResult, nameKey } from "./services";

export interface TrackedLine extends TrackingLine {
  /** Where the line's service and partner are in the Outcome's services; absent when it takes no part. */
  at?: { service: number; partner: number };
}

export interface Realisation {
  tracker: TrackerSheet;
  /** One per Tracker line, in its order. */
  lines: TrackedLine[];
  /** All the lines together: planned, achieved (reported lines), variance. */
  total: TrackingGroup;
  warnings: string[];
}

export function realisation(tracker: TrackerSheet, services: readonly ServiceResult[]): Realisation {
  const where = new Map<string, { service: number; partner: number }>();
  services.forEach((s, si) =>
    s.partners.forEach((p, pi) => where.set(nameKey(s.rule.service, p.partner), { service: si, partner: pi })),
  );
  const warnings: string[] = [];
  const found = tracker.lines.map((line) => {
    const at = where.get(nameKey(line.service, line.partner));
    if (!at) {
      warnings.push(
        `${refText(line.year.at)}: ${line.partner} does not take part in ${line.service} under the Rules, so nothing was planned`,
      );
      return { planned: ZERO };
    }
    const p = services[at.service].partners[at.partner];
    return { at, planned: p.profile.find((y) => y.year === line.year.value)?.amount ?? ZERO };
  });
  const tracked = trackDelivery(
    tracker.lines.map((line, i) => ({
      service: line.service,
      partner: line.partner,
      year: line.year.value,
      planned: found[i].planned,
      actual: line.achieved?.value ?? null,
    })),
  );
  return {
    tracker,
    lines: tracked.map((t, i) => ({ ...t, ...(found[i].at ? { at: found[i].at } : {}) })),
    total: rollUp(tracked, "service").total,
    warnings,
  };
}
