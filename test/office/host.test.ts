/**
 * The WorkbookHost over the in-memory workbook (test/office/fake-excel.ts), as the task pane uses
 * it: adding input sheets (the sample data, a new Rules sheet), writing Rules cells, selecting a
 * cell. The run hands each batch the fake's context and syncs after it, as Excel.run does.
 */
import { PAYLOAD_BUDGET, PAYLOAD_LIMIT } from "../../src/office/payload";
import { type ExcelRun, officeHost } from "../../src/office/host";
import type { WorkbookHost } from "../../src/workbook/host";
import { columnWidthPoints } from "../../src/office/styles";
import type { CellValue, SheetGrid } from "../../src/workbook/grid";
import type { InputSheet } from "../../src/workbook/edit/input-sheet";
import { markerText } from "../../src/workbook/owned";
import { FakeWorkbook } from "./fake-excel";

function hostOver(workbook: FakeWorkbook): WorkbookHost {
  const run: ExcelRun = async (batch) => {
    const result = await batch(workbook.context);
    await workbook.context.sync();
    return result;
  };
  return officeHost(run);
}

const userSheets = (): SheetGrid[] => [
  {
    name: "Budget",
    values: [
      ["Partner", "Service", "Baseline"],
      ["Westminster", "Youth offending", 728000],
    ],
  },
  {
    name: "Rules",
    values: [
      ["Service", "Basis", "Phasing"],
      ["Youth offending", "demand", "10%, 90%"],
      ["Libraries", "equal", null],
    ],
  },
  {
    name: "Attribution",
    values: [["Attribution of costs and savings"], [markerText("attribution", "2026-11-25 10:00 UTC")], [null, 42]],
  },
];

/** Everything on every sheet, to show a refused call changed nothing. */
const everything = (workbook: FakeWorkbook): string[] => workbook.sheetNames().map((n) => workbook.snapshot(n));

/** The text that Excel would take as a formula, number, date, boolean or error were it typed. */
const LOOKALIKES = [
  "=SUM(A1)",
  "2011/12",
  "12,000",
  "-5",
  "+44 20 7946 0000",
  "@SUM(A1)",
  "TRUE",
  "#N/A",
  "Sep-2011",
  "00123",
];

const inputSheet = (rows = 3): InputSheet => ({
  name: "Rules (2)",
  values: [
    ["Sharing rules"],
    ["One row per service."],
    ["Service", "Partners", "New cost", "Reduction", "First year"],
    ...Array.from({ length: rows }, (_, i): CellValue[] => [
      `Service ${i + 1}`,
      i === 0 ? null : "Westminster, Brent",
      1000 + i,
      i % 2 === 0 ? 0.2 : null,
      "2011/12",
    ]),
  ],
  headingRow: 3,
  widths: [30, 0, 12],
  numberFormats: [undefined, undefined, "#,##0.00", "0%"],
  freezeRows: 3,
});

