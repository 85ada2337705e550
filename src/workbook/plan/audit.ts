/**
 * The Audit sheet (RULES.md §8: "every apportionment the add-in writes shows its basis and
 * inputs, so each partner's section 151 officer can check it"): when and from what the tables were
 * made, each service's rule and the cells it came from, where rounding put each leftover penny,
 * a live check that every split adds up, and the warnings.
 */
import { Decimal, basisName, kindName } from "../../engine";
import { MARKER, a1, refText, sheetPrefix } from "../a1";
import { grouped, percentText, pounds } from "../format";
import type { ColumnUnits, FromCell, UnitsRead } from "../inputs";
import { ATTRIBUTION_COLUMNS as C, AttributionLayout } from "./attribution";
import { type ServiceResult, takingPart } from "../outcome";
import type { ScenarioTable } from "../outcome/scenarios";
import { SheetBuilder } from "./sheet";
import type { SheetPlan } from "./types";
import type { Scenario } from "../../engine";

/** Which scenario the tables show, how many estimates are ranges and, with any, the three side by side. */
export interface ScenarioInfo {
  shown: Scenario;
  ranges: number;
  table?: ScenarioTable;
}

const from = (cell: FromCell<unknown> | undefined): string => (cell ? refText(cell.at) : "");
/** The Audit sheet has always written a negative amount −£1,234.00. */
const money = (d: Decimal): string => pounds(d, "−");

