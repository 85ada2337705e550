/** The task pane's Rules step: the years covered (First / Last MTFS year cells above the headings) shown and edited. */
import { formatYear, parseYear } from "../../../src/engine";
import type { CellValue, SheetGrid } from "../../../src/workbook/grid";
import { withWrites } from "../../../src/workbook/edit/input-sheet";
import { rulesView } from "../../../src/workbook/edit/rules-sheet";
import {
  type YearsCoveredView,
  type YearsEnd,
  planYearsCovered,
  yearsCoveredView,
} from "../../../src/workbook/edit/years-covered";
import type { Reading } from "../../../src/workbook/read/cells";
import { readYearsCovered } from "../../../src/workbook/read/years-covered";
import { prepareRun } from "../../../src/workbook/prepare";
import { sampleSheets } from "../../../src/sample/sample";

const SAMPLE: SheetGrid[] = sampleSheets().map((s) => ({ name: s.name, values: s.values }));
const sampleRules = (): SheetGrid => SAMPLE.find((g) => g.name === "Rules") as SheetGrid;
const sampleBudget = (): SheetGrid => SAMPLE.find((g) => g.name === "Budget") as SheetGrid;

/** The view as the pane makes it: the Rules view's heading row, last heading and Service column. */
function viewOf(rules: SheetGrid): YearsCoveredView {
  const view = rulesView(sampleBudget(), rules);
  if (view.headingRow === undefined || view.columns.service === undefined) throw new Error("no headings");
  return yearsCoveredView(rules, view.headingRow, view.lastColumn, view.columns.service);
}

function plan(rules: SheetGrid, typed: Partial<Record<YearsEnd, string>>) {
  const planned = planYearsCovered(rules, viewOf(rules), typed);
  if ("errors" in planned) throw new Error(JSON.stringify(planned.errors));
  return planned;
}

const errorsOf = (rules: SheetGrid, typed: Partial<Record<YearsEnd, string>>): Partial<Record<YearsEnd, string>> => {
  const planned = planYearsCovered(rules, viewOf(rules), typed);
  if (!("errors" in planned)) throw new Error(`expected errors, got writes ${JSON.stringify(planned.writes)}`);
  return planned.errors;
};

/** What the Check step's reader makes of the Rules sheet's settings cells. */
function read(rules: SheetGrid): { years: ReturnType<typeof readYearsCovered>; problems: string[] } {
  const r: Reading = { grid: rules, problems: [], notes: [] };
  const years = readYearsCovered(r, 3);
  return { years, problems: r.problems.map((p) => p.message) };
}

/** A Rules grid: `above` as its rows over the sample's headings and rules (the sample's title and note replaced). */
function rulesWith(above: CellValue[][]): SheetGrid {
  const rules = sampleRules();
  return { name: rules.name, values: [...above, ...rules.values.slice(2)] };
}

