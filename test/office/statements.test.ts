/**
 * The task pane's "Partner statements" through Office.js (src/office/statements.ts), on the
 * in-memory workbook: bounded syncs, an earlier statement sheet replaced only when the user agreed
 * to it, nothing written when the inputs have errors, the user's sheets never touched.
 */
import { writeStatements } from "../../src/office/statements";
import { markerText, ownedRole } from "../../src/workbook/owned";
import { sampleSheets } from "../../src/sample/sample";
import { FakeWorkbook } from "./fake-excel";

const sample = () => FakeWorkbook.fromGrids(sampleSheets().map((s) => ({ name: s.name, values: s.values })));
const NAMES = ["Hammersmith & Fulham statement", "Kensington & Chelsea statement", "Westminster statement"];
const everything = (book: FakeWorkbook) => book.sheetNames().map((n) => book.snapshot(n));

describe("writing the partner statements in Excel", () => {
  test("one sheet per partner in a bounded number of syncs, each request under the 5 MB limit", async () => {
    const book = sample();
    const before = everything(book);
    const result = await writeStatements(book.context, { when: new Date("2026-12-02T09:00:00Z") });
    expect(result.sheets).toEqual(NAMES.map((name) => ({ partner: name.replace(/ statement$/, ""), name })));
    expect(book.sheetNames().slice(-3)).toEqual(NAMES);
    expect(
      book
        .sheetNames()
        .slice(0, -3)
        .map((n) => book.snapshot(n)),
    ).toEqual(before);
    for (const name of NAMES) expect(ownedRole(book.sheet(name)!.cell(2, 1)!.value as string)).toBe("statement");
    // Reading (a few syncs) and writing (two checks, the cells, the recalculation): not one per sheet or row.
    expect(book.syncs.length).toBeLessThanOrEqual(8);
    expect(Math.max(...book.syncs.map((s) => s.requestBytes))).toBeLessThan(5 * 1024 * 1024);
  });

  test("replaces an earlier statement sheet only when the user agreed to it; otherwise writes nothing", async () => {
    const book = sample();
    await writeStatements(book.context, {});
    const written = everything(book);
    const names = book.sheetNames();
    await expect(writeStatements(book.context, { replace: NAMES.slice(0, 2) })).rejects.toThrow(
      /would also replace "Westminster statement"\. Nothing was written/,
    );
    expect(book.sheetNames()).toEqual(names);
    expect(everything(book)).toEqual(written);
    const again = await writeStatements(book.context, { replace: NAMES });
    expect(again.sheets!.map((s) => s.name)).toEqual(NAMES);
    expect(book.sheetNames()).toEqual(names);
  });

  test("a sheet that claims a statement's name but is another table of ours, or the user's, is left alone", async () => {
    const book = FakeWorkbook.fromGrids([
      ...sampleSheets().map((s) => ({ name: s.name, values: s.values })),
      { name: "Westminster statement", values: [["Audit"], [markerText("audit", "2026-12-01 09:00 UTC")]] },
    ]);
    const theirs = book.snapshot("Westminster statement");
    const result = await writeStatements(book.context, {});
    expect(result.sheets!.map((s) => s.name)).toEqual([...NAMES.slice(0, 2), "Westminster statement (2)"]);
    expect(book.snapshot("Westminster statement")).toBe(theirs);
  });

  test("inputs with errors: the problems, and nothing written", async () => {
    const grids = sampleSheets().map((s) => ({ name: s.name, values: s.values.map((row) => [...row]) }));
    const budget = grids.find((g) => g.name === "Budget")!;
    const column = (budget.values[0] as unknown[]).findIndex((v) => typeof v === "string" && /baseline/i.test(v));
    const headingRow = budget.values.findIndex((row) => row.some((v) => typeof v === "string" && /baseline/i.test(v)));
    budget.values[headingRow + 1][column >= 0 ? column : 2] = "not an amount";
    const book = FakeWorkbook.fromGrids(grids);
    const before = everything(book);
    const result = await writeStatements(book.context, {});
    expect(result.problems.some((p) => p.severity === "error")).toBe(true);
    expect(result.sheets).toBeUndefined();
    expect(everything(book)).toEqual(before);
  });
});
