import { Decimal } from "../../src/engine";
import { readWorkbook } from "../../src/office/read";
import { PAYLOAD_BUDGET } from "../../src/office/payload";
import { columnWidthPoints } from "../../src/office/styles";
import { needsQuotePrefix, styleBoxes, writePlan } from "../../src/office/write";
import type { SheetGrid } from "../../src/workbook/grid";
import { markerText } from "../../src/workbook/owned";
import type { CellStyle, Plan, SheetPlan } from "../../src/workbook/plan/types";
import { FakeWorkbook } from "./fake-excel";
import { COLUMNS, FIRST_LINE_ROW, WHEN, attributionSheet, description, placedPlan, profileSheet } from "./plans";

const userSheets = (): SheetGrid[] => [
  {
    name: "Budget",
    values: [
      ["Partner", "Service", "Baseline"],
      ["Westminster", "Youth offending", 728000],
      ["Kensington & Chelsea", "Youth offending", 676000],
      ["Hammersmith & Fulham", "Youth offending", { error: "#N/A" }],
    ],
  },
  {
    name: "Rules",
    values: [
      ["Service", "Basis"],
      ["Youth offending", "demand"],
    ],
  },
  // A user's sheet with the add-in's usual name but no marker: never touched, the output goes beside it.
  { name: "Attribution", values: [["My own notes"], ["not a marker"], [null, 42]] },
];

/** Read the fake workbook as the add-in does and place these sheets in it. */
async function planFor(workbook: FakeWorkbook, sheets: SheetPlan[]): Promise<Plan> {
  const { existing } = await readWorkbook(workbook.context);
  workbook.resetSyncs();
  return placedPlan(existing, sheets);
}

const snapshots = (workbook: FakeWorkbook, names: string[]): string[] => names.map((n) => workbook.snapshot(n));

