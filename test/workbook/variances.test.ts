/**
 * In-year variances from the Variances sheet to the Variance shares sheet (RULES.md §3, `003`
 * ch. 11): the worked example on the Youth Offending Service's figures, the sheet's live formulas,
 * and a property that every variance's shares add up to it and its adjustments to zero, and that
 * each year's totals by partner add up to that year's variances.
 */
import fc from "fast-check";
import { Decimal, ZERO, formatYear } from "../../src/engine";
import type { CellValue, SheetGrid } from "../../src/workbook/grid";
import { outcomeOf } from "../../src/workbook/outcome";
import type { PlanCell, SheetPlan } from "../../src/workbook/plan";
import { readInputs } from "../../src/workbook/read";
import { HF, KC, WM, YOS, grid, pounds, run, sheetOf, yosBudget, yosDrivers } from "./yos";
import { where } from "./read/workbook";

/**
 * The Youth Offending Service of `003` ch. 9(a): original net budgets £677k (H&F), £676k (K&C),
 * £728k (Westminster), a combined service of £1,650k, split by demand so that each borough's cost
 * share is its revised budget, £607k / £596k / £447k. (The report's savings table prints H&F's
 * saving as £71k and the total as £432k; its own figures give 677 − 607 = 70 and 431.) Ch. 11
 * sets the variance rules but prints no variance, so the variances here are illustrative.
 */
function yosBook(variances: CellValue[][]): SheetGrid[] {
  return [
    yosBudget(),
    grid("Rules", [
      ["Service", "Basis", "New cost", "First year", "Host", "Variance policy"],
      [YOS, "demand", 1650000, "2011/12", HF, "host bears"],
    ]),
    yosDrivers(),
    grid("Variances", [["Service", "Year", "Cause", "Amount", "Partner", "Note"], ...variances]),
  ];
}

const cell = (sheet: SheetPlan, address: string): PlanCell | undefined => {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  return sheet.rows[Number(m[2]) - 1]?.[m[1].charCodeAt(0) - 65];
};

