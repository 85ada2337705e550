/**
 * Choosing services to share (RULES.md §9): the Compatibility sheet read cell by cell, the
 * Assessment sheet's counts and readings as live formulas over it (recalculated in HyperFormula
 * from the written .xlsx), and bad input at its cell. The seeds give the eleven criteria (`001`
 * §7.2.1) and the risk bands (`004` ch. 6) but no scores (schedule 1's RAG colours are lost in the
 * seed's text), so the scores here are illustrative.
 */
import ExcelJS from "exceljs";
import { Decimal } from "../../src/engine";
import type { CellValue } from "../../src/workbook/grid";
import { outcomeOf } from "../../src/workbook/outcome";
import { type PlanCell, type SheetPlan, buildPlan } from "../../src/workbook/plan";
import { criteriaRanges } from "../../src/workbook/plan/assessment";
import { ownedRole } from "../../src/workbook/owned";
import { readInputs } from "../../src/workbook/read";
import { existingSheets, readXlsx } from "../../src/xlsx/read";
import { writeXlsx } from "../../src/xlsx/write";
import { bytesOf } from "../xlsx/build";
import { applyRules } from "../../src/office/run";
import { FakeWorkbook } from "../office/fake-excel";
import { recalculate } from "./evaluate";
import {
  COMPATIBILITY_HEADINGS,
  Sheets,
  compatibility,
  grids,
  problemAt,
  read,
  validSheets,
  where,
} from "./read/workbook";

/** "Compatibility!E1" for each problem, in order. */
const cells = (problems: Parameters<typeof where>[0]): string[] => where(problems).map((w) => w.split(" ")[1]);

const WHEN = new Date("2026-12-02T10:00:00Z");
const withCompatibility = (values: CellValue[][] = compatibility()): Sheets => ({
  ...validSheets(),
  Compatibility: values,
});

function planOf(sheets: Sheets) {
  const result = read(sheets);
  expect(where(result.problems.filter((p) => p.severity === "error"))).toEqual([]);
  const { outcome } = outcomeOf(result.inputs!);
  return buildPlan(outcome!, { existing: [], when: WHEN, source: "test" }).plan;
}

const at = (sheet: SheetPlan, address: string): PlanCell | undefined => {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  return sheet.rows[Number(m[2]) - 1]?.[m[1].charCodeAt(0) - 65];
};
const shown = (c: PlanCell | undefined): unknown => {
  if (c === undefined) return undefined;
  if (c.kind === "text") return c.text;
  if (c.kind === "number") return c.value.toNumber();
  if (c.kind === "formula") return c.value instanceof Decimal ? c.value.toNumber() : c.value;
  return c.values;
};
const formula = (c: PlanCell | undefined): string | undefined => (c?.kind === "formula" ? c.formula : undefined);

