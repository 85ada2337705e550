/**
 * The figures of the sheets the pane wrote in Chromium, worked out in Node: every sheet read back
 * from the page (formulas where a cell has one), recalculated in HyperFormula with the SHARED
 * functions registered as Excel would run them, so a test can compare what the written sheets
 * show with what the engine and the workbook layer make of the same inputs. Not a test file:
 * taskpane.e2e.test.ts uses it.
 */
import { Decimal } from "../../src/engine";
import type { HyperFormula } from "hyperformula";
import type { Page } from "playwright-core";
import type { CalculatedValue, Plan, SheetPlan } from "../../src/workbook/plan";
import { registerSharedFunctions, workbook } from "../functions/hyperformula";
import type { Harness } from "./harness/harness";

type Written = ReturnType<Harness["formulas"]>;

/** The written workbook, recalculated: `value(sheet, row, column)` (1-based) as Excel would show it. */
export interface Recalculated {
  /** A cell's calculated value: number, text, boolean, null for blank, or an error's text ("#VALUE!"). */
  value(sheet: string, row: number, column: number): number | string | boolean | null;
  /** What the page holds: the formula where there is one, else the value. */
  written: Record<string, Written>;
}

/**
 * Every sheet of the page's workbook, recalculated. Text is given to HyperFormula as text (a
 * leading apostrophe), so "10%" or "2011/12" on an input sheet stays what it is in Excel; a cell
 * whose text starts "=" is taken as a formula (the sample has no such text).
 */
export async function recalculatePage(page: Page): Promise<Recalculated> {
  await registerSharedFunctions();
  const names = await page.evaluate(() => window.harness.sheetNames());
  const written: Record<string, Written> = {};
  for (const name of names) written[name] = await page.evaluate((s) => window.harness.formulas(s), name);
  const data = Object.fromEntries(
    Object.entries(written).map(([name, rows]) => [
      name,
      rows.map((row) =>
        row.map((v) => (typeof v === "string" && !v.startsWith("=") && v !== "" ? `'${v}` : v === "" ? null : v)),
      ),
    ]),
  );
  const hf: HyperFormula = workbook(data);
  return {
    written,
    value(sheet, row, column) {
      const id = hf.getSheetId(sheet);
      if (id === undefined) throw new Error(`no sheet ${sheet}`);
      const v = hf.getCellValue({ sheet: id, row: row - 1, col: column - 1 }) as unknown;
      if (v === null || v === undefined) return null;
      if (typeof v === "object") return String((v as { value?: unknown }).value ?? v);
      return v as number | string | boolean;
    },
  };
}

/** Whole pence, to compare a calculated double with an exact Decimal. */
export const pence = (v: Decimal | number | string | boolean | null): number | string | boolean | null =>
  v instanceof Decimal ? v.times(100).toDecimalPlaces(0).toNumber() : typeof v === "number" ? Math.round(v * 100) : v;

const calculated = (v: CalculatedValue): number | string | boolean | null =>
  v instanceof Decimal ? pence(v) : typeof v === "object" ? v.error : v;

/** Times as the marker and the Audit's Made line give them, which differ between the page and Node by the clock. */
const timeless = (text: string): string => text.replace(/\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?( UTC)?/g, "<time>");

export interface Mismatch {
  cell: string;
  planned: unknown;
  written: unknown;
}

/**
 * Every cell of a planned sheet against the written one: text as planned (times aside), each
 * formula as planned and its calculated value equal to the engine's (to the penny), each spilled
 * value too. Returns the cells that differ (none when the page wrote what the workbook layer plans).
 */
export function differences(sheetPlan: SheetPlan, name: string, book: Recalculated): Mismatch[] {
  const out: Mismatch[] = [];
  const grid = book.written[name] ?? [];
  const at = (r: number, c: number): string => `${name}!R${r}C${c}`;
  sheetPlan.rows.forEach((cells, i) => {
    const r = i + 1;
    (cells ?? []).forEach((cell, j) => {
      const c = j + 1;
      if (cell === undefined || cell === null) return;
      const written = grid[r - 1]?.[c - 1] ?? null;
      switch (cell.kind) {
        case "text":
          if (timeless(cell.text) !== timeless(String(written ?? "")))
            out.push({ cell: at(r, c), planned: cell.text, written });
          break;
        case "number":
          if (pence(cell.value) !== pence(book.value(name, r, c)))
            out.push({ cell: at(r, c), planned: cell.value.toString(), written: book.value(name, r, c) });
          break;
        case "formula": {
          const value = book.value(name, r, c);
          if (written !== cell.formula || calculated(cell.value) !== (typeof value === "number" ? pence(value) : value))
            out.push({ cell: at(r, c), planned: [cell.formula, String(cell.value)], written: [written, value] });
          break;
        }
        case "spill":
          if (written !== cell.formula) out.push({ cell: at(r, c), planned: cell.formula, written });
          cell.values.forEach((row, dr) =>
            row.forEach((v, dc) => {
              const value = book.value(name, r + dr, c + dc);
              if (calculated(v) !== (typeof value === "number" ? pence(value) : value))
                out.push({ cell: at(r + dr, c + dc), planned: String(v), written: value });
            }),
          );
          break;
      }
    });
  });
  return out;
}

/** The planned sheet with this name. */
export function plannedSheet(plan: Plan, name: string): SheetPlan {
  const sheet = plan.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`the plan has no sheet ${name}`);
  return sheet;
}
