import fc from "fast-check";
import {
  PartnerData,
  apportion,
  apportionByYear,
  apportionCostLines,
  basisWeights,
  formatYear,
  parseYear,
  takesPart,
  firstYearTakingPart,
} from "../../src/engine";
import { expectRuleError, pounds, total } from "./helpers";

const TRI: PartnerData[] = [
  { partner: "WCC", quantity: 120, quality: 1, fte: "30.5", baseline: 728000, drivers: { population: 219000 } },
  { partner: "RBKC", quantity: 80, quality: "1.25", fte: 28, baseline: 676000, drivers: { population: 158000 } },
  { partner: "H&F", quantity: 100, fte: "29.5", baseline: 677000, drivers: { population: 182000 } },
];

describe("bases (RULES §2)", () => {
  test("demand weight is quantity × quality factor, quality 1 when not given", () => {
    expect(basisWeights({ kind: "demand" }, TRI).map(String)).toEqual(["120", "100", "100"]);
  });

  test("equal, FTE, baseline budget and a named driver", () => {
    expect(basisWeights({ kind: "equal" }, TRI).map(String)).toEqual(["1", "1", "1"]);
    expect(basisWeights({ kind: "fte" }, TRI).map(String)).toEqual(["30.5", "28", "29.5"]);
    expect(basisWeights({ kind: "budget" }, TRI).map(String)).toEqual(["728000", "676000", "677000"]);
    expect(basisWeights({ kind: "driver", driver: "population" }, TRI).map(String)).toEqual([
      "219000",
      "158000",
      "182000",
    ]);
  });

  test("demand basis apportions £1.65m: RBKC's higher specified quality raises its share", () => {
    const a = apportion(1650000, TRI, { kind: "demand" });
    expect(pounds(a.lines.map((l) => l.amount))).toEqual(["618750.00", "515625.00", "515625.00"]);
    expect(a.lines.map((l) => l.share.toString())).toEqual(["0.375", "0.3125", "0.3125"]);
    expect(total(a.lines.map((l) => l.amount)).toString()).toBe("1650000");
  });

  test("each error names the field, the item and the partner", () => {
    const missing = [{ partner: "WCC", quantity: 1 }, { partner: "RBKC" }];
    expectRuleError(
      () => basisWeights({ kind: "demand" }, missing),
      "missing",
      "quantity: item 2 (RBKC) has no value, which this basis needs (RULES.md §2)",
    );
    expectRuleError(
      () => basisWeights({ kind: "fte" }, [{ partner: "WCC", fte: -2 }]),
      "negative",
      "FTE: item 1 (WCC) is negative (-2) (RULES.md §2)",
    );
    expectRuleError(
      () => basisWeights({ kind: "demand" }, [{ partner: "WCC", quantity: 3, quality: "high" }]),
      "not-a-number",
      "quality: item 1 (WCC) is not a number (high) (RULES.md §2)",
    );
    expectRuleError(
      () => basisWeights({ kind: "driver", driver: "population" }, [{ partner: "WCC" }]),
      "missing",
      "population: item 1 (WCC) has no value, which this basis needs (RULES.md §2)",
    );
    expectRuleError(
      () => basisWeights({ kind: "equal" }, [{ partner: "WCC" }, { partner: "WCC" }]),
      "duplicate-partner",
      "partners: item 2 (WCC) is listed more than once (RULES.md §2)",
    );
    expectRuleError(
      () =>
        apportion(
          100,
          TRI.map((p) => ({ ...p, fte: 0 })),
          { kind: "fte" },
        ),
      "all-zero",
      "FTE: every weight is zero, so there is nothing to split by (RULES.md §2)",
    );
  });
});

