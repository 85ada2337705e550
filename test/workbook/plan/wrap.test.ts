/**
 * Long text is not cut off (issue 18, printing): plain text longer than its column, where it cannot
 * run on into the next cells, wraps in its cell (style "wrapped": the writers give no row height,
 * so Excel and LibreOffice grow the row to fit); text that can run on, or fits, or has a look of
 * its own (headings, notes, section titles) is left as it was. On the sample, every such cell of
 * the output sheets and the statements either fits its column or wraps.
 */
import { Decimal } from "../../../src/engine";
import { SheetBuilder, wrappedLines } from "../../../src/workbook/plan/sheet";
import type { PlanCell, SheetPlan } from "../../../src/workbook/plan/types";
import { outcomeOf } from "../../../src/workbook/outcome";
import { prepareRun } from "../../../src/workbook/prepare";
import { readInputs } from "../../../src/workbook/read";
import { statementFiles } from "../../../src/workbook/statement/files";
import { sampleSheets } from "../../../src/sample/sample";

const LONG = "demand (quantity × unit cost), shared by each partner's units";

test("wraps long plain text only where the next cell stops it, or in the last column", () => {
  const b = new SheetBuilder("audit", "Audit");
  b.text(1, 1, LONG); // runs on into the empty B1
  b.text(2, 1, LONG);
  b.number(2, 2, new Decimal(5)); // B2 filled: A2 cannot run on
  b.text(3, 1, "short");
  b.number(3, 2, new Decimal(5));
  b.text(4, 1, LONG, "note"); // a look of its own
  b.text(4, 2, "x");
  b.text(5, 1, LONG, "header");
  b.text(5, 2, "x");
  b.text(6, 3, LONG); // the last column
  const sheet = b.build({ widths: [20, 10, 12] });
  const style = (r: number, c: number): string | undefined => (sheet.rows[r - 1][c - 1] as { style?: string }).style;
  expect([style(1, 1), style(2, 1), style(3, 1), style(4, 1), style(5, 1), style(6, 3)]).toEqual([
    undefined,
    "wrapped",
    undefined,
    "note",
    "header",
    "wrapped",
  ]);
  // The text itself is untouched.
  expect(sheet.rows[1][0]).toEqual({ kind: "text", text: LONG, style: "wrapped" });
});

/** Plain text cells that would be cut off: longer than the column, the next cell filled, not wrapped. */
function cutOff(sheet: SheetPlan): string[] {
  const widths = sheet.widths ?? [];
  const last = Math.max(widths.length, ...sheet.rows.map((r) => r.length)) - 1;
  const found: string[] = [];
  sheet.rows.forEach((row, r) =>
    row.forEach((cell: PlanCell | undefined, c) => {
      if (cell?.kind !== "text" || (cell.style !== undefined && cell.style !== "text")) return;
      if ((c === last || row[c + 1] !== undefined) && cell.text.length > (widths[c] ?? 8.43))
        found.push(`${sheet.name} R${r + 1}C${c + 1}: ${cell.text}`);
    }),
  );
  return found;
}

test("on the sample, no plain text of an output sheet or statement is cut off by the next cell, and some wraps", () => {
  const grids = sampleSheets().map((s) => ({ name: s.name, values: s.values }));
  const prepared = prepareRun(grids, [], { when: new Date(), source: "sample.xlsx" });
  const outcome = outcomeOf(readInputs(grids).inputs!).outcome!;
  const sheets = [
    ...prepared.plan!.sheets,
    ...statementFiles(outcome, { when: "x", source: "sample.xlsx" }).flatMap((f) => f.plan.sheets),
  ];
  expect(sheets.flatMap(cutOff)).toEqual([]);
  const wrapped = sheets.flatMap((s) => s.rows.flat().filter((c) => c?.kind === "text" && c.style === "wrapped"));
  expect(wrapped.length).toBeGreaterThan(10);
});

test("counts the lines wrapped text takes, words whole, and gives its row that height", () => {
  expect(wrappedLines("Transitional cost £", 15, true)).toBe(2);
  expect(wrappedLines("short", 15)).toBe(1);
  // Width 8 holds 8 characters a line (1.1 times): "a b c d", "e f g h", "i j k l", "m n o p".
  expect(wrappedLines("a b c d e f g h i j k l m n o p", 8)).toBe(4);
  expect(wrappedLines("Rules!D4 Rules!F4", 10)).toBe(2); // 11 a line: each reference on its own
  expect(wrappedLines("x".repeat(30), 10)).toBe(3); // one long word broken across lines: 11 a line
  expect(wrappedLines("one\ntwo", 20)).toBe(2); // a line break is a line
  const b = new SheetBuilder("audit", "Audit");
  b.headings(1, ["Service", "Partnership transitional cost £"]);
  b.text(2, 1, LONG);
  b.number(2, 2, new Decimal(1));
  b.text(3, 1, "fits");
  const sheet = b.build({ widths: [20, 15] });
  // Row 1: the heading takes three lines at 15 (bold: 15 a line); row 2: the wrapped text three at
  // 20 (22 a line); row 3 one (no height).
  expect(sheet.heights).toEqual([45, 45]);
  expect(sheet.heights?.[2]).toBeUndefined();
});
