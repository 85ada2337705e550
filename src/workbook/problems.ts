/**
 * A problem found in the workbook, listed with every other before anything is written: which
 * sheet and cell, what is wrong, which rule, and what to do about it. `describeProblem` is the one
 * way a problem is put into words, for the command line, the task pane's Check step and the Audit sheet.
 */
import { ErrorCode, RuleError, describeLocation, ruleReference } from "../engine";
import { CellRef } from "./grid";
import { a1 } from "./a1";

export interface Problem {
  /** "error" stops the run; "warning" is reported and the run goes on. */
  severity: "error" | "warning";
  sheet: string;
  /** The cell, absent when the problem is the whole sheet (a missing sheet or column). */
  cell?: CellRef;
  /** What is wrong, for a finance officer, without the rule. */
  message: string;
  /** What to do about it. */
  fix: string;
  /** The rule it comes from, e.g. "RULES.md §2"; absent for a template problem. */
  rule?: string;
  /** The engine's code, when the engine refused the figures (a RuleError) rather than the reader a cell. */
  code?: ErrorCode;
}

export function problemAt(
  at: CellRef | { sheet: string },
  message: string,
  fix: string,
  options: { rule?: string; severity?: Problem["severity"]; code?: ErrorCode } = {},
): Problem {
  return {
    severity: options.severity ?? "error",
    sheet: at.sheet,
    ...("row" in at ? { cell: { sheet: at.sheet, row: at.row, column: at.column } } : {}),
    message,
    fix,
    ...(options.rule === undefined ? {} : { rule: options.rule }),
    ...(options.code === undefined ? {} : { code: options.code }),
  };
}

/** A rule the engine refused, at the cell that fed it: "partners: no partner has a budget for …". */
export function problemFromRuleError(error: RuleError, at: CellRef | { sheet: string }, fix: string): Problem {
  return problemAt(at, `${describeLocation(error.location)} ${error.detail}`, fix, {
    rule: ruleReference(error.rule),
    code: error.code,
  });
}

/** A problem in words: where ("FTE!C19", or the sheet), what is wrong and what to do, each citing the rule once. */
export interface ProblemText {
  /** "Error" or "Warning". */
  label: string;
  where: string;
  /** The engine's sentence cites its rule at its end, as the SHARED functions' messages do. */
  message: string;
  /** The reader's problems cite their rule after what to do. */
  fix: string;
}

export function describeProblem(p: Problem): ProblemText {
  const cite = p.rule === undefined ? "" : ` (${p.rule})`;
  const fromEngine = p.code !== undefined;
  return {
    label: p.severity === "error" ? "Error" : "Warning",
    where: p.cell === undefined ? p.sheet : `${p.sheet}!${a1(p.cell.row, p.cell.column)}`,
    message: fromEngine ? `${p.message}${cite}` : p.message,
    fix: fromEngine ? p.fix : `${p.fix}${cite}`,
  };
}

/** "Error FTE!C19: FTE for … is negative (-12). Enter zero or more. (RULES.md §2)": one line, as the command line prints it. */
export function formatProblem(p: Problem): string {
  const t = describeProblem(p);
  return `${t.label} ${t.where}: ${t.message} ${t.fix}`.trim();
}

export const hasErrors = (problems: readonly Problem[]): boolean => problems.some((p) => p.severity === "error");
