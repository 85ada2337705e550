import fc from "fast-check";
import DecimalJs from "decimal.js";
import { Decimal, excelNumbers, shares, split, splitDetail, splitWholeNumbers } from "../../src/engine";
import { expectRuleError, pounds, total } from "./helpers";

describe("split (RULES §1)", () => {
  test("ELS programme office: £120k core-funded in six equal parts of £20k (000 §1.11, §5.1)", () => {
    const parts = split("120000", [1, 1, 1, 1, 1, 1]);
    expect(pounds(parts)).toEqual(Array(6).fill("20000.00"));
  });

  test("£100 in three: the leftover penny goes to the earlier partner on a full tie", () => {
    expect(pounds(split(100, [1, 1, 1]))).toEqual(["33.34", "33.33", "33.33"]);
  });

  test("leftover pennies go to the largest fractional remainders", () => {
    // Quotas 14.2857…, 28.5714…, 57.1428…: remainders .57, .14, .28 of a penny → first gets it.
    const parts = split(100, [1, 2, 4]);
    expect(pounds(parts)).toEqual(["14.29", "28.57", "57.14"]);
  });

  test("on equal remainders the larger weight gets the penny, wherever it stands", () => {
    // Quotas 0.5p and 1.5p: both remainders are half a penny.
    expect(pounds(split("0.02", [1, 3]))).toEqual(["0.00", "0.02"]);
    expect(pounds(split("0.02", [3, 1]))).toEqual(["0.02", "0.00"]);
  });

  test("a negative amount (an underspend, a credit) splits as the negation of the positive one", () => {
    expect(pounds(split(-100, [1, 1, 1]))).toEqual(["-33.34", "-33.33", "-33.33"]);
  });

  test("zero weights get nothing, and never a negative zero", () => {
    const parts = split(-10, [0, 1, 0, 2]);
    expect(pounds(parts)).toEqual(["0.00", "-3.33", "0.00", "-6.67"]);
    expect(parts[0].isNegative()).toBe(false);
  });

  test("other precisions: whole pounds, and £000s as in the seed tables", () => {
    expect(split(100, [1, 1, 1], { decimals: 0 }).map(String)).toEqual(["34", "33", "33"]);
    expect(split("2081", [728, 676, 677], { decimals: 0 }).map(String)).toEqual(["728", "676", "677"]);
  });

  test("the hand-built ROUND(total*w/SUM(w),2) loses a penny where split does not", () => {
    const weights = [1, 1, 1];
    const naive = weights.map((w) => Math.round((100 * w * 100) / 3) / 100);
    expect(naive.reduce((a, b) => a + b, 0)).toBeCloseTo(99.99, 10);
    expect(total(split(100, weights)).toString()).toBe("100");
  });

  test("splitDetail says which parts got a leftover penny", () => {
    const d = splitDetail(100, [1, 1, 1]);
    expect(d.roundedUp).toEqual([true, false, false]);
    expect(d.leftover).toBe(1);
  });

  test("weights given as decimals and as very large or very small numbers are exact", () => {
    const parts = split("1000000000000.00", ["0.000000000001", "123456789.123456789", "1e15"]);
    expect(total(parts).toFixed(2)).toBe("1000000000000.00");
  });

  test("the result does not depend on the caller's decimal.js settings", () => {
    const saved = DecimalJs.precision;
    DecimalJs.set({ precision: 5 });
    try {
      const parts = split(new DecimalJs("123456789.01"), [new DecimalJs("3"), 7]);
      expect(pounds(parts)).toEqual(["37037036.70", "86419752.31"]);
    } finally {
      DecimalJs.set({ precision: saved });
    }
  });

  test("shares are proportions to 10 places that sum exactly to 1", () => {
    const s = shares([1, 1, 1]);
    expect(s.map(String)).toEqual(["0.3333333334", "0.3333333333", "0.3333333333"]);
    expect(total(s).toString()).toBe("1");
  });

  describe("bad input is an error that names the item and the rule", () => {
    const cases: [string, () => unknown, string, string][] = [
      [
        "negative weight",
        () => split(10, [1, 2, -5], { labels: ["RBKC", "H&F", "WCC"] }),
        "negative",
        "weights: item 3 (WCC) is negative (-5) (RULES.md §2)",
      ],
      ["NaN weight", () => split(10, [1, NaN]), "not-a-number", "weights: item 2 is not a number (NaN) (RULES.md §2)"],
      [
        "infinite weight",
        () => split(10, [Infinity, 1]),
        "not-a-number",
        "weights: item 1 is not a number (Infinity) (RULES.md §2)",
      ],
      [
        "text weight",
        () => split(10, ["ten", 1], { field: "FTE" }),
        "not-a-number",
        "FTE: item 1 is not a number (ten) (RULES.md §2)",
      ],
      [
        "all-zero weights",
        () => split(10, [0, 0]),
        "all-zero",
        "weights: every weight is zero, so there is nothing to split by (RULES.md §2)",
      ],
      ["no weights", () => split(10, []), "empty", "weights: there are no items to split between (RULES.md §2)"],
      ["amount not a number", () => split("£10", [1]), "not-a-number", "amount: is not a number (£10) (RULES.md §1)"],
      [
        "amount finer than pence",
        () => split("100.005", [1, 1]),
        "too-precise",
        "amount: 100.005 has more than 2 decimal places, so it cannot be split into parts of that precision; round it first (RULES.md §1)",
      ],
      [
        "decimals out of range",
        () => split(10, [1], { decimals: 11 }),
        "bad-decimals",
        "decimals: must be a whole number from 0 to 10 (got 11) (RULES.md §1)",
      ],
      [
        "decimals not whole",
        () => split(10, [1], { decimals: 1.5 }),
        "bad-decimals",
        "decimals: must be a whole number from 0 to 10 (got 1.5) (RULES.md §1)",
      ],
    ];
    test.each(cases)("%s", (_name, run, code, message) => expectRuleError(run, code, message));
  });
});

