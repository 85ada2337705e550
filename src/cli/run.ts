/**
 * The command line: `shared-services <input.xlsx> -o <output.xlsx>`. Reads the workbook, lists
 * every problem with its sheet and cell (the same messages as the task pane) or writes the
 * output sheets into a copy of it. The input file is never changed.
 */
import { basename } from "path";
import { Command, CommanderError } from "commander";
import { planWithValues, stamp } from "../workbook/plan";
import type { YearsCovered } from "../workbook/outcome";
import { PrepareStep, prepareRun } from "../workbook/prepare";
import { formatProblem, Problem } from "../workbook/problems";
import { ROLES, Role, SCENARIOS, type Scenario } from "../workbook/read";

// The .xlsx modules (ExcelJS, JSZip) are loaded when a workbook is read, so --help and a wrong
// argument answer at once.
const xlsxRead = () => import("../xlsx/read");
const xlsxUnreadable = () => import("../xlsx/unreadable");
const xlsxWrite = () => import("../xlsx/write");
const xlsxNew = () => import("../xlsx/new");
import { FileRefused, checkFiles, readInput, writeOutput } from "./files";
import { planStatements, writeStatements } from "./statements";

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** The time stamped on the output; now unless a test fixes it. */
  now?: Date;
  /** Told how long each step took, in milliseconds (the benchmark listens). */
  timed?(step: Step, ms: number): void;
  /** Told what is happening on long work (main.ts: stderr, on a terminal only); --quiet silences it. */
  progress?(line: string): void;
}

type CliOptions = {
  output: string;
  overwrite?: boolean;
  quiet?: boolean;
  scenario?: string;
  values?: boolean;
  statements?: string;
  pdf?: boolean;
  firstYear?: string;
  lastYear?: string;
} & Partial<Record<Role, string>>;

export type Step = "read file" | PrepareStep | "write file";

