/** Totals reconciled: a Budget "Total" row or column that does not equal its lines is a warning at its cell, with both figures. */
import { HF, KC, LIB, WCC, YOS, problemAt, read, validSheets, where } from "./workbook";

const wide = () => [
  ["Service", "Cost centre", HF, KC, WCC, "Total"],
  [YOS, "Y1", 728000, 676000, 600000, 2004000],
  [YOS, "Y2", null, null, 77000, 77000],
  [LIB, null, 1200000.5, 900000, 1500000, 3600000.5],
  ["Total", null, 1928000.5, 1576000, 2177000, 5681000.5],
];

describe("totals reconciled", () => {
  test("totals that agree with their lines give no warning", () => {
    expect(where(read({ ...validSheets(), Budget: wide() }).problems)).toEqual([]);
  });

  test("a Total row that does not equal the lines above it: a warning at its cell with both figures; the lines are used", () => {
    const budget = wide();
    budget[4][3] = 1567000; // digits swapped in the report's total for Kensington & Chelsea
    const r = read({ ...validSheets(), Budget: budget });
    expect(problemAt(r, "Budget", "D5")).toEqual({
      severity: "warning",
      sheet: "Budget",
      cell: "D5",
      message: `"Total" (row 5) gives £1,567,000.00 for ${KC}, but the lines it totals (rows 2 to 4) add up to £1,576,000.00: the total is £9,000.00 less than the lines.`,
      fix: "Check the lines and the total: the add-in adds up the lines and does not read the total.",
      rule: "RULES.md §1",
    });
    expect(r.inputs).toBeDefined(); // a warning: the run goes on, with the lines
    expect(r.problems).toHaveLength(1);
  });

  test("a mistyped line shows in both its row's Total column and the Total row", () => {
    const budget = wide();
    budget[1][4] = 660000; // Westminster's Y1 line typed 660,000 instead of 600,000
    expect(where(read({ ...validSheets(), Budget: budget }).problems)).toEqual([
      `warning Budget!F2 "Total" in row 2 is £2,004,000.00, but the partners' amounts in the row add up to £2,064,000.00: the total is £60,000.00 less than the lines.`,
      `warning Budget!E5 "Total" (row 5) gives £2,177,000.00 for ${WCC}, but the lines it totals (rows 2 to 4) add up to £2,237,000.00: the total is £60,000.00 less than the lines.`,
    ]);
  });

  test("in the long layout each Total row checks the lines since the previous one; a Grand total all of them", () => {
    const budget = [
      ["Partner", "Service", "Baseline"],
      [HF, YOS, 728000],
      [KC, YOS, 676000],
      [WCC, YOS, 677000],
      ["", "Total Youth Offending", 2081000],
      [HF, LIB, 1200000],
      [KC, LIB, 900000],
      [WCC, LIB, 1500000],
      ["", "Total Libraries", 3600001],
      ["", "Grand total", 5681000],
    ];
    expect(where(read({ ...validSheets(), Budget: budget }).problems)).toEqual([
      `warning Budget!C9 "Total Libraries" (row 9) gives £3,600,001.00 for the Baseline column, but the lines it totals (rows 6 to 8) add up to £3,600,000.00: the total is £1.00 more than the lines.`,
    ]);
  });

  test("£000s totals are compared in pounds; a total that is text or blank, or lines that could not be read, are not checked", () => {
    const budget = wide();
    budget[0][2] = `${HF} £000`;
    budget[0][3] = `${KC} £000`;
    budget[0][4] = `${WCC} £000`;
    budget[0][5] = "Total £000";
    for (const row of budget.slice(1))
      for (let c = 2; c <= 5; c++) if (typeof row[c] === "number") row[c] = (row[c] as number) / 1000;
    expect(where(read({ ...validSheets(), Budget: budget }).problems)).toEqual([]);
    budget[4][2] = "see note";
    budget[4][3] = null;
    budget[1][4] = "six hundred";
    expect(where(read({ ...validSheets(), Budget: budget }).problems)).toEqual([
      `error Budget!E2 Baseline for ${WCC}, ${YOS} is text ("six hundred"), not a number.`,
    ]);
  });
});
