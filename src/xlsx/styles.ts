/** The plan's cell styles as ExcelJS styles. One object per style, shared by every cell that uses it. */
import type ExcelJS from "exceljs";
import type { CellStyle } from "../workbook/plan/types";

const MONEY = "#,##0.00;-#,##0.00";
const thin: Partial<ExcelJS.Border> = { style: "thin" };

/** Excel's own Good / Neutral / Bad cell-style colours, which finance teams read as green / amber / red. */
function rag(fill: string, font: string): Partial<ExcelJS.Style> {
  return {
    fill: { type: "pattern", pattern: "solid", fgColor: { argb: fill } },
    font: { color: { argb: font } },
  };
}

export const STYLES: Record<CellStyle, Partial<ExcelJS.Style>> = {
  title: { font: { bold: true, size: 14 } },
  marker: { font: { italic: true, color: { argb: "FF808080" } } },
  header: { font: { bold: true }, border: { bottom: thin }, alignment: { wrapText: true, vertical: "bottom" } },
  text: {},
  money: { numFmt: MONEY },
  total: { numFmt: MONEY, font: { bold: true }, border: { top: thin } },
  percent: { numFmt: "0.00%" },
  share: { numFmt: "0.0000%" },
  number: {}, // General: #,##0.#### would show a whole number with a trailing point ("5.")
  note: { font: { italic: true } },
  good: rag("FFC6EFCE", "FF006100"),
  warn: rag("FFFFEB9C", "FF9C5700"),
  bad: rag("FFFFC7CE", "FF9C0006"),
};
