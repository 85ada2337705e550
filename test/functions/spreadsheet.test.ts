/**
 * A workbook of SHARED.* formulas evaluated in a real spreadsheet engine (HyperFormula) with the
 * functions registered from their Excel metadata: the cells hold what the engine computes, the
 * seed reports' figures come out, results recalculate when an input cell changes, and errors name
 * their cells. Side by side, the hand-built ROUND(amount*w/SUM(w),2) loses pennies on lines where
 * SHARED.APPORTION never does.
 */
import fc from "fast-check";
import { CellValue, DetailedCellError, HyperFormula } from "hyperformula";
import {
  Decimal,
  attributeVariance,
  breakEven,
  inView,
  partYear,
  phase,
  shareTransitionalCost,
  shares,
  split,
} from "../../src/engine";
import { asNumbers as numbers, exactSum } from "./cell-values";
import { registerSharedFunctions, workbook } from "./hyperformula";

let registered: string[];
beforeAll(async () => {
  registered = await registerSharedFunctions();
});

/** The values of a row of cells from a top-left "A1" address, `width` wide. */
function row(hf: HyperFormula, sheetName: string, topLeft: string, width: number): CellValue[] {
  const start = hf.simpleCellAddressFromString(topLeft, hf.getSheetId(sheetName)!)!;
  return Array.from({ length: width }, (_, i) => hf.getCellValue({ ...start, col: start.col + i }));
}
function cell(hf: HyperFormula, sheetName: string, address: string): CellValue {
  return hf.getCellValue(hf.simpleCellAddressFromString(address, hf.getSheetId(sheetName)!)!);
}

test("every function in functions.json is registered in the spreadsheet under SHARED.", () => {
  expect(registered.sort()).toEqual(
    ["APPORTION", "BREAKEVEN", "EQUAL", "PARTYEAR", "PROFILE", "SHARES", "TRANSITION", "VARIANCE"].map(
      (id) => `SHARED.${id}`,
    ),
  );
});

