/**
 * The command line never writes over its input however the output is named (issue 15, case 1),
 * and every file it cannot use is one plain sentence, never Node's or the zip library's words
 * (case 8). Each test here failed before the fix it names.
 */
import { copyFile, link, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from "fs/promises";
import { tmpdir } from "os";
import { join } from "path";
import JSZip from "jszip";
import { runCli } from "../../src/cli/run";

const SAMPLE = "assets/sample.xlsx";

async function cli(...args: string[]): Promise<{ status: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), now: new Date(0) });
  return { status, out, err };
}

/** No raw system or library wording, no stack frame. */
function expectPlain(lines: string[]): void {
  const text = lines.join("\n");
  expect(text).not.toMatch(
    /\bE[A-Z]{3,}\b|errno|syscall|central directory|Cannot set propert|undefined|\bat .*:\d+:\d+/,
  );
  expect(lines.at(-1)).toBe("Nothing was written.");
}

let dir: string;
let input: string;
let before: Buffer;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "shared-services-files-"));
  input = join(dir, "book.xlsx");
  await copyFile(SAMPLE, input);
  before = await readFile(input);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The input is byte for byte as it was, and the same file (not replaced by another). */
async function expectInputUntouched(ino: number): Promise<void> {
  expect((await readFile(input)).equals(before)).toBe(true);
  expect((await stat(input)).ino).toBe(ino);
}

describe("the output is never the input (was: compared path strings, so a link with --overwrite replaced the input)", () => {
  test.each([
    ["a symbolic link to the input", (out: string) => symlink(input, out)],
    ["a hard link to the input", (out: string) => link(input, out)],
  ])("-o %s with --overwrite is refused and the input is unchanged", async (_what, make) => {
    const ino = (await stat(input)).ino;
    const output = join(dir, "copy.xlsx");
    await make(output);
    const run = await cli(input, "-o", output, "--overwrite");
    expect(run.status).toBe(1);
    expect(run.err[0]).toBe(
      `Error: ${output} is the input file itself under another name (a link to it): the add-in never changes your workbook. Choose another name for the copy.`,
    );
    expectPlain(run.err);
    await expectInputUntouched(ino);
  });

  test("a path to the input through a linked folder, with --overwrite, is refused", async () => {
    const ino = (await stat(input)).ino;
    await symlink(dir, join(dir, "via"));
    const run = await cli(input, "-o", join(dir, "via", "book.xlsx"), "--overwrite");
    expect(run.status).toBe(1);
    expect(run.err[0]).toMatch(/is the input file itself under another name/);
    await expectInputUntouched(ino);
  });

  test("the same path, spelled differently (./), with --overwrite, is refused", async () => {
    const ino = (await stat(input)).ino;
    const run = await cli(input, "-o", join(dir, ".", "book.xlsx"), "--overwrite");
    expect(run.status).toBe(1);
    expect(run.err[0]).toMatch(/is the input file itself: the add-in never changes your workbook/);
    await expectInputUntouched(ino);
  });

  test("--overwrite on an output that is a link to another file replaces the link, never the file it points to", async () => {
    const theirs = join(dir, "theirs.txt");
    await writeFile(theirs, "someone else's file");
    const output = join(dir, "copy.xlsx");
    await symlink(theirs, output);
    const run = await cli(input, "-o", output, "--overwrite");
    expect(run.status).toBe(0);
    expect(await readFile(theirs, "utf8")).toBe("someone else's file");
    expect((await readFile(output)).subarray(0, 2).toString()).toBe("PK");
  }, 60_000);
});

