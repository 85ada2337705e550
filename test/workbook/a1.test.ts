/** A1 addresses: the one module that makes and reads them. */
import fc from "fast-check";
import {
  MARKER,
  MARKER_CELL,
  a1,
  columnLetters,
  columnNumber,
  parseAddress,
  refText,
  sheetPrefix,
} from "../../src/workbook/a1";

describe("column letters and numbers", () => {
  test("the edges Excel has", () => {
    expect([1, 26, 27, 52, 53, 702, 703, 16384].map(columnLetters)).toEqual([
      "A",
      "Z",
      "AA",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
      "XFD",
    ]);
    expect(columnNumber("xfd")).toBe(16384);
  });

  test("property: letters and numbers go both ways for every column of a sheet", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16384 }), (column) => {
        expect(columnNumber(columnLetters(column))).toBe(column);
      }),
    );
  });
});

describe("addresses", () => {
  test("a cell, relative or absolute, with its sheet quoted only when a formula needs it", () => {
    expect(a1(5, 3)).toBe("C5");
    expect(a1(5, 3, true)).toBe("$C$5");
    expect(sheetPrefix("Budget")).toBe("Budget!");
    expect(sheetPrefix("Savings profile")).toBe("'Savings profile'!");
    expect(sheetPrefix("Tri's")).toBe("'Tri''s'!");
    expect(sheetPrefix("AB12")).toBe("'AB12'!"); // would read as a cell
    expect(refText({ sheet: "FTE", row: 19, column: 3 }, true)).toBe("FTE!$C$19");
  });

  test("Office.js addresses as boxes: a cell, a range, whole columns and rows, with a sheet", () => {
    expect(parseAddress("C5")).toEqual({ top: 5, left: 3, bottom: 5, right: 3 });
    expect(parseAddress("'Savings profile'!$H$9:C5")).toEqual({ top: 5, left: 3, bottom: 9, right: 8 });
    expect(parseAddress("C:E")).toEqual({ top: 1, left: 3, bottom: 1_048_576, right: 5 });
    expect(parseAddress("3:4")).toEqual({ top: 3, left: 1, bottom: 4, right: 16_384 });
    expect(() => parseAddress("{1,2}")).toThrow('"{1,2}" is not a cell or range address');
  });

  test("the marker cell is A2", () => {
    expect(MARKER_CELL).toBe("A2");
    expect(a1(MARKER.row, MARKER.column)).toBe(MARKER_CELL);
  });
});
