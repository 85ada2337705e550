import fc from "fast-check";
import {
  Decimal,
  formatYear,
  inView,
  monthsRemaining,
  partYear,
  phase,
  phasingBreach,
  profileChange,
  readProfile,
  slip,
  toCumulative,
  toIncremental,
  yearSequence,
} from "../../src/engine";
import { expectRuleError, pounds, total } from "./helpers";

const amounts = (p: readonly { amount: Decimal }[]): string[] => pounds(p.map((y) => y.amount));
const years = (p: readonly { year: string }[]): string[] => p.map((y) => y.year);

/** An arbitrary profile: 1–12 consecutive years of whole pence, savings or costs. */
const profileArb = fc
  .tuple(
    fc.integer({ min: 2000, max: 2090 }),
    fc.array(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), { minLength: 1, maxLength: 12 }),
  )
  .map(([first, pence]) =>
    pence.map((p, i) => ({ year: formatYear(first + i), amount: new Decimal(p.toString()).dividedBy(100) })),
  );

describe("phasing a saving over years (RULES §6)", () => {
  test("adult social care: 10% in 2011/12, the other 90% evenly over 2012/13 and 2013/14 (003 ch. 9(b) §8.1)", () => {
    // 50% of the £17,786k overheads is £8,893k (003 ch. 9(b) Table I and §7.1).
    const p = phase(8893000, ["0.1", "0.45", "0.45"], "2011/12");
    expect(years(p)).toEqual(["2011/12", "2012/13", "2013/14"]);
    expect(amounts(p)).toEqual(["889300.00", "4001850.00", "4001850.00"]);
  });

  test("pennies left over go to the largest remainders, so the years sum exactly", () => {
    expect(amounts(phase(100, ["0.25", "0.375", "0.375"], "2012/13"))).toEqual(["25.00", "37.50", "37.50"]);
    const thirds = ["0.3333333333", "0.3333333333", "0.3333333334"];
    // Quotas 33.33333333, 33.33333333, 33.33333334: the last has the largest remainder.
    expect(amounts(phase(100, thirds, "2012/13"))).toEqual(["33.33", "33.33", "33.34"]);
    // 5p: quotas 0.5p, 2.25p, 2.25p → floors 0, 2, 2; the leftover penny goes to the 0.5p remainder.
    expect(amounts(phase("0.05", ["0.1", "0.45", "0.45"], "2011/12"))).toEqual(["0.01", "0.02", "0.02"]);
  });

  test("a year may be phased at 0%, and a negative amount (a cost) phases symmetrically", () => {
    expect(amounts(phase(-1000, ["0", "0.5", "0.5"], "2011/12"))).toEqual(["0.00", "-500.00", "-500.00"]);
  });

  test("phasing that does not add up to 100% says by how much it is off", () => {
    expectRuleError(
      () => phase(100, ["0.1", "0.45", "0.4"], "2011/12"),
      "bad-phasing",
      "phasing: adds up to 95%, 5% short of 100% (RULES.md §6)",
    );
    expectRuleError(
      () => phase(100, ["0.1", "0.45", "0.455"], "2011/12"),
      "bad-phasing",
      "phasing: adds up to 100.5%, 0.5% over 100% (RULES.md §6)",
    );
    // Whole-number percentages typed where fractions are expected are caught the same way.
    expectRuleError(
      () => phase(100, [10, 45, 45], "2011/12"),
      "bad-phasing",
      "phasing: adds up to 10000%, 9900% over 100% (RULES.md §6)",
    );
  });

  test("the phasing rule's checker, which the reader also applies, gives the breach as data", () => {
    const d = (xs: string[]): Decimal[] => xs.map((x) => new Decimal(x));
    expect(phasingBreach(d(["0.1", "0.45", "0.45"]))).toBeUndefined();
    expect(phasingBreach(d(["0.1", "0.45", "0.4"]))).toEqual({
      code: "bad-phasing",
      detail: "adds up to 95%, 5% short of 100%",
    });
    expect(phasingBreach(d(["0.6", "0.6"]))).toEqual({ code: "bad-phasing", detail: "adds up to 120%, 20% over 100%" });
  });

  test("errors: negative or non-numeric phasing, no years, a bad first year, too many decimals", () => {
    expectRuleError(
      () => phase(100, ["1.1", "-0.1"], "2011/12"),
      "negative",
      "phasing: item 2 is negative (-0.1) (RULES.md §6)",
    );
    expectRuleError(
      () => phase(100, ["half", "0.5"], "2011/12"),
      "not-a-number",
      "phasing: item 1 is not a number (half) (RULES.md §6)",
    );
    expectRuleError(() => phase(100, [], "2011/12"), "empty", "phasing: has no years (RULES.md §6)");
    expectRuleError(
      () => phase(100, ["1"], "2011"),
      "bad-year",
      'first year: "2011" is not a financial year like 2011/12 (RULES.md §6)',
    );
    expectRuleError(
      () => phase("100.005", ["1"], "2011/12"),
      "too-precise",
      "amount: 100.005 has more than 2 decimal places, so it cannot be split into parts of that precision; round it first (RULES.md §1)",
    );
  });

  test("property: the years of a phased saving sum exactly to it, each within a penny of its quota", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }),
        fc
          .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 10 })
          .filter((w) => w.some((x) => x > 0)),
        (pence, raw) => {
          const amount = new Decimal(pence.toString()).dividedBy(100);
          // Turn arbitrary weights into percentages that sum to exactly 100% (10 places).
          const sumRaw = raw.reduce((a, b) => a + b, 0);
          const fractions = raw.map((w) => new Decimal(w).dividedBy(sumRaw).toDecimalPlaces(10, Decimal.ROUND_DOWN));
          const short = new Decimal(1).minus(total(fractions));
          fractions[raw.findIndex((w) => w > 0)] = fractions[raw.findIndex((w) => w > 0)].plus(short);
          const p = phase(amount, fractions, "2011/12");
          expect(total(p.map((y) => y.amount)).equals(amount)).toBe(true);
          p.forEach((y, i) => expect(y.amount.minus(amount.times(fractions[i])).abs().lessThan("0.01")).toBe(true));
        },
      ),
    );
  });
});

