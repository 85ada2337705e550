/**
 * `shared-services --statements <folder>` (issue 18): one workbook per partner, named safely and
 * distinctly, holding its statement in values and plain formulas only (no _xldudf_), the input
 * never changed and nothing replaced unasked; --pdf says plainly when LibreOffice is missing.
 */
import JSZip from "jszip";
import { existsSync } from "fs";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "fs/promises";
import { tmpdir } from "os";
import { join } from "path";
import { cli } from "./run-cli";
import { ownedRole } from "../../src/workbook/owned";
import { readXlsx } from "../../src/xlsx/read";
import { loadWorkbook } from "../../src/xlsx/read";

const SAMPLE = "assets/sample.xlsx";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "shared-services-statements-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function xmlOf(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const parts = Object.keys(zip.files).filter((n) => n.startsWith("xl/") && !zip.files[n].dir);
  return (await Promise.all(parts.map((p) => zip.file(p)!.async("string")))).join("\n");
}

it("writes one statement workbook per partner, values and plain formulas only, and leaves the input alone", async () => {
  const before = await readFile(SAMPLE);
  const folder = join(dir, "statements");
  const run = await cli(SAMPLE, "-o", join(dir, "out.xlsx"), "--statements", folder);
  expect(run.err).toEqual([]);
  expect(run.status).toBe(0);
  expect(run.out).toContain(
    `Statements: 3 written into ${folder} (Hammersmith & Fulham: Hammersmith & Fulham.xlsx; Kensington & Chelsea: Kensington & Chelsea.xlsx; Westminster: Westminster.xlsx).`,
  );
  expect((await readdir(folder)).sort()).toEqual([
    "Hammersmith & Fulham.xlsx",
    "Kensington & Chelsea.xlsx",
    "Westminster.xlsx",
  ]);
  for (const name of await readdir(folder)) {
    const file = join(folder, name);
    const xml = await xmlOf(file);
    expect(xml).not.toMatch(/_xldudf_/i);
    expect(xml).toMatch(/<f>ROUND\(/);
    const sheets = await readXlsx(await readFile(file));
    expect(sheets.map((s) => s.name)).toEqual(["Statement"]);
    expect(ownedRole(sheets[0].values[1][0])).toBe("statement");
    expect(sheets[0].values[0][0]).toBe(`${name.replace(/\.xlsx$/, "")}: shared services statement`);
  }
  expect(await readFile(SAMPLE)).toEqual(before);
});

it("gives partners whose names a file cannot hold safe, distinct file names", async () => {
  // The sample with its partners renamed to names with / : * in them, two of which collide once made safe.
  const workbook = await loadWorkbook(await readFile(SAMPLE));
  const rename: Record<string, string> = {
    "Hammersmith & Fulham": "Hammersmith/Fulham",
    "Kensington & Chelsea": "Hammersmith:Fulham",
    Westminster: "*Westminster*",
  };
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string") {
          let v = cell.value;
          for (const [from, to] of Object.entries(rename)) v = v.split(from).join(to);
          if (v !== cell.value) cell.value = v;
        }
      }),
    ),
  );
  const input = join(dir, "renamed.xlsx");
  await writeFile(input, Buffer.from(await workbook.xlsx.writeBuffer()));
  const before = await readFile(input);
  const folder = join(dir, "out");
  const run = await cli(input, "-o", join(dir, "renamed-shared.xlsx"), "--statements", folder);
  expect(run.err).toEqual([]);
  expect(run.status).toBe(0);
  expect((await readdir(folder)).sort()).toEqual([
    "-Westminster-.xlsx",
    "Hammersmith-Fulham (2).xlsx",
    "Hammersmith-Fulham.xlsx",
  ]);
  const titles = await Promise.all(
    (await readdir(folder)).map(async (n) => (await readXlsx(await readFile(join(folder, n))))[0].values[0][0]),
  );
  expect(titles.sort()).toEqual(
    ["*Westminster*", "Hammersmith/Fulham", "Hammersmith:Fulham"].map((p) => `${p}: shared services statement`).sort(),
  );
  expect(await readFile(input)).toEqual(before);
});

it("replaces no statement unasked, and writes nothing at all when one is in the way", async () => {
  const folder = join(dir, "statements");
  await mkdir(folder);
  await writeFile(join(folder, "Westminster.xlsx"), "mine");
  const output = join(dir, "out.xlsx");
  const run = await cli(SAMPLE, "-o", output, "--statements", folder);
  expect(run.status).toBe(1);
  expect(run.err[0]).toBe(
    `Error: ${join(folder, "Westminster.xlsx")} already exists. Add --overwrite to replace it, or choose another name.`,
  );
  expect(existsSync(output)).toBe(false);
  expect(await readdir(folder)).toEqual(["Westminster.xlsx"]);
  expect(await readFile(join(folder, "Westminster.xlsx"), "utf8")).toBe("mine");
});

it("refuses --pdf without --statements, and says plainly when LibreOffice is not installed", async () => {
  const alone = await cli(SAMPLE, "-o", join(dir, "a.xlsx"), "--pdf");
  expect(alone.status).toBe(1);
  expect(alone.err[0]).toBe(
    "Error: --pdf makes a PDF of each partner's statement: give --statements <folder> as well.",
  );

  const saved = process.env.SOFFICE;
  process.env.SOFFICE = join(dir, "no-such-soffice");
  try {
    const folder = join(dir, "s");
    const run = await cli(SAMPLE, "-o", join(dir, "b.xlsx"), "--statements", folder, "--pdf");
    expect(run.status).toBe(0);
    expect(run.err).toEqual([
      "Note: No PDF was made: LibreOffice is not installed here (no soffice program). Install it (on Debian or Ubuntu: apt-get install libreoffice-calc-nogui) and run again, or open each statement in Excel and save it as PDF.",
    ]);
    expect((await readdir(folder)).sort()).toEqual([
      "Hammersmith & Fulham.xlsx",
      "Kensington & Chelsea.xlsx",
      "Westminster.xlsx",
    ]);
  } finally {
    if (saved === undefined) delete process.env.SOFFICE;
    else process.env.SOFFICE = saved;
  }
});
