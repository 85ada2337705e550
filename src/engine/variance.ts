/**
 * RULES.md §3: who bears an in-year variance from budget depends on its cause (`003` ch. 11).
 * - demand, quality or direct costs (e.g. salaries): shared by the expected-cost shares;
 * - a specification change by one partner: that partner bears it all;
 * - a host's indirect costs (accommodation, energy, basic ICT): under "host-bears" (the
 *   default) the host bears it in-year and recovers the others' shares through their calls for
 *   the next financial year; under "share-now" it is shared at once by expected-cost shares.
 * A positive variance is an overspend; a negative one an underspend, shared the same way.
 */
import { Amount, Decimal, ZERO, negate } from "./money";
import { RuleError } from "./errors";
import { checkPartners } from "./bases";
import { ApportionOptions } from "./apportion";
import { checkAmount, split } from "./split";

export type VarianceCause = "demand" | "quality" | "direct" | "specification" | "indirect";
export type IndirectPolicy = "host-bears" | "share-now";

export interface VarianceInput {
  amount: Amount;
  cause: VarianceCause;
  /** Each partner's expected (budgeted) cost of the service, the basis for shared variances. */
  expected: readonly { partner: string; expected: Amount }[];
  /** The partner that changed its specification, or the host (indirect costs under host-bears). */
  responsible?: string;
  /** For indirect costs; "host-bears" unless the service chose otherwise. */
  policy?: IndirectPolicy;
}

export interface VarianceLine {
  partner: string;
  /** Borne in the year the variance arises. */
  inYear: Decimal;
  /** Adjustment to the partner's call for the next financial year (host-bears only). */
  nextYear: Decimal;
  /** inYear + nextYear: what the partner bears in the end. */
  total: Decimal;
}

export interface VarianceAttribution {
  /** The rule applied, in words, for the audit trail. */
  rule: string;
  lines: VarianceLine[];
}

const CAUSES: readonly VarianceCause[] = ["demand", "quality", "direct", "specification", "indirect"];

/** Attributes a variance to the partners. In-year amounts sum to the variance; next-year ones to zero. */
export function attributeVariance(input: VarianceInput, options: ApportionOptions = {}): VarianceAttribution {
  if (!CAUSES.includes(input.cause)) {
    throw new RuleError(
      "bad-choice",
      { field: "cause" },
      `"${String(input.cause)}" is not one of ${CAUSES.join(", ")}`,
      "§3",
    );
  }
  checkPartners(input.expected, "expected costs");
  const amount = checkAmount(input.amount, "variance");
  const names = input.expected.map((e) => e.partner);
  const byExpected = (): Decimal[] =>
    split(
      amount,
      input.expected.map((e) => e.expected),
      { ...options, field: "expected costs", labels: names },
    );
  const responsible = (): number => {
    const at = names.indexOf(input.responsible ?? "");
    if (at < 0) {
      const what = input.cause === "specification" ? "the partner that changed its specification" : "the host partner";
      throw new RuleError(
        input.responsible === undefined ? "missing" : "unknown-partner",
        { field: "responsible", partner: input.responsible },
        `must name ${what}, one of ${names.join(", ")}`,
        "§3",
      );
    }
    return at;
  };
  const lines = (inYear: Decimal[], nextYear: Decimal[] = names.map(() => ZERO)): VarianceLine[] =>
    names.map((partner, i) => ({
      partner,
      inYear: inYear[i],
      nextYear: nextYear[i],
      total: inYear[i].plus(nextYear[i]),
    }));

  switch (input.cause) {
    case "demand":
    case "quality":
    case "direct":
      return { rule: `${input.cause}: shared by expected-cost shares`, lines: lines(byExpected()) };
    case "specification": {
      const at = responsible();
      return {
        rule: `specification change: borne in full by ${names[at]}`,
        lines: lines(names.map((_, i) => (i === at ? amount : ZERO))),
      };
    }
    case "indirect": {
      const shares = byExpected();
      // Shared now, nobody carries it alone: no host is needed.
      if ((input.policy ?? "host-bears") === "share-now") {
        return { rule: "host's indirect costs: shared now by expected-cost shares", lines: lines(shares) };
      }
      const host = responsible();
      // The host carries it all this year; next year the others' calls rise by their shares
      // and the host's falls by the same total, so over two years each bears its share.
      const recovered = shares.reduce((acc, s, i) => (i === host ? acc : acc.plus(s)), ZERO);
      return {
        rule: `host's indirect costs: borne by ${names[host]} in-year, others' shares added to next year's calls`,
        lines: lines(
          names.map((_, i) => (i === host ? amount : ZERO)),
          shares.map((s, i) => (i === host ? negate(recovered) : s)),
        ),
      };
    }
  }
}
