/** The fake must behave like Excel where the adapter's tests rely on it, or those tests could not fail. */
import { FakeWorkbook } from "./fake-excel";

describe("the fake Excel", () => {
  test("takes text written as it stands for a formula, number or date, as Excel does, unless it has an apostrophe", async () => {
    const workbook = FakeWorkbook.fromGrids([{ name: "Sheet1", values: [] }]);
    const ws = workbook.context.workbook.worksheets.getItem("Sheet1");
    ws.getRange("A1:F1").formulas = [["=1+1", "-5", "2011/12", "TRUE", "'=1+1", "plain"]];
    await workbook.context.sync();
    const sheet = workbook.sheet("Sheet1")!;
    expect(sheet.cell(1, 1)).toMatchObject({ formula: "=1+1" });
    expect(sheet.cell(1, 2)?.value).toBe(-5);
    expect(sheet.cell(1, 3)?.madeDate).toBe(true);
    expect(sheet.cell(1, 4)?.value).toBe(true);
    expect(sheet.cell(1, 5)).toMatchObject({ value: "=1+1", quotePrefix: true });
    expect(sheet.cell(1, 5)?.formula).toBeUndefined();
    expect(sheet.cell(1, 6)?.value).toBe("plain");
  });

  test("queues calls until sync, refuses unloaded properties, and measures each sync", async () => {
    const workbook = FakeWorkbook.fromGrids([{ name: "Sheet1", values: [[1, 2]] }]);
    const context = workbook.context;
    const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
    range.values = [[3, 4]];
    expect(workbook.values("Sheet1")).toEqual([[1, 2]]); // not yet
    range.load("values");
    const tooEarly = (r: { values: unknown }): unknown => r.values; // what the office-addins lint rules forbid, on purpose
    expect(() => tooEarly(range)).toThrow(/PropertyNotLoaded/);
    await context.sync();
    expect(range.values).toEqual([[3, 4]]);
    expect(workbook.syncs).toEqual([
      {
        requestBytes: JSON.stringify([[3, 4]]).length,
        responseBytes: JSON.stringify({ isNullObject: false, values: [[3, 4]] }).length,
        writes: 1,
        calculationSuspended: false,
        screenUpdatingSuspended: false,
      },
    ]);
  });

  test("refuses an array of the wrong shape, and a sheet name already taken", async () => {
    const workbook = FakeWorkbook.fromGrids([{ name: "Budget", values: [] }]);
    workbook.context.workbook.worksheets.getItem("Budget").getRange("A1:B2").formulas = [[1, 2]];
    await expect(workbook.context.sync()).rejects.toThrow(/InvalidArgument/);
    workbook.context.workbook.worksheets.add("budget");
    await expect(workbook.context.sync()).rejects.toThrow(/ItemAlreadyExists/);
  });
});