describe("addSheets", () => {
  test("adds each sheet after the last, with its values; text that Excel would read as something else stays text", async () => {
    const workbook = FakeWorkbook.fromGrids(userSheets());
    const sheet: InputSheet = {
      name: "Typed",
      values: [LOOKALIKES, ["Westminster", 12000, 0.25, true, null, "", { error: "#REF!" }, "Total"]],
    };
    await hostOver(workbook).addSheets([sheet, inputSheet()]);
    expect(workbook.sheetNames()).toEqual(["Budget", "Rules", "Attribution", "Typed", "Rules (2)"]);

    const typed = workbook.sheet("Typed")!;
    LOOKALIKES.forEach((text, i) => {
      const cell = typed.cell(1, i + 1)!;
      expect({ text, value: cell.value, formula: cell.formula, date: cell.madeDate, quote: cell.quotePrefix }).toEqual({
        text,
        value: text,
        formula: undefined,
        date: undefined,
        quote: true,
      });
    });
    // Words, numbers and booleans go in as they are; blanks stay blank; an error value is kept as its text.
    expect(workbook.values("Typed")[1]).toEqual([
      "Westminster",
      12000,
      0.25,
      true,
      null,
      null,
      "#REF!",
      "Total",
      null,
      null,
    ]);
    expect(typed.cell(2, 1)?.quotePrefix).toBeUndefined();
    expect(typed.cell(2, 8)?.quotePrefix).toBeUndefined();
    expect(typed.cell(2, 7)).toMatchObject({ value: "#REF!", quotePrefix: true });

    const padded = inputSheet().values.map((row) => Array.from({ length: 5 }, (_, c) => row[c] ?? null));
    expect(workbook.values("Rules (2)")).toEqual(padded);
    expect(workbook.sheet("Rules (2)")!.cell(4, 5)).toMatchObject({ value: "2011/12", quotePrefix: true });
  });

  test("formats the columns under the headings, makes the headings and title bold, sets widths and freezes the headings", async () => {
    const workbook = FakeWorkbook.fromGrids(userSheets());
    await hostOver(workbook).addSheets([inputSheet(4)]);
    const sheet = workbook.sheet("Rules (2)")!;

    const formats = workbook.numberFormats("Rules (2)");
    expect(formats.map((row) => row.slice(2, 4))).toEqual([
      ["General", "General"], // the title and the note above the headings keep General
      ["General", "General"],
      ["General", "General"], // and so do the headings
      ["#,##0.00", "0%"],
      ["#,##0.00", "0%"],
      ["#,##0.00", "0%"],
      ["#,##0.00", "0%"],
    ]);
    expect(formats.every((row) => row[0] === "General" && row[4] === "General")).toBe(true);

    for (let c = 1; c <= 5; c++)
      expect(sheet.cell(3, c)).toMatchObject({ bold: true, wrapText: true, borderBottom: "Continuous" });
    expect(sheet.cell(3, 6)).toBeUndefined(); // only as wide as the table
    expect(sheet.cell(1, 1)?.bold).toBe(true); // the title above the headings
    expect(sheet.cell(2, 1)?.bold).toBeUndefined();
    expect(sheet.cell(4, 1)?.bold).toBeUndefined();

    expect([...sheet.columnWidths.entries()]).toEqual([
      [1, columnWidthPoints(30)],
      [3, columnWidthPoints(12)],
    ]); // a width of 0 leaves the column as Excel has it
    expect(sheet.frozenRows).toBe(3);
  });

  test("a sheet with its headings in row 1 has no title to embolden, and no number formats without headings", async () => {
    const workbook = FakeWorkbook.fromGrids([]);
    await hostOver(workbook).addSheets([
      {
        name: "Plain",
        values: [
          ["Service", "Amount"],
          ["A", 1],
        ],
        headingRow: 1,
      },
      { name: "Loose", values: [["A", 1]], numberFormats: [undefined, "0.00"] },
    ]);
    expect(workbook.sheet("Plain")!.cell(1, 1)).toMatchObject({ bold: true, borderBottom: "Continuous" });
    expect(workbook.sheet("Plain")!.cell(2, 1)?.bold).toBeUndefined();
    expect(workbook.sheet("Plain")!.frozenRows).toBe(0);
    expect(workbook.numberFormats("Loose")).toEqual([["General", "General"]]);
  });

  test.each([
    ["the same name", ["Rules"], /already has a sheet named "Rules"\. Nothing was added/],
    ["a name differing only in case", ["BUDGET"], /already has a sheet named "BUDGET"\. Nothing was added/],
    ["one of several names", ["New one", "attribution"], /already has a sheet named "attribution"\. Nothing was added/],
  ])("refuses, adding nothing and writing nothing, when a name is taken: %s", async (_, names, message) => {
    const workbook = FakeWorkbook.fromGrids(userSheets());
    const before = everything(workbook);
    await expect(hostOver(workbook).addSheets(names.map((name) => ({ ...inputSheet(), name })))).rejects.toThrow(
      message,
    );
    expect(workbook.sheetNames()).toEqual(["Budget", "Rules", "Attribution"]);
    expect(everything(workbook)).toEqual(before);
    expect(workbook.syncs.every((s) => s.writes === 0)).toBe(true);
  });

  test("names every clash at once", async () => {
    const workbook = FakeWorkbook.fromGrids(userSheets());
    await expect(
      hostOver(workbook).addSheets(["Budget", "Fresh", "Rules"].map((name) => ({ ...inputSheet(), name }))),
    ).rejects.toThrow('already has a sheet named "Budget", "Rules". Nothing was added: rename or remove it first.');
    expect(workbook.sheetNames()).toEqual(["Budget", "Rules", "Attribution"]);
  });
});

