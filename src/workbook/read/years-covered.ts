/**
 * The years covered (the MTFS years the Savings profile shows), as settings cells on the Rules
 * sheet: in the rows above its headings (the title rows), a label and, in the cell to its right,
 * the year:
 *
 *   First MTFS year | 2011/12
 *   Last MTFS year  | 2016/17
 *
 * Either may be left out. A value that is not a financial year, or a first year after the last,
 * is an error at its cell (RULES.md §6). The command line's --first-year and --last-year, when
 * given, take the place of these for that run.
 */
import { parseYear } from "../../engine";
import { cellAt } from "../grid";
import type { RulesSheet } from "../inputs";
import { refText } from "../a1";
import { Reading, ref, report } from "./cells";
import { headingKey } from "./headings";
import { readYear } from "./rule-values";

/** The settings labels accepted, matched ignoring case, spaces and punctuation. */
export const YEARS_COVERED_LABELS = {
  first: ["First MTFS year", "MTFS first year", "First year shown", "Years covered from"],
  last: ["Last MTFS year", "MTFS last year", "Last year shown", "Years covered to"],
} as const;

export type YearsCoveredCells = NonNullable<RulesSheet["years"]>;

/** Which years-covered label a cell's text is, if either (the task pane finds the cells with it too). */
export const yearsCoveredLabel = (text: string): "first" | "last" | undefined => {
  const key = headingKey(text);
  for (const which of ["first", "last"] as const)
    if (YEARS_COVERED_LABELS[which].some((label) => headingKey(label) === key)) return which;
  return undefined;
};

/** The settings cells above the heading row; undefined when there are none (or one was refused). */
export function readYearsCovered(r: Reading, headerRow: number): YearsCoveredCells | undefined {
  const found: YearsCoveredCells = {};
  let ok = true;
  for (let row = 1; row < headerRow; row++) {
    const cells = r.grid.values[row - 1] ?? [];
    for (let column = 1; column <= cells.length; column++) {
      const label = cellAt(r.grid, row, column);
      const which = typeof label === "string" ? yearsCoveredLabel(label) : undefined;
      if (which === undefined) continue;
      const at = ref(r.grid.name, row, column + 1);
      const what = `${YEARS_COVERED_LABELS[which][0]} (the years covered)`;
      if (found[which] !== undefined) {
        report(
          r,
          ref(r.grid.name, row, column),
          `${YEARS_COVERED_LABELS[which][0]} is given twice on the Rules sheet.`,
          "Keep one of the two cells.",
          "§6",
        );
        ok = false;
        continue;
      }
      const year = readYear(r, at, what, "§6");
      if (year === null) ok = false;
      else if (year === undefined) {
        report(
          r,
          at,
          `${what} has no year beside it.`,
          "Enter a financial year like 2011/12 in the cell to the right of the label, or delete the label.",
          "§6",
        );
        ok = false;
      } else found[which] = { value: year, at };
    }
  }
  const { first, last } = found;
  if (first && last && parseYear(first.value) > parseYear(last.value)) {
    report(
      r,
      last.at,
      `Last MTFS year (${last.value}) is before First MTFS year (${first.value}): the years covered run backwards.`,
      `Make the last year ${first.value} or later, or correct the first year.`,
      "§6",
    );
    ok = false;
  }
  if (!ok || (first === undefined && last === undefined)) return undefined;
  r.notes.push(
    `${r.grid.name}: the years covered are set ${[
      first ? `from ${first.value} (${refText(first.at)})` : "",
      last ? `to ${last.value} (${refText(last.at)})` : "",
    ]
      .filter((s) => s !== "")
      .join(" ")}; years with a figure are always shown.`,
  );
  return found;
}
