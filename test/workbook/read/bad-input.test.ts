/**
 * Bad input never gives a wrong figure (issue 15): each case that slipped through is refused at
 * its own cell with a plain message, or read correctly. Every test here failed before its fix; the
 * test name says what happened before ("was: …").
 */
import type { CellRange } from "../../../src/workbook/grid";
import { readInputs } from "../../../src/workbook/read";
import { type Cell, book } from "./bad-book";
import { HF, LIB, WCC, YOS, problemAt, validSheets, where } from "./workbook";

const readBook = (cells: Cell[], merges?: Record<string, CellRange[]>) => readInputs(book(cells, merges));

/** 1 April 2011 as Excel holds it (1900 date system). */
const APRIL_2011 = 40634;
const DATE = "d mmm yyyy";

describe("a date where a number belongs is an error at its cell (was: read as its serial number)", () => {
  test.each([
    ["Budget", "C2", `Baseline for ${HF}, ${YOS} is a date (1 Apr 2011), not an amount.`, "£40,634"],
    ["Rules", "D2", `New cost for ${YOS} is a date (1 Apr 2011), not an amount.`, "a lower combined cost"],
    ["Rules", "F2", `Transitional cost for ${YOS} is a date (1 Apr 2011), not an amount.`, "a transitional cost"],
    ["FTE", "C2", `FTE for ${HF}, ${YOS} is a date (1 Apr 2011), not a number.`, "40,634 FTE"],
    ["FTE", "D2", `Cost for ${HF}, ${YOS} is a date (1 Apr 2011), not an amount.`, "a cost"],
    ["Drivers", "C2", `Quantity for ${HF}, ${LIB} is a date (1 Apr 2011), not a number.`, "a weight"],
    ["Tracker", "D2", `Achieved for ${HF}, ${YOS} is a date (1 Apr 2011), not an amount.`, "an achieved saving"],
  ])("%s!%s (was: %s)", (sheet, cell, message) => {
    const result = readBook([[sheet, cell, APRIL_2011, DATE]]);
    expect(result.inputs).toBeUndefined();
    const p = problemAt(result, sheet, cell);
    expect(p.message).toBe(message);
    expect(p.fix).toMatch(/format it as Number/);
  });

  test.each([
    ["Reduction", "E3"],
    ["Gain share", "K3"],
    ["Phasing", "G3"],
  ])("a date as a %s (a rate) is an error at its cell", (_what, cell) => {
    const result = readBook([["Rules", cell, APRIL_2011, "dd/mm/yyyy"]]);
    expect(problemAt(result, "Rules", cell).message).toMatch(/ is a date \(1 Apr 2011\), not a number\.$/);
    expect(result.inputs).toBeUndefined();
  });

  test("the same serial number without a date format is still a number", () => {
    const result = readBook([["Budget", "C2", APRIL_2011]]);
    expect(where(result.problems)).toEqual([]);
    expect(result.inputs?.budget.lines[0].baseline.value.toString()).toBe("40634");
  });

  test("a date where a date or text is meant is read: a First year, a Start month, a Cost centre", () => {
    const result = readBook([
      ["Rules", "I2", APRIL_2011, DATE],
      ["Rules", "H2", 40787, DATE], // 1 Sep 2011
      ["Budget", "D2", APRIL_2011, DATE],
    ]);
    expect(where(result.problems).filter((p) => p.startsWith("error"))).toEqual([]);
    const rule = result.inputs?.rules.rules.find((r) => r.service === YOS);
    expect(rule?.firstYear.value).toBe("2011/12");
    expect(rule?.startMonth?.value).toBe(9);
    expect(result.inputs?.budget.lines[0].costCentre).toBe("1 Apr 2011");
  });
});