describe("the Compatibility sheet read", () => {
  test("each candidate's scores with their cells, and its band as written or from its kind of service", () => {
    const c = read(withCompatibility()).inputs!.compatibility!;
    expect(c.columns).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(c.services.map((s) => [s.service.value, s.band.value, s.band.kind])).toEqual([
      ["Legal services", "low", "Legal services"],
      ["Revenues and benefits", "medium", undefined],
      ["Housing repairs", "high", "Housing repairs"],
      ["Payroll", "medium", "Payroll"],
    ]);
    const revs = c.services[1];
    expect(revs.scores.map((s) => s.value)).toEqual([
      "green",
      "amber",
      "amber",
      "green",
      "green",
      "green",
      "green",
      "green",
      "green",
      undefined,
      "green",
    ]);
    expect(revs.scores[9].at).toEqual({ sheet: "Compatibility", row: 3, column: 12 });
  });

  test("no Compatibility sheet, no assessment; a sheet of headings only, none either", () => {
    expect(read(validSheets()).inputs!.compatibility).toBeUndefined();
    expect(read(withCompatibility([COMPATIBILITY_HEADINGS])).inputs!.compatibility).toBeUndefined();
  });

  test("columns in any order, with a title above and a Notes column between the criteria", () => {
    const headings = [...COMPATIBILITY_HEADINGS];
    const rows = compatibility().map((r) => {
      const row = [...r];
      const note = row.pop()!;
      row.splice(6, 0, note); // Note between Business processes and Staffing arrangements
      return [row[1], row[0], ...row.slice(2)];
    });
    rows[0] = [headings[1], headings[0], ...headings.slice(2, 6), "Note", ...headings.slice(6, 13)];
    const c = read(withCompatibility([["Candidate services, RAG ratings"], ...rows])).inputs!.compatibility!;
    expect(c.headerRow).toBe(2);
    expect(c.columns).toEqual([3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14]);
    expect(criteriaRanges("Compatibility", 3, c.columns)).toEqual(["Compatibility!C3:F3", "Compatibility!H3:N3"]);
    expect(c.services.map((s) => s.service.value)).toEqual([
      "Legal services",
      "Revenues and benefits",
      "Housing repairs",
      "Payroll",
    ]);
  });
});

describe("bad input, at its cell", () => {
  const problems = (changes: [string, CellValue][], values = compatibility()) => {
    for (const [address, value] of changes) {
      const m = /^([A-Z]+)(\d+)$/.exec(address)!;
      (values[Number(m[2]) - 1] ??= [])[m[1].charCodeAt(0) - 65] = value;
    }
    return read(withCompatibility(values));
  };

  test("an unknown criterion heading", () => {
    const result = problems([["E1", "IT capability"]]);
    expect(cells(result.problems)).toEqual(["Compatibility!E1", "Compatibility!O1"]);
    expect(problemAt(result, "Compatibility", "E1")).toMatchObject({
      message:
        '"IT capability" is not one of the eleven criteria of the compatibility analysis (001 schedule 1), nor Service, Risk band or Notes.',
      rule: "RULES.md §9",
    });
    // Renamed, IT compatibility is now missing: said at the cell after the headings.
    expect(problemAt(result, "Compatibility", "O1")?.message).toBe(
      "There is no IT compatibility column in the headings (row 1).",
    );
    expect(result.inputs).toBeUndefined();
  });

  test("a RAG value that is not red, amber or green", () => {
    const result = problems([
      ["D3", "Yellow"],
      ["E4", 3],
      ["F5", " Red"],
    ]);
    expect(cells(result.problems)).toEqual(["Compatibility!D3", "Compatibility!E4", "Compatibility!F5"]);
    expect(problemAt(result, "Compatibility", "D3")).toMatchObject({
      message: 'Political alignment for Revenues and benefits is "Yellow", not red, amber or green.',
      fix: "Enter Red, Amber or Green (or R, A, G), or leave it blank until it is scored.",
      rule: "RULES.md §9",
    });
    expect(problemAt(result, "Compatibility", "E4")?.message).toBe(
      "IT compatibility for Housing repairs is 3, not red, amber or green.",
    );
    expect(problemAt(result, "Compatibility", "F5")?.message).toBe(
      `Business processes for Payroll is " Red", with spaces around the word, which the Assessment sheet's COUNTIF formulas would not count.`,
    );
    expect(result.inputs).toBeUndefined();
  });

  test("a missing service name", () => {
    const result = problems([["A3", null]]);
    expect(cells(result.problems)).toEqual(["Compatibility!A3"]);
    expect(problemAt(result, "Compatibility", "A3")).toMatchObject({
      message: "This Compatibility row has scores but no Service.",
      rule: "RULES.md §9",
    });
  });

  test("an unknown risk band or kind of service, and a blank one", () => {
    const result = problems([
      ["B2", "School meals"],
      ["B4", null],
    ]);
    expect(cells(result.problems)).toEqual(["Compatibility!B2", "Compatibility!B4"]);
    expect(problemAt(result, "Compatibility", "B2")?.message).toBe(
      `Risk band for Legal services is "School meals", which is neither a band (low, medium or high) nor a kind of service in the London study's table (004 ch. 6).`,
    );
    expect(problemAt(result, "Compatibility", "B4")?.message).toBe("Risk band for Housing repairs is blank.");
  });

  test("a service scored twice", () => {
    const result = problems([["A5", "legal services"]]);
    expect(cells(result.problems)).toEqual(["Compatibility!A5"]);
    expect(problemAt(result, "Compatibility", "A5")?.message).toBe(
      "legal services is scored twice on the Compatibility sheet (also in A2).",
    );
  });

  test("a missing criterion column is said at the cell after the headings", () => {
    const values = compatibility().map((r) => r.filter((_, i) => i !== 9)); // no Risk
    expect(cells(read(withCompatibility(values)).problems)).toEqual(["Compatibility!N1"]);
  });
});