describe("addSheets on a large sheet", () => {
  /** A budget-like sheet of `rows` lines under a title and headings, about 80 bytes a line. */
  const lines = (rows: number, name = "Budget lines", description = "Staff"): InputSheet => ({
    name,
    values: [
      ["Budget lines"],
      [],
      ["Partner", "Service", "Cost centre", "Description", "Baseline £"],
      ...Array.from({ length: rows }, (_, i): CellValue[] => [
        i % 2 ? "Kensington & Chelsea" : "Westminster",
        `Service ${i % 9}`,
        `CC${10000 + i}`,
        `${description} ${i}`,
        Math.round(i * 123.45 * 100) / 100,
      ]),
    ],
    headingRow: 3,
    widths: [24, 30, 12, 40, 14],
    numberFormats: [undefined, undefined, undefined, undefined, "#,##0.00"],
    freezeRows: 3,
  });

  async function added(sheets: InputSheet[]): Promise<FakeWorkbook> {
    const workbook = FakeWorkbook.fromGrids(userSheets());
    await hostOver(workbook).addSheets(sheets);
    return workbook;
  }
  const largest = (workbook: FakeWorkbook): number => Math.max(...workbook.syncs.map((s) => s.requestBytes));

  test("takes the same number of syncs for 10 rows as for 20,000, and writes every row", async () => {
    const small = await added([lines(10)]);
    const large = await added([lines(20_000)]);
    const sent = large.syncs.reduce((n, s) => n + s.requestBytes, 0);
    console.log(
      `addSheets: 10 rows ${small.syncs.length} syncs; 20,000 rows ${large.syncs.length} syncs, ` +
        `largest request ${largest(large)} bytes, ${sent} in all`,
    );
    expect(large.syncs.length).toBe(small.syncs.length);
    // One to look at the names, one to write, and the run's closing sync (which has nothing left to send).
    expect(small.syncs.length).toBeLessThanOrEqual(3);
    expect(small.syncs.filter((s) => s.requestBytes > 0 || s.writes > 0)).toHaveLength(1);
    expect(largest(large)).toBeLessThan(PAYLOAD_LIMIT);

    const values = large.values("Budget lines");
    expect(values).toHaveLength(3 + 20_000);
    expect(values[3 + 12_345]).toEqual(["Kensington & Chelsea", "Service 6", "CC22345", "Staff 12345", 1523990.25]);
    expect(large.numberFormats("Budget lines")[3 + 19_999][4]).toBe("#,##0.00");
  });

  test("several sheets share the syncs: three sheets take no more than one", async () => {
    const one = await added([lines(100)]);
    const three = await added([lines(100, "A"), lines(100, "B"), lines(100, "C")]);
    expect(three.syncs.length).toBe(one.syncs.length);
  });

  test("keeps every request under the 5 MB limit when the values alone are more than one request can carry", async () => {
    // About 12 MB of values: long descriptions.
    const workbook = await added([lines(40_000, "Budget lines", "x".repeat(250))]);
    const sent = workbook.syncs.reduce((n, s) => n + s.requestBytes, 0);
    console.log(
      `addSheets: 40,000 long rows, ${workbook.syncs.length} syncs, largest request ${largest(workbook)} bytes`,
    );
    expect(sent).toBeGreaterThan(2 * PAYLOAD_BUDGET);
    for (const s of workbook.syncs) expect(s.requestBytes).toBeLessThan(PAYLOAD_LIMIT);
    // One to look, then as many as the data needs (one spare for the last partly filled batch).
    expect(workbook.syncs.length).toBeLessThanOrEqual(1 + Math.ceil(sent / PAYLOAD_BUDGET) + 1);
    expect(workbook.values("Budget lines")).toHaveLength(3 + 40_000);
  });

  // Number formats once went uncounted after the values, so a sheet with many formatted columns
  // sent one request over 5 MB; they now travel with their rows' values and count against the budget.
  test("keeps every request under the 5 MB limit when number formats cover many long columns", async () => {
    const columns = 12;
    const rows = 30_000;
    const sheet: InputSheet = {
      name: "Wide",
      values: [
        Array.from({ length: columns }, (_, c) => `Amount ${c + 1}`),
        ...Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => r * columns + c + 0.25)),
      ],
      headingRow: 1,
      numberFormats: Array.from({ length: columns }, () => "#,##0.00;[Red]-#,##0.00"),
    };
    const workbook = await added([sheet]);
    console.log(
      `addSheets: ${rows} rows × ${columns} formatted columns, requests ${workbook.syncs.map((s) => s.requestBytes).join(", ")} bytes`,
    );
    for (const s of workbook.syncs) expect(s.requestBytes).toBeLessThan(PAYLOAD_LIMIT);
  });
});

