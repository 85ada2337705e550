/**
 * The main job in Excel: read the open workbook, check it, plan the output sheets and write them,
 * the same steps as the command line (src/cli) with Office.js in place of the .xlsx file. The task
 * pane calls this; nothing is written while there are errors.
 */
import type { PlanResults } from "../workbook/plan";
import { prepareRun } from "../workbook/prepare";
import type { Problem } from "../workbook/problems";
import type { ReadOptions as SheetChoice } from "../workbook/read";
import { readWorkbook } from "./read";
import { writePlan } from "./write";

export interface RunOptions {
  /** Which sheet plays each role, where the user chose. */
  sheets?: SheetChoice["sheets"];
  /** Which column holds each field, where the user chose (by heading text). */
  columns?: SheetChoice["columns"];
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
  /** The figures of what was written, for the task pane's Results step. */
  results?: PlanResults;
  /** context.sync() calls and the largest request, for the write. */
  write?: { syncs: number; largestRequestBytes: number };
}

export async function applyRules(context: Excel.RequestContext, options: RunOptions = {}): Promise<RunResult> {
  const { grids, existing } = await readWorkbook(context, {
    onProgress: (done, total) => options.onProgress?.("read", done, total),
  });
  const prepared = prepareRun(grids, existing, {
    sheets: options.sheets,
    columns: options.columns,
    when: options.when ?? new Date(),
    source: "this workbook",
  });
  if (!prepared.plan) return { problems: prepared.problems };
  const write = await writePlan(context, prepared.plan, {
    onProgress: (done, total) => options.onProgress?.("write", done, total),
  });
  return { problems: prepared.problems, summary: prepared.plan.summary, results: prepared.results, write };
}
