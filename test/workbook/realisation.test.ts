/**
 * Forecasts and slippage in the Tracker, to the Realisation sheet (RULES.md §7, `001` appendix B:
 * "Phase 2 is likely to slip from Jul to Sep 2011"): the Haringey–Waltham Forest economic
 * development saving, its forecast and slippage; the Tracker's bad cells; the sheet's formulas and
 * roll-ups; and a property that slippage keeps the total.
 */
import fc from "fast-check";
import { Decimal, ZERO, sum } from "../../src/engine";
import type { CellValue, SheetGrid } from "../../src/workbook/grid";
import { outcomeOf } from "../../src/workbook/outcome";
import { buildPlan, type PlanCell, type SheetPlan } from "../../src/workbook/plan";
import { readInputs } from "../../src/workbook/read";
import { where } from "./read/workbook";

const HAR = "Haringey";
const WF = "Waltham Forest";
const ED = "Economic Development";

/**
 * `001` appendix B: Economic Development, potential cashable savings £100,000, its phase 2
 * planned for July 2011. Shared equally here (the appendix gives no split), so each borough's
 * saving is £50,000 a year: from July, 9/12 of it in 2011/12 (£37,500); slipping to September
 * leaves 7/12 (£29,166.67) and moves £8,333.33 into 2012/13.
 */
function book(tracker: CellValue[][]): SheetGrid[] {
  return [
    {
      name: "Budget",
      values: [
        ["Partner", "Service", "Baseline"],
        [HAR, ED, 300000],
        [WF, ED, 300000],
      ],
    },
    {
      name: "Rules",
      values: [
        ["Service", "Basis", "New cost", "Start month", "First year"],
        [ED, "equal", 500000, "July", "2011/12"],
      ],
    },
    {
      name: "Tracker",
      values: [["Service", "Partner", "Year", "Achieved", "Forecast", "Revised year"], ...tracker],
    },
  ];
}

const run = (grids: SheetGrid[]) => {
  const read = readInputs(grids);
  expect(where(read.problems)).toEqual([]);
  const { outcome, problems } = outcomeOf(read.inputs!);
  expect(problems).toEqual([]);
  const { plan } = buildPlan(outcome!, { existing: [], when: new Date("2026-12-01T10:00:00Z"), source: "test" });
  return { outcome: outcome!, plan };
};
const problemsOf = (grids: SheetGrid[]): string[] => {
  const read = readInputs(grids);
  if (read.inputs === undefined) return where(read.problems);
  return where(outcomeOf(read.inputs).problems);
};
const cell = (sheet: SheetPlan, address: string): PlanCell | undefined => {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  return sheet.rows[Number(m[2]) - 1]?.[m[1].charCodeAt(0) - 65];
};