export function auditSheet(
  name: string,
  services: readonly ServiceResult[],
  attribution: { name: string; layout: AttributionLayout },
  info: {
    marker: string;
    source: string;
    when: string;
    notes: readonly string[];
    /** The unit read for each money column (absent: the section is left out). */
    units?: readonly UnitsRead[];
    warnings: readonly string[];
    scenario?: ScenarioInfo;
  },
): SheetPlan {
  const b = new SheetBuilder("audit", name);
  b.text(1, 1, "Audit trail", "title");
  b.text(MARKER.row, MARKER.column, info.marker, "marker");
  let row = 4;
  const line = (label: string, text: string): void => {
    b.text(row, 1, label, "header");
    b.text(row++, 2, text);
  };
  line("Made", info.when);
  line("From", info.source);
  line("Scenario", scenarioText(info.scenario ?? { shown: "mid", ranges: 0 }));
  info.notes.forEach((n, i) => line(i === 0 ? "Read" : "", n));
  row++;

  b.text(row++, 1, "Rules applied (RULES.md §2–§6)", "header");
  b.headings(row++, [
    "Service",
    "Rules row",
    "Partners",
    "Basis",
    "Combined cost £",
    "Combined cost from",
    "Transitional cost £",
    "Phasing",
    "First year",
    "Kind",
    "Gain share",
    "Host",
    "Variance policy",
  ]);
  for (const s of services) {
    const r = s.rule;
    b.text(row, 1, r.service);
    b.text(row, 2, refText(r.at));
    b.text(row, 3, s.partners.map((p) => (takingPart(p) ? `${p.partner} (${takingPart(p)})` : p.partner)).join("; "));
    b.text(row, 4, `${basisName(r.basis.value)} (${from(r.basis)})`);
    b.number(row, 5, s.combinedCost, "money");
    b.text(
      row,
      6,
      s.costLines
        ? `${s.costLines.length} cost lines, ${s.costLines.map((l) => refText(l.entry.amount.at)).join(", ")}${r.newCost ? ` (agreeing with the new cost, ${from(r.newCost)})` : ""}`
        : r.newCost
          ? `new cost, ${from(r.newCost)}`
          : r.newCostByYear
            ? `new cost by year, ${from(r.newCostByYear)} (the last amount here; each year in the Attribution sheet's by-year section)`
            : `baseline ${money(s.totalBaseline)} less ${percentText(r.reduction!.value)}, ${from(r.reduction)}`,
    );
    b.number(row, 7, s.transitional, "money");
    b.text(
      row,
      8,
      r.phasing
        ? `${r.phasing.value.map(percentText).join(", ")} (${from(r.phasing)})`
        : r.phasingAmounts
          ? `${r.phasingAmounts.value.map(grouped).join("; ")}, in proportion (${from(r.phasingAmounts)})`
          : r.startMonth
            ? `part-year from month ${r.startMonth.value} (${from(r.startMonth)})`
            : "all in the first year",
    );
    b.text(row, 9, r.firstYear.value);
    b.text(row, 10, kindName(r.kind.value));
    b.text(row, 11, r.gainShare ? `${percentText(r.gainShare.value)} (${from(r.gainShare)})` : "");
    b.text(row, 12, r.host?.value ?? "");
    b.text(row, 13, r.variancePolicy.value === "host-bears" ? "host bears" : "share now");
    row++;
  }
  row++;

  b.text(
    row++,
    1,
    "Where the leftover pennies went (RULES.md §1: largest remainders, ties to the larger weight, then the earlier partner)",
    "header",
  );
  b.headings(row++, ["Service", "Split", "Amount £", "Leftover pennies", "Given to"]);
  for (const s of services) {
    const splits = [
      { label: "Combined cost", amount: s.combinedCost, pick: "cost" as const },
      { label: "Gain share", amount: s.gainShare, pick: "gainShare" as const },
      { label: "Transitional cost", amount: s.transitional, pick: "transitional" as const },
    ];
    // With cost lines, each line is a split of its own (among its bearers).
    const lines = (s.costLines ?? []).map((l, i) => ({
      label: `Cost line "${l.entry.line ?? `line ${i + 1}`}"`,
      amount: l.entry.amount.value,
      given: s.partners.filter((_, k) => l.roundedUp[k]).map((p) => p.partner),
    }));
    const rest = splits
      .filter((x) => !(s.costLines && x.pick === "cost"))
      .map((x) => ({
        label: x.label,
        amount: x.amount,
        given: s.partners.filter((p) => p.roundedUp[x.pick]).map((p) => p.partner),
      }));
    for (const split of [...lines, ...rest]) {
      if (split.amount.isZero()) continue;
      const given = split.given;
      b.text(row, 1, s.rule.service);
      b.text(row, 2, split.label);
      b.number(row, 3, split.amount, "money");
      b.number(row, 4, new Decimal(given.length), "number");
      b.text(row, 5, given.length === 0 ? "none: the split came out exact" : given.join(", "));
      row++;
    }
  }
  row++;

  b.text(row++, 1, "Checks: each split adds up to what was split (live)", "header");
  b.headings(row++, ["Service", "Combined cost £", "Sum of cost shares £", "Difference £"]);
  const ref = (r: number, c: number): string => `${sheetPrefix(attribution.name)}${a1(r, c)}`;
  services.forEach((s, i) => {
    const block = attribution.layout.blocks[i];
    b.text(row, 1, s.rule.service);
    b.formula(row, 2, `=${ref(block.totalRow, C.cost)}`, s.combinedCost, "money");
    const sumRange = `${sheetPrefix(attribution.name)}${a1(block.firstRow, C.cost)}:${a1(block.totalRow - 1, C.cost)}`;
    b.formula(row, 3, `=SUM(${sumRange})`, s.combinedCost, "money");
    b.formula(row, 4, `=C${row}-B${row}`, new Decimal(0), "money");
    row++;
    // Where the partners change, each year's split too (RULES.md §2): the partners taking part that year.
    const by = block.byYear;
    if (by)
      s.overTime.years.forEach((y) => {
        const c = by.yearColumn(y.year);
        b.text(row, 1, `${s.rule.service}, ${y.year} (${y.partners.join(", ")})`);
        b.formula(row, 2, `=${ref(by.costRow, c)}`, y.combinedCost, "money");
        const shares = `${sheetPrefix(attribution.name)}${a1(by.costShareRows[0], c)}:${a1(by.costShareRows[by.costShareRows.length - 1], c)}`;
        b.formula(row, 3, `=SUM(${shares})`, y.combinedCost, "money");
        b.formula(row, 4, `=C${row}-B${row}`, new Decimal(0), "money");
        row++;
      });
  });
  row++;

  row = oneOffSection(b, row, services, attribution);

  // RULES.md §8: a council thinking of withdrawing compares its contribution with going alone.
  const tests = services.flatMap((s) => s.standAlone.map((t) => ({ s, t })));
  if (tests.length > 0) {
    b.text(
      row++,
      1,
      "Stand-alone test for each partner leaving (RULES.md §8): its contribution had it stayed, against running the service alone at its baseline",
      "header",
    );
    b.headings(row++, [
      "Service",
      "Partner",
      "Year",
      "Contribution if it stays £",
      "Cost alone £",
      "Difference £",
      "Cheaper",
    ]);
    for (const { s, t } of tests) {
      const first = row;
      for (const y of t.years) {
        b.text(row, 1, s.rule.service);
        b.text(row, 2, t.partner);
        b.text(row, 3, y.year);
        b.number(row, 4, y.contribution, "money");
        b.number(row, 5, y.standAlone, "money");
        b.formula(row, 6, `=E${row}-D${row}`, y.difference, "money");
        b.text(row, 7, y.cheaper === "same" ? "the same" : y.cheaper === "partnership" ? "staying in" : "going alone");
        row++;
      }
      // A council that withdraws bears its own consequent costs (`003` ch. 3, 18): they count for staying.
      if (!t.exitCost.isZero()) {
        b.text(row, 1, s.rule.service);
        b.text(row, 2, t.partner);
        b.text(row, 3, "Costs of leaving: borne alone, and its part of termination costs, in these years");
        b.number(row, 6, t.exitCost, "money");
        row++;
        b.text(row, 1, s.rule.service);
        b.text(row, 2, t.partner);
        b.text(row, 3, "Staying saves, over these years, after the costs of leaving");
        b.formula(row, 6, `=SUM(F${first}:F${row - 1})`, t.benefitOfStaying, "money");
        b.text(
          row,
          7,
          t.benefitOfStaying.isNegative() ? "going alone" : t.benefitOfStaying.isZero() ? "the same" : "staying in",
        );
        row++;
      }
    }
    row++;
  }

  if (info.scenario?.table) row = scenarioSection(b, row, info.scenario.table);
  if (info.units && info.units.length > 0) row = unitsSection(b, row, info.units);

  b.text(row++, 1, "Warnings", "header");
  if (info.warnings.length === 0) b.text(row++, 1, "None.");
  for (const w of info.warnings) b.text(row++, 1, w);
  return b.build({ widths: [26, 16, 40, 26, 16, 36, 16, 28, 10, 14, 16, 18, 14] });
}

