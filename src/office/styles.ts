/**
 * The plan's looks (src/workbook/plan/looks.ts, shared with the .xlsx adapter) as Office.js applies
 * them: which styles need font, fill or border calls, and column widths in points.
 */
import { lookOf } from "../workbook/plan/looks";
import type { CellStyle } from "../workbook/plan/types";

export { GENERAL, LOOKS, MONEY_FORMAT, lookOf } from "../workbook/plan/looks";
export type { CellLook } from "../workbook/plan/looks";

/** True when a style needs more than its number format (a font, fill, border or wrap call). */
export function hasDecoration(style: CellStyle | undefined): boolean {
  const look = lookOf(style);
  return Boolean(
    look.bold ||
    look.italic ||
    look.size ||
    look.color ||
    look.fill ||
    look.borderTop ||
    look.borderBottom ||
    look.wrap,
  );
}

/**
 * A column width in characters (as the plan and Excel's Column Width dialog give it) in points, as
 * Range.format.columnWidth takes it. Excel counts characters of the default font's widest digit:
 * 7 pixels for Calibri 11, plus 5 pixels of cell padding (ECMA-376 §18.3.1.13), and a pixel is
 * 0.75 points at 96 DPI. So Excel's default 8.43 characters is 64 pixels, 48 points.
 */
export function columnWidthPoints(characters: number): number {
  return Math.round(characters * 7 + 5) * 0.75;
}
