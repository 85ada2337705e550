/** Figures as text: one wording for pounds, percentages, months and Excel dates. */
import { Decimal } from "../../src/engine";
import { MONTH_NAMES, excelDate, grouped, percentText, pounds, poundsText } from "../../src/workbook/format";

const d = (s: string): Decimal => new Decimal(s);

test("pounds and pence, a negative amount's sign before the £ (the Audit sheet's own minus where asked)", () => {
  expect(pounds(d("109798000"))).toBe("£109,798,000.00");
  expect(pounds(d("999.5"))).toBe("£999.50");
  expect(pounds(d("-1234.5"))).toBe("-£1,234.50");
  expect(pounds(d("-1234.5"), "−")).toBe("−£1,234.50");
  expect(pounds(d("-0"))).toBe("£0.00");
});

test("every digit an amount has, for messages about fractions of a penny", () => {
  expect(poundsText(d("1234567.891"))).toBe("£1,234,567.891");
  expect(poundsText(d("-12"))).toBe("-£12");
  expect(grouped(d("1650000"))).toBe("1,650,000");
  expect(grouped(d("-1650000.5"))).toBe("-1,650,000.5");
});

test("percentages with every digit, months by name, Excel's date serials", () => {
  expect(percentText(d("0.45"))).toBe("45%");
  expect(percentText(d("0.125"))).toBe("12.5%");
  expect(MONTH_NAMES[8]).toBe("September");
  expect(excelDate(40787).toISOString().slice(0, 10)).toBe("2011-09-01");
  expect(excelDate(61).toISOString().slice(0, 10)).toBe("1900-03-01");
});
