/**
 * The SHARED functions called as Excel calls them: scalars as values, ranges as rows of cells,
 * optional arguments left out as null, and last the invocation with the arguments' addresses.
 * Results are compared with the engine's own results for the same inputs, or with the seed
 * reports' printed figures.
 */
import fc from "fast-check";
import {
  Decimal,
  apportionByWeights,
  attributeVariance,
  phase,
  shareTransitionalCost,
  shares as engineShares,
  split,
} from "../../src/engine";
import {
  apportion,
  breakeven,
  equal,
  partyear,
  profile,
  shares,
  transition,
  variance,
} from "../../src/functions/functions";
import { toExcelError } from "../../src/functions/excel-errors";
import { asNumbers, exactSum } from "./cell-values";
import { ExcelError, at, excelErrorOf, installRuntime } from "./runtime";

installRuntime();
const none = at();

/** Expects the call to give Excel this error code and exactly this message. */
function expectExcelError(call: () => unknown, code: string, message: string): void {
  const error = excelErrorOf(call);
  expect(error).toBeInstanceOf(ExcelError);
  expect({ code: error.code, message: error.message }).toEqual({ code, message });
}

describe("SHARED.APPORTION", () => {
  test("the ELS programme office: £120,000 in six £20,000 parts, in a row as given (000 §1.11, §5.1)", () => {
    expect(apportion(120000, [[1, 1, 1, 1, 1, 1]], null!, null!, null, none)).toEqual([
      [20000, 20000, 20000, 20000, 20000, 20000],
    ]);
  });

  test("a column in gives a column out, and a block its own shape", () => {
    expect(apportion(100, [[1], [1], [1]], null!, null!, null, none)).toEqual([[33.34], [33.33], [33.33]]);
    const block = apportion(
      1000,
      [
        [1, 2],
        [3, 4],
      ],
      null!,
      null!,
      null,
      none,
    );
    expect(block).toEqual([
      [100, 200],
      [300, 400],
    ]);
  });

  test("any amount and weights: the parts add up to the amount and are the engine's split", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 33 })
          .filter((w) => w.some((x) => x > 0)),
        (pence, hundredths) => {
          const amount = pence / 100;
          const weights = hundredths.map((h) => h / 100);
          const [row] = apportion(amount, [weights], null!, null!, null, none);
          expect(exactSum(row).times(100).toNumber()).toBe(pence);
          expect(row).toEqual(
            asNumbers(
              split(
                new Decimal(pence).dividedBy(100),
                hundredths.map((h) => new Decimal(h).dividedBy(100)),
              ),
            ),
          );
        },
      ),
    );
  });

  test("quality factors multiply the weights, and a blank factor is 1", () => {
    const [row] = apportion(90000, [[10, 20, 30]], [[1.5, null, 0.5]], null!, null, none);
    const expected = apportionByWeights(90000, ["a", "b", "c"], [15, 20, 15]).lines.map((l) => l.amount);
    expect(row).toEqual(asNumbers(expected));
  });

  test("a partner left out gets 0 and the rest is split among the others, even if its weight is blank", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.boolean()), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        (partners, pence) => {
          fc.pre(partners.some(([, on]) => on));
          const weights = partners.map(([w, on]) => (on ? w : null));
          const include = partners.map(([, on]) => on);
          const [row] = apportion(pence / 100, [weights], null!, [include], null, none);
          const inWeights = partners.filter(([, on]) => on).map(([w]) => w);
          const inParts = asNumbers(split(new Decimal(pence).dividedBy(100), inWeights));
          expect(row.filter((_, i) => !include[i])).toEqual(include.filter((on) => !on).map(() => 0));
          expect(row.filter((_, i) => include[i])).toEqual(inParts);
        },
      ),
    );
  });

  test("include flags may be numbers (0 is FALSE), as in Excel's FILTER", () => {
    expect(apportion(100, [[1, 1, 1]], null!, [[1, 0, 1]], null, none)).toEqual([[50, 0, 50]]);
  });

  test("decimals: 0 gives whole pounds that still add up", () => {
    expect(apportion(100, [[1, 1, 1]], null!, null!, 0, none)).toEqual([[34, 33, 33]]);
  });

  test("a blank amount is £0; a calculated amount's float noise is not a fraction of a penny", () => {
    expect(apportion(null, [[1, 2]], null!, null!, null, none)).toEqual([[0, 0]]);
    expect(apportion(0.1 + 0.2, [[1, 1]], null!, null!, null, none)).toEqual([[0.15, 0.15]]);
  });

  test("errors name the argument, the item and the cell, and the rule", () => {
    const addresses = at("Budget!A2", "Budget!B2:D2", "Budget!B3:D3", "Budget!B4:D4");
    expectExcelError(
      () => apportion(100, [[1, -5, 1]], null!, null!, null, addresses),
      "#VALUE!",
      "weights: item 2 (Budget!C2) is negative (-5) (RULES.md §2)",
    );
    expectExcelError(
      () => apportion(100, [[1, 1, "n/a"]], null!, null!, null, addresses),
      "#VALUE!",
      'weights: item 3 (Budget!D2) is text ("n/a"), not a number; retype it as a number (RULES.md §2)',
    );
    expectExcelError(
      () => apportion(100, [[1, null, 1]], null!, null!, null, addresses),
      "#VALUE!",
      "weights: item 2 (Budget!C2) is blank; enter a number (RULES.md §2)",
    );
    expectExcelError(
      () => apportion(100, [[1, 1, 1]], [[1, true, 1]], null!, null, addresses),
      "#VALUE!",
      "quality: item 2 (Budget!C3) is TRUE, not a number (RULES.md §2)",
    );
    expectExcelError(
      () => apportion(100, [[1, 1, 1]], null!, [[true, null, true]], null, addresses),
      "#VALUE!",
      "include: item 2 (Budget!C4) is blank; enter TRUE to include the partner or FALSE to leave it out (RULES.md §2)",
    );
    expectExcelError(
      () => apportion(100, [[0, 0, 0]], null!, null!, null, addresses),
      "#VALUE!",
      "weights: every weight is zero, so there is nothing to split by (RULES.md §2)",
    );
    expectExcelError(
      () => apportion(100, [[1, 1, 1]], null!, [[false, false, false]], null, addresses),
      "#VALUE!",
      "include: leaves out every partner, so there is no one to split between (RULES.md §2)",
    );
    expectExcelError(
      () => apportion(100, [[1, 1, 1]], [[1], [1], [1]], null!, null, addresses),
      "#VALUE!",
      "quality: is 3 rows × 1 column but weights is 1 row × 3 columns; give one value for each cell of weights, in the same shape (RULES.md §2)",
    );
    expectExcelError(
      () => apportion(100 / 3, [[1, 1, 1]], null!, null!, null, addresses),
      "#VALUE!",
      "amount: 33.3333333333333 has more than 2 decimal places, so it cannot be split into parts of that precision; round it first (RULES.md §1)",
    );
    expectExcelError(
      () => apportion(100, [[1, 1]], null!, null!, 11, addresses),
      "#VALUE!",
      "decimals: must be a whole number from 0 to 10 (got 11) (RULES.md §1)",
    );
  });

  test("without addresses (an array constant), errors still say which item", () => {
    expectExcelError(
      () => apportion(100, [[1, -5]], null!, null!, null, none),
      "#VALUE!",
      "weights: item 2 is negative (-5) (RULES.md §2)",
    );
  });
});