describe("in-year variances by cause: the Youth Offending Service", () => {
  const { outcome, plan } = run(
    yosBook([
      [YOS, "2011/12", "host indirect cost", 10000, null, "Accommodation"],
      [YOS, "2011/12", "specification change", 25000, KC, "K&C's extended hours"],
      [YOS, "2012/13", "demand", -16500, null, "Fewer referrals"],
    ]),
  );
  const v = outcome.variances!;

  test("the expected costs are the cost shares: the report's revised budgets", () => {
    expect(pounds(outcome.services[0].partners.map((p) => p.costShare))).toEqual([
      "607000.00",
      "596000.00",
      "447000.00",
    ]);
  });

  test("a host's accommodation overspend under host bears: the host pays now, the others' shares go on next year's calls", () => {
    const host = v.items[0];
    expect(host.cause).toBe("indirect-host");
    expect(pounds(host.lines.map((l) => l.inYear))).toEqual(["10000.00", "0.00", "0.00"]);
    // 10,000 by 607 / 596 / 447 is 3,678.79 / 3,612.12 / 2,709.09; the host recovers the others'.
    expect(pounds(host.lines.map((l) => l.nextYear))).toEqual(["-6321.21", "3612.12", "2709.09"]);
    expect(host.lines.reduce((a, l) => a.plus(l.nextYear), ZERO).toString()).toBe("0");
    expect(pounds(host.lines.map((l) => l.total))).toEqual(["3678.79", "3612.12", "2709.09"]);
    expect(host.nextYear).toBe("2012/13");
  });

  test("a specification change borne by the borough that asked for it", () => {
    expect(pounds(v.items[1].lines.map((l) => l.inYear))).toEqual(["0.00", "25000.00", "0.00"]);
    expect(v.items[1].responsible).toBe(1);
  });

  test("an underspend from demand, shared by expected costs", () => {
    expect(pounds(v.items[2].lines.map((l) => l.inYear))).toEqual(["-6070.00", "-5960.00", "-4470.00"]);
  });

  test("each partner's totals by year count the adjustments in the year after", () => {
    expect(v.years).toEqual(["2011/12", "2012/13"]);
    expect(v.totals.map((t) => [t.partner, ...pounds(t.byYear), t.total.toFixed(2)])).toEqual([
      [HF, "10000.00", "-12391.21", "-2391.21"],
      [KC, "25000.00", "-2347.88", "22652.12"],
      [WM, "0.00", "-1760.91", "-1760.91"],
    ]);
  });

  test("the Variance shares sheet: live SHARED.VARIANCE formulas over the Attribution and Variances cells", () => {
    expect(plan.sheets.map((s) => s.name)).toEqual(["Attribution", "Savings profile", "Variance shares", "Audit"]);
    const sheet = sheetOf(plan, "variances");
    expect(cell(sheet, "A2")).toMatchObject({ kind: "text", text: expect.stringContaining("(variances)") });
    expect(cell(sheet, "E6")).toMatchObject({ kind: "formula", formula: "=Attribution!I6" });
    expect(cell(sheet, "F6")).toMatchObject({
      kind: "spill",
      formula: '=SHARED.VARIANCE(F9,E6:E8,"indirect-host",1)',
    });
    expect(cell(sheet, "H6")).toMatchObject({
      kind: "spill",
      formula: '=SHARED.VARIANCE(F9,E6:E8,"indirect-host",1,"next-year")',
    });
    expect(cell(sheet, "F9")).toMatchObject({ kind: "formula", formula: "=Variances!D2" });
    expect(cell(sheet, "F11")).toMatchObject({
      kind: "spill",
      formula: '=SHARED.VARIANCE(F14,E11:E13,"specification",2)',
    });
    expect(cell(sheet, "F16")).toMatchObject({ kind: "spill", formula: '=SHARED.VARIANCE(F19,E16:E18,"demand")' });
    // No adjustment year where nothing is adjusted.
    expect(cell(sheet, "G11")).toBeUndefined();
    expect(cell(sheet, "J14")).toMatchObject({ kind: "text", text: "K&C's extended hours" });
  });

  test("under share now the host's indirect cost is shared at once, with no adjustment", () => {
    const book = yosBook([[YOS, "2011/12", "indirect", 10000, null, null]]);
    book[1].values[1][5] = "share now";
    const shared = run(book).outcome.variances!.items[0];
    expect(shared.cause).toBe("indirect-shared");
    expect(pounds(shared.lines.map((l) => l.inYear))).toEqual(["3678.79", "3612.12", "2709.09"]);
    expect(pounds(shared.lines.map((l) => l.nextYear))).toEqual(["0.00", "0.00", "0.00"]);
  });

  test("with no Variances sheet there is no Variance shares sheet", () => {
    const { plan: without } = run(yosBook([]).filter((g) => g.name !== "Variances"));
    expect(without.sheets.map((s) => s.role)).not.toContain("variances");
  });
});