describe("a workbook of SHARED formulas gives the engine's results", () => {
  // Youth Offending Service (003 ch. 9(a)), in pounds: stand-alone and revised budgets.
  const baselines = [728000, 676000, 677000];
  const revised = [447000, 596000, 607000];
  const net = [-600, 700, 3300, 8660, 9860]; // ICT (003 ch. 9(d) §6), £000s
  const labels = ["2011/12", "2012/13", "2013/14", "2014/15", "2015/16"];
  const hf = () =>
    workbook({
      Inputs: [
        ["Partner", "Borough A", "Borough B", "Borough C"], // 1
        ["Baseline", ...baselines], // 2
        ["Revised", ...revised], // 3
        ["Quality", 1, 1.25, null], // 4
        ["Taking part", true, false, true], // 5
        ["Phasing", 0.1, 0.45, 0.45], // 6
        ["Year", ...labels], // 7
        ["Net £000", ...net], // 8
      ],
      Results: [
        ["=SHARED.APPORTION(1650000, Inputs!B3:D3)"], // 1
        ["=SHARED.APPORTION(100000, Inputs!B3:D3, Inputs!B4:D4)"], // 2
        ["=SHARED.APPORTION(100000, Inputs!B3:D3, , Inputs!B5:D5)"], // 3
        ["=SHARED.SHARES(Inputs!B3:D3)"], // 4
        ["=SHARED.EQUAL(100, Inputs!B1:D1)"], // 5
        ["=SHARED.TRANSITION(100000, Inputs!B2:D2, Inputs!B3:D3)"], // 6
        ['=SHARED.VARIANCE(10000, Inputs!B3:D3, "demand")'], // 7
        ['=SHARED.VARIANCE(10000, Inputs!B3:D3, "indirect-host", 1, "next-year")'], // 8
        ["=SHARED.PROFILE(8893000, Inputs!B6:D6)"], // 9
        ['=SHARED.PROFILE(8893000, Inputs!B6:D6, "cumulative")'], // 10
        ["=SHARED.PARTYEAR(173000, 9, 3)"], // 11
        ["=SHARED.BREAKEVEN(Inputs!B8:F8, Inputs!B7:F7)"], // 12
        ["=SHARED.BREAKEVEN(Inputs!B8:F8)"], // 13
        ["=SHARED.APPORTION(1000, Inputs!B2:B4)"], // 14: a column in, a column out
      ],
    });
  const partners = ["a", "b", "c"];

  test("APPORTION, SHARES and EQUAL", () => {
    const book = hf();
    expect(row(book, "Results", "A1", 3)).toEqual(numbers(split(1650000, revised)));
    // Quality 1.25 on the second partner; a blank factor is 1.
    expect(row(book, "Results", "A2", 3)).toEqual(numbers(split(100000, [447000, 596000 * 1.25, 607000])));
    // The second partner left out: 0, and the others split the whole amount.
    const [a, c] = numbers(split(100000, [447000, 607000]));
    expect(row(book, "Results", "A3", 3)).toEqual([a, 0, c]);
    expect(row(book, "Results", "A4", 3)).toEqual(numbers(shares(revised)));
    expect(row(book, "Results", "A5", 3)).toEqual(numbers(split(100, [1, 1, 1])));
    // A column of weights spills down a column.
    expect([cell(book, "Results", "A14"), cell(book, "Results", "A15"), cell(book, "Results", "A16")]).toEqual(
      numbers(split(1000, [baselines[0], revised[0], 1])),
    );
  });

  test("TRANSITION and VARIANCE", () => {
    const book = hf();
    const transition = shareTransitionalCost({
      cost: 100000,
      partners: partners.map((partner, i) => ({ partner, baseline: baselines[i], newCost: revised[i] })),
    });
    expect(row(book, "Results", "A6", 3)).toEqual(numbers(transition.lines.map((l) => l.total)));
    const variance = (cause: "demand" | "indirect", policy?: "host-bears") =>
      attributeVariance({
        amount: 10000,
        cause,
        policy,
        responsible: cause === "indirect" ? "a" : undefined,
        expected: partners.map((partner, i) => ({ partner, expected: revised[i] })),
      }).lines;
    expect(row(book, "Results", "A7", 3)).toEqual(numbers(variance("demand").map((l) => l.inYear)));
    expect(row(book, "Results", "A8", 3)).toEqual(numbers(variance("indirect", "host-bears").map((l) => l.nextYear)));
  });

  test("PROFILE, PARTYEAR and BREAKEVEN", () => {
    const book = hf();
    const phased = phase(8893000, [0.1, 0.45, 0.45], "2011/12");
    expect(row(book, "Results", "A9", 3)).toEqual(numbers(phased.map((y) => y.amount)));
    expect(row(book, "Results", "A10", 3)).toEqual(numbers(inView(phased, "cumulative").map((y) => y.amount)));
    expect(row(book, "Results", "A11", 3)).toEqual(numbers(partYear(173000, 9, "2011/12", 3).map((y) => y.amount)));
    const position = breakEven(net.map((n) => new Decimal(n)))!.position;
    expect(cell(book, "Results", "A12")).toBe(labels[position - 1]);
    expect(cell(book, "Results", "A13")).toBe(position);
  });

  test("the seed reports' figures come out of the workbook (003 ch. 9)", () => {
    const book = hf();
    // YOS: the combined £1,650,000 on the revised budgets gives each borough its revised budget.
    expect(row(book, "Results", "A1", 3)).toEqual(revised);
    // Adult social care overheads, £8,893,000 at 10% / 45% / 45% (ch. 9(b) §8.1).
    expect(row(book, "Results", "A10", 3)).toEqual([889300, 4891150, 8893000]);
    // LSCB from September 2011: £100,916.67 in the first year, which the report rounds to £101,000.
    expect(cell(book, "Results", "A11")).toBe(100916.67);
    // ICT breaks even in 2012/13 (ch. 9(d) §6).
    expect(cell(book, "Results", "A12")).toBe("2012/13");
  });

  test("results recalculate when an input cell changes, and still add up exactly", () => {
    const book = hf();
    const inputs = book.getSheetId("Inputs")!;
    book.setCellContents({ sheet: inputs, col: 2, row: 2 }, 596123.45);
    const parts = row(book, "Results", "A1", 3);
    expect(parts).toEqual(numbers(split(1650000, [447000, 596123.45, 607000])));
    expect(exactSum(parts).toString()).toBe("1650000");
  });
});