describe("cost lines visited on their cause (TUPE, 003 ch. 11)", () => {
  const lines = [
    { label: "Contract", amount: 900000 },
    { label: "TUPE burden", amount: "45000.01", partners: ["RBKC", "H&F"] },
  ];

  test("a restricted line is split only among the partners it names", () => {
    const r = apportionCostLines(lines, TRI, { kind: "demand" });
    const tupe = r.lines[1].apportionment.lines;
    expect(tupe.map((l) => l.partner)).toEqual(["RBKC", "H&F"]);
    expect(pounds(tupe.map((l) => l.amount))).toEqual(["22500.01", "22500.00"]);
    // WCC, already outsourced, bears none of it.
    expect(pounds(r.totals.map((t) => t.amount))).toEqual(["337500.00", "303750.01", "303750.00"]);
    expect(total(r.totals.map((t) => t.amount)).equals(r.total)).toBe(true);
    expect(r.total.toString()).toBe("945000.01");
  });

  test("a line naming a partner not in the service is an error naming the line", () => {
    expectRuleError(
      () => apportionCostLines([{ label: "TUPE burden", amount: 10, partners: ["Lewisham"] }], TRI, { kind: "equal" }),
      "unknown-partner",
      "cost line 1 (TUPE burden): Lewisham is not a partner in this service (RULES.md §2)",
    );
  });

  test("property: per-partner totals always add up to the sum of the lines", () => {
    const line = fc.record({
      amount: fc.integer({ min: -1e9, max: 1e9 }).map((p) => (p / 100).toFixed(2)),
      partners: fc.subarray(["WCC", "RBKC", "H&F"], { minLength: 1 }),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (ls) => {
        const r = apportionCostLines(ls, TRI, { kind: "fte" });
        expect(total(r.totals.map((t) => t.amount)).equals(r.total)).toBe(true);
        r.lines.forEach((l) =>
          expect(total(l.apportionment.lines.map((x) => x.amount)).equals(l.apportionment.total)).toBe(true),
        );
      }),
    );
  });
});

describe("partners taking part by year (003 foreword; parking office ROI)", () => {
  test("financial year labels", () => {
    expect(parseYear("2011/12")).toBe(2011);
    expect(parseYear("1999-00")).toBe(1999);
    expect(formatYear(1999)).toBe("1999/00");
    expectRuleError(
      () => parseYear("2011/13"),
      "bad-year",
      'year: "2011/13" is not a financial year like 2011/12 (RULES.md §6)',
    );
  });

  test("councils joining in years three and five share nothing before they join", () => {
    const partners: PartnerData[] = ["H&F", "RBKC", "WCC", "Lambeth", "Wandsworth"].map((partner) => ({ partner }));
    const participation = [
      { partner: "WCC", joins: "2013/14" },
      { partner: "Lambeth", joins: "2015/16" },
      { partner: "Wandsworth", joins: "2015/16", leaves: "2016/17" },
    ];
    const years = ["2011/12", "2012/13", "2013/14", "2014/15", "2015/16", "2016/17"];
    const r = apportionByYear(
      years.map((year) => ({ year, amount: 300000 })),
      partners,
      participation,
      { kind: "equal" },
    );
    expect(r.map((y) => y.lines.length)).toEqual([2, 2, 3, 3, 5, 4]);
    expect(pounds(r[0].lines.map((l) => l.amount))).toEqual(["150000.00", "150000.00"]);
    expect(r[4].lines.map((l) => l.partner)).toEqual(["H&F", "RBKC", "WCC", "Lambeth", "Wandsworth"]);
    expect(pounds(r[4].lines.map((l) => l.amount))).toEqual(Array(5).fill("60000.00"));
    expect(r[5].lines.map((l) => l.partner)).not.toContain("Wandsworth");
    expect(takesPart(participation[2], "2016/17")).toBe(false);
  });

  test("the first year a partner takes part in a service: the service's first year, or the year it joins when later", () => {
    expect(firstYearTakingPart({ partner: "H&F" }, "2011/12")).toBe("2011/12");
    expect(firstYearTakingPart({ partner: "WCC", joins: "2013/14" }, "2011/12")).toBe("2013/14");
    // Joining on or before the service's first year is taking part from it.
    expect(firstYearTakingPart({ partner: "WCC", joins: "2011/12" }, "2012/13")).toBe("2012/13");
    expect(firstYearTakingPart({ partner: "WCC", joins: "2012/13" }, "2012/13")).toBe("2012/13");
  });

  test("a year in which nobody takes part, and participation for a partner with no data, are errors", () => {
    const partners = [{ partner: "WCC" }];
    expectRuleError(
      () =>
        apportionByYear([{ year: "2011/12", amount: 1 }], partners, [{ partner: "WCC", joins: "2012/13" }], {
          kind: "equal",
        }),
      "no-partners-in-year",
      "participation: no partner takes part in 2011/12 (RULES.md §2)",
    );
    expectRuleError(
      () => apportionByYear([{ year: "2011/12", amount: 1 }], partners, [{ partner: "Ealing" }], { kind: "equal" }),
      "unknown-partner",
      "participation: Ealing has no data (RULES.md §2)",
    );
  });
});
