/**
 * A plan written as a workbook of its own (a partner's statement), rather than into a copy of the
 * user's: an empty workbook with the plan's sheets, through the same writer as every output.
 */
import ExcelJS from "exceljs";
import type { Plan } from "../workbook/plan/types";
import { writeThroughExcelJs } from "./write";

export async function writeNewXlsx(plan: Plan): Promise<Uint8Array> {
  const empty = new ExcelJS.Workbook();
  empty.creator = "Shared Services add-in";
  const bytes = await empty.xlsx.writeBuffer();
  // Nothing of the user's to keep, so ExcelJS writes it whole.
  return writeThroughExcelJs(new Uint8Array(bytes as ArrayBuffer), plan);
}
