/**
 * The task pane's "Partner statements" in Excel: read the open workbook, check it, and write one
 * statement sheet per partner (src/workbook/statement/sheets.ts), through the same writer as the
 * output sheets, so only the add-in's own sheets are touched and the syncs stay bounded. An
 * earlier statement sheet is replaced only if the user agreed to it when the pane asked.
 */
import type { StatementsOptions, StatementsResult } from "../workbook/host";
import { sheetNameKey } from "../workbook/owned";
import { prepareRun } from "../workbook/prepare";
import { statementsPlan } from "../workbook/statement/sheets";
import { readWorkbook } from "./read";
import { writePlan } from "./write";

export async function writeStatements(
  context: Excel.RequestContext,
  options: StatementsOptions = {},
): Promise<StatementsResult> {
  const { grids, existing } = await readWorkbook(context, {
    onProgress: (done, total) => options.onProgress?.("read", done, total),
  });
  const when = options.when ?? new Date();
  const prepared = prepareRun(grids, existing, {
    sheets: options.sheets,
    columns: options.columns,
    when,
    source: "this workbook",
  });
  if (!prepared.outcome) return { problems: prepared.problems };
  const outcome = prepared.outcome;
  const plan = statementsPlan(outcome, existing, { when, source: "this workbook" });
  const agreed = new Set((options.replace ?? []).map(sheetNameKey));
  const unasked = plan.reuse.filter((name) => !agreed.has(sheetNameKey(name)));
  if (unasked.length > 0)
    throw new Error(
      `The workbook has changed since the pane asked: writing the statements now would also replace ${unasked.map((n) => `"${n}"`).join(", ")}. Nothing was written: choose Partner statements again.`,
    );
  const write = await writePlan(context, plan, {
    onProgress: (done, total) => options.onProgress?.("write", done, total),
  });
  return {
    problems: prepared.problems,
    sheets: outcome.partners.map((partner, i) => ({ partner, name: plan.sheets[i].name })),
    summary: plan.summary,
    write,
  };
}
