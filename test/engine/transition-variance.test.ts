import fc from "fast-check";
import { Decimal, RuleError, attributeVariance, shareTransitionalCost } from "../../src/engine";
import { pounds, total } from "./helpers";

// Youth Offending Service (003 ch. 9(a)): baselines and revised budgets in pounds.
const YOS = [
  { partner: "WCC", baseline: 728000, newCost: 447000 },
  { partner: "RBKC", baseline: 676000, newCost: 596000 },
  { partner: "H&F", baseline: 677000, newCost: 607000 },
];

describe("transitional one-off costs (RULES §4)", () => {
  test("shared in proportion to each partner's net reduction in spending", () => {
    // Reductions 281k / 80k / 70k of 431k: £43,100 splits 28,100 / 8,000 / 7,000.
    const r = shareTransitionalCost({ cost: 43100, partners: YOS });
    expect(pounds(r.lines.map((l) => l.reduction))).toEqual(["281000.00", "80000.00", "70000.00"]);
    expect(pounds(r.lines.map((l) => l.commonShare))).toEqual(["28100.00", "8000.00", "7000.00"]);
    expect(r.totals.total.toString()).toBe("43100");
  });

  test("a partner whose spending does not fall bears none of it", () => {
    const partners = [...YOS.slice(0, 2), { partner: "H&F", baseline: 600000, newCost: 607000 }];
    const r = shareTransitionalCost({ cost: "100000", partners });
    expect(r.lines[2].reduction.toString()).toBe("-7000");
    expect(r.lines[2].commonShare.isZero()).toBe(true);
    // 100,000 × 281/361 = 77,839.335… and × 80/361 = 22,160.664…: remainders 0.52p and 0.48p,
    // so the leftover penny goes to WCC.
    expect(pounds(r.lines.map((l) => l.commonShare))).toEqual(["77839.34", "22160.66", "0.00"]);
  });

  test("payments above the common terms are borne by the partner that chose them", () => {
    const r = shareTransitionalCost({ cost: 43100, partners: YOS, extras: [{ partner: "RBKC", amount: "12500.50" }] });
    expect(pounds(r.lines.map((l) => l.total))).toEqual(["28100.00", "20500.50", "7000.00"]);
    expect(r.totals.total.toString()).toBe("55600.5");
    expect(total(r.lines.map((l) => l.total)).equals(r.totals.total)).toBe(true);
  });

  test("errors: no partner's spending falls; an extra payment for a partner not in the service", () => {
    const rising = YOS.map((p) => ({ ...p, newCost: p.baseline }));
    expect(() => shareTransitionalCost({ cost: 1000, partners: rising })).toThrow(
      new RuleError(
        "no-reduction",
        { field: "transitional cost" },
        "no partner's spending falls, so nothing justifies the one-off cost",
        "§4",
      ),
    );
    expect(() =>
      shareTransitionalCost({ cost: 1000, partners: YOS, extras: [{ partner: "Brent", amount: 5 }] }),
    ).toThrow("extra payments: item 1 (Brent) is not a partner in this service (RULES.md §4)");
    expect(() =>
      shareTransitionalCost({ cost: 1000, partners: [{ partner: "WCC", baseline: "n/a", newCost: 1 }] }),
    ).toThrow("baseline: item 1 (WCC) is not a number (n/a) (RULES.md §4)");
  });

  test("property: shares sum exactly to the cost, and only falling partners bear any", () => {
    const p = fc.record({ baseline: fc.integer({ min: 0, max: 1e9 }), newCost: fc.integer({ min: 0, max: 1e9 }) });
    fc.assert(
      fc.property(fc.array(p, { minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 1e9 }), (ps, pence) => {
        fc.pre(ps.some((x) => x.baseline > x.newCost));
        const cost = new Decimal(pence).dividedBy(100);
        const r = shareTransitionalCost({ cost, partners: ps.map((x, i) => ({ partner: `P${i}`, ...x })) });
        expect(total(r.lines.map((l) => l.commonShare)).equals(cost)).toBe(true);
        r.lines.forEach((l) => {
          if (!l.reduction.isPositive() || l.reduction.isZero()) expect(l.commonShare.isZero()).toBe(true);
        });
      }),
    );
  });
});

