/** Small workbooks and plans built in memory for the .xlsx adapter's tests. */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { Decimal } from "../../src/engine";
import { markerText } from "../../src/workbook/owned";
import type { OutputRole, Plan, PlanCell, SheetPlan } from "../../src/workbook/plan/types";

export async function bytesOf(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Adds a sheet that carries the add-in's A2 marker, as an earlier run would have left it. */
export function addOwnedSheet(workbook: ExcelJS.Workbook, name: string, role: OutputRole): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  sheet.getCell("A1").value = `${name} (old)`;
  sheet.getCell("A2").value = markerText(role, "1 April 2025 09:00");
  sheet.getCell("B5").value = 999;
  return sheet;
}

export const text = (value: string): PlanCell => ({ kind: "text", text: value });
export const num = (value: string | number): PlanCell => ({
  kind: "number",
  value: new Decimal(value),
  style: "money",
});

export function sheetPlan(role: OutputRole, name: string, rows: (PlanCell | undefined)[][]): SheetPlan {
  return {
    role,
    name,
    rows: [
      [{ kind: "text", text: name, style: "title" }],
      [{ kind: "text", text: markerText(role, "today"), style: "marker" }],
      ...rows,
    ],
  };
}

export function plan(sheets: SheetPlan[], reuse: string[] = [], remove: string[] = []): Plan {
  return { sheets, reuse, remove, summary: [] };
}

/** The XML of every part in a written file, by path. */
export async function parts(file: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(file);
  const out = new Map<string, string>();
  for (const path of Object.keys(zip.files)) {
    const entry = zip.file(path);
    if (entry) out.set(path, await entry.async("string"));
  }
  return out;
}

/** The <c> element of one cell in a sheet's XML (its opening tag to </c>, or self-closed). */
export function cellXml(sheetXml: string, address: string): string | undefined {
  const match = new RegExp(`<c r="${address}"[^>]*?(?:/>|>.*?</c>)`).exec(sheetXml);
  return match?.[0];
}
