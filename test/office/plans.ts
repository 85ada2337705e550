/**
 * Plans of any size for the Office.js adapter's tests, shaped like the real ones: a title, the A2
 * marker, headings, one row per budget line with text, amounts, formulas and a spilled
 * SHARED.APPORTION, a total row, widths, frozen headings, and a small profile sheet with a chart.
 */
import { Decimal } from "../../src/engine";
import { markerText, placeSheets, type ExistingSheet } from "../../src/workbook/owned";
import type { CellStyle, Plan, PlanCell, SheetPlan } from "../../src/workbook/plan/types";

export const WHEN = "25 November 2026 at 10:00";
export const COLUMNS = 13;
export const FIRST_LINE_ROW = 5; // 1-based: title, marker, blank, headings

const text = (t: string, style?: CellStyle): PlanCell => ({ kind: "text", text: t, style });

/** Description of line i: mostly plain, some that Excel would take for a formula, number or date. */
export function description(i: number): string {
  if (i % 1000 === 7) return "=1+1";
  if (i % 1000 === 8) return "-5 adjustment";
  if (i % 1000 === 9) return "2011/12";
  if (i % 1000 === 10) return "@risk";
  if (i % 1000 === 11) return "+44 contact";
  return `Line ${i} of the shared service budget`;
}

export function attributionSheet(lines: number, name = "Attribution", scale = 1): SheetPlan {
  const rows: (PlanCell | undefined)[][] = [
    [text("Attribution of costs and savings", "title")],
    [text(markerText("attribution", WHEN), "marker")],
    [],
    [
      "Service",
      "Cost centre",
      "Description",
      "Partner",
      "Baseline",
      "Weight",
      "Share",
      "Apportioned",
      "",
      "",
      "Saving",
      "Saving %",
      "Transitional",
    ].map((h) => (h ? text(h, "header") : undefined)),
  ];
  const last = FIRST_LINE_ROW + lines - 1;
  for (let i = 0; i < lines; i++) {
    const r = FIRST_LINE_ROW + i;
    rows.push([
      text(`Service ${i % 40}`, "text"),
      text(`CC${10000 + i}`),
      text(description(i)),
      text(["Hammersmith & Fulham", "Kensington & Chelsea", "Westminster"][i % 3]),
      { kind: "number", value: new Decimal(i).mul("123.45").mul(scale), style: "money" },
      { kind: "number", value: new Decimal((i % 17) + 1).div(4), style: "number" },
      { kind: "formula", formula: `=F${r}/SUM(F$${FIRST_LINE_ROW}:F$${last})`, value: new Decimal(0), style: "share" },
      {
        kind: "spill",
        formula: `=SHARED.APPORTION(E${r},F${r}:F${r}*{1,2,3})`,
        values: [[new Decimal(1), new Decimal(2), new Decimal(3)]],
        style: "money",
      },
      undefined,
      undefined,
      { kind: "formula", formula: `=E${r}-H${r}`, value: new Decimal(0), style: "money" },
      { kind: "formula", formula: `=IF(E${r}=0,0,K${r}/E${r})`, value: new Decimal(0), style: "percent" },
      { kind: "number", value: new Decimal(i % 7).mul("10.5"), style: "money" },
    ]);
  }
  rows.push([
    text("Total", "total"),
    undefined,
    undefined,
    undefined,
    { kind: "formula", formula: `=SUM(E${FIRST_LINE_ROW}:E${last})`, value: new Decimal(0), style: "total" },
  ]);
  return {
    role: "attribution",
    name,
    rows,
    widths: [24, 12, 40, 22, 14, 10, 10, 14, 14, 14, 14, 10, 14],
    freezeRows: 4,
  };
}

export function profileSheet(name = "Savings profile"): SheetPlan {
  const years = ["2011/12", "2012/13", "2013/14", "2014/15"];
  return {
    role: "savings-profile",
    name,
    rows: [
      [text("Savings profile", "title")],
      [text(markerText("savings-profile", WHEN), "marker")],
      [],
      [text("Partner", "header"), ...years.map((y) => text(y, "header"))],
      [
        text("Westminster"),
        ...years.map((_, i) => ({ kind: "number", value: new Decimal(1000 * (i + 1)), style: "money" }) as PlanCell),
      ],
      [
        text("Kensington & Chelsea"),
        ...years.map((_, i) => ({ kind: "number", value: new Decimal(700 * (i + 1)), style: "money" }) as PlanCell),
      ],
      [text("Net saving is cumulative from the first year.", "note")],
    ],
    widths: [24, 12, 12, 12, 12],
    freezeRows: 4,
    charts: [
      {
        kind: "line",
        title: "Savings by year",
        categories: "B4:E4",
        series: [
          { name: "Westminster", values: "B5:E5" },
          { name: "Kensington & Chelsea", values: "B6:E6" },
        ],
        at: "G4",
      },
    ],
  };
}

/** A plan for these sheets placed among the workbook's existing sheets as the add-in places them. */
export function placedPlan(existing: readonly ExistingSheet[], sheets: SheetPlan[]): Plan {
  const placement = placeSheets(existing, sheets);
  return {
    sheets: sheets.map((sheet, i) => ({ ...sheet, name: placement.names[i] })),
    reuse: placement.reuse,
    remove: placement.remove,
    summary: [],
  };
}
