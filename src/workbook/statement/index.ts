/**
 * One partner council's own statement (issue 18, RULES.md §8: "no council can be made to accept a
 * cost its decision makers have not agreed"): the figures that fall on that council, for its
 * section 151 officer to check and sign off. Each service it takes part in with the basis, weight,
 * share, baseline, cost share, gain share, saving and transitional cost, beside the partnership's
 * totals; its savings by financial year as MTFS lines; its benefit realisation where tracked; the
 * fairness flag and the stand-alone test as they concern it; the rules and the input cells each
 * figure came from in the partnership's workbook; and a sign-off block. Another council's figures
 * appear only inside the partnership's totals. Values and plain formulas only (SUM, ROUND and
 * references within the sheet), so it reads the same in any spreadsheet. Pure: a plan the
 * writers write like any other.
 */
import { Decimal, ZERO, basisName, fairnessInTheRound, kindName, standAloneTest, sum } from "../../engine";
import { MARKER, a1, refText } from "../a1";
import { grouped, percentText } from "../format";
import type { CellRef } from "../grid";
import type { FromCell } from "../inputs";
import type { Outcome, PartnerInService, ServiceResult, VarianceFormulaCause } from "../outcome";
import { markerText } from "../owned";
import { SheetBuilder, rangeText } from "../plan/sheet";
import type { SheetPlan } from "../plan/types";

export interface StatementOptions {
  /** When the partnership's tables were made, as the marker shows it ("2026-11-25 10:44 UTC"). */
  when: string;
  /** The partnership's workbook the figures are from, by name. */
  source: string;
  /** The sheet's name: "Statement" in a workbook of its own; the pane names one per partner. */
  name?: string;
}

const SERVICE_HEADINGS = [
  "Service",
  "Saving from",
  "Basis",
  "Weight",
  "Share",
  "Baseline £",
  "Cost share £",
  "Gain share £",
  "Saving £",
  "Transitional cost £",
  "Partnership weight",
  "Partnership baseline £",
  "Combined cost £",
  "Partnership gain share £",
  "Partnership saving £",
  "Partnership transitional cost £",
];

/** The statement's columns: this council's figures, then the partnership's beside them. */
export const STATEMENT_COLUMNS = {
  service: 1,
  startYear: 2,
  basis: 3,
  weight: 4,
  share: 5,
  baseline: 6,
  cost: 7,
  gainShare: 8,
  saving: 9,
  transitional: 10,
  totalWeight: 11,
  totalBaseline: 12,
  combinedCost: 13,
  totalGainShare: 14,
  totalSaving: 15,
  totalTransitional: 16,
} as const;
const C = STATEMENT_COLUMNS;

/** The row of the services' headings; their rows follow, then the total row. */
export const SERVICES_HEADER_ROW = 6;

/** Where each part of the statement is, for tests and for a reader of the plan. */
export interface StatementLayout {
  /** Per service the partner takes part in, in the Rules order: its row. */
  serviceRows: { service: string; row: number }[];
  totalRow: number;
  /** The MTFS lines' heading row (years from column B) and each line's row by its label. */
  mtfs: { headerRow: number; rows: Record<string, number> };
}

/** The MTFS lines, in order (RULES.md §5, §6). */
export const MTFS_LINES = {
  cashable: "Cashable saving, new each year (MTFS line)",
  inForce: "Cashable saving in force",
  nonCashable: "Non-cashable saving, new each year",
  costAvoidance: "Cost avoidance, new each year",
  investment: "Investment (transitional costs)",
  net: "Net cashable saving",
  cumulative: "Cumulative net saving",
  breakEven: "Break-even year",
  partnershipCashable: "Partnership: cashable saving, new each year",
  partnershipNet: "Partnership: net cashable saving",
} as const;

const NOT_WITHIN = "not within these years";

/** A list of input cells as a reader would write it: "Budget!C5, Budget!C9" (at most a few, then how many more). */
function cellsText(cells: readonly CellRef[]): string {
  if (cells.length === 0) return "";
  const shown = cells.slice(0, 6).map((c) => refText(c));
  return cells.length > 6 ? `${shown.join(", ")} and ${cells.length - 6} more` : shown.join(", ");
}
const cellOf = (cell: FromCell<unknown> | undefined): string => (cell ? refText(cell.at) : "");