describe("writeCells", () => {
  test("refuses, writing nothing, when a cell the edit was worked out from has changed since", async () => {
    const workbook = FakeWorkbook.fromGrids(userSheets());
    // The user sorted the Rules sheet in Excel after the pane read it: row 2 is Libraries now.
    const rules = workbook.sheet("Rules")!;
    rules.touch(2, 1).value = "Libraries";
    rules.touch(3, 1).value = "Youth offending";
    const before = everything(workbook);
    await expect(
      hostOver(workbook).writeCells(
        "Rules",
        [{ row: 2, column: 3, value: "50%, 50%" }],
        [
          { row: 2, column: 3, value: "10%, 90%" },
          { row: 2, column: 1, value: "Youth offending" },
          { row: 1, column: 3, value: "Phasing" },
        ],
      ),
    ).rejects.toThrow(
      'Rules!A2 has changed since the add-in read it (it held "Youth offending", now "Libraries"), so the edit might land in the wrong row. Nothing was written: the pane has read the sheet again; make the edit again.',
    );
    expect(everything(workbook)).toEqual(before);
  });

  test("writes when every guard still holds, a blank guard matching an empty cell", async () => {
    const workbook = FakeWorkbook.fromGrids(userSheets());
    await hostOver(workbook).writeCells(
      "Rules",
      [{ row: 4, column: 1, value: "Parking" }],
      [
        { row: 4, column: 1, value: null },
        { row: 1, column: 1, value: "Service" },
      ],
    );
    expect(workbook.values("Rules")[3]).toEqual(["Parking", null, null]);
  });

  test("keeps a number format of the user's, and sets the format before the value over General or Text", async () => {
    const workbook = FakeWorkbook.fromGrids(userSheets());
    const rules = workbook.sheet("Rules")!;
    rules.touch(2, 2).numberFormat = "£#,##0"; // the user's own
    rules.touch(3, 2).numberFormat = "@"; // Text: a number entered after would be stored as text
    await hostOver(workbook).writeCells("Rules", [
      { row: 2, column: 2, value: 1650000, numberFormat: "#,##0" },
      { row: 3, column: 2, value: 98000, numberFormat: "#,##0" },
    ]);
    expect(rules.cell(2, 2)).toMatchObject({ value: 1650000, numberFormat: "£#,##0" });
    expect(rules.cell(3, 2)).toMatchObject({ value: 98000, numberFormat: "#,##0" });
  });

  test("writes exactly the cells given, text as text, with any number format, and null clears a cell", async () => {
    const workbook = FakeWorkbook.fromGrids(userSheets());
    const others = ["Budget", "Attribution"].map((n) => workbook.snapshot(n));
    await hostOver(workbook).writeCells("Rules", [
      { row: 2, column: 3, value: "2011/12" },
      { row: 3, column: 2, value: null },
      { row: 3, column: 4, value: 0.2, numberFormat: "0%" },
      { row: 5, column: 1, value: "=SUM(A1)" },
      { row: 5, column: 2, value: 1650000, numberFormat: "#,##0.00" },
      { row: 5, column: 3, value: "Westminster" },
    ]);
    expect(workbook.values("Rules")).toEqual([
      ["Service", "Basis", "Phasing", null],
      ["Youth offending", "demand", "2011/12", null],
      ["Libraries", null, null, 0.2],
      [null, null, null, null],
      ["=SUM(A1)", 1650000, "Westminster", null],
    ]);
    const rules = workbook.sheet("Rules")!;
    expect(rules.cell(2, 3)).toMatchObject({ value: "2011/12", quotePrefix: true, numberFormat: "General" });
    expect(rules.cell(5, 1)).toMatchObject({ value: "=SUM(A1)", quotePrefix: true });
    expect(rules.cell(5, 1)?.formula).toBeUndefined();
    expect(rules.cell(5, 3)?.quotePrefix).toBeUndefined();
    expect(rules.cell(3, 4)?.numberFormat).toBe("0%");
    expect(rules.cell(5, 2)?.numberFormat).toBe("#,##0.00");
    // Nothing else: the number formats are only where asked, and the other sheets are as they were.
    const formatted = workbook
      .numberFormats("Rules")
      .flatMap((row, r) => row.map((f, c) => (f === "General" ? undefined : `${r + 1},${c + 1} ${f}`)))
      .filter((x) => x !== undefined);
    expect(formatted).toEqual(["3,4 0%", "5,2 #,##0.00"]);
    expect(["Budget", "Attribution"].map((n) => workbook.snapshot(n))).toEqual(others);
    expect(workbook.sheetNames()).toEqual(["Budget", "Rules", "Attribution"]);
  });

  test("takes a fixed number of syncs however many cells are written", async () => {
    const count = async (n: number): Promise<number> => {
      const workbook = FakeWorkbook.fromGrids(userSheets());
      await hostOver(workbook).writeCells(
        "Rules",
        Array.from({ length: n }, (_, i) => ({ row: 2 + i, column: 5, value: `note ${i}` })),
      );
      return workbook.syncs.length;
    };
    expect(await count(1)).toBe(await count(500));
  });

  test("refuses one of the add-in's own sheets (its A2 marker), writing nothing", async () => {
    const workbook = FakeWorkbook.fromGrids(userSheets());
    const before = everything(workbook);
    await expect(hostOver(workbook).writeCells("Attribution", [{ row: 3, column: 2, value: 7 }])).rejects.toThrow(
      '"Attribution" is one of the add-in\'s own output sheets, which it rewrites on every run. Nothing was written.',
    );
    expect(everything(workbook)).toEqual(before);
    expect(workbook.syncs.every((s) => s.writes === 0)).toBe(true);
  });

  test("refuses a sheet that is not there, writing nothing", async () => {
    const workbook = FakeWorkbook.fromGrids(userSheets());
    const before = everything(workbook);
    await expect(hostOver(workbook).writeCells("Rules (2)", [{ row: 1, column: 1, value: "x" }])).rejects.toThrow(
      'There is no sheet named "Rules (2)" any more. Nothing was written.',
    );
    expect(workbook.sheetNames()).toEqual(["Budget", "Rules", "Attribution"]);
    expect(everything(workbook)).toEqual(before);
    expect(workbook.syncs.every((s) => s.writes === 0)).toBe(true);
  });

  test("a sheet whose A2 only mentions the add-in is the user's, and is written", async () => {
    const workbook = FakeWorkbook.fromGrids([
      { name: "Notes", values: [["Notes"], ["Made by the Shared Services team, not the add-in"]] },
    ]);
    await hostOver(workbook).writeCells("Notes", [{ row: 3, column: 1, value: "ok" }]);
    expect(workbook.values("Notes")[2]).toEqual(["ok"]);
  });
});

