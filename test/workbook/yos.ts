/**
 * The Youth Offending Service of `003` ch. 9(a), as the tests of the sheets built on it (costs,
 * variances) key it in: original net budgets £677k (H&F), £676k (K&C), £728k (Westminster), shared
 * by demand in the proportions of the revised budgets £607k / £596k / £447k. Each test adds its own
 * Rules sheet and the input sheet it is about.
 */
import type { Decimal } from "../../src/engine";
import type { CellValue, SheetGrid } from "../../src/workbook/grid";
import { outcomeOf } from "../../src/workbook/outcome";
import { buildPlan, type SheetPlan } from "../../src/workbook/plan";
import { readInputs } from "../../src/workbook/read";
import { where } from "./read/workbook";

export const HF = "Hammersmith & Fulham";
export const KC = "Kensington & Chelsea";
export const WM = "Westminster";
export const YOS = "Youth Offending Service";

export const grid = (name: string, values: CellValue[][]): SheetGrid => ({ name, values });

/** The three boroughs' original net budgets for the service. */
export const yosBudget = (): SheetGrid =>
  grid("Budget", [
    ["Partner", "Service", "Baseline"],
    [HF, YOS, 677000],
    [KC, YOS, 676000],
    [WM, YOS, 728000],
  ]);

/** Demand in the proportions of the revised budgets, so each cost share is that budget. */
export const yosDrivers = (): SheetGrid =>
  grid("Drivers", [
    ["Service", "Partner", "Quantity"],
    [YOS, HF, 607],
    [YOS, KC, 596],
    [YOS, WM, 447],
  ]);

/** Reads, works out and plans a workbook that must have no problems at any stage. */
export function run(grids: SheetGrid[]) {
  const read = readInputs(grids);
  expect(where(read.problems)).toEqual([]);
  const { outcome, problems } = outcomeOf(read.inputs!);
  expect(problems).toEqual([]);
  const { plan } = buildPlan(outcome!, { existing: [], when: new Date("2026-12-01T10:00:00Z"), source: "test" });
  return { outcome: outcome!, plan };
}

export const pounds = (ds: readonly Decimal[]): string[] => ds.map((d) => d.toFixed(2));
export const sheetOf = (plan: { sheets: SheetPlan[] }, role: string): SheetPlan =>
  plan.sheets.find((s) => s.role === role)!;
