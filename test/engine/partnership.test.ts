import fc from "fast-check";
import {
  Decimal,
  PartnerData,
  Participation,
  attributeSavingsByYear,
  formatYear,
  leavesAfterNotice,
  profileByPartner,
  standAloneTest,
  takesPart,
} from "../../src/engine";
import { byYear, expectRuleError, pounds, total } from "./helpers";

describe("partners joining and leaving over time (RULES §2, §8)", () => {
  // Parking back office (003 ch. 9(c)), ROI model 1: H&F and RBKC set it up; "councils join in
  // years three and five" (WCC when its contract ends, then another London council).
  const partners: PartnerData[] = [
    { partner: "H&F", quantity: 60000 },
    { partner: "RBKC", quantity: 40000 },
    { partner: "WCC", quantity: 100000 },
    { partner: "Fourth council", quantity: 50000 },
  ];
  const participation: Participation[] = [
    { partner: "WCC", joins: "2014/15" },
    { partner: "Fourth council", joins: "2016/17" },
  ];

  test("each year's amount is shared among the partners taking part that year", () => {
    // Operating cost of the shared office by year (illustrative), shared by PCN volumes.
    const cost = byYear("2012/13", [500000, 500000, 900000, 900000, 1100000]);
    const rows = profileByPartner(cost, partners, participation, { kind: "demand" });
    expect(rows.map((r) => r.partner)).toEqual(["H&F", "RBKC", "WCC", "Fourth council"]);
    // Years 1–2: 60:40. Years 3–4: 60:40:100 of 900,000. Year 5: 60:40:100:50 of 1,100,000.
    expect(pounds(rows[0].profile.map((y) => y.amount))).toEqual([
      "300000.00",
      "300000.00",
      "270000.00",
      "270000.00",
      "264000.00",
    ]);
    expect(pounds(rows[2].profile.map((y) => y.amount))).toEqual([
      "0.00",
      "0.00",
      "450000.00",
      "450000.00",
      "440000.00",
    ]);
    expect(pounds(rows[3].profile.map((y) => y.amount))).toEqual(["0.00", "0.00", "0.00", "0.00", "220000.00"]);
    cost.forEach((y, i) => expect(total(rows.map((r) => r.profile[i].amount)).equals(y.amount)).toBe(true));
    expect(total(rows.map((r) => r.total)).toString()).toBe("3900000");
  });

  test("savings by year change when a council joins: YOS with Westminster joining in the second year", () => {
    // 003 ch. 9(a): baselines £728k / £676k / £677k; combined service £1,650k once all three are in.
    // In 2011/12 only K&C and H&F combine, at an illustrative £1,200k.
    const yos: PartnerData[] = [
      { partner: "Westminster", baseline: 728000 },
      { partner: "Kensington & Chelsea", baseline: 676000 },
      { partner: "Hammersmith & Fulham", baseline: 677000 },
    ];
    const years = attributeSavingsByYear({
      years: [
        { year: "2011/12", combinedCost: 1200000 },
        { year: "2012/13", combinedCost: 1650000 },
      ],
      partners: yos,
      participation: [{ partner: "Westminster", joins: "2012/13" }],
      basis: { kind: "budget" },
    });
    const first = years[0].attribution;
    expect(first.lines.map((l) => l.partner)).toEqual(["Kensington & Chelsea", "Hammersmith & Fulham"]);
    // 1,200,000 × 676/1,353 = 599,556.54; × 677/1,353 = 600,443.46 (to the penny, summing exactly).
    expect(pounds(first.lines.map((l) => l.costShare))).toEqual(["599556.54", "600443.46"]);
    expect(first.totals.saving.toString()).toBe("153000");
    const second = years[1].attribution;
    expect(second.lines).toHaveLength(3);
    expect(second.totals.saving.toString()).toBe("431000");
    expect(total(second.lines.map((l) => l.saving)).equals(second.totals.saving)).toBe(true);
  });

  test("twelve months' notice: the year a withdrawing council leaves", () => {
    // Notice in April 2012 runs to March 2013: out from 2013/14.
    expect(leavesAfterNotice("2012/13", 4)).toBe("2013/14");
    // Notice in September 2012 runs into 2013/14, so it takes part that year too.
    expect(leavesAfterNotice("2012/13", 9)).toBe("2014/15");
    // Notice in March 2013 (still 2012/13) runs to February 2014.
    expect(leavesAfterNotice("2012/13", 3)).toBe("2014/15");
    // The others may agree shorter notice (003 ch. 3, 18).
    expect(leavesAfterNotice("2012/13", 10, 6)).toBe("2013/14");
    const leaving: Participation = { partner: "RBKC", leaves: leavesAfterNotice("2012/13", 9) };
    expect(["2013/14", "2014/15"].map((y) => takesPart(leaving, y))).toEqual([true, false]);
  });

  test("errors: a month outside 1–12, notice not in whole months, a partner with no data, no one in a year", () => {
    expectRuleError(
      () => leavesAfterNotice("2012/13", 0),
      "bad-month",
      "notice month: must be a month from 1 (January) to 12 (December) (got 0) (RULES.md §8)",
    );
    expectRuleError(
      () => leavesAfterNotice("2012/13", 4, 1.5),
      "bad-choice",
      "notice months: must be a whole number of months (got 1.5) (RULES.md §8)",
    );
    expectRuleError(
      () =>
        attributeSavingsByYear({
          years: [{ year: "2011/12", combinedCost: 1 }],
          partners: [{ partner: "WCC", baseline: 1 }],
          participation: [{ partner: "LBH", joins: "2011/12" }],
          basis: { kind: "equal" },
        }),
      "unknown-partner",
      "participation: LBH has no data (RULES.md §2)",
    );
    expectRuleError(
      () =>
        attributeSavingsByYear({
          years: [{ year: "2011/12", combinedCost: 1 }],
          partners: [{ partner: "WCC", baseline: 1 }],
          participation: [{ partner: "WCC", joins: "2012/13" }],
          basis: { kind: "equal" },
        }),
      "no-partners-in-year",
      "participation: no partner takes part in 2011/12 (RULES.md §2)",
    );
  });

  test("property: every year's shares sum to that year's amount and absent partners get nothing", () => {
    const names = ["A", "B", "C", "D"];
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: -(10n ** 10n), max: 10n ** 10n }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4, maxLength: 4 }),
        (pence, qty, joinOffset) => {
          joinOffset[0] = 0; // someone is always in
          const profile = pence.map((p, i) => ({
            year: formatYear(2011 + i),
            amount: new Decimal(p.toString()).div(100),
          }));
          const data = names.map((partner, i) => ({ partner, quantity: qty[i] }));
          const part = names.map((partner, i) => ({ partner, joins: formatYear(2011 + joinOffset[i]) }));
          const rows = profileByPartner(profile, data, part, { kind: "demand" });
          profile.forEach((y, t) => {
            expect(total(rows.map((r) => r.profile[t].amount)).equals(y.amount)).toBe(true);
            rows.forEach((r, i) => {
              if (t < joinOffset[i]) expect(r.profile[t].amount.isZero()).toBe(true);
            });
          });
        },
      ),
    );
  });
});

