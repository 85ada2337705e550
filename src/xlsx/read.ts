/**
 * Reads an .xlsx file into plain sheet grids (src/workbook/grid.ts) with ExcelJS: each cell as
 * Excel shows it, formulas by their saved results (a formula with none as UncalculatedCell),
 * dates as serial numbers with their date format kept, and the sheet's merged ranges.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { CellRange, CellValue, SheetGrid } from "../workbook/grid";
import { MARKER, a1 } from "../workbook/a1";
import { cellAt, isUncalculated } from "../workbook/grid";
import type { ExistingSheet } from "../workbook/owned";
import { unescapeXml } from "./xml";

const MS_PER_DAY = 86_400_000;
/** Serial number of 1 January 1970 in the 1900 date system; the 1904 system starts 1,462 days later. */
const UNIX_EPOCH_1900 = 25_569;
const OFFSET_1904 = 1_462;

/**
 * An Excel serial number from the Date ExcelJS made of it, in the 1900 date system. ExcelJS rounds
 * the file's number to the millisecond (utils.excelToDate), so the serial is given back as the
 * shortest decimal that ExcelJS would have turned into this same Date: 15.3 in a date-formatted
 * cell is 15.3 again, not 15.2999999999993, and a whole-day serial comes back exactly (including
 * Excel's phantom 29 February 1900, which ExcelJS maps linearly both ways). A 1904-system serial
 * is moved to the 1900 system, so a date means the same day whichever system the file uses.
 */
export function dateToSerial(date: Date, date1904: boolean): number {
  const ms = date.getTime();
  const offset = date1904 ? OFFSET_1904 : 0;
  const file = (serial: number): number => serial - offset; // as the file held it
  // The same arithmetic as ExcelJS's excelToDate, so the round trip is checked exactly.
  const toMs = (serial: number): number => Math.round((file(serial) - UNIX_EPOCH_1900 + offset) * 24 * 3600 * 1000);
  const exact = UNIX_EPOCH_1900 + ms / MS_PER_DAY;
  for (let places = 0; places <= 12; places++) {
    const candidate = Number(exact.toFixed(places));
    if (toMs(candidate) === ms) return candidate;
  }
  return exact;
}

interface RichTextValue {
  richText: { text: string }[];
}

function isRichText(value: unknown): value is RichTextValue {
  return typeof value === "object" && value !== null && Array.isArray((value as RichTextValue).richText);
}

function plainText(value: unknown): string {
  if (typeof value === "string") return value;
  if (isRichText(value)) return value.richText.map((run) => run.text ?? "").join("");
  return value === null || value === undefined ? "" : String(value);
}

/** One value as ExcelJS holds it (a cell's value or a formula's result) → CellValue. */
function toCellValue(value: unknown, date1904: boolean): CellValue {
  switch (typeof value) {
    case "number":
    case "string":
    case "boolean":
      return value;
    case "undefined":
      return null;
    case "object": {
      if (value === null) return null;
      if (value instanceof Date) return dateToSerial(value, date1904);
      if (isRichText(value)) return plainText(value);
      const record = value as { error?: unknown; text?: unknown; hyperlink?: unknown };
      if (typeof record.error === "string") return { error: record.error };
      if ("hyperlink" in record || "text" in record) return plainText(record.text);
      return null;
    }
    default:
      return null;
  }
}

/** The value a cell shows; a formula gives its saved result and a cell covered by a merge is blank. */
export function excelCellValue(cell: ExcelJS.Cell, date1904: boolean): CellValue {
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return null;
    case ExcelJS.ValueType.Formula:
      // cell.result, not cell.value: ExcelJS's formula value drops a result of 0, FALSE or "".
      return toCellValue(cell.result, date1904);
    default:
      return toCellValue(cell.value, date1904);
  }
}

/** A formula cell with no saved result: the file was written by a program and never calculated. */
function uncalculatedFormula(cell: ExcelJS.Cell): CellValue | undefined {
  if (cell.type !== ExcelJS.ValueType.Formula || cell.result !== undefined) return undefined;
  const formula = (cell.formula as string | undefined) ?? "";
  return { formula: formula === "" ? "a shared formula" : `=${formula}` };
}

/** The number format of a number cell, where it is not General (a date, a percentage…). */
function numberFormat(cell: ExcelJS.Cell, value: CellValue): string | undefined {
  if (typeof value !== "number") return undefined;
  const format = cell.numFmt;
  return typeof format === "string" && format !== "" && format.toLowerCase() !== "general" ? format : undefined;
}

