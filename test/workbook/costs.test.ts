/**
 * Costs visited on their cause (RULES.md §2, `003` ch. 11: TUPE burdens carried in a contract are
 * visited "only on the borough or boroughs which give rise to them"), from the Costs sheet to the
 * Attribution sheet: the worked example on the Youth Offending Service's figures, the sheet's live
 * formulas, and a property that the cost lines' shares add up to each partner's cost share and
 * those to the service's combined cost, exactly.
 */
import fc from "fast-check";
import { Decimal, ZERO } from "../../src/engine";
import type { CellValue, SheetGrid } from "../../src/workbook/grid";
import { outcomeOf } from "../../src/workbook/outcome";
import type { PlanCell, SheetPlan } from "../../src/workbook/plan";
import { readInputs } from "../../src/workbook/read";
import { HF, KC, WM, YOS, grid, pounds, run, sheetOf, yosBudget, yosDrivers } from "./yos";

/**
 * The Youth Offending Service of `003` ch. 9(a): original net budgets £677k (H&F), £676k (K&C),
 * £728k (Westminster), a combined service of £1,650k split by demand so that each borough's cost
 * share is its revised budget, £607k / £596k / £447k (the report prints H&F's saving as £71k; its
 * own figures give 677 − 607 = 70). The report prints no TUPE figure, so the burden here is
 * illustrative: £20,860 carried in the contract for K&C's and Westminster's former in-house staff,
 * Hammersmith & Fulham having none (chosen as 20 × (596 + 447) so the split is whole pounds).
 */
function yosBook(costs: CellValue[][], newCost: CellValue = null): SheetGrid[] {
  return [
    yosBudget(),
    grid("Rules", [
      ["Service", "Basis", "New cost", "Transitional cost", "First year"],
      [YOS, "demand", newCost, 100000, "2011/12"],
    ]),
    yosDrivers(),
    grid("Costs", [["Service", "Line", "Amount", "Partners"], ...costs]),
  ];
}

const cellAt = (sheet: SheetPlan, row: number, column: number): PlanCell | undefined =>
  sheet.rows[row - 1]?.[column - 1];
const cell = (sheet: SheetPlan, address: string): PlanCell | undefined => {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  return cellAt(sheet, Number(m[2]), m[1].charCodeAt(0) - 64);
};
const formulaOf = (c: PlanCell | undefined): string | undefined =>
  c && (c.kind === "formula" || c.kind === "spill") ? c.formula : undefined;
const valueOf = (c: PlanCell | undefined): Decimal => {
  if (c?.kind === "number") return c.value;
  if (c?.kind === "formula" && c.value instanceof Decimal) return c.value;
  throw new Error(`not a number cell: ${JSON.stringify(c)}`);
};

