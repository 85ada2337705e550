/**
 * A problem found in the workbook, listed with every other before anything is written: which
 * sheet and cell, what is wrong, which rule, and what to do about it.
 */
import { RuleError, ruleReference } from "../engine";
import { CellRef, a1 } from "./grid";

export interface Problem {
  /** "error" stops the run; "warning" is reported and the run goes on. */
  severity: "error" | "warning";
  sheet: string;
  /** "C5", absent when the problem is the whole sheet (a missing sheet or column). */
  cell?: string;
  /** What is wrong, for a finance officer. */
  message: string;
  /** What to do about it. */
  fix: string;
  /** The rule it comes from, e.g. "RULES.md §2"; absent for a template problem. */
  rule?: string;
}

export function problemAt(
  at: CellRef | { sheet: string },
  message: string,
  fix: string,
  options: { rule?: string; severity?: Problem["severity"] } = {},
): Problem {
  const cell = "row" in at ? a1(at.row, at.column) : undefined;
  return {
    severity: options.severity ?? "error",
    sheet: at.sheet,
    ...(cell === undefined ? {} : { cell }),
    message,
    fix,
    ...(options.rule === undefined ? {} : { rule: options.rule }),
  };
}

/** A rule the engine refused, at the cell that fed it. */
export function problemFromRuleError(error: RuleError, at: CellRef | { sheet: string }, fix: string): Problem {
  return problemAt(at, error.message, fix, { rule: ruleReference(error.rule) });
}

/** "Error FTE!C19: FTE for … is negative (-12). Enter zero or more. (RULES.md §2)": one line, as the command line prints it. */
export function formatProblem(p: Problem): string {
  const where = p.cell === undefined ? p.sheet : `${p.sheet}!${p.cell}`;
  const rule = p.rule !== undefined && !p.message.includes(p.rule) ? ` (${p.rule})` : "";
  return `${p.severity === "error" ? "Error" : "Warning"} ${where}: ${p.message} ${p.fix}${rule}`.trim();
}

export const hasErrors = (problems: readonly Problem[]): boolean => problems.some((p) => p.severity === "error");