describe("SHARED.SHARES", () => {
  test("proportions to 10 places that add up to exactly 1, as the engine gives them", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 33 }), (weights) => {
        fc.pre(weights.some((w) => w > 0));
        const [row] = shares([weights], null!, null!, none);
        expect(exactSum(row).toString()).toBe("1");
        expect(row).toEqual(asNumbers(engineShares(weights)));
      }),
    );
  });

  test("with quality factors and partners left out", () => {
    expect(shares([[1], [1], [2]], [[2], [1], [1]], [[true], [true], [false]], none)).toEqual([
      [0.6666666667],
      [0.3333333333],
      [0],
    ]);
  });
});

describe("SHARED.EQUAL", () => {
  test("a count of partners gives a row of equal parts; the ELS programme office (000 §5.1)", () => {
    expect(equal(120000, [[6]], null, none)).toEqual([[20000, 20000, 20000, 20000, 20000, 20000]]);
    expect(equal(100, [[3]], null, none)).toEqual([[33.34, 33.33, 33.33]]);
  });

  test("a range of names gives parts in its shape", () => {
    expect(equal(100, [["Westminster"], ["Kensington & Chelsea"], ["Hammersmith & Fulham"]], null, none)).toEqual([
      [33.34],
      [33.33],
      [33.33],
    ]);
  });

  test("every count: the parts differ by at most a penny and add up", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_00 }), fc.integer({ min: 1, max: 40 }), (pence, n) => {
        const [row] = equal(pence / 100, [[n]], null, none);
        expect(row).toHaveLength(n);
        expect(exactSum(row).times(100).toNumber()).toBe(pence);
        expect(Math.round((Math.max(...row) - Math.min(...row)) * 100)).toBeLessThanOrEqual(1);
      }),
    );
  });

  test("errors: a blank or repeated name, a count that is not whole", () => {
    const addresses = at("A1", "Partners!B1:D1");
    expectExcelError(
      () => equal(100, [["WCC", null, "RBKC"]], null, addresses),
      "#VALUE!",
      "partners: item 2 (Partners!C1) is blank; give each partner's name (RULES.md §2)",
    );
    expectExcelError(
      () => equal(100, [["WCC", "RBKC", "WCC"]], null, addresses),
      "#VALUE!",
      "partners: item 3 (WCC) is listed more than once (RULES.md §2)",
    );
    expectExcelError(
      () => equal(100, [[2.5]], null, addresses),
      "#VALUE!",
      "partners: must be a whole number from 1 to 16384 (got 2.5) (RULES.md §2)",
    );
  });
});