describe("the Assessment sheet", () => {
  const plan = planOf(withCompatibility());
  const sheet = plan.sheets.find((s) => s.role === "assessment")!;

  test("written after the Variance shares and before the Audit, owned by the add-in", () => {
    expect(plan.sheets.map((s) => s.name)).toEqual([
      "Attribution",
      "Savings profile",
      "Realisation",
      "Assessment",
      "Audit",
    ]);
    expect(ownedRole(shown(at(sheet, "A2")) as string)).toBe("assessment");
    expect(planOf(validSheets()).sheets.some((s) => s.role === "assessment")).toBe(false);
  });

  test("per service the counts, the band and the reading, as the scores give them", () => {
    const rows = [6, 7, 8, 9].map((r) => ["A", "B", "D", "E", "F", "G", "H"].map((c) => shown(at(sheet, `${c}${r}`))));
    expect(rows).toEqual([
      ["Legal services", "Low", 0, 0, 11, 0, "Ready"],
      ["Revenues and benefits", "Medium", 0, 2, 8, 1, "Needs work"],
      ["Housing repairs", "High", 0, 0, 11, 0, "High risk"],
      ["Payroll", "Medium", 2, 1, 8, 0, "High risk"],
    ]);
    expect(shown(at(sheet, "C6"))).toBe("Legal services, the study's kind of service (Compatibility!B2)");
    expect(shown(at(sheet, "C7"))).toBe("as written in Compatibility!B3");
    expect([12, 13, 14].map((r) => [shown(at(sheet, `A${r}`)), shown(at(sheet, `B${r}`))])).toEqual([
      ["Ready", 1],
      ["Needs work", 1],
      ["High risk", 2],
    ]);
    expect(at(sheet, "H6")?.style).toBe("good");
    expect(at(sheet, "H7")?.style).toBe("warn");
    expect(at(sheet, "H9")?.style).toBe("bad");
  });

  test("live formulas: COUNTIF over the Compatibility cells, the reading an IF over the counts", () => {
    expect(formula(at(sheet, "D7"))).toBe('=COUNTIF(Compatibility!C3:M3,"red")+COUNTIF(Compatibility!C3:M3,"r")');
    expect(formula(at(sheet, "G7"))).toBe("=11-SUM(D7:F7)");
    expect(formula(at(sheet, "H7"))).toBe('=IF(OR(B7="High",D7>0),"High risk",IF(E7+G7>0,"Needs work","Ready"))');
    expect(formula(at(sheet, "B12"))).toBe('=COUNTIF(H6:H9,"Ready")');
    expect(shown(at(sheet, "A3"))).toContain("High risk: the London study's band for the kind of service is high");
  });

  test("through the .xlsx writer, every formula recalculates to its stored value, and follows a changed score", async () => {
    const book = new ExcelJS.Workbook();
    for (const [name, values] of Object.entries(withCompatibility())) book.addWorksheet(name).addRows(values);
    const input = await bytesOf(book);
    const inputGrids = await readXlsx(input);
    const result = readInputs(inputGrids);
    expect(where(result.problems.filter((p) => p.severity === "error"))).toEqual([]);
    const { outcome } = outcomeOf(result.inputs!);
    const written = buildPlan(outcome!, { existing: existingSheets(inputGrids), when: WHEN, source: "test.xlsx" });
    const bytes = await writeXlsx(input, written.plan);
    const { results, hf } = await recalculate(bytes, ["Assessment"]);
    expect(results.length).toBe(4 * 5 + 3);
    const differ = results.filter((r) => r.stored !== r.calculated && !(r.stored === undefined && r.calculated === 0));
    expect(differ).toEqual([]);
    // Legal services' Strategic fit turns red: one red, and the reading follows.
    const compat = hf.getSheetId("Compatibility")!;
    hf.setCellContents({ sheet: compat, row: 1, col: 2 }, "r");
    const assessment = hf.getSheetId("Assessment")!;
    const value = (address: string): unknown => hf.getCellValue(hf.simpleCellAddressFromString(address, assessment)!);
    expect([value("D6"), value("F6"), value("H6"), value("B12"), value("B14")]).toEqual([1, 10, "High risk", 0, 3]);
  });

  test("the written file's Assessment reads back as the add-in's own sheet, not an input", async () => {
    const book = new ExcelJS.Workbook();
    for (const [name, values] of Object.entries(withCompatibility())) book.addWorksheet(name).addRows(values);
    const input = await bytesOf(book);
    const g = await readXlsx(input);
    const first = buildPlan(outcomeOf(readInputs(g).inputs!).outcome!, {
      existing: existingSheets(g),
      when: WHEN,
      source: "t",
    });
    const again = await readXlsx(await writeXlsx(input, first.plan));
    const second = buildPlan(outcomeOf(readInputs(again).inputs!).outcome!, {
      existing: existingSheets(again),
      when: WHEN,
      source: "t",
    });
    expect(second.plan.reuse).toContain("Assessment");
    expect(second.plan.sheets.map((s) => s.name)).toContain("Assessment");
  });

  // Office.js writes the formulas and Excel works them out (the in-memory Excel does not), so the
  // formulas and text are checked here and the values through HyperFormula above.
  test("through Office.js (the in-memory Excel): the same formulas and text in the open workbook", async () => {
    const book = FakeWorkbook.fromGrids(grids(withCompatibility()));
    const result = await applyRules(book.context, { when: WHEN });
    expect(result.problems).toEqual([]);
    expect(book.sheetNames()).toContain("Assessment");
    const formulas = book.formulas("Assessment");
    const values = book.values("Assessment");
    let checked = 0;
    sheet.rows.forEach((row, r) =>
      row.forEach((c, col) => {
        // Rows 2 and 3 say when and from what (here "this workbook"): from the headings down.
        if (c?.kind === "text" && r >= 4) expect(values[r][col]).toBe(c.text);
        if (c?.kind !== "formula") return;
        expect(formulas[r][col]).toBe(c.formula);
        checked++;
      }),
    );
    expect(checked).toBe(4 * 5 + 3);
    expect(values[8].slice(0, 3)).toEqual([
      "Payroll",
      "Medium",
      "Payroll, the study's kind of service (Compatibility!B5)",
    ]);
  });

  test("a service named like a formula is written as text, never as a formula", async () => {
    const values = compatibility();
    values[1][0] = '=HYPERLINK("http://example.com")';
    const book = FakeWorkbook.fromGrids(grids(withCompatibility(values)));
    expect((await applyRules(book.context, { when: WHEN })).problems).toEqual([]);
    expect(book.sheet("Assessment")!.cell(6, 1)).toMatchObject({ value: values[1][0], quotePrefix: true });
    expect(book.sheet("Assessment")!.cell(6, 1)?.formula).toBeUndefined();
  });
});
