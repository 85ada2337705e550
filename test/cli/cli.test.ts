/**
 * The command line end to end: on the bundled sample it writes the output sheets into a copy and
 * says what it wrote; on the malformed copy it lists every mistake with its sheet and cell, exits
 * 1 and writes nothing; it refuses to overwrite the input or an existing file unasked.
 */
import { existsSync } from "fs";
import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from "fs/promises";
import { tmpdir } from "os";
import { join } from "path";
import JSZip from "jszip";
import { runCli } from "../../src/cli/run";
import { cli } from "./run-cli";
import { ownedRole } from "../../src/workbook/owned";
import { readXlsx } from "../../src/xlsx/read";
import { MALFORMED_MISTAKES } from "../../scripts/make-sample";

const SAMPLE = "assets/sample.xlsx";
const MALFORMED = "assets/sample-malformed.xlsx";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "shared-services-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("shared-services on the sample workbook", () => {
  it("writes the output sheets into a copy, keeps every sheet of the input as it was, and summarises", async () => {
    const output = join(dir, "out", "sample-shared.xlsx");
    const before = await readFile(SAMPLE);
    const run = await cli(SAMPLE, "-o", output);
    expect(run.err).toEqual([]);
    expect(run.status).toBe(0);
    expect(run.out.at(-1)).toBe(`Wrote ${output}.`);
    expect(run.out[0]).toMatch(/^\d+ services shared between 3 partners: baselines £[\d,]+\.\d\d, combined cost/);
    expect(run.out).toContain(
      "Sheets written: Attribution, Savings profile, Realisation, Variance shares, Assessment, Audit.",
    );

    const input = await readXlsx(before);
    const written = await readXlsx(await readFile(output));
    expect(written.map((s) => s.name)).toEqual([
      ...input.map((s) => s.name),
      "Attribution",
      "Savings profile",
      "Realisation",
      "Variance shares",
      "Assessment",
      "Audit",
    ]);
    for (const sheet of input) expect(written.find((s) => s.name === sheet.name)).toEqual(sheet);
    expect(written.slice(input.length).map((s) => ownedRole(s.values[1]?.[0] ?? null))).toEqual([
      "attribution",
      "savings-profile",
      "realisation",
      "variances",
      "assessment",
      "audit",
    ]);
    expect(await readFile(SAMPLE)).toEqual(before); // the input file is never changed
  }, 60_000);

  it("run again on its own output, replaces its sheets and leaves exactly one set", async () => {
    const first = join(dir, "first.xlsx");
    const second = join(dir, "second.xlsx");
    expect((await cli(SAMPLE, "-o", first)).status).toBe(0);
    expect((await cli(first, "-o", second)).status).toBe(0);
    const names = (await readXlsx(await readFile(second))).map((s) => s.name);
    expect(names.filter((n) => /^(Attribution|Savings profile|Realisation|Audit)/.test(n))).toEqual([
      "Attribution",
      "Savings profile",
      "Realisation",
      "Audit",
    ]);
  }, 60_000);
});