describe("writePlan: a plan of 100 lines", () => {
  let workbook: FakeWorkbook;
  let plan: Plan;
  let result: { syncs: number; largestRequestBytes: number };
  let before: string[];
  const progress: [number, number][] = [];

  beforeAll(async () => {
    workbook = FakeWorkbook.fromGrids(userSheets());
    before = snapshots(workbook, ["Budget", "Rules", "Attribution"]);
    plan = await planFor(workbook, [attributionSheet(100), profileSheet()]);
    result = await writePlan(workbook.context, plan, { onProgress: (done, total) => progress.push([done, total]) });
  });

  test("goes beside the user's own Attribution sheet, which like every user sheet is left exactly as it was", () => {
    expect(plan.sheets.map((s) => s.name)).toEqual(["Attribution (2)", "Savings profile"]);
    expect(workbook.sheetNames()).toEqual(["Budget", "Rules", "Attribution", "Attribution (2)", "Savings profile"]);
    expect(snapshots(workbook, ["Budget", "Rules", "Attribution"])).toEqual(before);
  });

  test("takes one sync to look, none to check markers (nothing to replace), one to write and one to recalculate", () => {
    console.log(`100 lines: ${result.syncs} syncs, largest request ${result.largestRequestBytes} bytes`);
    expect(result.syncs).toBe(3);
    expect(workbook.syncs).toHaveLength(3);
    expect(progress.map(([done]) => done)).toEqual([1, 2, 3]);
    expect(progress.slice(1)).toEqual([
      [2, 3],
      [3, 3],
    ]);
  });

  test("suspends calculation in every batch that writes, screen updating once, then recalculates once", () => {
    const writing = workbook.syncs.filter((s) => s.writes > 0);
    expect(writing.length).toBeGreaterThan(0);
    for (const sync of writing) expect(sync.calculationSuspended).toBe(true);
    expect(writing[0].screenUpdatingSuspended).toBe(true);
    expect(workbook.screenSuspensions).toBe(1);
    expect(workbook.syncs.map((s) => s.calculated)).toEqual([undefined, undefined, "Recalculate"]);
    expect(workbook.syncs[2]).toMatchObject({ writes: 0, calculationSuspended: false });
  });

  test("writes each line's text, amounts, formulas and spill as planned", () => {
    const formulas = workbook.formulas("Attribution (2)");
    const r = FIRST_LINE_ROW + 41; // line 41, 1-based row
    expect(formulas[r - 1]).toEqual([
      "Service 1",
      "CC10041",
      description(41),
      "Westminster",
      41 * 123.45,
      ((41 % 17) + 1) / 4,
      `=F${r}/SUM(F$5:F$104)`,
      `=SHARED.APPORTION(E${r},F${r}:F${r}*{1,2,3})`,
      null, // left blank for the spill
      null,
      `=E${r}-H${r}`,
      `=IF(E${r}=0,0,K${r}/E${r})`,
      (41 % 7) * 10.5,
    ]);
    expect(formulas[1][0]).toBe(markerText("attribution", WHEN));
    expect(formulas[FIRST_LINE_ROW + 100 - 1].slice(0, 5)).toEqual(["Total", null, null, null, "=SUM(E5:E104)"]);
  });

  test("keeps text that looks like a formula, number or date as text", () => {
    const sheet = workbook.sheet("Attribution (2)")!;
    for (const i of [7, 8, 9, 10, 11]) {
      const cell = sheet.cell(FIRST_LINE_ROW + i, 3)!;
      expect({ value: cell.value, formula: cell.formula, date: cell.madeDate }).toEqual({
        value: description(i),
        formula: undefined,
        date: undefined,
      });
    }
    expect(sheet.cell(4, 5)?.quotePrefix).toBeUndefined(); // plain words get no apostrophe
    expect(workbook.sheet("Savings profile")!.cell(4, 2)?.value).toBe("2011/12");
  });

  test("gives each style its number format, and the spilled cells their anchor's", () => {
    const formats = workbook.numberFormats("Attribution (2)");
    const row = formats[FIRST_LINE_ROW - 1];
    expect(row).toEqual([
      "General",
      "General",
      "General",
      "General",
      "#,##0.00",
      "General", // a weight: General shows 5, not "5."
      "0.0000%",
      "#,##0.00",
      "#,##0.00",
      "#,##0.00",
      "#,##0.00",
      "0.00%",
      "#,##0.00",
    ]);
  });

  test("makes headings and the total bold with their borders, the title larger, the marker grey italic", () => {
    const sheet = workbook.sheet("Attribution (2)")!;
    expect(sheet.cell(1, 1)).toMatchObject({ bold: true, size: 14 });
    expect(sheet.cell(2, 1)).toMatchObject({ italic: true, color: "#808080" });
    expect(sheet.cell(4, 1)).toMatchObject({ bold: true, borderBottom: "Continuous", wrapText: true });
    expect(sheet.cell(4, 9)?.bold).toBeUndefined(); // the blank heading over the spill
    expect(sheet.cell(FIRST_LINE_ROW + 100, 5)).toMatchObject({
      bold: true,
      borderTop: "Continuous",
      numberFormat: "#,##0.00",
    });
    expect(sheet.cell(FIRST_LINE_ROW, 5)?.bold).toBeUndefined();
  });

  test("sets column widths in points, freezes the headings and draws the chart", () => {
    const sheet = workbook.sheet("Attribution (2)")!;
    expect(sheet.columnWidths.get(1)).toBe(columnWidthPoints(24));
    expect(sheet.columnWidths.get(3)).toBe(columnWidthPoints(40));
    expect(sheet.frozenRows).toBe(4);
    const profile = workbook.sheet("Savings profile")!;
    expect(profile.charts).toHaveLength(1);
    expect(profile.charts[0]).toMatchObject({
      type: "Line",
      title: "Savings by year",
      at: "G4",
      series: [
        { name: "Westminster", values: "B5:E5", categories: "B4:E4" },
        { name: "Kensington & Chelsea", values: "B6:E6", categories: "B4:E4" },
      ],
    });
  });
});

