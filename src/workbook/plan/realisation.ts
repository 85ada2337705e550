/**
 * The Realisation sheet (RULES.md §7), written when the workbook has a Tracker: for each tracked
 * service, partner and year, the planned saving (from the Savings profile), the forecast and the
 * saving achieved, the variance, the share delivered and a RAG status (on the achieved saving, or
 * the forecast where nothing is achieved yet), and for a saving that slipped the amount moved, the
 * year it moves to and the years moved; then roll-ups per partner and per service. All live formulas.
 */
import { DEFAULT_RAG_THRESHOLDS, Decimal, TrackingGroup, ZERO, sum } from "../../engine";
import { MARKER, a1, sheetPrefix } from "../a1";
import { percentText } from "../format";
import type { Realisation } from "../outcome";
import { moneyRef } from "./attribution";
import type { ProfileLayout } from "./profile";
import { SheetBuilder, rangeText } from "./sheet";
import type { CellStyle, SheetPlan } from "./types";

const HEADER_ROW = 5;
const RAG_NAMES = { green: "Green", amber: "Amber", red: "Red" } as const;
const RAG_STYLES: Record<string, CellStyle> = { green: "good", amber: "warn", red: "bad" };

export const REALISATION_COLUMNS = {
  service: 1,
  partner: 2,
  year: 3,
  planned: 4,
  forecast: 5,
  achieved: 6,
  variance: 7,
  delivered: 8,
  rag: 9,
  slippage: 10,
  slipsTo: 11,
  yearsMoved: 12,
  plannedReported: 13,
} as const;
const C = REALISATION_COLUMNS;
const L = (column: number): string => a1(1, column).replace(/\d+$/, "");

