/**
 * The Variance shares sheet (RULES.md §3), written when the workbook has a Variances sheet: for
 * each variance, a row per partner of its service with its expected cost (its cost share on the
 * Attribution sheet), its share this year, its next-year adjustment under the host-bears policy
 * (summing to zero) and its total, all live =SHARED.VARIANCE formulas over the Variances and
 * Attribution cells; then each partner's total by financial year, adjustments in the year they fall.
 */
import { Decimal, ZERO, sum } from "../../engine";
import { MARKER, a1, refText, sheetPrefix } from "../a1";
import type { ServiceResult, VarianceResult, Variances } from "../outcome";
import { ATTRIBUTION_COLUMNS, AttributionLayout, moneyRef } from "./attribution";
import { SheetBuilder, quoted, rangeText } from "./sheet";
import type { SheetPlan } from "./types";

export const VARIANCE_COLUMNS = {
  service: 1,
  year: 2,
  cause: 3,
  partner: 4,
  expected: 5,
  inYear: 6,
  nextYear: 7,
  adjustment: 8,
  total: 9,
  note: 10,
} as const;
const C = VARIANCE_COLUMNS;

const HEADER_ROW = 5;

/** The cause and who bears it, as the sheet shows it. */
function causeText(v: VarianceResult, service: ServiceResult): string {
  const who = v.responsible === undefined ? "" : service.partners[v.responsible].partner;
  switch (v.cause) {
    case "demand":
      return "Demand: shared by expected costs";
    case "quality":
      return "Quality: shared by expected costs";
    case "direct":
      return "Direct cost: shared by expected costs";
    case "specification":
      return `Specification change: borne by ${who}`;
    case "indirect-host":
      return `Host indirect cost: host (${who}) bears it, recovered next year`;
    case "indirect-shared":
      return "Host indirect cost: shared now by expected costs";
  }
}

/** Where each partner's total by year is, for the Savings profile's "In-year variances borne" line. */
export interface VarianceTotalsLayout {
  sheet: string;
  /** The totals row of a partner (undefined: it bears no variance) and of all partners. */
  partnerRow(partner: string): number | undefined;
  allRow: number;
  /** The column of a year (undefined: no variance falls in it). */
  yearColumn(year: string): number | undefined;
}