// ---- properties -------------------------------------------------------------------------

/** An amount in pence from -£10bn to £10bn, as a Decimal in pounds. */
const amountArb = fc
  .bigInt({ min: -(10n ** 12n), max: 10n ** 12n })
  .map((p) => new Decimal(p.toString()).dividedBy(100));
/** A non-negative weight with up to 4 decimal places. */
const weightArb = fc
  .tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 4 }))
  .map(([n, dp]) => new Decimal(n).dividedBy(10 ** dp));
const weightsArb = fc.array(weightArb, { minLength: 1, maxLength: 30 }).filter((ws) => ws.some((w) => !w.isZero()));

describe("split properties", () => {
  test("the parts always sum exactly to the amount", () => {
    fc.assert(
      fc.property(amountArb, weightsArb, (amount, weights) => {
        expect(total(split(amount, weights)).equals(amount)).toBe(true);
      }),
    );
  });

  test("each part is within one penny of its exact quota", () => {
    fc.assert(
      fc.property(amountArb, weightsArb, (amount, weights) => {
        const parts = split(amount, weights);
        const W = total(weights);
        parts.forEach((part, i) => {
          // |part − amount·w/W| < 0.01  ⇔  |part·W − amount·w| < 0.01·W, all exact.
          const gap = part.times(W).minus(amount.times(weights[i])).abs();
          expect(gap.lessThan(W.times("0.01"))).toBe(true);
        });
      }),
    );
  });

  test("a zero weight gets zero", () => {
    fc.assert(
      fc.property(amountArb, weightsArb, fc.nat(), (amount, weights, at) => {
        const ws = [...weights];
        ws.splice(at % (ws.length + 1), 0, new Decimal(0));
        const parts = split(amount, ws);
        expect(parts[at % (weights.length + 1)].isZero()).toBe(true);
      }),
    );
  });

  test("splitting −x gives the negation of splitting x", () => {
    fc.assert(
      fc.property(amountArb, weightsArb, (amount, weights) => {
        const pos = split(amount, weights);
        const neg = split(amount.neg(), weights);
        pos.forEach((p, i) => expect(neg[i].equals(p.neg())).toBe(true));
      }),
    );
  });

  test("reordering partners with distinct weights reorders the result", () => {
    const distinct = fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(amountArb, distinct, fc.func(fc.integer()), (amount, weights, key) => {
        const order = weights.map((_, i) => i).sort((a, b) => key(a) - key(b) || a - b);
        const parts = split(amount, weights);
        const reordered = split(
          amount,
          order.map((i) => weights[i]),
        );
        order.forEach((i, k) => expect(reordered[k].equals(parts[i])).toBe(true));
      }),
    );
  });

  test("the same input always gives the same output", () => {
    fc.assert(
      fc.property(amountArb, weightsArb, fc.integer({ min: 0, max: 4 }), (amount, weights, decimals) => {
        const a = split(amount, weights, { decimals: Math.max(decimals, 2) });
        const b = split(
          new Decimal(amount.toString()),
          weights.map((w) => w.toString()),
          { decimals: Math.max(decimals, 2) },
        );
        expect(a.map(String)).toEqual(b.map(String));
      }),
    );
  });
});

