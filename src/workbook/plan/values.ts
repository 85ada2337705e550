/**
 * A copy that opens anywhere (issue 18): the plan with every formula that calls the add-in's own
 * functions (=SHARED.*) replaced by the value the engine computed for it, so the workbook reads
 * the same where the add-in is not installed (another council's Excel, LibreOffice, a viewer),
 * which would show #NAME? for them. Plain Excel formulas (SUM, ROUND, references to the input
 * cells) stay: every spreadsheet can calculate them. A transform of the plan, so both writers
 * write it as they write any plan.
 */
import type { CalculatedValue, Plan, PlanCell, SheetPlan } from "./types";

/** A formula calling one of the add-in's functions, SHARED.APPORTION( and the others. */
export const callsAddinFunction = (formula: string): boolean => /(^|[^\w.])SHARED\.[A-Z][\w.]*\(/i.test(formula);

/** What the copy says on each sheet, after the sheet's own note, so nobody looks for live formulas. */
export const VALUES_NOTE =
  "This copy holds the add-in's figures as values in place of its =SHARED formulas, so it reads the same without the add-in; plain formulas stay live.";

/** A computed value as a cell of its own: a number, text (never taken as a formula) or TRUE/FALSE. */
function valueCell(value: CalculatedValue, style: PlanCell["style"]): PlanCell {
  if (typeof value === "string") return { kind: "text", text: value, style };
  if (typeof value === "boolean") return { kind: "formula", formula: value ? "=TRUE()" : "=FALSE()", value, style };
  if ("error" in value) return { kind: "formula", formula: ERROR_FORMULAS[value.error] ?? "=NA()", value, style };
  return { kind: "number", value, style };
}

/** A plain formula that gives each Excel error, for an error the engine computed (rare: kept as an error). */
const ERROR_FORMULAS: Record<string, string> = {
  "#N/A": "=NA()",
  "#DIV/0!": "=1/0",
  "#VALUE!": '=1+"x"',
  "#NUM!": "=SQRT(-1)",
  "#REF!": "=#REF!",
  "#NULL!": "=A1 A2",
};

/** One sheet with its custom-function formulas as values; how many were replaced. */
export function sheetWithValues(sheet: SheetPlan): { sheet: SheetPlan; replaced: number } {
  const rows = sheet.rows.map((cells) => [...cells]);
  let replaced = 0;
  sheet.rows.forEach((cells, r) =>
    cells.forEach((cell, c) => {
      if (!cell || cell.kind === "text" || cell.kind === "number" || !callsAddinFunction(cell.formula)) return;
      replaced++;
      if (cell.kind === "formula") {
        rows[r][c] = valueCell(cell.value, cell.style);
        return;
      }
      // A spill: its anchor and every cell it spilled into become values of their own.
      cell.values.forEach((line, i) =>
        line.forEach((value, j) => {
          const row = (rows[r + i] ??= []);
          while (row.length < c + j) row.push(undefined);
          row[c + j] = valueCell(value, cell.style);
        }),
      );
    }),
  );
  const note = rows[2]?.[0];
  if (replaced > 0 && note?.kind === "text" && note.style === "note")
    rows[2][0] = { ...note, text: `${note.text} ${VALUES_NOTE}` };
  return { sheet: { ...sheet, rows }, replaced };
}

/** The plan with every =SHARED.* formula replaced by its value; the summary says so. */
export function planWithValues(plan: Plan): Plan {
  let replaced = 0;
  const sheets = plan.sheets.map((s) => {
    const done = sheetWithValues(s);
    replaced += done.replaced;
    return done.sheet;
  });
  return {
    ...plan,
    sheets,
    summary: [
      ...plan.summary,
      `Values only: ${replaced.toLocaleString("en-GB")} formula${replaced === 1 ? "" : "s"} of the add-in's functions written as their values, so the copy reads the same without the add-in.`,
    ],
  };
}
