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
    expect(sum(parking.partners.map((p) => p.transitional))).toEqual(new Decimal(1_160_000));
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
