/**
 * The Rules sheet: one row per service to share, saying how (README "Input template"). Each cell
 * is read on its own (rule-values.ts); the checks against the other sheets are in rule-checks.ts.
 */
import { type Decimal, formatYear, parseYear } from "../../engine";
import { CellRef, cellAt, isBlankCell } from "../grid";
import type { FromCell, MoneyCell, OneOffEntry, RulePartner, RulesSheet, ServiceRule, Units } from "../inputs";
import { grouped } from "../format";
import { Reading, nameKey, readText, ref, report, rowIsBlank } from "./cells";
import { Field, HeadingRow, SheetColumns, readHeadings, readUnits, requireColumns, unitsText } from "./headings";
import { Canonical } from "./names";
import {
  Read,
  readAmount,
  readBasis,
  readKind,
  readCostByYear,
  readOneOffs,
  readPartnerList,
  readPhasing,
  readPolicy,
  readRate,
  readRateOrRange,
  readStartMonth,
  readYear,
} from "./rule-values";
import { isAmountPhasing, readPhasingAmounts } from "./phasing";
import { roleLabel } from "./sheets";
import { readYearsCovered } from "./years-covered";

const ONE_OF = "Give a New cost or a Reduction column: one of the two is required.";

export const RULES_COLUMNS: SheetColumns = {
  fields: [
    "service",
    "partners",
    "basis",
    "newCost",
    "reduction",
    "transitional",
    "phasing",
    "startMonth",
    "firstYear",
    "kind",
    "gainShare",
    "host",
    "variancePolicy",
  ],
  required: ["service", "firstYear"],
  notes: { newCost: ONE_OF, reduction: ONE_OF },
};

/** The Rules sheet, and for each rule the fields whose cells had a problem (so later checks skip them). */
export interface RulesRead {
  sheet: RulesSheet;
  bad: Map<ServiceRule, Set<Field>>;
}

/** `costed`: the services (by nameKey) with lines on the Costs sheet, whose combined cost is their sum. */
export function readRules(
  r: Reading,
  names: Canonical,
  measures: readonly string[],
  costed: ReadonlySet<string> = new Set(),
): RulesRead | undefined {
  const sheet = r.grid.name;
  const headings = readHeadings(r, RULES_COLUMNS.fields, "Service, Partners, Basis, New cost, First year");
  if (headings === undefined) return undefined;
  let ok = requireColumns(r, headings, RULES_COLUMNS.required);
  const c = headings.columns;
  if (c.newCost === undefined && c.reduction === undefined && costed.size === 0) {
    ok = false;
    report(
      r,
      ref(sheet, headings.row, headings.lastColumn + 1),
      `There is no New cost or Reduction column in the headings (row ${headings.row}).`,
      "Add a column headed New cost (the combined service's ongoing cost) or Reduction (a target such as 20%).",
    );
  }
  if (!ok) return undefined;
  // Phasing is money only where it is given as amounts: then its column's unit applies to them.
  const phasingAmounts =
    c.phasing !== undefined &&
    r.grid.values.some((_, i) => i >= headings.row && isAmountPhasing(r, ref(sheet, i + 1, c.phasing as number)));
  const units = readUnits(
    r,
    headings,
    [c.newCost, c.transitional, phasingAmounts ? c.phasing : undefined].filter((x): x is number => x !== undefined),
  );
  const rules: ServiceRule[] = [];
  const bad = new Map<ServiceRule, Set<Field>>();
  const seen = new Map<string, number>();
  const used = Object.values(c);
  for (let row = headings.row + 1; row <= r.grid.values.length; row++) {
    if (rowIsBlank(r.grid, row, used)) continue;
    const rule = readRow(r, headings, row, (field) => units.of(c[field] ?? 0), names, measures, costed);
    if (rule === undefined) continue;
    const key = nameKey(rule.service);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      report(
        r,
        rule.at,
        `${rule.service} is in the Rules sheet twice (row ${earlier} and row ${row}).`,
        "Keep one row per service: delete or merge the other.",
      );
      continue;
    }
    seen.set(key, row);
    rules.push(rule.rule);
    bad.set(rule.rule, rule.bad);
  }
  if (rules.length === 0)
    report(
      r,
      { sheet },
      `The Rules sheet has no services under its headings (row ${headings.row}).`,
      "Add a row for each service to share.",
    );
  r.notes.push(
    `${roleLabel("rules", r.grid)}: headings in row ${headings.row}, ${rules.length} services, ${unitsText(units.sheet)}.`,
  );
  const years = readYearsCovered(r, headings.row);
  return { sheet: { sheet, headerRow: headings.row, units: units.sheet, rules, ...(years ? { years } : {}) }, bad };
}

