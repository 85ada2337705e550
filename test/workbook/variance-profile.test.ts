/**
 * Variance totals feeding each partner's figures for the year (issue 17, RULES.md §3): with a
 * Variances sheet, each partner's block on the Savings profile ends with the in-year variances it
 * bears each year (a live reference to the Variance shares sheet's totals) and its net cashable
 * saving less them, exact to the penny; the saving lines above are unchanged.
 */
import fc from "fast-check";
import { Decimal, ZERO, sum } from "../../src/engine";
import { parseAddress } from "../../src/workbook/a1";
import type { CellValue } from "../../src/workbook/grid";
import { outcomeOf } from "../../src/workbook/outcome";
import { buildPlan } from "../../src/workbook/plan";
import type { PlanCell, SheetPlan } from "../../src/workbook/plan/types";
import { samplePlan } from "../libreoffice/sample";
import { HF, KC, LIB, WCC, YOS, read, validSheets, withCells } from "./read/workbook";

const text = (s: SheetPlan, row: number, column: number): string | undefined => {
  const c = s.rows[row - 1]?.[column - 1];
  return c?.kind === "text" ? c.text : undefined;
};
const stored = (c: PlanCell | undefined): Decimal | undefined =>
  c?.kind === "number" ? c.value : c?.kind === "formula" ? (c.value as Decimal) : undefined;

/** The Savings profile's rows labelled `measure`, by partner (column A). */
function linesOf(profile: SheetPlan, measure: string): Map<string, { row: number; cells: (PlanCell | undefined)[] }> {
  const out = new Map<string, { row: number; cells: (PlanCell | undefined)[] }>();
  profile.rows.forEach((cells, i) => {
    if (text(profile, i + 1, 2) === measure) out.set(text(profile, i + 1, 1) as string, { row: i + 1, cells });
  });
  return out;
}

describe("the sample: each partner's variances on the Savings profile", () => {
  let plan: Awaited<ReturnType<typeof samplePlan>>;
  beforeAll(async () => {
    plan = await samplePlan();
  }, 60_000);

  test("refer to the Variance shares sheet's totals for that partner and year, and equal them", () => {
    const { outcome } = plan.prepared;
    const variances = outcome!.variances!;
    const profile = plan.plan.sheets.find((s) => s.role === "savings-profile")!;
    const shares = plan.plan.sheets.find((s) => s.role === "variances")!;
    const years = outcome!.years;
    const borne = linesOf(profile, "In-year variances borne");
    expect([...borne.keys()]).toEqual([...outcome!.partners, "All partners"]);
    // The shares sheet's totals header row: "Partner", then the variance years.
    const headRow = shares.rows.findIndex((r, i) => text(shares, i + 1, 1) === "Partner" && i > 5) + 1;
    let referred = 0;
    for (const [partner, line] of borne) {
      const totals = variances.totals.find((t) => t.partner === partner);
      years.forEach((year, yi) => {
        const cell = line.cells[5 + yi];
        const k = variances.years.indexOf(year);
        const expected =
          partner === "All partners"
            ? k < 0
              ? ZERO
              : sum(variances.totals.map((t) => t.byYear[k]))
            : totals === undefined || k < 0
              ? ZERO
              : totals.byYear[k];
        expect({ partner, year, value: stored(cell)?.toFixed(2) }).toEqual({
          partner,
          year,
          value: expected.toFixed(2),
        });
        if (cell?.kind !== "formula") {
          expect(k < 0 || totals === undefined).toBe(true);
          return;
        }
        // The reference points at the partner's row and the year's column of the totals table.
        const m = /^='Variance shares'!([A-Z]+\d+)$/.exec(cell.formula);
        expect(m).not.toBeNull();
        const { top, left } = parseAddress(m![1]);
        expect(text(shares, top, 1)).toBe(partner);
        expect(text(shares, headRow, left)).toBe(year);
        expect(stored(shares.rows[top - 1][left - 1])?.toFixed(2)).toBe(expected.toFixed(2));
        referred++;
      });
    }
    expect(referred).toBeGreaterThan(0);
  });

  test("net after variances is net cashable saving less them, to the penny; the saving lines are unchanged", () => {
    const { outcome } = plan.prepared;
    const profile = plan.plan.sheets.find((s) => s.role === "savings-profile")!;
    const net = linesOf(profile, "Net cashable saving");
    const borne = linesOf(profile, "In-year variances borne");
    const after = linesOf(profile, "Net after variances");
    for (const f of outcome!.profile) {
      const who = f.partner ?? "All partners";
      outcome!.years.forEach((_, yi) => {
        const c = 6 + yi;
        const n = stored(net.get(who)!.cells[c - 1])!;
        const v = stored(borne.get(who)!.cells[c - 1])!;
        const a = after.get(who)!.cells[c - 1];
        expect(a?.kind === "formula" && a.formula).toBe(
          `=ROUND(${colA1(c)}${net.get(who)!.row}-${colA1(c)}${borne.get(who)!.row},2)`,
        );
        expect(stored(a)!.toFixed(2)).toBe(n.minus(v).toFixed(2));
        expect(n.toFixed(2)).toBe(f.net[yi].toFixed(2));
        expect(f.netAfterVariances![yi].toFixed(2)).toBe(f.net[yi].minus(f.variances![yi]).toFixed(2));
      });
    }
    // The lines in each block keep their order; the two new lines come last, after Payback.
    const labels = profile.rows.slice(5, 5 + 12).map((_, i) => text(profile, 6 + i, 2));
    expect(labels).toEqual([
      "Cashable saving, new each year",
      "Cashable saving in force",
      "Non-cashable saving, new each year",
      "Cost avoidance, new each year",
      "Investment (transitional costs)",
      "Net cashable saving",
      "Cumulative net saving",
      "Break-even year",
      "Payback, years",
      "In-year variances borne",
      "Net after variances",
      undefined,
    ]);
  });
});

