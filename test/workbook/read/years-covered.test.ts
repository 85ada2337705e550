/**
 * The years covered set on the Rules sheet (issue 16): First MTFS year and Last MTFS year in the
 * rows above the headings, each with its year in the cell to its right; refused at that cell when
 * not a year or backwards (RULES.md §6); the command line's years take their place.
 */
import type { CellValue } from "../../../src/workbook/grid";
import { outcomeOf } from "../../../src/workbook/outcome";
import { problemAt, read, rules, validSheets, where } from "./workbook";

/** The valid workbook with two title rows above the Rules headings, holding the given cells (from column D). */
const withSettings = (row1: CellValue[], row2: CellValue[] = []) => {
  const sheets = validSheets();
  sheets.Rules = [
    ["Sharing rules agreed", null, null, ...row1],
    ["Amounts in pounds.", null, null, ...row2],
    ...rules(),
  ];
  return read(sheets);
};

describe("years covered on the Rules sheet", () => {
  test("the settings cells widen the years the Savings profile shows, and say where they came from", () => {
    const r = withSettings(["First MTFS year", "2010/11"], ["last mtfs year:", "2016-17"]);
    expect(where(r.problems)).toEqual([]);
    expect(r.inputs?.rules.headerRow).toBe(3);
    expect(r.inputs?.rules.years).toEqual({
      first: { value: "2010/11", at: { sheet: "Rules", row: 1, column: 5 } },
      last: { value: "2016/17", at: { sheet: "Rules", row: 2, column: 5 } },
    });
    expect(r.notes).toContain(
      "Rules: the years covered are set from 2010/11 (Rules!E1) to 2016/17 (Rules!E2); years with a figure are always shown.",
    );
    const years = outcomeOf(r.inputs!).outcome!.years;
    expect([years[0], years[years.length - 1]]).toEqual(["2010/11", "2016/17"]);
  });

  test("without them the years run from the earliest first year to the last with a figure", () => {
    const plain = read(validSheets());
    expect(plain.inputs?.rules.years).toBeUndefined();
    const years = outcomeOf(plain.inputs!).outcome!.years;
    // Libraries is phased over three years, from 2012/13 for Westminster, which joins then.
    expect([years[0], years[years.length - 1]]).toEqual(["2011/12", "2014/15"]);
  });

  test("a year with a figure is never hidden: a last year before the figures end widens nothing", () => {
    const r = withSettings(["Last MTFS year", "2011/12"]);
    expect(where(r.problems)).toEqual([]);
    const years = outcomeOf(r.inputs!).outcome!.years;
    expect(years[years.length - 1]).toBe("2014/15");
  });

  test("the command line's years take their place for the run, one by one", () => {
    const r = withSettings(["First MTFS year", "2010/11"], ["Last MTFS year", "2016/17"]);
    const years = outcomeOf(r.inputs!, { last: "2018/19" }).outcome!.years;
    expect([years[0], years[years.length - 1]]).toEqual(["2010/11", "2018/19"]);
  });

  test("a value that is not a financial year is an error at its cell, with the rule", () => {
    const r = withSettings(["Last MTFS year", 2016]);
    expect(problemAt(r, "Rules", "E1")).toMatchObject({
      severity: "error",
      message: "Last MTFS year (the years covered) is 2016, not a financial year like 2011/12.",
      rule: "RULES.md §6",
    });
    expect(r.inputs).toBeUndefined();
    expect(problemAt(withSettings(["First MTFS year", "from 2011"]), "Rules", "E1").message).toMatch(
      /^First MTFS year \(the years covered\) /,
    );
  });

  test("years that run backwards are an error at the last year's cell", () => {
    const r = withSettings(["First MTFS year", "2014/15"], ["Last MTFS year", "2012/13"]);
    expect(problemAt(r, "Rules", "E2")).toEqual({
      severity: "error",
      sheet: "Rules",
      cell: "E2",
      message: "Last MTFS year (2012/13) is before First MTFS year (2014/15): the years covered run backwards.",
      fix: "Make the last year 2014/15 or later, or correct the first year.",
      rule: "RULES.md §6",
    });
  });

  test("a label with no year beside it, or given twice, is an error at its cell", () => {
    expect(problemAt(withSettings(["First MTFS year"]), "Rules", "E1")).toMatchObject({
      message: "First MTFS year (the years covered) has no year beside it.",
      rule: "RULES.md §6",
    });
    const twice = withSettings(["First MTFS year", "2011/12"], ["First MTFS year", "2012/13"]);
    expect(problemAt(twice, "Rules", "D2").message).toBe("First MTFS year is given twice on the Rules sheet.");
  });
});
