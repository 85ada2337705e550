/**
 * RULES.md §5, fairness in the round (`003` ch. 11): one partner may gain very little from one
 * merged service whose savings need it, "as long as it is not persistently the same borough".
 * Across the services shared, this finds the partner with the smallest saving relative to its
 * stand-alone baseline in each, and flags a partner that is lowest in most of the services it
 * takes part in.
 */
import { Amount, Decimal, toDecimal } from "./money";
import { RuleError, ruleReference } from "./errors";
import { readRequired } from "./check";

const RULE = "§5";

/** One partner in one service; `attributeSavings(...).lines` fits as it is. */
export interface FairnessLine {
  partner: string;
  baseline: Amount;
  saving: Amount;
}

export interface FairnessService {
  service: string;
  lines: readonly FairnessLine[];
}

export interface FairnessOptions {
  /**
   * Share of the services compared in which a partner must be lowest to be flagged: more than
   * this (0.5, "in most of them", by default). A fraction from 0 to 1.
   */
  majority?: Amount;
  /**
   * How far above the smallest rate a partner's rate may be and still count as tied for lowest,
   * as a fraction of baseline: 0.0001 (a hundredth of a percentage point) by default. Costs are
   * split to the penny, so partners on the same basis never have exactly the same rate; without
   * this, whoever took a leftover penny would be "lowest" and, with ties going to the larger
   * partner, could be the same borough every time. 0 compares rates exactly.
   */
  tolerance?: Amount;
}

export interface FairnessRate {
  partner: string;
  baseline: Decimal;
  saving: Decimal;
  /** saving / baseline; undefined where the baseline is not above zero (left out of the comparison). */
  rate: Decimal | undefined;
}

export interface ServiceFairness {
  service: string;
  /** False when fewer than two partners have a baseline above zero: there is no one to compare. */
  compared: boolean;
  /** Every partner, in the order given. */
  rates: FairnessRate[];
  /**
   * The partner(s) with the smallest rate, with any within the tolerance of it (ties all count);
   * empty when not compared or when every partner is tied.
   */
  lowest: string[];
}

export interface PartnerFairness {
  partner: string;
  /** Services compared in which the partner has a baseline above zero. */
  services: string[];
  /** Those of them in which it is lowest. */
  lowestIn: string[];
  flagged: boolean;
  /** For a flagged partner, the warning to show; otherwise undefined. */
  warning: string | undefined;
}

export interface FairnessResult {
  services: ServiceFairness[];
  /** Every partner, in the order first seen. */
  partners: PartnerFairness[];
  /** The flagged partners, in the same order. */
  flagged: string[];
  /** One warning per flagged partner, in the same order. */
  warnings: string[];
}

export const DEFAULT_MAJORITY = new Decimal("0.5");
export const DEFAULT_TOLERANCE = new Decimal("0.0001");

function readFraction(value: Amount | undefined, fallback: Decimal, field: string, example: string): Decimal {
  if (value === undefined) return fallback;
  const d = toDecimal(value);
  if (d === undefined || d.isNegative() || d.greaterThan(1)) {
    throw new RuleError(
      "bad-rate",
      { field },
      `must be a fraction from 0 to 1, e.g. ${example} (got ${String(value)})`,
      RULE,
    );
  }
  return d;
}

type Rated = { baseline: Decimal; saving: Decimal };

/** a.saving / a.baseline compared with b's, by cross-multiplying: exact, with no division to round. */
function compareRates(a: Rated, b: Rated): number {
  return a.saving.times(b.baseline).comparedTo(b.saving.times(a.baseline));
}

/** a's rate ≤ least's rate + tolerance, multiplied through by both (positive) baselines to stay exact. */
function withinTolerance(a: Rated, least: Rated, tolerance: Decimal): boolean {
  const bound = least.saving.times(a.baseline).plus(tolerance.times(a.baseline).times(least.baseline));
  return a.saving.times(least.baseline).lessThanOrEqualTo(bound);
}

