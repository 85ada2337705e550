/**
 * The Attribution sheet: for each service, one row per partner with its basis, weight, share,
 * baseline, share of the combined cost and of any gain share, saving and share of the
 * transitional cost, then the service's total row, which holds the amounts being split. Cells
 * that apply a rule are live =SHARED.* formulas over the input cells (RULES.md §1, §2, §4, §5).
 */
import { type Basis, Decimal, ONE, YearLabel, ZERO, basisName, parseYear } from "../../engine";
import { MARKER, refText } from "../a1";
import type { MoneyCell } from "../inputs";
import { SheetBuilder, rangeText, sumOfCells } from "./sheet";
import { type ServiceResult, takingPart } from "../outcome";
import type { SheetPlan } from "./types";
import { CostLinesLayout, costLinesSection } from "./cost-lines";

export const ATTRIBUTION_COLUMNS = {
  service: 1,
  partner: 2,
  joins: 3,
  basis: 4,
  weight: 5,
  quality: 6,
  share: 7,
  baseline: 8,
  cost: 9,
  gainShare: 10,
  saving: 11,
  savingRate: 12,
  transitional: 13,
} as const;
const C = ATTRIBUTION_COLUMNS;

const HEADINGS = [
  "Service",
  "Partner",
  "Takes part",
  "Basis",
  "Weight",
  "Quality factor",
  "Share",
  "Baseline £",
  "Cost share £",
  "Gain share £",
  "Saving £",
  "Saving %",
  "Transitional cost £",
];

export const FIRST_BLOCK_ROW = 6;

/**
 * A service's by-year section, where the partners taking part change (RULES.md §2): years across
 * from column D, and for each partner a row of each line.
 */
export interface ByYearLayout {
  yearColumn(year: YearLabel): number;
  costRow: number;
  /** Per partner, in the service's order. */
  flagRows: number[];
  costShareRows: number[];
  savingRows: number[];
  /** Per partner: its part of the year's shared one-off costs. */
  oneOffRows?: number[];
  /** Per partner: what it bears alone that year (RULES.md §4, §8), where the Transitional cost names any. */
  extraRows?: number[];
  lastRow: number;
}

/** Where each service's rows are, for the other sheets' formulas. */
export interface AttributionLayout {
  /** Per service (in order): the first partner row and the total row, and the by-year and cost lines sections if any. */
  blocks: { firstRow: number; totalRow: number; byYear?: ByYearLayout; costLines?: CostLinesLayout }[];
}

/** The by-year section's first year column (D). */
export const BY_YEAR_FROM = 4;

/** A saving rate as the sheet shows it: blank where the baseline is zero. */
const BLANK_RATE = "";

/**
 * A money input cell as a formula body: Budget!C5, or Budget!C5*1000 for a £000s sheet. A cell
 * holding a range (text, "£0.7m–£1.0m") has no number to refer to, so the scenario's figure is
 * written instead; the Audit sheet says which cell and which end (RULES.md §1).
 */
export function moneyRef(cell: MoneyCell): string {
  if (cell.range) return cell.value.toFixed();
  return cell.units === "thousands" ? `${refText(cell.at)}*1000` : refText(cell.at);
}

