/**
 * The main job in Excel, end to end against the in-memory Excel (fake-excel.ts): the sample
 * workbook read, checked, planned and written through Office.js with the real planner. Counts the
 * context.sync() calls and the largest request for 100 and 50,000 budget lines.
 */
import { readFile } from "fs/promises";
import type { CellValue, SheetGrid } from "../../src/workbook/grid";
import { outcomeOf } from "../../src/workbook/outcome";
import { buildPlan } from "../../src/workbook/plan";
import { readInputs } from "../../src/workbook/read";
import { describeProblem } from "../../src/workbook/problems";
import { applyRules } from "../../src/office/run";
import { PAYLOAD_LIMIT } from "../../src/office/payload";
import { readXlsx } from "../../src/xlsx/read";
import { FakeWorkbook } from "./fake-excel";

const WHEN = new Date("2026-11-25T10:00:00Z");
const OUTPUTS = ["Attribution", "Savings profile", "Realisation", "Variance shares", "Assessment", "Audit"];

const sample = (file = "assets/sample.xlsx"): Promise<SheetGrid[]> => readFile(file).then(readXlsx);

/** A workbook in the input template with `lines` Budget lines, services of about 48 lines among 3 partners. */
function budgetLines(lines: number): SheetGrid[] {
  const partners = ["Hammersmith & Fulham", "Kensington & Chelsea", "Westminster"];
  const budget: CellValue[][] = [["Partner", "Service", "Baseline", "Cost centre"]];
  const rules: CellValue[][] = [["Service", "Basis", "Reduction", "Transitional cost", "Phasing", "First year"]];
  const services = Math.max(1, Math.round(lines / 48));
  let written = 0;
  for (let s = 0; s < services; s++) {
    partners.forEach((partner, p) => {
      const count = Math.ceil((lines - written) / ((services - s) * partners.length - p));
      for (let l = 0; l < count; l++, written++)
        budget.push([
          partner,
          `Service ${s + 1}`,
          1000 + ((s * 7 + p * 13 + l * 31) % 9000) + 0.25 * (l % 4),
          `CC${s}-${p}-${l}`,
        ]);
    });
    rules.push([`Service ${s + 1}`, "budget", 0.15, s % 3 === 0 ? 5000 : null, "10%, 45%, 45%", "2011/12"]);
  }
  return [
    { name: "Budget", values: budget },
    { name: "Rules", values: rules },
  ];
}

describe("the main job in Excel, on the sample workbook", () => {
  it("writes the same cells as the plan, leaves the user's sheets alone, in a handful of syncs", async () => {
    const grids = await sample();
    const book = FakeWorkbook.fromGrids(grids);
    const result = await applyRules(book.context, { when: WHEN });
    expect(result.problems).toEqual([]);
    expect(book.sheetNames()).toEqual([...grids.map((g) => g.name), ...OUTPUTS]);
    for (const g of grids) expect(book.values(g.name)).toEqual(FakeWorkbook.fromGrids([g]).values(g.name));

    // The planner's formulas, as typed (SHARED.APPORTION, not _xldudf_), are in the cells.
    const read = readInputs(grids);
    const plan = buildPlan(outcomeOf(read.inputs!).outcome!, {
      existing: [],
      when: WHEN,
      source: "this workbook",
      notes: read.notes,
    }).plan;
    const attribution = book.formulas("Attribution");
    let checked = 0;
    plan.sheets[0].rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell?.kind === "formula" || cell?.kind === "spill") {
          expect(attribution[r][c]).toBe(cell.formula);
          checked++;
        }
      }),
    );
    expect(checked).toBeGreaterThan(100);
    expect(attribution.flat().some((f) => typeof f === "string" && f.startsWith("=SHARED.APPORTION("))).toBe(true);
    expect(result.write!.syncs).toBeLessThanOrEqual(3);
    expect(book.syncs.filter((s) => s.writes > 0).every((s) => s.calculationSuspended)).toBe(true);
    expect(book.screenSuspensions).toBe(1); // once per run: repeated calls make Excel flicker
  });

  it("run again, replaces its own sheets in place and leaves exactly one set", async () => {
    const grids = await sample();
    const book = FakeWorkbook.fromGrids(grids);
    await applyRules(book.context, { when: WHEN });
    const first = book.sheet("Attribution");
    await applyRules(book.context, { when: new Date("2026-11-26T09:00:00Z") });
    expect(book.sheetNames()).toEqual([...grids.map((g) => g.name), ...OUTPUTS]);
    expect(book.sheet("Attribution")).toBe(first); // the same sheet, so references to it keep working
    expect(book.values("Attribution")[1][0]).toMatch(/on 2026-11-26 09:00 UTC/);
  });

  it("on the malformed copy, lists the problems and writes nothing", async () => {
    const grids = await sample("assets/sample-malformed.xlsx");
    const book = FakeWorkbook.fromGrids(grids);
    const result = await applyRules(book.context, { when: WHEN });
    expect(result.problems.filter((p) => p.severity === "error").map((p) => describeProblem(p).where)).toEqual([
      "Budget!F98",
      "FTE!C19",
      "Rules!G5",
      "Rules!B10",
      "Drivers!C6",
    ]);
    expect(result.write).toBeUndefined();
    expect(book.sheetNames()).toEqual(grids.map((g) => g.name));
    expect(book.syncs.every((s) => s.writes === 0)).toBe(true);
  });
});

describe("context.sync() calls and request size by workbook size", () => {
  it.each([100, 50_000])(
    "%i budget lines: a bounded number of syncs, every request under 5 MB",
    async (lines) => {
      const book = FakeWorkbook.fromGrids(budgetLines(lines));
      const result = await applyRules(book.context, { when: WHEN });
      expect(result.problems).toEqual([]);
      const largest = Math.max(...book.syncs.map((s) => Math.max(s.requestBytes, s.responseBytes)));
      const sent = book.syncs.reduce((a, s) => a + s.requestBytes, 0);
      // Reading: sheet names, then used ranges, then row blocks; writing: a look, batches of ≤ 4 MB, a recalculation.
      expect(largest).toBeLessThan(PAYLOAD_LIMIT);
      expect(result.write!.syncs).toBeLessThanOrEqual(2 + Math.ceil(sent / (4 * 1024 * 1024)) + 1);
      console.log(
        `${lines} lines: ${book.syncs.length} syncs in all (${result.write!.syncs} writing), largest request or response ${largest.toLocaleString("en-GB")} bytes, ${(sent / 1e6).toFixed(1)} MB sent`,
      );
    },
    120_000,
  );
});
