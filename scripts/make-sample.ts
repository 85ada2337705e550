/**
 * Builds the bundled sample workbook, assets/sample.xlsx, from the Tri-borough proposals
 * (../shared/seeds/003_…: Hammersmith & Fulham, Kensington & Chelsea, Westminster; the tables of
 * chapter 9 and the rules of chapter 11), laid out as the README's "Input template" asks, and a
 * copy with realistic mistakes, assets/sample-malformed.xlsx, for the command line's end-to-end test.
 *
 *   npx ts-node --transpile-only scripts/make-sample.ts
 *
 * The figures and the sheets' contents live in src/sample/sample.ts, which the task pane also uses
 * to add the sample through Office.js; this script writes them with ExcelJS and adds the styling
 * (fonts, fills, alignment). The "Read me" sheet says which figures come from the report and which
 * are illustrative. The files are deterministic (fixed creator, dates and zip timestamps), so
 * regenerating them changes nothing; test/sample/ checks that the script and the files agree.
 *
 * The malformed copy's mistakes (also exported as MALFORMED_MISTAKES, so tests can check each is
 * reported; the script stops if the layout moves one of them off its cell):
 *   Budget!F98   the text "12,000" (typed with its comma) instead of the number 12,000
 *   FTE!C19      a negative FTE, -12
 *   Rules!G5     phasing "10%, 45%, 35%", which adds up to 90%
 *   Rules!B10    Ealing named as a partner with no Budget lines
 *   Drivers!C6   #REF! in a quantity cell (its source row was deleted)
 */
/* eslint-disable office-addins/load-object-before-read, office-addins/call-sync-before-read --
   these are ExcelJS cells in memory, not Office.js proxies that need load() and sync(). */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import * as path from "path";
import {
  HEADING_ROW,
  HF,
  KC,
  MTFS,
  MTFS_ESTIMATES,
  READ_ME_NAME,
  READ_ME_WIDTHS,
  WM,
  readMeLines,
  sampleTables,
  type SampleTable,
} from "../src/sample/sample";

// Kept here too for scripts and tests that took them from this file.
export { PARTNERS, SERVICES, type Partner } from "../src/sample/sample";

/** Fixed so that regenerating the files changes nothing. */
const MADE_ON = new Date(Date.UTC(2011, 2, 1, 9, 0, 0));
const MADE_BY = "Tri-borough finance team (sample)";

// ---------------------------------------------------------------------------------------------
// The malformed copy
// ---------------------------------------------------------------------------------------------

export interface MalformedMistake {
  sheet: string;
  /** A1 address. */
  cell: string;
  what: string;
  /** What the cell holds in the malformed copy. */
  value: ExcelJS.CellValue;
}

export const MALFORMED_MISTAKES: readonly MalformedMistake[] = [
  {
    sheet: "Budget",
    cell: "F98",
    what: 'the text "12,000" in a Baseline cell (Dangerous structures, Kensington & Chelsea)',
    value: "12,000",
  },
  {
    sheet: "FTE",
    cell: "C19",
    what: "a negative FTE (Fostering and adoption, Kensington & Chelsea staff)",
    value: -12,
  },
  {
    sheet: "Rules",
    cell: "G5",
    what: "phasing that adds up to 90% (Adult social care overheads)",
    value: "10%, 45%, 35%",
  },
  {
    sheet: "Rules",
    cell: "B10",
    what: "a partner in the rules with no budget (Ealing, Parking back office)",
    value: `${HF}, ${KC}, ${WM} from 2013/14, Ealing from 2015/16`,
  },
  {
    sheet: "Drivers",
    cell: "C6",
    what: "an Excel error, #REF!, in a Quantity cell (Youth Offending Service, Westminster)",
    value: { error: "#REF!" },
  },
];

/** Where each mistake goes, by what is in its row, so the script stops if the layout moves it. */
const MISTAKE_PLACES: readonly { row: Record<string, string>; column: string }[] = [
  {
    row: { Service: "Dangerous structures", Partner: KC, Description: "Out-of-hours standby payments" },
    column: "Baseline £",
  },
  { row: { Service: "Fostering and adoption", Partner: KC, Manager: "No" }, column: "FTE" },
  { row: { Service: "Adult social care overheads" }, column: "Phasing" },
  { row: { Service: "Parking back office" }, column: "Partners" },
  { row: { Service: "Youth Offending Service", Partner: WM }, column: "Quantity" },
];

// ---------------------------------------------------------------------------------------------
// Building the workbook
// ---------------------------------------------------------------------------------------------

const HEADING_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };

