/** The sample workbook checked and planned as the command line plans it, at a fixed time. */
import { readFileSync } from "fs";
import type { Plan, PlanCell } from "../../src/workbook/plan";
import { prepareRun } from "../../src/workbook/prepare";
import { existingSheets, readXlsx } from "../../src/xlsx/read";

export const SAMPLE = "assets/sample.xlsx";
export const WHEN = new Date("2026-11-25T10:00:00Z");

export async function samplePlan(): Promise<{ bytes: Buffer; plan: Plan; prepared: ReturnType<typeof prepareRun> }> {
  const bytes = readFileSync(SAMPLE);
  const grids = await readXlsx(bytes);
  const prepared = prepareRun(grids, existingSheets(grids), { when: WHEN, source: "sample.xlsx" });
  if (!prepared.plan) throw new Error("the sample did not plan");
  return { bytes, plan: prepared.plan, prepared };
}

/** Every planned cell with its 1-based row and column. */
export function* planCells(
  rows: readonly (readonly (PlanCell | undefined)[])[],
): Generator<[number, number, PlanCell]> {
  for (let r = 0; r < rows.length; r++)
    for (let c = 0; c < rows[r].length; c++) {
      const cell = rows[r][c];
      if (cell) yield [r + 1, c + 1, cell];
    }
}
