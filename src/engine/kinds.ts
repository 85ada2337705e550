/**
 * RULES.md §5: savings come in three kinds (`000` §5.2): cashable, non-cashable and cost
 * avoidance. Only cashable savings reduce a budget and go into a partner's medium-term
 * financial strategy (MTFS); the others are reported beside them.
 */
import { Decimal, ZERO } from "./money";
import { RuleError } from "./errors";
import { ProfileInput, readProfile, yearSequence } from "./profile";
import { YearLabel, formatYear, parseYear } from "./years";

export type SavingKind = "cashable" | "non-cashable" | "cost-avoidance";

/** How a kind is written in a table heading. */
export function kindName(kind: SavingKind): string {
  return { cashable: "Cashable", "non-cashable": "Non-cashable", "cost-avoidance": "Cost avoidance" }[kind];
}

/**
 * Reads a kind as people write it: "Cashable", "non cashable", "Non-Cashable", "cost avoidance".
 * Blank is cashable, the kind that goes into the MTFS and the common case.
 */
export function readSavingKind(value: string | undefined, field = "kind"): SavingKind {
  const v = (value ?? "")
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "-");
  if (v === "" || v === "cashable") return "cashable";
  if (v === "non-cashable" || v === "noncashable") return "non-cashable";
  if (v === "cost-avoidance" || v === "avoidance") return "cost-avoidance";
  throw new RuleError(
    "bad-choice",
    { field },
    `must be "cashable", "non-cashable" or "cost avoidance" (got "${value}")`,
    "§5",
  );
}

export interface KindedProfile {
  /** A service or saving line, for error messages. */
  label?: string;
  kind: SavingKind;
  profile: ProfileInput;
}

export interface KindYear {
  year: YearLabel;
  cashable: Decimal;
  nonCashable: Decimal;
  costAvoidance: Decimal;
  /** What goes into the MTFS: the cashable savings alone. */
  mtfs: Decimal;
  /** All three kinds, reported beside the MTFS figure. */
  all: Decimal;
}

/**
 * Adds several savings profiles (all in the same view) by kind and year, over every year any of
 * them covers; a profile that does not reach a year counts nothing for it.
 */
export function totalsByKind(items: readonly KindedProfile[]): KindYear[] {
  if (items.length === 0) return [];
  const profiles = items.map((item, i) => readProfile(item.profile, item.label ?? `saving ${i + 1}`));
  const starts = profiles.flatMap((p) => p.map((y) => parseYear(y.year)));
  const first = Math.min(...starts);
  const rows = yearSequence(formatYear(first), Math.max(...starts) - first + 1).map((year) => ({
    year,
    cashable: ZERO,
    nonCashable: ZERO,
    costAvoidance: ZERO,
    mtfs: ZERO,
    all: ZERO,
  }));
  profiles.forEach((profile, i) => {
    const key = ({ cashable: "cashable", "non-cashable": "nonCashable", "cost-avoidance": "costAvoidance" } as const)[
      items[i].kind
    ];
    for (const { year, amount } of profile) {
      const row = rows[parseYear(year) - first];
      row[key] = row[key].plus(amount);
      row.all = row.all.plus(amount);
      if (key === "cashable") row.mtfs = row.mtfs.plus(amount);
    }
  });
  return rows;
}