/** Parts of a workbook that ExcelJS does not carry into the copy it writes (when the copy goes that way). */
const NOT_CARRIED: [RegExp, string][] = [
  [/^xl\/charts\//, "charts"],
  [/^xl\/pivotTables\//, "pivot tables"],
  [/^xl\/vbaProject\.bin$/, "macros"],
  [/^xl\/slicers\//, "slicers"],
  [/^customXml\//, "custom XML"],
];

function program(io: CliIo): Command {
  const cmd = new Command("shared-services")
    .description(
      "Apportion a shared service's costs and savings between partner councils to the penny, and write " +
        "Attribution, Savings profile, Realisation and Audit sheets into a copy of the workbook.",
    )
    .argument("<input.xlsx>", "the workbook with Budget, Rules and (as needed) FTE, Drivers and Tracker sheets")
    .requiredOption("-o, --output <output.xlsx>", "where to write the copy with the output sheets")
    .option("--overwrite", "replace the output file if it exists")
    .option(
      "--values",
      "write the add-in's figures as values in place of its =SHARED formulas, so the copy reads the same without the add-in (in LibreOffice, or another council's Excel)",
    )
    .option(
      "--statements <folder>",
      "also write each partner council's statement, values and plain formulas only, as <folder>/<partner>.xlsx",
    )
    .option("--pdf", "with --statements: a PDF of each statement beside it, through LibreOffice where it is installed")
    .option("-q, --quiet", "print no progress (progress is printed only on a terminal anyway)")
    .option(
      "--scenario <scenario>",
      "for estimates written as ranges (£0.7m–£1.0m, 20%–30%): low (the lower saving: a cost's high end), mid or high (default mid, the mid-range value)",
    )
    .option(
      "--first-year <year>",
      "the first MTFS year the Savings profile shows, like 2011/12 (years with figures are always shown)",
    )
    .option(
      "--last-year <year>",
      "the last MTFS year the Savings profile shows, like 2016/17 (years with figures are always shown)",
    )
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride();
  for (const role of ROLES)
    cmd.option(
      `--${role} <sheet>`,
      `the sheet to read as the ${role === "fte" ? "FTE" : role} sheet (found by name if not given)`,
    );
  cmd.addHelpText(
    "after",
    "\nExample:\n  shared-services assets/sample.xlsx -o out/sample-shared.xlsx\n\n" +
      "Exit status 0 when the sheets were written, 1 when there were problems (each listed with its sheet and cell) " +
      "and nothing was written.",
  );
  return cmd;
}

/** Runs the command line; returns the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const cmd = program(io);
  try {
    cmd.parse([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
    throw error;
  }
  const options = cmd.opts<CliOptions>();
  const input = cmd.args[0];
  try {
    return await run(input, options, io);
  } catch (error) {
    // Only our own plain sentences reach the user; anything else is a fault of ours, said plainly.
    const plain =
      error instanceof FileRefused || (error instanceof Error && error.name === "UnreadableWorkbook")
        ? error.message
        : undefined;
    io.err(
      `Error: ${plain ?? `something went wrong inside the add-in (${error instanceof Error ? error.name : "unknown"}); please report it with the input file.`}`,
    );
    io.err("Nothing was written.");
    return 1;
  }
}

/** A financial year as written on the command line, "2011/12" or "2011-12", by the year it starts. */
function startOf(written: string): number | undefined {
  const m = /^\s*(\d{4})\s*[/-]\s*(\d{2})\s*$/.exec(written);
  return m && (Number(m[1]) + 1) % 100 === Number(m[2]) ? Number(m[1]) : undefined;
}

const yearLabel = (start: number): string => `${start}/${String((start + 1) % 100).padStart(2, "0")}`;

/** --first-year and --last-year as financial years, or the sentence saying what is wrong. */
function yearsCovered(options: CliOptions): YearsCovered | string {
  const covered: YearsCovered = {};
  for (const [flag, written, key] of [
    ["--first-year", options.firstYear, "first"],
    ["--last-year", options.lastYear, "last"],
  ] as const) {
    if (written === undefined) continue;
    const start = startOf(written);
    if (start === undefined) return `${flag} "${written}" is not a financial year like 2011/12.`;
    if (start < 2000 || start > 2099)
      return `${flag} ${yearLabel(start)} is outside the financial years the add-in accepts (2000/01 to 2099/00).`;
    covered[key] = yearLabel(start);
  }
  if (covered.first && covered.last && covered.first > covered.last)
    return `--first-year ${covered.first} is after --last-year ${covered.last}.`;
  return covered;
}

async function run(input: string, options: CliOptions, io: CliIo): Promise<number> {
  const scenario = options.scenario?.trim().toLowerCase();
  if (scenario !== undefined && !(SCENARIOS as readonly string[]).includes(scenario)) {
    io.err(`Error: --scenario must be low, mid or high (got "${options.scenario}").`);
    io.err("Nothing was written.");
    return 1;
  }
  const fail = (message: string): number => {
    io.err(`Error: ${message}`);
    io.err("Nothing was written.");
    return 1;
  };
  const years = yearsCovered(options);
  if (typeof years === "string") return fail(years);
  const refused = await checkFiles(input, options.output, options.overwrite === true);
  if (refused !== undefined) return fail(refused);
  if (options.pdf && options.statements === undefined)
    return fail("--pdf makes a PDF of each partner's statement: give --statements <folder> as well.");

  const clock = stopwatch(io);
  const say = (line: string) => (options.quiet ? undefined : io.progress?.(line));
  const count = (n: number) => n.toLocaleString("en-GB");
  const bytes = await readInput(input);
  const size = bytes.length < 1e6 ? `${Math.ceil(bytes.length / 1e3)} kB` : `${(bytes.length / 1e6).toFixed(1)} MB`;
  say(`Reading ${input} (${size})…`);
  const { existingSheets } = await xlsxRead();
  const grids = await (await xlsxUnreadable()).readWorkbookFile(bytes, input);
  clock("read file");
  const rows = grids.reduce((n, grid) => n + grid.values.length, 0);
  say(`Checking ${count(grids.length)} sheets, ${count(rows)} rows…`);
  const sheets = Object.fromEntries(ROLES.filter((r) => options[r] !== undefined).map((r) => [r, options[r]]));
  // The same main job as the task pane's: check the inputs, then plan the sheets (prepare.ts).
  const prepared = prepareRun(grids, existingSheets(grids), {
    sheets,
    ...(scenario === undefined ? {} : { scenario: scenario as Scenario }),
    when: io.now ?? new Date(),
    source: basename(input),
    years,
    stepDone: clock,
  });
  if (!prepared.plan) return report(prepared.problems, io);
  const plan = options.values ? planWithValues(prepared.plan) : prepared.plan;
  const statementsRequest =
    options.statements === undefined || !prepared.outcome
      ? undefined
      : {
          folder: options.statements,
          input,
          overwrite: options.overwrite === true,
          pdf: options.pdf === true,
          when: stamp(io.now ?? new Date()),
          source: basename(input),
        };
  // Every statement's file is checked before anything at all is written.
  const statements =
    statementsRequest && prepared.outcome ? await planStatements(prepared.outcome, statementsRequest) : undefined;
  if (statements?.refused !== undefined) return fail(statements.refused);

  const cells = plan.sheets.reduce((n, sheet) => n + sheet.rows.reduce((m, row) => m + row.length, 0), 0);
  say(`Writing ${count(plan.sheets.length)} sheets, ${count(cells)} cells, into ${options.output}…`);
  const { writeWorkbookCopy } = await xlsxWrite();
  const written = await writeWorkbookCopy(bytes, plan);
  await writeOutput(input, options.output, written.bytes, options.overwrite === true);
  clock("write file");

  let statementNotes: string[] = [];
  if (statements && statementsRequest) {
    say(`Writing ${count(statements.files.length)} partner statements into ${statementsRequest.folder}…`);
    const { writeNewXlsx } = await xlsxNew();
    const done = await writeStatements(statements.files, statementsRequest, writeNewXlsx);
    statementNotes = done.notes;
    plan.summary.push(...done.out);
  }

  for (const line of plan.summary) io.out(line);
  for (const note of statementNotes) io.err(`Note: ${note}`);
  const ranges = prepared.scenarios ? prepared.notes.filter((n) => n.includes("(scenario ")).length : 0;
  if (ranges > 0) {
    const shown = (scenario ?? "mid") as Scenario;
    const which =
      shown === "mid"
        ? "the mid-range values"
        : `the ${shown === "low" ? "lower" : "higher"} saving (the ${shown === "low" ? "high" : "low"} end of each cost, the ${shown} end of each reduction)`;
    io.out(
      `Ranges: ${ranges} estimate${ranges === 1 ? " is a range" : "s are ranges"}; the tables use ${which} (scenario ${shown}, RULES.md §1). ` +
        "The Audit sheet lists them and gives each partner's saving under low, mid and high.",
    );
  }
  // Kept parts carry everything of the user's; only a copy written through ExcelJS can lose some.
  const dropped = written.way === "exceljs" ? await notCarried(bytes) : [];
  if (dropped.length > 0)
    io.out(
      `Note: ${input} has ${dropped.join(", ")}, which the copy does not carry over (the input file is unchanged; ` +
        "run the add-in in Excel to keep them).",
    );
  io.out(
    "Charts: the add-in's own are not in the .xlsx copy; the add-in draws them when it writes the sheets in Excel.",
  );
  io.out(`Wrote ${options.output}.`);
  return 0;
}

/** Reports the time since the last step to io.timed. */
function stopwatch(io: CliIo): (step: Step) => void {
  let last = performance.now();
  return (step) => {
    const now = performance.now();
    io.timed?.(step, now - last);
    last = now;
  };
}

function report(problems: readonly Problem[], io: CliIo): number {
  const errors = problems.filter((p) => p.severity === "error");
  io.err(`${errors.length} problem${errors.length === 1 ? "" : "s"} to fix before anything can be written:`);
  for (const p of problems) io.err(`  ${formatProblem(p)}`);
  io.err("Nothing was written.");
  return 1;
}

async function notCarried(bytes: Buffer): Promise<string[]> {
  const { default: JSZip } = await import("jszip");
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files);
  return NOT_CARRIED.filter(([pattern]) => names.some((n) => pattern.test(n))).map(([, what]) => what);
}
