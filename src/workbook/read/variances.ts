/**
 * The Variances sheet (optional): in-year variances from a service's budget, each with its cause,
 * for the Variance shares sheet (RULES.md §3, `003` ch. 11). An overspend is positive and an
 * underspend negative. The cause decides who bears it: demand, quality and direct costs by the
 * expected-cost shares; a specification change by the partner that made it (named in Partner);
 * a host's indirect cost by the service's Variance policy on the Rules sheet (host bears, with
 * next-year adjustments, or share now).
 */
import type { VarianceCause } from "../../engine";
import type { CellRef } from "../grid";
import type { FromCell, ServiceRule, VarianceEntry, VariancesSheet } from "../inputs";
import { Reading, listed, nameKey, readMoney, readText, ref, report, rowIsBlank } from "./cells";
import type { Catalogue } from "./catalogue";
import { SheetColumns, headingKey, readHeadings, readUnits, requireColumns, unitsText } from "./headings";
import type { Canonical } from "./names";
import { readYear } from "./rule-values";
import { roleLabel } from "./sheets";

export const VARIANCES_COLUMNS: SheetColumns = {
  fields: ["service", "year", "cause", "variance", "partner", "note"],
  required: ["service", "year", "cause", "variance"],
  notes: { partner: "needed for a specification change" },
};

/** The causes as a finance officer writes them (letters and digits only, lower case). */
const CAUSES: Record<string, VarianceCause> = {
  demand: "demand",
  quality: "quality",
  direct: "direct",
  directcost: "direct",
  directcosts: "direct",
  specification: "specification",
  specificationchange: "specification",
  indirect: "indirect",
  indirectcost: "indirect",
  indirectcosts: "indirect",
  hostindirect: "indirect",
  hostindirectcost: "indirect",
  hostindirectcosts: "indirect",
  hostsindirectcost: "indirect",
  hostsindirectcosts: "indirect",
};

export const CAUSE_NAMES: Record<VarianceCause, string> = {
  demand: "demand",
  quality: "quality",
  direct: "direct cost",
  specification: "specification change",
  indirect: "host indirect cost",
};

const CAUSE_LIST = "demand, quality, direct cost, specification change or host indirect cost";

/** What the Variances sheet is checked against; undefined where the Rules or Budget could not be read. */
export interface Known {
  rules?: readonly ServiceRule[];
  services?: Catalogue;
}

export function readVariances(r: Reading, names: Canonical, known: Known): VariancesSheet | undefined {
  const sheet = r.grid.name;
  const headings = readHeadings(r, VARIANCES_COLUMNS.fields, "Service, Year, Cause, Amount, Partner, Note");
  if (headings === undefined || !requireColumns(r, headings, VARIANCES_COLUMNS.required)) return undefined;
  const c = headings.columns as Record<"service" | "year" | "cause" | "variance", number> &
    Partial<Record<"partner" | "note", number>>;
  const units = readUnits(r, headings, [c.variance]);
  const used = Object.values(c).filter((x): x is number => x !== undefined);
  const lines: VarianceEntry[] = [];
  for (let row = headings.row + 1; row <= r.grid.values.length; row++) {
    if (rowIsBlank(r.grid, row, used)) continue;
    const at = (column: number) => ref(sheet, row, column);
    const serviceText = readText(r, at(c.service), "Service");
    if (serviceText === undefined)
      report(r, at(c.service), "This Variances line has no Service.", "Enter it, or delete the line.", "§3");
    const service = serviceText === undefined ? undefined : names.service(serviceText);
    const who = service ?? "this line";
    const year = readYear(r, at(c.year), `Year for the variance on ${who}`, "§3");
    if (year === undefined)
      report(
        r,
        at(c.year),
        `Year for the variance on ${who} is blank.`,
        "Enter the financial year, like 2012/13.",
        "§3",
      );
    const cause = readCause(r, at(c.cause), who);
    const amountBlank = rowIsBlank(r.grid, row, [c.variance]);
    if (amountBlank)
      report(
        r,
        at(c.variance),
        `Amount for the variance on ${who} is blank.`,
        "Enter the variance: an overspend positive, an underspend negative.",
        "§3",
      );
    const amount = amountBlank
      ? undefined
      : readMoney(r, at(c.variance), `Amount for the variance on ${who}`, units.of(c.variance));
    const partnerText = c.partner === undefined ? undefined : readText(r, at(c.partner), "Partner");
    const partner: FromCell<string> | undefined =
      partnerText === undefined || c.partner === undefined
        ? undefined
        : { value: names.partner(partnerText), at: at(c.partner) };
    const note = c.note === undefined ? undefined : readText(r, at(c.note), "Note");
    if (service === undefined || year === undefined || year === null || cause === undefined || amount === undefined)
      continue;
    const entry: VarianceEntry = {
      service,
      at: at(c.service),
      year: { value: year, at: at(c.year) },
      cause,
      amount,
      ...(partner === undefined ? {} : { partner }),
      ...(note === undefined ? {} : { note }),
    };
    if (checkEntry(r, entry, c.partner === undefined ? ref(sheet, row, headings.lastColumn + 1) : at(c.partner), known))
      lines.push(entry);
  }
  r.notes.push(
    `${roleLabel("variances", r.grid)}: headings in row ${headings.row}, ${lines.length} variances, ${unitsText(units.sheet)}.`,
  );
  return { sheet, headerRow: headings.row, units: units.sheet, lines };
}

