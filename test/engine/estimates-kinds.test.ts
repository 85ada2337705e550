import fc from "fast-check";
import {
  Decimal,
  inScenario,
  kindName,
  parseAmountOrRange,
  parseRangeText,
  phase,
  readEstimate,
  readSavingKind,
  readScenario,
  totalsByKind,
  yearSequence,
} from "../../src/engine";
import { expectRuleError, pounds } from "./helpers";

describe("ranges and scenarios (RULES §1)", () => {
  test("ranges as the Tri-borough report writes them", () => {
    // 003: client-side management "£120 - £140k"; networks "between £700,000 and £1.1million";
    // a 20% saving "£2-3m".
    const read = (text: string) => parseRangeText(text)!.map((d) => d.toString());
    expect(read("£120 - £140k")).toEqual(["120000", "140000"]);
    expect(read("between £700,000 and £1.1million")).toEqual(["700000", "1100000"]);
    expect(read("£2-3m")).toEqual(["2000000", "3000000"]);
    expect(read("around 120 to 140")).toEqual(["120", "140"]);
    expect(read("£1.5m – £2m")).toEqual(["1500000", "2000000"]);
    expect(parseRangeText("£120k")).toBeUndefined();
    expect(parseRangeText("tbc")).toBeUndefined();
  });

  test("one amount parser: a single figure in the ranges' grammar, a range as parseRangeText reads it", () => {
    const read = (text: string) => {
      const a = parseAmountOrRange(text);
      return a && [a.low.toString(), a.high.toString(), a.range];
    };
    expect(read("£1.2m")).toEqual(["1200000", "1200000", false]);
    expect(read("1,200,000.50")).toEqual(["1200000.5", "1200000.5", false]);
    expect(read("£120k")).toEqual(["120000", "120000", false]);
    expect(read("tbc")).toBeUndefined();
    fc.assert(
      fc.property(
        fc.constantFrom("£120 - £140k", "between £700,000 and £1.1million", "£2-3m", "£1.5m – £2m", "700 to 1,000"),
        (text) => {
          const a = parseAmountOrRange(text)!;
          expect([a.low, a.high, a.range]).toEqual([...parseRangeText(text)!, true]);
        },
      ),
    );
  });

  test("summaries use the mid-range value; low and high stay available", () => {
    const e = readEstimate("£120 - £140k", { field: "saving" });
    expect([e.low, e.mid, e.high].map(String)).toEqual(["120000", "130000", "140000"]);
    const single = readEstimate(270000, { field: "saving" });
    expect([single.low, single.mid, single.high].map(String)).toEqual(["270000", "270000", "270000"]);
    // Half a penny rounds up, so the mid can be split to the penny like any amount.
    expect(readEstimate({ low: "0.01", high: "0.02" }, { field: "saving" }).mid.toString()).toBe("0.02");
  });

  test("switching scenario changes every figure together", () => {
    const estimates = [
      readEstimate("£120 - £140k", { field: "parks" }),
      readEstimate("between £700,000 and £1.1million", { field: "networks" }),
    ];
    expect(inScenario(estimates).map(String)).toEqual(["130000", "900000"]);
    expect(inScenario(estimates, "low").map(String)).toEqual(["120000", "700000"]);
    expect(inScenario(estimates, readScenario("High")).map(String)).toEqual(["140000", "1100000"]);
    expect(readScenario("")).toBe("mid");
  });

  test("errors: low above high, text that is neither a number nor a range, an unknown scenario", () => {
    expectRuleError(
      () => readEstimate({ low: 140000, high: 120000 }, { field: "saving", index: 2, partner: "WCC" }),
      "bad-range",
      "saving: item 3 (WCC) has its low estimate (140000) above its high estimate (120000) (RULES.md §1)",
    );
    expectRuleError(
      () => readEstimate("£3m - £2m", { field: "saving" }),
      "bad-range",
      "saving: has its low estimate (3000000) above its high estimate (2000000) (RULES.md §1)",
    );
    expectRuleError(
      () => readEstimate("tbc", { field: "saving" }),
      "not-a-number",
      "saving: is not a number (tbc) (RULES.md §1)",
    );
    expectRuleError(
      () => readEstimate({ low: "x", high: 1 }, { field: "saving" }),
      "not-a-number",
      "saving (low): is not a number (x) (RULES.md §1)",
    );
    expectRuleError(
      () => readScenario("best"),
      "bad-choice",
      'scenario: must be "low", "mid" or "high" (got "best") (RULES.md §1)',
    );
  });

  test("property: low ≤ mid ≤ high, and mid is within half a penny of the exact midpoint", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        (a, gap) => {
          const low = new Decimal(a.toString()).div(100);
          const high = low.plus(new Decimal(gap.toString()).div(100));
          const e = readEstimate({ low, high }, { field: "saving" });
          expect(e.low.lessThanOrEqualTo(e.mid) && e.mid.lessThanOrEqualTo(e.high)).toBe(true);
          expect(e.mid.minus(low.plus(high).div(2)).abs().lessThanOrEqualTo("0.005")).toBe(true);
          expect(e.mid.decimalPlaces()).toBeLessThanOrEqual(2);
        },
      ),
    );
  });
});