describe("select", () => {
  test("activates the sheet and selects the cell", async () => {
    const workbook = FakeWorkbook.fromGrids(userSheets());
    await hostOver(workbook).select("Rules", "C3");
    expect(workbook.selection).toEqual({ sheet: "Rules", address: "C3" });
    await hostOver(workbook).select("Budget", "B2:C2");
    expect(workbook.selection).toEqual({ sheet: "Budget", address: "B2:C2" });
  });

  test("selects A1 when no cell is given, and finds the sheet ignoring case", async () => {
    const workbook = FakeWorkbook.fromGrids(userSheets());
    await hostOver(workbook).select("attribution");
    expect(workbook.selection).toEqual({ sheet: "Attribution", address: "A1" });
  });

  test("changes nothing in the workbook: a sync to find the sheet, one to select, and the run's own", async () => {
    const workbook = FakeWorkbook.fromGrids(userSheets());
    const before = everything(workbook);
    await hostOver(workbook).select("Rules", "B2");
    expect(everything(workbook)).toEqual(before);
    expect(workbook.syncs.every((s) => s.writes === 0)).toBe(true);
    expect(workbook.syncs.length).toBeLessThanOrEqual(3);
  });

  test("fails for a sheet that is not there", async () => {
    const workbook = FakeWorkbook.fromGrids(userSheets());
    await expect(hostOver(workbook).select("Gone", "A1")).rejects.toThrow();
    expect(workbook.selection).toBeUndefined();
  });
});
