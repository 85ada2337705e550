/**
 * The plan's looks (src/workbook/plan/looks.ts, shared with the Office.js adapter) as ExcelJS
 * styles. One object per style, shared by every cell that uses it.
 */
import type ExcelJS from "exceljs";
import { CellLook, GENERAL, LOOKS } from "../workbook/plan/looks";
import type { CellStyle } from "../workbook/plan/types";

const thin: Partial<ExcelJS.Border> = { style: "thin" };
const argb = (hex: string): string => `FF${hex.slice(1).toUpperCase()}`;

function excelJsStyle(look: CellLook): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {};
  if (look.numberFormat !== GENERAL) style.numFmt = look.numberFormat;
  const font: Partial<ExcelJS.Font> = {};
  if (look.bold) font.bold = true;
  if (look.italic) font.italic = true;
  if (look.size) font.size = look.size;
  if (look.color) font.color = { argb: argb(look.color) };
  if (Object.keys(font).length > 0) style.font = font;
  if (look.fill) style.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(look.fill) } };
  if (look.borderTop || look.borderBottom)
    style.border = { ...(look.borderTop ? { top: thin } : {}), ...(look.borderBottom ? { bottom: thin } : {}) };
  if (look.wrap) style.alignment = { wrapText: true, vertical: "bottom" };
  return style;
}

export const STYLES = Object.fromEntries(
  Object.entries(LOOKS).map(([name, look]) => [name, excelJsStyle(look)]),
) as Record<CellStyle, Partial<ExcelJS.Style>>;