function compareService(
  entry: FairnessService,
  index: number,
  seenServices: Map<string, number>,
  tolerance: Decimal,
): ServiceFairness {
  const service = entry.service;
  const first = seenServices.get(service);
  if (first !== undefined) {
    // Counting a service twice would count its lowest partner twice.
    throw new RuleError(
      "duplicate-line",
      { field: "services", index },
      `repeats item ${first + 1} (${service}): give each service once`,
      RULE,
    );
  }
  seenServices.set(service, index);

  const names = new Set<string>();
  const rates: FairnessRate[] = entry.lines.map((line, i) => {
    const { partner } = line;
    if (names.has(partner)) {
      throw new RuleError(
        "duplicate-partner",
        { field: `${service}: partners`, index: i, partner },
        "is listed more than once",
        RULE,
      );
    }
    names.add(partner);
    const baseline = readRequired(line.baseline, { field: `${service}: baseline`, index: i, partner }, RULE);
    const saving = readRequired(line.saving, { field: `${service}: saving`, index: i, partner }, RULE);
    const positive = baseline.isPositive() && !baseline.isZero();
    return { partner, baseline, saving, rate: positive ? saving.dividedBy(baseline) : undefined };
  });

  // A partner with no baseline (zero, or a net income) has no rate to compare: it is left out
  // of this service's comparison, neither lowest nor counted as taking part.
  const inComparison = rates.filter((r) => r.rate !== undefined);
  if (inComparison.length < 2) return { service, compared: false, rates, lowest: [] };
  const least = inComparison.reduce((low, r) => (compareRates(r, low) < 0 ? r : low));
  const lowest = inComparison.filter((r) => withinTolerance(r, least, tolerance)).map((r) => r.partner);
  // Every partner at the same rate (within the tolerance): no one is singled out.
  return { service, compared: true, rates, lowest: lowest.length === inComparison.length ? [] : lowest };
}

function warningFor(partner: string, services: readonly string[], lowestIn: readonly string[]): string {
  return (
    `${partner} has the smallest saving relative to its baseline in ${lowestIn.length} of ` +
    `${services.length} services (${lowestIn.join(", ")}) (${ruleReference(RULE)})`
  );
}

/**
 * Which partner gains least in each service, and whether it is persistently the same one. A
 * partner is flagged when it is lowest in more than `majority` of the services compared in which
 * it takes part, and in at least two of them: one service alone is not "persistently".
 */
export function fairnessInTheRound(
  services: readonly FairnessService[],
  options: FairnessOptions = {},
): FairnessResult {
  const majority = readFraction(options.majority, DEFAULT_MAJORITY, "majority", '0.5 for "in most services"');
  const tolerance = readFraction(options.tolerance, DEFAULT_TOLERANCE, "tolerance", "0.0001 for 0.01%");
  const seenServices = new Map<string, number>();
  const compared = services.map((s, i) => compareService(s, i, seenServices, tolerance));

  const byPartner = new Map<string, { services: string[]; lowestIn: string[] }>();
  for (const s of compared) {
    for (const r of s.rates) {
      let tally = byPartner.get(r.partner);
      if (!tally) byPartner.set(r.partner, (tally = { services: [], lowestIn: [] }));
      if (!s.compared || r.rate === undefined) continue;
      tally.services.push(s.service);
      if (s.lowest.includes(r.partner)) tally.lowestIn.push(s.service);
    }
  }

  const partners: PartnerFairness[] = [...byPartner].map(([partner, { services: taking, lowestIn }]) => {
    const flagged = taking.length >= 2 && new Decimal(lowestIn.length).greaterThan(majority.times(taking.length));
    return {
      partner,
      services: taking,
      lowestIn,
      flagged,
      warning: flagged ? warningFor(partner, taking, lowestIn) : undefined,
    };
  });
  const flagged = partners.filter((p) => p.flagged);
  return {
    services: compared,
    partners,
    flagged: flagged.map((p) => p.partner),
    warnings: flagged.map((p) => p.warning as string),
  };
}
