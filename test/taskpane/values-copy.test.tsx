/** @jest-environment jsdom */
/**
 * The Results step's "Save a copy with values" (issue 18): the open workbook's file from Office.js
 * (getFileAsync, Compressed, in slices), every =SHARED formula replaced by the value Excel saved
 * for it, opened with Excel.createWorkbook as a new workbook; the open workbook is not changed.
 * Through the in-memory Office.js (test/office/fake-file.ts), whose "Excel" calculates each formula
 * as the engine does (the plan's value for that cell), as the add-in's functions do in Excel.
 * Where Excel has not calculated them yet (#BUSY!), or lacks a requirement set, the pane says so
 * and opens nothing.
 */
import { screen } from "@testing-library/react";
import JSZip from "jszip";
import { Decimal } from "../../src/engine";
import { officeFiles } from "../../src/office/file";
import { a1 } from "../../src/workbook/a1";
import type { CellValue } from "../../src/workbook/grid";
import type { WorkbookFiles } from "../../src/workbook/host";
import { type Plan, callsAddinFunction } from "../../src/workbook/plan";
import { prepareRun } from "../../src/workbook/prepare";
import { fileWithValues } from "../../src/xlsx/values-copy";
import { worksheetParts } from "../../src/xlsx/package";
import { FakeWorkbook } from "../office/fake-excel";
import { type FakeFiles, fakeFiles } from "../office/fake-file";
import { idle, openPane, runOnce, sampleGrids, snapshotAll } from "./render";

jest.setTimeout(180_000);
const LONG = { timeout: 30_000 };

/** The plan the pane's run writes for the sample (the time changes only the markers). */
const PLAN: Plan = (() => {
  const grids = sampleGrids();
  const prepared = prepareRun(grids, [], { when: new Date(), source: "this workbook" });
  if (!prepared.plan) throw new Error("the sample did not plan");
  return prepared.plan;
})();

const asCell = (value: Decimal | string | boolean | { error: string }): CellValue =>
  value instanceof Decimal ? value.toNumber() : (value as CellValue);

/** Excel calculating as the add-in's functions do: each formula shows the engine's value for its cell. */
function calculatedAsTheEngine(sheet: string, row: number, column: number): CellValue {
  const cell = PLAN.sheets.find((s) => s.name === sheet)?.rows[row - 1]?.[column - 1];
  if (cell?.kind === "formula") return asCell(cell.value);
  if (cell?.kind === "spill") return asCell(cell.values[0][0]);
  return null;
}

/** The pane's file calls over the fake, with the .xlsx adapter's transform, as index.tsx wires them. */
function filesOver(
  fake: FakeWorkbook,
  sets?: Record<string, string | false>,
): { files: WorkbookFiles; office: FakeFiles } {
  const office = fakeFiles(fake, sets);
  const files: WorkbookFiles = {
    ...officeFiles(office.api, (batch) => batch(fake.context)),
    withValues: fileWithValues,
  };
  return { files, office };
}

const unescapeXml = (t: string): string =>
  t
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

/**
 * Each sheet's cells as a copy holds them, by address: a formula's text, or the value (numbers,
 * TRUE/FALSE, inline text, errors). Read from the XML here: ExcelJS does not load under jsdom.
 */
async function copyCells(file: Uint8Array): Promise<Map<string, Map<string, { formula?: string; value: CellValue }>>> {
  const zip = await JSZip.loadAsync(file);
  const sheets = new Map<string, Map<string, { formula?: string; value: CellValue }>>();
  for (const [name, part] of await worksheetParts(zip)) {
    const cells = new Map<string, { formula?: string; value: CellValue }>();
    const xml = await zip.file(part)!.async("string");
    for (const [, attrs, inner = ""] of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const address = /\sr="([^"]+)"/.exec(attrs)![1];
      const type = /\st="([^"]+)"/.exec(attrs)?.[1];
      const f = /<f\b[^>]*>([\s\S]*?)<\/f>/.exec(inner)?.[1];
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      const t = /<t\b[^>]*>([\s\S]*?)<\/t>/.exec(inner)?.[1];
      const value: CellValue =
        type === "inlineStr"
          ? unescapeXml(t ?? "")
          : v === undefined
            ? null
            : type === "str"
              ? unescapeXml(v)
              : type === "b"
                ? v === "1"
                : type === "e"
                  ? { error: v }
                  : Number(v);
      cells.set(address, { ...(f === undefined ? {} : { formula: unescapeXml(f) }), value });
    }
    sheets.set(name, cells);
  }
  return sheets;
}

