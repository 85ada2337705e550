/**
 * Writes a plan (src/workbook/plan/types.ts) into a copy of the user's .xlsx file with ExcelJS,
 * then finishes the package for what ExcelJS cannot write (dynamic arrays, see package.ts).
 * Only the add-in's own sheets are ever deleted or replaced: each is checked by its A2 marker
 * before anything happens, and any doubt stops the whole write.
 */
import ExcelJS from "exceljs";
import type { CellValue } from "../workbook/grid";
import { MARKER, a1 } from "../workbook/a1";
import { ownedRole, sheetNameFault } from "../workbook/owned";
import {
  type CalculatedValue,
  type Plan,
  type PlanCell,
  type PrintSetup,
  PRINT_FOOTER,
  type SheetPlan,
} from "../workbook/plan/types";
import { fileFormula } from "./formula";
import { dynamicArrayCells, finishPackage } from "./package";
import { SheetsToCheck, writeParts } from "./parts";
import { excelCellValue, loadWorkbook, usesDate1904 } from "./read";
import { STYLES } from "./styles";

/** ExcelJS orders tabs by this field, missing from its typings. */
type PlacedSheet = ExcelJS.Worksheet & { orderNo: number };

const key = (name: string): string => name.toLocaleLowerCase("en-GB"); // Excel sheet names ignore case

type ExcelValue = number | string | boolean | ExcelJS.CellErrorValue;

/** A calculated value as ExcelJS stores it: Decimal amounts become numbers here, at the file boundary. */
function excelValue(value: CalculatedValue): ExcelValue {
  if (typeof value === "string" || typeof value === "boolean") return value;
  if ("error" in value) return { error: value.error as ExcelJS.CellErrorValue["error"] };
  return value.toNumber();
}

function a2Value(sheet: ExcelJS.Worksheet, date1904: boolean): CellValue {
  const cell = sheet.findCell(MARKER.row, MARKER.column);
  // Read the same way readXlsx reads it, so this check agrees with the planner's placeSheets.
  return cell ? excelCellValue(cell, date1904) : null;
}

/** The workbook's sheets for checkSafe, as ExcelJS holds them. */
function sheetsOf(workbook: ExcelJS.Workbook): SheetsToCheck {
  const date1904 = usesDate1904(workbook);
  const byName = new Map(workbook.worksheets.map((sheet) => [key(sheet.name), sheet]));
  return {
    names: workbook.worksheets.map((sheet) => sheet.name),
    a2: (name) => {
      const sheet = byName.get(key(name));
      return sheet ? a2Value(sheet, date1904) : null;
    },
  };
}

/** Stops the write before anything is changed if the plan would delete or overwrite a user's sheet. */
function checkSafe(sheets: SheetsToCheck, plan: Plan): void {
  const byName = new Map(sheets.names.map((name) => [key(name), name]));
  const reuse = new Set(plan.reuse.map(key));

  const checkOwned = (name: string, action: string): void => {
    const existing = byName.get(key(name));
    if (existing !== undefined && ownedRole(sheets.a2(existing)) === undefined) {
      throw new Error(
        `The sheet "${existing}" was not made by the add-in (its cell A2 has no "Made by the Shared Services add-in" line), ` +
          `so it will not be ${action}. Nothing was written. Rename that sheet, or remove it yourself if it is an old output.`,
      );
    }
  };
  for (const name of plan.remove) checkOwned(name, "deleted");
  for (const name of plan.reuse) checkOwned(name, "replaced");

  const planned = new Set<string>();
  for (const sheet of plan.sheets) {
    if (planned.has(key(sheet.name)))
      throw new Error(`The plan has two sheets named "${sheet.name}". Nothing was written.`);
    planned.add(key(sheet.name));
    const fault = sheetNameFault(sheet.name);
    if (fault !== undefined)
      throw new Error(`"${sheet.name}" cannot be a sheet name in Excel: ${fault}. Nothing was written.`);
    const existing = byName.get(key(sheet.name));
    if (existing !== undefined && !reuse.has(key(sheet.name))) {
      throw new Error(
        `A sheet named "${existing}" is already in the workbook and is not one the add-in may replace, ` +
          `so it has not been overwritten. Nothing was written. Rename that sheet and run again.`,
      );
    }
  }
}

