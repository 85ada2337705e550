/**
 * Check and plan, without writing: read the input sheets, list every problem, and when there is no
 * error work out the figures (the Outcome) and plan the output sheets. The task pane's Check step shows what this finds; its Run step and
 * the Office.js main job (src/office/run.ts) write the plan it gives. Pure.
 */
import type { SheetGrid } from "./grid";
import { type Scenario, SCENARIOS } from "./read";
import { type Outcome, YearsCovered, outcomeOf } from "./outcome";
import { ScenarioTable, scenarioTable } from "./outcome/scenarios";
import type { ExistingSheet } from "./owned";
import { Plan, PlanResults, buildPlan } from "./plan";
import { Problem, describeProblem, hasErrors } from "./problems";
import { ReadOptions, readInputs } from "./read";

export interface PrepareOptions extends ReadOptions {
  /** When the tables are made. */
  when: Date;
  /** What they are made from, as the Audit sheet says: "this workbook", or a file name. */
  source: string;
  /** The years covered, at least (the command line's --first-year and --last-year). */
  years?: YearsCovered;
  /** Told as each step ends (the command line times them for the benchmark). */
  stepDone?(step: PrepareStep): void;
}

/** Checking the inputs (reading the sheets into Inputs) and applying the rules (the plan). */
export type PrepareStep = "check inputs" | "apply rules";

export interface Prepared {
  /** Every problem, errors and warnings, down each sheet in workbook order. */
  problems: Problem[];
  /** What the reader detected (layouts, heading rows, units). */
  notes: string[];
  /** Given only when no problem is an error. */
  plan?: Plan;
  results?: PlanResults;
  /** The figures the plan lays out (for the partner statements). */
  outcome?: Outcome;
  /** Where an estimate is a range: each partner's saving under low, mid and high (the Audit's Scenarios section). */
  scenarios?: ScenarioTable;
}

export function prepareRun(grids: SheetGrid[], existing: readonly ExistingSheet[], options: PrepareOptions): Prepared {
  const read = readInputs(grids, {
    sheets: options.sheets,
    columns: options.columns,
    ...(options.scenario === undefined ? {} : { scenario: options.scenario }),
  });
  options.stepDone?.("check inputs");
  if (!read.inputs || hasErrors(read.problems)) return { problems: read.problems, notes: read.notes };
  const warnings = read.problems.filter((p) => p.severity === "warning");
  const { outcome, problems } = outcomeOf(read.inputs, options.years);
  if (!outcome) return { problems: [...warnings, ...problems], notes: read.notes };
  const shown = options.scenario ?? "mid";
  const scenarios = read.ranges.length > 0 ? otherScenarios(grids, options, shown, outcome) : undefined;
  const planned = buildPlan(outcome, {
    existing,
    when: options.when,
    source: options.source,
    notes: read.notes,
    units: read.units,
    warnings,
    scenario: { shown, ranges: read.ranges.length, ...(scenarios ? { table: scenarios } : {}) },
  });
  options.stepDone?.("apply rules");
  return {
    problems: warnings,
    notes: read.notes,
    plan: planned.plan,
    results: planned.results,
    outcome,
    ...(scenarios ? { scenarios } : {}),
  };
}

/**
 * The same workbook under the other two scenarios (RULES.md §1): read again with each, since every
 * reader of a range takes its scenario's end (so a range in any cell, however read, is covered).
 * Only a workbook with a range pays for it. A scenario that cannot be worked out (a low saving
 * leaving no partner's spending to fall, so no transitional cost can be shared) says why.
 */
function otherScenarios(grids: SheetGrid[], options: PrepareOptions, shown: Scenario, outcome: Outcome): ScenarioTable {
  const outcomes: Partial<Record<Scenario, Outcome | { reason: string }>> = { [shown]: outcome };
  for (const scenario of SCENARIOS.filter((s) => s !== shown)) {
    const read = readInputs(grids, { sheets: options.sheets, columns: options.columns, scenario });
    const error = read.problems.find((p) => p.severity === "error");
    const worked = read.inputs && !error ? outcomeOf(read.inputs, options.years) : undefined;
    const failed = error ?? worked?.problems.find((p) => p.severity === "error");
    if (worked?.outcome) outcomes[scenario] = worked.outcome;
    else if (failed) {
      const t = describeProblem(failed);
      outcomes[scenario] = { reason: `${t.where}: ${t.message}` };
    } else outcomes[scenario] = { reason: "its figures could not be worked out" };
  }
  return scenarioTable(shown, outcomes);
}
