/**
 * Scenarios (RULES.md §1): where an estimate is given as a range, the tables show one scenario
 * (mid-range unless chosen) and this gives each partner's total saving under low, mid and high
 * side by side, from an Outcome worked out for each. A scenario is one of the savings: "low" takes
 * the end of every range that gives the lower saving (the high end of a cost, the low end of a
 * reduction; read/rule-values.ts rangeEnd), so each partner's totals come out low ≤ mid ≤ high.
 * Pure.
 */
import { Decimal, Scenario, SCENARIOS, YearLabel, sum } from "../../engine";
import type { Outcome } from "./index";

/** One partner's totals (or the partnership's, partner undefined), by scenario; undefined where it could not be worked out. */
export interface ScenarioLine {
  partner?: string;
  /** Its saving a year once in full, all kinds: the Attribution sheet's savings, added up over its services. */
  fullYear: Partial<Record<Scenario, Decimal>>;
  /** Its cashable saving in force, added up over the years shown: what it saves in the MTFS years. */
  overYears: Partial<Record<Scenario, Decimal>>;
}

export interface ScenarioTable {
  /** The scenario the tables show. */
  shown: Scenario;
  /** The years the over-the-years totals add up (those of the scenario shown). */
  years: YearLabel[];
  /** Each partner in the Outcome's order, then all partners together. */
  lines: ScenarioLine[];
  /** A scenario whose figures could not be worked out, and why (its first problem). */
  unavailable: { scenario: Scenario; reason: string }[];
}

/** The table, from the Outcome of the scenario shown and, for the others, an Outcome or why there is none. */
export function scenarioTable(
  shown: Scenario,
  outcomes: Partial<Record<Scenario, Outcome | { reason: string }>>,
): ScenarioTable {
  const base = outcomes[shown] as Outcome;
  const ready = (s: Scenario): Outcome | undefined => {
    const o = outcomes[s];
    return o !== undefined && !("reason" in o) ? o : undefined;
  };
  const lineOf = (partner: string | undefined): ScenarioLine => {
    const line: ScenarioLine = { ...(partner === undefined ? {} : { partner }), fullYear: {}, overYears: {} };
    for (const s of SCENARIOS) {
      const o = ready(s);
      if (!o) continue;
      line.fullYear[s] = sum(
        o.services
          .flatMap((svc) => svc.partners.filter((p) => partner === undefined || p.partner === partner))
          .map((p) => p.saving),
      );
      const figures = o.profile.find((f) => f.partner === partner);
      line.overYears[s] = figures ? sum(figures.inForce) : new Decimal(0);
    }
    return line;
  };
  const unavailable = SCENARIOS.flatMap((s) => {
    const o = outcomes[s];
    return o !== undefined && "reason" in o ? [{ scenario: s, reason: o.reason }] : [];
  });
  return {
    shown,
    years: base.years,
    lines: [...base.partners.map((p) => lineOf(p)), lineOf(undefined)],
    unavailable,
  };
}
