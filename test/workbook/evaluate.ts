/**
 * Evaluates a written .xlsx in HyperFormula with the SHARED functions registered, as Excel would
 * once the add-in has loaded: the formulas as the file stores them (_xldudf_SHARED_X(...) read
 * back as SHARED.X(...)), each spilling formula's area left empty for it to fill. Returns, for
 * every formula cell, the value stored in the file beside the value HyperFormula calculates.
 */
import ExcelJS from "exceljs";
import type { HyperFormula } from "hyperformula";
import { columnLetters } from "../../src/workbook/a1";
import { registerSharedFunctions, workbook } from "../functions/hyperformula";

export interface Recalculated {
  sheet: string;
  address: string;
  formula: string;
  stored: unknown;
  calculated: unknown;
}

// ExcelJS reads a formula's cached 0 or "" back as no result (undefined); test/xlsx checks the
// cached values in the file's XML itself.
type Formula = { formula?: string; sharedFormula?: string; result?: unknown; ref?: string; shareType?: string };

const fromFile = (formula: string): string => `=${formula.replace(/_xldudf_SHARED_([A-Z]+)\(/g, "SHARED.$1(")}`;

function plain(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "object" && "richText" in value) return value.richText.map((t) => t.text).join("");
  if (typeof value === "object" && "error" in value) return value.error;
  return value;
}

export async function recalculate(
  bytes: Buffer | Uint8Array,
  sheets: readonly string[],
): Promise<{ results: Recalculated[]; hf: HyperFormula }> {
  await registerSharedFunctions();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const data: Record<string, unknown[][]> = {};
  const formulas: { sheet: string; row: number; column: number; formula: string; stored: unknown }[] = [];
  book.eachSheet((ws) => {
    const rows: unknown[][] = [];
    const spilled = new Set<string>();
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const v = cell.value as ExcelJS.CellValue;
        (rows[r - 1] ??= [])[c - 1] = plain(v);
        if (typeof v === "object" && v !== null && "formula" in (v as object)) {
          const f = v as Formula;
          rows[r - 1][c - 1] = fromFile(f.formula!);
          if (sheets.includes(ws.name))
            formulas.push({ sheet: ws.name, row: r, column: c, formula: f.formula!, stored: f.result });
          if (f.shareType === "array" && f.ref) {
            const [from, to = from] = f.ref.split(":").map((a) => ws.getCell(a));
            for (let rr = Number(from.row); rr <= Number(to.row); rr++)
              for (let cc = Number(from.col); cc <= Number(to.col); cc++)
                if (rr !== r || cc !== c) spilled.add(`${rr},${cc}`);
          }
        }
      });
    });
    for (const key of spilled) {
      const [r, c] = key.split(",").map(Number);
      if (sheets.includes(ws.name))
        formulas.push({
          sheet: ws.name,
          row: r,
          column: c,
          formula: "(spilled)",
          stored: plain(ws.getCell(r, c).value),
        });
      rows[r - 1][c - 1] = null;
    }
    data[ws.name] = Array.from(rows, (row) => Array.from(row ?? [], (v) => (v === undefined ? null : v)));
  });
  const hf = workbook(data);
  const results = formulas.map((f) => {
    const sheet = hf.getSheetId(f.sheet)!;
    const calculated = hf.getCellValue({ sheet, row: f.row - 1, col: f.column - 1 });
    return {
      sheet: f.sheet,
      address: `${f.sheet}!${columnLetters(f.column)}${f.row}`,
      formula: f.formula,
      stored: f.stored,
      calculated,
    };
  });
  return { results, hf };
}