/** The services `partner` takes part in, with its line in each. */
export function servicesOf(outcome: Outcome, partner: string): { service: ServiceResult; line: PartnerInService }[] {
  return outcome.services.flatMap((service) => {
    const line = service.partners.find((p) => p.partner === partner);
    return line ? [{ service, line }] : [];
  });
}

/** One partner's statement as a sheet plan, and where its parts are. */
export function statementSheet(
  outcome: Outcome,
  partner: string,
  options: StatementOptions,
): { sheet: SheetPlan; layout: StatementLayout } {
  const b = new SheetBuilder("statement", options.name ?? "Statement");
  const taking = servicesOf(outcome, partner);
  if (taking.length === 0) throw new Error(`Internal error: ${partner} takes part in no service.`);

  b.text(1, 1, `${partner}: shared services statement`, "title");
  b.text(MARKER.row, MARKER.column, markerText("statement", options.when), "marker");
  b.text(
    3,
    1,
    `From ${options.source}, made ${options.when}. The figures that fall on ${partner} under the partnership's agreed rules ` +
      "(RULES.md §2–§8), for its section 151 officer to check and sign off. Other councils appear only in the partnership's totals. " +
      "Values and plain formulas only: it reads the same in any spreadsheet.",
    "note",
  );

  // 1. Each service: this council's figures, the partnership's beside them.
  b.text(SERVICES_HEADER_ROW - 1, 1, "1. Services this council takes part in", "section");
  b.headings(SERVICES_HEADER_ROW, SERVICE_HEADINGS);
  const serviceRows: StatementLayout["serviceRows"] = [];
  let row = SERVICES_HEADER_ROW + 1;
  for (const { service: s, line: p } of taking) {
    serviceRows.push({ service: s.rule.service, row });
    b.text(row, C.service, s.rule.service);
    b.text(row, C.startYear, p.startYear);
    b.text(row, C.basis, basisName(s.rule.basis.value));
    b.number(row, C.weight, p.quality ? p.weight.times(p.quality.value) : p.weight, "number");
    b.number(row, C.share, p.share, "share");
    b.number(row, C.baseline, p.baseline, "money");
    b.number(row, C.cost, p.costShare, "money");
    b.number(row, C.gainShare, p.gainShare, "money");
    // A plain formula a checker can follow; its value is the engine's saving to the penny.
    b.formula(
      row,
      C.saving,
      `=ROUND(${a1(row, C.baseline)}-${a1(row, C.cost)}-${a1(row, C.gainShare)},2)`,
      p.saving,
      "money",
    );
    b.number(row, C.transitional, p.transitional, "money");
    b.number(row, C.totalWeight, weightedTotal(s), "number");
    b.number(row, C.totalBaseline, s.totalBaseline, "money");
    b.number(row, C.combinedCost, s.combinedCost, "money");
    b.number(row, C.totalGainShare, s.gainShare, "money");
    b.number(row, C.totalSaving, s.saving, "money");
    b.number(row, C.totalTransitional, s.transitional, "money");
    row++;
  }
  const totalRow = row;
  const firstRow = SERVICES_HEADER_ROW + 1;
  b.text(totalRow, C.service, "Total", "total");
  const sumColumn = (column: number, value: Decimal): void =>
    b.formula(totalRow, column, `=SUM(${rangeText(firstRow, column, totalRow - 1)})`, value, "total");
  sumColumn(C.baseline, sum(taking.map((t) => t.line.baseline)));
  sumColumn(C.cost, sum(taking.map((t) => t.line.costShare)));
  sumColumn(C.gainShare, sum(taking.map((t) => t.line.gainShare)));
  sumColumn(C.saving, sum(taking.map((t) => t.line.saving)));
  sumColumn(C.transitional, sum(taking.map((t) => t.line.transitional)));
  sumColumn(C.totalBaseline, sum(taking.map((t) => t.service.totalBaseline)));
  sumColumn(C.combinedCost, sum(taking.map((t) => t.service.combinedCost)));
  sumColumn(C.totalGainShare, sum(taking.map((t) => t.service.gainShare)));
  sumColumn(C.totalSaving, sum(taking.map((t) => t.service.saving)));
  sumColumn(C.totalTransitional, sum(taking.map((t) => t.service.transitional)));
  row = totalRow + 2;

  // 2. Savings by financial year, as the council's MTFS records them.
  const figures = outcome.profile.find((f) => f.partner === partner)!;
  const all = outcome.profile.find((f) => f.partner === undefined)!;
  const years = outcome.years;
  const yearsFrom = 2;
  const totalColumn = yearsFrom + years.length;
  b.text(row++, 1, "2. Savings by financial year (£), as the MTFS records them", "section");
  const mtfsHeader = row++;
  b.text(mtfsHeader, 1, "Line", "header");
  years.forEach((y, i) => b.text(mtfsHeader, yearsFrom + i, y, "header"));
  b.text(mtfsHeader, totalColumn, "Total £", "header");
  const rows: Record<string, number> = {};
  const line = (key: keyof typeof MTFS_LINES): number => {
    rows[MTFS_LINES[key]] = row;
    b.text(row, 1, MTFS_LINES[key]);
    return row++;
  };
  const yearTotal = (r: number, value: Decimal): void =>
    b.formula(r, totalColumn, `=SUM(${rangeText(r, yearsFrom, r, totalColumn - 1)})`, value, "money");
  const valuesLine = (key: keyof typeof MTFS_LINES, values: Decimal[], total?: Decimal): number => {
    const r = line(key);
    values.forEach((v, i) => b.number(r, yearsFrom + i, v, "money"));
    if (total) yearTotal(r, total);
    return r;
  };
  const cashable = valuesLine("cashable", figures.cashable, figures.totalCashable);
  const inForce = line("inForce");
  figures.inForce.forEach((v, i) =>
    b.formula(
      inForce,
      yearsFrom + i,
      i === 0 ? `=${a1(cashable, yearsFrom)}` : `=${a1(inForce, yearsFrom + i - 1)}+${a1(cashable, yearsFrom + i)}`,
      v,
      "money",
    ),
  );
  valuesLine("nonCashable", figures.nonCashable, figures.totalNonCashable);
  valuesLine("costAvoidance", figures.costAvoidance, figures.totalCostAvoidance);
  const investment = valuesLine("investment", figures.investment, figures.totalInvestment);
  const net = line("net");
  figures.net.forEach((v, i) =>
    b.formula(
      net,
      yearsFrom + i,
      `=ROUND(${a1(inForce, yearsFrom + i)}-${a1(investment, yearsFrom + i)},2)`,
      v,
      "money",
    ),
  );
  const cumulative = line("cumulative");
  figures.cumulativeNet.forEach((v, i) =>
    b.formula(
      cumulative,
      yearsFrom + i,
      i === 0 ? `=${a1(net, yearsFrom)}` : `=${a1(cumulative, yearsFrom + i - 1)}+${a1(net, yearsFrom + i)}`,
      v,
      "total",
    ),
  );
  const breakEven = line("breakEven");
  b.text(breakEven, yearsFrom, figures.breakEven ?? NOT_WITHIN);
  valuesLine("partnershipCashable", all.cashable, all.totalCashable);
  valuesLine("partnershipNet", all.net);
  row++;

  // The same by service: where each year's new saving comes from.
  b.text(row++, 1, "Saving by service, new each year (£)", "section");
  const byServiceHeader = row++;
  b.text(byServiceHeader, 1, "Service (kind)", "header");
  years.forEach((y, i) => b.text(byServiceHeader, yearsFrom + i, y, "header"));
  b.text(byServiceHeader, totalColumn, "Total £", "header");
  for (const { service: s, line: p } of taking) {
    b.text(row, 1, `${s.rule.service} (${kindName(s.rule.kind.value)})`);
    years.forEach((y, i) => b.number(row, yearsFrom + i, p.profile.find((e) => e.year === y)?.amount ?? ZERO, "money"));
    yearTotal(row, p.saving);
    row++;
  }
  row++;

  // 3. In-year variances and next-year adjustments (RULES.md §3), where the Variances sheet has any for its services.
  const varied = variancesOf(outcome, partner);
  if (varied.rows.length > 0) {
    b.text(row++, 1, "3. In-year variances and next-year adjustments (£, RULES.md §3)", "section");
    b.headings(row++, [...VARIANCE_HEADINGS]);
    const first = row;
    for (const v of varied.rows) {
      b.text(row, 1, v.service);
      b.text(row, 2, v.year);
      b.text(row, 3, v.cause);
      b.number(row, 4, v.amount, "money");
      b.number(row, 5, v.expected, "money");
      b.number(row, 6, v.inYear, "money");
      if (v.nextYear) {
        b.text(row, 7, v.nextYear);
        b.number(row, 8, v.adjustment, "money");
      }
      b.formula(row, 9, `=ROUND(${a1(row, 6)}+${a1(row, 8)},2)`, v.inYear.plus(v.adjustment), "money");
      b.text(row, 10, v.cellAt);
      row++;
    }
    b.text(row, 1, "Total", "total");
    for (const [column, value] of [
      [6, sum(varied.rows.map((v) => v.inYear))],
      [8, sum(varied.rows.map((v) => v.adjustment))],
      [9, sum(varied.rows.map((v) => v.inYear.plus(v.adjustment)))],
    ] as const)
      b.formula(row, column, `=SUM(${rangeText(first, column, row - 1)})`, value, "total");
    row += 2;
    // By financial year, to add to this council's call for that year: in-year shares in the variance's year,
    // adjustments in the year after.
    const vYears = varied.years;
    const vTotal = 2 + vYears.length;
    b.text(row, 1, "Variances by financial year", "header");
    vYears.forEach((y, i) => b.text(row, 2 + i, y, "header"));
    b.text(row++, vTotal, "Total £", "header");
    for (const [label, values] of [
      ["This council: in-year shares and adjustments", varied.byYear],
      ["Partnership: variances arising (adjustments net to zero)", varied.partnershipByYear],
    ] as const) {
      b.text(row, 1, label);
      values.forEach((v, i) => b.number(row, 2 + i, v, "money"));
      b.formula(row, vTotal, `=SUM(${rangeText(row, 2, row, vTotal - 1)})`, sum(values), "money");
      row++;
    }
  } else b.text(row++, 1, "3. In-year variances: none in the Variances sheet for this council's services.", "section");
  row++;

  // 4. Benefit realisation, where the Tracker has this council's lines.
  const tracked = (outcome.realisation?.lines ?? []).filter((l) => l.partner === partner);
  if (tracked.length > 0) {
    b.text(row++, 1, "4. Benefit realisation: planned against achieved (RULES.md §7)", "section");
    b.headings(row++, ["Service", "Year", "Planned £", "Achieved £", "Variance £", "% delivered", "RAG"]);
    for (const t of tracked) {
      b.text(row, 1, t.service);
      b.text(row, 2, t.year);
      b.number(row, 3, t.planned, "money");
      if (t.actual === undefined) b.text(row, 4, "not reported");
      else {
        b.number(row, 4, t.actual, "money");
        b.formula(row, 5, `=ROUND(${a1(row, 4)}-${a1(row, 3)},2)`, t.variance!, "money");
        if (t.delivered !== undefined) b.number(row, 6, t.delivered, "percent");
      }
      if (t.rag) b.text(row, 7, t.rag[0].toUpperCase() + t.rag.slice(1), RAG_STYLE[t.rag]);
      row++;
    }
  } else b.text(row++, 1, "4. Benefit realisation: no Tracker lines for this council.", "section");
  row++;

  // 5. Fairness in the round and the stand-alone test, as they concern this council.
  b.text(row++, 1, "5. Fairness and the stand-alone test (RULES.md §5, §8)", "section");
  const fairness = fairnessInTheRound(
    outcome.services.map((s) => ({
      service: s.rule.service,
      lines: s.partners.map((p) => ({ partner: p.partner, baseline: p.baseline, saving: p.saving })),
    })),
  ).partners.find((f) => f.partner === partner);
  b.text(row, 1, "Fairness in the round", "section");
  b.text(
    row++,
    2,
    fairness === undefined || fairness.services.length === 0
      ? "Not compared: no service in which it has a baseline and another partner to compare with."
      : `${fairness.flagged ? "Flagged" : "Not flagged"}: the smallest saving against its baseline in ` +
          `${fairness.lowestIn.length} of the ${fairness.services.length} services compared` +
          (fairness.lowestIn.length > 0 ? ` (${fairness.lowestIn.join(", ")})` : "") +
          `; flagged when in more than half.`,
  );
  row++;
  b.headings(row++, ["Service", "Contribution £", "Stand-alone cost £", "Difference £", "Cheaper"]);
  for (const { service: s, line: p } of taking) {
    const test = standAloneTest({
      partner,
      contributions: [{ year: s.rule.firstYear.value, amount: p.costShare.plus(p.gainShare) }],
      standAlone: [{ year: s.rule.firstYear.value, amount: p.baseline }],
    });
    const y = test.years[0];
    b.text(row, 1, s.rule.service);
    b.number(row, 2, y.contribution, "money");
    b.number(row, 3, y.standAlone, "money");
    b.formula(row, 4, `=ROUND(${a1(row, 3)}-${a1(row, 2)},2)`, y.difference, "money");
    b.text(row, 5, y.cheaper === "partnership" ? "in the partnership" : y.cheaper === "alone" ? "alone" : "the same");
    row++;
  }
  b.text(
    row++,
    1,
    "Contribution: its cost share and gain share each year once the service is in full effect; stand-alone: its baseline. " +
      "A council that withdraws bears its own exit costs (RULES.md §8).",
    "note",
  );
  row++;

  // 6. The rules and the inputs, with their cells in the partnership's workbook.
  b.text(row++, 1, `6. The rules and inputs, with their cells in ${options.source}`, "section");
  b.headings(row++, [
    "Service",
    "Rules row",
    "Basis",
    "Combined cost from",
    "Transitional cost",
    "Phasing",
    "First year",
    "Kind",
    "Gain share",
    "This council's baseline from",
    "This council's weight from",
  ]);
  for (const { service: s, line: p } of taking) {
    const r = s.rule;
    b.text(row, 1, r.service);
    b.text(row, 2, refText(r.at));
    b.text(row, 3, `${basisName(r.basis.value)} (${cellOf(r.basis)})`);
    b.text(
      row,
      4,
      r.newCost
        ? `new cost, ${cellOf(r.newCost)}`
        : r.newCostByYear
          ? `new cost by year, ${cellOf(r.newCostByYear)}`
          : `baseline less ${percentText(r.reduction!.value)}, ${cellOf(r.reduction)}`,
    );
    // A one-off cost by year and by who bears it is text in the Transitional cost cell (issue 16).
    const oneOff = r.transitional ?? r.oneOffs;
    b.text(row, 5, oneOff ? cellOf(oneOff) : "none");
    b.text(
      row,
      6,
      r.phasing
        ? `${r.phasing.value.map(percentText).join(", ")} (${cellOf(r.phasing)})`
        : r.phasingAmounts
          ? `${r.phasingAmounts.value.map(grouped).join("; ")}, in proportion (${cellOf(r.phasingAmounts)})`
          : r.startMonth
            ? `part-year from month ${r.startMonth.value} (${cellOf(r.startMonth)})`
            : "all in the first year",
    );
    b.text(row, 7, `${r.firstYear.value} (${cellOf(r.firstYear)})`);
    b.text(row, 8, kindName(r.kind.value));
    b.text(row, 9, r.gainShare ? `${percentText(r.gainShare.value)} (${cellOf(r.gainShare)})` : "none");
    b.text(row, 10, cellsText(p.baselineCells.map((c) => c.at)));
    const weightFrom = [...p.weightCells.map((c) => c.at), ...(p.quality ? [p.quality.at] : [])];
    b.text(
      row,
      11,
      weightFrom.length > 0
        ? cellsText(weightFrom)
        : s.rule.basis.value.kind === "equal"
          ? "equal shares"
          : "its baseline",
    );
    row++;
  }
  row++;

  // 7. Sign-off.
  b.text(row++, 1, "7. Sign-off", "section");
  b.headings(row++, ["", "Name", "Signature", "Date"]);
  b.text(row++, 1, "Prepared by");
  b.text(row++, 1, "Checked by the section 151 officer");

  return {
    sheet: b.build({
      // Wide enough for the longest line label, and for £999,999,999.99 in every year column.
      widths: [44, ...SERVICE_HEADINGS.slice(1).map(() => 15)],
      // The title, with the council's name, on every page.
      print: { orientation: "landscape", repeatRows: { first: 1, last: 1 } },
    }),
    layout: { serviceRows, totalRow, mtfs: { headerRow: mtfsHeader, rows } },
  };
}