describe("SHARED.TRANSITION", () => {
  // Youth Offending Service (003 ch. 9(a)): original and revised net budgets.
  const baselines = [[728000, 676000, 677000]];
  const newCosts = [[447000, 596000, 607000]];

  test("a one-off cost shared by net reduction in spending, as the engine shares it", () => {
    const [row] = transition(100000, baselines, newCosts, null, none);
    const engine = shareTransitionalCost({
      cost: 100000,
      partners: [0, 1, 2].map((i) => ({ partner: `p${i}`, baseline: baselines[0][i], newCost: newCosts[0][i] })),
    });
    expect(row).toEqual(asNumbers(engine.lines.map((l) => l.total)));
    expect(exactSum(row).toString()).toBe("100000");
    // 281 : 80 : 70 of 431.
    expect(row[0]).toBeGreaterThan(row[1]);
    expect(row[1]).toBeGreaterThan(row[2]);
  });

  test("a partner whose spending rises bears none", () => {
    expect(transition(1000, [[100], [100]], [[50], [150]], null, none)).toEqual([[1000], [0]]);
  });

  test("errors: mismatched ranges, no reduction at all", () => {
    expectExcelError(
      () => transition(1000, [[100, 100]], [[50]], null, at("A1", "B1:C1", "B2")),
      "#VALUE!",
      "new_costs: is 1 row × 1 column but baselines is 1 row × 2 columns; give one value for each cell of baselines, in the same shape (RULES.md §4)",
    );
    expectExcelError(
      () => transition(1000, [[100, 100]], [[100, 120]], null, none),
      "#VALUE!",
      "transitional cost: no partner's spending falls, so nothing justifies the one-off cost (RULES.md §4)",
    );
  });
});

