/**
 * Figures as text, the one place they are worded: pounds, grouped numbers, percentages, month
 * names and Excel's date serial numbers. The sheets format their own numbers (#,##0.00); these are
 * for messages, notes and the task pane. Pure: no Office import.
 */
import type { Decimal } from "../engine";

/** "1234567.891" → "1,234,567.891": commas between thousands of the whole part. */
const withCommas = (digits: string): string => {
  const [whole, fraction] = digits.split(".");
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${fraction === undefined ? "" : `.${fraction}`}`;
};

const sign = (d: Decimal, minus: string): string => (d.isNegative() && !d.isZero() ? minus : "");

/** "1,650,000" or "-1,650,000.5": with every decimal the number has. */
export function grouped(d: Decimal): string {
  return `${sign(d, "-")}${withCommas(d.abs().toFixed())}`;
}

/** "£1,234,567.891": an amount as a message shows it, with every digit it has. */
export function poundsText(d: Decimal): string {
  return `${sign(d, "-")}£${withCommas(d.abs().toFixed())}`;
}

/**
 * "£1,234.50", "-£1,234.50": pounds and pence, as the sheets' #,##0.00 shows them. `minus` is
 * what goes before the £ of a negative amount ("−" on the Audit sheet, as it has always written it).
 */
export function pounds(d: Decimal, minus = "-"): string {
  return `${sign(d, minus)}£${withCommas(d.abs().toFixed(2))}`;
}

/** 0.45 → "45%", 0.125 → "12.5%": a fraction as a percentage, with every digit it has. */
export const percentText = (fraction: Decimal): string => `${fraction.times(100).toString()}%`;

/** January … December; MONTH_NAMES[0] is January (month 1). */
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/** An Excel date serial (1900 date system) as a UTC date. Serials from 61 (1 March 1900) on. */
export const excelDate = (serial: number): Date => new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
