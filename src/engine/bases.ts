/**
 * RULES.md §2: the bases on which a shared service's costs are apportioned. Each basis turns
 * what the workbook knows about a partner into one weight per partner.
 */
import { Amount, Decimal, ONE } from "./money";
import { readNonNegative, readRequired } from "./check";
import { RuleError } from "./errors";

/**
 * - demand (the default): quantity × quality factor, quality 1 unless the partner specified a
 *   different service level (`003` ch. 11);
 * - equal: governance and programme running costs (`001` MoU §7.1; `000` §1.11);
 * - fte: staff numbers; budget: each partner's stand-alone baseline budget;
 * - driver: any other named measure, such as population.
 */
export type Basis =
  { kind: "demand" } | { kind: "equal" } | { kind: "fte" } | { kind: "budget" } | { kind: "driver"; driver: string };

/** What the workbook knows about one partner in one service. */
export interface PartnerData {
  partner: string;
  /** Demand quantity (cases, hours, transactions…). */
  quantity?: Amount;
  /** Quality factor for a different service level; 1 when absent. */
  quality?: Amount;
  fte?: Amount;
  /** Stand-alone (baseline) budget for the service, in pounds. */
  baseline?: Amount;
  /** Other measures by name, e.g. { population: 183000 }. */
  drivers?: Readonly<Record<string, Amount>>;
}

/** The basis as a finance officer names it, for error messages and audit tables: "FTE", "population". */
export function basisName(basis: Basis): string {
  switch (basis.kind) {
    case "demand":
      return "demand (quantity × quality)";
    case "equal":
      return "equal shares";
    case "fte":
      return "FTE";
    case "budget":
      return "baseline";
    case "driver":
      return basis.driver;
  }
}

/** Rejects a list that names the same partner twice: its weight would be counted twice. */
export function checkPartners(partners: readonly { partner: string }[], field = "partners"): void {
  const seen = new Set<string>();
  partners.forEach(({ partner }, index) => {
    if (seen.has(partner)) {
      throw new RuleError("duplicate-partner", { field, index, partner }, "is listed more than once", "§2");
    }
    seen.add(partner);
  });
}

function required(value: Amount | undefined, field: string, index: number, partner: string): Decimal {
  const location = { field, index, partner };
  return readNonNegative(readRequired(value, location, "§2", "has no value, which this basis needs"), location, "§2");
}

/**
 * One weight per partner, in the order given. Values are checked here with the field they
 * came from, so an error names "FTE" or "quantity" rather than an anonymous weight.
 */
export function basisWeights(basis: Basis, partners: readonly PartnerData[]): Decimal[] {
  checkPartners(partners);
  return partners.map((p, i) => {
    switch (basis.kind) {
      case "equal":
        return ONE;
      case "demand": {
        const quantity = required(p.quantity, "quantity", i, p.partner);
        const quality = p.quality === undefined ? ONE : required(p.quality, "quality", i, p.partner);
        return quantity.times(quality);
      }
      case "fte":
        return required(p.fte, "FTE", i, p.partner);
      case "budget":
        return required(p.baseline, "baseline", i, p.partner);
      case "driver":
        return required(p.drivers?.[basis.driver], basis.driver, i, p.partner);
    }
  });
}
