/**
 * A formula Excel has not worked out yet, as real Excel shows it: #BUSY! while the add-in's
 * functions calculate, #NAME? before they are registered. The in-memory Excel models both, and
 * the main job reports such a cell as "not calculated yet" at its cell, writing nothing.
 */
import { readFile } from "fs/promises";
import { applyRules } from "../../src/office/run";
import { a1 } from "../../src/workbook/a1";
import type { SheetGrid } from "../../src/workbook/grid";
import { readXlsx } from "../../src/xlsx/read";
import { FakeWorkbook, type FakeOptions } from "./fake-excel";

const FORMULAS = [["=SHARED.APPORTION(100,B2:D2)", "=SUM(B2:D2)", "=shared.equal(10,3)", "=NOTSHARED.X(1)"]];

async function loaded(options?: FakeOptions): Promise<{ values: unknown[][]; types: unknown[][] }> {
  const book = FakeWorkbook.fromGrids([{ name: "Sheet1", values: [] }], options);
  const context = book.context;
  const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:D1");
  range.formulas = FORMULAS;
  await context.sync();
  range.load("values,valueTypes");
  await context.sync();
  return { values: range.values, types: range.valueTypes };
}

describe("the in-memory Excel, for a formula with no value yet", () => {
  test("a SHARED function reads as #BUSY! while the functions calculate (the default)", async () => {
    expect(await loaded()).toEqual({
      values: [["#BUSY!", 0, "#BUSY!", 0]],
      types: [["Error", "Double", "Error", "Double"]],
    });
  });

  test("and as #NAME? before the add-in has registered them", async () => {
    expect(await loaded({ functions: "not registered" })).toEqual({
      values: [["#NAME?", 0, "#NAME?", 0]],
      types: [["Error", "Double", "Error", "Double"]],
    });
  });

  test("a value the formula has been given is read as it is", async () => {
    const calculate = (): number => 42;
    expect(await loaded({ calculate })).toEqual({
      values: [[42, 42, 42, 42]],
      types: [["Double", "Double", "Double", "Double"]],
    });
  });
});

describe("an input cell not calculated yet", () => {
  /** The sample in the in-memory Excel with its first Budget amount a SHARED formula; that cell's A1 address. */
  async function sampleWithFormula(
    options: FakeOptions,
  ): Promise<{ grids: SheetGrid[]; book: FakeWorkbook; cell: string }> {
    const grids = await readFile("assets/sample.xlsx").then(readXlsx);
    const book = FakeWorkbook.fromGrids(grids, options);
    const budget = grids.find((g) => g.name === "Budget")!;
    for (const [r, row] of budget.values.entries()) {
      const c = row.findIndex((v) => typeof v === "number");
      if (r > 0 && c >= 0) {
        Object.assign(book.sheet("Budget")!.touch(r + 1, c + 1), {
          value: null,
          formula: "=SHARED.APPORTION(1000,Drivers!C4:E4)",
        });
        return { grids, book, cell: a1(r + 1, c + 1) };
      }
    }
    throw new Error("the sample's Budget has no number");
  }

  test.each([
    ["#BUSY!", "calculating", /is not calculated yet: Excel shows #BUSY!/, /Wait until Excel has finished calculating/],
    [
      "#NAME?",
      "not registered",
      /is not calculated yet, or its formula names something Excel does not know/,
      /wait until the add-in has loaded/,
    ],
  ] as const)(
    "%s is reported at its cell as not calculated yet, and nothing is written",
    async (_, functions, message, fix) => {
      const { grids, book, cell } = await sampleWithFormula({ functions });
      const result = await applyRules(book.context, { when: new Date("2026-12-01T10:00:00Z") });
      const errors = result.problems.filter((p) => p.severity === "error");
      expect(errors.map((p) => `${p.sheet}!${p.cell ? a1(p.cell.row, p.cell.column) : ""}`)).toEqual([
        `Budget!${cell}`,
      ]);
      expect(errors[0].message).toMatch(message);
      expect(errors[0].fix).toMatch(fix);
      expect(errors[0].message).not.toMatch(/is the Excel error/);
      expect(book.sheetNames()).toEqual(grids.map((g) => g.name));
    },
  );
});
