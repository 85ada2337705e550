/**
 * Check and plan, without writing: read the input sheets, list every problem, and when there is no
 * error work out the figures (the Outcome) and plan the output sheets. The task pane's Check step shows what this finds; its Run step and
 * the Office.js main job (src/office/run.ts) write the plan it gives. Pure.
 */
import type { SheetGrid } from "./grid";
import { type Outcome, YearsCovered, outcomeOf } from "./outcome";
import type { ExistingSheet } from "./owned";
import { Plan, PlanResults, buildPlan } from "./plan";
import { Problem, hasErrors } from "./problems";
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
  const planned = buildPlan(outcome, {
    existing,
    when: options.when,
    source: options.source,
    notes: read.notes,
    warnings,
  });
  options.stepDone?.("apply rules");
  return { problems: warnings, notes: read.notes, plan: planned.plan, results: planned.results, outcome };
}
