/**
 * How each CellStyle of the plan looks, in one table both adapters translate (Office.js range
 * formats, ExcelJS cell styles), so a sheet looks the same written either way.
 */
import type { CellStyle } from "./types";

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
  /** Wrap text in the cell (long column headings, text too long for its column). */
  wrap?: boolean;
}

export const GENERAL = "General";
export const MONEY_FORMAT = "#,##0.00";

export const LOOKS: Readonly<Record<CellStyle, CellLook>> = {
  title: { numberFormat: GENERAL, bold: true, size: 14 },
  marker: { numberFormat: GENERAL, italic: true, color: "#808080" },
  header: { numberFormat: GENERAL, bold: true, borderBottom: true, wrap: true },
  section: { numberFormat: GENERAL, bold: true, size: 12 },
  text: { numberFormat: GENERAL },
  wrapped: { numberFormat: GENERAL, wrap: true },
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
