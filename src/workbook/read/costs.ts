/**
 * The Costs sheet (optional): a service's combined cost given as lines, each shared only among the
 * partners that bear it (RULES.md §2, `003` ch. 11: "visit them only on the borough or boroughs
 * which give rise to them", for TUPE burdens carried in a contract). A blank Partners cell means
 * every partner of the service. The service's cost share is the sum of its lines' shares.
 */
import { refText } from "../a1";
import { pounds } from "../format";
import type { CellRef } from "../grid";
import type { CostLineEntry, CostsSheet, FromCell, ServiceRule } from "../inputs";
import { Reading, listed, nameKey, readText, ref, report, rowIsBlank } from "./cells";
import type { Catalogue } from "./catalogue";
import { SheetColumns, readHeadings, readUnits, requireColumns, unitsText } from "./headings";
import type { Canonical } from "./names";
import { readAmount } from "./rule-values";
import { roleLabel } from "./sheets";

export const COSTS_COLUMNS: SheetColumns = {
  fields: ["service", "line", "lineAmount", "bornBy"],
  required: ["service", "lineAmount"],
  notes: { bornBy: "blank: every partner of the service" },
};

/** The Costs sheet's lines, each cell read; checkCosts then checks them against the Rules and Budget. */
export function readCosts(r: Reading, names: Canonical, isPartner: (name: string) => boolean): CostsSheet | undefined {
  const sheet = r.grid.name;
  const headings = readHeadings(r, COSTS_COLUMNS.fields, "Service, Line, Amount, Partners");
  if (headings === undefined || !requireColumns(r, headings, COSTS_COLUMNS.required)) return undefined;
  const c = headings.columns as Record<"service" | "lineAmount", number> & Partial<Record<"line" | "bornBy", number>>;
  const units = readUnits(r, headings, [c.lineAmount]);
  const used = Object.values(c).filter((x): x is number => x !== undefined);
  const lines: CostLineEntry[] = [];
  for (let row = headings.row + 1; row <= r.grid.values.length; row++) {
    if (rowIsBlank(r.grid, row, used)) continue;
    const at = (column: number): CellRef => ref(sheet, row, column);
    const serviceText = readText(r, at(c.service), "Service");
    if (serviceText === undefined)
      report(
        r,
        at(c.service),
        "This Costs line has no Service.",
        "Enter the service it is a cost of, or delete the line.",
        "§2",
      );
    const service = serviceText === undefined ? undefined : names.service(serviceText);
    const line = c.line === undefined ? undefined : readText(r, at(c.line), "Line");
    const what = `Amount of ${line === undefined ? "the cost line" : `"${line}"`} for ${service ?? "this line"}`;
    if (rowIsBlank(r.grid, row, [c.lineAmount])) {
      report(
        r,
        at(c.lineAmount),
        `${what} is blank.`,
        "Enter the line's ongoing cost a year, or delete the line.",
        "§2",
      );
      continue;
    }
    const amount = readAmount(r, at(c.lineAmount), what, units.of(c.lineAmount));
    const partners = c.bornBy === undefined ? undefined : bearers(r, at(c.bornBy), names, isPartner);
    if (service === undefined || amount === undefined || amount === null || partners === null) continue;
    lines.push({
      service,
      at: at(c.service),
      ...(line === undefined ? {} : { line }),
      amount,
      ...(partners === undefined ? {} : { partners }),
    });
  }
  r.notes.push(
    `${roleLabel("costs", r.grid)}: headings in row ${headings.row}, ${lines.length} cost lines, ${unitsText(units.sheet)}.`,
  );
  return { sheet, headerRow: headings.row, units: units.sheet, lines };
}

/**
 * The partners a line names, separated by commas, semicolons or "and" (a name that itself has
 * "and" in it, as the Budget spells it, is kept whole); undefined for a blank cell (every partner).
 */
function bearers(
  r: Reading,
  at: CellRef,
  names: Canonical,
  isPartner: (name: string) => boolean,
): FromCell<string[]> | undefined | null {
  const text = readText(r, at, "Partners");
  if (text === undefined) return rowIsBlank(r.grid, at.row, [at.column]) ? undefined : null;
  const items = text
    .split(/\s*[,;]\s*/)
    .flatMap((item) => (isPartner(item) ? [item] : item.split(/\s+and\s+/i)))
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => names.partner(s));
  return { value: items.filter((p, i) => items.findIndex((q) => nameKey(q) === nameKey(p)) === i), at };
}

/** What the Costs sheet is checked against; undefined where the Rules or Budget could not be read. */
export interface Known {
  rules?: readonly ServiceRule[];
  services?: Catalogue;
}