describe("stand-alone test for a council considering withdrawal (RULES §8)", () => {
  test("contribution to the combined service against running it alone, year by year", () => {
    // H&F in the YOS: £607k towards the combined service against £677k alone (003 ch. 9(a)), with
    // an illustrative rise in its contribution in 2013/14 and £90k of exit costs if it leaves.
    const r = standAloneTest({
      partner: "Hammersmith & Fulham",
      contributions: byYear("2011/12", [607000, 607000, 700000]),
      standAlone: byYear("2011/12", [677000, 677000, 677000]),
      exitCost: 90000,
    });
    expect(r.years.map((y) => y.difference.toNumber())).toEqual([70000, 70000, -23000]);
    expect(r.years.map((y) => y.cheaper)).toEqual(["partnership", "partnership", "alone"]);
    expect(r.totals.difference.toString()).toBe("117000");
    // Leaving would also cost the £90k exit costs it bears itself: staying is worth £207k.
    expect(r.benefitOfStaying.toString()).toBe("207000");
    expect(
      standAloneTest({ partner: "X", contributions: byYear("2011/12", [5]), standAlone: byYear("2011/12", [5]) })
        .years[0].cheaper,
    ).toBe("same");
  });

  test("errors: years that do not match, a negative exit cost", () => {
    expectRuleError(
      () =>
        standAloneTest({
          partner: "WCC",
          contributions: byYear("2011/12", [1, 1]),
          standAlone: byYear("2012/13", [1, 1]),
        }),
      "size-mismatch",
      "stand-alone cost: WCC covers 2012/13 to 2013/14 but the contributions cover 2011/12 to 2012/13 (RULES.md §8)",
    );
    expectRuleError(
      () =>
        standAloneTest({
          partner: "WCC",
          contributions: byYear("2011/12", [1]),
          standAlone: byYear("2011/12", [1]),
          exitCost: -1,
        }),
      "negative",
      "exit cost: is negative (-1) (RULES.md §8)",
    );
  });
});