describe("part-year effect (RULES §6)", () => {
  test("months remaining in an April–March year", () => {
    expect([4, 5, 9, 12, 1, 3].map((m) => monthsRemaining(m))).toEqual([12, 11, 7, 4, 3, 1]);
  });

  test("Local Safeguarding Children Board: £173,000 a year from September 2011 (003 ch. 9)", () => {
    // Current net 271,000 less the proposal's 98,000 = 173,000 a full year. The report shows
    // 101,000 in 2011/12 (the joint board starts in September: 7/12 = 100,916.67) and 173,000 in 2012/13.
    const saving = 271000 - 98000;
    const cumulative = partYear(saving, 9, "2011/12", 2, { view: "cumulative" });
    expect(amounts(cumulative)).toEqual(["100916.67", "173000.00"]);
    expect(cumulative[0].amount.dividedBy(1000).toDecimalPlaces(0).toString()).toBe("101");
    // The MTFS lines: what is new in each year.
    expect(amounts(partYear(saving, 9, "2011/12", 3))).toEqual(["100916.67", "72083.33", "0.00"]);
  });

  test("a start in April is a full year at once; a start in March saves one month", () => {
    expect(amounts(partYear(1200, 4, "2012/13", 2))).toEqual(["1200.00", "0.00"]);
    expect(amounts(partYear(1200, 3, "2012/13", 2))).toEqual(["100.00", "1100.00"]);
  });

  test("errors: a month outside 1–12, a bad number of years, a non-numeric amount", () => {
    expectRuleError(
      () => partYear(100, 13, "2011/12", 2),
      "bad-month",
      "start month: must be a month from 1 (January) to 12 (December) (got 13) (RULES.md §6)",
    );
    expectRuleError(
      () => partYear(100, 4, "2011/12", 0),
      "bad-sequence",
      "years: must be a whole number of years, 1 or more (got 0) (RULES.md §6)",
    );
    expectRuleError(
      () => partYear("£173k", 4, "2011/12", 2),
      "not-a-number",
      "annual amount: is not a number (£173k) (RULES.md §1)",
    );
  });

  test("property: the part-year saving reaches the full annual amount from the second year", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 2, max: 8 }),
        (pence, month, count) => {
          const annual = new Decimal(pence.toString()).dividedBy(100);
          const inc = partYear(annual, month, "2015/16", count);
          const cum = partYear(annual, month, "2015/16", count, { view: "cumulative" });
          expect(total(inc.map((y) => y.amount)).equals(annual)).toBe(true);
          cum.slice(1).forEach((y) => expect(y.amount.equals(annual)).toBe(true));
          expect(
            cum[0].amount
              .minus(annual.times(monthsRemaining(month)).dividedBy(12))
              .abs()
              .lessThanOrEqualTo("0.005"),
          ).toBe(true);
        },
      ),
    );
  });
});

