/**
 * The Rules checked against the other sheets: each service and partner has a Budget line, the host
 * is a partner, and the basis has what it needs (Drivers quantities, FTE lines, baselines), with
 * something above zero to split by (RULES.md §2). A Budget service no rule shares is a warning.
 */
import { Decimal, ZERO, basisName, takesPart } from "../../engine";
import type { DriversSheet, FteSheet, ServiceRule } from "../inputs";
import { Reading, listed, nameKey, report } from "./cells";
import type { BudgetService, Catalogue } from "./catalogue";
import type { RulesRead } from "./rules";

/** An optional sheet: not in the workbook, present but unreadable (its own problems say why), or read. */
export type Optional<T> = "absent" | "unread" | T;

export interface Others {
  /** Undefined when the Budget sheet could not be read: nothing to check against. */
  services?: Catalogue;
  budgetSheet?: string;
  fte: Optional<FteSheet>;
  drivers: Optional<DriversSheet>;
}

export function checkRules(r: Reading, read: RulesRead, others: Others): void {
  for (const rule of read.sheet.rules) {
    const bad = read.bad.get(rule) ?? new Set();
    if (others.services === undefined) continue;
    const service = others.services.get(nameKey(rule.service));
    if (service === undefined) {
      report(
        r,
        rule.at,
        `${rule.service} has no lines on the Budget sheet.`,
        "Spell it as the Budget sheet does, or add its budget lines.",
        "§5",
      );
      continue;
    }
    const partners = checkPartners(r, rule, service, bad);
    if (partners === undefined) continue;
    if (rule.host !== undefined && !partners.some((p) => nameKey(p) === nameKey(rule.host?.value ?? "")))
      report(
        r,
        rule.host.at,
        `Host for ${rule.service} is ${rule.host.value}, which is not one of its partners (${listed(partners)}).`,
        "Enter one of the partners, or leave Host blank.",
        "§3",
      );
    if (!bad.has("basis")) checkBasis(r, rule, service, partners, others);
    // A one-off cost named for a partner that is not in the service (RULES.md §4).
    for (const o of rule.oneOffs?.value ?? [])
      for (const name of o.partners ?? (o.bornBy === undefined ? [] : [o.bornBy]))
        if (!partners.some((p) => nameKey(p) === nameKey(name))) {
          report(
            r,
            rule.oneOffs!.at,
            `Transitional cost for ${rule.service} is ${o.bornBy === undefined ? "named for" : "borne by"} ${name}, which is not one of its partners (${listed(partners)}).`,
            "Name partners of the service (check the spelling), separated by commas or and.",
            "§4",
          );
          break;
        }
  }
  if (others.services !== undefined) warnUnshared(r, read, others.services, others.budgetSheet ?? "Budget");
}

/** The rule's partners (all with a Budget line for the service), or undefined when the list is wrong. */
function checkPartners(r: Reading, rule: ServiceRule, service: BudgetService, bad: Set<string>): string[] | undefined {
  if (bad.has("partners")) return undefined;
  if (rule.partners === undefined) return [...service.partners.values()].map((p) => p.name);
  const { value: list, at } = rule.partners;
  let ok = true;
  const seen = new Set<string>();
  for (const { partner } of list) {
    if (seen.has(nameKey(partner))) {
      report(r, at, `Partners for ${rule.service} lists ${partner} twice.`, "Name each partner once.", "§2");
      ok = false;
    }
    seen.add(nameKey(partner));
    if (!service.partners.has(nameKey(partner))) {
      ok = false;
      if (service.incomplete) continue; // a Budget line's partner is unreadable: that problem comes first
      report(
        r,
        at,
        `Partners for ${rule.service}: ${partner} has no Budget line for ${rule.service}.`,
        "Add its baseline to the Budget sheet, or take it out of Partners (check the spelling).",
        "§5",
      );
    }
  }
  if (list.length === 0) {
    report(
      r,
      at,
      `Partners for ${rule.service} names no partner.`,
      "Name the partners, or leave the cell blank for every partner with a budget.",
      "§2",
    );
    return undefined;
  }
  if (!bad.has("firstYear") && rule.firstYear.value !== "") {
    if (list.every((p) => !takesPart(p, rule.firstYear.value)))
      report(
        r,
        at,
        `Partners for ${rule.service}: every partner joins after the first year, ${rule.firstYear.value}, so no one takes part in it.`,
        "Let at least one partner take part from the first year, or change First year.",
        "§2",
      );
    else {
      // A year after the first in which every partner has left: nobody to share its costs.
      const empty = list
        .flatMap((p) => (p.leaves === undefined ? [] : [p.leaves]))
        .sort()
        .find((year) => list.every((p) => !takesPart(p, year)));
      if (empty !== undefined)
        report(
          r,
          at,
          `Partners for ${rule.service}: every partner has left by ${empty}, so no one takes part in it.`,
          "Let at least one partner stay in (no until or notice), or the service has no one to share its costs.",
          "§8",
        );
    }
  }
  return ok ? list.map((p) => p.partner) : undefined;
}