export function attributionSheet(
  name: string,
  services: readonly ServiceResult[],
  header: { marker: string; source: string },
): { sheet: SheetPlan; layout: AttributionLayout } {
  const b = new SheetBuilder("attribution", name);
  b.text(1, 1, "Attribution of costs and savings", "title");
  b.text(MARKER.row, MARKER.column, header.marker, "marker");
  b.text(
    3,
    1,
    `From ${header.source}. Each partner's share of each service's combined cost, gain share and transitional cost, ` +
      "and its saving against its stand-alone baseline (RULES.md §2, §4, §5). Shares are live =SHARED formulas over the input cells.",
    "note",
  );
  b.headings(FIRST_BLOCK_ROW - 1, HEADINGS);

  const blocks: AttributionLayout["blocks"] = [];
  let row = FIRST_BLOCK_ROW;
  for (const s of services) {
    const first = row;
    const last = row + s.partners.length - 1;
    const total = last + 1;
    const block: AttributionLayout["blocks"][number] = { firstRow: first, totalRow: total };
    blocks.push(block);
    const weights = rangeText(first, C.weight, last);
    const qualities = s.hasQuality ? `,${rangeText(first, C.quality, last)}` : "";
    const basis = basisName(s.rule.basis.value);

    s.partners.forEach((p, i) => {
      const r = first + i;
      // The saving is ROUNDed only to clear binary noise (it is whole pence), which PROFILE would refuse.
      b.text(r, C.service, s.rule.service);
      b.text(r, C.partner, p.partner);
      if (takingPart(p)) b.text(r, C.joins, takingPart(p));
      b.text(r, C.basis, basis);
      // The weight: a formula pointing at its source cells, so a section 151 officer can trace it.
      const kind = s.rule.basis.value.kind;
      if (kind === "equal") b.number(r, C.weight, p.weight, "number");
      else if (kind === "budget") b.formula(r, C.weight, `=${col(C.baseline, r)}`, p.weight, "number");
      else
        cellsFormula(
          b,
          r,
          C.weight,
          p.weightCells.map((c) => c.at),
          p.weight,
          "number",
        );
      if (p.quality) b.formula(r, C.quality, `=${refText(p.quality.at)}`, p.quality.value, "number");
      // The baseline: the partner's Budget lines for the service.
      baselineFormula(b, r, p.baselineCells, p.baseline);
      b.formula(
        r,
        C.saving,
        `=ROUND(${col(C.baseline, r)}-${col(C.cost, r)}-${col(C.gainShare, r)},2)`,
        p.saving,
        "money",
      );
      b.formula(
        r,
        C.savingRate,
        `=IF(${col(C.baseline, r)}=0,"",${col(C.saving, r)}/${col(C.baseline, r)})`,
        p.savingRate ?? BLANK_RATE,
        "percent",
      );
    });

    const column = (pick: (p: ServiceResult["partners"][number]) => Decimal): Decimal[][] =>
      s.partners.map((p) => [pick(p)]);
    b.spill(
      first,
      C.share,
      `=SHARED.SHARES(${weights}${qualities})`,
      column((p) => p.share),
      "share",
    );
    if (s.costLines) {
      // Costs visited on their cause: each line split among its bearers below, a partner's cost share their sum.
      const start = total + 2;
      const lines = costLinesSection(b, s, { start, weights, qualities, moneyRef });
      block.costLines = lines;
      s.partners.forEach((p, i) =>
        b.formula(
          first + i,
          C.cost,
          `=SUM(${rangeText(lines.partRows[i], lines.firstColumn, lines.partRows[i], lines.lastColumn)})`,
          p.costShare,
          "money",
        ),
      );
    } else
      b.spill(
        first,
        C.cost,
        `=SHARED.APPORTION(${col(C.cost, total)},${weights}${qualities})`,
        column((p) => p.costShare),
        "money",
      );
    if (s.gainShare.isZero() && !s.rule.gainShare)
      s.partners.forEach((_, i) => b.number(first + i, C.gainShare, ZERO, "money"));
    else
      b.spill(
        first,
        C.gainShare,
        `=SHARED.APPORTION(${col(C.gainShare, total)},${weights}${qualities})`,
        column((p) => p.gainShare),
        "money",
      );
    if (s.changes) {
      // Each one-off cost is shared among the partners taking part in its year: the by-year section's sum.
      block.byYear = byYearSection(b, s, {
        first,
        last,
        total,
        weights,
        qualities,
        after: block.costLines ? block.costLines.lastRow : total,
      });
      const by = block.byYear;
      s.partners.forEach((p, i) => {
        const r = first + i;
        const across = (row: number): string =>
          `SUM(${rangeText(row, BY_YEAR_FROM, row, by.yearColumn(s.years[s.years.length - 1]))})`;
        if (by.oneOffRows)
          b.formula(
            r,
            C.transitional,
            `=${across(by.oneOffRows[i])}${by.extraRows ? `+${across(by.extraRows[i])}` : ""}`,
            p.transitional,
            "money",
          );
        else b.number(r, C.transitional, ZERO, "money");
      });
    } else if (s.rule.transitional && !s.transitional.isZero())
      b.spill(
        first,
        C.transitional,
        `=SHARED.TRANSITION(${col(C.transitional, total)},${rangeText(first, C.baseline, last)},${rangeText(first, C.cost, last)})`,
        column((p) => p.transitional),
        "money",
      );
    else s.partners.forEach((_, i) => b.number(first + i, C.transitional, ZERO, "money"));

    // The total row: the amounts being split, from the Rules sheet, and the sums of the lines.
    b.text(total, C.service, `${s.rule.service} total`, "total");
    const sumOf = (c: number): string => `=SUM(${rangeText(first, c, last)})`;
    b.formula(total, C.weight, sumOf(C.weight), s.totalWeight, "number");
    b.formula(total, C.share, sumOf(C.share), s.totalShare, "share");
    b.formula(total, C.baseline, sumOf(C.baseline), s.totalBaseline, "total");
    const rule = s.rule;
    const lines = block.costLines;
    if (lines)
      b.formula(
        total,
        C.cost,
        `=SUM(${rangeText(lines.amountRow, lines.firstColumn, lines.amountRow, lines.lastColumn)})`,
        s.combinedCost,
        "total",
      );
    else if (rule.newCost) b.formula(total, C.cost, `=${moneyRef(rule.newCost)}`, s.combinedCost, "total");
    // A New cost by year is text on the Rules sheet: its last amount, as a value (the Audit names the cell).
    else if (rule.newCostByYear) b.number(total, C.cost, s.combinedCost, "total");
    else if (rule.reduction)
      b.formula(
        total,
        C.cost,
        `=ROUND(${col(C.baseline, total)}*(1-${rule.reduction.range ? rule.reduction.value.toFixed() : refText(rule.reduction.at)}),2)`,
        s.combinedCost,
        "total",
      );
    if (rule.gainShare)
      b.formula(
        total,
        C.gainShare,
        `=ROUND(MAX(0,${col(C.baseline, total)}-${col(C.cost, total)})*${refText(rule.gainShare.at)},2)`,
        s.gainShare,
        "total",
      );
    else b.number(total, C.gainShare, ZERO, "total");
    b.formula(total, C.saving, sumOf(C.saving), s.saving, "total");
    b.formula(
      total,
      C.savingRate,
      `=IF(${col(C.baseline, total)}=0,"",${col(C.saving, total)}/${col(C.baseline, total)})`,
      s.savingRate ?? BLANK_RATE,
      "percent",
    );
    if (rule.transitional) b.formula(total, C.transitional, `=${moneyRef(rule.transitional)}`, s.transitional, "total");
    else if (rule.oneOffs) b.number(total, C.transitional, s.transitional, "total");
    else b.number(total, C.transitional, ZERO, "total");
    row = (block.byYear ? lastRowOf(block.byYear) : (block.costLines?.lastRow ?? total)) + 2;
  }
  return {
    sheet: b.build({ widths: [24, 24, 16, 16, 12, 9, 10, 14, 14, 12, 14, 9, 14], freezeRows: FIRST_BLOCK_ROW - 1 }),
    layout: { blocks },
  };
}

