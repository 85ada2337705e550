/**
 * Units per column (issue 17, README "Input template"): a unit in a heading (`Baseline £000`)
 * applies to that column only; one in a title above the headings applies to the columns whose
 * heading says none; else pounds. A heading's unit wins over the title's for its column. The
 * Audit sheet lists the unit read for each money column and where it came from.
 */
import type { CellValue } from "../../../src/workbook/grid";
import type { BudgetSheet, MoneyCell } from "../../../src/workbook/inputs";
import { prepareRun } from "../../../src/workbook/prepare";
import type { SheetPlan } from "../../../src/workbook/plan/types";
import { HF, KC, LIB, Sheets, WCC, YOS, grids, read, validSheets, where, withCells } from "./workbook";

/** A wide Budget under a £000s title: HF's heading says £000, KC's says £ (winning over the title), WCC's none. */
const mixedWide = (): CellValue[][] => [
  ["Original net budgets 2011/12 (£000)"],
  [],
  ["Service", "Cost centre", `${HF} £000`, `${KC} £`, WCC, "Total"],
  [YOS, "Y1", 728, 676000.5, 600, 2004.0005],
  [LIB, null, 1200.0005, 900000, 1500, 3600.0005],
];

const amounts = (budget: BudgetSheet): string[] =>
  budget.lines.map((l) => `${l.service}|${l.partner}|${l.baseline.value.toFixed()}|${l.baseline.units}`);

describe("a unit in a heading applies to its column only", () => {
  test("a wide Budget with £000 and £ partner columns: every figure exact, in pounds", () => {
    const r = read({ ...validSheets(), Budget: mixedWide() });
    // The Total column (no unit of its own, partners mixed) is in the title's £000s: the totals agree.
    expect(where(r.problems)).toEqual([]);
    const budget = r.inputs?.budget as BudgetSheet;
    expect(budget.units).toBe("mixed");
    expect(amounts(budget)).toEqual([
      `${YOS}|${HF}|728000|thousands`,
      `${YOS}|${KC}|676000.5|pounds`,
      `${YOS}|${WCC}|600000|thousands`,
      `${LIB}|${HF}|1200000.5|thousands`,
      `${LIB}|${KC}|900000|pounds`,
      `${LIB}|${WCC}|1500000|thousands`,
    ]);
    expect(r.notes).toContain(
      "Budget: wide layout, headings in row 3, amounts in £000s in some columns and in pounds in others (the Audit sheet lists each column's unit).",
    );
  });

  test("each column's unit and where it came from", () => {
    const r = read({ ...validSheets(), Budget: mixedWide() });
    const title = { at: { sheet: "Budget", row: 1, column: 1 }, text: "Original net budgets 2011/12 (£000)" };
    const at = (column: number) => ({ sheet: "Budget", row: 3, column });
    expect(r.units.find((u) => u.sheet === "Budget")).toEqual({
      sheet: "Budget",
      title,
      columns: [
        { at: at(3), heading: `${HF} £000`, units: "thousands", from: "heading", title },
        { at: at(4), heading: `${KC} £`, units: "pounds", from: "heading", title },
        { at: at(5), heading: WCC, units: "thousands", from: "title", title },
        { at: at(6), heading: "Total", units: "thousands", from: "title", title },
      ],
    });
  });

  test("a mistyped line in a £ column is caught by a Total column in £000s, in pounds", () => {
    const budget = mixedWide();
    budget[3][3] = 676000; // KC's line is 50p less than the total says
    const r = read({ ...validSheets(), Budget: budget });
    expect(where(r.problems)).toEqual([
      `warning Budget!F4 "Total" in row 4 is £2,004,000.50, but the partners' amounts in the row add up to £2,004,000.00: the total is £0.50 more than the lines.`,
    ]);
  });

  test("a Total column with no unit takes the unit of the partners' columns it totals", () => {
    const r = read({
      ...validSheets(),
      Budget: [
        ["Service", `${HF} £000`, `${KC} £000`, `${WCC} £000`, "Total"],
        [YOS, 728, 676, 677, 2081],
        [LIB, 1200, 900, 1500, 3600],
      ],
    });
    expect(where(r.problems)).toEqual([]);
    expect(r.inputs?.budget.units).toBe("thousands");
    expect(r.units.find((u) => u.sheet === "Budget")?.columns.map((c) => [c.heading, c.units, c.from])).toEqual([
      [`${HF} £000`, "thousands", "heading"],
      [`${KC} £000`, "thousands", "heading"],
      [`${WCC} £000`, "thousands", "heading"],
      ["Total", "thousands", "totalled"],
    ]);
  });

  test("a long Budget's Baseline £000 beside a Tracker's Achieved £000 and Forecast £", () => {
    const sheets = withCells([
      ["Budget", "C1", "Baseline £000"],
      ["Tracker", "D1", "Achieved £000"],
      ["Tracker", "E1", "Forecast £"],
      ["Tracker", "D2", 281],
      ["Tracker", "E3", 40000.25],
    ]);
    for (const row of sheets.Budget.slice(1)) row[2] = Number(row[2]) / 1000;
    const r = read(sheets);
    expect(where(r.problems)).toEqual([]);
    expect(r.inputs?.budget.units).toBe("thousands");
    expect(r.inputs?.budget.lines.map((l) => l.baseline.value.toFixed())).toEqual([
      "728000",
      "676000",
      "600000",
      "77000",
      "1200000.5",
      "900000",
      "1500000",
    ]);
    const tracker = r.inputs?.tracker;
    expect(tracker?.units).toBe("mixed");
    expect(tracker?.lines[0].achieved).toMatchObject({ units: "thousands" });
    expect(tracker?.lines[0].achieved?.value.toFixed()).toBe("281000");
    expect(tracker?.lines[1].forecast).toMatchObject({ units: "pounds" });
    expect(tracker?.lines[1].forecast?.value.toFixed()).toBe("40000.25");
  });

  test("Rules: New cost £000 scales its column only; a Transitional cost with no unit is pounds", () => {
    const r = read(
      withCells([
        ["Rules", "D1", "New cost £000"],
        ["Rules", "D2", 1650],
        ["Rules", "F2", 100000.5],
      ]),
    );
    expect(where(r.problems)).toEqual([]);
    const yos = r.inputs?.rules.rules[0];
    expect(r.inputs?.rules.units).toBe("mixed");
    expect((yos?.newCost as MoneyCell).value.toFixed()).toBe("1650000");
    expect((yos?.transitional as MoneyCell).value.toFixed()).toBe("100000.5");
    // Phasing is listed only where it gives amounts: here it gives percentages.
    expect(r.units.find((u) => u.sheet === "Rules")?.columns.map((c) => [c.heading, c.units, c.from])).toEqual([
      ["New cost £000", "thousands", "heading"],
      ["Transitional cost", "pounds", "default"],
    ]);
  });

  test("Rules: phasing as amounts in a Phasing £000 column is read in thousands", () => {
    const r = read(
      withCells([
        ["Rules", "G1", "Phasing £000"],
        ["Rules", "G2", "1,000; 281"],
      ]),
    );
    expect(where(r.problems)).toEqual([]);
    expect(r.inputs?.rules.rules[0].phasingAmounts?.value.map((d) => d.toFixed())).toEqual(["1000000", "281000"]);
    expect(r.units.find((u) => u.sheet === "Rules")?.columns.map((c) => [c.heading, c.units])).toEqual([
      ["New cost", "pounds"],
      ["Transitional cost", "pounds"],
      ["Phasing £000", "thousands"],
    ]);
  });
});