describe("incremental and cumulative views (RULES §6)", () => {
  test("ICT gross savings: in force each year ↔ new each year (003 ch. 9(d) §6, £000s)", () => {
    const inForce = yearSequence("2011/12", 5).map((year, i) => ({ year, amount: [0, 2700, 5300, 8660, 9860][i] }));
    const newEachYear = toIncremental(inForce);
    expect(newEachYear.map((y) => y.amount.toNumber())).toEqual([0, 2700, 2600, 3360, 1200]);
    expect(toCumulative(newEachYear).map((y) => y.amount.toNumber())).toEqual([0, 2700, 5300, 8660, 9860]);
    expect(inView(newEachYear, "cumulative").map((y) => y.amount.toNumber())).toEqual([0, 2700, 5300, 8660, 9860]);
  });

  test("property: the two views round-trip exactly, and the last cumulative year is the incremental total", () => {
    fc.assert(
      fc.property(profileArb, (p) => {
        const back = toIncremental(toCumulative(p));
        expect(back.map((y) => y.amount.toString())).toEqual(p.map((y) => y.amount.toString()));
        expect(toCumulative(toIncremental(p)).map((y) => y.amount.toString())).toEqual(
          p.map((y) => y.amount.toString()),
        );
        expect(
          toCumulative(p)
            .at(-1)!
            .amount.equals(total(p.map((y) => y.amount))),
        ).toBe(true);
      }),
    );
  });

  test("years that must run one after another", () => {
    expectRuleError(
      () =>
        toCumulative([
          { year: "2011/12", amount: 1 },
          { year: "2013/14", amount: 1 },
        ]),
      "bad-sequence",
      "incremental profile: item 2 2013/14 does not follow 2011/12; years must run one after another (RULES.md §6)",
    );
    expectRuleError(
      () => readProfile([{ year: "2011/12", amount: "n/a" }]),
      "not-a-number",
      "profile: item 1 is not a number (n/a) (RULES.md §6)",
    );
    expectRuleError(() => readProfile([]), "empty", "profile: has no years (RULES.md §6)");
    // "2011-12" is accepted and written back as councils write it.
    expect(years(readProfile([{ year: "2011-12", amount: 1 }]))).toEqual(["2011/12"]);
  });
});

describe("slippage (RULES §7)", () => {
  const planned = phase(8893000, ["0.1", "0.45", "0.45"], "2011/12");

  test("moving part of a year's saving to a later year keeps the total and shows what moved", () => {
    const r = slip(planned, { from: "2012/13", to: "2013/14", amount: 1000000 });
    expect(amounts(r.profile)).toEqual(["889300.00", "3001850.00", "5001850.00"]);
    expect(r.moved).toEqual({ from: "2012/13", to: "2013/14", amount: new Decimal(1000000) });
    expect(amounts(r.change)).toEqual(["0.00", "-1000000.00", "1000000.00"]);
    expect(total(r.profile.map((y) => y.amount)).equals(8893000)).toBe(true);
  });

  test("slipping past the last year extends the profile; with no amount the whole year moves", () => {
    const r = slip(planned, { from: "2013/14", to: "2014/15" });
    expect(years(r.profile)).toEqual(["2011/12", "2012/13", "2013/14", "2014/15"]);
    expect(amounts(r.profile)).toEqual(["889300.00", "4001850.00", "0.00", "4001850.00"]);
    expect(r.moved.amount.toString()).toBe("4001850");
  });

  test("a start that slips from July to September (001 appendix B) moves saving into the next year", () => {
    const july = partYear(120000, 7, "2011/12", 2);
    const september = partYear(120000, 9, "2011/12", 2);
    // 9/12 = 90,000 becomes 7/12 = 70,000 in 2011/12; the £20,000 arrives in 2012/13 instead.
    expect(amounts(profileChange(july, september))).toEqual(["-20000.00", "20000.00"]);
  });

  test("errors: to an earlier year, from a year not planned, more than was planned, the wrong sign", () => {
    expectRuleError(
      () => slip(planned, { from: "2012/13", to: "2011/12" }),
      "bad-sequence",
      "slip to: 2011/12 is not later than 2012/13 (RULES.md §7)",
    );
    expectRuleError(
      () => slip(planned, { from: "2010/11", to: "2012/13" }),
      "bad-sequence",
      "slip from: 2010/11 is not a year of the profile (2011/12 to 2013/14) (RULES.md §7)",
    );
    expectRuleError(
      () => slip(planned, { from: "2011/12", to: "2012/13", amount: 889300.01 }),
      "too-much",
      "slip amount: 889300.01 is more than the 889300 planned in 2011/12 (RULES.md §7)",
    );
    expectRuleError(
      () => slip(planned, { from: "2011/12", to: "2012/13", amount: -5 }),
      "too-much",
      "slip amount: -5 is more than the 889300 planned in 2011/12 (RULES.md §7)",
    );
  });

  test("property: slippage keeps the total, and only the two years change, by the amount moved", () => {
    fc.assert(
      fc.property(
        profileArb,
        fc.nat(),
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (p, at, later, part) => {
          const fromIndex = at % p.length;
          const available = p[fromIndex].amount;
          const amount = available.times(part.toFixed(4)).toDecimalPlaces(2, Decimal.ROUND_DOWN);
          const from = p[fromIndex].year;
          const to = formatYear(Number(from.slice(0, 4)) + later);
          const r = slip(p, { from, to, amount });
          expect(total(r.profile.map((y) => y.amount)).equals(total(p.map((y) => y.amount)))).toBe(true);
          const changed = r.change.filter((y) => !y.amount.isZero()).map((y) => y.year);
          expect(changed).toEqual(amount.isZero() ? [] : [from, to]);
        },
      ),
    );
  });
});
