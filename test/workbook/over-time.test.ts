/**
 * Partners over time in the workbook (RULES.md §2, §4, §6): the Outcome of the sample, whose
 * parking back office Westminster joins later, follows the year-by-year rule.
 */
import { Decimal, sum } from "../../src/engine";
import { sampleSheets } from "../../src/sample/sample";
import { outcomeOf } from "../../src/workbook/outcome";
import { readInputs } from "../../src/workbook/read";

const outcome = () => {
  const read = readInputs(sampleSheets().map((s) => ({ name: s.name, values: s.values })));
  return outcomeOf(read.inputs!).outcome!;
};

describe("the sample's parking back office, which Westminster joins later", () => {
  const o = outcome();
  const parking = o.services.find((s) => s.rule.service === "Parking back office")!;
  const wm = parking.partners.find((p) => p.partner === "Westminster")!;

  test("its implementation cost is borne by the partners taking part when it falls, not by Westminster", () => {
    // Before this rule the add-in gave Westminster £272,941.18 of the £1.16m (issue 16).
    expect(wm.transitional.isZero()).toBe(true);
    // The £1.16m shared by the two founders, and K&C's £60,000 above the common terms, borne by it alone.
    const y = parking.overTime.years.find((x) => x.year === "2012/13")!;
    expect([y.oneOff.minus(y.extras), y.extras]).toEqual([new Decimal(1_160_000), new Decimal(60_000)]);
    expect(sum(parking.partners.map((p) => p.transitional))).toEqual(new Decimal(1_220_000));
    const [hf, kc] = parking.overTime.partners.map((p) => p.years.find((x) => x.year === "2012/13")!);
    expect([hf.extra, kc.extra]).toEqual([new Decimal(0), new Decimal(60_000)]);
    expect(hf.oneOff.plus(kc.oneOff).minus(kc.extra)).toEqual(new Decimal(1_160_000));
  });

  test("each year's cost shares add up to that year's combined cost, Westminster's nothing before it joins", () => {
    expect(parking.changes).toBe(true);
    parking.overTime.years.forEach((y, i) => {
      expect(sum(parking.overTime.partners.map((p) => p.years[i].costShare))).toEqual(y.combinedCost);
      const w = parking.overTime.partners[2].years[i];
      if (wm.joins && y.year < wm.joins) expect([w.costShare.isZero(), w.saving.isZero()]).toEqual([true, true]);
    });
  });

  test("Westminster's saving and investment start no earlier than its join year, and so does its break-even", () => {
    for (const y of wm.profile) expect(y.year >= wm.joins!).toBe(true);
    const figures = o.profile.find((f) => f.partner === "Westminster")!;
    if (figures.breakEven) expect(figures.breakEven >= figures.firstFigure!).toBe(true);
  });
});

describe("a partner leaving: the Audit's stand-alone test (RULES.md §8, `003` ch. 12(a) §14)", () => {
  const read = readInputs(
    sampleSheets().map((s) => ({
      name: s.name,
      values:
        s.name === "Rules"
          ? s.values.map((row) =>
              row[0] === "Youth Offending Service"
                ? [row[0], "Hammersmith & Fulham; Kensington & Chelsea until 2013/14; Westminster", ...row.slice(2)]
                : row,
            )
          : s.values,
    })),
  );
  const o = outcomeOf(read.inputs!).outcome!;
  const yos = o.services.find((s) => s.rule.service === "Youth Offending Service")!;

  test("compares, for the years around its exit, its contribution had it stayed with its baseline", () => {
    expect(yos.standAlone.map((t) => t.partner)).toEqual(["Kensington & Chelsea"]);
    const [test] = yos.standAlone;
    // It leaves from 2014/15: two years before, the year it goes and the one after.
    expect(test.years.map((y) => y.year)).toEqual(["2012/13", "2013/14", "2014/15", "2015/16"]);
    const kc = yos.partners.find((p) => p.partner === "Kensington & Chelsea")!;
    for (const y of test.years) {
      // Staying in, it would pay its full-partnership share: the difference is its saving.
      expect(y.contribution).toEqual(kc.costShare.plus(kc.gainShare));
      expect(y.standAlone).toEqual(kc.baseline);
      expect(y.difference).toEqual(kc.saving);
    }
    // And after it leaves it has no figures: the other two share the whole combined cost.
    const i = yos.partners.indexOf(kc);
    const after = yos.overTime.years.findIndex((y) => y.year === "2014/15");
    expect(yos.overTime.partners[i].years[after].costShare.isZero()).toBe(true);
    expect(sum(yos.overTime.partners.map((p) => p.years[after].costShare))).toEqual(yos.combinedCost);
  });
});