function checkBasis(r: Reading, rule: ServiceRule, service: BudgetService, partners: string[], others: Others): void {
  const basis = rule.basis.value;
  const blank = rule.basis.at.column === rule.at.column || isBlankBasis(r, rule);
  const says = `Basis for ${rule.service} ${blank ? "is blank, which means demand" : `is ${basisName(basis)}`}`;
  const weights = (sheet: string, what: string, weightOf: (partner: string) => Decimal | undefined): void =>
    checkWeights(r, rule, says, sheet, what, partners, weightOf);
  switch (basis.kind) {
    case "equal":
      return;
    case "budget":
      if (service.incomplete) return; // its unreadable amounts are already reported
      return weights(others.budgetSheet ?? "Budget", "Baseline", (p) => service.partners.get(nameKey(p))?.baseline);
    case "fte": {
      if (others.fte === "absent")
        return report(
          r,
          rule.basis.at,
          `${says}, but there is no FTE sheet.`,
          "Add an FTE sheet (Partner, Service, FTE), or choose another basis.",
          "§2",
        );
      if (others.fte === "unread") return;
      const lines = byService(others.fte.lines).get(nameKey(rule.service)) ?? [];
      return weights(others.fte.sheet, "FTE", (p) => {
        const mine = lines.filter((l) => nameKey(l.partner) === nameKey(p));
        return mine.length === 0 ? undefined : mine.reduce((a, l) => a.plus(l.fte.value), ZERO);
      });
    }
    case "demand":
    case "driver": {
      if (others.drivers === "absent")
        return report(
          r,
          rule.basis.at,
          `${says}, but there is no Drivers sheet.`,
          `Add a Drivers sheet (Service, Partner, ${basis.kind === "demand" ? "Quantity" : basis.driver}), or choose another basis.`,
          "§2",
        );
      if (others.drivers === "unread") return;
      const lines = byService(others.drivers.lines).get(nameKey(rule.service)) ?? [];
      const line = (p: string) => lines.find((l) => nameKey(l.partner) === nameKey(p));
      if (basis.kind === "driver")
        return weights(others.drivers.sheet, basis.driver, (p) => line(p)?.measures[basis.driver]?.value);
      return weights(others.drivers.sheet, "Quantity", (p) => {
        const l = line(p);
        return l?.quantity === undefined ? undefined : l.quantity.value.times(l.quality?.value ?? 1);
      });
    }
  }
}

/** A sheet's lines grouped by service, made once per sheet: looking them up rule by rule must not scan every line. */
const grouped = new WeakMap<readonly { service: string }[], Map<string, unknown[]>>();
function byService<L extends { service: string }>(lines: readonly L[]): Map<string, L[]> {
  let map = grouped.get(lines);
  if (!map) {
    map = new Map();
    for (const l of lines) {
      const k = nameKey(l.service);
      const list = map.get(k);
      if (list) list.push(l);
      else map.set(k, [l]);
    }
    grouped.set(lines, map);
  }
  return map as Map<string, L[]>;
}

const isBlankBasis = (r: Reading, rule: ServiceRule): boolean => {
  const v = r.grid.values[rule.basis.at.row - 1]?.[rule.basis.at.column - 1];
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
};

/** Every partner needs a weight; none may be negative (a net baseline below zero); one must be above zero. */
function checkWeights(
  r: Reading,
  rule: ServiceRule,
  says: string,
  sheet: string,
  what: string,
  partners: readonly string[],
  weightOf: (partner: string) => Decimal | undefined,
): void {
  const at = rule.basis.at;
  const weights = partners.map(weightOf);
  partners.forEach((p, i) => {
    const w = weights[i];
    if (w === undefined)
      report(
        r,
        at,
        `${says}, but the ${sheet} sheet has no ${what} for ${p} in ${rule.service}.`,
        `Add ${p}'s ${what} for ${rule.service} to the ${sheet} sheet, or choose another basis.`,
        "§2",
      );
    else if (w.isNegative() && !w.isZero())
      report(
        r,
        at,
        `${says}, but ${p}'s ${what} for ${rule.service} on the ${sheet} sheet is negative in total (${w.toString()}).`,
        "Correct the figures, or choose another basis.",
        "§2",
      );
  });
  if (weights.every((w) => w !== undefined && w.isZero()))
    report(
      r,
      at,
      `${says}, but every partner's ${what} for ${rule.service} on the ${sheet} sheet is 0, so there is nothing to split by.`,
      `Enter the partners' ${what}, or choose another basis.`,
      "§2",
    );
}

/** A service with a budget but no rule is left out of the tables: worth a warning, not a stop. */
function warnUnshared(r: Reading, read: RulesRead, services: Catalogue, budgetSheet: string): void {
  const ruled = new Set(read.sheet.rules.map((rule) => nameKey(rule.service)));
  for (const [key, service] of services) {
    if (ruled.has(key)) continue;
    report(
      r,
      service.at ?? { sheet: budgetSheet },
      `${service.name} has budget lines but no row on the Rules sheet, so it is left out.`,
      "Add a Rules row for it if it is to be shared.",
      undefined,
      "warning",
    );
  }
}
