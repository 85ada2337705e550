/**
 * The task pane's WorkbookHost (src/workbook/host.ts) over Office.js: in Excel these calls run
 * inside Excel.run, and in tests (and the task pane's end-to-end test in a plain browser) against
 * an in-memory workbook with the same Office.js API. Every call is a short batch with a bounded
 * number of syncs.
 */
import { type CellValue, isErrorCell } from "../workbook/grid";
import { MARKER_CELL, a1 } from "../workbook/a1";
import type { CellGuard, CellWrite, InputSheet, WorkbookHost } from "../workbook/host";
import { ownedRole, sheetNameKey as nameKey } from "../workbook/owned";
import { PAYLOAD_BUDGET, jsonBytes } from "./payload";
import { cellValue, readWorkbook } from "./read";
import { applyRules } from "./run";
import { writeStatements } from "./statements";
import { GENERAL, columnWidthPoints } from "./styles";
import { asTyped } from "./write";

/** Excel.run, or a stand-in that hands the batch an in-memory workbook's context. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** What range.formulas gets for a value: text quote-prefixed where Excel would read it as something else. */
function entry(value: CellValue | undefined): string | number | boolean {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return `'${isErrorCell(value) ? value.error : value.formula}`; // an error (or formula never calculated) is kept as its text
  if (typeof value === "string") return asTyped(value);
  return value;
}

export function officeHost(run: ExcelRun): WorkbookHost {
  return {
    read: (options) => run((context) => readWorkbook(context, options)),
    apply: (options) => run((context) => applyRules(context, options)),
    writeStatements: (options) => run((context) => writeStatements(context, options)),
    addSheets: (sheets) => run((context) => addSheets(context, sheets)),
    writeCells: (sheet, writes, guards) => run((context) => writeCells(context, sheet, writes, guards ?? [])),
    select: (sheet, cell) =>
      run(async (context) => {
        const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
        ws.load("name");
        await context.sync();
        if (ws.isNullObject) throw new Error(`There is no sheet named "${sheet}" in the workbook.`);
        ws.activate();
        ws.getRange(cell ?? "A1").select();
        await context.sync();
      }),
  };
}

/** In Excel: the host over Excel.run. */
export const excelHost = (): WorkbookHost => officeHost((batch) => Excel.run(batch));

async function addSheets(context: Excel.RequestContext, sheets: readonly InputSheet[]): Promise<void> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();
  const taken = new Set(worksheets.items.map((ws) => nameKey(ws.name)));
  const clash = sheets.filter((s) => taken.has(nameKey(s.name))).map((s) => `"${s.name}"`);
  if (clash.length > 0)
    throw new Error(
      `The workbook already has a sheet named ${clash.join(", ")}. Nothing was added: rename or remove it first.`,
    );

  // Rows go in blocks under the payload budget, several sheets to a sync, so the syncs are bounded
  // by the data's size (one per 4 MB), not by the number of sheets or rows.
  let bytes = 0;
  const queued = async (size: number): Promise<void> => {
    if (bytes > 0 && bytes + size > PAYLOAD_BUDGET) {
      await context.sync();
      bytes = 0;
    }
    bytes += size;
  };
  for (const sheet of sheets) {
    const ws = worksheets.add(sheet.name);
    const width = Math.max(0, ...sheet.values.map((row) => row.length));
    const heading = sheet.headingRow ?? 0;
    const formats = sheet.numberFormats ?? [];
    // Formats are for the rows under the headings, so a sheet without headings gets none.
    const formatted = sheet.headingRow !== undefined && formats.some((f) => f !== undefined);
    // Each block carries its rows' values and, below the headings, their number formats (counted
    // too: a format string per cell can weigh more than the values).
    for (let top = 0; top < sheet.values.length;) {
      let end = top;
      let size = 0;
      const block: (string | number | boolean)[][] = [];
      const blockFormats: string[][] = [];
      // Blocks of a sixteenth of the budget pack each sync to within 6% of it.
      while (end < sheet.values.length && (block.length === 0 || size < PAYLOAD_BUDGET / 16)) {
        const row = Array.from({ length: width }, (_, c) => entry(sheet.values[end][c]));
        size += jsonBytes(row);
        block.push(row);
        if (formatted && end >= heading) {
          const rowFormats = Array.from({ length: width }, (_, c) => formats[c] ?? GENERAL);
          size += jsonBytes(rowFormats);
          blockFormats.push(rowFormats);
        }
        end++;
      }
      await queued(size);
      if (width > 0) {
        ws.getRange(`A${top + 1}:${a1(end, width)}`).formulas = block;
        if (blockFormats.length > 0)
          ws.getRange(`A${end - blockFormats.length + 1}:${a1(end, width)}`).numberFormat = blockFormats;
      }
      top = end;
    }
    if (heading > 0 && width > 0) {
      const headings = ws.getRange(`A${heading}:${a1(heading, width)}`).format;
      headings.font.bold = true;
      headings.wrapText = true;
      headings.borders.getItem("EdgeBottom").style = "Continuous";
      if (heading > 1) ws.getRange("A1").format.font.bold = true; // the title above the headings
    }
    (sheet.widths ?? []).forEach((w, c) => {
      if (w > 0) ws.getRange(a1(1, c + 1)).format.columnWidth = columnWidthPoints(w);
    });
    if (sheet.freezeRows) ws.freezePanes.freezeRows(sheet.freezeRows);
  }
  await context.sync();
}

