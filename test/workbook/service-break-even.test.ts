/**
 * Break-even and payback per service, from the service's own first figure (issue 16, RULES.md §6):
 * the ICT investment over three years (`003` ch. 9(d) §6), a late service that never breaks even
 * within the years shown, and a non-cashable one with nothing to break even; on the Savings
 * profile's section for each service.
 */
import { Decimal, sum } from "../../src/engine";
import type { CellValue } from "../../src/workbook/grid";
import { outcomeOf } from "../../src/workbook/outcome";
import { type PlanCell, buildPlan } from "../../src/workbook/plan";
import { readInputs } from "../../src/workbook/read";

const HF = "Hammersmith & Fulham";
const KC = "Kensington & Chelsea";
const WCC = "Westminster";
// The report's ICT phasing, its yearly increments (0 / 2,700 / 2,600 / 3,360 / 1,200 of 9,860, £000)
// rounded to whole percentages, as the sample has it; the phasing must be exact percentages.
const ICT_PHASING = ["0", "27", "26", "34", "13"];

const grids = (): { name: string; values: CellValue[][] }[] => [
  {
    name: "Budget",
    values: [
      ["Partner", "Service", "Baseline"],
      [HF, "ICT", 16000000],
      [KC, "ICT", 15000000],
      [WCC, "ICT", 17500000],
      [HF, "Late service", 100000],
      [KC, "Late service", 100000],
      [HF, "Standby", 30000],
      [KC, "Standby", 20000],
    ],
  },
  {
    name: "Rules",
    values: [
      ["Service", "Basis", "New cost", "Transitional cost", "Phasing", "First year", "Kind"],
      [
        "ICT",
        "budget",
        38640000,
        "600,000 in 2011/12; 2,000,000 in 2012/13; 2,000,000 in 2013/14",
        ICT_PHASING.map((p) => `${p}%`).join(", "),
        "2011/12",
        "cashable",
      ],
      // Investment above what it saves before the years end (2015/16): it never breaks even.
      ["Late service", "equal", 190000, 100000, null, "2013/14", "cashable"],
      ["Standby", "equal", 25000, null, null, "2011/12", "non-cashable"],
    ],
  },
];

const outcome = () => {
  const read = readInputs(grids());
  expect(read.problems.filter((p) => p.severity === "error")).toEqual([]);
  const worked = outcomeOf(read.inputs!);
  expect(worked.problems).toEqual([]);
  return worked.outcome!;
};

describe("each service's break-even and payback, from its own first figure", () => {
  const o = outcome();
  const of = (service: string) => o.serviceProfile.find((f) => f.service === service)!;

  test("ICT: gross in force by the phasing, investment £600k / £2.0m / £2.0m, break-even in 2012/13 (003 ch. 9(d) §6)", () => {
    const ict = of("ICT");
    expect(o.years).toEqual(["2011/12", "2012/13", "2013/14", "2014/15", "2015/16"]);
    // The saving, £48.5m of baselines less the £38.64m combined cost, in force as the phasing is reached.
    const saving = new Decimal(48500000 - 38640000);
    let reached = new Decimal(0);
    const inForce = ICT_PHASING.map((p) => saving.times((reached = reached.plus(p))).dividedBy(100));
    // Each partner's saving is phased on its own, to the penny, so a year's total may be a penny per
    // partner off the partnership's phased figure; in the last year it is the whole saving exactly.
    ict.inForce.forEach((v, i) => expect(v.minus(inForce[i]).abs().lessThanOrEqualTo("0.03")).toBe(true));
    expect(ict.inForce[4]).toEqual(saving);
    expect(ict.investment).toEqual([600000, 2000000, 2000000, 0, 0].map((n) => new Decimal(n)));
    // The report's net line leaves 2011/12 blank, though its own figures give 0 − 600 = −600 (£000);
    // its later years (700, 3,300) use the unrounded increments, so ours differ by the rounding.
    expect(ict.net[0]).toEqual(new Decimal(-600000));
    expect(ict.firstFigure).toBe("2011/12");
    expect(ict.breakEven).toBe("2012/13");
    // Payback: the £600,000 carried in is cleared by the 2012/13 net part-way through that year.
    expect(ict.payback).toEqual(new Decimal(1).plus(new Decimal(600000).dividedBy(ict.net[1])));
  });

  test("a service starting in 2013/14 is counted from 2013/14, and one that never breaks even says so", () => {
    const late = of("Late service");
    expect(late.firstFigure).toBe("2013/14");
    // £10,000 a year against £100,000 invested: −90,000, −80,000, −70,000.
    expect(late.cumulativeNet.slice(2)).toEqual([-90000, -80000, -70000].map((n) => new Decimal(n)));
    expect(late.breakEven).toBeUndefined();
    expect(late.payback).toBeUndefined();
    // A non-cashable saving has no cashable figure to break even on.
    expect(of("Standby").firstFigure).toBeUndefined();
  });

  test("the services add up to the partnership in every year", () => {
    const all = o.profile[o.profile.length - 1];
    for (const m of ["cashable", "inForce", "investment", "net", "cumulativeNet"] as const)
      all[m].forEach((v, i) => expect(sum(o.serviceProfile.map((f) => f[m][i]))).toEqual(v));
  });

  test("the Savings profile's section for each service shows its break-even and payback in words", () => {
    const { plan, results } = buildPlan(o, { existing: [], when: new Date("2026-12-02T04:00:00Z"), source: "test" });
    expect(results.services.map((s) => s.service)).toEqual(["ICT", "Late service", "Standby"]);
    const sheet = plan.sheets.find((s) => s.role === "savings-profile")!;
    const text = (c: PlanCell | undefined): string | undefined => (c?.kind === "text" ? c.text : undefined);
    const header = sheet.rows.findIndex((r) => text(r?.[0]) === "Service" && text(r?.[1]) === "Measure");
    const cell = (service: string, measure: string): PlanCell | undefined =>
      sheet.rows.find((r, i) => i > header && text(r?.[0]) === service && text(r?.[1]) === measure)?.[5];
    expect(cell("ICT", "Break-even year")).toMatchObject({
      kind: "formula",
      value: "2012/13",
      formula: expect.stringMatching(/^=IFERROR\(SHARED\.BREAKEVEN\(F\d+:J\d+,\$F\$\d+:\$J\$\d+\),/),
    });
    expect(cell("ICT", "Payback, years")).toMatchObject({
      kind: "number",
      value: of("ICT").payback!.toDecimalPlaces(2),
    });
    // Counted from its own first year, column H (2013/14).
    expect(cell("Late service", "Break-even year")).toMatchObject({
      value: "never within the years shown",
      formula: expect.stringMatching(/SHARED\.BREAKEVEN\(H\d+:J\d+,\$H\$\d+:\$J\$\d+\)/),
    });
    expect(text(cell("Late service", "Payback, years"))).toBe("never within the years shown");
    expect(text(cell("Standby", "Break-even year"))).toBe("no cashable saving or investment");
  });
});