export function realisationSheet(
  name: string,
  realisation: Realisation,
  profile: ProfileLayout,
  header: { marker: string; source: string },
): SheetPlan {
  const { tracker, lines: tracked, total } = realisation;
  const b = new SheetBuilder("realisation", name);
  const green = DEFAULT_RAG_THRESHOLDS.green.toString();
  const amber = DEFAULT_RAG_THRESHOLDS.amber.toString();
  b.text(1, 1, "Benefit realisation: planned against achieved savings", "title");
  b.text(MARKER.row, MARKER.column, header.marker, "marker");
  b.text(
    3,
    1,
    `From ${header.source}. Planned is the new saving for that year on the Savings profile sheet; forecast and achieved are from the ` +
      `${tracker.sheet} sheet, and the variance, delivery and RAG use the achieved saving, or the forecast where nothing is achieved yet. ` +
      `RAG: Green when at least ${percentText(DEFAULT_RAG_THRESHOLDS.green)} of the plan is delivered, ` +
      `Amber from ${percentText(DEFAULT_RAG_THRESHOLDS.amber)}, Red below (RULES.md §7). Blank: not yet reported. ` +
      "A saving that slipped moves what is not delivered that year to its revised year; the total is unchanged.",
    "note",
  );
  b.headings(HEADER_ROW, [
    "Service",
    "Partner",
    "Year",
    "Planned £",
    "Forecast £",
    "Achieved £",
    "Variance £",
    "Delivered %",
    "RAG",
    "Slippage £",
    "Slips to",
    "Years moved",
    "Planned, reported £",
  ]);

  const ragFormula = (actual: string, planned: string, reported: string): string =>
    `=IF(${reported},"",IF(${planned}>0,IF(${actual}>=${planned}*${green},"Green",IF(${actual}>=${planned}*${amber},"Amber","Red")),IF(${actual}>=${planned},"Green","Red")))`;

  let row = HEADER_ROW + 1;
  tracked.forEach((t, i) => {
    const line = tracker.lines[i];
    const r = row++;
    const D = `D${r}`;
    const E = `E${r}`;
    const F = `F${r}`;
    // The achieved saving, else the forecast; none = not reported.
    const actual = `IF(${F}="",${E},${F})`;
    const none = `AND(${E}="",${F}="")`;
    b.text(r, C.service, t.service);
    b.text(r, C.partner, t.partner);
    b.text(r, C.year, t.year);
    // Planned points at the partner's saving that year on the Savings profile sheet.
    const ref =
      t.at && profile.years.includes(line.year.value)
        ? `${sheetPrefix(profile.sheet)}${a1(profile.savingRows[t.at.service][t.at.partner], profile.yearColumn(line.year.value))}`
        : undefined;
    if (ref) b.formula(r, C.planned, `=${ref}`, t.planned, "money");
    else b.number(r, C.planned, t.planned, "money");
    if (line.forecast) b.formula(r, C.forecast, `=${moneyRef(line.forecast)}`, line.forecast.value, "money");
    if (line.achieved) b.formula(r, C.achieved, `=${moneyRef(line.achieved)}`, line.achieved.value, "money");
    b.formula(r, C.variance, `=IF(${none},"",${actual}-${D})`, t.variance ?? "", "money");
    b.formula(r, C.delivered, `=IF(OR(${none},${D}<=0),"",${actual}/${D})`, t.delivered ?? "", "percent");
    b.formula(
      r,
      C.rag,
      ragFormula(actual, D, none),
      t.rag ? RAG_NAMES[t.rag] : "",
      t.rag ? RAG_STYLES[t.rag] : undefined,
    );
    // The plan of a reported line, so that a roll-up's delivery compares like with like.
    b.formula(r, C.plannedReported, `=IF(${none},0,${D})`, t.actual === undefined ? ZERO : t.planned, "money");
    if (t.slipped) {
      const K = `K${r}`;
      b.formula(r, C.slippage, `=MIN(MAX(0,${D}),MAX(0,${D}-${actual}))`, t.slipped.amount, "money");
      // As text: the Tracker's cell may be a date, read as the financial year it falls in.
      b.text(r, C.slipsTo, t.slipped.to);
      b.formula(r, C.yearsMoved, `=VALUE(LEFT(${K},4))-VALUE(LEFT(C${r},4))`, new Decimal(t.slipped.years), "number");
    }
  });
  if (tracked.length === 0) return b.build({ widths: WIDTHS, freezeRows: HEADER_ROW });
  const first = HEADER_ROW + 1;
  const last = row - 1;
  b.text(row, 1, "Total", "total");
  for (const [column, value] of [
    [C.planned, total.planned],
    [C.forecast, sum(tracker.lines.map((l) => l.forecast?.value ?? ZERO))],
    [C.achieved, sum(tracker.lines.map((l) => l.achieved?.value ?? ZERO))],
    [C.variance, total.variance],
    [C.slippage, sum(tracked.map((t) => t.slipped?.amount ?? ZERO))],
  ] as const)
    b.formula(row, column, `=SUM(${rangeText(first, column, last)})`, value, "total");
  row += 2;

  // Roll-ups: each partner's and each service's lines added up (SUMIFS over the lines above).
  const span = (column: number): string => `$${L(column)}$${first}:$${L(column)}$${last}`;
  const rollUpTable = (title: string, by: number, groups: readonly TrackingGroup[]): void => {
    b.text(row++, 1, title, "header");
    b.headings(row++, [
      by === C.partner ? "Partner" : "Service",
      "",
      "",
      "Planned £",
      "",
      "",
      "Variance £",
      "Delivered %",
      "RAG",
    ]);
    for (const g of groups) {
      const r = row++;
      const who = `"="&$A${r}`;
      b.text(r, 1, g.group);
      b.formula(r, C.planned, `=SUMIFS(${span(C.planned)},${span(by)},${who})`, g.planned, "money");
      // Delivery compares like with like: the reported lines' plan against what they delivered.
      b.formula(r, C.variance, `=SUMIFS(${span(C.variance)},${span(by)},${who})`, g.variance, "money");
      const reportedPlan = `SUMIFS(${span(C.plannedReported)},${span(by)},${who})`;
      b.formula(
        r,
        C.delivered,
        `=IF(${reportedPlan}<=0,"",(${reportedPlan}+G${r})/${reportedPlan})`,
        g.delivered ?? "",
        "percent",
      );
      b.text(r, C.rag, g.rag ? RAG_NAMES[g.rag] : "", g.rag ? RAG_STYLES[g.rag] : undefined);
    }
    row++;
  };
  rollUpTable("By partner", C.partner, realisation.byPartner);
  rollUpTable("By service", C.service, realisation.byService);
  return b.build({ widths: WIDTHS, freezeRows: HEADER_ROW });
}

const WIDTHS = [26, 24, 10, 14, 14, 14, 14, 12, 8, 14, 10, 8, 14];