/** A template sheet: a title (and a note) above bold headings, then the rows, frozen under the headings. */
function addTable(workbook: ExcelJS.Workbook, { name, title, note, columns, rows }: SampleTable): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: HEADING_ROW }] });
  sheet.columns = columns.map((c) => ({ width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  sheet.getCell("A1").value = title;
  sheet.getCell("A1").font = { bold: true, size: 14 };
  sheet.getCell("A2").value = note;
  sheet.getCell("A2").font = { italic: true, color: { argb: "FF595959" } };
  const headings = sheet.getRow(HEADING_ROW);
  columns.forEach((c, i) => {
    const cell = headings.getCell(i + 1);
    cell.value = c.heading;
    cell.font = { bold: true };
    cell.fill = HEADING_FILL;
    cell.border = { bottom: { style: "thin" } };
    cell.alignment = { horizontal: c.numFmt ? "right" : "left", wrapText: true };
  });
  rows.forEach((values, r) => {
    const row = sheet.getRow(HEADING_ROW + 1 + r);
    values.forEach((v, i) => {
      // A blank (null) gets no cell; ExcelJS takes an error as { error } too.
      if (v !== null) row.getCell(i + 1).value = v as ExcelJS.CellValue;
    });
  });
}

function addReadMe(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet(READ_ME_NAME);
  sheet.columns = READ_ME_WIDTHS.map((width) => ({ width }));
  const lines = readMeLines();
  lines.forEach((values, i) => {
    const row = sheet.getRow(i + 1);
    values.forEach((v, c) => {
      if (v) row.getCell(c + 1).value = v;
    });
    row.alignment = { vertical: "top", wrapText: true };
  });
  sheet.getCell("A1").font = { bold: true, size: 14 };
  // Bold: the side headings, and the sources table's heading row.
  lines.forEach(([label], i) => {
    if (label && i > 0) sheet.getCell(i + 1, 1).font = { bold: true };
  });
  sheet.getRow(lines.findIndex(([label]) => label === "Service") + 1).font = { bold: true };
}

function addMtfs(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet(MTFS.name);
  sheet.columns = MTFS.widths.map((width, i) => (i === 0 ? { width } : { width, style: { numFmt: MTFS.numFmt } }));
  sheet.getCell("A1").value = MTFS.title;
  sheet.getCell("A1").font = { bold: true, size: 14 };
  sheet.getCell("A2").value = MTFS.note;
  const headings = sheet.getRow(3);
  MTFS.headings.forEach((h, i) => {
    headings.getCell(i + 1).value = h;
    headings.getCell(i + 1).font = { bold: true };
    headings.getCell(i + 1).fill = HEADING_FILL;
  });
  MTFS_ESTIMATES.forEach(([service, early, later], i) => {
    const row = sheet.getRow(4 + i);
    row.getCell(1).value = service;
    if (early !== null) row.getCell(2).value = early;
    row.getCell(3).value = later;
  });
  const last = 3 + MTFS_ESTIMATES.length;
  const total = sheet.getRow(last + 1);
  total.getCell(1).value = "Total";
  // Summed in tenths so the stored result is exactly what Excel shows (no binary noise).
  const tenths = (k: 1 | 2): number => MTFS_ESTIMATES.reduce((t, e) => t + Math.round((e[k] ?? 0) * 10), 0) / 10;
  total.getCell(2).value = { formula: `SUM(B4:B${last})`, result: tenths(1) };
  total.getCell(3).value = { formula: `SUM(C4:C${last})`, result: tenths(2) };
  total.font = { bold: true };
}

/** The sample workbook, built in memory. */
export function buildSampleWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = MADE_BY;
  workbook.lastModifiedBy = MADE_BY;
  workbook.created = MADE_ON;
  workbook.modified = MADE_ON;
  workbook.title = "Tri-borough shared services: sample inputs";

  addReadMe(workbook);
  addMtfs(workbook);
  for (const table of sampleTables()) addTable(workbook, table);
  return workbook;
}

/** The row (1-based) whose cells under the given headings hold the given values; the headings are on row 3. */
function findRow(sheet: ExcelJS.Worksheet, match: Record<string, string>): number {
  const headings = (sheet.getRow(3).values as ExcelJS.CellValue[]).map((v) => (typeof v === "string" ? v : ""));
  const column = (heading: string): number => {
    const c = headings.indexOf(heading);
    if (c < 1) throw new Error(`${sheet.name} has no "${heading}" heading`);
    return c;
  };
  const rows: number[] = [];
  sheet.eachRow((row, r) => {
    if (r > 3 && Object.entries(match).every(([h, v]) => row.getCell(column(h)).value === v)) rows.push(r);
  });
  if (rows.length !== 1) throw new Error(`${sheet.name}: ${rows.length} rows match ${JSON.stringify(match)}`);
  return rows[0];
}

/** The sample with MALFORMED_MISTAKES made in it. */
export function buildMalformedWorkbook(): ExcelJS.Workbook {
  const workbook = buildSampleWorkbook();
  workbook.title = "Tri-borough shared services: sample inputs with mistakes";
  MALFORMED_MISTAKES.forEach((mistake, i) => {
    const sheet = workbook.getWorksheet(mistake.sheet);
    if (!sheet) throw new Error(`no ${mistake.sheet} sheet`);
    const place = MISTAKE_PLACES[i];
    const headings = (sheet.getRow(3).values as ExcelJS.CellValue[]).map((v) => (typeof v === "string" ? v : ""));
    const cell = sheet.getCell(findRow(sheet, place.row), headings.indexOf(place.column));
    if (cell.address !== mistake.cell)
      throw new Error(
        `MALFORMED_MISTAKES is out of date: ${mistake.what} is now at ${mistake.sheet}!${cell.address}, not ${mistake.cell}`,
      );
    cell.value = mistake.value;
  });
  return workbook;
}

/** The .xlsx bytes, with every zip entry dated MADE_ON (ExcelJS stamps them with the time of writing). */
export async function xlsxBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  const written = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  const fixed = new JSZip();
  for (const [name, entry] of Object.entries(written.files)) {
    if (!entry.dir) fixed.file(name, await entry.async("uint8array"), { date: MADE_ON, createFolders: false });
  }
  return fixed.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

export const SAMPLE_PATH = path.join(__dirname, "..", "assets", "sample.xlsx");
export const MALFORMED_PATH = path.join(__dirname, "..", "assets", "sample-malformed.xlsx");

async function main(): Promise<void> {
  const fs = await import("fs");
  fs.writeFileSync(SAMPLE_PATH, await xlsxBytes(buildSampleWorkbook()));
  fs.writeFileSync(MALFORMED_PATH, await xlsxBytes(buildMalformedWorkbook()));
  console.log(`Wrote ${path.relative(process.cwd(), SAMPLE_PATH)} and ${path.relative(process.cwd(), MALFORMED_PATH)}`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
