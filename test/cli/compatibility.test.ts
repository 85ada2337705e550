/**
 * The command line picks the Compatibility sheet up as it does the Costs sheet: by its name, or
 * the sheet `--compatibility` names. The sample with its Compatibility sheet renamed "Candidates"
 * (a name the template does not know) writes no Assessment until the flag names it.
 */
import { mkdtemp, readFile, rm } from "fs/promises";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { cli } from "./run-cli";
import { loadWorkbook } from "../../src/xlsx/read";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "shared-services-compat-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("--compatibility names the sheet to read; without it a sheet not named as the template's is not read", async () => {
  const book = await loadWorkbook(await readFile("assets/sample.xlsx"));
  book.getWorksheet("Compatibility")!.name = "Candidates";
  const input = join(dir, "renamed.xlsx");
  await book.xlsx.writeFile(input);

  const without = await cli(input, "-o", join(dir, "without.xlsx"));
  expect(without.status).toBe(0);
  expect(without.out.find((l) => l.startsWith("Sheets written:"))).not.toContain("Assessment");

  const output = join(dir, "with.xlsx");
  const run = await cli(input, "-o", output, "--compatibility", "Candidates");
  expect(run.err).toEqual([]);
  expect(run.status).toBe(0);
  expect(run.out.find((l) => l.startsWith("Sheets written:"))).toContain("Assessment");
  const written = new ExcelJS.Workbook();
  await written.xlsx.readFile(output);
  const red = written.getWorksheet("Assessment")!.getCell("D6").value as ExcelJS.CellFormulaValue;
  expect(red.formula).toBe('COUNTIF(Candidates!C4:M4,"red")+COUNTIF(Candidates!C4:M4,"r")');
}, 120_000);