const colA1 = (c: number): string => String.fromCharCode(64 + c);

test("without a Variances sheet the Savings profile has no variance lines", () => {
  const r = read(validSheets());
  const { plan } = buildPlan(outcomeOf(r.inputs!).outcome!, { existing: [], when: new Date(0), source: "test" });
  const profile = plan.sheets.find((s) => s.role === "savings-profile")!;
  expect(linesOf(profile, "In-year variances borne").size).toBe(0);
  expect(outcomeOf(r.inputs!).outcome!.profile[0].variances).toBeUndefined();
});

test("a variance after the last year with a saving widens the years shown", () => {
  const sheets = {
    ...validSheets(),
    Variances: [
      ["Service", "Year", "Cause", "Amount"],
      [YOS, "2016/17", "demand", 1000],
    ],
  };
  const o = outcomeOf(read(sheets).inputs!).outcome!;
  expect(o.years[o.years.length - 1]).toBe("2016/17");
  const all = o.profile[o.profile.length - 1];
  expect(all.variances![o.years.length - 1].toFixed(2)).toBe("1000.00");
});

// Random variances on the valid workbook (the Youth Offending Service hosted by Hammersmith &
// Fulham under host bears; Libraries with Westminster joining in 2012/13, share now).
const YEARS = ["2011/12", "2012/13", "2013/14"];
const variance = fc.record({
  service: fc.constantFrom(YOS, LIB),
  year: fc.constantFrom(...YEARS),
  cause: fc.constantFrom("demand", "quality", "direct cost", "specification change", "host indirect cost"),
  pence: fc.integer({ min: -5_000_000_00, max: 5_000_000_00 }),
  partner: fc.constantFrom(HF, KC),
});

test("each year, the partners' variances borne add up exactly to the variances arising (adjustments net to zero)", () => {
  fc.assert(
    fc.property(fc.array(variance, { minLength: 1, maxLength: 8 }), (lines) => {
      const sheets = withCells([["Rules", "L2", HF]]);
      sheets.Variances = [
        ["Service", "Year", "Cause", "Amount", "Partner"],
        ...lines.map((l): CellValue[] => [
          l.service,
          l.year,
          l.cause,
          l.pence / 100,
          l.cause === "specification change" ? l.partner : null,
        ]),
      ];
      const r = read(sheets);
      expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
      const o = outcomeOf(r.inputs!).outcome!;
      const partners = o.profile.filter((f) => f.partner !== undefined);
      const all = o.profile.find((f) => f.partner === undefined)!;
      o.years.forEach((year, yi) => {
        const arising = sum(lines.filter((l) => l.year === year).map((l) => new Decimal(l.pence).dividedBy(100)));
        const borne = sum(partners.map((f) => f.variances![yi]));
        expect({ year, borne: borne.toFixed(2) }).toEqual({ year, borne: arising.toFixed(2) });
        expect(all.variances![yi].toFixed(2)).toBe(arising.toFixed(2));
        partners.forEach((f) => expect(f.netAfterVariances![yi].equals(f.net[yi].minus(f.variances![yi]))).toBe(true));
      });
      // Every variance year and adjustment year is among the years shown.
      for (const y of o.variances!.years) expect(o.years).toContain(y);
      const adjusted = lines.some((l) => l.service === YOS && l.cause === "host indirect cost");
      if (adjusted) expect(o.years).toContain("2014/15");
    }),
    { numRuns: 60 },
  );
});

test("a specification change falls on its partner alone, through the reference to the totals", () => {
  const sheets = {
    ...validSheets(),
    Variances: [
      ["Service", "Year", "Cause", "Amount", "Partner"],
      [LIB, "2011/12", "specification change", 2500, KC],
    ],
  };
  const o = outcomeOf(read(sheets).inputs!).outcome!;
  const { plan } = buildPlan(o, { existing: [], when: new Date(0), source: "test" });
  const profile = plan.sheets.find((s) => s.role === "savings-profile")!;
  const borne = linesOf(profile, "In-year variances borne");
  const wcc = borne.get(WCC)!.cells.slice(5, 5 + o.years.length);
  // Westminster shares Libraries, so it is in the totals, with nothing borne.
  expect(wcc.map((c) => stored(c)?.toFixed(2))).toEqual(o.years.map(() => "0.00"));
  const kc = borne.get(KC)!.cells[5];
  expect(kc?.kind === "formula" && kc.formula).toMatch(/^='Variance shares'!B\d+$/);
  expect(stored(kc)?.toFixed(2)).toBe("2500.00");
});
