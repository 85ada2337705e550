/**
 * The main job in Excel: read the open workbook, check it, plan the output sheets and write them,
 * the same steps as the command line (src/cli) with Office.js in place of the .xlsx file. The task
 * pane calls this; nothing is written while there are errors.
 */
import { buildPlan } from "../workbook/plan";
import type { Problem } from "../workbook/problems";
import { hasErrors } from "../workbook/problems";
import { ReadOptions as SheetChoice, readInputs } from "../workbook/read";
import { readWorkbook } from "./read";
import { writePlan } from "./write";

export interface RunOptions {
  /** Which sheet plays each role, where the user chose. */
  sheets?: SheetChoice["sheets"];
  /** When the tables are made; now unless a test fixes it. */
  when?: Date;
  /** Progress through the reading and then the writing: done and total syncs of the current step. */
  onProgress?(step: "read" | "write", done: number, total: number): void;
}

export interface RunResult {
  /** Every problem found (errors and warnings); when any is an error nothing was written. */
  problems: Problem[];
  /** What was written, when it was. */
  summary?: string[];
  /** context.sync() calls and the largest request, for the write. */
  write?: { syncs: number; largestRequestBytes: number };
}

export async function applyRules(context: Excel.RequestContext, options: RunOptions = {}): Promise<RunResult> {
  const { grids, existing } = await readWorkbook(context, {
    onProgress: (done, total) => options.onProgress?.("read", done, total),
  });
  const read = readInputs(grids, { sheets: options.sheets });
  if (!read.inputs || hasErrors(read.problems)) return { problems: read.problems };
  const warnings = read.problems.filter((p) => p.severity === "warning");
  const planned = buildPlan(read.inputs, {
    existing,
    when: options.when ?? new Date(),
    source: "this workbook",
    notes: read.notes,
    warnings,
  });
  if (!planned.plan) return { problems: [...warnings, ...planned.problems] };
  const write = await writePlan(context, planned.plan, {
    onProgress: (done, total) => options.onProgress?.("write", done, total),
  });
  return { problems: warnings, summary: planned.plan.summary, write };
}
