/**
 * The main job in Excel: read the open workbook, check it, plan the output sheets and write them,
 * the same steps as the command line (src/cli) with Office.js in place of the .xlsx file. The task
 * pane calls this; nothing is written while there are errors.
 */
import type { RunOptions, RunResult } from "../workbook/host";
import { prepareRun } from "../workbook/prepare";
import { readWorkbook } from "./read";
import { writePlan } from "./write";

export async function applyRules(context: Excel.RequestContext, options: RunOptions = {}): Promise<RunResult> {
  const { grids, existing } = await readWorkbook(context, {
    onProgress: (done, total) => options.onProgress?.("read", done, total),
  });
  const prepared = prepareRun(grids, existing, {
    sheets: options.sheets,
    columns: options.columns,
    ...(options.scenario === undefined ? {} : { scenario: options.scenario }),
    when: options.when ?? new Date(),
    source: "this workbook",
  });
  if (!prepared.plan) return { problems: prepared.problems };
  const write = await writePlan(context, prepared.plan, {
    onProgress: (done, total) => options.onProgress?.("write", done, total),
  });
  return { problems: prepared.problems, summary: prepared.plan.summary, results: prepared.results, write };
}
