import fc from "fast-check";
import {
  cellAddress,
  cellsOf,
  columnLetters,
  fromExcelNumber,
  inShape,
  parseAddress,
  readCell,
  readChoice,
  readNumbers,
  readWhole,
} from "../../src/functions/cells";
import { Decimal, RuleError } from "../../src/engine";
import { expectRuleError } from "../engine/helpers";

describe("numbers from Excel", () => {
  test("are read at Excel's 15 significant digits, so a calculated cell's binary noise is not a fraction of a penny", () => {
    expect(fromExcelNumber(0.1 + 0.2).toString()).toBe("0.3");
    expect(fromExcelNumber(1.1 * 100).toString()).toBe("110");
    expect(fromExcelNumber(100 / 3).toString()).toBe("33.3333333333333");
    expect(fromExcelNumber(-1234567.89).toString()).toBe("-1234567.89");
  });

  test("any amount in pence up to Excel's precision comes back as exactly those pence", () => {
    fc.assert(
      fc.property(fc.integer({ min: -99_999_999_999_999, max: 99_999_999_999_999 }), (pence) => {
        const d = fromExcelNumber(pence / 100);
        expect(d.times(100).toString()).toBe(String(pence));
      }),
    );
  });
});

describe("reading cells", () => {
  const options = { field: "weights", rule: "§2" };

  test("blank, text, TRUE/FALSE and Excel errors each give an error naming the item and the cell", () => {
    expectRuleError(
      () => readCell(null, options, 2, "Budget!D4"),
      "missing",
      "weights: item 3 (Budget!D4) is blank; enter a number (RULES.md §2)",
    );
    expectRuleError(
      () => readCell("", options, 0),
      "missing",
      "weights: item 1 is blank; enter a number (RULES.md §2)",
    );
    expectRuleError(
      () => readCell("1,234", options, 1),
      "not-a-number",
      'weights: item 2 is text ("1,234"), not a number; retype it as a number (RULES.md §2)',
    );
    expectRuleError(
      () => readCell(true, options, 0),
      "not-a-number",
      "weights: item 1 is TRUE, not a number (RULES.md §2)",
    );
    expectRuleError(
      () => readCell({ code: "#DIV/0!" }, options, 0, "B2"),
      "not-a-number",
      "weights: item 1 (B2) is the Excel error #DIV/0!; correct that cell first (RULES.md §2)",
    );
  });

  test("a blank takes the stated default where the argument has one", () => {
    expect(readCell(null, { ...options, blank: { value: new Decimal(1) } }).toString()).toBe("1");
  });

  test("negative values are rejected only where the argument must not be negative", () => {
    expect(readCell(-5, options).toString()).toBe("-5");
    expectRuleError(
      () => readCell(-5, { ...options, nonNegative: true }, 2),
      "negative",
      "weights: item 3 is negative (-5) (RULES.md §2)",
    );
  });

  test("a range is read row by row, and results go back in its shape", () => {
    const cells = cellsOf(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      "Sheet1!B2:D3",
    );
    expect(readNumbers(cells, options).map(String)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(cells.addresses).toEqual(["Sheet1!B2", "Sheet1!C2", "Sheet1!D2", "Sheet1!B3", "Sheet1!C3", "Sheet1!D3"]);
    expect(inShape(cells, ["a", "b", "c", "d", "e", "f"])).toEqual([
      ["a", "b", "c"],
      ["d", "e", "f"],
    ]);
    expect(cellsOf(7).values).toEqual([7]);
  });

  test("whole numbers and choices say what they accept", () => {
    expect(readWhole(3, "years", 1, 100, "§6")).toBe(3);
    expectRuleError(
      () => readWhole(2.5, "years", 1, 100, "§6"),
      "bad-choice",
      "years: must be a whole number from 1 to 100 (got 2.5) (RULES.md §6)",
    );
    expect(readChoice(" Cumulative ", "view", ["incremental", "cumulative"], "§6")).toBe("cumulative");
    expect(readChoice(null, "view", ["incremental", "cumulative"], "§6")).toBeUndefined();
    expectRuleError(
      () => readChoice(4, "view", ["incremental", "cumulative"], "§6"),
      "bad-choice",
      'view: must be one of "incremental", "cumulative" (got 4) (RULES.md §6)',
    );
  });
});

describe("cell addresses", () => {
  test("are read as Excel gives them, with or without a sheet, $ signs or quotes", () => {
    expect(parseAddress("Budget!B2:D2")).toEqual({ sheet: "Budget", row: 2, column: 2 });
    expect(parseAddress("'Rules 2025'!$AA$10")).toEqual({ sheet: "'Rules 2025'", row: 10, column: 27 });
    expect(parseAddress("c7")).toEqual({ sheet: undefined, row: 7, column: 3 });
    expect(parseAddress("")).toBeUndefined();
    expect(parseAddress("{1,2,3}")).toBeUndefined();
  });

  test("name each cell of a range in reading order", () => {
    const at = parseAddress("'Rules 2025'!Y5:AB6")!;
    expect([0, 3, 4, 7].map((i) => cellAddress(at, i, 4))).toEqual([
      "'Rules 2025'!Y5",
      "'Rules 2025'!AB5",
      "'Rules 2025'!Y6",
      "'Rules 2025'!AB6",
    ]);
  });

  test("column letters and numbers round-trip for every column Excel has", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16384 }), (column) => {
        expect(parseAddress(`${columnLetters(column)}1`)?.column).toBe(column);
      }),
    );
    expect(columnLetters(16384)).toBe("XFD");
  });

  test("an error from a range without an address still says which item", () => {
    try {
      readNumbers(cellsOf([[1, "x"]]), { field: "weights", rule: "§2" });
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(RuleError);
      expect((e as RuleError).location).toEqual({ field: "weights", index: 1, partner: undefined });
    }
  });
});
