/**
 * `shared-services --values`: the copy has the add-in's figures as values in place of its =SHARED
 * formulas (no _xldudf_ in the file), the same sheets and the same figures as the live copy, and
 * says so; the input is unchanged.
 */
import JSZip from "jszip";
import { mkdtemp, readFile, rm } from "fs/promises";
import { tmpdir } from "os";
import { join } from "path";
import { runCli } from "../../src/cli/run";
import { readXlsx } from "../../src/xlsx/read";

const SAMPLE = "assets/sample.xlsx";
const io = (out: string[], err: string[]) => ({
  out: (l: string) => out.push(l),
  err: (l: string) => err.push(l),
  now: new Date("2026-11-25T10:00:00Z"),
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "shared-services-values-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function sheetXml(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const parts = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/.*\.xml$/.test(n));
  return (await Promise.all(parts.map((p) => zip.file(p)!.async("string")))).join("\n");
}

it("writes a copy with values in place of the add-in's formulas, the same figures as the live copy", async () => {
  const before = await readFile(SAMPLE);
  const out: string[] = [];
  const err: string[] = [];
  const live = join(dir, "live.xlsx");
  const values = join(dir, "values.xlsx");
  expect(await runCli([SAMPLE, "-o", live, "-q"], io([], []))).toBe(0);
  expect(await runCli([SAMPLE, "-o", values, "--values"], io(out, err))).toBe(0);
  expect(err).toEqual([]);
  expect(out).toContainEqual(
    expect.stringMatching(/^Values only: [\d,]+ formulas of the add-in's functions written as their values/),
  );
  expect(out.at(-1)).toBe(`Wrote ${values}.`);

  expect(await sheetXml(live)).toMatch(/_xldudf_SHARED_/);
  const xml = await sheetXml(values);
  expect(xml).not.toMatch(/_xldudf_/i);
  expect(xml).toMatch(/<f>SUM\(/); // plain formulas stay

  // Read back as the add-in reads a workbook, each cell's value is the same in both copies but the notes.
  const a = await readXlsx(await readFile(live));
  const b = await readXlsx(await readFile(values));
  expect(b.map((s) => s.name)).toEqual(a.map((s) => s.name));
  for (const [i, sheet] of a.entries()) {
    const other = b[i].values.map((row) => [...row]);
    const mine = sheet.values.map((row) => [...row]);
    if (other[2]?.[0] !== mine[2]?.[0]) other[2][0] = mine[2][0] = null; // the note says it is a values copy
    expect({ sheet: sheet.name, values: other }).toEqual({ sheet: sheet.name, values: mine });
  }
  expect(await readFile(SAMPLE)).toEqual(before);
}, 60_000);
