/**
 * Ranges and scenarios (RULES.md §1): an estimate written low–high in New cost, Reduction or
 * Transitional cost takes its mid-range value unless the low or high scenario is chosen; a range
 * written backwards is an error at its cell; the plan writes the figure used where the cell is text.
 */
import fc from "fast-check";
import { Decimal } from "../../../src/engine";
import { outcomeOf } from "../../../src/workbook/outcome";
import { buildPlan } from "../../../src/workbook/plan";
import { LIB, YOS, problemAt, read, validSheets, where, withCells } from "./workbook";

const ruleOf = (r: ReturnType<typeof read>, service: string) =>
  r.inputs!.rules.rules.find((x) => x.service === service)!;

describe("ranges in the Rules sheet", () => {
  test.each([
    ["£0.7m–£1.0m", "700000", "850000", "1000000"],
    ["700–1,000 £000", "700000", "850000", "1000000"],
    ["£120 - £140k", "120000", "130000", "140000"],
    ["between £700,000 and £1.1million", "700000", "900000", "1100000"],
    ["£1,420k to £1,740k", "1420000", "1580000", "1740000"],
  ])("New cost %s: low %s, mid %s, high %s; the tables use the mid-range value", (text, low, mid, high) => {
    const r = read(withCells([["Rules", "D2", text]]));
    expect(where(r.problems)).toEqual([]);
    const cost = ruleOf(r, YOS).newCost!;
    expect([cost.range?.low, cost.range?.mid, cost.range?.high].map(String)).toEqual([low, mid, high]);
    expect(cost.value.toString()).toBe(mid);
    expect(r.notes.some((n) => n.startsWith(`Rules!D2: New cost for ${YOS} is the range ${text}`))).toBe(true);
  });

  test("the low and high scenarios (of the savings) take a cost's high and low ends; the Audit's notes say which", () => {
    const sheets = withCells([["Rules", "D2", "£0.7m–£1.0m"]]);
    expect(ruleOf(read(sheets, { scenario: "low" }), YOS).newCost!.value.toString()).toBe("1000000");
    const high = read(sheets, { scenario: "high" });
    expect(ruleOf(high, YOS).newCost!.value.toString()).toBe("700000");
    expect(high.notes).toContain(
      `Rules!D2: New cost for ${YOS} is the range £0.7m–£1.0m (low £700,000.00, mid £850,000.00, high £1,000,000.00); the tables use the low end, £700,000.00 (scenario high, the higher saving, RULES.md §1).`,
    );
  });

  test("on a £000s sheet a range without its own unit is in thousands", () => {
    // The headings row is shared by every validSheets() (RULE_HEADINGS): change a copy of it.
    const fresh = validSheets();
    fresh.Rules[0] = [...fresh.Rules[0]];
    const sheets = withCells(
      [
        ["Rules", "D1", "New cost £000"],
        ["Rules", "D2", "700–1,000"],
        ["Rules", "F2", 100],
      ],
      fresh,
    );
    const r = read(sheets);
    expect(where(r.problems)).toEqual([]);
    expect(ruleOf(r, YOS).newCost!.value.toString()).toBe("850000");
  });

  test("a Reduction of 20%–30% is 25% at mid-range, and a Transitional cost may be a range", () => {
    const r = read(
      withCells([
        ["Rules", "E3", "20%–30%"],
        ["Rules", "F2", "£80k–£120k"],
      ]),
    );
    expect(where(r.problems)).toEqual([]);
    const reduction = ruleOf(r, LIB).reduction!;
    expect([reduction.value.toString(), reduction.range?.low.toString(), reduction.range?.high.toString()]).toEqual([
      "0.25",
      "0.2",
      "0.3",
    ]);
    expect(ruleOf(r, YOS).transitional!.value.toString()).toBe("100000");
  });

  test("a range written backwards is an error at its cell", () => {
    expect(problemAt(read(withCells([["Rules", "D2", "£1.0m–£0.7m"]])), "Rules", "D2")).toEqual({
      severity: "error",
      sheet: "Rules",
      cell: "D2",
      message: `New cost for ${YOS} is the range "£1.0m–£0.7m", written backwards: its low end is above its high end.`,
      fix: "Write the range low to high, e.g. £0.7m–£1.0m.",
      rule: "RULES.md §1",
    });
    expect(problemAt(read(withCells([["Rules", "E3", "30%–20%"]])), "Rules", "E3").message).toBe(
      `Reduction for ${LIB} is the range "30%–20%", written backwards: its low end is above its high end.`,
    );
  });

  test("the Attribution sheet's combined cost is the figure used, since the Rules cell holds text", () => {
    const r = read(
      withCells([
        ["Rules", "D2", "£0.7m–£1.0m"],
        ["Rules", "E3", "20%–30%"],
      ]),
    );
    const { outcome } = outcomeOf(r.inputs!);
    const { plan } = buildPlan(outcome!, { existing: [], when: new Date(0), source: "test" });
    const attribution = plan.sheets[0];
    const totals = attribution.rows.filter((row) => row[0]?.kind === "text" && row[0].text.endsWith(" total"));
    expect(totals[0][8]).toMatchObject({ kind: "formula", formula: "=850000" });
    expect(totals[1][8]).toMatchObject({ formula: expect.stringMatching(/^=ROUND\(H\d+\*\(1-0\.25\),2\)$/) });
  });
});

describe("property: low ≤ mid ≤ high", () => {
  test("for any range, the cost high ≥ mid ≥ low across the low, mid and high scenarios, and each partner's cost share within a penny (a largest-remainder split can move a penny the other way)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 2_000_000 }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const sheets = withCells([["Rules", "D2", `£${low.toLocaleString("en-GB")}–£${high.toLocaleString("en-GB")}`]]);
        const shares = (["low", "mid", "high"] as const).map((scenario) => {
          const r = read(sheets, { scenario });
          expect(where(r.problems)).toEqual([]);
          const { outcome, problems } = outcomeOf(r.inputs!);
          expect(problems.map((p) => p.message)).toEqual([]);
          return outcome!.services.find((s) => s.rule.service === YOS)!;
        });
        // The low scenario is the lower saving: the high end of a cost (test/workbook/scenarios.test.ts).
        const [h, m, l] = shares.map((s) => s.combinedCost);
        expect(l.lessThanOrEqualTo(m) && m.lessThanOrEqualTo(h)).toBe(true);
        const penny = new Decimal("0.01");
        shares[0].partners.forEach((_, i) => {
          const [ph, pm, pl] = shares.map((s) => s.partners[i].costShare);
          expect(pl.lessThanOrEqualTo(pm.plus(penny)) && pm.lessThanOrEqualTo(ph.plus(penny))).toBe(true);
        });
      }),
      { numRuns: 40 },
    );
  });
});

test("the valid workbook is unchanged by the range readers", () => {
  expect(where(read(validSheets()).problems)).toEqual([]);
});
