/**
 * The Savings profile sheet (RULES.md §6): each partner's saving by financial year, incremental
 * (the new saving each year, what an MTFS line records) and in force (cumulative), by kind;
 * the investment (its share of transitional costs); net cashable saving, cumulative net and the
 * break-even year and payback. Four parts, top to bottom: the summary by partner, the phasing of each
 * service, the working line by line (each a live =SHARED.PROFILE or =SHARED.PARTYEAR
 * formula over the partner's saving on the Attribution sheet), which the summary adds up, and each
 * service's own figures (its partners together, by SUMIFS over the working) with its break-even.
 */
import { Decimal, SavingKind, YearLabel, kindName, parseYear } from "../../engine";
import { MARKER, a1, columnLetters, sheetPrefix } from "../a1";
import { grouped } from "../format";
import type { Outcome } from "../outcome";
import { ATTRIBUTION_COLUMNS, AttributionLayout, ByYearLayout } from "./attribution";
import { SheetBuilder, quoted, rangeText } from "./sheet";
import type { ChartPlan, SheetPlan } from "./types";
import type { VarianceTotalsLayout } from "./variances";

const YEARS_FROM = 6; // column F: the first financial year
const HEADER_ROW = 5;

const MEASURES = [
  "Cashable saving, new each year",
  "Cashable saving in force",
  "Non-cashable saving, new each year",
  "Cost avoidance, new each year",
  "Investment (transitional costs)",
  "Net cashable saving",
  "Cumulative net saving",
  "Break-even year",
  "Payback, years",
] as const;

/**
 * With a Variances sheet, each partner's block ends with the in-year variances it bears each year
 * (from the Variance shares sheet's totals) and its net cashable saving less them (RULES.md §3):
 * its figures for the year. The saving lines above them stay as they are (MTFS lines are savings).
 */
const VARIANCE_MEASURES = ["In-year variances borne", "Net after variances"] as const;

/** Each service's block at the foot of the sheet: its partners together, from its own first figure. */
const SERVICE_MEASURES = [
  "Cashable saving in force",
  "Investment (transitional costs)",
  "Net cashable saving",
  "Cumulative net saving",
  "Break-even year",
  "Payback, years",
] as const;

export interface ProfileLayout {
  sheet: string;
  /** The year columns' first column and their labels. */
  years: YearLabel[];
  yearColumn(year: YearLabel): number;
  /** The saving row of each service's partner, [service][partner]. */
  savingRows: number[][];
}

const NOT_WITHIN = "never within the years shown";
/** A partner or service with no cashable saving and no investment (non-cashable or cost avoidance only) has nothing to break even. */
const NO_FIGURES = "no cashable saving or investment";

/**
 * Break-even (a live =SHARED.BREAKEVEN over the net row from its own first figure) and payback
 * (years from the start of that year until cumulative net reaches zero, to 2 places) in column F.
 */
function breakEvenCells(
  b: SheetBuilder,
  rows: { breakEven: number; payback: number; net: number; yearsRow: number },
  f: { firstFigure?: YearLabel; breakEven?: YearLabel; payback?: Decimal },
  yearColumn: (y: YearLabel) => number,
  lastYearColumn: number,
): void {
  if (f.firstFigure === undefined) {
    b.text(rows.breakEven, YEARS_FROM, NO_FIGURES);
    b.text(rows.payback, YEARS_FROM, NO_FIGURES);
    return;
  }
  const from = yearColumn(f.firstFigure);
  b.formula(
    rows.breakEven,
    YEARS_FROM,
    `=IFERROR(SHARED.BREAKEVEN(${rangeText(rows.net, from, rows.net, lastYearColumn)},${a1(rows.yearsRow, from, true)}:${a1(rows.yearsRow, lastYearColumn, true)}),${quoted(NOT_WITHIN)})`,
    f.breakEven ?? NOT_WITHIN,
  );
  if (f.payback === undefined) b.text(rows.payback, YEARS_FROM, NOT_WITHIN);
  else b.number(rows.payback, YEARS_FROM, f.payback.toDecimalPlaces(2), "number");
}

/** A partner's full-year saving in a year of its service's by-year figures. */
const savingIn = (s: Outcome["services"][number], pi: number, year: YearLabel): Decimal =>
  s.overTime.partners[pi].years.find((y) => y.year === year)?.saving ?? new Decimal(0);