describe("shared-services keeps the user's parts", () => {
  it("carries a chart of the user's into the copy unchanged, so it has nothing to warn about", async () => {
    const zip = await JSZip.loadAsync(await readFile(SAMPLE));
    const chart =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart/></c:chartSpace>';
    zip.file("xl/charts/chart1.xml", chart);
    const input = join(dir, "with-chart.xlsx");
    await writeFile(input, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    const output = join(dir, "with-chart-shared.xlsx");
    const run = await cli(input, "-o", output);
    expect(run.status).toBe(0);
    expect(run.out.filter((line) => line.startsWith("Note:"))).toEqual([]);
    const written = await JSZip.loadAsync(await readFile(output));
    expect(await written.file("xl/charts/chart1.xml")?.async("string")).toBe(chart);
  });
});

describe("the years covered: --first-year and --last-year", () => {
  it("shows at least the years asked for, the parking office's five-year view to 2016/17", async () => {
    const output = join(dir, "years.xlsx");
    const run = await cli(SAMPLE, "-o", output, "--first-year", "2010/11", "--last-year", "2016-17");
    expect(run.err).toEqual([]);
    expect(run.out).toContain("Savings profile over 2010/11 to 2016/17.");
    const profile = (await readXlsx(await readFile(output))).find((s) => s.name === "Savings profile")!;
    expect(profile.values[4].filter((v) => typeof v === "string" && /^\d{4}\/\d{2}$/.test(v))).toEqual([
      "2010/11",
      "2011/12",
      "2012/13",
      "2013/14",
      "2014/15",
      "2015/16",
      "2016/17",
    ]);
  }, 60_000);

  it("refuses a year that is not one, or a first year after the last, and writes nothing", async () => {
    const output = join(dir, "never.xlsx");
    const bad = await cli(SAMPLE, "-o", output, "--last-year", "2016");
    expect([bad.status, bad.err]).toEqual([
      1,
      ['Error: --last-year "2016" is not a financial year like 2011/12.', "Nothing was written."],
    ]);
    const backwards = await cli(SAMPLE, "-o", output, "--first-year", "2014/15", "--last-year", "2012/13");
    expect(backwards.err[0]).toBe("Error: --first-year 2014/15 is after --last-year 2012/13.");
    expect(existsSync(output)).toBe(false);
  }, 60_000);
});

describe("shared-services on the malformed copy", () => {
  it("lists every mistake with its sheet and cell, exits 1 and writes nothing", async () => {
    const output = join(dir, "never.xlsx");
    const run = await cli(MALFORMED, "-o", output);
    expect(run.status).toBe(1);
    expect(existsSync(output)).toBe(false);
    expect(run.err[0]).toMatch(/^\d+ problems? to fix before anything can be written:$/);
    for (const mistake of MALFORMED_MISTAKES)
      expect(run.err.some((line) => line.includes(`${mistake.sheet}!${mistake.cell}:`))).toBe(true);
    expect(run.err.at(-1)).toBe("Nothing was written.");
  }, 60_000);
});

describe("shared-services refuses to lose anything", () => {
  it("will not write over its input", async () => {
    const input = join(dir, "book.xlsx");
    await copyFile(SAMPLE, input);
    const before = await stat(input);
    const run = await cli(input, "-o", input);
    expect(run.status).toBe(1);
    expect(run.err[0]).toMatch(/is the input file itself: the add-in never changes your workbook/);
    expect((await stat(input)).mtimeMs).toBe(before.mtimeMs);
  });

  it("--scenario takes low, mid or high, and nothing else", async () => {
    const output = join(dir, "scenario.xlsx");
    const bad = await cli(SAMPLE, "-o", output, "--scenario", "optimistic");
    expect(bad.status).toBe(1);
    expect(bad.err).toEqual(['Error: --scenario must be low, mid or high (got "optimistic").', "Nothing was written."]);
    await expect(stat(output)).rejects.toThrow();
    // The sample's Youth Offending Service cost is one range (£1,600k–£1,700k): the high scenario,
    // the higher saving, takes its low end.
    const high = await cli(SAMPLE, "-o", output, "--scenario", "high");
    expect(high.status).toBe(0);
    expect(high.out).toContain(
      "Ranges: 1 estimate is a range; the tables use the higher saving (the low end of each cost, the high end of each reduction) " +
        "(scenario high, RULES.md §1). The Audit sheet lists them and gives each partner's saving under low, mid and high.",
    );
    const audit = (await readXlsx(await readFile(output))).find((g) => g.name === "Audit")!;
    const texts = audit.values.flat().filter((v): v is string => typeof v === "string");
    expect(texts.some((t) => t.startsWith("The tables show scenario high (the higher saving"))).toBe(true);
    expect(texts.some((t) => t.startsWith("Scenarios (RULES.md §1)"))).toBe(true);
  }, 60_000);

  it("will not replace an existing file unless told to", async () => {
    const output = join(dir, "exists.xlsx");
    await writeFile(output, "mine");
    const run = await cli(SAMPLE, "-o", output);
    expect(run.status).toBe(1);
    expect(run.err[0]).toMatch(/already exists\. Add --overwrite/);
    expect(await readFile(output, "utf8")).toBe("mine");
    expect((await cli(SAMPLE, "-o", output, "--overwrite")).status).toBe(0);
  }, 60_000);

  it("says clearly when the input is missing or not a workbook", async () => {
    expect((await cli(join(dir, "nope.xlsx"), "-o", join(dir, "o.xlsx"))).err[0]).toMatch(/nope\.xlsx: no such file/);
    const text = join(dir, "text.xlsx");
    await writeFile(text, "not a workbook");
    const run = await cli(text, "-o", join(dir, "o.xlsx"));
    expect(run.status).toBe(1);
    expect(run.err[0]).toMatch(
      /is a text file .*, not an Excel workbook: open it in Excel and save it as an Excel Workbook/,
    );
  });

  it("explains itself with --help and exits 0; a missing -o is an error", async () => {
    const help = await cli("--help");
    expect(help.status).toBe(0);
    expect(help.out.join("\n")).toMatch(/Usage: shared-services \[options\] <input\.xlsx>/);
    expect(help.out.join("\n")).toMatch(/--output <output\.xlsx>/);
    const missing = await cli(SAMPLE);
    expect(missing.status).toBe(1);
    expect(missing.err.join("\n")).toMatch(/required option '-o, --output <output\.xlsx>' not specified/);
  });
});

describe("progress on long work", () => {
  async function withProgress(...args: string[]) {
    const progress: string[] = [];
    const err: string[] = [];
    const status = await runCli(args, {
      out: () => undefined,
      err: (l) => err.push(l),
      progress: (l) => progress.push(l),
    });
    return { status, progress, err };
  }

  it("says what it is reading, checking and writing, with counts", async () => {
    const output = join(dir, "sample-shared.xlsx");
    const run = await withProgress(SAMPLE, "-o", output);
    expect(run.status).toBe(0);
    expect(run.err).toEqual([]);
    const sheets = (await readXlsx(await readFile(SAMPLE))).length;
    expect(run.progress).toEqual([
      expect.stringMatching(/^Reading assets\/sample\.xlsx \(\d+ kB\)…$/),
      expect.stringMatching(new RegExp(`^Checking ${sheets} sheets, [\\d,]+ rows…$`)),
      expect.stringMatching(
        new RegExp(`^Writing 6 sheets, [\\d,]+ cells, into ${output.replace(/[.\\/]/g, "\\$&")}…$`),
      ),
    ]);
  });

  it("is silent with --quiet", async () => {
    const run = await withProgress(SAMPLE, "-o", join(dir, "quiet.xlsx"), "--quiet");
    expect(run.status).toBe(0);
    expect(run.progress).toEqual([]);
  });
});