describe("a TUPE burden borne by the boroughs that gave rise to it: the Youth Offending Service", () => {
  const { outcome, plan } = run(
    yosBook([
      [YOS, "Contract: the combined service", 1650000, null],
      [YOS, "TUPE burden of in-house staff", 20860, `${KC}; ${WM}`],
    ]),
  );
  const s = outcome.services[0];

  test("the contract is split by demand among all three, the TUPE burden between K&C and Westminster alone", () => {
    const [contract, tupe] = s.costLines!;
    // 1,650,000 / 1,650 = 1,000 a unit of demand: the report's revised budgets.
    expect(pounds(contract.parts)).toEqual(["607000.00", "596000.00", "447000.00"]);
    // 20,860 / (596 + 447) = 20 a unit: 11,920 and 8,940; nothing for Hammersmith & Fulham.
    expect(tupe.bears).toEqual([false, true, true]);
    expect(pounds(tupe.parts)).toEqual(["0.00", "11920.00", "8940.00"]);
  });

  test("each borough's cost share is the sum of its lines; H&F's saving is what it was without the burden", () => {
    expect(s.combinedCost.toFixed(2)).toBe("1670860.00");
    expect(pounds(s.partners.map((p) => p.costShare))).toEqual(["607000.00", "607920.00", "455940.00"]);
    expect(pounds(s.partners.map((p) => p.saving))).toEqual(["70000.00", "68080.00", "272060.00"]);
    // Without the Costs sheet the same £1,670,860 would fall on all three by demand, H&F included.
    const [budget, rules, drivers] = yosBook([]);
    const plain = run([budget, grid("Rules", [rules.values[0], [YOS, "demand", 1670860, 100000, "2011/12"]]), drivers])
      .outcome.services[0];
    expect(plain.partners[0].costShare.greaterThan(s.partners[0].costShare)).toBe(true);
    // 1,670,860 × 607 / 1,650 = 614,673.95 (to the penny) against 607,000.
    expect(plain.partners[0].costShare.minus(s.partners[0].costShare).toFixed(2)).toBe("7673.95");
  });

  test("the transitional cost follows the net reductions that the lines give", () => {
    // Net reductions 70,000 / 68,080 / 272,060 (410,140 in all): 17,067.342…, 16,599.210…, 66,333.447…;
    // the pennies floored add up to 99,999.99, and the leftover penny goes to the largest remainder (Westminster).
    expect(pounds(s.partners.map((p) => p.transitional))).toEqual(["17067.34", "16599.21", "66333.45"]);
    expect(s.partners.reduce((a, p) => a.plus(p.transitional), ZERO).toFixed(2)).toBe("100000.00");
  });

  test("the Attribution sheet shows the lines with live SHARED.APPORTION formulas over the Costs cells", () => {
    const sheet = sheetOf(plan, "attribution");
    // Partners in rows 6–8, the total row 9, the cost lines section from row 11.
    expect(cellAt(sheet, 11, 1)).toMatchObject({ kind: "text" });
    expect(cell(sheet, "C13")).toMatchObject({ kind: "text", text: "Amount" });
    expect(cell(sheet, "D12")).toMatchObject({ kind: "text", text: "Contract: the combined service" });
    expect(cell(sheet, "E12")).toMatchObject({ kind: "text", text: "TUPE burden of in-house staff" });
    expect(formulaOf(cell(sheet, "D13"))).toBe("=Costs!C2");
    expect(formulaOf(cell(sheet, "E13"))).toBe("=Costs!C3");
    // Bears the line: 1 or 0 per partner (rows 14–16); the parts (rows 17–19) by APPORTION with them as its include.
    expect([14, 15, 16].map((r) => valueOf(cellAt(sheet, r, 5)).toString())).toEqual(["0", "1", "1"]);
    expect(formulaOf(cell(sheet, "E17"))).toBe("=SHARED.APPORTION(E13,$E$6:$E$8,E14:E16)");
    expect(formulaOf(cell(sheet, "D17"))).toBe("=SHARED.APPORTION(D13,$E$6:$E$8,D14:D16)");
    // Each partner's cost share adds up its parts; the total row's combined cost adds up the lines.
    expect(formulaOf(cell(sheet, "I6"))).toBe("=SUM(D17:E17)");
    expect(formulaOf(cell(sheet, "I8"))).toBe("=SUM(D19:E19)");
    expect(formulaOf(cell(sheet, "I9"))).toBe("=SUM(D13:E13)");
    expect(valueOf(cell(sheet, "I7")).toFixed(2)).toBe("607920.00");
  });

  test("a New cost that agrees with the lines is accepted, and the Audit names the lines' cells", () => {
    const agreed = run(
      yosBook(
        [
          [YOS, "Contract", 1650000, null],
          [YOS, "TUPE burden", 20860, `${KC}; ${WM}`],
        ],
        1670860,
      ),
    );
    expect(pounds(agreed.outcome.services[0].partners.map((p) => p.costShare))).toEqual(
      pounds(s.partners.map((p) => p.costShare)),
    );
    const audit = sheetOf(agreed.plan, "audit");
    const texts = audit.rows.flat().flatMap((c) => (c?.kind === "text" ? [c.text] : []));
    expect(texts).toContain("2 cost lines, Costs!C2, Costs!C3 (agreeing with the new cost, Rules!C2)");
    expect(texts).toContain('Cost line "TUPE burden"');
  });
});

describe("cost lines: property", () => {
  const partners = [HF, KC, WM];
  test("the lines' shares add up to each partner's cost share, and those to the combined cost, exactly", () => {
    const line = fc.record({
      pence: fc.integer({ min: -5_000_000_00, max: 50_000_000_00 }),
      bearers: fc.subarray(partners, { minLength: 1 }),
      all: fc.boolean(),
    });
    let split = 0;
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 6 }),
        fc.tuple(
          fc.integer({ min: 1, max: 10_000 }),
          fc.integer({ min: 0, max: 10_000 }),
          fc.integer({ min: 0, max: 10_000 }),
        ),
        (lines, quantities) => {
          const book = yosBook(
            lines.map((l, i) => [YOS, `Line ${i + 1}`, l.pence / 100, l.all ? null : l.bearers.join(", ")]),
          );
          // No transitional cost: lines costing more than the baselines leave no net reduction to share it by.
          book[1] = grid("Rules", [
            ["Service", "Basis", "New cost", "First year"],
            [YOS, "demand", null, "2011/12"],
          ]);
          book[2] = grid("Drivers", [
            ["Service", "Partner", "Quantity"],
            ...partners.map((p, i) => [YOS, p, quantities[i]]),
          ]);
          const read = readInputs(book);
          const { outcome } = outcomeOf(read.inputs!);
          // A line whose bearers all have zero demand cannot be split: an error at its cell, not a figure.
          if (outcome === undefined) return;
          split++;
          const s = outcome.services[0];
          const total = lines.reduce((a, l) => a.plus(new Decimal(l.pence).dividedBy(100)), ZERO);
          expect(s.combinedCost.equals(total)).toBe(true);
          s.partners.forEach((p, k) => {
            const parts = s.costLines!.reduce((a, l) => a.plus(l.parts[k]), ZERO);
            expect(parts.equals(p.costShare)).toBe(true);
          });
          s.costLines!.forEach((l, i) => {
            expect(l.parts.reduce((a, x) => a.plus(x), ZERO).equals(new Decimal(lines[i].pence).dividedBy(100))).toBe(
              true,
            );
            l.parts.forEach((x, k) => {
              if (!l.bears[k]) expect(x.isZero()).toBe(true);
            });
          });
          expect(s.partners.reduce((a, p) => a.plus(p.costShare), ZERO).equals(s.combinedCost)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
    // Nearly every run splits (only a line whose bearers all have no demand cannot): the property is not vacuous.
    expect(split).toBeGreaterThan(140);
  });
});
