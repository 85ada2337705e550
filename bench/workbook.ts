/**
 * The main job at scale: an input workbook of BENCH_WORKBOOK_LINES budget lines (100,000) through
 * the command line, in a child process of its own so its peak memory is its own. Reports the time
 * in each step, and the rules' time (checking the inputs and applying the rules) against the time
 * spent reading and writing the .xlsx file, in the same run.
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

export async function benchWorkbook(lines: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-workbook-"));
  try {
    const input = join(dir, "input.xlsx");
    const output = join(dir, "output.xlsx");
    const { services } = await inputWorkbook(lines, input);
    console.log(
      `Workbook: ${lines.toLocaleString("en-GB")} budget lines, ${services.toLocaleString("en-GB")} services × 3 partners, through the command line`,
    );
    const stdout = execFileSync(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", join(__dirname, "workbook-child.ts"), input, output],
      {
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!) as {
      status: number;
      steps: Record<string, number>;
      maxRssMb: number;
    };
    if (result.status !== 0) throw new Error(`the command line exited ${result.status}`);
    const s = result.steps;
    for (const [step, ms] of Object.entries(s)) console.log(`  ${step.padEnd(14)} ${seconds(ms)}`);
    const rules = s["check inputs"] + s["apply rules"];
    const io = s["read file"] + s["write file"];
    console.log(
      `  rules (check inputs + apply rules) took ${(rules / io).toFixed(2)}× the time of reading and writing the file`,
    );
    console.log(
      `  input ${(statSync(input).size / 1e6).toFixed(1)} MB, output ${(statSync(output).size / 1e6).toFixed(1)} MB, peak memory ${result.maxRssMb.toFixed(0)} MB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
