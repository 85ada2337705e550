/**
 * The task pane reads through Office.js into the same reader, so the same bad input gives the same
 * problems at the same cells there, and nothing is written (issue 15, "Beyond the cases above").
 * Each grid goes to readInputs directly (as the command line reads a file) and through
 * applyRules over the in-memory Excel, with its number formats as Excel would give them. Before
 * the Office.js reader loaded number formats, every date case here was read as a number.
 *
 * Not here: merged ranges (Office.js shows a merge's other cells as blank, and the merged-heading
 * case is the blank-heading one below; reading merges needs ExcelApi 1.13) and formulas with no
 * saved value (Excel calculates every formula it holds).
 */
import { applyRules } from "../../src/office/run";
import { readInputs } from "../../src/workbook/read";
import { type Cell, book } from "../workbook/read/bad-book";
import { FakeWorkbook } from "./fake-excel";

const DATE = "d mmm yyyy";

const CASES: [string, Cell[]][] = [
  ["a date as a Budget baseline", [["Budget", "C2", 40634, DATE]]],
  ["a date as a New cost", [["Rules", "D2", 40634, "dd/mm/yyyy"]]],
  ["a date as an FTE", [["FTE", "C2", 40546, DATE]]],
  ["a date as a Drivers quantity", [["Drivers", "C2", 40634, "d-mmm-yy"]]],
  ["a baseline of 1e20", [["Budget", "C2", 1e20]]],
  ["a New cost of 1e300", [["Rules", "D2", 1e300]]],
  ["a Tracker figure of 1e20", [["Tracker", "D2", 1e20]]],
  ["a Baseline £m heading", [["Budget", "C1", "Baseline £m"]]],
  ["a Gain share of 1.5 shown as 150%", [["Rules", "K3", 1.5, "0%"]]],
  ["a first year of 9998/99", [["Rules", "I2", "9998/99"]]],
  ["a Partners column with no heading (a merged heading, as Office.js shows it)", [["Rules", "B1", null]]],
  ["a note under no heading", [["Budget", "G4", "check with finance"]]],
];

describe.each(CASES)("through Office.js, %s", (_what, cells) => {
  test("gives the same problems at the same cells as the reader, and writes nothing", async () => {
    const grids = book(cells);
    const direct = readInputs(grids).problems;
    expect(direct.some((p) => p.severity === "error")).toBe(true);

    const workbook = FakeWorkbook.fromGrids(grids);
    const before = workbook.sheetNames().map((name) => workbook.snapshot(name));
    const result = await applyRules(workbook.context, { when: new Date("2026-12-01T00:00:00Z") });
    expect(result.problems).toEqual(direct);
    expect(result.summary).toBeUndefined();
    expect(workbook.sheetNames().map((name) => workbook.snapshot(name))).toEqual(before);
    expect(workbook.syncs.every((s) => s.writes === 0)).toBe(true);
  });
});