describe("savings kinds: only cashable savings enter the MTFS (RULES §5)", () => {
  test("kinds as people write them", () => {
    expect(
      ["Cashable", "", "non cashable", "Non-Cashable", "Cost Avoidance", "cost_avoidance"].map((k) =>
        readSavingKind(k),
      ),
    ).toEqual(["cashable", "cashable", "non-cashable", "non-cashable", "cost-avoidance", "cost-avoidance"]);
    expect(kindName("cost-avoidance")).toBe("Cost avoidance");
    expectRuleError(
      () => readSavingKind("efficiency", "Rules!H4"),
      "bad-choice",
      'Rules!H4: must be "cashable", "non-cashable" or "cost avoidance" (got "efficiency") (RULES.md §5)',
    );
  });

  test("MTFS totals by year count cashable savings; the other kinds are reported beside them", () => {
    // Adult social care overheads (cashable), phased 10/45/45; the parking office's better service
    // to motorists reported as non-cashable (003 ch. 9(c)); ICT cost avoidance from 2012/13.
    const rows = totalsByKind([
      { label: "adult social care", kind: "cashable", profile: phase(8893000, ["0.1", "0.45", "0.45"], "2011/12") },
      { label: "parking", kind: "non-cashable", profile: [{ year: "2012/13", amount: 50000 }] },
      {
        label: "ICT",
        kind: "cost-avoidance",
        profile: yearSequence("2012/13", 3).map((year) => ({ year, amount: 100000 })),
      },
    ]);
    expect(rows.map((r) => r.year)).toEqual(["2011/12", "2012/13", "2013/14", "2014/15"]);
    expect(pounds(rows.map((r) => r.mtfs))).toEqual(["889300.00", "4001850.00", "4001850.00", "0.00"]);
    expect(pounds(rows.map((r) => r.nonCashable))).toEqual(["0.00", "50000.00", "0.00", "0.00"]);
    expect(pounds(rows.map((r) => r.costAvoidance))).toEqual(["0.00", "100000.00", "100000.00", "100000.00"]);
    expect(pounds(rows.map((r) => r.all))).toEqual(["889300.00", "4151850.00", "4101850.00", "100000.00"]);
    expect(totalsByKind([])).toEqual([]);
  });

  test("property: each year's kinds add up to its total, and the MTFS figure is the cashable one", () => {
    const kinds = fc.constantFrom("cashable" as const, "non-cashable" as const, "cost-avoidance" as const);
    const item = fc.record({
      kind: kinds,
      first: fc.integer({ min: 2011, max: 2016 }),
      pence: fc.array(fc.bigInt({ min: -(10n ** 10n), max: 10n ** 10n }), { minLength: 1, maxLength: 5 }),
    });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 6 }), (items) => {
        const input = items.map((it) => ({
          kind: it.kind,
          profile: it.pence.map((p, i) => ({
            year: `${it.first + i}/${String((it.first + i + 1) % 100).padStart(2, "0")}`,
            amount: new Decimal(p.toString()).div(100),
          })),
        }));
        const rows = totalsByKind(input);
        let all = new Decimal(0);
        for (const r of rows) {
          expect(r.cashable.plus(r.nonCashable).plus(r.costAvoidance).equals(r.all)).toBe(true);
          expect(r.mtfs.equals(r.cashable)).toBe(true);
          all = all.plus(r.all);
        }
        const grand = input.flatMap((i) => i.profile).reduce((a, y) => a.plus(y.amount), new Decimal(0));
        expect(all.equals(grand)).toBe(true);
      }),
    );
  });
});