describe("the years covered on the Rules step", () => {
  test("the sample has none; both are added to the right of the table, and the run then covers them", () => {
    const rules = sampleRules();
    const view = viewOf(rules);
    const lastColumn = rules.values[2].length; // Variance policy, column M
    expect(view.cells).toEqual({});
    // One blank column after the table, rows 1 and 2 (the title and note rows).
    expect(view.addAt).toEqual({ first: { row: 1, column: lastColumn + 2 }, last: { row: 2, column: lastColumn + 2 } });
    expect(view.cannotAdd).toBeUndefined();

    // The default years, then two more at each end, as the reader and the run take them.
    const before = prepareRun(SAMPLE, [], { when: new Date(0), source: "test" }).results!.years;
    const first = formatYear(parseYear(before[0]) - 1);
    const last = formatYear(parseYear(before[before.length - 1]) + 2);
    const { writes, guards, cells } = plan(rules, { first, last });
    expect(writes).toEqual([
      { row: 1, column: lastColumn + 2, value: "First MTFS year" },
      { row: 1, column: lastColumn + 3, value: first },
      { row: 2, column: lastColumn + 2, value: "Last MTFS year" },
      { row: 2, column: lastColumn + 3, value: last },
    ]);
    expect(cells).toEqual(["O1", "P1", "O2", "P2"]);
    // Every cell written is guarded as blank, and the Service heading too (rows moved since are caught).
    expect(guards).toEqual(
      expect.arrayContaining([
        ...writes.map((w) => ({ row: w.row, column: w.column, value: null })),
        { row: 3, column: 1, value: "Service" },
      ]),
    );
    const after = withWrites(rules, writes);
    expect(read(after).years).toEqual({
      first: { value: first, at: { sheet: "Rules", row: 1, column: lastColumn + 3 } },
      last: { value: last, at: { sheet: "Rules", row: 2, column: lastColumn + 3 } },
    });
    const grids = SAMPLE.map((g) => (g.name === "Rules" ? after : g));
    const prepared = prepareRun(grids, [], { when: new Date(0), source: "test" });
    expect(prepared.problems.filter((p) => p.severity === "error")).toEqual([]);
    const years = prepared.results!.years;
    expect([years[0], years[years.length - 1]]).toEqual([first, last]);

    // Shown from the sheet afterwards, and cleared again: label and year both go, back to the default.
    const shown = viewOf(after);
    expect(shown.cells.first?.text).toBe(first);
    expect(shown.cells.last?.text).toBe(last);
    const cleared = plan(after, { first: "", last: " " });
    expect(cleared.writes.map((w) => w.value)).toEqual([null, null, null, null]);
    expect(read(withWrites(after, cleared.writes)).years).toBeUndefined();
  });

  test("an existing label keeps its place: only its year cell is written; a missing one goes beside it", () => {
    const rules = rulesWith([
      ["Sharing rules", null, "MTFS first year", "2011/12"],
      ["A note", null, null, null],
    ]);
    const view = viewOf(rules);
    expect(view.cells.first).toMatchObject({
      label: { row: 1, column: 3 },
      year: { row: 1, column: 4 },
      text: "2011/12",
    });
    expect(view.addAt).toEqual({ last: { row: 2, column: 3 } });
    const changed = plan(rules, { first: "2012/13" });
    expect(changed.writes).toEqual([{ row: 1, column: 4, value: "2012/13" }]);
    // Its label is guarded as read, so a label moved or retyped in Excel stops the write.
    expect(changed.guards).toEqual(expect.arrayContaining([{ row: 1, column: 3, value: "MTFS first year" }]));
    const added = plan(rules, { last: "2016/17" });
    expect(added.writes).toEqual([
      { row: 2, column: 3, value: "Last MTFS year" },
      { row: 2, column: 4, value: "2016/17" },
    ]);
    expect(read(withWrites(rules, added.writes)).years?.last?.value).toBe("2016/17");
  });

  test("a year Excel turned into a date is shown as its financial year", () => {
    // 1 June 2013 as an Excel serial, formatted as a date.
    const rules = rulesWith([["Sharing rules", "Last MTFS year", 41426], [null]]);
    rules.formats = [[undefined, undefined, "d mmm yyyy"]];
    expect(viewOf(rules).cells.last?.text).toBe("2013/14");
  });

  test("what the reader refuses is refused at its cell with the reader's words, and nothing is written", () => {
    const rules = sampleRules();
    const notAYear = errorsOf(rules, { first: "2011" });
    expect(notAYear.first).toMatch(/^Rules!P1: First MTFS year \(the years covered\) .*"2011".* financial year/);
    expect(errorsOf(rules, { first: "2011/13" }).first).toMatch(/^Rules!P1: /);
    // A first year after the last: the reader reports it at the last year's cell.
    const backwards = errorsOf(rules, { first: "2016/17", last: "2011/12" });
    expect(backwards.last).toMatch(/^Rules!P2: Last MTFS year \(2011\/12\) is before First MTFS year \(2016\/17\)/);
    expect(backwards.first).toBeUndefined();
    // Against a year already on the sheet, too.
    const set = withWrites(rules, plan(rules, { last: "2013/14" }).writes);
    expect(errorsOf(set, { first: "2014/15" }).last).toMatch(/^Rules!P2: .*before/);
    // Text that starts "=" is not a formula to the reader either: not a year.
    expect(errorsOf(rules, { last: "=2016" }).last).toMatch(/^Rules!P2: /);
  });

  test("no label is added where it would not be safe; the view says how to add them in Excel", () => {
    // Headings in row 2: no two rows above them.
    const high = rulesWith([["Sharing rules"]]);
    const highView = yearsCoveredView(high, 2, 13, 1);
    expect(highView.addAt).toEqual({});
    expect(highView.cannotAdd).toMatch(/too near the top.*Insert Sheet Rows.*First MTFS year and Last MTFS year/);
    expect(planYearsCovered(high, highView, { last: "2016/17" })).toEqual({ errors: { last: highView.cannotAdd } });
    // Something of the user's to the right of the table in those rows: left alone.
    const taken = rulesWith([["Sharing rules", ...Array<null>(15).fill(null), "Agreed 3 May"], ["A note"]]);
    const takenView = viewOf(taken);
    expect(takenView.addAt).toEqual({ last: { row: 2, column: 15 } });
    expect(takenView.cannotAdd).toMatch(
      /^The Rules sheet has no room above its headings \(row 3\) for First MTFS year .*rows 1 and 2/,
    );
    // Clearing a year that is not there writes nothing.
    expect(plan(taken, { first: "", last: "" }).writes).toEqual([]);
  });
});
