/**
 * One-off costs by who bears them (RULES.md §4, §8): an extra a partner pays above the common
 * terms, and a withdrawing partner's own consequent costs, fall on that partner alone beside the
 * year's shared one-off costs. Worked examples, errors, then a property.
 */
import fc from "fast-check";
import { Decimal, PartnerData, Participation, shareByYear, sum, yearSequence } from "../../src/engine";
import { expectRuleError, pounds } from "./helpers";

// The parking back office (`003` ch. 9(c)): H&F and RBKC set it up and bear the £1.16m ("for H&F
// and RBKC"); the budgets and volumes are the sample's, the 25% reduction illustrative.
const partners: PartnerData[] = [
  { partner: "H&F", baseline: 1_215_000, quantity: 96_000 },
  { partner: "RBKC", baseline: 1_085_000, quantity: 82_000, quality: 1.1 },
  { partner: "WCC", baseline: 1_640_000, quantity: 178_000 },
];
const years = yearSequence("2012/13", 5);
const parking = (more: Partial<Parameters<typeof shareByYear>[0]> = {}) =>
  shareByYear({
    partners,
    participation: [{ partner: "WCC", joins: "2014/15" }],
    basis: { kind: "demand" },
    years,
    combinedCost: { reduction: 0.25 },
    oneOffs: [{ year: "2012/13", amount: 1_160_000, partners: ["H&F", "RBKC"] }],
    ...more,
  });

describe("an extra above the common terms (RULES §4)", () => {
  // Illustrative: RBKC chooses to pay £60,000 above the common redundancy terms in 2012/13.
  const without = parking();
  const worked = parking({ extras: [{ year: "2012/13", partner: "RBKC", amount: 60_000 }] });

  test("falls on RBKC alone; the £1.16m is shared exactly as without it", () => {
    const first = (w: typeof worked) => w.partners.map((p) => p.years[0]);
    // The common cost by net reduction, as in the parking example of over-time.test.ts.
    expect(pounds(first(worked).map((y) => y.oneOff.minus(y.extra)))).toEqual(["656930.66", "503069.34", "0.00"]);
    expect(first(worked).map((y) => y.oneOff.minus(y.extra))).toEqual(first(without).map((y) => y.oneOff));
    expect(pounds(first(worked).map((y) => y.extra))).toEqual(["0.00", "60000.00", "0.00"]);
    expect(pounds([worked.years[0].oneOff, worked.years[0].extras])).toEqual(["1220000.00", "60000.00"]);
    // Its cost shares and savings are untouched: an extra is investment, not ongoing cost.
    expect(worked.partners.map((p) => p.years.map((y) => y.saving))).toEqual(
      without.partners.map((p) => p.years.map((y) => y.saving)),
    );
  });

  test("may fall in a year with no shared one-off cost, in a year the partner takes part", () => {
    const w = parking({ extras: [{ year: "2014/15", partner: "WCC", amount: 25_000 }] });
    expect(pounds(w.partners.map((p) => p.years[2].oneOff))).toEqual(["0.00", "0.00", "25000.00"]);
    expect(w.years[2].oneOff).toEqual(new Decimal(25_000));
  });

  test("by a partner not in the service, or in a year it is not in, is an error naming it", () => {
    expectRuleError(
      () => parking({ extras: [{ year: "2012/13", partner: "Brent", amount: 1 }] }),
      "unknown-partner",
      "extra payments: item 1 (Brent) is not a partner in this service (RULES.md §4)",
    );
    expectRuleError(
      () => parking({ extras: [{ year: "2013/14", partner: "WCC", amount: 1 }] }),
      "not-taking-part",
      "extra payments: item 1 (WCC) does not take part in 2013/14, when the cost it bears alone falls (RULES.md §4)",
    );
  });
});

describe("a withdrawing partner's own consequent costs (RULES §8, `003` ch. 3, 18–19)", () => {
  // RBKC gives notice and is in until 2014/15; leaving costs it £200,000 in its last year (illustrative).
  const leaving: Participation[] = [
    { partner: "WCC", joins: "2014/15" },
    { partner: "RBKC", leaves: "2015/16" },
  ];
  const worked = parking({ participation: leaving, extras: [{ year: "2014/15", partner: "RBKC", amount: 200_000 }] });

  test("fall on the leaver alone, in its last year in", () => {
    const i = years.indexOf("2014/15");
    expect(pounds(worked.partners.map((p) => p.years[i].oneOff))).toEqual(["0.00", "200000.00", "0.00"]);
    expect(worked.years[i].oneOff).toEqual(new Decimal(200_000));
  });

  test("after it has left they are an error: it no longer takes part", () => {
    expectRuleError(
      () => parking({ participation: leaving, extras: [{ year: "2015/16", partner: "RBKC", amount: 200_000 }] }),
      "not-taking-part",
      "extra payments: item 1 (RBKC) does not take part in 2015/16, when the cost it bears alone falls (RULES.md §4)",
    );
  });
});