describe("files it cannot use are one plain sentence (was: EISDIR, EEXIST, zip jargon, a TypeError, 'no Budget sheet')", () => {
  test("a folder given as the input", async () => {
    const run = await cli(dir, "-o", join(dir, "o.xlsx"));
    expect(run.status).toBe(1);
    expect(run.err[0]).toBe(`Error: ${dir} is a folder, not an Excel workbook: give the path of the .xlsx file.`);
    expectPlain(run.err);
  });

  test("an output whose folder is a file", async () => {
    const file = join(dir, "notes");
    await writeFile(file, "a file");
    const run = await cli(input, "-o", join(file, "out", "o.xlsx"));
    expect(run.status).toBe(1);
    expect(run.err[0]).toBe(
      `Error: ${file} is a file, not a folder, so ${join(file, "out", "o.xlsx")} cannot be written inside it. Choose another place for the copy.`,
    );
    expectPlain(run.err);
    expect(await readFile(file, "utf8")).toBe("a file");
  });

  test("an output that is a folder", async () => {
    await mkdir(join(dir, "out"));
    const run = await cli(input, "-o", join(dir, "out"), "--overwrite");
    expect(run.status).toBe(1);
    expect(run.err[0]).toMatch(/out is a folder: give a file name for the copy, such as .*book-shared\.xlsx\.$/);
    expectPlain(run.err);
  });

  test("a text file renamed .xlsx", async () => {
    await writeFile(input, "Partner,Service,Baseline\nWestminster,Libraries,100\n");
    const run = await cli(input, "-o", join(dir, "o.xlsx"));
    expect(run.err[0]).toBe(
      `Error: ${input} is a text file (perhaps a CSV or a web page renamed .xlsx), not an Excel workbook: open it in Excel and save it as an Excel Workbook (.xlsx).`,
    );
    expectPlain(run.err);
  });

  test("an old .xls (or password-protected) file", async () => {
    await writeFile(input, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]));
    const run = await cli(input, "-o", join(dir, "o.xlsx"));
    expect(run.err[0]).toMatch(/is an old-style Excel 97–2003 \(\.xls\) file or a password-protected workbook/);
    expectPlain(run.err);
  });

  test("a file cut short (half a download)", async () => {
    await writeFile(input, before.subarray(0, before.length / 2));
    const run = await cli(input, "-o", join(dir, "o.xlsx"));
    expect(run.err[0]).toMatch(/is damaged: .*Open it in Excel, which offers to repair it, and save it again\.$/);
    expectPlain(run.err);
  });

  test("a workbook with a damaged sheet", async () => {
    const zip = await JSZip.loadAsync(before);
    const xml = await zip.file("xl/worksheets/sheet2.xml")!.async("string");
    zip.file("xl/worksheets/sheet2.xml", xml.slice(0, xml.length / 2));
    await writeFile(input, await zip.generateAsync({ type: "nodebuffer" }));
    const run = await cli(input, "-o", join(dir, "o.xlsx"));
    expect(run.err[0]).toMatch(/is damaged: it is a zip file, as an \.xlsx is, but part of it cannot be read/);
    expectPlain(run.err);
  });

  test("a workbook whose sheet is missing from the file", async () => {
    const zip = await JSZip.loadAsync(before);
    zip.remove("xl/worksheets/sheet2.xml");
    await writeFile(input, await zip.generateAsync({ type: "nodebuffer" }));
    const run = await cli(input, "-o", join(dir, "o.xlsx"));
    const sheet =
      /its sheet "(.+)" is listed but missing from the file\. Open it in Excel, which offers to repair it, and save it again\.$/.exec(
        run.err[0],
      );
    expect(sheet).not.toBeNull();
    // One of the sample's own sheets (which one is sheet2.xml is the writer's choice).
    expect(["Read me", "Budget", "FTE", "Rules", "Drivers", "Tracker", "MTFS"]).toContain(sheet![1]);
    expectPlain(run.err);
  });

  test("a zip that is not a workbook", async () => {
    const zip = new JSZip();
    zip.file("report.txt", "hello");
    await writeFile(input, await zip.generateAsync({ type: "nodebuffer" }));
    const run = await cli(input, "-o", join(dir, "o.xlsx"));
    expect(run.err[0]).toMatch(/is a zip file but not an Excel workbook: it has no workbook inside/);
    expect(run.err.join("\n")).not.toMatch(/Budget/);
    expectPlain(run.err);
  });
});