const col = (column: number, row: number): string => rangeText(row, column, row);

const lastRowOf = (by: ByYearLayout): number => by.lastRow;

/**
 * The service year by year, below its total row (RULES.md §2, §4, §5): in each year the combined
 * cost split among the partners taking part (1) by =SHARED.APPORTION over the same weights with
 * the year's flags as its include; a partner's baseline counts only in the years it takes part,
 * so its saving is zero in the others, and a one-off cost is shared by net reduction among the
 * partners taking part in its year (=SHARED.TRANSITION, a partner not in having none).
 */
function byYearSection(
  b: SheetBuilder,
  s: ServiceResult,
  at: { first: number; last: number; total: number; weights: string; qualities: string; after: number },
): ByYearLayout {
  const years = s.years;
  const start = parseYear(years[0]);
  const yearColumn = (year: YearLabel): number => BY_YEAR_FROM + parseYear(year) - start;
  const n = s.partners.length;
  const rule = s.rule;
  const head = at.after + 2;
  b.text(head - 1, 1, `${rule.service} by year: the partners taking part each year share that year's costs`, "header");
  b.headings(head, ["Service", "Partner", "Line"]);
  years.forEach((y) => b.text(head, yearColumn(y), y, "header"));
  let next = head + 1;
  const costRow = next++;
  const gainRow = rule.gainShare ? next++ : undefined;
  const block = (): number[] => Array.from({ length: n }, () => next++);
  const flagRows = block();
  const baseRows = block();
  const costShareRows = block();
  const gainShareRows = rule.gainShare ? block() : undefined;
  const savingRows = block();
  const oneOffRows = s.transitional.isZero() ? undefined : block();
  // One-off costs by year (text on the Rules sheet), and who bears them where the cell names them.
  const listed = rule.oneOffs !== undefined && oneOffRows !== undefined;
  const oneOffRow = listed ? next++ : undefined;
  const named = listed && rule.oneOffs!.value.some((o) => o.partners !== undefined);
  const bearRows = named ? block() : undefined;
  const bearBaseRows = named ? block() : undefined;
  // Costs each borne by one partner alone ("borne by Westminster"): the partner's own row, by year.
  const extraRows = listed && rule.oneOffs!.value.some((o) => o.bornBy !== undefined) ? block() : undefined;
  // Weights for a one-off shared on a basis of its own ("by FTE", RULES.md §8), other than the service's.
  const ownBasis = (basis: Basis): boolean => basisName(basis) === basisName(rule.basis.value);
  const weighed = s.oneOffWeights.some((w) => !ownBasis(w.basis));
  const weightRows = listed && weighed ? block() : undefined;

  const label = (r: number, partner: string, line: string): void => {
    b.text(r, 1, rule.service);
    b.text(r, 2, partner);
    b.text(r, 3, line);
  };
  label(costRow, "All partners", "Combined cost");
  if (oneOffRow !== undefined) label(oneOffRow, "All partners", extraRows ? "One-off costs shared" : "One-off costs");
  s.partners.forEach((p, i) => {
    if (bearRows) label(bearRows[i], p.partner, "Bears the one-off (1 = yes)");
    if (bearBaseRows) label(bearBaseRows[i], p.partner, "Baseline if bearing");
  });
  s.partners.forEach((p, i) => {
    if (extraRows) label(extraRows[i], p.partner, "Extra (borne alone)");
  });
  s.partners.forEach((p, i) => {
    if (weightRows) label(weightRows[i], p.partner, "Weight for the one-off's basis");
  });
  if (gainRow !== undefined) label(gainRow, "All partners", "Gain share");
  s.partners.forEach((p, i) => {
    label(flagRows[i], p.partner, "Takes part (1 = yes)");
    label(baseRows[i], p.partner, "Baseline while taking part");
    label(costShareRows[i], p.partner, "Cost share");
    if (gainShareRows) label(gainShareRows[i], p.partner, "Gain share");
    label(savingRows[i], p.partner, "Saving");
    if (oneOffRows) label(oneOffRows[i], p.partner, "One-off cost");
  });

  const columnOf = (rows: readonly number[], c: number): string => rangeText(rows[0], c, rows[rows.length - 1]);
  s.overTime.years.forEach((y, yi) => {
    const c = yearColumn(y.year);
    const cell = (r: number): string => rangeText(r, c, r);
    const figures = s.overTime.partners.map((p) => p.years[yi]);
    s.partners.forEach((p, i) => {
      b.number(flagRows[i], c, figures[i].takesPart ? ONE : ZERO, "number");
      b.formula(
        baseRows[i],
        c,
        `=${absolute(C.baseline, at.first + i)}*${cell(flagRows[i])}`,
        figures[i].takesPart ? p.baseline : ZERO,
        "money",
      );
      const gain = gainShareRows ? `-${cell(gainShareRows[i])}` : "";
      b.formula(
        savingRows[i],
        c,
        `=ROUND(${cell(baseRows[i])}-${cell(costShareRows[i])}${gain},2)`,
        figures[i].saving,
        "money",
      );
    });
    const baselines = columnOf(baseRows, c);
    if (rule.newCost || s.costLines) b.formula(costRow, c, `=${absolute(C.cost, at.total)}`, y.combinedCost, "total");
    else if (rule.newCostByYear) b.number(costRow, c, y.combinedCost, "total");
    else
      b.formula(costRow, c, `=ROUND(SUM(${baselines})*(1-${refText(rule.reduction!.at)}),2)`, y.combinedCost, "total");
    const include = columnOf(flagRows, c);
    const weights = absoluteRange(at.weights);
    const qualities = at.qualities === "" ? "" : `,${absoluteRange(at.qualities.slice(1))}`;
    // With cost lines every partner takes part every year (the reader refuses them otherwise): the lines' sums above.
    if (s.costLines)
      s.partners.forEach((_, i) =>
        b.formula(
          costShareRows[i],
          c,
          `=${absolute(C.cost, at.first + i)}*${cell(flagRows[i])}`,
          figures[i].costShare,
          "money",
        ),
      );
    else
      b.spill(
        costShareRows[0],
        c,
        `=SHARED.APPORTION(${cell(costRow)},${weights}${qualities},${include})`,
        figures.map((f) => [f.costShare]),
        "money",
      );
    if (gainRow !== undefined && gainShareRows) {
      b.formula(
        gainRow,
        c,
        `=ROUND(MAX(0,SUM(${baselines})-${cell(costRow)})*${refText(rule.gainShare!.at)},2)`,
        y.attribution.totals.gainShare,
        "total",
      );
      b.spill(
        gainShareRows[0],
        c,
        `=SHARED.APPORTION(${cell(gainRow)},${weights}${qualities},${include})`,
        figures.map((f) => [f.gainShare]),
        "money",
      );
    }
    // The year's shared one-off costs; the extras each partner bears alone are on its own row.
    const shared = y.oneOff.minus(y.extras);
    if (oneOffRow !== undefined) b.number(oneOffRow, c, shared, "total");
    if (extraRows) s.partners.forEach((_, i) => b.number(extraRows[i], c, figures[i].extra, "money"));
    if (bearRows && bearBaseRows) {
      // Bearers: those taking part that year, and only those the year's one-off names, if it names any.
      const entry = rule.oneOffs!.value.find(
        (o) => o.bornBy === undefined && (o.year ?? rule.firstYear.value) === y.year,
      );
      s.partners.forEach((p, i) => {
        const bears = figures[i].takesPart && (entry?.partners === undefined || entry.partners.includes(p.partner));
        b.number(bearRows[i], c, bears ? ONE : ZERO, "number");
        b.formula(
          bearBaseRows[i],
          c,
          `=${absolute(C.baseline, at.first + i)}*${cell(bearRows[i])}`,
          bears ? p.baseline : ZERO,
          "money",
        );
      });
    }
    const entryOfYear = rule.oneOffs?.value.find(
      (o) => o.bornBy === undefined && (o.year ?? rule.firstYear.value) === y.year,
    );
    if (oneOffRows && !shared.isZero() && entryOfYear?.basis !== undefined) {
      // Termination costs in the pre-agreed manner (RULES.md §8): the named basis among its bearers,
      // whose flags (1 or 0) multiply the weights as =SHARED.APPORTION's quality argument does.
      const basis = entryOfYear.basis;
      const bearing = bearRows ? columnOf(bearRows, c) : include;
      let body: string;
      if (ownBasis(basis)) body = `${weights}${qualities},${bearing}`;
      else if (basis.kind === "equal") body = bearing;
      else if (basis.kind === "budget") body = `${absoluteRange(rangeText(at.first, C.baseline, at.last))},${bearing}`;
      else {
        const w = s.oneOffWeights.find((x) => basisName(x.basis) === basisName(basis))!;
        s.partners.forEach((_, i) => {
          const source = w.partners[i];
          // Rounded to 10 places only to clear binary noise from a sum or a product (FTE 0.1 + 0.2).
          const cells = sumOfCells(source.weightCells.map((x) => x.at));
          const formula =
            cells === undefined
              ? undefined
              : source.quality
                ? `=ROUND((${cells})*${refText(source.quality.at)},10)`
                : `=ROUND(${cells},10)`;
          if (formula === undefined) b.number(weightRows![i], c, source.weight, "number");
          else b.formula(weightRows![i], c, formula, source.weight, "number");
        });
        body = `${columnOf(weightRows!, c)},${bearing}`;
      }
      b.spill(
        oneOffRows[0],
        c,
        `=SHARED.APPORTION(${oneOffRow === undefined ? absolute(C.transitional, at.total) : cell(oneOffRow)},${body})`,
        figures.map((f) => [f.oneOff.minus(f.extra)]),
        "money",
      );
    } else if (oneOffRows) {
      if (shared.isZero()) oneOffRows.forEach((r) => b.number(r, c, ZERO, "money"));
      else
        b.spill(
          oneOffRows[0],
          c,
          `=SHARED.TRANSITION(${oneOffRow === undefined ? absolute(C.transitional, at.total) : cell(oneOffRow)},${bearBaseRows ? columnOf(bearBaseRows, c) : baselines},${columnOf(costShareRows, c)})`,
          figures.map((f) => [f.oneOff.minus(f.extra)]),
          "money",
        );
    }
  });
  return {
    yearColumn,
    costRow,
    flagRows,
    costShareRows,
    savingRows,
    ...(oneOffRows ? { oneOffRows } : {}),
    ...(extraRows ? { extraRows } : {}),
    lastRow: next - 1,
  };
}

/** $I$9: a cell of this sheet fixed both ways, for formulas copied across the years. */
const absolute = (column: number, row: number): string => absoluteRange(rangeText(row, column, row));
const absoluteRange = (range: string): string => range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");

/** A formula adding up input cells; the value alone (with a note in the Audit) when too scattered for one formula. */
function cellsFormula(
  b: SheetBuilder,
  row: number,
  column: number,
  cells: Parameters<typeof sumOfCells>[0],
  value: Decimal,
  style: "number" | "money",
  scale: 1 | 1000 = 1,
): void {
  const body = sumOfCells(cells, scale);
  if (body === undefined) b.number(row, column, value, style);
  else b.formula(row, column, `=${body}`, value, style);
}

function baselineFormula(b: SheetBuilder, row: number, cells: readonly MoneyCell[], value: Decimal): void {
  // A partner's lines are all in one column (Baseline, or its own in the wide layout), and a unit
  // is a column's (README "Input template"), so one scale serves them all.
  const scale = cells[0]?.units === "thousands" ? 1000 : 1;
  cellsFormula(
    b,
    row,
    ATTRIBUTION_COLUMNS.baseline,
    cells.map((c) => c.at),
    value,
    "money",
    scale,
  );
}