/** One row, every cell checked; `bad` holds the fields whose cells had a problem. Undefined: no Service. */
function readRow(
  r: Reading,
  headings: HeadingRow,
  row: number,
  /** The unit of a money field's column (README "Input template": a heading's, else the title's, else pounds). */
  unitOf: (field: Field) => Units,
  names: Canonical,
  measures: readonly string[],
  costed: ReadonlySet<string>,
): { service: string; at: CellRef; bad: Set<Field>; rule: ServiceRule } | undefined {
  const c = headings.columns;
  const sheet = r.grid.name;
  const at = ref(sheet, row, c.service as number);
  // An absent column's default still needs a cell: the row's Service cell stands in.
  const cell = (field: Field): CellRef => ref(sheet, row, c[field] ?? (c.service as number));
  const has = (field: Field): boolean => c[field] !== undefined && !isBlankCell(cellAt(r.grid, row, c[field]));
  const written = readText(r, at, "Service");
  if (written === undefined) {
    if (isBlankCell(cellAt(r.grid, row, at.column)))
      report(
        r,
        at,
        `Row ${row} of the Rules sheet has no Service.`,
        "Enter the service's name as the Budget sheet has it, or delete the row.",
      );
    return undefined;
  }
  const service = names.service(written);
  const bad = new Set<Field>();
  const take = <T>(field: Field, value: Read<T>): T | undefined => {
    if (value === null) bad.add(field);
    return value ?? undefined;
  };
  const from = <T>(field: Field, value: T | undefined): FromCell<T> | undefined =>
    value === undefined ? undefined : { value, at: cell(field) };
  const money = (field: Field, heading: string, rule: string): MoneyCell | undefined => {
    if (!has(field)) return undefined;
    // A range (RULES.md §1) takes the scenario's figure: readAmount.
    const m = take(field, readAmount(r, cell(field), `${heading} for ${service}`, unitOf(field)));
    if (m !== undefined && m.value.isNegative() && !m.value.isZero()) {
      report(r, m.at, `${heading} for ${service} is negative (${m.value.toString()}).`, "Enter zero or more.", rule);
      bad.add(field);
      return undefined;
    }
    return m;
  };

  const partnersRead = has("partners") ? take("partners", readPartnerList(r, cell("partners"), service)) : undefined;
  const partners = partnersRead?.map((p) => ({ ...p, partner: names.partner(p.partner) }));
  const basis = has("basis") ? take("basis", readBasis(r, cell("basis"), service, measures)) : undefined;
  // A New cost or Transitional cost written as text is a list by year (and by who bears it).
  // Only a list is read as text; a lone amount typed as text stays the "text, not a number" problem.
  const isText = (field: Field): boolean => {
    const value = has(field) ? cellAt(r.grid, row, c[field] as number) : null;
    const words = field === "newCost" ? /;|\sfrom\s/i : /;|\s(in|for|borne\s+by)\s/i;
    return typeof value === "string" && words.test(value);
  };
  const newCostByYear = isText("newCost")
    ? take("newCost", readCostByYear(r, cell("newCost"), service, unitOf("newCost")))
    : undefined;
  const newCost = isText("newCost") ? undefined : money("newCost", "New cost", "§5");
  const reductionRead = has("reduction")
    ? take("reduction", readRateOrRange(r, cell("reduction"), `Reduction for ${service}`, "§5"))
    : undefined;
  if (has("newCost") && has("reduction")) {
    bad.add("reduction");
    report(
      r,
      cell("reduction"),
      `Both New cost and Reduction are given for ${service}.`,
      "Keep one: the combined service's new cost, or a target reduction.",
      "§5",
    );
  } else if (!has("newCost") && !has("reduction") && !costed.has(nameKey(service))) {
    bad.add("newCost");
    report(
      r,
      cell(c.newCost !== undefined ? "newCost" : "reduction"),
      `Neither New cost nor Reduction is given for ${service}.`,
      "Enter the combined service's ongoing cost in New cost, a target reduction (such as 20%) in Reduction, or its cost lines on a Costs sheet.",
      "§5",
    );
  }
  const oneOffs = isText("transitional")
    ? take(
        "transitional",
        readOneOffs(r, cell("transitional"), service, unitOf("transitional"), undefined, measures),
      )?.map((o) =>
        o.partners
          ? { ...o, partners: o.partners.map((p) => names.partner(p)) }
          : o.bornBy
            ? { ...o, bornBy: names.partner(o.bornBy) }
            : o,
      )
    : undefined;
  const transitional = isText("transitional") ? undefined : money("transitional", "Transitional cost", "§4");
  // Phasing as amounts ("2,700,000; 2,600,000"), or as percentages (read/phasing.ts).
  const byAmounts = has("phasing") && isAmountPhasing(r, cell("phasing"));
  const phasing = has("phasing") && !byAmounts ? take("phasing", readPhasing(r, cell("phasing"), service)) : undefined;
  const phasingAmounts = byAmounts
    ? take("phasing", readPhasingAmounts(r, cell("phasing"), service, unitOf("phasing")))
    : undefined;
  const startMonth = has("startMonth") ? take("startMonth", readStartMonth(r, cell("startMonth"), service)) : undefined;
  if (has("phasing") && has("startMonth")) {
    bad.add("startMonth");
    report(
      r,
      cell("startMonth"),
      `Both Phasing and Start month are given for ${service}.`,
      "Clear one: a saving is either phased over years, or starts part-way through its first year.",
      "§6",
    );
  }
  const firstYear = take("firstYear", readYear(r, cell("firstYear"), `First year for ${service}`, "§6"));
  if (!has("firstYear")) {
    bad.add("firstYear");
    report(
      r,
      cell("firstYear"),
      `First year for ${service} is blank.`,
      "Enter the financial year the saving starts, like 2011/12.",
      "§6",
    );
  }
  if (partners !== undefined && firstYear !== undefined && firstYear !== null) {
    const bad = outsideService(partners, firstYear);
    if (bad !== undefined) {
      report(r, cell("partners"), `Partners for ${service}: ${bad.message}`, bad.fix, "§8");
      take("partners", null);
    }
  }
  if (firstYear !== undefined && firstYear !== null) {
    const first = parseYear(firstYear);
    const costFrom = newCostByYear?.[0]?.from;
    if (costFrom !== undefined && parseYear(costFrom) > first) {
      report(
        r,
        cell("newCost"),
        `New cost for ${service} starts from ${costFrom}, so ${firstYear}, the First year, has no cost.`,
        "Give the cost from the first year without a year (1,200,000; 1,500,000 from 2013/14).",
        "§5",
      );
      take("newCost", null);
    }
    const early = oneOffs?.find((o) => o.year !== undefined && parseYear(o.year) < first);
    if (early !== undefined) {
      report(
        r,
        cell("transitional"),
        `Transitional cost for ${service} falls in ${early.year}, before the First year, ${firstYear}.`,
        `Give a year from ${firstYear} on, or correct the First year.`,
        "§4",
      );
      take("transitional", null);
    }
    const outside = early === undefined ? oneOffOutside(oneOffs ?? [], partners ?? [], firstYear) : undefined;
    if (outside !== undefined) {
      report(r, cell("transitional"), `Transitional cost for ${service}: ${outside.message}`, outside.fix, "§4");
      take("transitional", null);
    }
  }
  const kind = has("kind") ? take("kind", readKind(r, cell("kind"), service)) : undefined;
  const gainShare: Decimal | undefined = has("gainShare")
    ? take("gainShare", readRate(r, cell("gainShare"), `Gain share for ${service}`, "§5"))
    : undefined;
  const hostText = has("host") ? readText(r, cell("host"), `Host for ${service}`) : undefined;
  if (has("host") && hostText === undefined) bad.add("host");
  const variancePolicy = has("variancePolicy")
    ? take("variancePolicy", readPolicy(r, cell("variancePolicy"), service))
    : undefined;

  const rule: ServiceRule = {
    service,
    at,
    ...(partners === undefined ? {} : { partners: { value: partners, at: cell("partners") } }),
    basis: { value: basis ?? { kind: "demand" }, at: cell("basis") },
    ...(newCost === undefined ? {} : { newCost }),
    ...optional("newCostByYear", from("newCost", newCostByYear)),
    ...optional(
      "reduction",
      reductionRead === undefined
        ? undefined
        : {
            ...from("reduction", reductionRead.value)!,
            ...(reductionRead.range ? { range: reductionRead.range } : {}),
          },
    ),
    ...(transitional === undefined ? {} : { transitional }),
    ...optional("oneOffs", from("transitional", oneOffs)),
    ...optional("phasing", from("phasing", phasing)),
    ...optional("phasingAmounts", from("phasing", phasingAmounts)),
    ...optional("startMonth", from("startMonth", startMonth)),
    firstYear: { value: firstYear ?? "", at: cell("firstYear") },
    kind: { value: kind ?? "cashable", at: cell("kind") },
    ...optional("gainShare", from("gainShare", gainShare)),
    ...optional("host", from("host", hostText === undefined ? undefined : names.partner(hostText))),
    variancePolicy: { value: variancePolicy ?? "host-bears", at: cell("variancePolicy") },
  };
  return { service, at, bad, rule };
}