function readCause(r: Reading, at: CellRef, who: string): FromCell<VarianceCause> | undefined {
  const text = readText(r, at, `Cause for the variance on ${who}`);
  if (text === undefined) {
    if (rowIsBlank(r.grid, at.row, [at.column]))
      report(r, at, `Cause for the variance on ${who} is blank.`, `Enter ${CAUSE_LIST}.`, "§3");
    return undefined;
  }
  const cause = CAUSES[headingKey(text)];
  if (cause === undefined) {
    report(
      r,
      at,
      `Cause for the variance on ${who} is "${text}", which is not a cause the add-in knows.`,
      `Enter ${CAUSE_LIST}: the cause decides who bears the variance.`,
      "§3",
    );
    return undefined;
  }
  return { value: cause, at };
}

/** The service is on the Rules sheet; a specification change names one of its partners; a host-bears indirect cost has a host. */
function checkEntry(r: Reading, entry: VarianceEntry, partnerAt: CellRef, known: Known): boolean {
  const cause = entry.cause.value;
  if (cause === "specification" && entry.partner === undefined) {
    report(
      r,
      partnerAt,
      `The specification change on ${entry.service} (${entry.year.value}) names no partner: a specification change is borne in full by the partner that made it.`,
      "Enter the partner that changed its specification in the Partner column.",
      "§3",
    );
    return false;
  }
  if (cause !== "specification" && entry.partner !== undefined)
    report(
      r,
      entry.partner.at,
      `${entry.partner.value} is named for a ${CAUSE_NAMES[cause]} variance on ${entry.service}, but only a specification change is borne by one partner; it is shared by its rule.`,
      "Leave Partner blank, or change the cause to specification change if that partner alone caused it.",
      "§3",
      "warning",
    );
  if (known.rules === undefined) return true;
  const rule = known.rules.find((x) => nameKey(x.service) === nameKey(entry.service));
  if (rule === undefined) {
    report(
      r,
      entry.at,
      `${entry.service} is not a service on the Rules sheet, so there are no shares to split its variance by.`,
      "Spell it as the Rules sheet does, or delete the line.",
      "§3",
    );
    return false;
  }
  if (cause === "indirect" && rule.variancePolicy.value === "host-bears" && rule.host === undefined) {
    report(
      r,
      entry.cause.at,
      `A host indirect cost on ${entry.service} is borne by the host under the host-bears policy, but the Rules sheet names no host for ${entry.service}.`,
      `Enter the host in the Host column of the Rules sheet, or set its Variance policy to share now.`,
      "§3",
    );
    return false;
  }
  if (cause !== "specification" || entry.partner === undefined) return true;
  const service = known.services?.get(nameKey(rule.service));
  if (rule.partners === undefined && (service === undefined || service.incomplete)) return true;
  const partners =
    rule.partners?.value.map((p) => p.partner) ?? [...(service?.partners.values() ?? [])].map((p) => p.name);
  if (!partners.some((p) => nameKey(p) === nameKey(entry.partner?.value ?? ""))) {
    report(
      r,
      entry.partner.at,
      `${entry.partner.value} is not a partner in ${entry.service} (its partners are ${listed(partners)}).`,
      "Name the partner that changed its specification as the Rules and Budget sheets spell it.",
      "§3",
    );
    return false;
  }
  return true;
}
