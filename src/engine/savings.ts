/**
 * RULES.md §5: a partner's saving is its stand-alone baseline minus its apportioned share of
 * the combined service's cost. Any gain share owed to a third party (`000` §5.6) is taken off
 * first: it is paid out of the partnership's saving, so it is apportioned with the combined
 * cost on the service's basis and each council's saving is what is left.
 */
import { Amount, Decimal, ZERO, roundMoney, sum, toDecimal } from "./money";
import { RuleError } from "./errors";
import { Basis, PartnerData, basisWeights } from "./bases";
import { apportionByWeights, apportionCostLines, ApportionOptions, CostLine } from "./apportion";
import { checkAmount } from "./split";
import { readRequired } from "./check";

export interface GainShare {
  /** Fraction of the partnership's total saving owed to the third party (0.1 for 10%). */
  rate: Amount;
  /** Who receives it, for the audit trail (e.g. "Elevate"). */
  recipient?: string;
}

export interface SavingsInput {
  /** Each partner with its stand-alone `baseline` and whatever the basis needs. */
  partners: readonly PartnerData[];
  basis: Basis;
  /** Ongoing cost of the combined service. */
  combinedCost: Amount;
  gainShare?: GainShare;
  /**
   * The combined cost as lines, each shared only among the partners it names (all when none),
   * such as a contract's TUPE burdens visited on the partners that gave rise to them (`003`
   * ch. 11). They must add up to `combinedCost`; a partner's cost share is the sum of its parts.
   */
  costLines?: readonly CostLine[];
}

export interface SavingsLine {
  partner: string;
  weight: Decimal;
  share: Decimal;
  baseline: Decimal;
  /** The partner's share of the combined service's cost. */
  costShare: Decimal;
  /** The partner's part of the gain share paid to the third party. */
  gainShare: Decimal;
  /** baseline − costShare − gainShare. Negative where the partner pays more than it did alone. */
  saving: Decimal;
  /** saving / baseline; undefined when the baseline is zero. */
  savingRate: Decimal | undefined;
  /** Which splits gave this partner a leftover penny (RULES.md §1), for the audit trail. */
  roundedUp: { cost: boolean; gainShare: boolean };
}

export interface SavingsAttribution {
  lines: SavingsLine[];
  totals: {
    baseline: Decimal;
    combinedCost: Decimal;
    /** The partnership's saving before the gain share. */
    grossSaving: Decimal;
    gainShare: Decimal;
    /** What the councils keep: the sum of the lines' savings. */
    saving: Decimal;
    savingRate: Decimal | undefined;
  };
}

function rate(part: Decimal, whole: Decimal): Decimal | undefined {
  return whole.isZero() ? undefined : part.dividedBy(whole);
}

/** Attributes a shared service's saving to each partner. Lines sum exactly to the totals. */
export function attributeSavings(input: SavingsInput, options: ApportionOptions = {}): SavingsAttribution {
  const { partners, basis } = input;
  const baselines = partners.map((p, index) =>
    readRequired(
      p.baseline,
      { field: "baseline", index, partner: p.partner },
      "§5",
      "needs a stand-alone baseline budget",
    ),
  );
  const combinedCost = checkAmount(input.combinedCost, "combined cost");
  const totalBaseline = sum(baselines);
  const grossSaving = totalBaseline.minus(combinedCost);

  let gainShare = ZERO;
  if (input.gainShare) {
    const r = toDecimal(input.gainShare.rate);
    if (r === undefined || r.isNegative() || r.greaterThan(1)) {
      throw new RuleError(
        "bad-rate",
        { field: "gain share" },
        `rate must be from 0% to 100% (got ${String(input.gainShare.rate)})`,
        "§5",
      );
    }
    // Only a saving is shared: a partnership that costs more than its parts owes no gain share.
    if (grossSaving.isPositive() && !grossSaving.isZero())
      gainShare = roundMoney(grossSaving.times(r), options.decimals);
  }

  const weights = basisWeights(basis, partners);
  const names = partners.map((p) => p.partner);
  const cost = input.costLines
    ? byCostLines(input.costLines, combinedCost, partners, basis, options)
    : apportionByWeights(combinedCost, names, weights, { ...options, field: "combined cost weights" });
  const gain = gainShare.isZero() ? undefined : apportionByWeights(gainShare, names, weights, options);

  const lines = cost.lines.map((line, i) => {
    const g = gain ? gain.lines[i].amount : ZERO;
    const saving = baselines[i].minus(line.amount).minus(g);
    return {
      partner: line.partner,
      weight: line.weight,
      share: line.share,
      baseline: baselines[i],
      costShare: line.amount,
      gainShare: g,
      saving,
      savingRate: rate(saving, baselines[i]),
      roundedUp: { cost: line.roundedUp, gainShare: gain ? gain.lines[i].roundedUp : false },
    };
  });
  const saving = sum(lines.map((l) => l.saving));
  return {
    lines,
    totals: {
      baseline: totalBaseline,
      combinedCost,
      grossSaving,
      gainShare,
      saving,
      savingRate: rate(saving, totalBaseline),
    },
  };
}

/**
 * The combined cost split line by line (RULES.md §2, costs visited on their cause): each line among
 * its own partners, each partner's amount the sum of its parts, so the amounts add up to the
 * combined cost exactly. A partner is marked rounded up where any line gave it a leftover penny.
 */
function byCostLines(
  costLines: readonly CostLine[],
  combinedCost: Decimal,
  partners: readonly PartnerData[],
  basis: Basis,
  options: ApportionOptions,
): { lines: { partner: string; weight: Decimal; share: Decimal; amount: Decimal; roundedUp: boolean }[] } {
  const split = apportionCostLines(costLines, partners, basis, options);
  if (!split.total.equals(combinedCost)) {
    throw new RuleError(
      "bad-total",
      { field: "cost lines" },
      `add up to ${split.total.toFixed(2)}, not the combined cost of ${combinedCost.toFixed(2)}`,
      "§2",
    );
  }
  // The shares of the basis over every partner, as the service's other splits show them.
  const basisSplit = apportionByWeights(
    combinedCost,
    partners.map((p) => p.partner),
    basisWeights(basis, partners),
    { ...options, field: "combined cost weights" },
  );
  return {
    lines: basisSplit.lines.map((l, i) => ({
      ...l,
      amount: split.totals[i].amount,
      roundedUp: split.lines.some((c) => c.apportionment.lines.some((x) => x.partner === l.partner && x.roundedUp)),
    })),
  };
}