/**
 * A partner whose leaving or notice falls before the service starts: its last year in before the
 * first year, or notice given in a year it is not in (RULES.md §8).
 */
function outsideService(
  partners: readonly RulePartner[],
  firstYear: string,
): { message: string; fix: string } | undefined {
  const first = parseYear(firstYear);
  for (const p of partners) {
    const from = Math.max(first, p.joins === undefined ? first : parseYear(p.joins));
    if (p.notice !== undefined && parseYear(p.notice.year) < from)
      return {
        message: `${p.partner} gives notice in ${p.notice.text} (${p.notice.year}), a year it is not in: it takes part from ${formatYear(from)}.`,
        fix: `Give notice in ${formatYear(from)} or later, or correct the First year.`,
      };
    if (p.notice === undefined && p.leaves !== undefined && parseYear(p.leaves) <= from)
      return {
        message: `${p.partner} leaves (until ${formatYear(parseYear(p.leaves) - 1)}) before it takes part (from ${formatYear(from)}).`,
        fix: `Make its last year (until) ${formatYear(from)} or later, or correct the First year.`,
      };
  }
  return undefined;
}

/** `{ key: value }`, or nothing when value is undefined (so optional fields stay absent). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * A one-off cost named for (or borne by) a partner in a year it does not take part in: not yet
 * joined, or gone (RULES.md §4, §8: a leaver bears its consequent costs while it is still in).
 */