/** The Audit's Units read list, as its rows' text. */
function unitsRead(audit: SheetPlan): string[][] {
  const text = (row: SheetPlan["rows"][number]): string[] =>
    (row ?? []).map((c) => (c?.kind === "text" ? c.text : c === undefined || c === null ? "" : "#"));
  const start = audit.rows.findIndex((row) => text(row)[0]?.startsWith("Units read"));
  expect(start).toBeGreaterThan(0);
  const out: string[][] = [];
  for (let i = start; i < audit.rows.length && text(audit.rows[i]).some((t) => t !== ""); i++)
    out.push(text(audit.rows[i]));
  return out;
}

test("the Audit sheet lists the units read for each column, sheet by sheet in workbook order", () => {
  const sheets: Sheets = {
    ...validSheets(),
    Budget: mixedWide(),
    Variances: [
      ["Service", "Year", "Cause", "Amount £000", "Partner", "Note"],
      [YOS, "2011/12", "demand", 10, null, null],
    ],
  };
  const prepared = prepareRun(grids(sheets), [], { when: new Date("2026-12-02T06:00:00Z"), source: "test" });
  expect(where(prepared.problems)).toEqual([]);
  const audit = prepared.plan?.sheets.find((s) => s.role === "audit") as SheetPlan;
  const title = 'the title at Budget!A1 ("Original net budgets 2011/12 (£000)")';
  expect(unitsRead(audit)).toEqual([
    ["Units read: each money column's unit (its heading's, else the title's above the headings, else pounds)"],
    ["Sheet", "Column", "Heading", "Unit", "From"],
    ["Budget", "C3", `${HF} £000`, "£000s (× 1,000)", "its heading"],
    ["Budget", "D3", `${KC} £`, "pounds", `its heading, which wins for this column over ${title}, which says £000s`],
    ["Budget", "E3", WCC, "£000s (× 1,000)", title],
    ["Budget", "F3", "Total", "£000s (× 1,000)", title],
    ["Rules", "D1", "New cost", "pounds", "no unit in its heading or a title: pounds"],
    ["Rules", "F1", "Transitional cost", "pounds", "no unit in its heading or a title: pounds"],
    ["FTE", "D1", "Cost", "pounds", "no unit in its heading or a title: pounds"],
    ["Tracker", "D1", "Achieved", "pounds", "no unit in its heading or a title: pounds"],
    ["Variances", "D1", "Amount £000", "£000s (× 1,000)", "its heading"],
    ["A Rules sheet's Phasing column is listed where it gives amounts. Everything the add-in writes is in pounds."],
  ]);
  // The variance is read in thousands: £10,000 shared.
  expect(prepared.outcome?.variances?.items[0].entry.amount.value.toFixed()).toBe("10000");
});