const SCENARIO_NAMES: Record<Scenario, string> = {
  low: "low (the lower saving: the high end of each cost, the low end of each reduction)",
  mid: "mid (the mid-range value of each range)",
  high: "high (the higher saving: the low end of each cost, the high end of each reduction)",
};

/** The Audit's Scenario line: which scenario the tables show (RULES.md §1). */
export function scenarioText(s: ScenarioInfo): string {
  if (s.ranges === 0)
    return `The tables show scenario ${s.shown}; no estimate is given as a range, so low, mid and high give the same tables (RULES.md §1).`;
  return (
    `The tables show scenario ${SCENARIO_NAMES[s.shown]}; ${s.ranges} estimate${s.ranges === 1 ? " is a range" : "s are ranges"} ` +
    "(listed above), and the Scenarios section below gives each partner's saving under low, mid and high (RULES.md §1)."
  );
}

/**
 * Each partner's total saving under low, mid and high side by side (RULES.md §1): values the
 * add-in worked out for each scenario, since the workbook's formulas show one.
 */
function scenarioSection(b: SheetBuilder, start: number, table: ScenarioTable): number {
  let row = start;
  const span = table.years.length === 0 ? "" : ` over ${table.years[0]} to ${table.years[table.years.length - 1]}`;
  b.text(
    row++,
    1,
    `Scenarios (RULES.md §1): each partner's saving under the low, mid and high ends of the ranges; the tables show ${table.shown}`,
    "header",
  );
  b.headings(row++, [
    "Partner",
    "Saving a year, low £",
    "Saving a year, mid £",
    "Saving a year, high £",
    `Cashable saving${span}, low £`,
    `Cashable saving${span}, mid £`,
    `Cashable saving${span}, high £`,
  ]);
  for (const l of table.lines) {
    b.text(row, 1, l.partner ?? "All partners");
    (["low", "mid", "high"] as const).forEach((s, i) => {
      const fullYear = l.fullYear[s];
      const overYears = l.overYears[s];
      if (fullYear === undefined) b.text(row, 2 + i, "not worked out");
      else b.number(row, 2 + i, fullYear, "money");
      if (overYears === undefined) b.text(row, 5 + i, "not worked out");
      else b.number(row, 5 + i, overYears, "money");
    });
    row++;
  }
  b.text(
    row++,
    1,
    "Saving a year: baseline less cost share and gain share, all kinds, added up over the partner's services (as the Attribution sheet). " +
      "Cashable saving: the Savings profile's saving in force each year, added up. Transitional costs are not taken off.",
    "note",
  );
  for (const u of table.unavailable) b.text(row++, 1, `Scenario ${u.scenario} could not be worked out: ${u.reason}`);
  return row + 1;
}