function oneOffOutside(
  oneOffs: readonly OneOffEntry[],
  partners: readonly RulePartner[],
  firstYear: string,
): { message: string; fix: string } | undefined {
  for (const o of oneOffs) {
    const year = o.year ?? firstYear;
    for (const name of o.partners ?? (o.bornBy === undefined ? [] : [o.bornBy])) {
      const p = partners.find((x) => nameKey(x.partner) === nameKey(name));
      if (p === undefined) continue; // not a partner at all: the checks against the Budget say so
      const what = `${grouped(o.amount)} in ${year} is ${o.bornBy === undefined ? "named for" : "borne by"} ${p.partner}`;
      if (p.joins !== undefined && parseYear(year) < parseYear(p.joins))
        return {
          message: `${what}, which joins from ${p.joins}, so it does not take part then.`,
          fix: `Give the cost a year from ${p.joins} on, or name partners taking part in ${year}.`,
        };
      if (p.leaves !== undefined && parseYear(year) >= parseYear(p.leaves))
        return {
          message: `${what}, which has left by then (its last year in is ${formatYear(parseYear(p.leaves) - 1)}).`,
          fix: `A leaving partner bears its own costs while it takes part: give a year up to ${formatYear(parseYear(p.leaves) - 1)}, or name partners taking part in ${year}.`,
        };
    }
  }
  return undefined;
}