/** Writes one planned cell; a spill also fills the cells it covers with their results. */
function writeCell(sheet: ExcelJS.Worksheet, row: number, column: number, cell: PlanCell): void {
  const target = sheet.getCell(row, column);
  const style = cell.style ? STYLES[cell.style] : undefined;
  switch (cell.kind) {
    case "text":
      // A plain string: ExcelJS stores it as a shared string, never as a formula, whatever it starts with.
      target.value = cell.text;
      break;
    case "number":
      target.value = cell.value.toNumber();
      break;
    case "formula":
      target.value = { formula: fileFormula(cell.formula), result: excelValue(cell.value) } as ExcelJS.CellFormulaValue;
      break;
    case "spill": {
      const height = cell.values.length;
      const width = Math.max(1, ...cell.values.map((values) => values.length));
      const ref =
        height === 1 && width === 1
          ? a1(row, column)
          : `${a1(row, column)}:${a1(row + height - 1, column + width - 1)}`;
      const first = cell.values[0]?.[0];
      target.value = {
        formula: fileFormula(cell.formula),
        result: first === undefined ? undefined : excelValue(first),
        shareType: "array",
        ref,
      } as unknown as ExcelJS.CellFormulaValue;
      // Excel saves the spilled cells as plain values beside the anchor's formula.
      cell.values.forEach((values, i) =>
        values.forEach((value, j) => {
          if (i === 0 && j === 0) return;
          const spilled = sheet.getCell(row + i, column + j);
          spilled.value = excelValue(value);
          if (style) spilled.style = style;
        }),
      );
      break;
    }
  }
  if (style) target.style = style;
}

/** A4, one page wide and as many down as it takes, headings repeated, the footer: as ExcelJS writes them. */
function printOptions(print: PrintSetup | undefined): Partial<ExcelJS.AddWorksheetOptions> {
  if (!print) return {};
  return {
    pageSetup: {
      paperSize: 9, // A4
      orientation: print.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages down as it takes
      ...(print.repeatRows ? { printTitlesRow: `${print.repeatRows.first}:${print.repeatRows.last}` } : {}),
    },
    headerFooter: {
      oddFooter: `&L${PRINT_FOOTER.left}&R${PRINT_FOOTER.right}`,
      differentFirst: false,
      differentOddEven: false,
    },
  } as Partial<ExcelJS.AddWorksheetOptions>;
}

/** The cells a spill covers besides its anchor, as addresses. */
function spilledCells(row: number, column: number, values: CalculatedValue[][]): string[] {
  const cells: string[] = [];
  values.forEach((line, i) => line.forEach((_, j) => (i > 0 || j > 0) && cells.push(a1(row + i, column + j))));
  return cells;
}

/** Fills a new sheet from its plan; returns the anchors of its dynamic arrays. */
function writeSheet(sheet: ExcelJS.Worksheet, plan: SheetPlan): Set<string> {
  const anchors = new Set<string>();
  const spilledInto = new Set<string>();
  plan.rows.forEach((cells, r) =>
    cells.forEach((cell, c) => {
      if (cell?.kind !== "spill") return;
      anchors.add(a1(r + 1, c + 1));
      for (const address of spilledCells(r + 1, c + 1, cell.values)) spilledInto.add(address);
    }),
  );
  plan.rows.forEach((cells, r) =>
    cells.forEach((cell, c) => {
      if (!cell) return;
      // Excel would show #SPILL! rather than the planned results.
      if (spilledInto.size > 0 && spilledInto.has(a1(r + 1, c + 1))) {
        throw new Error(`Internal error: ${plan.name}!${a1(r + 1, c + 1)} is planned inside a formula's spill range.`);
      }
      writeCell(sheet, r + 1, c + 1, cell);
    }),
  );
  plan.widths?.forEach((width, i) => {
    if (width > 0) sheet.getColumn(i + 1).width = width;
  });
  plan.heights?.forEach((height, i) => {
    if (height) sheet.getRow(i + 1).height = height;
  });
  return anchors;
}

