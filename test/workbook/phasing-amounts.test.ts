/**
 * Phasing as amounts (RULES.md §6, issue 17): the ICT gross savings of `003` ch. 9(d) §6 by year,
 * 2,700 / 2,600 / 3,360 / 1,200 (£000s) of 9,860, written in the Phasing cell as the report prints
 * them; an amount list that does not add up to the saving is an error at its cell saying by how
 * much; each amount may be a range taking the scenario's end (RULES.md §1).
 */
import type { CellValue, SheetGrid } from "../../src/workbook/grid";
import { outcomeOf } from "../../src/workbook/outcome";
import { buildPlan } from "../../src/workbook/plan";
import { type Scenario, readInputs } from "../../src/workbook/read";
import { describeProblem } from "../../src/workbook/problems";
import { where } from "./read/workbook";

const HF = "Hammersmith & Fulham";
const KC = "Kensington & Chelsea";
const WM = "Westminster";
const ICT = "ICT";
const REPORT = "2,700,000; 2,600,000; 3,360,000; 1,200,000";

const grid = (name: string, values: CellValue[][]): SheetGrid => ({ name, values });

/**
 * ICT as the sample has it: the report gives the savings (9,860 in all) but not the boroughs' ICT
 * budgets, so these are illustrative (£48.5m in all, so the combined cost is £48.5m − £9.86m).
 */
const ictBook = (phasing: CellValue): SheetGrid[] => [
  grid("Budget", [
    ["Service", HF, KC, WM],
    [ICT, 15200000, 14900000, 18400000],
  ]),
  grid("Rules", [
    ["Service", "Basis", "New cost", "Phasing", "First year"],
    [ICT, "budget", 38640000, phasing, "2012/13"],
  ]),
];

function outcome(phasing: CellValue, scenario?: Scenario) {
  const read = readInputs(ictBook(phasing), scenario ? { scenario } : {});
  expect(where(read.problems)).toEqual([]);
  return outcomeOf(read.inputs!);
}

const money = (xs: readonly { amount: { toFixed(n: number): string } }[]): string[] =>
  xs.map((x) => x.amount.toFixed(2));
describe("the ICT phasing by amounts (003 ch. 9(d) §6)", () => {
  const { outcome: o, problems } = outcome(REPORT);
  const s = o!.services[0];

  test("the amounts add up to the partnership's saving, 9,860,000", () => {
    expect(problems).toEqual([]);
    expect(s.saving.toFixed(2)).toBe("9860000.00");
  });

  test("each borough's saving arrives in the amounts' proportions, its years adding up to it exactly", () => {
    // H&F: 15,200,000 less its cost share 12,109,855.67 (38,640,000 × 15.2 / 48.5) = 3,090,144.33, then
    // × 2,700 / 9,860 = 846,185.57…, × 2,600 / 9,860 = 814,845.35…, × 3,360 / 9,860 = 1,053,030.92…,
    // × 1,200 / 9,860 = 376,082.47…; floored they leave 2 pence, to the two largest remainders.
    const [hf, kc, wm] = s.partners;
    expect(hf.saving.toFixed(2)).toBe("3090144.33");
    expect(hf.profile.map((y) => y.year)).toEqual(["2012/13", "2013/14", "2014/15", "2015/16"]);
    expect(money(hf.profile)).toEqual(["846185.57", "814845.36", "1053030.93", "376082.47"]);
    expect(money(kc.profile)).toEqual(["829484.54", "798762.89", "1032247.42", "368659.79"]);
    expect(money(wm.profile)).toEqual(["1024329.90", "986391.75", "1274721.65", "455257.73"]);
    for (const p of s.partners)
      expect(p.profile.reduce((a, y) => a.plus(y.amount), p.saving.times(0)).equals(p.saving)).toBe(true);
  });

  test("the boroughs' years add up to the report's amounts within a penny a borough", () => {
    // Each borough is phased to the penny on its own, so the partnership's years can differ from
    // the amounts by the roundings: here 2,700,000.01 and 1,199,999.99, the total exact.
    const byYear = o!.profile[o!.profile.length - 1];
    expect(byYear.partner).toBeUndefined();
    const gross = [2700000, 2600000, 3360000, 1200000];
    const years = ["2012/13", "2013/14", "2014/15", "2015/16"];
    const total = years.map((year) =>
      s.partners.reduce((a, p) => a.plus(p.profile.find((y) => y.year === year)!.amount), s.saving.times(0)),
    );
    total.forEach((t, i) => expect(t.minus(gross[i]).abs().lessThanOrEqualTo("0.03")).toBe(true));
    expect(total.map((t) => t.toFixed(2))).toEqual(["2700000.01", "2600000.00", "3360000.00", "1199999.99"]);
  });

  test("the Savings profile shows the amounts and splits each saving by them with SHARED.APPORTION", () => {
    const { plan } = buildPlan(o!, { existing: [], when: new Date("2026-12-02T04:00:00Z"), source: "test" });
    const sheet = plan.sheets.find((x) => x.role === "savings-profile")!;
    const rows = sheet.rows.map((r, i) => ({ r, i: i + 1 }));
    const phasingRow = rows.find(({ r }) =>
      r.some((c) => c?.kind === "text" && c.text.startsWith("2,700,000; 2,600,000")),
    );
    expect(phasingRow).toBeDefined();
    const apportion = sheet.rows
      .flat()
      .flatMap((c) => (c?.kind === "spill" && c.formula.startsWith("=SHARED.APPORTION(") ? [c.formula] : []));
    expect(apportion).toHaveLength(3);
    expect(apportion[0]).toMatch(
      new RegExp(`^=SHARED\\.APPORTION\\(\\$E\\d+,\\$[A-Z]+\\$${phasingRow!.i}:\\$[A-Z]+\\$${phasingRow!.i}\\)$`),
    );
    const amounts = phasingRow!.r.flatMap((c) => (c?.kind === "number" ? [c.value.toFixed()] : []));
    expect(amounts).toEqual(["2700000", "2600000", "3360000", "1200000"]);
  });
});