async function saveCopy(user: Awaited<ReturnType<typeof openPane>>["user"]): Promise<void> {
  await user.click(screen.getByRole("button", { name: "Save a copy with values" }));
  await idle();
}

describe("Save a copy with values", () => {
  test("opens a new workbook with the add-in's figures as values, equal to the engine's; this workbook is unchanged", async () => {
    const fake = FakeWorkbook.fromGrids(sampleGrids(), { calculate: calculatedAsTheEngine });
    const { files, office } = filesOver(fake);
    const { user } = await openPane(fake, { files });
    await runOnce(user);
    const before = snapshotAll(fake);

    await saveCopy(user);
    await screen.findByText("Copy with values opened", {}, LONG);
    expect(office.opened).toHaveLength(1);
    expect(office.fileCalls).toEqual([{ sliceSize: 4 * 1024 * 1024 }]);
    expect(office.openFiles()).toBe(0); // the file was closed after reading
    expect(snapshotAll(fake)).toEqual(before);

    // No formula of the add-in's is left in the file; plain formulas are.
    const copy = office.opened[0];
    const zip = await JSZip.loadAsync(copy);
    const xml = (
      await Promise.all(
        Object.keys(zip.files)
          .filter((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p))
          .map((p) => zip.file(p)!.async("string")),
      )
    ).join("\n");
    expect(xml).not.toMatch(/_xldudf_|SHARED\./i);
    expect(xml).toMatch(/<f>SUM\(/);

    // Every output sheet's cells, read back from the copy, are the engine's: values where the
    // add-in's formulas were, and the plain formulas' saved values.
    const sheets = await copyCells(copy);
    let replaced = 0;
    for (const planned of PLAN.sheets) {
      const cells = sheets.get(planned.name)!;
      expect({ sheet: planned.name, inCopy: cells !== undefined }).toEqual({ sheet: planned.name, inCopy: true });
      planned.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          // A spill's anchor; its other cells are not in the fake's file (it does not spill).
          if (cell?.kind !== "formula" && cell?.kind !== "spill") return;
          const where = `${planned.name}!${a1(r + 1, c + 1)}`;
          const held = cells.get(a1(r + 1, c + 1));
          const expected = asCell(cell.kind === "formula" ? cell.value : cell.values[0][0]);
          const shown = held?.value;
          if (typeof expected === "number")
            expect({ where, shown }).toEqual({ where, shown: expect.closeTo(expected, 9) });
          else expect({ where, shown }).toEqual({ where, shown: expected });
          // The add-in's formulas are values now; plain ones are still formulas.
          const addin = callsAddinFunction(cell.formula);
          expect({ where, formula: held?.formula !== undefined }).toEqual({ where, formula: !addin });
          if (addin) replaced++;
        }),
      );
    }
    expect(replaced).toBeGreaterThan(50);
    expect(screen.getByText(/became their values; this workbook is unchanged/).textContent).toMatch(/[\d,]+ formulas/);
  });

  test("while Excel is still calculating (#BUSY!), says so and opens nothing", async () => {
    const fake = FakeWorkbook.fromGrids(sampleGrids()); // formulas get no value: the functions are calculating
    const { files, office } = filesOver(fake);
    const { user } = await openPane(fake, { files });
    await runOnce(user);
    await saveCopy(user);
    await screen.findByText("No copy was made", {}, LONG);
    expect(screen.getByText(/shows #BUSY!: Excel is still calculating\. Wait until every figure shows/)).toBeTruthy();
    expect(office.opened).toEqual([]);
    expect(office.openFiles()).toBe(0);
  });

  test.each([
    [
      { ExcelApi: "1.7", CompressedFile: "1.1" },
      /cannot open a new workbook for the add-in \(it needs the Excel JavaScript API 1\.8\): update Excel/,
    ],
    [
      { ExcelApi: "1.17", CompressedFile: false as const },
      /cannot give the add-in the workbook as a file \(Excel on iPad cannot\)/,
    ],
  ])("where Excel lacks a requirement set (%j), says so plainly and asks Excel for nothing", async (sets, message) => {
    const fake = FakeWorkbook.fromGrids(sampleGrids(), { calculate: calculatedAsTheEngine });
    const { files, office } = filesOver(fake, sets);
    const { user } = await openPane(fake, { files });
    await runOnce(user);
    await saveCopy(user);
    await screen.findByText("No copy was made", {}, LONG);
    expect(screen.getByText(message)).toBeTruthy();
    expect(office.fileCalls).toEqual([]);
    expect(office.opened).toEqual([]);
  });
});
