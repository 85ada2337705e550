/**
 * RULES.md §4: one-off transitional costs (redundancy, early retirement, retraining, moves,
 * set-up, and exit costs as staff numbers fall) are shared in proportion to each partner's net
 * reduction in spending, "as it is any step reduction which is the financial justification for
 * incurring the cost" (`003` ch. 11). Payments a partner chooses above the common terms are its own.
 */
import { Amount, Decimal, ZERO, sum } from "./money";
import { readNumber } from "./check";
import { RuleError } from "./errors";
import { checkPartners } from "./bases";
import { ApportionOptions } from "./apportion";
import { checkAmount, splitDetail } from "./split";

export interface TransitionPartner {
  partner: string;
  /** Stand-alone baseline: what the partner spends on the service now. */
  baseline: Amount;
  /** Its share of the combined service's new ongoing cost. */
  newCost: Amount;
}

export interface TransitionInput {
  /** The one-off cost on the common terms all partners agreed. */
  cost: Amount;
  partners: readonly TransitionPartner[];
  /** Payments above the common terms, each borne by the partner that chose to make it. */
  extras?: readonly { partner: string; amount: Amount }[];
}

export interface TransitionLine {
  partner: string;
  baseline: Decimal;
  newCost: Decimal;
  /** baseline − newCost; negative where the partner's spending rises. */
  reduction: Decimal;
  /** Its part of the common cost: zero where its spending does not fall. */
  commonShare: Decimal;
  extra: Decimal;
  total: Decimal;
  roundedUp: boolean;
}

export interface TransitionAttribution {
  lines: TransitionLine[];
  totals: { cost: Decimal; extras: Decimal; total: Decimal; reduction: Decimal };
}

/** Shares a transitional cost by net reduction in spending. Lines sum exactly to the totals. */
export function shareTransitionalCost(input: TransitionInput, options: ApportionOptions = {}): TransitionAttribution {
  checkPartners(input.partners);
  const cost = checkAmount(input.cost, "transitional cost");
  const rows = input.partners.map((p, index) => {
    const baseline = readNumber(p.baseline, { field: "baseline", index, partner: p.partner }, "§4");
    const newCost = readNumber(p.newCost, { field: "new cost", index, partner: p.partner }, "§4");
    return { partner: p.partner, baseline, newCost, reduction: baseline.minus(newCost) };
  });

  // Only a fall in spending justifies the cost; a partner whose spending rises bears none.
  const weights = rows.map((r) => (r.reduction.isPositive() ? r.reduction : ZERO));
  if (weights.every((w) => w.isZero())) {
    throw new RuleError(
      "no-reduction",
      { field: "transitional cost" },
      "no partner's spending falls, so nothing justifies the one-off cost",
      "§4",
    );
  }
  const common = splitDetail(cost, weights, { ...options, field: "net reduction", labels: rows.map((r) => r.partner) });

  const extras = rows.map(() => ZERO);
  (input.extras ?? []).forEach((e, index) => {
    const at = rows.findIndex((r) => r.partner === e.partner);
    if (at < 0) {
      throw new RuleError(
        "unknown-partner",
        { field: "extra payments", index, partner: e.partner },
        "is not a partner in this service",
        "§4",
      );
    }
    extras[at] = extras[at].plus(checkAmount(e.amount, "extra payments"));
  });

  const lines = rows.map((r, i) => ({
    ...r,
    commonShare: common.parts[i],
    extra: extras[i],
    total: common.parts[i].plus(extras[i]),
    roundedUp: common.roundedUp[i],
  }));
  const extrasTotal = sum(extras);
  return {
    lines,
    totals: { cost, extras: extrasTotal, total: cost.plus(extrasTotal), reduction: sum(rows.map((r) => r.reduction)) },
  };
}