const RAG_STYLE = { green: "good", amber: "warn", red: "bad" } as const;

const VARIANCE_HEADINGS = [
  "Service",
  "Year",
  "Cause and who bears it",
  "Variance (partnership) £",
  "Expected cost £",
  "Share this year £",
  "Adjusted in",
  "Next-year adjustment £",
  "Total £",
  "Variances cell",
] as const;

/** One variance as it falls on a partner. */
export interface StatementVariance {
  service: string;
  year: string;
  /** The cause and who bears it, naming no other council. */
  cause: string;
  /** The whole variance, for the partnership. */
  amount: Decimal;
  /** This council's expected cost (its cost share), by which shared variances are split. */
  expected: Decimal;
  inYear: Decimal;
  /** The year its host-bears adjustment falls in, if any. */
  nextYear?: string;
  adjustment: Decimal;
  /** Its Amount cell on the Variances sheet. */
  cellAt: string;
}

/**
 * The variances of the services `partner` takes part in, as they fall on it, and by financial year
 * its total and the partnership's (the variances arising; next-year adjustments net to zero).
 */
export function variancesOf(
  outcome: Outcome,
  partner: string,
): { rows: StatementVariance[]; years: string[]; byYear: Decimal[]; partnershipByYear: Decimal[] } {
  const v = outcome.variances;
  const rows: StatementVariance[] = [];
  if (!v) return { rows, years: [], byYear: [], partnershipByYear: [] };
  for (const item of v.items) {
    const service = outcome.services[item.service];
    const i = service.partners.findIndex((p) => p.partner === partner);
    if (i < 0) continue;
    const line = item.lines[i];
    const host = item.cause === "indirect-host";
    const bearer =
      item.responsible === undefined ? undefined : item.responsible === i ? "this council" : "another partner";
    rows.push({
      service: service.rule.service,
      year: item.entry.year.value,
      cause: causeWords(item.cause, bearer),
      amount: item.entry.amount.value,
      expected: service.partners[i].costShare,
      inYear: line.inYear,
      ...(host ? { nextYear: item.nextYear } : {}),
      adjustment: host ? line.nextYear : ZERO,
      cellAt: refText(item.entry.amount.at),
    });
  }
  const mine = v.totals.find((t) => t.partner === partner);
  const partnershipByYear = v.years.map((_, y) => sum(v.totals.map((t) => t.byYear[y])));
  return { rows, years: v.years, byYear: mine?.byYear ?? v.years.map(() => ZERO), partnershipByYear };
}

function causeWords(cause: VarianceFormulaCause, bearer: string | undefined): string {
  switch (cause) {
    case "demand":
      return "Demand: shared by expected costs";
    case "quality":
      return "Quality: shared by expected costs";
    case "direct":
      return "Direct cost: shared by expected costs";
    case "specification":
      return `Specification change: borne by ${bearer ?? "the partner that made it"}`;
    case "indirect-host":
      return `Host indirect cost: the host (${bearer ?? "host"}) bears it this year, the others' shares added to their calls next year`;
    case "indirect-shared":
      return "Host indirect cost: shared now by expected costs";
  }
}

/** The partnership's total weight as the shares use it: each weight times its quality factor. */
function weightedTotal(s: ServiceResult): Decimal {
  return sum(s.partners.map((p) => (p.quality ? p.weight.times(p.quality.value) : p.weight)));
}