/**
 * Each one-off cost of a Transitional cost list and who bears it (RULES.md §4, §8): shared by net
 * reduction among the partners taking part (or those named), or borne by one partner alone (an
 * extra above the common terms, a leaver's own consequent costs), with a live check that the
 * Attribution sheet's by-year rows for it add up to the amount.
 */
function oneOffSection(
  b: SheetBuilder,
  start: number,
  services: readonly ServiceResult[],
  attribution: { name: string; layout: AttributionLayout },
): number {
  const listed = services.flatMap((s, i) => (s.rule.oneOffs ? [{ s, by: attribution.layout.blocks[i].byYear }] : []));
  if (listed.length === 0) return start;
  let row = start;
  b.text(row++, 1, "One-off costs by year and who bears them (RULES.md §4, §8)", "header");
  b.headings(row++, [
    "Service",
    "Year",
    "Amount £",
    "Borne by",
    "How",
    "On the Attribution sheet £",
    "Difference £",
    "Rules cell",
  ]);
  const ref = (r: number, c: number): string => `${sheetPrefix(attribution.name)}${a1(r, c)}`;
  for (const { s, by } of listed)
    for (const o of s.rule.oneOffs!.value) {
      const year = o.year ?? s.rule.firstYear.value;
      const y = s.overTime.years.find((x) => x.year === year);
      if (by === undefined || y === undefined) continue;
      const c = by.yearColumn(year);
      b.text(row, 1, s.rule.service);
      b.text(row, 2, year);
      b.number(row, 3, o.amount, "money");
      if (o.bornBy !== undefined) {
        const i = s.partners.findIndex((p) => p.partner === o.bornBy);
        b.text(row, 4, o.bornBy);
        b.text(row, 5, "alone: an extra above the common terms, or its own cost of leaving");
        if (by.extraRows && i >= 0)
          b.formula(
            row,
            6,
            `=${ref(by.extraRows[i], c)}`,
            s.overTime.partners[i].years[s.overTime.years.indexOf(y)].extra,
            "money",
          );
      } else {
        const bearers = y.oneOffs?.[0]?.lines.map((l) => l.partner) ?? y.partners;
        b.text(row, 4, bearers.join(", "));
        b.text(
          row,
          5,
          o.basis
            ? `shared by ${basisName(o.basis)}, the manner named (termination costs, RULES.md §8)`
            : "shared by net reduction in spending",
        );
        if (by.oneOffRows)
          b.formula(
            row,
            6,
            `=SUM(${ref(by.oneOffRows[0], c)}:${a1(by.oneOffRows[by.oneOffRows.length - 1], c)})`,
            y.oneOff.minus(y.extras),
            "money",
          );
      }
      b.formula(row, 7, `=F${row}-C${row}`, new Decimal(0), "money");
      b.text(row, 8, refText(s.rule.oneOffs!.at));
      row++;
    }
  return row + 1;
}

const UNIT_NAMES = { pounds: "pounds", thousands: "£000s (× 1,000)" } as const;

/** Where a column's unit came from, as the Units read list says it. */
function unitSource(c: ColumnUnits): string {
  const title = c.title ? `the title at ${refText(c.title.at)} ("${c.title.text}")` : "";
  switch (c.from) {
    case "heading":
      return c.title && c.units === "pounds"
        ? `its heading, which wins for this column over ${title}, which says £000s`
        : "its heading";
    case "title":
      return title;
    case "totalled":
      return "the partners' columns it totals (its heading gives no unit)";
    default:
      return "no unit in its heading or a title: pounds";
  }
}

/**
 * Units read (README "Input template"): each money column's unit, sheet by sheet, and where it
 * came from (its heading, else a title above the headings, else pounds), so a £000s column read
 * as pounds, or the other way round, can be seen before a figure is trusted.
 */
function unitsSection(b: SheetBuilder, start: number, units: readonly UnitsRead[]): number {
  let row = start;
  b.text(
    row++,
    1,
    "Units read: each money column's unit (its heading's, else the title's above the headings, else pounds)",
    "header",
  );
  b.headings(row++, ["Sheet", "Column", "Heading", "Unit", "From"]);
  for (const sheet of units)
    for (const c of sheet.columns) {
      b.text(row, 1, sheet.sheet);
      b.text(row, 2, a1(c.at.row, c.at.column));
      b.text(row, 3, c.heading);
      b.text(row, 4, UNIT_NAMES[c.units]);
      b.text(row, 5, unitSource(c));
      row++;
    }
  b.text(
    row++,
    1,
    "A Rules sheet's Phasing column is listed where it gives amounts. Everything the add-in writes is in pounds.",
    "note",
  );
  return row + 1;
}
