/**
 * The combined cost as cost lines in attributeSavings and shareByYear (RULES.md §2, costs visited
 * on their cause, `003` ch. 11): each line among its partners, the cost share the sum of the parts.
 */
import { PartnerData, attributeSavings, shareByYear } from "../../src/engine";
import { expectRuleError, pounds } from "./helpers";

/** The Youth Offending Service of `003` ch. 9(a): demand 607 / 596 / 447, baselines £677k / £676k / £728k. */
const YOS: PartnerData[] = [
  { partner: "H&F", quantity: 607, baseline: 677000 },
  { partner: "RBKC", quantity: 596, baseline: 676000 },
  { partner: "WCC", quantity: 447, baseline: 728000 },
];
const LINES = [
  { label: "Contract", amount: 1650000 },
  // Illustrative: 20 × (596 + 447), so the two boroughs' parts are whole pounds.
  { label: "TUPE burden", amount: 20860, partners: ["RBKC", "WCC"] },
];

describe("cost lines in the savings attribution", () => {
  test("each partner's cost share is the sum of its parts of the lines it bears", () => {
    const a = attributeSavings({ partners: YOS, basis: { kind: "demand" }, combinedCost: 1670860, costLines: LINES });
    expect(pounds(a.lines.map((l) => l.costShare))).toEqual(["607000.00", "607920.00", "455940.00"]);
    expect(pounds(a.lines.map((l) => l.saving))).toEqual(["70000.00", "68080.00", "272060.00"]);
    // The shares shown stay the basis's over every partner (607 / 1,650 for H&F).
    expect(a.lines[0].share.toFixed(10)).toBe("0.3678787879");
  });

  test("lines that do not add up to the combined cost are an error saying both figures", () => {
    expectRuleError(
      () => attributeSavings({ partners: YOS, basis: { kind: "demand" }, combinedCost: 1650000, costLines: LINES }),
      "bad-total",
      "cost lines: add up to 1670860.00, not the combined cost of 1650000.00 (RULES.md §2)",
    );
  });

  test("by year, a line is shared among the partners it names that take part that year", () => {
    const r = shareByYear({
      partners: YOS,
      participation: [{ partner: "WCC", joins: "2012/13" }],
      basis: { kind: "demand" },
      years: ["2011/12", "2012/13"],
      combinedCost: [1670860, 1670860],
      costLines: LINES,
    });
    // 2011/12: Westminster not yet in, so the contract falls on two by demand (1,650,000 × 607 / 1,203 =
    // 832,543.64…) and RBKC bears the whole TUPE burden (817,456.36 + 20,860).
    expect(pounds(r.years[0].attribution.lines.map((l) => l.costShare))).toEqual(["832543.64", "838316.36"]);
    expect(pounds(r.years[1].attribution.lines.map((l) => l.costShare))).toEqual([
      "607000.00",
      "607920.00",
      "455940.00",
    ]);
  });

  test("a line none of whose partners takes part that year is an error", () => {
    expectRuleError(
      () =>
        shareByYear({
          partners: YOS,
          participation: [{ partner: "WCC", joins: "2012/13" }],
          basis: { kind: "demand" },
          years: ["2011/12"],
          combinedCost: [1000],
          costLines: [{ label: "Westminster's TUPE", amount: 1000, partners: ["WCC"] }],
        }),
      "not-taking-part",
      "cost line 1 (Westminster's TUPE): none of its partners (WCC) takes part in 2011/12 (RULES.md §2)",
    );
  });
});