/**
 * Each line's service is on the Rules sheet and every partner it names takes part in it; a service
 * with lines takes its combined cost from them, so a New cost beside them must agree, and a
 * Reduction or a New cost by year cannot be given too. Returns the lines that passed.
 */
export function checkCosts(r: Reading, costs: CostsSheet, known: Known): CostsSheet {
  if (known.rules === undefined) return costs;
  const lines: CostLineEntry[] = [];
  for (const entry of costs.lines) {
    const rule = known.rules.find((x) => nameKey(x.service) === nameKey(entry.service));
    if (rule === undefined) {
      report(
        r,
        entry.at,
        `${entry.service} is not a service on the Rules sheet, so there is no rule to share its cost line by.`,
        "Spell it as the Rules sheet does, or add a Rules row for it.",
        "§2",
      );
      continue;
    }
    if (rule.partners?.value.some((p) => p.joins !== undefined || p.leaves !== undefined)) {
      report(
        r,
        entry.at,
        `${entry.service}'s partners change over the years (Partners on the Rules sheet, ${refText(rule.partners.at)}), and cost lines are not yet read for such a service.`,
        "Give its combined cost in the Rules sheet's New cost instead, or leave the partners the same in every year.",
        "§2",
      );
      continue;
    }
    if (entry.partners !== undefined && !partnersOk(r, entry, entry.partners, rule, known.services)) continue;
    lines.push(entry);
  }
  for (const rule of known.rules) {
    const own = lines.filter((l) => nameKey(l.service) === nameKey(rule.service));
    if (own.length > 0) checkAgainstRule(r, rule, own);
  }
  return { ...costs, lines };
}

function partnersOk(
  r: Reading,
  entry: CostLineEntry,
  named: FromCell<string[]>,
  rule: ServiceRule,
  services: Catalogue | undefined,
): boolean {
  const service = services?.get(nameKey(rule.service));
  if (rule.partners === undefined && (service === undefined || service.incomplete)) return true;
  const partners =
    rule.partners?.value.map((p) => p.partner) ?? [...(service?.partners.values() ?? [])].map((p) => p.name);
  const strangers = named.value.filter((p) => !partners.some((q) => nameKey(q) === nameKey(p)));
  if (named.value.length === 0 || strangers.length > 0) {
    report(
      r,
      named.at,
      named.value.length === 0
        ? `The cost line for ${entry.service} names no partner.`
        : `${listed(strangers.map((s) => `"${s}"`))} ${strangers.length === 1 ? "is not a partner" : "are not partners"} in ${entry.service} (its partners are ${listed(partners)}), so the cost line cannot be shared among ${strangers.length === 1 ? "it" : "them"}.`,
      "Name the partners that bear the line as the Rules and Budget sheets spell them, separated by commas, or leave Partners blank for all of them.",
      "§2",
    );
    return false;
  }
  return true;
}

/** The rule's own cost cells beside the lines: a New cost must equal their sum; a Reduction or a cost by year cannot be given too. */
function checkAgainstRule(r: Reading, rule: ServiceRule, own: readonly CostLineEntry[]): void {
  const rows = own.map((l) => l.at.row);
  const where = `the Costs sheet (${own.length === 1 ? `row ${rows[0]}` : `rows ${listed(rows.map(String))}`})`;
  const total = own.reduce((a, l) => a.plus(l.amount.value), own[0].amount.value.times(0));
  if (rule.reduction)
    report(
      r,
      rule.reduction.at,
      `${rule.service} has cost lines on ${where} and a Reduction: its combined cost is either the sum of its lines or a target reduction, not both.`,
      "Clear the Reduction, or delete the service's cost lines.",
      "§2",
    );
  else if (rule.newCostByYear)
    report(
      r,
      rule.newCostByYear.at,
      `${rule.service} has cost lines on ${where} and a New cost that changes by year; cost lines hold for every year, so the two cannot both be its cost.`,
      "Clear the New cost (the lines' sum is the combined cost), or delete the service's cost lines.",
      "§2",
    );
  else if (rule.newCost && !rule.newCost.value.equals(total)) {
    const gap = rule.newCost.value.minus(total);
    report(
      r,
      rule.newCost.at,
      `New cost for ${rule.service} is ${pounds(rule.newCost.value)}, but its cost lines on ${where} add up to ${pounds(total)}: the New cost is ${pounds(gap.abs())} ${gap.isNegative() ? "less" : "more"} than the lines.`,
      "Correct the New cost or the lines so they agree, or clear the New cost: the lines' sum is the combined cost.",
      "§2",
    );
  }
}