describe("side by side: the hand-built ROUND formula against SHARED.APPORTION", () => {
  // 200 cost lines (seeded, so every run checks the same lines), split between the three
  // boroughs on their revised budgets (£000s) in B1:D1, as a finance team's workbook would.
  const weights = [447, 596, 607];
  const amounts = fc.sample(fc.integer({ min: 1, max: 100_000_000 }), { seed: 2011, numRuns: 200 }).map((p) => p / 100);
  const lines = amounts.map((amount, i) => {
    const r = i + 2;
    return [
      amount,
      `=ROUND($A${r}*B$1/SUM($B$1:$D$1),2)`,
      `=ROUND($A${r}*C$1/SUM($B$1:$D$1),2)`,
      `=ROUND($A${r}*D$1/SUM($B$1:$D$1),2)`,
      `=SHARED.APPORTION($A${r},$B$1:$D$1)`,
    ];
  });

  test("ROUND loses or invents pennies on some lines; SHARED.APPORTION adds up on every line", () => {
    const book = workbook({ Lines: [["Amount", ...weights], ...lines] });
    let roundWrong = 0;
    let lostPence = new Decimal(0);
    amounts.forEach((amount, i) => {
      const r = i + 2;
      const byRound = row(book, "Lines", `B${r}`, 3);
      const byApportion = row(book, "Lines", `E${r}`, 3);
      const total = new Decimal(String(amount));
      const roundGap = exactSum(byRound).minus(total);
      if (!roundGap.isZero()) roundWrong++;
      lostPence = lostPence.plus(roundGap.abs());
      // Every SHARED.APPORTION line adds up to its amount, to the penny, and is the engine's split.
      expect(exactSum(byApportion).minus(total).toString()).toBe("0");
      expect(byApportion).toEqual(numbers(split(amount, weights)));
    });
    // With three partners about a third of lines miss by a penny under ROUND; none may be missed
    // by SHARED.APPORTION. (The count is computed from the workbook, not expected to be a figure.)
    expect(roundWrong).toBeGreaterThan(0);
    expect(lostPence.greaterThan(0)).toBe(true);
  });
});

describe("errors in a workbook", () => {
  const book = () =>
    workbook({
      Budget: [
        ["Partner", "A", "B", "C"],
        ["Weight", 10, -5, 20],
        ["Text", 10, "1,234", 20],
        ["Broken", 10, "=1/0", 20],
        ["=SHARED.APPORTION(1000, B2:D2)"],
        ["=SHARED.APPORTION(1000, B3:D3)"],
        ["=SHARED.APPORTION(1000, B4:D4)"],
        ["=SHARED.BREAKEVEN({-600,100,200})"],
        ["=SHARED.APPORTION(1000, B10:D10, B10:C10)"],
        ["Fine", 1, 2, 3],
      ],
    });
  const error = (address: string): DetailedCellError => {
    const value = cell(book(), "Budget", address);
    expect(value).toBeInstanceOf(DetailedCellError);
    return value as DetailedCellError;
  };

  test("a bad cell gives #VALUE! with a message naming the sheet and cell", () => {
    expect(error("A5")).toMatchObject({
      value: "#VALUE!",
      message: "weights: item 2 (Budget!C2) is negative (-5) (RULES.md §2)",
    });
    expect(error("A6").value).toBe("#VALUE!");
    expect(error("A6").message).toContain("Budget!C3");
    expect(error("A9").message).toContain("quality: is 1 row × 2 columns but weights is 1 row × 3 columns");
  });

  test("an Excel error in an input passes through, as Excel passes it", () => {
    expect(error("A7").value).toBe("#DIV/0!");
  });

  test("no break-even is #N/A with its message", () => {
    expect(error("A8")).toMatchObject({ value: "#N/A" });
    expect(error("A8").message).toContain("never reaches zero");
  });
});