describe("writePlan: running again", () => {
  test("rewrites the add-in's sheets in place, deletes the one no longer made, and leaves one set of output", async () => {
    const workbook = FakeWorkbook.fromGrids(userSheets());
    const userBefore = snapshots(workbook, ["Budget", "Rules", "Attribution"]);
    const realisation: SheetPlan = {
      role: "realisation",
      name: "Realisation",
      rows: [[{ kind: "text", text: "Realisation" }], [{ kind: "text", text: markerText("realisation", WHEN) }]],
    };
    await writePlan(workbook.context, await planFor(workbook, [attributionSheet(120), profileSheet(), realisation]));
    const attribution = workbook.sheet("Attribution (2)");
    expect(workbook.sheetNames()).toEqual([
      "Budget",
      "Rules",
      "Attribution",
      "Attribution (2)",
      "Savings profile",
      "Realisation",
    ]);

    // Second run: fewer lines, other amounts, and no Tracker (so no Realisation sheet).
    const second = await planFor(workbook, [attributionSheet(80, "Attribution", 2), profileSheet()]);
    expect(second).toMatchObject({ reuse: ["Attribution (2)", "Savings profile"], remove: ["Realisation"] });
    const result = await writePlan(workbook.context, second);

    expect(workbook.sheetNames()).toEqual(["Budget", "Rules", "Attribution", "Attribution (2)", "Savings profile"]);
    // The same sheet, not a new one of the same name: formulas elsewhere that point at it keep working.
    expect(workbook.sheet("Attribution (2)")).toBe(attribution);
    const formulas = workbook.formulas("Attribution (2)");
    expect(formulas).toHaveLength(FIRST_LINE_ROW + 80); // the 120-line run's extra rows are gone
    expect(formulas[FIRST_LINE_ROW][4]).toBe(2 * 123.45);
    expect(workbook.sheet("Savings profile")!.charts).toHaveLength(1);
    expect(snapshots(workbook, ["Budget", "Rules", "Attribution"])).toEqual(userBefore);
    expect(result.syncs).toBe(4); // look, check the markers, write, recalculate
  });
});