/**
 * The user's workbook with the plan applied, as .xlsx bytes. The input bytes are not changed.
 * Throws, before anything is written, if the plan would delete or overwrite a sheet the add-in
 * did not make. Charts in the plan are not written (ExcelJS cannot); the task pane adds them.
 */
export async function writeXlsx(input: Uint8Array, plan: Plan): Promise<Uint8Array> {
  return (await writeWorkbookCopy(input, plan)).bytes;
}

/** How the copy was written: the input's own parts kept (parts.ts), or through ExcelJS and why. */
export type CopyWay = { way: "parts" } | { way: "exceljs"; why: string };

/**
 * The copy, written by keeping the input's own parts and adding the add-in's sheets (parts.ts)
 * wherever that writer can, else through ExcelJS as before; says which way it went.
 */
export async function writeWorkbookCopy(input: Uint8Array, plan: Plan): Promise<{ bytes: Uint8Array } & CopyWay> {
  const parts = await writeParts(input, plan, checkSafe);
  if ("bytes" in parts) return { bytes: parts.bytes, way: "parts" };
  return { bytes: await writeThroughExcelJs(input, plan), way: "exceljs", why: parts.declined };
}

/** The copy through ExcelJS: the whole workbook loaded, changed and written again. */
export async function writeThroughExcelJs(input: Uint8Array, plan: Plan): Promise<Uint8Array> {
  const workbook = await loadWorkbook(input);
  checkSafe(sheetsOf(workbook), plan);

  const find = (name: string): ExcelJS.Worksheet | undefined =>
    workbook.worksheets.find((sheet) => key(sheet.name) === key(name));

  for (const name of plan.remove) {
    const sheet = find(name);
    if (sheet) workbook.removeWorksheet(sheet.id);
  }

  const reuse = new Set(plan.reuse.map(key));
  const dynamicArrays = new Map<string, Set<string>>();
  for (const sheetPlan of plan.sheets) {
    // A replaced sheet keeps its place among the tabs; its old contents go entirely.
    const old = reuse.has(key(sheetPlan.name)) ? find(sheetPlan.name) : undefined;
    const place = old && (old as PlacedSheet).orderNo;
    if (old) workbook.removeWorksheet(old.id);
    const frozen = sheetPlan.freezeRows ?? 0;
    const sheet = workbook.addWorksheet(sheetPlan.name, {
      ...(frozen > 0
        ? { views: [{ state: "frozen", xSplit: 0, ySplit: frozen, topLeftCell: a1(frozen + 1, 1) }] }
        : {}),
      ...printOptions(sheetPlan.print),
    });
    if (place !== undefined) (sheet as PlacedSheet).orderNo = place;
    dynamicArrays.set(sheetPlan.name, writeSheet(sheet, sheetPlan));
  }

  // The tab Excel opens on must still exist.
  const count = workbook.worksheets.length;
  for (const view of workbook.views ?? []) {
    if ((view.activeTab ?? 0) >= count) view.activeTab = 0;
    if ((view.firstSheet ?? 0) >= count) view.firstSheet = 0;
  }

  // Stored uncompressed here: finishPackage compresses the finished package once.
  const written = await workbook.xlsx.writeBuffer({ zip: { compression: "STORE" } } as ExcelJS.XlsxWriteOptions);
  return finishPackage(written as unknown as Uint8Array, dynamicArrays, await dynamicArrayCells(input));
}