/** The sheet's merged ranges ("A3:B3"), 1-based. */
function mergedRanges(sheet: ExcelJS.Worksheet): CellRange[] {
  const merges = (sheet.model as { merges?: string[] }).merges ?? [];
  const ranges: CellRange[] = [];
  for (const text of merges) {
    const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/i.exec(text);
    if (m === null) continue;
    const column = (letters: string): number =>
      [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    ranges.push({ top: Number(m[2]), left: column(m[1]), bottom: Number(m[4]), right: column(m[3]) });
  }
  return ranges;
}

/** A worksheet's values; values[0][0] is A1, each row as long as its last non-blank cell. */
export function worksheetGrid(sheet: ExcelJS.Worksheet, date1904: boolean): SheetGrid {
  const values: CellValue[][] = [];
  const formats: (string | undefined)[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    let cells: CellValue[] | undefined;
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const value = uncalculatedFormula(cell) ?? excelCellValue(cell, date1904);
      if (value === null) return;
      if (!cells) cells = [];
      while (cells.length < column - 1) cells.push(null);
      cells[column - 1] = value;
      const format = numberFormat(cell, value);
      if (format !== undefined) (formats[rowNumber - 1] ??= [])[column - 1] = format;
    });
    if (!cells) return;
    while (values.length < rowNumber - 1) values.push([]);
    values[rowNumber - 1] = cells;
  });
  const merges = mergedRanges(sheet);
  return {
    name: sheet.name,
    values,
    ...(formats.length > 0 ? { formats } : {}),
    ...(merges.length > 0 ? { merges } : {}),
  };
}

/** Whether the workbook counts dates from 1904 (old Mac workbooks) rather than 1900. */
export function usesDate1904(workbook: ExcelJS.Workbook): boolean {
  return Boolean((workbook.properties as { date1904?: boolean } | undefined)?.date1904);
}

/** Loads .xlsx bytes into an ExcelJS workbook. */
export async function loadWorkbook(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // ExcelJS's typings ask for a Node Buffer; it hands the bytes to JSZip, which takes any Uint8Array.
  await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  return workbook;
}

/** Every worksheet of an .xlsx file, in workbook order, as plain values. */
export async function readXlsx(data: Uint8Array): Promise<SheetGrid[]> {
  const workbook = await loadWorkbook(data);
  const date1904 = usesDate1904(workbook);
  const grids = workbook.worksheets.map((sheet) => worksheetGrid(sheet, date1904));
  await keepSavedEmptyResults(data, grids);
  return grids;
}

/** Where each worksheet's XML is in the package, by sheet name (xl/workbook.xml and its relationships). */
export async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id !== undefined && target !== undefined) targets.set(id, target);
  }
  const parts = new Map<string, string>();
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[0])?.[1];
    const target = id === undefined ? undefined : targets.get(id);
    if (name === undefined || target === undefined || !/worksheets\//.test(target)) continue;
    parts.set(unescapeXml(name), target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`);
  }
  return parts;
}

/**
 * ExcelJS gives a formula whose saved result is empty text (`<v></v>`, as Excel saves
 * =IF(…,"",…)) no result, as it does a formula never calculated (no <v> at all). The sheet's XML
 * tells them apart: a cell the grid holds as uncalculated that has a <v> is an empty result,
 * blank as Excel shows it. Only sheets with such cells are looked at.
 */
async function keepSavedEmptyResults(data: Uint8Array, grids: SheetGrid[]): Promise<void> {
  const suspects = grids.filter((g) => g.values.some((row) => row.some((v) => isUncalculated(v))));
  if (suspects.length === 0) return;
  const zip = await JSZip.loadAsync(data);
  const parts = await sheetParts(zip);
  for (const grid of suspects) {
    const path = parts.get(grid.name);
    const xml = path === undefined ? undefined : await zip.file(path)?.async("string");
    if (xml === undefined) continue;
    // One pass over the sheet: the cells with a formula and no <v>.
    const noValue = new Set<string>();
    for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const content = m[2] ?? "";
      if (!/<f\b/.test(content) || /<v\b/.test(content)) continue;
      const address = /\br="([A-Z]+\d+)"/.exec(m[1])?.[1];
      if (address !== undefined) noValue.add(address);
    }
    grid.values.forEach((row, r) =>
      row.forEach((value, c) => {
        if (isUncalculated(value) && !noValue.has(a1(r + 1, c + 1))) row[c] = null;
      }),
    );
    while (grid.values.length > 0 && grid.values[grid.values.length - 1].every((v) => v === null)) grid.values.pop();
  }
}

/** Each sheet's name and A2 value, which says whether the add-in made it (see owned.ts). */
export function existingSheets(grids: readonly SheetGrid[]): ExistingSheet[] {
  return grids.map((grid) => ({ name: grid.name, a2: cellAt(grid, MARKER.row, MARKER.column) }));
}