describe("SHARED.VARIANCE", () => {
  const expected = [[447000, 596000, 607000]];
  const engine = (
    cause: "demand" | "specification" | "indirect",
    policy?: "host-bears" | "share-now",
    responsible?: string,
  ) =>
    attributeVariance({
      amount: 10000,
      cause,
      policy,
      responsible,
      expected: ["a", "b", "c"].map((partner, i) => ({ partner, expected: expected[0][i] })),
    }).lines;

  test("demand: shared by expected costs", () => {
    expect(variance(10000, expected, "demand", null, null, null, none)).toEqual([
      asNumbers(engine("demand").map((l) => l.inYear)),
    ]);
  });

  test("specification: the partner that changed it bears it all", () => {
    expect(variance(10000, expected, "Specification", 2, null, null, none)).toEqual([[0, 10000, 0]]);
  });

  test("indirect-host: the host bears it this year; next year's calls move the others' shares to them", () => {
    const lines = engine("indirect", "host-bears", "a");
    expect(variance(10000, expected, "indirect-host", 1, null, null, none)).toEqual([[10000, 0, 0]]);
    const next = variance(10000, expected, "indirect-host", 1, "next-year", null, none);
    expect(next).toEqual([asNumbers(lines.map((l) => l.nextYear))]);
    expect(exactSum(next[0]).toString()).toBe("0");
    expect(variance(10000, expected, "indirect-host", 1, "total", null, none)).toEqual([
      asNumbers(lines.map((l) => l.total)),
    ]);
  });

  test("indirect-shared: shared now by expected costs", () => {
    expect(variance(10000, expected, "indirect-shared", 1, null, null, none)).toEqual([
      asNumbers(engine("indirect", "share-now", "a").map((l) => l.inYear)),
    ]);
    // Shared now, no partner carries it alone, so no host need be given.
    expect(variance(10000, expected, "indirect-shared", null, null, null, none)).toEqual(
      variance(10000, expected, "indirect-shared", 1, null, null, none),
    );
  });

  test("errors: an unknown or blank cause, a missing or impossible responsible partner, an unknown year", () => {
    expectExcelError(
      () => variance(10000, expected, "weather", null, null, null, none),
      "#VALUE!",
      'cause: must be one of "demand", "quality", "direct", "specification", "indirect-host", "indirect-shared" (got "weather") (RULES.md §3)',
    );
    expectExcelError(
      () => variance(10000, expected, null, null, null, null, none),
      "#VALUE!",
      "cause: is blank; give one of demand, quality, direct, specification, indirect-host, indirect-shared (RULES.md §3)",
    );
    expectExcelError(
      () => variance(10000, expected, "specification", null, null, null, none),
      "#VALUE!",
      "responsible: is blank; give the position (1 to 3) of the partner that changed its specification in expected_costs (RULES.md §3)",
    );
    expectExcelError(
      () => variance(10000, expected, "indirect-host", 4, null, null, none),
      "#VALUE!",
      "responsible: must be a whole number from 1 to 3 (got 4) (RULES.md §3)",
    );
    expectExcelError(
      () => variance(10000, expected, "demand", null, "last-year", null, none),
      "#VALUE!",
      'year: must be one of "in-year", "next-year", "total" (got "last-year") (RULES.md §3)',
    );
  });
});

describe("SHARED.PROFILE", () => {
  test("adult social care: £8,893,000 phased 10% / 45% / 45% (003 ch. 9(b) §8.1)", () => {
    expect(profile(8893000, [[0.1, 0.45, 0.45]], null, null, none)).toEqual([[889300, 4001850, 4001850]]);
    expect(profile(8893000, [[0.1], [0.45], [0.45]], "cumulative", null, none)).toEqual([
      [889300],
      [4891150],
      [8893000],
    ]);
  });

  test("any phasing that adds up to 100%: the years add up to the saving, as the engine phases it", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 0, max: 10_000_000_00 }),
        (raw, pence) => {
          const total = raw.reduce((a, b) => a + b, 0);
          fc.pre(total > 0);
          // Percentages with up to 4 decimal places that add up to exactly 100%.
          const pct = split(1, raw, { decimals: 6 });
          const [row] = profile(pence / 100, [pct.map((p) => p.toNumber())], null, null, none);
          expect(exactSum(row).times(100).toNumber()).toBe(pence);
          expect(row).toEqual(asNumbers(phase(new Decimal(pence).dividedBy(100), pct, "2011/12").map((y) => y.amount)));
        },
      ),
    );
  });

  test("a blank year is 0%", () => {
    expect(profile(1000, [[0.5, null, 0.5]], null, null, none)).toEqual([[500, 0, 500]]);
  });

  test("errors: whole numbers for percentages, phasing short of 100%", () => {
    expectExcelError(
      () => profile(1000, [[10, 45, 45]], null, null, none),
      "#VALUE!",
      "phasing: adds up to 100, not 100%: enter each year as a percentage (10%) or a fraction (0.1), not a whole number (10) (RULES.md §6)",
    );
    expectExcelError(
      () => profile(1000, [[0.1, 0.45, 0.4]], null, null, none),
      "#VALUE!",
      "phasing: adds up to 95%, 5% short of 100% (RULES.md §6)",
    );
    expectExcelError(
      () => profile(1000, [[0.5, 0.5]], "annual", null, none),
      "#VALUE!",
      'view: must be one of "incremental", "cumulative" (got "annual") (RULES.md §6)',
    );
  });
});