export function profileSheet(
  name: string,
  outcome: Outcome,
  attribution: { name: string; layout: AttributionLayout },
  header: { marker: string; source: string },
  variances?: VarianceTotalsLayout,
): { sheet: SheetPlan; layout: ProfileLayout } {
  const { services, years, partners } = outcome;
  const measures: readonly string[] = variances ? [...MEASURES, ...VARIANCE_MEASURES] : MEASURES;
  const b = new SheetBuilder("savings-profile", name);
  const first = parseYear(years[0]);
  const yearColumn = (year: YearLabel): number => YEARS_FROM + parseYear(year) - first;
  const lastYearColumn = YEARS_FROM + years.length - 1;
  const totalColumn = lastYearColumn + 1;

  // Row positions, worked out first because the summary refers to the working below it.
  const summaryRows = (partners.length + 1) * (measures.length + 1);
  const phasingHeader = HEADER_ROW + summaryRows + 2;
  const phasingFirst = phasingHeader + 1;
  const detailHeader = phasingFirst + services.length + 2;
  let detailRow = detailHeader + 1;
  const savingRows: number[][] = [];

  b.text(1, 1, "Savings profile", "title");
  b.text(MARKER.row, MARKER.column, header.marker, "marker");
  b.text(
    3,
    1,
    `From ${header.source}. £ by financial year. Only cashable savings reduce a budget and go into the MTFS; ` +
      "the other kinds are shown beside them (RULES.md §5, §6). Net cashable saving = saving in force − investment; " +
      "break-even is the first year cumulative net saving is at or above zero.",
    "note",
  );
  const yearHeadings = (row: number): void => years.forEach((y) => b.text(row, yearColumn(y), y, "header"));

  // The phasing of each service: the percentages PROFILE reads, or the start month PARTYEAR reads.
  b.text(phasingHeader - 1, 1, "Phasing of each service", "header");
  b.headings(phasingHeader, ["Service", "How the saving arrives", "Start month"]);
  yearHeadings(phasingHeader);
  const phasingOf = services.map((s, i) => {
    const row = phasingFirst + i;
    const rule = s.rule;
    b.text(row, 1, rule.service);
    const start = yearColumn(rule.firstYear.value);
    if (rule.startMonth) {
      b.text(row, 2, `part-year from month ${rule.startMonth.value} of ${rule.firstYear.value}, full year after`);
      b.number(row, 3, new Decimal(rule.startMonth.value), "number");
      return { kind: "part-year" as const, month: a1(row, 3, true) };
    }
    // Phasing by amounts (RULES.md §6): the amounts themselves, which APPORTION splits each saving by.
    const amounts = rule.phasingAmounts?.value;
    const fractions = amounts ?? rule.phasing?.value ?? [new Decimal(1)];
    b.text(
      row,
      2,
      amounts
        ? `${amounts.map((a) => grouped(a)).join("; ")} from ${rule.firstYear.value} (amounts, in proportion)`
        : `${fractions.map((f) => `${f.times(100).toString()}%`).join(", ")} from ${rule.firstYear.value}`,
    );
    fractions.forEach((f, j) => b.number(row, start + j, f, amounts ? "money" : "percent"));
    return {
      kind: "phased" as const,
      amounts: amounts !== undefined,
      range: `${a1(row, start, true)}:${a1(row, start + fractions.length - 1, true)}`,
      first: a1(row, start, true),
      column: start,
      row,
      count: fractions.length,
    };
  });

  // The working: one saving line (and one investment line) per service and partner.
  b.text(detailHeader - 1, 1, "Working: each partner's saving in each service, phased", "header");
  b.headings(detailHeader, ["Service", "Partner", "Kind", "Line", "Annual £"]);
  yearHeadings(detailHeader);
  b.text(detailHeader, totalColumn, "Total £", "header");
  const attributionRef = (row: number, column: number): string => `${sheetPrefix(attribution.name)}${a1(row, column)}`;
  /**
   * A partner of a service whose partners change (RULES.md §2, §6): the saving in force each year
   * is that year's saving on the Attribution sheet's by-year section times the part of the
   * phasing reached (rounded to the penny), and the new saving is the change from the year before.
   * Returns the row of the new saving, which the summary adds up.
   */
  const overTimeLines = (s: Outcome["services"][number], pi: number, by: ByYearLayout): number => {
    const p = s.partners[pi];
    const si = services.indexOf(s);
    const ph = phasingOf[si];
    const inForceRow = detailRow++;
    const r = detailRow++;
    const kind = kindName(s.rule.kind.value);
    for (const [row, line] of [
      [inForceRow, "In force"],
      [r, "Saving"],
    ] as const) {
      b.text(row, 1, s.rule.service);
      b.text(row, 2, p.partner);
      b.text(row, 3, kind);
      b.text(row, 4, line);
    }
    const lastYear = s.years[s.years.length - 1];
    b.formula(
      r,
      5,
      `=${attributionRef(by.savingRows[pi], by.yearColumn(lastYear))}`,
      savingIn(s, pi, lastYear),
      "money",
    );
    // Before it takes part its new saving is nothing: zeros from the service's first year, so a
    // Tracker line for such a year plans zero (RULES.md §2).
    for (const year of s.years) if (year < p.startYear) b.number(r, yearColumn(year), new Decimal(0), "money");
    let inForce = new Decimal(0);
    p.profile.forEach((y, k) => {
      const c = yearColumn(y.year);
      inForce = inForce.plus(y.amount);
      const saving = attributionRef(by.savingRows[pi], by.yearColumn(y.year));
      const part =
        ph.kind === "phased"
          ? `*SUM(${ph.first}:${columnLetters(ph.column + Math.min(k, ph.count - 1))}$${ph.row})${ph.amounts ? `/SUM(${ph.range})` : ""}`
          : ph.kind === "part-year" && k === 0
            ? `*(12-MOD(${ph.month}+8,12))/12`
            : "";
      b.formula(inForceRow, c, `=ROUND(${saving}${part},2)`, inForce, "money");
      b.formula(
        r,
        c,
        k === 0 ? `=${a1(inForceRow, c)}` : `=ROUND(${a1(inForceRow, c)}-${a1(inForceRow, c - 1)},2)`,
        y.amount,
        "money",
      );
    });
    b.formula(r, totalColumn, `=SUM(${rangeText(r, YEARS_FROM, r, lastYearColumn)})`, inForce, "money");

    if (by.oneOffRows) {
      const inv = detailRow++;
      b.text(inv, 1, s.rule.service);
      b.text(inv, 2, p.partner);
      b.text(inv, 4, "Investment");
      b.formula(
        inv,
        5,
        `=${attributionRef(attribution.layout.blocks[si].firstRow + pi, ATTRIBUTION_COLUMNS.transitional)}`,
        p.transitional,
        "money",
      );
      for (const y of p.investment)
        if (!y.amount.isZero())
          b.formula(
            inv,
            yearColumn(y.year),
            `=${attributionRef(by.oneOffRows[pi], by.yearColumn(y.year))}${by.extraRows ? `+${attributionRef(by.extraRows[pi], by.yearColumn(y.year))}` : ""}`,
            y.amount,
            "money",
          );
      b.formula(inv, totalColumn, `=SUM(${rangeText(inv, YEARS_FROM, inv, lastYearColumn)})`, p.transitional, "money");
    }
    return r;
  };
  services.forEach((s, si) => {
    const block = attribution.layout.blocks[si];
    const rows: number[] = [];
    s.partners.forEach((p, pi) => {
      if (block.byYear) {
        rows.push(overTimeLines(s, pi, block.byYear));
        return;
      }
      const r = detailRow++;
      rows.push(r);
      const kind = s.rule.kind.value;
      b.text(r, 1, s.rule.service);
      b.text(r, 2, p.partner);
      b.text(r, 3, kindName(kind));
      b.text(r, 4, "Saving");
      b.formula(r, 5, `=${attributionRef(block.firstRow + pi, ATTRIBUTION_COLUMNS.saving)}`, p.saving, "money");
      const ph = phasingOf[si];
      const formula =
        ph.kind === "phased"
          ? ph.amounts
            ? `=SHARED.APPORTION($E${r},${ph.range})`
            : `=SHARED.PROFILE($E${r},${ph.range})`
          : `=SHARED.PARTYEAR($E${r},${ph.month},${p.profile.length})`;
      b.spill(r, yearColumn(p.startYear), formula, [p.profile.map((y) => y.amount)], "money");
      b.formula(r, totalColumn, `=SUM(${rangeText(r, YEARS_FROM, r, lastYearColumn)})`, p.saving, "money");

      if (s.rule.transitional) {
        const inv = detailRow++;
        b.text(inv, 1, s.rule.service);
        b.text(inv, 2, p.partner);
        b.text(inv, 4, "Investment");
        b.formula(
          inv,
          5,
          `=${attributionRef(block.firstRow + pi, ATTRIBUTION_COLUMNS.transitional)}`,
          p.transitional,
          "money",
        );
        b.formula(inv, yearColumn(p.startYear), `=$E${inv}`, p.transitional, "money");
        b.formula(
          inv,
          totalColumn,
          `=SUM(${rangeText(inv, YEARS_FROM, inv, lastYearColumn)})`,
          p.transitional,
          "money",
        );
      }
    });
    savingRows.push(rows);
  });
  const detailLast = Math.max(detailRow - 1, detailHeader + 1);

  // The summary: for each partner and for the partnership, the measures by year, adding up the working.
  b.headings(HEADER_ROW, ["Partner", "Measure"]);
  yearHeadings(HEADER_ROW);
  b.text(HEADER_ROW, totalColumn, "Total £", "header");
  // Year columns fixed to the working's rows (F$40:F$90), criteria columns fixed both ways ($B$40:$B$90).
  const span = (column: number): string =>
    `${columnLetters(column)}$${detailHeader + 1}:${columnLetters(column)}$${detailLast}`;
  const criteriaColumn = (column: number): string =>
    `${a1(detailHeader + 1, column, true)}:${a1(detailLast, column, true)}`;
  const kindCriterionOf = (kind: SavingKind): string =>
    `,${criteriaColumn(3)},${quoted(kindName(kind))},${criteriaColumn(4)},"Saving"`;
  const charts: ChartPlan["series"] = [];
  /** A partner's (or all partners') variances borne, from the Variance shares totals, and net after them. */
  const varianceLines = (
    b: SheetBuilder,
    at: { borne: number; after: number; net: number },
    who: string | undefined,
    borne: readonly Decimal[],
    after: readonly Decimal[],
  ): void => {
    const v = variances as VarianceTotalsLayout;
    const totalsRow = who === undefined ? v.allRow : v.partnerRow(who);
    years.forEach((year, yi) => {
      const c = yearColumn(year);
      const source = v.yearColumn(year);
      if (totalsRow === undefined || source === undefined) b.number(at.borne, c, borne[yi], "money");
      else b.formula(at.borne, c, `=${sheetPrefix(v.sheet)}${a1(totalsRow, source)}`, borne[yi], "money");
      b.formula(at.after, c, `=ROUND(${a1(at.net, c)}-${a1(at.borne, c)},2)`, after[yi], "money");
    });
    b.formula(
      at.borne,
      totalColumn,
      `=SUM(${rangeText(at.borne, YEARS_FROM, at.borne, lastYearColumn)})`,
      borne.reduce((a, x) => a.plus(x), new Decimal(0)),
      "money",
    );
  };
  let row = HEADER_ROW + 1;
  outcome.profile.forEach((f) => {
    const who = f.partner;
    const label = who ?? "All partners";
    const rows = measures.map((_, i) => row + i);
    measures.forEach((m, i) => {
      b.text(rows[i], 1, label, i === 0 ? "header" : "text");
      b.text(rows[i], 2, m);
    });
    const partnerCriterion = who === undefined ? "" : `,${criteriaColumn(2)},"="&$A${rows[0]}`;
    const sumifs = (column: number, criteria: string): string =>
      `=SUMIFS(${span(column)}${partnerCriterion}${criteria})`;
    const kindCriterion = kindCriterionOf;
    years.forEach((year, yi) => {
      const c = yearColumn(year);
      const at = (r: number): string => a1(r, c);
      const before = (r: number): string => a1(r, c - 1);
      b.formula(rows[0], c, sumifs(c, kindCriterion("cashable")), f.cashable[yi], "money");
      b.formula(
        rows[1],
        c,
        yi === 0 ? `=${at(rows[0])}` : `=${before(rows[1])}+${at(rows[0])}`,
        f.inForce[yi],
        "money",
      );
      b.formula(rows[2], c, sumifs(c, kindCriterion("non-cashable")), f.nonCashable[yi], "money");
      b.formula(rows[3], c, sumifs(c, kindCriterion("cost-avoidance")), f.costAvoidance[yi], "money");
      b.formula(rows[4], c, sumifs(c, `,${criteriaColumn(4)},"Investment"`), f.investment[yi], "money");
      // Net is rounded to pence (exact in decimal) so binary noise cannot tip BREAKEVEN.
      b.formula(rows[5], c, `=ROUND(${at(rows[1])}-${at(rows[4])},2)`, f.net[yi], "money");
      b.formula(
        rows[6],
        c,
        yi === 0 ? `=${at(rows[5])}` : `=${before(rows[6])}+${at(rows[5])}`,
        f.cumulativeNet[yi],
        "total",
      );
    });
    // Totals of the incremental lines (a total of amounts in force would count a saving once per year).
    const totals: [number, Decimal][] = [
      [rows[0], f.totalCashable],
      [rows[2], f.totalNonCashable],
      [rows[3], f.totalCostAvoidance],
      [rows[4], f.totalInvestment],
    ];
    for (const [r, value] of totals)
      b.formula(r, totalColumn, `=SUM(${rangeText(r, YEARS_FROM, r, lastYearColumn)})`, value, "money");
    // Counted from the partner's own first figure: break-even never precedes it (RULES.md §6).
    breakEvenCells(
      b,
      { breakEven: rows[7], payback: rows[8], net: rows[5], yearsRow: HEADER_ROW },
      f,
      yearColumn,
      lastYearColumn,
    );
    if (variances && f.variances && f.netAfterVariances)
      varianceLines(b, { borne: rows[9], after: rows[10], net: rows[5] }, who, f.variances, f.netAfterVariances);
    if (who !== undefined) charts.push({ name: who, values: rangeText(rows[6], YEARS_FROM, rows[6], lastYearColumn) });
    row += measures.length + 1;
  });

  // Each service, all its partners together, from the working above: its own break-even and payback.
  const serviceHeader = detailLast + 3;
  b.text(
    serviceHeader - 1,
    1,
    "Each service, all its partners together: break-even and payback from its own first figure",
    "header",
  );
  b.headings(serviceHeader, ["Service", "Measure"]);
  yearHeadings(serviceHeader);
  let serviceRow = serviceHeader + 1;
  outcome.serviceProfile.forEach((f) => {
    const rows = SERVICE_MEASURES.map((_, i) => serviceRow + i);
    SERVICE_MEASURES.forEach((m, i) => {
      b.text(rows[i], 1, f.service, i === 0 ? "header" : "text");
      b.text(rows[i], 2, m);
    });
    const serviceCriterion = `,${criteriaColumn(1)},"="&$A${rows[0]}`;
    const sumifs = (column: number, criteria: string): string =>
      `SUMIFS(${span(column)}${serviceCriterion}${criteria})`;
    years.forEach((year, yi) => {
      const c = yearColumn(year);
      const at = (r: number): string => a1(r, c);
      const before = (r: number): string => a1(r, c - 1);
      const newSaving = sumifs(c, kindCriterionOf("cashable"));
      b.formula(rows[0], c, yi === 0 ? `=${newSaving}` : `=${before(rows[0])}+${newSaving}`, f.inForce[yi], "money");
      b.formula(rows[1], c, `=${sumifs(c, `,${criteriaColumn(4)},"Investment"`)}`, f.investment[yi], "money");
      b.formula(rows[2], c, `=ROUND(${at(rows[0])}-${at(rows[1])},2)`, f.net[yi], "money");
      b.formula(
        rows[3],
        c,
        yi === 0 ? `=${at(rows[2])}` : `=${before(rows[3])}+${at(rows[2])}`,
        f.cumulativeNet[yi],
        "total",
      );
    });
    breakEvenCells(
      b,
      { breakEven: rows[4], payback: rows[5], net: rows[2], yearsRow: serviceHeader },
      f,
      yearColumn,
      lastYearColumn,
    );
    serviceRow += SERVICE_MEASURES.length + 1;
  });

  const chart: ChartPlan = {
    kind: "line",
    title: "Cumulative net saving by partner (£)",
    categories: rangeText(HEADER_ROW, YEARS_FROM, HEADER_ROW, lastYearColumn),
    series: charts,
    at: a1(HEADER_ROW, totalColumn + 2),
  };
  return {
    sheet: b.build({
      widths: [26, 34, 12, 11, 14, ...years.map(() => 13), 14],
      freezeRows: HEADER_ROW,
      charts: partners.length > 0 ? [chart] : [],
    }),
    layout: { sheet: name, years: [...years], yearColumn, savingRows },
  };
}