describe("termination costs shared in the pre-agreed manner (RULES §8, `003` ch. 3, 19)", () => {
  // RBKC leaves after 2014/15; terminating its part of the arrangement costs £100,000.01 in
  // 2015/16, shared "between the Councils in a pre-agreed manner": here equally between H&F and
  // WCC, then on FTE (illustrative figures).
  const leaving: Participation[] = [
    { partner: "WCC", joins: "2014/15" },
    { partner: "RBKC", leaves: "2015/16" },
  ];
  const withFte = partners.map((p, i) => ({ ...p, fte: [20, 15, 40][i] }));
  const termination = (basis: Parameters<typeof shareByYear>[0]["basis"], named?: string[]) =>
    shareByYear({
      partners: withFte,
      participation: leaving,
      basis: { kind: "demand" },
      years,
      combinedCost: { reduction: 0.25 },
      oneOffs: [{ year: "2015/16", amount: "100000.01", basis, ...(named ? { partners: named } : {}) }],
    });
  const i = years.indexOf("2015/16");

  test("by equal among the partners named: halves, the odd penny to the earlier partner, summing exactly", () => {
    const w = termination({ kind: "equal" }, ["H&F", "WCC"]);
    expect(pounds(w.partners.map((p) => p.years[i].oneOff))).toEqual(["50000.01", "0.00", "50000.00"]);
    expect(sum(w.partners.map((p) => p.years[i].oneOff))).toEqual(new Decimal("100000.01"));
  });

  test("by FTE among those taking part that year (none named): 20 : 40, not by net reduction", () => {
    const w = termination({ kind: "fte" });
    // 100,000.01 × 20/60 = 33,333.3366… and × 40/60 = 66,666.6733…: the penny to the larger remainder.
    expect(pounds(w.partners.map((p) => p.years[i].oneOff))).toEqual(["33333.34", "0.00", "66666.67"]);
  });

  test("a basis whose figure a bearer lacks is an error about the one-off cost", () => {
    expectRuleError(
      () =>
        shareByYear({
          partners,
          participation: leaving,
          basis: { kind: "demand" },
          years,
          combinedCost: { reduction: 0.25 },
          oneOffs: [{ year: "2015/16", amount: 1000, basis: { kind: "fte" } }],
        }),
      "missing",
      "one-off cost in 2015/16: H&F has no value, which this basis needs, and the cost is shared by FTE (RULES.md §8)",
    );
  });
});

describe("property: every year's one-off shares plus extras add up to that year's one-off costs", () => {
  const NAMES = ["A", "B", "C", "D"];
  test("for random partners, participation, shared costs and extras", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 100_00, max: 500_000_00 }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }), { minLength: 4, maxLength: 4 }),
        fc.array(
          fc.record({
            at: fc.integer({ min: 0, max: 4 }),
            amount: fc.integer({ min: 1, max: 90_000_00 }),
            // By net reduction (the default), or on a named basis as termination costs are (RULES §8).
            basis: fc.constantFrom(undefined, "equal" as const, "budget" as const),
          }),
          { maxLength: 3 },
        ),
        fc.array(
          fc.record({
            at: fc.integer({ min: 0, max: 4 }),
            who: fc.integer({ min: 0, max: 3 }),
            amount: fc.integer({ min: 1, max: 9_000_00 }),
          }),
          { maxLength: 4 },
        ),
        (count, n, baselines, joins, shared, extras) => {
          const ys = yearSequence("2011/12", n);
          const ps = NAMES.slice(0, count).map((partner, i) => ({
            partner,
            baseline: new Decimal(baselines[i]).dividedBy(100),
          }));
          // The first partner is in from the start, so every year has someone in it.
          const participation = ps.map(({ partner }, i) =>
            i === 0 || joins[i] === null ? { partner } : { partner, joins: ys[Math.min(joins[i]!, n - 1)] },
          );
          const inIt = (who: number, year: string) =>
            participation[who].joins === undefined || participation[who].joins! <= year;
          const oneOffs = shared
            .filter((o, k) => o.at < n && shared.findIndex((x) => x.at === o.at) === k)
            .map((o) => ({
              year: ys[o.at],
              amount: new Decimal(o.amount).dividedBy(100),
              ...(o.basis ? { basis: { kind: o.basis } } : {}),
            }));
          const ex = extras
            .filter((e) => e.at < n && e.who < count && inIt(e.who, ys[e.at]))
            .map((e) => ({ year: ys[e.at], partner: NAMES[e.who], amount: new Decimal(e.amount).dividedBy(100) }));
          // Half the baselines is the combined cost, so every partner's spending falls.
          const worked = shareByYear({
            partners: ps,
            participation,
            basis: { kind: "budget" },
            years: ys,
            combinedCost: { reduction: 0.5 },
            oneOffs,
            extras: ex,
          });
          worked.years.forEach((y, i) => {
            const due = sum([...oneOffs, ...ex].filter((o) => o.year === y.year).map((o) => o.amount));
            expect(y.oneOff).toEqual(due);
            expect(sum(worked.partners.map((p) => p.years[i].oneOff))).toEqual(due);
            for (const p of worked.partners) {
              const own = sum(ex.filter((e) => e.year === y.year && e.partner === p.partner).map((e) => e.amount));
              expect(p.years[i].extra).toEqual(own);
              if (!p.years[i].takesPart) expect(p.years[i].oneOff.isZero()).toBe(true);
            }
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
