/**
 * Domain errors. Each names the rule broken, the field and (where there is one) the item,
 * so the workbook layer can point at the cell and the task pane can say what to do.
 */

/** What went wrong, as a stable code the other layers can switch on. */
export type ErrorCode =
  | "not-a-number" // a value that is not a finite number (text, NaN, Infinity)
  | "negative" // a weight, quantity, FTE or budget below zero
  | "all-zero" // no weight above zero, so nothing to split by
  | "empty" // no items at all
  | "too-precise" // an amount with more decimal places than it is to be split into
  | "bad-decimals" // decimal places outside 0–10 or not whole
  | "missing" // a value the chosen basis needs is absent
  | "unknown-partner" // a partner named that is not in the list
  | "duplicate-partner" // the same partner listed twice
  | "no-reduction" // transitional cost but no partner's spending falls
  | "bad-year" // a financial year label not like 2011/12
  | "no-partners-in-year" // a year in which no partner takes part
  | "not-taking-part" // a partner named for a cost in a year it does not take part
  | "bad-rate" // a percentage outside 0–100%
  | "bad-choice" // an option that is not one of those offered (a variance cause, say)
  | "size-mismatch" // two lists that should pair up item by item have different lengths
  | "bad-phasing" // phasing percentages that do not add up to 100%
  | "bad-range" // a low estimate above its high estimate
  | "bad-month" // a month that is not 1–12
  | "bad-sequence" // years out of order or with gaps, or a saving slipped to an earlier year
  | "too-much" // moving or taking more than there is
  | "bad-total" // parts (cost lines) that do not add up to the whole they are said to make
  | "duplicate-line"; // the same service, partner and year given twice

/** Where in the input the problem is: the field (argument or column) and, for lists, the item. */
export interface ErrorLocation {
  /** The argument or column, e.g. "weights", "baseline". */
  field: string;
  /** 0-based position in the list, when the problem is one item. Messages show it 1-based. */
  index?: number;
  /** The partner's name, when known. */
  partner?: string;
}

/**
 * The rule's reference as a user will look it up: "§2" → "RULES.md §2"; anything else (an
 * outside source such as "HM Treasury Green Book") as written.
 */
export function ruleReference(rule: string): string {
  return rule.startsWith("§") ? `RULES.md ${rule}` : rule;
}

/**
 * An input the finance rules cannot accept. Its detail is kept as fields (what went wrong, where,
 * which rule, and the sentence saying it), so other layers use them rather than take the message
 * apart; the message is those fields composed for a finance officer, as Excel shows it.
 */
export class RuleError extends Error {
  readonly code: ErrorCode;
  readonly location: ErrorLocation;
  /** The argument or column, e.g. "weights" (location.field). */
  readonly field: string;
  /** 0-based position in the list, when the problem is one item (location.index). */
  readonly item?: number;
  /** The partner's name, when known (location.partner). */
  readonly partner?: string;
  /** The section of RULES.md the check comes from, e.g. "§1", or an outside source. */
  readonly rule: string;
  /** What is wrong, without where or which rule: "is negative (-5)". */
  readonly detail: string;

  constructor(code: ErrorCode, location: ErrorLocation, detail: string, rule: string) {
    super(`${describeLocation(location)} ${detail} (${ruleReference(rule)})`);
    this.name = "RuleError";
    this.code = code;
    this.location = location;
    this.field = location.field;
    if (location.index !== undefined) this.item = location.index;
    if (location.partner !== undefined) this.partner = location.partner;
    this.rule = rule;
    this.detail = detail;
  }
}

/** "weights: item 3 (Westminster)" — the 1-based item, as a user counts cells. */
export function describeLocation(loc: ErrorLocation): string {
  let where = loc.field + ":";
  if (loc.index !== undefined) where += ` item ${loc.index + 1}`;
  if (loc.partner !== undefined) where += loc.index !== undefined ? ` (${loc.partner})` : ` ${loc.partner}`;
  return where;
}
