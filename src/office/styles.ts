/**
 * How each CellStyle of the plan looks in Excel: a number format for every cell, and font, fill and
 * borders for the styles that have them. Kept apart from the writer so the .xlsx adapter's look can
 * be checked against the same table.
 */
import type { CellStyle } from "../workbook/plan/types";

export interface CellLook {
  numberFormat: string;
  bold?: boolean;
  italic?: boolean;
  /** Font size in points. */
  size?: number;
  /** Font colour, #RRGGBB. */
  color?: string;
  /** Fill colour, #RRGGBB. */
  fill?: string;
  borderTop?: boolean;
  borderBottom?: boolean;
}

export const GENERAL = "General";
export const MONEY_FORMAT = "#,##0.00";

export const LOOKS: Readonly<Record<CellStyle, CellLook>> = {
  title: { numberFormat: GENERAL, bold: true, size: 14 },
  marker: { numberFormat: GENERAL, italic: true, color: "#808080" },
  header: { numberFormat: GENERAL, bold: true, borderBottom: true },
  text: { numberFormat: GENERAL },
  money: { numberFormat: MONEY_FORMAT },
  total: { numberFormat: MONEY_FORMAT, bold: true, borderTop: true },
  percent: { numberFormat: "0.00%" },
  share: { numberFormat: "0.0000%" },
  // General, not #,##0.####, which shows a whole number with a trailing point ("5.").
  number: { numberFormat: GENERAL },
  note: { numberFormat: GENERAL, italic: true },
  // Excel's own Good / Neutral / Bad cell styles, so RAG reads as finance teams expect.
  good: { numberFormat: GENERAL, color: "#006100", fill: "#C6EFCE" },
  warn: { numberFormat: GENERAL, color: "#9C5700", fill: "#FFEB9C" },
  bad: { numberFormat: GENERAL, color: "#9C0006", fill: "#FFC7CE" },
};

/** The look of a style, or of an unstyled cell. */
export function lookOf(style: CellStyle | undefined): CellLook {
  return style ? LOOKS[style] : LOOKS.text;
}

/** True when a style needs more than its number format (a font, fill or border call). */
export function hasDecoration(style: CellStyle | undefined): boolean {
  const look = lookOf(style);
  return Boolean(
    look.bold || look.italic || look.size || look.color || look.fill || look.borderTop || look.borderBottom,
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