async function writeCells(
  context: Excel.RequestContext,
  sheet: string,
  writes: readonly CellWrite[],
  guards: readonly CellGuard[],
): Promise<void> {
  const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
  ws.load("name");
  await context.sync();
  if (ws.isNullObject) throw new Error(`There is no sheet named "${sheet}" any more. Nothing was written.`);
  // One sync to look at everything the edit depends on: the marker, the guarded cells, and the
  // number format of each cell to be written (a format of the user's is kept).
  const a2 = ws.getRange(MARKER_CELL);
  a2.load("values");
  const guarded = guards.map((g) => {
    const range = ws.getRange(a1(g.row, g.column));
    range.load("values,valueTypes");
    return { g, range };
  });
  const targets = writes.map((w) => {
    const range = ws.getRange(a1(w.row, w.column));
    if (w.numberFormat !== undefined) range.load("numberFormat");
    return { w, range };
  });
  await context.sync();
  if (ownedRole(a2.values[0]?.[0] as CellValue) !== undefined)
    throw new Error(
      `"${sheet}" is one of the add-in's own output sheets, which it rewrites on every run. Nothing was written.`,
    );
  for (const { g, range } of guarded) {
    const now = cellValue(range.values[0]?.[0], range.valueTypes[0]?.[0]);
    if (!sameValue(now, g.value))
      throw new Error(
        `${sheet}!${a1(g.row, g.column)} has changed since the add-in read it (it held ${shown(g.value)}, now ${shown(now)}), ` +
          "so the edit might land in the wrong row. Nothing was written: the pane has read the sheet again; make the edit again.",
      );
  }
  for (const { w, range } of targets) {
    // The format first, so a number typed into a cell formatted as Text is not stored as text.
    if (w.numberFormat !== undefined) {
      const format = String(range.numberFormat[0]?.[0] ?? GENERAL);
      if (format === GENERAL || format === "@") range.numberFormat = [[w.numberFormat]];
    }
    range.formulas = [[entry(w.value)]];
  }
  await context.sync();
}

const sameValue = (a: CellValue, b: CellValue): boolean =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null) || (isBlank(a) && isBlank(b));
const isBlank = (v: CellValue): boolean => v === null || v === "";
const shown = (v: CellValue): string =>
  v === null || v === ""
    ? "nothing"
    : typeof v === "object"
      ? isErrorCell(v)
        ? v.error
        : v.formula
      : `"${String(v)}"`;
