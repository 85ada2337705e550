/**
 * The written files opened in a real spreadsheet application, LibreOffice Calc (Debian's
 * libreoffice-calc-nogui, run headless), which knows nothing of the add-in: the live output shows
 * #NAME? for its =SHARED formulas (the problem issue 18 is about) but keeps the values of its plain
 * formulas; the values copy (--values), with every formula recalculated by Calc itself, shows no
 * error anywhere and every figure equal to the engine's; so do the partners' statements
 * (--statements), which also add up to the partnership's totals as Calc shows them; so does the
 * task pane's copy with values (the live file's SHARED formulas replaced by their saved values);
 * and printed to PDF by Calc, a statement and the values copy come out on A4 landscape pages. One
 * soffice start per mode, for all the files.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from "fs/promises";
import { tmpdir } from "os";
import { join } from "path";
import { Decimal } from "../../src/engine";
import { type Plan, type PlanCell, callsAddinFunction, planWithValues } from "../../src/workbook/plan";
import { sofficeConvert } from "../../src/cli/soffice";
import { outcomeOf } from "../../src/workbook/outcome";
import { readInputs } from "../../src/workbook/read";
import { STATEMENT_COLUMNS as S } from "../../src/workbook/statement";
import { type StatementFile, statementFiles } from "../../src/workbook/statement/files";
import { writeNewXlsx } from "../../src/xlsx/new";
import { readXlsx } from "../../src/xlsx/read";
import { fileWithValues } from "../../src/xlsx/values-copy";
import { writeXlsx } from "../../src/xlsx/write";
import { type CalcSheets, calcCell, calcNumber, describeInCalc, errorCells, openInCalc, requireSoffice } from "./calc";
import { planCells, samplePlan } from "./sample";

/** What the cell should show, as Calc's CSV has it: text as text, numbers to 15 significant digits. */
function expectShows(sheet: string, row: number, column: number, shownText: string, value: unknown): void {
  const where = `${sheet}!R${row}C${column}`;
  if (value instanceof Decimal) {
    const n = calcNumber(shownText);
    expect({ where, shows: n === undefined ? shownText : "a number" }).toEqual({ where, shows: "a number" });
    const expected = value.toNumber();
    expect({ where, close: Math.abs(n! - expected) <= 1e-9 * Math.max(1, Math.abs(expected)) }).toEqual({
      where,
      close: true,
    });
  } else if (typeof value === "string") expect({ where, shows: shownText }).toEqual({ where, shows: value });
}

/** The value each planned cell should show; spilled cells as their own. */
function* expected(cell: PlanCell, row: number, column: number): Generator<[number, number, unknown]> {
  if (cell.kind === "text") yield [row, column, cell.text];
  else if (cell.kind === "number") yield [row, column, cell.value];
  else if (cell.kind === "formula") yield [row, column, cell.value];
  else
    for (const [i, line] of cell.values.entries()) for (const [j, v] of line.entries()) yield [row + i, column + j, v];
}

/** Checks every cell of the plan's sheets against what Calc shows; returns how many were compared. */
function compareAll(plan: Plan, calc: CalcSheets, skip: (cell: PlanCell) => boolean = () => false): number {
  let compared = 0;
  for (const sheet of plan.sheets) {
    const rows = calc.get(sheet.name);
    expect({ sheet: sheet.name, found: rows !== undefined }).toEqual({ sheet: sheet.name, found: true });
    for (const [r, c, cell] of planCells(sheet.rows)) {
      if (skip(cell)) continue;
      for (const [row, column, value] of expected(cell, r, c)) {
        expectShows(sheet.name, row, column, calcCell(rows!, row, column), value);
        compared++;
      }
    }
  }
  return compared;
}

