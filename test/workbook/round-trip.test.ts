/**
 * The main job end to end: read a workbook, plan, write an .xlsx, then recalculate the written
 * file in a spreadsheet engine with the SHARED functions registered (as Excel does once the
 * add-in loads) and check that every formula gives the value stored with it, that the tables
 * add up, and that they recalculate when a budget changes.
 */
import { readFile } from "fs/promises";
import ExcelJS from "exceljs";
import type { HyperFormula } from "hyperformula";
import { Decimal } from "../../src/engine";
import { outcomeOf } from "../../src/workbook/outcome";
import { buildPlan } from "../../src/workbook/plan";
import { readInputs } from "../../src/workbook/read";
import { existingSheets, readXlsx } from "../../src/xlsx/read";
import { writeXlsx } from "../../src/xlsx/write";
import { Recalculated, recalculate } from "./evaluate";

const SAMPLE = "assets/sample.xlsx";
const WHEN = new Date("2026-11-25T10:00:00Z");

async function output(input: Buffer): Promise<{ bytes: Uint8Array; sheets: string[] }> {
  const grids = await readXlsx(input);
  const read = readInputs(grids);
  expect(read.problems.filter((p) => p.severity === "error")).toEqual([]);
  const { outcome, problems } = outcomeOf(read.inputs!);
  expect(problems).toEqual([]);
  const { plan } = buildPlan(outcome!, {
    existing: existingSheets(grids),
    when: WHEN,
    source: "sample.xlsx",
  });
  return { bytes: await writeXlsx(input, plan), sheets: plan.sheets.map((s) => s.name) };
}

/** Cells whose stored value is not what the spreadsheet calculates. */
function differences(results: readonly Recalculated[]): Recalculated[] {
  return results.filter((r) => {
    if (r.stored === undefined) return r.calculated !== 0 && r.calculated !== ""; // see evaluate.ts
    if (typeof r.stored === "number" && typeof r.calculated === "number")
      // Within a millionth of a penny: the sums outside the SHARED functions are binary arithmetic.
      return !new Decimal(r.stored).minus(r.calculated).abs().lessThan("1e-6");
    return r.stored !== r.calculated;
  });
}

const at = (hf: HyperFormula, sheet: string, address: string): unknown =>
  hf.getCellValue(hf.simpleCellAddressFromString(address, hf.getSheetId(sheet)!)!);

describe("the sample workbook's output, recalculated", () => {
  let results: Recalculated[];
  let hf: HyperFormula;
  beforeAll(async () => {
    const { bytes, sheets } = await output(await readFile(SAMPLE));
    ({ results, hf } = await recalculate(bytes, sheets));
  }, 60_000);

  it("has live SHARED formulas wherever a rule is applied", () => {
    const shared = results.filter((r) => r.formula.includes("_xldudf_SHARED_"));
    expect(new Set(shared.map((r) => r.sheet))).toEqual(new Set(["Attribution", "Savings profile", "Variance shares"]));
    expect(new Set(shared.map((r) => r.formula.match(/_xldudf_SHARED_([A-Z]+)/)![1]))).toEqual(
      new Set(["SHARES", "APPORTION", "TRANSITION", "PROFILE", "PARTYEAR", "BREAKEVEN", "VARIANCE"]),
    );
  });

  it("gives, in every formula cell, the value the engine stored with it", () => {
    expect(differences(results)).toEqual([]);
    expect(results.length).toBeGreaterThan(500);
  });

  it("recalculates when a budget changes, and the split still adds up to the penny", () => {
    // The Youth Offending Service block: its cost is split by APPORTION from the total row.
    const attribution = "Attribution";
    const service = at(hf, attribution, "A6");
    const totalRow = results.find((r) => r.sheet === attribution && r.formula.startsWith("SUM(H6:"))!.address;
    const row = Number(totalRow.match(/\d+$/)![0]);
    const baselineFormula = hf.getCellFormula(hf.simpleCellAddressFromString("H6", hf.getSheetId(attribution)!)!)!;
    const source = baselineFormula.match(/Budget!([A-Z]+\d+)/)![1];
    const parts = (): number[] => Array.from({ length: row - 6 }, (_, i) => at(hf, attribution, `I${6 + i}`) as number);
    const before = parts();
    hf.setCellContents(hf.simpleCellAddressFromString(source, hf.getSheetId("Budget")!)!, [[123456.78]]);
    const after = parts();
    expect(typeof service).toBe("string");
    expect(at(hf, attribution, `H${row}`)).not.toEqual(
      results.find((r) => r.address === `${attribution}!H${row}`)!.stored,
    );
    const total = new Decimal(at(hf, attribution, `I${row}`) as number);
    expect(after.reduce((a, v) => a.plus(v), new Decimal(0))).toEqual(total);
    // A budget basis or a reduction moves the parts; a demand basis with a fixed new cost need not.
    expect(after.length).toBe(before.length);
  });
});

