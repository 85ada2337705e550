/** The Budget sheet's checks, each at its exact cell with its exact message. */
import { HF, KC, LIB, WCC, YOS, problemAt, read, validSheets, where, withCells } from "./workbook";

const retype = "Retype it as a number: a number stored as text (often marked with a green triangle) is not counted.";

describe("a Budget number cell must hold a number", () => {
  test.each([
    ["1,234", `Baseline for ${HF}, ${YOS} is text ("1,234"), not a number.`, retype],
    ["£728,000", `Baseline for ${HF}, ${YOS} is text ("£728,000"), not a number.`, retype],
    ["tbc", `Baseline for ${HF}, ${YOS} is text ("tbc"), not a number.`, "Enter a number."],
    [true, `Baseline for ${HF}, ${YOS} is TRUE, not a number.`, "Enter a number."],
    [
      { error: "#REF!" },
      `Baseline for ${HF}, ${YOS} is the Excel error #REF!.`,
      "Correct the formula or value in that cell first.",
    ],
  ])("%p is a problem at Budget!C2", (value, message, fix) => {
    const r = read(withCells([["Budget", "C2", value]]));
    expect(problemAt(r, "Budget", "C2")).toEqual({ severity: "error", sheet: "Budget", cell: "C2", message, fix });
    expect(r.inputs).toBeUndefined();
  });

  test("a blank amount on a line is a problem; a wholly blank line is skipped", () => {
    const blank = read(withCells([["Budget", "C3", null]]));
    expect(problemAt(blank, "Budget", "C3")).toMatchObject({
      message: `Baseline for ${KC}, ${YOS} is blank.`,
      fix: "Enter the amount (0 if there is none), or delete the line.",
    });
    const sheets = validSheets();
    sheets.Budget.splice(3, 0, [null, "  ", null, null, null]);
    const skipped = read(sheets);
    expect(where(skipped.problems)).toEqual([]);
    expect(skipped.inputs?.budget.lines[2].baseline.at.row).toBe(5); // the line after the blank row
  });

  test("a line with no partner or no service is a problem at that cell", () => {
    const r = read(
      withCells([
        ["Budget", "A3", null],
        ["Budget", "B4", ""],
      ]),
    );
    expect(where(r.problems)).toEqual([
      "error Budget!A3 This Budget line has no Partner.",
      "error Budget!B4 This Budget line has no Service.",
    ]);
  });

  test("numbers are read at Excel's 15 significant digits, so float noise is not a fraction of a penny", () => {
    const r = read(withCells([["Budget", "C6", 0.1 + 0.2]]));
    expect(where(r.problems)).toEqual([]);
    expect(r.inputs?.budget.lines[4].baseline.value.toString()).toBe("0.3");
  });

  test("more than pence is a problem, in pounds after scaling", () => {
    const pounds = read(withCells([["Budget", "C6", 100 / 3]]));
    expect(problemAt(pounds, "Budget", "C6")).toEqual({
      severity: "error",
      sheet: "Budget",
      cell: "C6",
      message: `Baseline for ${HF}, ${LIB} has fractions of a penny (£33.3333333333333).`,
      fix: "Round it to pence (2 decimal places), for example with =ROUND(…, 2).",
      rule: "RULES.md §1",
    });
    const thousands = read(
      withCells([
        ["Budget", "C1", "Baseline £000"],
        ["Budget", "C6", 676.000005],
      ]),
    );
    expect(where(thousands.problems)).toEqual([
      `error Budget!C6 Baseline for ${HF}, ${LIB} has fractions of a penny (676.000005 thousand, £676,000.005).`,
    ]);
    expect(problemAt(thousands, "Budget", "C6").fix).toBe(
      "Round it to the penny: in a £000s sheet that is at most 5 decimal places.",
    );
  });
});

describe("duplicate lines", () => {
  test("the same partner, service, cost centre and description twice is a problem at the second", () => {
    const sheets = validSheets();
    sheets.Budget.push([WCC, YOS, 77000, "Y301", "Premises"]);
    const r = read(sheets);
    expect(problemAt(r, "Budget", "C9")).toEqual({
      severity: "error",
      sheet: "Budget",
      cell: "C9",
      message: `${WCC}, ${YOS} is on the Budget sheet twice with the same cost centre and description (row 5 and row 9).`,
      fix: "Delete one of the two lines, or give them different cost centres or descriptions.",
    });
  });

  test("names are compared ignoring case and spacing", () => {
    const sheets = validSheets();
    sheets.Budget.push(["westminster ", "youth  offending service", 5, "y301", "PREMISES"]);
    expect(problemAt(read(sheets), "Budget", "C9").message).toMatch(/twice/);
  });

  test("several lines per partner and service with different details are added up", () => {
    const sheets = validSheets();
    sheets.Budget.push(["westminster", YOS, 23000, "Y302", "Transport"]);
    const r = read(sheets);
    expect(where(r.problems)).toEqual([]);
    const wcc = r.inputs?.budget.lines.filter((l) => l.partner === WCC && l.service === YOS) ?? [];
    expect(wcc.map((l) => l.baseline.value.toNumber())).toEqual([600000, 77000, 23000]);
    expect(wcc[2].partner).toBe(WCC); // spelled as the Budget first spells it
  });
});

describe("the Budget sheet's columns", () => {
  test("a long layout with no Baseline column", () => {
    const r = read({ ...validSheets(), Budget: validSheets().Budget.map((row) => [row[0], row[1], row[3]]) });
    expect(problemAt(r, "Budget", "D1")).toEqual({
      severity: "error",
      sheet: "Budget",
      cell: "D1",
      message: "There is no Baseline column in the headings (row 1).",
      fix: "Add a column headed Baseline with each line's amount.",
    });
  });

  test("a Baseline column but no Partner column", () => {
    const r = read({ ...validSheets(), Budget: validSheets().Budget.map((row) => row.slice(1)) });
    expect(problemAt(r, "Budget", "B1").message).toBe(
      "There is a Baseline column but no Partner column, so the add-in cannot tell whose budget each line is.",
    );
  });

  test("a sheet with headings but no lines", () => {
    const r = read({ ...validSheets(), Budget: [validSheets().Budget[0]] });
    expect(problemAt(r, "Budget", undefined).message).toBe("The Budget sheet has no lines under its headings (row 1).");
  });
});
