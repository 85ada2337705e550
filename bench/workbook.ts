/**
 * The main job at scale: an input workbook of BENCH_WORKBOOK_LINES budget lines (100,000) through
 * the compiled command line, and the same file read and written back by bare ExcelJS, each in a
 * child process of its own so its time and peak memory are its own. Reports the time in each of
 * the command line's steps, the rules' time (checking the inputs and applying the rules) against
 * the time spent reading and writing the .xlsx file, and the two processes side by side. Also
 * the command line's start-up against `node -e 0`.
 */
import { execFileSync } from "child_process";
import { mkdtempSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { random } from "./random";

const PARTNERS = ["Hammersmith & Fulham", "Kensington & Chelsea", "Westminster"];
const BASES = ["demand", "equal", "FTE", "budget", "Population"];
const KINDS = ["cashable", "cashable", "non-cashable", "cost avoidance"];

/** A workbook in the input template with `lines` Budget lines spread over services of ~48 lines. */
export async function inputWorkbook(lines: number, file: string): Promise<{ services: number }> {
  const next = random(20111);
  const book = new ExcelJS.Workbook();
  const budget = book.addWorksheet("Budget");
  const fte = book.addWorksheet("FTE");
  const rules = book.addWorksheet("Rules");
  const drivers = book.addWorksheet("Drivers");
  const tracker = book.addWorksheet("Tracker");
  budget.addRow(["Partner", "Service", "Baseline", "Cost centre", "Description"]);
  fte.addRow(["Partner", "Service", "FTE"]);
  rules.addRow([
    "Service",
    "Partners",
    "Basis",
    "New cost",
    "Reduction",
    "Transitional cost",
    "Phasing",
    "Start month",
    "First year",
    "Kind",
    "Gain share",
  ]);
  drivers.addRow(["Service", "Partner", "Quantity", "Quality", "Population"]);
  tracker.addRow(["Service", "Partner", "Year", "Achieved"]);
  const services = Math.max(1, Math.round(lines / 48));
  let written = 0;
  for (let s = 0; s < services; s++) {
    const service = `Service ${s + 1}`;
    let total = 0;
    PARTNERS.forEach((partner, p) => {
      const share = Math.ceil((lines - written) / ((services - s) * PARTNERS.length - p));
      for (let l = 0; l < share; l++, written++) {
        const pounds = Math.round(next() * 5_000_000) / 100 + 1000;
        total += pounds;
        budget.addRow([partner, service, pounds, `CC${s}-${p}-${l}`, "Staff and running costs"]);
      }
      fte.addRow([partner, service, Math.round(next() * 400) / 10 + 1]);
      drivers.addRow([
        service,
        partner,
        Math.round(next() * 900) + 100,
        p === 1 ? 1.1 : null,
        150000 + Math.round(next() * 100000),
      ]);
    });
    const basis = BASES[s % BASES.length];
    const byCost = s % 2 === 0;
    rules.addRow([
      service,
      null,
      basis,
      byCost ? Math.round(total * 0.8) : null,
      byCost ? null : 0.15,
      s % 3 === 0 ? 50000 : null,
      s % 4 === 0 ? "10%, 45%, 45%" : null,
      s % 4 === 1 ? 9 : null,
      `${2011 + (s % 3)}/${String(12 + (s % 3)).padStart(2, "0")}`,
      KINDS[s % KINDS.length],
      s % 5 === 0 ? 0.1 : null,
    ]);
    if (s % 10 === 0)
      PARTNERS.forEach((partner) => tracker.addRow([service, partner, "2013/14", Math.round(next() * 100000)]));
  }
  await book.xlsx.writeFile(file);
  return { services };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const root = join(__dirname, "..");

interface Child {
  /** Wall-clock time of the whole process, from start to exit. */
  ms: number;
  /** What the child printed last: its own figures as JSON. */
  report: { status?: number; steps?: Record<string, number>; maxRssMb: number };
}

/** Runs `node -e script args…` in a process of its own and times it; the script prints JSON last. */
function child(script: string, args: string[]): Child {
  const start = process.hrtime.bigint();
  const stdout = execFileSync(process.execPath, ["-e", script, ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, report: JSON.parse(stdout.trim().split("\n").at(-1)!) as Child["report"] };
}

/** The compiled command line (lib/, as bin/shared-services.js runs it), telling its step times. */
const CLI = `
const { runCli } = require("./lib/cli/run.js");
const steps = {};
runCli([process.argv[1], "-o", process.argv[2], "--overwrite"], {
  out: () => undefined,
  err: (line) => process.stderr.write(line + "\\n"),
  timed: (step, ms) => (steps[step] = ms),
}).then((status) => console.log(JSON.stringify({ status, steps, maxRssMb: process.resourceUsage().maxRSS / 1024 })));
`;

/** Bare ExcelJS: read the file and write it back, nothing else. */
const BARE = `
const ExcelJS = require("exceljs");
const book = new ExcelJS.Workbook();
book.xlsx.readFile(process.argv[1])
  .then(() => book.xlsx.writeFile(process.argv[2]))
  .then(() => console.log(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 })));
`;

/** Wall-clock milliseconds of the fastest of `runs` runs of node with these arguments. */
function fastest(args: string[], runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, args, { cwd: root, stdio: "ignore" });
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

/** Start-up: `shared-services --help` against `node -e 0`, fastest of five runs each, in turn. */
export function benchStartup(): void {
  const bin = join(root, "bin", "shared-services.js");
  fastest(["-e", "0"], 1);
  const node = fastest(["-e", "0"], 5);
  const help = fastest([bin, "--help"], 5);
  console.log("Start-up, fastest of 5 runs each");
  console.log(`  node -e 0               : ${node.toFixed(0)} ms`);
  console.log(`  shared-services --help  : ${help.toFixed(0)} ms (${(help / node).toFixed(1)}× node -e 0)`);
}

export async function benchWorkbook(lines: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-workbook-"));
  try {
    const input = join(dir, "input.xlsx");
    const output = join(dir, "output.xlsx");
    const bare = join(dir, "bare.xlsx");
    const { services } = await inputWorkbook(lines, input);
    console.log(
      `Workbook: ${lines.toLocaleString("en-GB")} budget lines, ${services.toLocaleString("en-GB")} services × 3 partners, ` +
        "through the command line and through bare ExcelJS (readFile + writeFile), each in a process of its own",
    );
    const cli = child(CLI, [input, output]);
    const plain = child(BARE, [input, bare]);
    if (cli.report.status !== 0) throw new Error(`the command line exited ${cli.report.status}`);
    const s = cli.report.steps ?? {};
    for (const [step, ms] of Object.entries(s)) console.log(`  ${step.padEnd(14)} ${seconds(ms)}`);
    const rules = (s["check inputs"] ?? 0) + (s["apply rules"] ?? 0);
    const io = (s["read file"] ?? 0) + (s["write file"] ?? 0);
    console.log(
      `  rules (check inputs + apply rules) took ${(rules / io).toFixed(2)}× the time of reading and writing the file`,
    );
    console.log(
      `  input ${(statSync(input).size / 1e6).toFixed(1)} MB, output ${(statSync(output).size / 1e6).toFixed(1)} MB ` +
        `(bare ExcelJS's copy ${(statSync(bare).size / 1e6).toFixed(1)} MB)`,
    );
    console.log(`  command line  : ${seconds(cli.ms)}, peak memory ${cli.report.maxRssMb.toFixed(0)} MB`);
    console.log(`  bare ExcelJS  : ${seconds(plain.ms)}, peak memory ${plain.report.maxRssMb.toFixed(0)} MB`);
    console.log(
      `  ratio command line / bare ExcelJS: ${(cli.ms / plain.ms).toFixed(2)}× the time, ` +
        `${(cli.report.maxRssMb / plain.report.maxRssMb).toFixed(2)}× the peak memory`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
