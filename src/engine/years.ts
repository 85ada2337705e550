/**
 * Financial years run April to March and are written as councils write them: "2011/12".
 */
import { RuleError } from "./errors";

export type YearLabel = string;

/** "2011/12" (or "2011-12") → 2011, the calendar year in which the financial year starts. */
export function parseYear(label: string, field = "year"): number {
  const match = /^\s*(\d{4})\s*[/-]\s*(\d{2})\s*$/.exec(label);
  if (match) {
    const start = Number(match[1]);
    if ((start + 1) % 100 === Number(match[2])) return start;
  }
  throw new RuleError("bad-year", { field }, `"${label}" is not a financial year like 2011/12`, "§6");
}

/** 2011 → "2011/12". */
export function formatYear(start: number): YearLabel {
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}