describe("amounts are refused past £1,000,000,000,000, where pence would stop being exact in Excel (was: 1e20 and 1e300 accepted)", () => {
  test.each([
    ["Budget", "C2", 1e12, `Baseline for ${HF}, ${YOS} is £1,000,000,000,000, more than`],
    ["Budget", "C2", 1e20, `Baseline for ${HF}, ${YOS} is £1e+20, more than`],
    ["Budget", "C2", -1e300, `Baseline for ${HF}, ${YOS} is £-1e+300, more than`],
    ["Tracker", "D2", 1e20, `Achieved for ${HF}, ${YOS} is £1e+20, more than`],
    ["Rules", "F2", 5e15, `Transitional cost for ${YOS} is £5e+15, more than`],
  ])("%s!%s = %d", (sheet, cell, value, start) => {
    const result = readBook([[sheet, cell, value]]);
    expect(result.inputs).toBeUndefined();
    const p = problemAt(result, sheet, cell);
    expect(p.message).toBe(`${start} the largest amount the add-in reads (under £1,000,000,000,000).`);
    expect(p.rule).toBe("RULES.md §1");
  });

  test("a 1e300 New cost is blamed on the New cost cell alone (was: on the Transitional cost cell)", () => {
    const result = readBook([["Rules", "D2", 1e300]]);
    expect(where(result.problems).filter((p) => p.startsWith("error"))).toEqual([
      `error Rules!D2 New cost for ${YOS} is £1e+300, more than the largest amount the add-in reads (under £1,000,000,000,000).`,
    ]);
  });

  test("in a £000s sheet the ceiling is on the pounds: 1,000,000,000 thousand is refused, 999,999,999.99999 is not", () => {
    const thousands = (v: number) =>
      readBook([
        ["Budget", "C1", "Baseline £000"],
        ["Budget", "C2", v],
      ]);
    expect(problemAt(thousands(1e9), "Budget", "C2").message).toBe(
      `Baseline for ${HF}, ${YOS} is 1000000000 thousand (£1,000,000,000,000), more than the largest amount the add-in reads (under £1,000,000,000,000).`,
    );
    expect(where(thousands(999_999_999.99999).problems).filter((p) => p.startsWith("error"))).toEqual([]);
  });

  test("the largest amount accepted, £999,999,999,999.99, is read to the penny", () => {
    const result = readBook([["Budget", "C2", 999_999_999_999.99]]);
    expect(where(result.problems)).toEqual([]);
    expect(result.inputs?.budget.lines[0].baseline.value.toFixed(2)).toBe("999999999999.99");
  });
});

describe("a formula with no calculated value says so at its own cell (was: read as blank, blamed elsewhere)", () => {
  test("a Drivers quantity: the problem is at Drivers!C2, not 'no Quantity' on the Rules sheet", () => {
    const result = readBook([["Drivers", "C2", { formula: "=B9*2" }]]);
    expect(where(result.problems).filter((p) => p.startsWith("error"))).toEqual([
      `error Drivers!C2 Quantity for ${HF}, ${LIB} is a formula (=B9*2) with no calculated value: the file was saved by a program that does not calculate.`,
    ]);
    expect(problemAt(result, "Drivers", "C2").fix).toBe("Open and save the file in Excel, or type the value.");
  });

  test.each([
    ["Budget", "C2"],
    ["Budget", "B3"], // a Service
    ["Rules", "C2"], // a Basis
    ["Rules", "E3"], // a Reduction
    ["Rules", "G3"], // Phasing
    ["Rules", "H2"], // Start month
    ["Rules", "I2"], // First year
    ["FTE", "C2"],
    ["Tracker", "C2"], // a Year
  ])("at %s!%s", (sheet, cell) => {
    const result = readBook([[sheet, cell, { formula: "=SUM(X1:X9)" }]]);
    expect(result.inputs).toBeUndefined();
    expect(problemAt(result, sheet, cell).message).toMatch(/is a formula \(=SUM\(X1:X9\)\) with no calculated value/);
  });
});

describe("the right cell and the right reason", () => {
  test("'Baseline £m' is refused for its unit at its heading (was: 'There is no Baseline column')", () => {
    const result = readBook([["Budget", "C1", "Baseline £m"]]);
    expect(where(result.problems)).toEqual([
      'error Budget!C1 "Baseline £m" says the amounts are in £ millions, which the add-in does not read.',
    ]);
  });

  test("a Gain share of 1.5 in a %-formatted cell shows 150%: the advice is not 'enter 1.5%'", () => {
    const result = readBook([["Rules", "K3", 1.5, "0%"]]);
    const p = problemAt(result, "Rules", "K3");
    expect(p.message).toBe(`Gain share for ${LIB} is 150%, more than 100%.`);
    expect(p.fix).not.toMatch(/1\.5%/);
    // Without the % format the cell shows 1.5, and "1.5%" is the likely meaning.
    expect(problemAt(readBook([["Rules", "K3", 1.5]]), "Rules", "K3").fix).toMatch(/Enter 1\.5% \(with the % sign\)/);
  });
});