describe("property: every variance's shares add up to it, its adjustments to zero, each year's totals to its variances", () => {
  const partnerNames = ["Barnet", "Camden", "Enfield", "Haringey", "Islington"];
  const causes = ["demand", "quality", "direct cost", "specification change", "host indirect cost"] as const;
  test("for random demand, costs and variances", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 1, max: 99_999_999 }),
        fc.boolean(),
        fc.array(
          fc.record({
            cause: fc.constantFrom(...causes),
            pence: fc.integer({ min: -9_999_999_99, max: 9_999_999_99 }),
            partner: fc.nat(4),
            year: fc.integer({ min: 2011, max: 2014 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (count, quantities, cost, shareNow, entries) => {
          const partners = partnerNames.slice(0, count);
          const q = quantities.slice(0, count);
          if (!q.some((x) => x > 0)) q[0] = 1;
          const book = [
            grid("Budget", [["Partner", "Service", "Baseline"], ...partners.map((p) => [p, "Legal", 1_000_000])]),
            grid("Rules", [
              ["Service", "Basis", "New cost", "First year", "Host", "Variance policy"],
              ["Legal", "demand", cost, "2011/12", partners[0], shareNow ? "share now" : "host bears"],
            ]),
            grid("Drivers", [["Service", "Partner", "Quantity"], ...partners.map((p, i) => ["Legal", p, q[i]])]),
            grid("Variances", [
              ["Service", "Year", "Cause", "Amount", "Partner"],
              ...entries.map((e) => [
                "Legal",
                formatYear(e.year),
                e.cause,
                e.pence / 100,
                e.cause === "specification change" ? partners[e.partner % count] : null,
              ]),
            ]),
          ];
          const read = readInputs(book);
          expect(where(read.problems)).toEqual([]);
          const { outcome } = outcomeOf(read.inputs!);
          const v = outcome!.variances!;
          const byYear = new Map<string, Decimal>();
          v.items.forEach((item, i) => {
            const amount = new Decimal(entries[i].pence).div(100);
            expect(item.lines.reduce((a, l) => a.plus(l.inYear), ZERO).equals(amount)).toBe(true);
            expect(item.lines.reduce((a, l) => a.plus(l.nextYear), ZERO).isZero()).toBe(true);
            expect(item.lines.reduce((a, l) => a.plus(l.total), ZERO).equals(amount)).toBe(true);
            byYear.set(item.entry.year.value, (byYear.get(item.entry.year.value) ?? ZERO).plus(amount));
          });
          v.years.forEach((year, yi) => {
            const all = v.totals.reduce((a, t) => a.plus(t.byYear[yi]), ZERO);
            expect(all.equals(byYear.get(year) ?? ZERO)).toBe(true);
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("join years: a variance falls only on the partners taking part in its year (RULES.md §2, §3)", () => {
  /** The same service with Westminster joining in 2012/13. */
  const joining = (variances: CellValue[][]): SheetGrid[] => {
    const book = yosBook(variances);
    book[1] = grid("Rules", [
      ["Service", "Partners", "Basis", "New cost", "First year", "Host", "Variance policy"],
      [YOS, `${HF}; ${KC}; ${WM} from 2012/13`, "demand", 1650000, "2011/12", HF, "host bears"],
    ]);
    return book;
  };
  const readAll = (grids: SheetGrid[]) => {
    const read = readInputs(grids);
    expect(where(read.problems)).toEqual([]);
    return outcomeOf(read.inputs!);
  };

  test("before Westminster joins, a demand variance is shared by that year's cost shares of the two founders", () => {
    const { outcome, plan } = run(joining([[YOS, "2011/12", "demand", 30000, null, null]]));
    const v = outcome.variances!.items[0];
    const s = outcome.services[0];
    // 2011/12's cost shares: the £1,650,000 split between H&F and K&C alone.
    expect(v.expected.map(String)).toEqual(s.overTime.partners.map((p) => p.years[0].costShare.toString()));
    expect(v.expected[2].isZero()).toBe(true);
    expect(v.lines[2].inYear.isZero()).toBe(true);
    expect(v.lines.reduce((t, l) => t.plus(l.inYear), ZERO).toString()).toBe("30000");
    // Each partner's 2011/12 total (for its call that year): nothing on Westminster.
    expect(outcome.variances!.totals.find((t) => t.partner === WM)?.total.isZero() ?? true).toBe(true);
    // The Variance shares sheet refers to the by-year section's 2011/12 cost shares, not the full partnership's.
    const sheet = sheetOf(plan, "variances");
    const expectedCells = sheet.rows
      .flatMap((row) => row)
      .filter(
        (c): c is Extract<PlanCell, { kind: "formula" }> => c?.kind === "formula" && /^=Attribution!/.test(c.formula),
      );
    expect(expectedCells).toHaveLength(3);
    expectedCells.forEach((c, i) => expect(new Decimal(String(c.value)).toString()).toBe(v.expected[i].toString()));
    expect(expectedCells[0].formula).not.toBe("=Attribution!I6");
  });

  test("once it has joined, all three share it by that year's cost shares", () => {
    const { outcome } = run(joining([[YOS, "2012/13", "demand", 30000, null, null]]));
    const v = outcome.variances!.items[0];
    expect(v.expected.map(String)).toEqual(["607000", "596000", "447000"]);
    expect(v.lines.every((l) => !l.inYear.isZero())).toBe(true);
  });

  test("a specification change by a partner not yet in, or a variance before the service starts, is an error at its cell", () => {
    const spec = readAll(joining([[YOS, "2011/12", "specification change", 5000, WM, null]]));
    expect(spec.outcome).toBeUndefined();
    expect(spec.problems.map((p) => [p.sheet, p.cell?.row, p.cell?.column, p.message])).toEqual([
      ["Variances", 2, 5, `${WM} takes no part in ${YOS} in 2011/12, so the specification change cannot fall on it.`],
    ]);
    const early = readAll(joining([[YOS, "2010/11", "demand", 5000, null, null]]));
    expect(early.problems.map((p) => [p.cell?.column, p.message])).toEqual([
      [2, `The variance for ${YOS} is in 2010/11, before the service starts (2011/12).`],
    ]);
  });
});