// ---- the two integer paths ----------------------------------------------------------------

describe("split's fast path (numbers below 2^53) and BigInt path agree", () => {
  const LIMIT = BigInt(Number.MAX_SAFE_INTEGER);
  /** Everything a split returns, as text, to compare two splits exactly. */
  const outcome = (d: ReturnType<typeof splitDetail>) => ({
    parts: d.parts.map(String),
    roundedUp: d.roundedUp,
    leftover: d.leftover,
  });
  const both = (amount: Decimal | string | number, weights: readonly (Decimal | string | number)[], decimals = 2) => {
    const fast = splitDetail(amount, weights, { decimals });
    const big = splitDetail(amount, weights, { decimals, integers: "bigint" });
    expect(big.integers).toBe("bigint");
    expect(outcome(fast)).toEqual(outcome(big));
    return fast;
  };

  test("the seed examples: same parts either way, on the fast path", () => {
    // 003 ch. 9(a): the Youth Offending Service's combined £1,650,000 on revised budgets (£000s).
    expect(pounds(both(1650000, [447, 596, 607]).parts)).toEqual(["447000.00", "596000.00", "607000.00"]);
    // 000 §1.11: the ELS programme office, £120k in six.
    expect(pounds(both(120000, [1, 1, 1, 1, 1, 1]).parts)).toEqual(Array(6).fill("20000.00"));
    // 003 ch. 9(a): £100,000 transitional cost by net reductions 281,000 / 80,000 / 70,000.
    expect(pounds(both(100000, [281000, 80000, 70000]).parts)).toEqual(["65197.22", "18561.48", "16241.30"]);
    // ROUND(100/3, 2) loses a penny; split does not.
    expect(pounds(both(100, [1, 1, 1]).parts)).toEqual(["33.34", "33.33", "33.33"]);
    // 003 ch. 9(a) Table 1: baselines 728 / 676 / 677 (£000s) split in whole thousands.
    expect(both("2081", [728, 676, 677], 0).parts.map(String)).toEqual(["728", "676", "677"]);
    expect(both(1650000, [447, 596, 607]).integers).toBe("number");
  });

  /** Integer weights (scaled by 10^places) with a known total W. */
  const scaledWeights = fc
    .tuple(
      fc.array(fc.bigInt({ min: 0n, max: 10n ** 13n }), { minLength: 1, maxLength: 12 }),
      fc.integer({ min: 0, max: 6 }),
    )
    .filter(([ws]) => ws.some((w) => w > 0n));

  test("on amounts either side of 2^53 / W, the path changes exactly there and the result does not", () => {
    fc.assert(
      fc.property(
        scaledWeights,
        fc.integer({ min: -3, max: 3 }),
        fc.integer({ min: 0, max: 4 }),
        fc.boolean(),
        ([ws, places], offset, decimals, negative) => {
          const W = ws.reduce((a, b) => a + b, 0n);
          // The largest amount (in units of the last decimal place) the fast path may take.
          const edge = W <= LIMIT ? LIMIT / W - 1n : 0n;
          const units = edge + BigInt(offset) > 0n ? edge + BigInt(offset) : 1n;
          const amount = new Decimal(units.toString()).dividedBy(10 ** decimals).times(negative ? -1 : 1);
          const weights = ws.map((w) => new Decimal(w.toString()).dividedBy(10 ** places));
          const d = both(amount, weights, decimals);
          // Weights are scaled by the most places any of them has, which may be fewer than `places`.
          const scale = Math.max(...weights.map((w) => w.decimalPlaces()));
          const scaled = weights.map((w) => BigInt(w.times(10 ** scale).toFixed(0))).reduce((a, b) => a + b, 0n);
          expect(d.integers).toBe((units + 1n) * scaled <= LIMIT ? "number" : "bigint");
          expect(total(d.parts).equals(amount)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  test("on ties: the same partner gets the leftover penny either way", () => {
    const few = fc
      .array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 8 })
      .filter((ws) => ws.some((w) => w > 0));
    fc.assert(
      fc.property(fc.integer({ min: -500, max: 500 }), few, (pence, ws) => {
        both(new Decimal(pence).dividedBy(100), ws);
      }),
      { numRuns: 500 },
    );
  });

  test("on random amounts and weights, small and huge", () => {
    const amount = fc.oneof(
      amountArb,
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map((p) => new Decimal(p.toString()).dividedBy(100)),
    );
    fc.assert(
      fc.property(amount, weightsArb, (a, ws) => {
        both(a, ws);
      }),
      { numRuns: 300 },
    );
  });
});

describe("splitWholeNumbers (integers in, as the Excel adapter holds them)", () => {
  const LIMIT = BigInt(Number.MAX_SAFE_INTEGER);
  /** Whole-number weights from 0 to 2^45, at least one above zero. */
  const wholeWeights = fc
    .array(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 2 ** 45 })), {
      minLength: 1,
      maxLength: 40,
    })
    .filter((ws) => ws.some((w) => w > 0));

  test("gives the BigInt path's parts wherever every product stays below 2^53, and undefined beyond", () => {
    fc.assert(
      fc.property(
        wholeWeights,
        fc.integer({ min: -3, max: 3 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 10 ** 9 }),
        fc.boolean(),
        (ws, offset, atEdge, pence, negative) => {
          const W = BigInt(ws.reduce((a, b) => a + b, 0));
          // Either an amount either side of the edge 2^53 / W - 1, or an everyday one.
          const edge = LIMIT / W - 1n;
          const units = atEdge ? (edge + BigInt(offset) > 0n ? edge + BigInt(offset) : 0n) : BigInt(pence);
          if (units > LIMIT) return;
          const signed = Number(units) * (negative ? -1 : 1);
          const parts = splitWholeNumbers(signed, ws);
          const expected = splitDetail(new Decimal(signed).dividedBy(100), ws, { integers: "bigint" }).units;
          if ((units + 1n) * W <= LIMIT) {
            expect(parts?.map(String)).toEqual(expected.map(String));
            // Never a negative zero: Excel would keep it.
            expect(parts?.some((p) => Object.is(p, -0))).toBe(false);
          } else expect(parts).toBeUndefined();
        },
      ),
      { numRuns: 1000 },
    );
  });

  test("anything but the plain case is left to splitDetail: no weights, all zero, negative or fractional", () => {
    expect(splitWholeNumbers(100, [])).toBeUndefined();
    expect(splitWholeNumbers(100, [0, 0])).toBeUndefined();
    expect(splitWholeNumbers(100, [1, -1, 2])).toBeUndefined();
    expect(splitWholeNumbers(100, [1, 0.5])).toBeUndefined();
    expect(splitWholeNumbers(100.5, [1, 1])).toBeUndefined();
    expect(splitWholeNumbers(NaN, [1, 1])).toBeUndefined();
    expect(splitWholeNumbers(10000, [1, 1, 1])).toEqual([3334, 3333, 3333]);
    // A weight of -0 (as a cell may hold) is a zero weight, and its part 0, not -0.
    expect(Object.is(splitWholeNumbers(10000, [1, -0, 1])?.[1], 0)).toBe(true);
  });
});

describe("excelNumbers", () => {
  test("gives each part as the number Decimal's toNumber gives, on either path", () => {
    fc.assert(
      fc.property(amountArb, weightsArb, fc.integer({ min: 2, max: 10 }), fc.boolean(), (amount, ws, decimals, big) => {
        const d = splitDetail(amount, ws, { decimals, integers: big ? "bigint" : "auto" });
        expect(excelNumbers(d)).toEqual(d.parts.map((p) => p.toNumber()));
      }),
      { numRuns: 300 },
    );
  });
});