describe("writePlan refuses, changing nothing, when", () => {
  async function refused(plan: (workbook: FakeWorkbook) => Promise<Plan>, message: RegExp): Promise<void> {
    const workbook = FakeWorkbook.fromGrids(userSheets());
    await writePlan(workbook.context, await planFor(workbook, [attributionSheet(5), profileSheet()]));
    const names = workbook.sheetNames();
    const before = snapshots(workbook, names);
    const bad = await plan(workbook);
    workbook.resetSyncs();
    await expect(writePlan(workbook.context, bad)).rejects.toThrow(message);
    expect(workbook.sheetNames()).toEqual(names);
    expect(snapshots(workbook, names)).toEqual(before);
    expect(workbook.syncs.every((s) => s.writes === 0)).toBe(true);
  }

  test("a sheet to rewrite has no marker (the user's own Attribution)", async () => {
    await refused(async (wb) => {
      const plan = await planFor(wb, [attributionSheet(5), profileSheet()]);
      return {
        ...plan,
        sheets: [{ ...plan.sheets[0], name: "Attribution" }, plan.sheets[1]],
        reuse: ["Attribution", "Savings profile"],
      };
    }, /"Attribution" is not one the add-in made/);
  });

  test("a sheet to delete has no marker", async () => {
    await refused(
      async (wb) => ({ ...(await planFor(wb, [attributionSheet(5), profileSheet()])), remove: ["Budget"] }),
      /"Budget" is not one the add-in made/,
    );
  });

  test("a new sheet's name is taken", async () => {
    await refused(async (wb) => {
      const plan = await planFor(wb, [attributionSheet(5), profileSheet()]);
      return {
        ...plan,
        sheets: [
          ...plan.sheets,
          {
            ...profileSheet("Rules"),
            role: "audit" as const,
            rows: [[], [{ kind: "text" as const, text: markerText("audit", WHEN) }]],
          },
        ],
      };
    }, /A sheet named "Rules" already exists/);
  });

  test("a sheet to rewrite holds another of the add-in's tables", async () => {
    await refused(async (wb) => {
      const plan = await planFor(wb, [attributionSheet(5), profileSheet()]);
      return {
        ...plan,
        sheets: [{ ...profileSheet("Attribution (2)") }, { ...attributionSheet(5, "Savings profile") }],
      };
    }, /holds the add-in's attribution table, not its savings-profile table/);
  });
});

describe("writePlan on a large plan", () => {
  const LINES = 50_000;
  let workbook: FakeWorkbook;
  let result: { syncs: number; largestRequestBytes: number };
  const progress: [number, number][] = [];

  beforeAll(async () => {
    workbook = FakeWorkbook.fromGrids(userSheets());
    const plan = await planFor(workbook, [attributionSheet(LINES), profileSheet()]);
    result = await writePlan(workbook.context, plan, { onProgress: (done, total) => progress.push([done, total]) });
  }, 120_000);

  test("keeps every request under the budget, with syncs growing only with the payload", () => {
    const largestSeen = Math.max(...workbook.syncs.map((s) => s.requestBytes));
    const sent = workbook.syncs.reduce((n, s) => n + s.requestBytes, 0);
    console.log(
      `${LINES} lines × ${COLUMNS} cells: ${result.syncs} syncs, largest request ${result.largestRequestBytes} bytes counted by the writer, ` +
        `${largestSeen} measured by the fake; ${sent} bytes in all`,
    );
    expect(result.largestRequestBytes).toBeLessThanOrEqual(PAYLOAD_BUDGET);
    expect(largestSeen).toBeLessThanOrEqual(PAYLOAD_BUDGET);
    // One sync to look, full batches (at most one more than the payload needs), one to recalculate.
    expect(result.syncs).toBeLessThanOrEqual(1 + Math.ceil(sent / PAYLOAD_BUDGET) + 1 + 1);
    expect(result.syncs).toBeGreaterThan(2); // it did have to be split
    const writing = workbook.syncs.filter((s) => s.writes > 0);
    expect(writing.every((s) => s.calculationSuspended)).toBe(true);
    // Screen updating once per run, however many batches: repeated calls make Excel flicker.
    expect(writing.length).toBeGreaterThan(1);
    expect(workbook.screenSuspensions).toBe(1);
    expect(writing[0].screenUpdatingSuspended).toBe(true);
  });

  test("reports progress after every sync, ending at the total", () => {
    expect(progress.map(([done]) => done)).toEqual(Array.from({ length: result.syncs }, (_, i) => i + 1));
    expect(progress[progress.length - 1]).toEqual([result.syncs, result.syncs]);
    for (const [, total] of progress.slice(1)) expect(total).toBe(result.syncs); // known once the first look is done
  });

  test("writes every line, across the batch boundaries, as planned", () => {
    const formulas = workbook.formulas("Attribution (2)");
    expect(formulas).toHaveLength(FIRST_LINE_ROW - 1 + LINES + 1);
    for (let i = 0; i < LINES; i++) {
      const row = formulas[FIRST_LINE_ROW - 1 + i];
      const r = FIRST_LINE_ROW + i;
      if (
        row[1] !== `CC${10000 + i}` ||
        row[4] !== Number(new Decimal(i).mul("123.45")) ||
        row[7] !== `=SHARED.APPORTION(E${r},F${r}:F${r}*{1,2,3})` ||
        row[8] !== null
      )
        throw new Error(`line ${i} (row ${r}) is ${JSON.stringify(row)}`);
    }
    const sheet = workbook.sheet("Attribution (2)")!;
    expect(sheet.cell(FIRST_LINE_ROW + 7007, 3)).toMatchObject({ value: "=1+1", quotePrefix: true });
    expect(sheet.cell(FIRST_LINE_ROW + LINES, 5)).toMatchObject({
      formula: `=SUM(E5:E${FIRST_LINE_ROW + LINES - 1})`,
      bold: true,
    });
  });
});

describe("the text rule", () => {
  test.each([
    ["=1+1", true],
    ["+44 20 7946 0000", true],
    ["-5", true],
    ["@SUM(A1)", true],
    ["'quoted", true],
    ["2011/12", true],
    ["00123", true],
    ["#N/A", true],
    [" leading space", true],
    ["TRUE", true],
    ["false", true],
    ["Sep-2011", true],
    ["March 2012", true],
    ["Westminster", false],
    ["Youth offending service", false],
    ["Marchmont (ward)", false],
    ["Total", false],
  ])("%s needs an apostrophe: %s", (text, expected) => {
    expect(needsQuotePrefix(text)).toBe(expected);
  });
});

describe("styleBoxes", () => {
  test("joins a run of like-styled cells with the same run below, and skips styles with no font or border", () => {
    const grid: (CellStyle | undefined)[][] = [
      ["header", "header", "header"],
      ["total", "total", "money"],
      ["total", "total", "money"],
      ["total", "text", "money"],
    ];
    const boxes = styleBoxes(4, 3, (r, c) => grid[r][c]);
    expect(boxes).toEqual(
      expect.arrayContaining([
        { style: "header", top: 0, left: 0, bottom: 0, right: 2 },
        { style: "total", top: 1, left: 0, bottom: 2, right: 1 },
        { style: "total", top: 3, left: 0, bottom: 3, right: 0 },
      ]),
    );
    expect(boxes).toHaveLength(3);
  });
});

describe("writePlan stops before reading the workbook", () => {
  test.each([
    ["a sheet name Excel refuses", { ...attributionSheet(2), name: "Attribution: 2011/12" }, /cannot be a sheet name/],
    [
      "a sheet without its A2 marker",
      { ...attributionSheet(2), rows: [[{ kind: "text" as const, text: "Attribution" }]] },
      /no attribution marker in A2/,
    ],
  ])("for %s", async (_, sheet, message) => {
    const workbook = FakeWorkbook.fromGrids(userSheets());
    await expect(writePlan(workbook.context, { sheets: [sheet], reuse: [], remove: [], summary: [] })).rejects.toThrow(
      message,
    );
    expect(workbook.syncs).toHaveLength(0);
  });

  test("an amount Excel cannot hold is named by its cell", async () => {
    const sheet = attributionSheet(2);
    sheet.rows[FIRST_LINE_ROW - 1][4] = { kind: "number", value: new Decimal(Infinity), style: "money" };
    const workbook = FakeWorkbook.fromGrids(userSheets().slice(0, 2));
    await expect(writePlan(workbook.context, { sheets: [sheet], reuse: [], remove: [], summary: [] })).rejects.toThrow(
      /Attribution!E5/,
    );
    expect(workbook.sheetNames()).toEqual(["Budget", "Rules"]);
  });
});

describe("writePlan when Excel fails part-way", () => {
  test("says which step failed and that the user's sheets were not touched", async () => {
    const workbook = FakeWorkbook.fromGrids(userSheets());
    const plan = await planFor(workbook, [attributionSheet(3000), profileSheet()]);
    const sync = workbook.internal.sync.bind(workbook.internal);
    workbook.internal.sync = async () => {
      if (workbook.syncs.length === 2) throw new Error("GeneralException");
      await sync();
    };
    await expect(writePlan(workbook.context, plan, { budgetBytes: 100_000 })).rejects.toThrow(
      /step 2 of \d+ \(GeneralException\).*your own sheets were not touched/,
    );
  });
});

describe("writePlan after Excel failed part-way", () => {
  test("leaves every add-in sheet marked, so the next run replaces it rather than writing beside it", async () => {
    const workbook = FakeWorkbook.fromGrids(userSheets());
    const first = await planFor(workbook, [attributionSheet(3000), profileSheet()]);
    await writePlan(workbook.context, first);
    // Second run: fail at the second batch, after both sheets were cleared but before the profile's cells.
    const second = await planFor(workbook, [attributionSheet(3000), profileSheet()]);
    const sync = workbook.internal.sync.bind(workbook.internal);
    workbook.internal.sync = async () => {
      if (workbook.syncs.length === 3) throw new Error("GeneralException");
      await sync();
    };
    await expect(writePlan(workbook.context, second, { budgetBytes: 100_000 })).rejects.toThrow(/step 2/);
    expect(workbook.formulas("Savings profile")).toEqual([[null], [markerText("savings-profile", WHEN)]]); // cleared, marked, not yet rewritten
    workbook.internal.sync = sync;
    const third = await planFor(workbook, [attributionSheet(3000), profileSheet()]);
    expect(third.reuse).toEqual(["Attribution (2)", "Savings profile"]);
    await writePlan(workbook.context, third);
    expect(workbook.sheetNames()).toEqual(["Budget", "Rules", "Attribution", "Attribution (2)", "Savings profile"]);
    expect(workbook.sheet("Savings profile")!.charts).toHaveLength(1);
  });
});
