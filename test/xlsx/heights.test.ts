/**
 * A row's height from the plan (wrapped text, sheet.ts) reaches the file both ways: the parts
 * writer (a copy of the user's workbook) and ExcelJS (a statement's own workbook) each give the row
 * ht with customHeight, so LibreOffice, which does not fit rows to wrapped text on opening, shows
 * every line; rows without one get none.
 */
import ExcelJS from "exceljs";
import { writeNewXlsx } from "../../src/xlsx/new";
import { writeWorkbookCopy } from "../../src/xlsx/write";
import { bytesOf, parts, plan, sheetPlan, text } from "./build";

const sheet = () => ({
  ...sheetPlan("audit", "Audit", [[text("a long line that wraps"), text("next")]]),
  widths: [10, 10],
  heights: [undefined, undefined, 45],
});

test("both writers give a planned row its height, and no other row one", async () => {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Budget").getCell("A1").value = "Service";
  const copy = await writeWorkbookCopy(await bytesOf(workbook), plan([sheet()]));
  expect(copy.way).toBe("parts");
  const own = await writeNewXlsx(plan([sheet()]));
  for (const file of [copy.bytes, own]) {
    const files = await parts(file);
    const xml = [...files.entries()].find(([p, x]) => p.startsWith("xl/worksheets/") && x.includes('<row r="3"'))![1];
    const rows = [...xml.matchAll(/<row\b[^>]*>/g)].map((m) => m[0]);
    expect(rows[2]).toMatch(/\sht="45"/);
    expect(rows[2]).toMatch(/\scustomHeight="1"/);
    expect(rows.filter((r) => /\sht=/.test(r))).toHaveLength(1);
  }
});