describe("phasing amounts that do not add up, and ranges", () => {
  test("an amount list short of the saving is an error at its cell saying by how much", () => {
    const { outcome: o, problems } = outcome("2,700,000; 2,600,000; 3,360,000; 1,100,000");
    expect(o).toBeUndefined();
    expect(problems.map((p) => `${describeProblem(p).where} ${p.message}`)).toEqual([
      "Rules!D2 Phasing for ICT adds up to £9,760,000.00, £100,000.00 short of the service's saving of £9,860,000.00 (its partners' baselines less the combined cost, before any gain share).",
    ]);
    expect(problems[0].rule).toBe("RULES.md §6");
  });

  test("one over the saving says so", () => {
    const { problems } = outcome("2,700,000; 2,600,000; 3,360,000; 1,200,000.01");
    expect(problems[0].message).toMatch(/adds up to £9,860,000\.01, £0\.01 more than the service's saving/);
  });

  test("an amount may be a range: the mid-range by default, the scenario's end if chosen", () => {
    const cell = "2,700,000; £2.5m–£2.7m; 3,360,000; 1,200,000";
    const mid = outcome(cell);
    expect(mid.problems).toEqual([]);
    expect(money(mid.outcome!.services[0].partners[0].profile)).toEqual(
      money(outcome(REPORT).outcome!.services[0].partners[0].profile),
    );
    // The low end makes the list £100,000 short of the saving (which has no range here): an error at the cell.
    const low = outcome(cell, "low");
    expect(low.problems[0].message).toMatch(/adds up to £9,760,000\.00, £100,000\.00 short of/);
  });

  test("an item that is not an amount, an empty item or a backwards range is an error at the cell when read", () => {
    for (const [text, says] of [
      ["2,700,000; lots; 3,360,000", '"lots" is not an amount like 1,200,000'],
      ["2,700,000;; 3,360,000", "has an empty item"],
      ["2,700,000; £2.7m–£2.5m", "written backwards"],
    ]) {
      const read = readInputs(ictBook(text));
      expect(where(read.problems)).toEqual([expect.stringContaining("Rules!D2 Phasing for ICT")]);
      expect(read.problems[0].message).toContain(says);
    }
  });

  test("percentages are read as before", () => {
    const { outcome: o } = outcome("27%, 26%, 34%, 13%");
    expect(o!.services[0].rule.phasing!.value.map((f) => f.toString())).toEqual(["0.27", "0.26", "0.34", "0.13"]);
    expect(o!.services[0].rule.phasingAmounts).toBeUndefined();
  });
});
