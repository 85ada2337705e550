import fc from "fast-check";
import { Decimal, PartnerData, RuleError, attributeSavings } from "../../src/engine";
import { expectRuleError, pounds, total } from "./helpers";

describe("savings attribution (RULES §5)", () => {
  // 003 ch. 9(a), Youth Offending Service, £k: original net budgets 728 / 676 / 677; the combined
  // service's £1,650k apportioned as the revised budgets 447 / 596 / 607.
  const yos: PartnerData[] = [
    { partner: "Westminster", baseline: 728000, drivers: { revised: 447 } },
    { partner: "Kensington & Chelsea", baseline: 676000, drivers: { revised: 596 } },
    { partner: "Hammersmith & Fulham", baseline: 677000, drivers: { revised: 607 } },
  ];

  test("Youth Offending Service: saving = stand-alone baseline − share of the combined cost", () => {
    const r = attributeSavings({ partners: yos, basis: { kind: "driver", driver: "revised" }, combinedCost: 1650000 });
    expect(pounds(r.lines.map((l) => l.costShare))).toEqual(["447000.00", "596000.00", "607000.00"]);
    // The report prints £281k / £80k / £71k and £432k in all, "21%". Its £71k and £432k come
    // from unrounded figures: from the £k figures it prints, 677 − 607 = 70 and the total is 431.
    expect(pounds(r.lines.map((l) => l.saving))).toEqual(["281000.00", "80000.00", "70000.00"]);
    expect(r.totals.saving.toString()).toBe("431000");
    expect(r.totals.baseline.toString()).toBe("2081000");
    expect(r.totals.savingRate!.toDecimalPlaces(2).toString()).toBe("0.21");
    expect(r.lines[0].savingRate!.toDecimalPlaces(4).toString()).toBe("0.386");
  });

  test("a gain share to a third party is taken off before the councils' savings (000 §5.6)", () => {
    const r = attributeSavings({
      partners: yos,
      basis: { kind: "driver", driver: "revised" },
      combinedCost: 1650000,
      gainShare: { rate: "0.1", recipient: "Elevate" },
    });
    expect(r.totals.grossSaving.toString()).toBe("431000");
    expect(r.totals.gainShare.toString()).toBe("43100");
    expect(r.totals.saving.toString()).toBe("387900");
    // Paid out of the combined service's budget, so borne on the same basis as its cost:
    // 43,100 × 447/1,650 = 11,676.18; × 596/1,650 = 15,568.24; × 607/1,650 = 15,855.575, which
    // has the largest remainder and takes the leftover penny.
    expect(pounds(r.lines.map((l) => l.gainShare))).toEqual(["11676.18", "15568.24", "15855.58"]);
    expect(total(r.lines.map((l) => l.saving)).equals(r.totals.saving)).toBe(true);
    // Which split gave each partner a leftover penny, for the Audit sheet: the cost split is exact.
    expect(r.lines.map((l) => l.roundedUp)).toEqual([
      { cost: false, gainShare: false },
      { cost: false, gainShare: false },
      { cost: false, gainShare: true },
    ]);
  });

  test("the leftover penny of each split is flagged on the partner that took it (RULES §1)", () => {
    const r = attributeSavings({
      partners: yos.map((p) => ({ ...p, baseline: 40 })),
      basis: { kind: "equal" },
      combinedCost: 100,
      gainShare: { rate: "0.5" },
    });
    // £100 in three is 33.34 / 33.33 / 33.33; the £10 gain share 3.34 / 3.33 / 3.33.
    expect(pounds(r.lines.map((l) => l.costShare))).toEqual(["33.34", "33.33", "33.33"]);
    expect(pounds(r.lines.map((l) => l.gainShare))).toEqual(["3.34", "3.33", "3.33"]);
    expect(r.lines.map((l) => l.roundedUp)).toEqual([
      { cost: true, gainShare: true },
      { cost: false, gainShare: false },
      { cost: false, gainShare: false },
    ]);
  });

  test("no gain share is owed when the partnership saves nothing", () => {
    const r = attributeSavings({
      partners: yos,
      basis: { kind: "equal" },
      combinedCost: 2100000,
      gainShare: { rate: "0.5" },
    });
    expect(r.totals.gainShare.isZero()).toBe(true);
    expect(r.totals.saving.toString()).toBe("-19000");
  });

  test("errors: a missing baseline, a bad gain-share rate", () => {
    expectRuleError(
      () =>
        attributeSavings({
          partners: [{ partner: "WCC", baseline: "#REF!" }],
          basis: { kind: "equal" },
          combinedCost: 1,
        }),
      "not-a-number",
      "baseline: item 1 (WCC) is not a number (#REF!) (RULES.md §5)",
    );
    expect(() =>
      attributeSavings({ partners: [{ partner: "WCC" }], basis: { kind: "equal" }, combinedCost: 1 }),
    ).toThrow(
      new RuleError(
        "missing",
        { field: "baseline", index: 0, partner: "WCC" },
        "needs a stand-alone baseline budget",
        "§5",
      ),
    );
    expect(() =>
      attributeSavings({ partners: yos, basis: { kind: "equal" }, combinedCost: 1, gainShare: { rate: 1.5 } }),
    ).toThrow("gain share: rate must be from 0% to 100% (got 1.5) (RULES.md §5)");
  });

  test("property: partners' savings sum exactly to baselines − combined cost − gain share", () => {
    const partner = fc.record({
      baseline: fc.integer({ min: 0, max: 1e10 }).map((p) => new Decimal(p).dividedBy(100)),
      quantity: fc.integer({ min: 1, max: 10000 }),
    });
    fc.assert(
      fc.property(
        fc.array(partner, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 1e10 }),
        fc.integer({ min: 0, max: 100 }),
        (ps, cost, pct) => {
          const partners = ps.map((p, i) => ({ partner: `P${i}`, ...p }));
          const combinedCost = new Decimal(cost).dividedBy(100);
          const r = attributeSavings({
            partners,
            basis: { kind: "demand" },
            combinedCost,
            gainShare: { rate: pct / 100 },
          });
          const expected = r.totals.baseline.minus(combinedCost).minus(r.totals.gainShare);
          expect(total(r.lines.map((l) => l.saving)).equals(expected)).toBe(true);
          expect(total(r.lines.map((l) => l.costShare)).equals(combinedCost)).toBe(true);
        },
      ),
    );
  });
});