export function variancesSheet(
  name: string,
  variances: Variances,
  services: readonly ServiceResult[],
  attribution: { name: string; layout: AttributionLayout },
  header: { marker: string; source: string },
): { sheet: SheetPlan; layout: VarianceTotalsLayout } {
  const b = new SheetBuilder("variances", name);
  b.text(1, 1, "In-year variances: who bears each by its cause", "title");
  b.text(MARKER.row, MARKER.column, header.marker, "marker");
  b.text(
    3,
    1,
    `From ${header.source}, ${variances.sheet.sheet} sheet. Overspends positive, underspends negative. Demand, quality and direct ` +
      "costs are shared by each partner's expected cost (its cost share on the Attribution sheet); a specification change is " +
      "borne by the partner that made it; a host's indirect cost by the service's variance policy: under host bears the host " +
      "carries it this year and the others' shares are added to their calls next year, the host's call falling by the same " +
      "total (RULES.md §3). Each variance's shares add up to it and its adjustments to zero.",
    "note",
  );
  b.headings(HEADER_ROW, [
    "Service",
    "Year",
    "Cause",
    "Partner",
    "Expected cost £",
    "In-year share £",
    "Adjustment year",
    "Next-year adjustment £",
    "Total £",
    "Note",
  ]);

  let row = HEADER_ROW + 1;
  const firstLine = row;
  for (const v of variances.items) {
    const s = services[v.service];
    const block = attribution.layout.blocks[v.service];
    const first = row;
    const last = row + s.partners.length - 1;
    const total = last + 1;
    const expected = rangeText(first, C.expected, last);
    const position = v.responsible === undefined ? "" : `,${v.responsible + 1}`;
    const call = (when: string): string =>
      `=SHARED.VARIANCE(${a1(total, C.inYear)},${expected},${quoted(v.cause)}${position}${when})`;
    const cause = causeText(v, s);
    s.partners.forEach((p, i) => {
      const r = first + i;
      b.text(r, C.service, s.rule.service);
      b.text(r, C.year, v.entry.year.value);
      b.text(r, C.cause, cause);
      b.text(r, C.partner, p.partner);
      // Where the partners change, the cost share in the variance's year, from the by-year section.
      const by = v.byYear !== undefined ? block.byYear : undefined;
      const source =
        by && v.byYear !== undefined
          ? a1(by.costShareRows[i], by.yearColumn(v.byYear))
          : a1(block.firstRow + i, ATTRIBUTION_COLUMNS.cost);
      b.formula(r, C.expected, `=${sheetPrefix(attribution.name)}${source}`, v.expected[i], "money");
      if (v.cause === "indirect-host") b.text(r, C.nextYear, v.nextYear);
      b.formula(r, C.total, `=${a1(r, C.inYear)}+${a1(r, C.adjustment)}`, v.lines[i].total, "money");
    });
    const column = (pick: (l: VarianceResult["lines"][number]) => Decimal): Decimal[][] =>
      v.lines.map((l) => [pick(l)]);
    b.spill(
      first,
      C.inYear,
      call(""),
      column((l) => l.inYear),
      "money",
    );
    if (v.cause === "indirect-host")
      b.spill(
        first,
        C.adjustment,
        call(`,"next-year"`),
        column((l) => l.nextYear),
        "money",
      );
    else s.partners.forEach((_, i) => b.number(first + i, C.adjustment, ZERO, "money"));

    // The total row holds the variance being split, from its Variances cell.
    b.text(total, C.service, `${s.rule.service} variance`, "total");
    b.text(total, C.year, v.entry.year.value);
    b.text(total, C.cause, `from ${refText(v.entry.amount.at)}`);
    b.formula(total, C.inYear, `=${moneyRef(v.entry.amount)}`, v.entry.amount.value, "total");
    b.formula(total, C.adjustment, `=SUM(${rangeText(first, C.adjustment, last)})`, ZERO, "total");
    b.formula(total, C.total, `=SUM(${rangeText(first, C.total, last)})`, v.entry.amount.value, "total");
    if (v.entry.note !== undefined) b.text(total, C.note, v.entry.note);
    row = total + 2;
  }
  const lastLine = row - 2;

  // Each partner's total by year: in-year shares of that year's variances, plus the adjustments
  // that fall in it. SUMIFS over the partner rows (total rows have no partner).
  const titleRow = row;
  b.text(titleRow, 1, "Each partner's variances by financial year", "header");
  b.text(
    titleRow + 1,
    1,
    "In-year shares in the variance's year; next-year adjustments in the year after. Add these to each partner's call for the year.",
    "note",
  );
  const headRow = titleRow + 2;
  b.headings(headRow, ["Partner", ...variances.years, "Total"]);
  const span = (column: number): string => rangeText(firstLine, column, lastLine).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
  let r = headRow + 1;
  const firstTotal = r;
  const partnerRows = new Map<string, number>();
  for (const t of variances.totals) {
    partnerRows.set(t.partner, r);
    b.text(r, 1, t.partner);
    variances.years.forEach((year, yi) => {
      const yearCell = `${a1(headRow, 2 + yi).replace(/(\d+)$/, "$$$1")}`;
      const who = `"="&$A${r}`;
      b.formula(
        r,
        2 + yi,
        `=SUMIFS(${span(C.inYear)},${span(C.partner)},${who},${span(C.year)},${yearCell})` +
          `+SUMIFS(${span(C.adjustment)},${span(C.partner)},${who},${span(C.nextYear)},${yearCell})`,
        t.byYear[yi],
        "money",
      );
    });
    const totalColumn = 2 + variances.years.length;
    b.formula(r, totalColumn, `=SUM(${rangeText(r, 2, r, totalColumn - 1)})`, t.total, "total");
    r++;
  }
  const lastTotal = r - 1;
  b.text(r, 1, "All partners", "total");
  for (let c = 2; c <= 2 + variances.years.length; c++) {
    const values =
      c - 2 < variances.years.length
        ? variances.totals.map((t) => t.byYear[c - 2])
        : variances.totals.map((t) => t.total);
    b.formula(r, c, `=SUM(${rangeText(firstTotal, c, lastTotal)})`, sum(values), "total");
  }
  const allRow = r;
  const sheet = b.build({
    widths: [26, 10, 36, 24, 14, 14, 10, 14, 14, 30],
    freezeRows: HEADER_ROW,
  });
  return {
    sheet,
    layout: {
      sheet: name,
      partnerRow: (partner) => partnerRows.get(partner),
      allRow,
      yearColumn: (year) => {
        const k = variances.years.indexOf(year);
        return k < 0 ? undefined : 2 + k;
      },
    },
  };
}