describe("a saving that slips from July to September 2011 (001 appendix B)", () => {
  const { outcome, plan } = run(
    book([
      [ED, HAR, "2011/12", null, 29166.67, "2012/13"],
      [ED, WF, "2011/12", 37500, null, null],
    ]),
  );
  const r = outcome.realisation!;

  test("planned, forecast (77.8% of the plan: amber), slippage and the years moved", () => {
    const [har, wf] = r.lines;
    expect(har.planned.toFixed(2)).toBe("37500.00");
    expect([har.actual?.toFixed(2), har.actualKind, har.rag]).toEqual(["29166.67", "forecast", "amber"]);
    expect(har.slipped?.amount.toFixed(2)).toBe("8333.33");
    expect([har.slipped?.to, har.slipped?.years]).toEqual(["2012/13", 1]);
    // The slipped profile: 7/12 in 2011/12, the rest later; the same £50,000 in all.
    expect(har.slipped?.profile.map((y) => [y.year, y.amount.toFixed(2)])).toEqual([
      ["2011/12", "29166.67"],
      ["2012/13", "20833.33"],
    ]);
    expect([wf.actualKind, wf.rag, wf.slipped]).toEqual(["achieved", "green", undefined]);
  });

  test("roll-ups per partner and per service", () => {
    expect(r.byPartner.map((g) => [g.group, g.planned.toFixed(2), g.variance.toFixed(2), g.rag])).toEqual([
      [HAR, "37500.00", "-8333.33", "amber"],
      [WF, "37500.00", "0.00", "green"],
    ]);
    expect(r.byService.map((g) => [g.group, g.planned.toFixed(2), g.variance.toFixed(2), g.forecast])).toEqual([
      [ED, "75000.00", "-8333.33", 1],
    ]);
  });

  test("the Realisation sheet: forecast from the Tracker, slippage and years moved as formulas", () => {
    const sheet = plan.sheets.find((s) => s.role === "realisation")!;
    expect(cell(sheet, "E6")).toMatchObject({ kind: "formula", formula: "=Tracker!E2" });
    expect(cell(sheet, "F6")).toBeUndefined();
    expect(cell(sheet, "G6")).toMatchObject({ formula: '=IF(AND(E6="",F6=""),"",IF(F6="",E6,F6)-D6)' });
    expect(cell(sheet, "J6")).toMatchObject({ formula: '=MIN(MAX(0,D6),MAX(0,D6-IF(F6="",E6,F6)))' });
    expect((cell(sheet, "J6") as { value: Decimal }).value.toFixed(2)).toBe("8333.33");
    expect(cell(sheet, "K6")).toMatchObject({ kind: "text", text: "2012/13" });
    expect(cell(sheet, "L6")).toMatchObject({ formula: "=VALUE(LEFT(K6,4))-VALUE(LEFT(C6,4))" });
    expect(cell(sheet, "J7")).toBeUndefined();
    // The roll-ups add up the lines with SUMIFS.
    const rows = sheet.rows.map((row) => row[0]).map((c) => (c?.kind === "text" ? c.text : undefined));
    const byPartner = rows.indexOf("By partner") + 1;
    expect(cell(sheet, `A${byPartner + 2}`)).toMatchObject({ text: HAR });
    expect(cell(sheet, `D${byPartner + 2}`)).toMatchObject({
      formula: `=SUMIFS($D$6:$D$7,$B$6:$B$7,"="&$A${byPartner + 2})`,
    });
  });
});

describe("bad Tracker cells, each at its cell", () => {
  test("a revised year that is not later, a forecast that is text", () => {
    expect(
      problemsOf(
        book([
          [ED, HAR, "2011/12", null, 29166.67, "2011/12"],
          [ED, WF, "2011/12", null, "about 30k", null],
        ]),
      ),
    ).toEqual([
      `error Tracker!F2 Revised year for ${HAR}, ${ED} is 2011/12, not after its Year (2011/12): a saving that slips moves to a later year.`,
      `error Tracker!E3 Forecast for ${WF}, ${ED} is text ("about 30k"), not a number.`,
    ]);
  });

  test("a forecast for a year outside the profile", () => {
    expect(problemsOf(book([[ED, HAR, "2014/15", null, 1000, null]]))).toEqual([
      `error Tracker!E2 Forecast for ${HAR}, ${ED} is for 2014/15, outside its savings profile (2011/12 to 2012/13).`,
    ]);
  });
});

describe("property: slippage keeps the total and moves only what was not delivered", () => {
  test("for any forecast and revised year", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 600_000_00 }),
        fc.integer({ min: 1, max: 12 }),
        fc.option(fc.integer({ min: -1_000_000_00, max: 10_000_000_00 }), { nil: undefined }),
        fc.integer({ min: 1, max: 4 }),
        (pence, month, forecastPence, later) => {
          const grids = book([
            [
              ED,
              HAR,
              "2011/12",
              null,
              forecastPence === undefined ? null : forecastPence / 100,
              `${2011 + later}/${String(12 + later).slice(-2)}`,
            ],
          ]);
          grids[1].values[1][2] = new Decimal(600000).minus(new Decimal(pence).div(100)).toNumber();
          grids[1].values[1][3] = month;
          const read = readInputs(grids);
          expect(where(read.problems)).toEqual([]);
          const { outcome } = outcomeOf(read.inputs!);
          const line = outcome!.realisation!.lines[0];
          const before = outcome!.services[0].partners[0].profile;
          const slipped = line.slipped!;
          expect(sum(slipped.profile.map((y) => y.amount)).equals(sum(before.map((y) => y.amount)))).toBe(true);
          const delivered = forecastPence === undefined ? ZERO : new Decimal(forecastPence).div(100);
          const expected = Decimal.min(
            Decimal.max(ZERO, line.planned),
            Decimal.max(ZERO, line.planned.minus(delivered)),
          );
          expect(slipped.amount.equals(expected)).toBe(true);
          expect(slipped.years).toBe(later);
        },
      ),
      { numRuns: 60 },
    );
  });
});