describe("financial years are accepted from 2000/01 to 2099/00 (was: 9998/99 made a profile of 7,994 columns)", () => {
  test.each(["9998/99", "1999/00", "2100/01"])("a First year of %s is refused at its cell", (year) => {
    const result = readBook([["Rules", "I2", year]]);
    expect(result.inputs).toBeUndefined();
    expect(problemAt(result, "Rules", "I2").message).toBe(
      `First year for ${YOS} is ${year}, outside the financial years the add-in accepts (2000/01 to 2099/00).`,
    );
  });

  test.each(["2000/01", "2099/00"])("%s, at the edge, is accepted", (year) => {
    expect(where(readBook([["Rules", "I2", year]]).problems).filter((p) => p.startsWith("error"))).toEqual([]);
  });

  test("a date in 1990 as a First year, a join year of 2100/01 and a Tracker year of 2150/51 are refused", () => {
    const result = readBook([
      ["Rules", "I2", 33329, DATE], // 1 Apr 1991
      ["Rules", "B3", `${HF}; ${WCC} from 2100/01`],
      ["Tracker", "C2", "2150/51"],
    ]);
    expect(problemAt(result, "Rules", "I2").message).toBe(
      `First year for ${YOS} is a date (1 Apr 1991), in 1991/92, outside the financial years the add-in accepts (2000/01 to 2099/00).`,
    );
    expect(problemAt(result, "Rules", "B3").message).toMatch(
      /Westminster joins from 2100\/01, outside the financial years/,
    );
    expect(problemAt(result, "Tracker", "C2").message).toMatch(/is 2150\/51, outside the financial years/);
  });
});

describe("merged headings and columns with no heading are problems at their cell (was: a column silently dropped)", () => {
  test("Rules headings A1:B1 merged: the Partners column has no heading, and its 'from 2012/13' would be lost", () => {
    const result = readBook([["Rules", "B1", null]], { Rules: [{ top: 1, left: 1, bottom: 1, right: 2 }] });
    expect(result.inputs).toBeUndefined();
    expect(problemAt(result, "Rules", "A1").message).toBe(
      "A1:B1 is merged across the heading row: only A1 has a heading, so column B has none and is not read.",
    );
    // The merge explains column B: no second problem at its data.
    expect(where(result.problems).filter((p) => p.includes("Rules!B3"))).toEqual([]);
  });

  test("the same headings with column B's heading blank (as Office.js shows a merge) is a problem at the first data under it", () => {
    const result = readBook([["Rules", "B1", null]]);
    expect(result.inputs).toBeUndefined();
    expect(problemAt(result, "Rules", "B3").message).toBe(
      `B3 holds "${HF}, Kensington & Chelsea; ${WCC} from 2012/13", but column B has no heading in row 1, so it is not read.`,
    );
  });

  test("a note to the right of the Budget, under no heading, is a problem at its cell", () => {
    const result = readBook([["Budget", "G4", "check with finance"]]);
    expect(problemAt(result, "Budget", "G4").message).toBe(
      'G4 holds "check with finance", but column G has no heading in row 1, so it is not read.',
    );
  });

  test("merged cells in the table keep only their first value: a problem at the merge", () => {
    const result = readBook([], { Drivers: [{ top: 2, left: 3, bottom: 3, right: 3 }] });
    expect(problemAt(result, "Drivers", "C2").message).toBe(
      "C2:C3 is merged: only C2 keeps its value, and the other cells read as blank.",
    );
  });

  test("a merged title above the heading row is fine", () => {
    const sheets = validSheets();
    sheets.Budget.unshift(["Tri-borough budgets 2011/12"]);
    const result = readInputs(book([], { Budget: [{ top: 1, left: 1, bottom: 1, right: 5 }] }, sheets));
    expect(where(result.problems)).toEqual([]);
  });
});