describe("in-year variances (RULES §3)", () => {
  const expected = [
    { partner: "WCC", expected: 447000 },
    { partner: "RBKC", expected: 596000 },
    { partner: "H&F", expected: 607000 },
  ];

  test.each(["demand", "quality", "direct"] as const)("%s: shared by expected-cost shares", (cause) => {
    const r = attributeVariance({ amount: 16500, cause, expected });
    expect(pounds(r.lines.map((l) => l.inYear))).toEqual(["4470.00", "5960.00", "6070.00"]);
    expect(r.lines.every((l) => l.nextYear.isZero())).toBe(true);
  });

  test("an underspend is shared the same way, negated", () => {
    const r = attributeVariance({
      amount: -100,
      cause: "demand",
      expected: expected.map((e) => ({ ...e, expected: 1 })),
    });
    expect(pounds(r.lines.map((l) => l.total))).toEqual(["-33.34", "-33.33", "-33.33"]);
  });

  test("specification change: the partner that changed bears it all", () => {
    const r = attributeVariance({ amount: 25000, cause: "specification", expected, responsible: "RBKC" });
    expect(pounds(r.lines.map((l) => l.inYear))).toEqual(["0.00", "25000.00", "0.00"]);
    expect(r.rule).toBe("specification change: borne in full by RBKC");
  });

  test("host's indirect costs, host bears: in-year on the host, recovered through next year's calls", () => {
    const r = attributeVariance({ amount: 16500, cause: "indirect", expected, responsible: "WCC" });
    expect(pounds(r.lines.map((l) => l.inYear))).toEqual(["16500.00", "0.00", "0.00"]);
    expect(pounds(r.lines.map((l) => l.nextYear))).toEqual(["-12030.00", "5960.00", "6070.00"]);
    expect(pounds(r.lines.map((l) => l.total))).toEqual(["4470.00", "5960.00", "6070.00"]);
    expect(total(r.lines.map((l) => l.nextYear)).isZero()).toBe(true);
  });

  test("host's indirect costs, share now", () => {
    const r = attributeVariance({
      amount: 16500,
      cause: "indirect",
      expected,
      responsible: "WCC",
      policy: "share-now",
    });
    expect(pounds(r.lines.map((l) => l.inYear))).toEqual(["4470.00", "5960.00", "6070.00"]);
    // Shared now, nobody carries it alone: a service with no host can use this policy.
    const noHost = attributeVariance({ amount: 16500, cause: "indirect", expected, policy: "share-now" });
    expect(noHost.lines).toEqual(r.lines);
    // Host bears, with no host, is still refused.
    expect(() => attributeVariance({ amount: 16500, cause: "indirect", expected })).toThrow(
      "responsible: must name the host partner, one of WCC, RBKC, H&F (RULES.md §3)",
    );
  });

  test("errors: no responsible partner, an unknown one, an unknown cause", () => {
    expect(() => attributeVariance({ amount: 1, cause: "specification", expected })).toThrow(
      "responsible: must name the partner that changed its specification, one of WCC, RBKC, H&F (RULES.md §3)",
    );
    expect(() => attributeVariance({ amount: 1, cause: "indirect", expected, responsible: "Brent" })).toThrow(
      "responsible: Brent must name the host partner, one of WCC, RBKC, H&F (RULES.md §3)",
    );
    expect(() => attributeVariance({ amount: 1, cause: "weather" as never, expected })).toThrow(
      'cause: "weather" is not one of demand, quality, direct, specification, indirect (RULES.md §3)',
    );
  });

  test("property: whatever the cause, in-year sums to the variance and next year to zero", () => {
    const causes = fc.constantFrom("demand", "quality", "direct", "specification", "indirect" as const);
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 10 })
          .filter((xs) => xs.some((x) => x > 0)),
        fc.integer({ min: -1e9, max: 1e9 }),
        causes,
        fc.nat(),
        fc.boolean(),
        (xs, pence, cause, who, shareNow) => {
          const amount = new Decimal(pence).dividedBy(100);
          const r = attributeVariance({
            amount,
            cause,
            expected: xs.map((x, i) => ({ partner: `P${i}`, expected: x })),
            responsible: `P${who % xs.length}`,
            policy: shareNow ? "share-now" : "host-bears",
          });
          expect(total(r.lines.map((l) => l.inYear)).equals(amount)).toBe(true);
          expect(total(r.lines.map((l) => l.nextYear)).isZero()).toBe(true);
        },
      ),
    );
  });
});