describeInCalc("in LibreOffice Calc", () => {
  let dir: string;
  let plan: Plan;
  let live: CalcSheets;
  let liveRecalculated: CalcSheets;
  let values: CalcSheets;
  let paneCopy: CalcSheets;
  let statements: StatementFile[];
  let statementSheets: CalcSheets[];
  let pdfPages: Map<string, string[]>;
  const valuesPlan = (): Plan => planWithValues(plan);

  beforeAll(async () => {
    requireSoffice();
    dir = await mkdtemp(join(tmpdir(), "calc-files-"));
    const sample = await samplePlan();
    plan = sample.plan;
    const livePath = join(dir, "sample-shared.xlsx");
    const valuesPath = join(dir, "sample-values.xlsx");
    const liveBytes = await writeXlsx(sample.bytes, plan);
    await writeFile(livePath, liveBytes);
    // The task pane's "Save a copy with values": the live workbook's file with its SHARED formulas as their saved values.
    const paneCopyPath = join(dir, "pane-values.xlsx");
    const made = await fileWithValues(liveBytes);
    if (!("bytes" in made)) throw new Error("the live output has formulas without values");
    await writeFile(paneCopyPath, made.bytes);
    await writeFile(valuesPath, await writeXlsx(sample.bytes, valuesPlan()));
    const outcome = outcomeOf(readInputs(await readXlsx(sample.bytes)).inputs!).outcome!;
    statements = statementFiles(outcome, { when: "2026-11-25 10:00 UTC", source: "sample.xlsx" });
    const statementPaths = await Promise.all(
      statements.map(async (f, i) => {
        const path = join(dir, `statement-${i}.xlsx`);
        await writeFile(path, await writeNewXlsx(f.plan));
        return path;
      }),
    );
    // The output sheets alone (the user's sheets have no page set-up of the add-in's), for the PDF.
    const outputsPath = join(dir, "outputs.xlsx");
    await writeFile(outputsPath, await writeNewXlsx(valuesPlan()));
    // Three soffice starts in all: as Calc opens .xlsx by default (saved values), recalculating
    // everything, and printing to PDF.
    const pdfDir = join(dir, "pdf");
    const [[defaultOpen], [recalculated, valuesCopy, paneValues, ...rest]] = await Promise.all([
      openInCalc([livePath], { recalculate: false }),
      openInCalc([livePath, valuesPath, paneCopyPath, ...statementPaths], { recalculate: true }),
      sofficeConvert([outputsPath, statementPaths[0]], "pdf", pdfDir, { timeoutMs: 180_000 }),
    ]);
    [live, liveRecalculated, values, paneCopy, statementSheets] = [
      defaultOpen,
      recalculated,
      valuesCopy,
      paneValues,
      rest,
    ];
    pdfPages = new Map();
    for (const name of await readdir(pdfDir)) {
      const pdf = (await readFile(join(pdfDir, name))).toString("latin1");
      // Each page's size in points, as the PDF's page objects give it.
      pdfPages.set(
        name,
        [...pdf.matchAll(/\/Type\s*\/Page\b[^>]*?\/MediaBox\s*\[\s*([\d.\s]+)\]/g)].map((m) => m[1].trim()),
      );
    }
  }, 300_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("shows #NAME? for the live output's =SHARED formulas, which is why the values copy exists", () => {
    const attribution = live.get("Attribution")!;
    // G6: the Youth Offending Service's first share, =SHARED.SHARES(...).
    expect(calcCell(attribution, 6, 7)).toBe("#NAME?");
    expect(errorCells(liveRecalculated).length).toBeGreaterThan(50);
  });

  it("keeps the values of the live output's plain formulas, and all its text and numbers", () => {
    const compared = compareAll(
      plan,
      live,
      (cell) => (cell.kind === "formula" || cell.kind === "spill") && callsAddinFunction(cell.formula),
    );
    expect(compared).toBeGreaterThan(1000);
  });

  it("shows no #NAME?, Err: or #VALUE! anywhere in the values copy, with every formula recalculated by Calc", () => {
    expect(errorCells(values)).toEqual([]);
  });

  it("gives every figure of the values copy equal to the engine's, Calc working out the plain formulas itself", () => {
    expect(compareAll(valuesPlan(), values)).toBeGreaterThan(1400);
  });

  it("shows the task pane's copy with values with no error and every figure the engine's, recalculated by Calc", () => {
    expect(errorCells(paneCopy)).toEqual([]);
    expect(compareAll(plan, paneCopy)).toBeGreaterThan(1400);
  });

  it("shows no error in any partner's statement and every figure equal to the engine's, recalculated by Calc", () => {
    statements.forEach((f, i) => {
      expect({ partner: f.partner, errors: errorCells(statementSheets[i]) }).toEqual({
        partner: f.partner,
        errors: [],
      });
      expect(compareAll(f.plan, statementSheets[i])).toBeGreaterThan(200);
    });
  });

  it("adds the statements up, as Calc shows them, to the partnership's totals on the Attribution sheet", () => {
    const attribution = values.get("Attribution")!;
    // Each service's total row on the Attribution sheet: its combined cost and transitional cost.
    const totals = new Map(
      attribution.filter((r) => r[0]?.endsWith(" total")).map((r) => [r[0].slice(0, -" total".length), r]),
    );
    expect(totals.size).toBeGreaterThan(5);
    const pence = (text: string): number => Math.round(calcNumber(text)! * 100);
    for (const [service, row] of totals) {
      let cost = 0;
      let transitional = 0;
      for (const sheets of statementSheets) {
        const line = sheets.get("Statement")!.find((r) => r[S.service - 1] === service);
        if (!line) continue;
        cost += pence(line[S.cost - 1]);
        transitional += pence(line[S.transitional - 1]);
        expect(pence(line[S.combinedCost - 1])).toBe(pence(row[8]));
      }
      expect({ service, cost }).toEqual({ service, cost: pence(row[8]) });
      expect({ service, transitional }).toEqual({ service, transitional: pence(row[12]) });
    }
  });

  it("prints a statement and the output sheets to PDF on A4 landscape pages", () => {
    expect([...pdfPages.keys()].sort()).toEqual(["outputs.pdf", "statement-0.pdf"]);
    for (const [name, pages] of pdfPages) {
      expect({ name, some: pages.length > 0 }).toEqual({ name, some: true });
      for (const box of pages) {
        const [, , width, height] = box.split(/\s+/).map(Number);
        // A4 is 210 × 297 mm: 595.3 × 841.9 points; landscape, it is wider than tall.
        expect({ name, width: Math.round(width), height: Math.round(height) }).toEqual({
          name,
          width: 842,
          height: 595,
        });
      }
    }
    // One page wide, as many down as it takes: the statement of a partner in nine services, with its
    // variances, takes two pages down; at 100% its sixteen columns alone would take three across.
    expect(pdfPages.get("statement-0.pdf")!.length).toBeLessThanOrEqual(2);
  });
});