describe("SHARED.PARTYEAR", () => {
  test("the LSCB: £173,000 a year from September 2011 is £100,916.67 in its first year (003 ch. 9)", () => {
    expect(partyear(173000, 9, 2, null, null, none)).toEqual([[100916.67, 72083.33]]);
    expect(partyear(173000, 9, 3, "cumulative", null, none)).toEqual([[100916.67, 173000, 173000]]);
  });

  test("a date gives its month: 1 September 2011 is Excel's day 40787", () => {
    expect(partyear(173000, 40787, 2, null, null, none)).toEqual(partyear(173000, 9, 2, null, null, none));
    // 31 March 2012 (day 40999): one month left in the year.
    expect(partyear(1200, 40999, 1, null, null, none)).toEqual([[100]]);
  });

  test("errors: a month that is neither 1–12 nor a date, a number of years out of range", () => {
    expectExcelError(
      () => partyear(1000, 13, 2, null, null, at("A1", "Rules!C4")),
      "#VALUE!",
      "start_month: Rules!C4 must be a month from 1 (January) to 12 (December) or a date (got 13) (RULES.md §6)",
    );
    expectExcelError(
      () => partyear(1000, 4, 0, null, null, none),
      "#VALUE!",
      "years: must be a whole number from 1 to 100 (got 0) (RULES.md §6)",
    );
  });
});

describe("SHARED.BREAKEVEN", () => {
  // ICT (003 ch. 9(d) §6), £000s: gross 0/2,700/5,300/8,660/9,860 less investment 600/2,000/2,000/0/0.
  const net = [[-600, 700, 3300, 8660, 9860]];
  const years = [["2011/12", "2012/13", "2013/14", "2014/15", "2015/16"]];

  test("ICT breaks even in its second year, 2012/13", () => {
    expect(breakeven(net, null!, none)).toEqual([[2]]);
    expect(breakeven(net, years, none)).toEqual([["2012/13"]]);
    expect(breakeven([[-600], [700]], [[2011], [2012]], none)).toEqual([[2012]]);
  });

  test("a profile in credit from the start breaks even in year 1", () => {
    expect(breakeven([[0, -5]], null!, none)).toEqual([[1]]);
  });

  test("never breaking even is #N/A, saying where cumulative net ends", () => {
    expectExcelError(
      () => breakeven([[-600, 100, 200]], null!, none),
      "#N/A",
      "net: cumulative net never reaches zero over the 3 years (it ends at -300) (RULES.md §6)",
    );
  });

  test("errors: a blank net year, labels in another shape", () => {
    expectExcelError(
      () => breakeven([[-600, null]], null!, at("Profile!B9:C9")),
      "#VALUE!",
      "net: item 2 (Profile!C9) is blank; enter a number (RULES.md §6)",
    );
    expectExcelError(
      () => breakeven(net, [["2011/12"]], none),
      "#VALUE!",
      "years: is 1 row × 1 column but net is 1 row × 5 columns; give one value for each cell of net, in the same shape (RULES.md §6)",
    );
  });
});

describe("errors reaching Excel", () => {
  test("anything unexpected is still a #VALUE! with a message, never a raw exception", () => {
    const error = toExcelError(new TypeError("x is undefined"), "APPORTION") as unknown as ExcelError;
    expect(error).toBeInstanceOf(ExcelError);
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toBe(
      "SHARED.APPORTION failed unexpectedly (x is undefined); please report it with the inputs that caused it",
    );
  });
});