describe("an input workbook with a sheet of the user's called Attribution", () => {
  it("writes Attribution (2), leaves the user's sheet as it was, and every formula still gives its value", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile(SAMPLE)) as unknown as ExcelJS.Buffer);
    const mine = book.addWorksheet("Attribution");
    mine.getCell("A1").value = "My own attribution notes";
    mine.getCell("B2").value = { formula: "1+1", result: 2 };
    const input = Buffer.from(await book.xlsx.writeBuffer());
    const { bytes, sheets } = await output(input);
    expect(sheets).toEqual([
      "Attribution (2)",
      "Savings profile",
      "Realisation",
      "Variance shares",
      "Assessment",
      "Audit",
    ]);
    const { results } = await recalculate(bytes, sheets);
    expect(differences(results)).toEqual([]);
    expect(results.some((r) => r.formula.startsWith("'Attribution (2)'!"))).toBe(true);
    const after = (await readXlsx(bytes)).find((s) => s.name === "Attribution")!;
    expect(after.values).toEqual((await readXlsx(input)).find((s) => s.name === "Attribution")!.values);
  }, 60_000);
});

const [HF, KC, WM] = ["Hammersmith & Fulham", "Kensington & Chelsea", "Westminster"];

describe("partners over time, recalculated (RULES.md §2, §4, §8)", () => {
  // The sample with every way the partners and costs can change by year: Westminster joining the
  // parking office in year three with the £1.16m borne by the two founders ("Implementation Costs
  // for H&F and RBKC", `003` ch. 9(c)); the ICT investment over three years (ch. 9(d) §6), from
  // 2011/12; Kensington & Chelsea leaving the Youth Offending Service and Hammersmith & Fulham
  // giving notice on Fostering; a New cost that grows when a partner joins (Foster placements).
  let results: Recalculated[];
  let hf: HyperFormula;
  beforeAll(async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile(SAMPLE)) as unknown as ExcelJS.Buffer);
    const rules = book.getWorksheet("Rules")!;
    const set = (address: string, value: ExcelJS.CellValue): void => {
      rules.getCell(address).value = value;
    };
    set("B10", "Hammersmith & Fulham, Kensington & Chelsea, Westminster from 2014/15");
    set("F10", "1,160,000 for Hammersmith & Fulham and Kensington & Chelsea");
    // Westminster pays £150,000 above the common terms in 2012/13, borne by it alone (RULES §4).
    set(
      "F9",
      "600,000 in 2011/12; 2,000,000 in 2012/13; 150,000 in 2012/13 borne by Westminster; 2,000,000 in 2013/14; 75,000.01 in 2014/15 by equal",
    );
    // The report's gross savings by year as amounts (0 / 2,700 / 5,300 / 8,660 / 9,860 cumulative, £000s).
    set("G9", "0; 2,700,000; 2,600,000; 3,360,000; 1,200,000");
    set("I9", "2011/12");
    set("B4", "Hammersmith & Fulham; Kensington & Chelsea until 2013/14; Westminster");
    // K&C's own consequent costs of leaving, in its last year, with no shared one-off that year (RULES §8).
    // Then the termination costs the two who stay share in the pre-agreed manner, by FTE (demand is the service's basis).
    set(
      "F4",
      "200,000 in 2013/14 borne by Kensington & Chelsea; 300,000 in 2014/15 for Hammersmith & Fulham and Westminster by FTE",
    );
    // Fostering (basis FTE): H&F's own cost of leaving, and a termination cost on the service's own basis.
    set("F7", "40,000 in 2014/15 borne by Hammersmith & Fulham; 90,000 in 2014/15 by FTE");
    set("B7", "Hammersmith & Fulham notice October 2013, Kensington & Chelsea, Westminster");
    set("B8", "Hammersmith & Fulham, Kensington & Chelsea, Westminster from 2013/14");
    set("D8", "9,000,000; 11,900,000 from 2013/14");
    const input = Buffer.from(await book.xlsx.writeBuffer());
    const { bytes, sheets } = await output(input);
    ({ results, hf } = await recalculate(bytes, sheets));
  }, 60_000);

  it("gives, in every formula cell, the value the engine stored with it", () => {
    expect(differences(results)).toEqual([]);
    // The by-year sections' splits are live: APPORTION with include flags, TRANSITION among bearers.
    const byYear = results.filter(
      (r) => r.sheet === "Attribution" && /_xldudf_SHARED_APPORTION\(.*,[A-Z]+\d+:[A-Z]+\d+\)$/.test(r.formula),
    );
    expect(byYear.length).toBeGreaterThan(10);
  });

  it("puts each cost borne alone on its partner's Extra row, which the Transitional cost column adds in", () => {
    const sheet = hf.getSheetValues(hf.getSheetId("Attribution")!);
    const head = sheet.findIndex(
      (r) => r[0] === "ICT by year: the partners taking part each year share that year's costs",
    );
    const yearAt = (year: string): number => sheet[head + 1].indexOf(year);
    const row = (service: string, partner: string, line: string) =>
      sheet.find((r) => r[0] === service && r[1] === partner && r[2] === line)!;
    expect(row("ICT", "Westminster", "Extra (borne alone)")[yearAt("2012/13")]).toBe(150000);
    expect(row("ICT", "Hammersmith & Fulham", "Extra (borne alone)")[yearAt("2012/13")]).toBe(0);
    // The year's shared costs are split among all three, the extra is Westminster's alone.
    const shared = ["Hammersmith & Fulham", "Kensington & Chelsea", "Westminster"].map(
      (p) => row("ICT", p, "One-off cost")[yearAt("2012/13")] as number,
    );
    expect(Math.round(shared.reduce((a, b) => a + b, 0) * 100)).toBe(2_000_000_00);
    const yos = sheet.findIndex((r) => r[0] === "Youth Offending Service" && r[1] === "Kensington & Chelsea");
    expect(sheet[yos][12]).toBe(200000);
  });

  it("shares termination costs on the basis named among the partners named, exactly (RULES §8)", () => {
    const sheet = hf.getSheetValues(hf.getSheetId("Attribution")!);
    const section = (service: string) => {
      const head = sheet.findIndex(
        (r) => r[0] === `${service} by year: the partners taking part each year share that year's costs`,
      );
      return (partner: string, line: string, year: string) =>
        sheet.find((r) => r[0] === service && r[1] === partner && r[2] === line)![sheet[head + 1].indexOf(year)];
    };
    const ict = section("ICT");
    // £75,000.01 in equal shares among all three: the leftover penny to the earlier partner (RULES §1).
    expect([HF, KC, WM].map((p) => ict(p, "One-off cost", "2014/15"))).toEqual([25000.01, 25000, 25000]);
    // YOS: by FTE among H&F and Westminster once K&C has gone; K&C bears none of it.
    const yos = section("Youth Offending Service");
    const shares = [HF, KC, WM].map((p) => yos(p, "One-off cost", "2014/15") as number);
    expect(shares[1]).toBe(0);
    expect(Math.round((shares[0] + shares[2]) * 100)).toBe(300_000_00);
    const fte = [HF, WM].map((p) => yos(p, "Weight for the one-off's basis", "2014/15") as number);
    expect(fte).toEqual([14.5, 15.5]); // the sample's FTE lines, 3 + 11.5 and 3 + 12.5
    expect(Math.round(shares[0] * 100)).toBe(Math.round((300_000 * 14.5 * 100) / 30));
    // The Audit's stand-alone test for K&C counts its own £200,000 of leaving for staying in.
    const audit = hf.getSheetValues(hf.getSheetId("Audit")!);
    const leaving = audit.find((r) => r[1] === KC && String(r[2]).startsWith("Costs of leaving"))!;
    expect([leaving[0], leaving[5]]).toEqual(["Youth Offending Service", 200000]);
  });

  it("each year's Audit check of the cost shares is zero", () => {
    const checks = results.filter((r) => r.sheet === "Audit" && /^C\d+-B\d+$/.test(r.formula));
    expect(checks.length).toBeGreaterThan(9);
    for (const c of checks) expect(c.calculated).toBe(0);
    expect(at(hf, "Audit", "A1")).toBe("Audit trail");
  });
});
