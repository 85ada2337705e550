/**
 * Any grid at all (issue 15, "Beyond the cases above"): for each input sheet, random cells of the
 * valid workbook are replaced with any mix of numbers (huge, tiny, negative, not finite), text,
 * dates, booleans, Excel errors, blanks and formulas with no saved value, some number formats and
 * merged ranges. Reading never throws: it gives a list of problems, each naming its sheet with a
 * plain message. And a grid with no error gives figures that add up exactly, every one to the
 * penny and under the ceiling on amounts. Before the fixes of issue 15, dates and 1e300 went
 * through as figures, breaking the last two.
 */
import fc from "fast-check";
import { Decimal } from "../../../src/engine";
import { outcomeOf } from "../../../src/workbook/outcome";
import type { CellRange, CellValue, SheetGrid } from "../../../src/workbook/grid";
import { readInputs } from "../../../src/workbook/read";
import { MAX_AMOUNT } from "../../../src/workbook/read/cells";
import { HF, KC, LIB, WCC, YOS, grids, validSheets } from "./workbook";

const value: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -1000, max: 2_000_000 }),
  fc.double({ min: -1e6, max: 1e7 }),
  fc.double(), // any double: NaN, ±Infinity, 5e-324, 1.7e308
  fc.constantFrom(1e12, 1e20, 1e300, -1e300, 1e-300, 999_999_999_999.99, 0.1 + 0.2, 40634, 0.5, 1.5, 12),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(HF, KC, WCC, YOS, LIB, "Total", "2011/12", "9998/99", "2013-14", "10%, 45%, 45%", "20%", "-5%"),
  fc.constantFrom("demand", "equal", "FTE", "budget", "Population", "September", "Yes", "share now", "non-cashable"),
  fc.constantFrom("Partner", "Service", "Baseline", "Baseline £m", "Baseline £000", "New cost", "Quantity", "Year"),
  fc.constantFrom("#REF!", "#DIV/0!", "#N/A", "#VALUE!").map((error) => ({ error })),
  fc.constantFrom("=A1*2", "=SUM(B2:B9)").map((formula) => ({ formula })),
);

const FORMATS = ["General", "0%", "0.00%", "d mmm yyyy", "dd/mm/yyyy hh:mm", "#,##0", '"£"#,##0.00', "[h]:mm"];

interface Change {
  row: number;
  column: number;
  value: CellValue;
  format: string;
}

const change: fc.Arbitrary<Change> = fc.record({
  row: fc.integer({ min: 1, max: 6 }),
  column: fc.integer({ min: 1, max: 14 }),
  value,
  format: fc.constantFrom(...FORMATS),
});

const merge: fc.Arbitrary<CellRange> = fc
  .record({
    top: fc.integer({ min: 1, max: 5 }),
    left: fc.integer({ min: 1, max: 12 }),
    height: fc.integer({ min: 0, max: 2 }),
    width: fc.integer({ min: 0, max: 2 }),
  })
  .map(({ top, left, height, width }) => ({ top, left, bottom: top + height, right: left + width }));

/** The valid workbook with `changes` made to one sheet (a merge clears the cells it covers but its first). */
function changed(sheet: string, changes: Change[], merges: CellRange[]): SheetGrid[] {
  const out = grids(structuredClone(validSheets()));
  const grid = out.find((g) => g.name === sheet) as SheetGrid;
  for (const c of changes) {
    while (grid.values.length < c.row) grid.values.push([]);
    const row = grid.values[c.row - 1];
    while (row.length < c.column) row.push(null);
    row[c.column - 1] = c.value;
    if (c.format !== "General" && typeof c.value === "number") {
      grid.formats ??= [];
      (grid.formats[c.row - 1] ??= [])[c.column - 1] = c.format;
    }
  }
  for (const m of merges)
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++)
        if ((r !== m.top || c !== m.left) && grid.values[r - 1]?.[c - 1] !== undefined)
          grid.values[r - 1][c - 1] = null;
  if (merges.length > 0) grid.merges = merges;
  return out;
}

const penny = (d: Decimal): boolean => d.decimalPlaces() <= 2;
const sum = (ds: Decimal[]): Decimal => ds.reduce((a, b) => a.plus(b), new Decimal(0));

describe.each(["Budget", "Rules", "FTE", "Drivers", "Tracker"])("random cells on the %s sheet", (sheet) => {
  test("reading gives a list of problems, never an exception; with no error, every figure adds up to the penny", () => {
    let figured = 0; // runs that reached the figures, so the second half is exercised
    fc.assert(
      fc.property(
        fc.array(change, { minLength: 1, maxLength: 8 }),
        fc.array(merge, { maxLength: 2 }),
        (changes, merges) => {
          const result = readInputs(changed(sheet, changes, merges));
          for (const p of result.problems) {
            expect(typeof p.sheet).toBe("string");
            expect(p.message.length).toBeGreaterThan(0);
            // Plain words only: no leaked object, missing value or library text.
            expect(`${p.message} ${p.fix}`).not.toMatch(/undefined|\[object|NaN|Error:|\bat .*:\d+/);
          }
          if (result.problems.some((p) => p.severity === "error")) {
            expect(result.inputs).toBeUndefined();
            return;
          }
          expect(result.inputs).toBeDefined();
          const { outcome } = outcomeOf(result.inputs!);
          if (outcome === undefined) return; // the engine's own problems, each a Problem
          figured++;
          for (const s of outcome.services) {
            const amounts = [s.totalBaseline, s.combinedCost, s.gainShare, s.transitional, s.saving];
            expect(amounts.every(penny)).toBe(true);
            expect(s.totalBaseline.abs().lessThan(MAX_AMOUNT.times(100))).toBe(true);
            expect(sum(s.partners.map((p) => p.baseline)).equals(s.totalBaseline)).toBe(true);
            expect(sum(s.partners.map((p) => p.costShare)).equals(s.combinedCost)).toBe(true);
            expect(sum(s.partners.map((p) => p.gainShare)).equals(s.gainShare)).toBe(true);
            expect(sum(s.partners.map((p) => p.transitional)).equals(s.transitional)).toBe(true);
            for (const p of s.partners) {
              expect([p.costShare, p.gainShare, p.saving, p.transitional].every(penny)).toBe(true);
              expect(p.saving.equals(p.baseline.minus(p.costShare).minus(p.gainShare))).toBe(true);
            }
          }
        },
      ),
      { numRuns: 150, seed: 15 },
    );
    expect(figured).toBeGreaterThan(0);
  });
});
