/**
 * The task pane end to end in a real browser: headless Chromium (Debian's `chromium` package,
 * /usr/bin/chromium) driven by playwright-core, loading the built harness (test/e2e/harness: the
 * App over the in-memory workbook of test/office/fake-excel.ts) from a server on 127.0.0.1.
 * Screenshots go to test/e2e/output/. Without Chromium the suite is skipped, except in CI (CI set),
 * where that fails: `.ci/run` installs it.
 *
 * A flow test goes inside the describe block at the end (its beforeAll starts the browser; importing
 * these helpers from another test file would run this suite there too): `const page = await
 * openHarness(grids)`, drive the pane with Playwright's locators, `await shot(page, "name")`, read
 * the workbook back with `workbookValues(page, "Attribution")` and the others, and
 * `expect(await axeScan(page)).toEqual([])`.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { MALFORMED_MISTAKES, MALFORMED_PATH } from "../../scripts/make-sample";
import { SERVICES, sampleSheets } from "../../src/sample/sample";
import { pounds } from "../../src/workbook/format";
import type { CellValue, SheetGrid } from "../../src/workbook/grid";
import { type Scenario, ZERO } from "../../src/engine";
import type { Outcome } from "../../src/workbook/outcome";
import type { PlanResults } from "../../src/workbook/plan";
import { type Prepared, prepareRun } from "../../src/workbook/prepare";
import { readXlsx } from "../../src/xlsx/read";
// The harness also declares window.harness, for the page.evaluate calls here.
import type { Harness, HarnessOptions } from "./harness/harness";
import { describeInBrowser, launchChromium } from "./browser";
import { type Recalculated, differences, pence, recalculatePage } from "./figures";

// ---------------------------------------------------------------------------------------------
// Helpers for the flow tests
// ---------------------------------------------------------------------------------------------

export const OUTPUT_DIR = path.join(__dirname, "output");
/** About a task pane's width in Excel on the desktop. */
export const VIEWPORT = { width: 360, height: 720 };

/**
 * A new page (in its own browser context) with the task pane over a new in-memory workbook holding
 * these sheets ([]: one blank "Sheet1"). The pane is rendered; wait for what the test needs. An
 * uncaught exception or console error on the page fails the test. `options.host` starts it as if
 * outside Excel ({kind: "elsewhere", reason}).
 */
export async function openHarness(grids: SheetGrid[], options: HarnessOptions = {}): Promise<Page> {
  if (!browser || !baseUrl) throw new Error("openHarness: the browser is not running (called outside a test?)");
  const context = await browser.newContext({ viewport: VIEWPORT, locale: "en-GB" });
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (error) => pageProblems.push(`uncaught: ${error.stack ?? error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") pageProblems.push(`console.error: ${message.text()}`);
  });
  await page.goto(`${baseUrl}/harness.html`);
  await page.waitForFunction(() => typeof window.harness === "object");
  await page.evaluate(([g, o]) => window.harness.start(g, o), [grids, options] as const);
  return page;
}

/**
 * Saves a full-page screenshot as test/e2e/output/<name>.png and returns its path. Animations are
 * finished first, so a tab's selection indicator is not caught half-way across.
 */
export async function shot(page: Page, name: string): Promise<string> {
  const file = path.join(OUTPUT_DIR, `${name.replace(/[^\w.-]+/g, "-")}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
  return file;
}

/** An accessibility problem axe-core found, in short. */
export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  /** CSS selectors of the offending elements. */
  targets: string[];
}

/**
 * Runs axe-core over the page as it is now; returns the serious and critical violations. One known
 * false positive is left out: Fluent UI's focus management (Tabster) puts aria-hidden focusable
 * `<i data-tabster-dummy>` elements around a TabList and other movers, on purpose, to redirect
 * focus; axe's aria-hidden-focus flags them (microsoft/tabster#288, microsoft/fluentui#25133;
 * Accessibility Insights suppresses them the same way). Any other element it flags still counts.
 */
export async function axeScan(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
    const results = await axe.run(document, { resultTypes: ["violations"] });
    return results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({
        id: v.id,
        impact: String(v.impact),
        help: v.help,
        nodes: v.nodes.filter((n) => !(v.id === "aria-hidden-focus" && /^<i [^>]*data-tabster-dummy=/.test(n.html))),
      }))
      .filter((v) => v.nodes.length > 0)
      .map(({ nodes, ...v }) => ({ ...v, targets: nodes.map((n) => n.target.join(" ")) }));
  });
}

/** The in-memory workbook, read back: a sheet's values from A1 (null: blank; errors as {error}). */
export const workbookValues = (page: Page, sheet: string): Promise<ReturnType<Harness["values"]>> =>
  page.evaluate((s) => window.harness.values(s), sheet);
/** A sheet's formulas where a cell has one, values elsewhere, from A1. */
export const workbookFormulas = (page: Page, sheet: string): Promise<ReturnType<Harness["formulas"]>> =>
  page.evaluate((s) => window.harness.formulas(s), sheet);
export const sheetNames = (page: Page): Promise<string[]> => page.evaluate(() => window.harness.sheetNames());
/** The sheet and range the pane last activated or selected (null: none). */
export const selection = (page: Page): Promise<ReturnType<Harness["selection"]>> =>
  page.evaluate(() => window.harness.selection());

// ---------------------------------------------------------------------------------------------
// The browser, the server and the build, once for the file
// ---------------------------------------------------------------------------------------------

const AXE = require.resolve("axe-core/axe.min.js");
const ROOT = path.resolve(__dirname, "../..");

let browser: Browser | undefined;
let server: http.Server | undefined;
let baseUrl: string | undefined;
let buildDir: string | undefined;
const contexts: BrowserContext[] = [];
const pageProblems: string[] = [];

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

async function buildHarness(out: string): Promise<void> {
  const cli = require.resolve("webpack-cli/bin/cli.js");
  const config = path.join(__dirname, "webpack.e2e.js");
  try {
    await promisify(execFile)(process.execPath, [cli, "--config", config, "--env", `out=${out}`], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    throw new Error(`Building the end-to-end harness failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}

function serve(dir: string): Promise<string> {
  const srv = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    const file = path.join(dir, path.normalize(name === "/" ? "/harness.html" : name));
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(name === "/favicon.ico" ? 204 : 404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  server = srv;
  return new Promise((resolve, reject) => {
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(srv.address() as AddressInfo).port}`));
  });
}

jest.setTimeout(60_000);

// ---------------------------------------------------------------------------------------------
// What the flows expect, worked out here in Node from the same inputs
// ---------------------------------------------------------------------------------------------

/** The sheets "Try it with sample data" adds. */
const SAMPLE = sampleSheets();
/** The sample under a scenario, as the workbook layer checks and plans it (the time only changes the marker and the Audit's Made line). */
function sampleRun(scenario: Scenario): Required<Pick<Prepared, "plan" | "results" | "outcome">> {
  const grids = SAMPLE.map((s) => ({ name: s.name, values: s.values }));
  const prepared = prepareRun(grids, [], { when: new Date(), source: "this workbook", scenario });
  if (!prepared.results || !prepared.plan || !prepared.outcome) throw new Error("the sample has errors");
  return { plan: prepared.plan, results: prepared.results, outcome: prepared.outcome };
}
/** Each partner's figures as the engine makes them from the sample, mid-range (the pane's default). */
const EXPECTED: PlanResults = sampleRun("mid").results;

/** The Results step's "Totals by partner" rows for these figures. */
const totalsRows = (results: PlanResults): string[] => [
  "PartnerCashable savingInvestmentBreak-evenPayback",
  ...results.partners.map(
    (p) =>
      `${p.partner ?? "All partners"}${pounds(p.totalCashable)}${pounds(p.totalInvestment)}` +
      `${p.breakEven ?? "never within the years shown"}` +
      `${p.payback === undefined ? "never within the years shown" : `${p.payback.toFixed(2)} years`}`,
  ),
];

/** The written sheet's text at a cell ("" for blank), and the rows whose cells match. */
const textAt = (book: Recalculated, sheet: string, row: number, column: number): string =>
  String(book.value(sheet, row, column) ?? "");
function rowsWhere(book: Recalculated, sheet: string, match: (row: number) => boolean): number[] {
  const rows = book.written[sheet]?.length ?? 0;
  return Array.from({ length: rows }, (_, i) => i + 1).filter(match);
}
/** 1-based column of a heading in a row of the written sheet. */
function columnOf(book: Recalculated, sheet: string, row: number, heading: string): number {
  const c = (book.written[sheet]?.[row - 1] ?? []).findIndex((v) => v === heading);
  if (c < 0) throw new Error(`${sheet} row ${row} has no heading ${heading}`);
  return c + 1;
}

/**
 * The Variance shares sheet's figures, recalculated, against the engine's (RULES.md §3): each
 * variance's in-year share, next-year adjustment and total per partner, the shares adding up to
 * the variance and the adjustments to zero; each partner's total by financial year.
 */
function checkVarianceShares(book: Recalculated, outcome: Outcome): void {
  const sheet = "Variance shares";
  const items = outcome.variances?.items ?? [];
  expect(items.length).toBeGreaterThan(0);
  const head = rowsWhere(book, sheet, (r) => textAt(book, sheet, r, 1) === "Service")[0];
  const col = (h: string): number => columnOf(book, sheet, head, h);
  const [partnerC, inYearC, adjustmentC, totalC] = [
    "Partner",
    "In-year share £",
    "Next-year adjustment £",
    "Total £",
  ].map(col);
  const used = new Set<number>();
  for (const v of items) {
    const s = outcome.services[v.service];
    const service = s.rule.service;
    // The variance's own total row (its service and year), the first not yet matched: its partners are above it.
    const total = rowsWhere(
      book,
      sheet,
      (r) =>
        !used.has(r) &&
        textAt(book, sheet, r, 1) === `${service} variance` &&
        textAt(book, sheet, r, 2) === v.entry.year.value,
    )[0];
    expect({ variance: `${service} ${v.entry.year.value}`, found: total !== undefined }).toEqual({
      variance: `${service} ${v.entry.year.value}`,
      found: true,
    });
    used.add(total);
    const first = total - s.partners.length;
    const shown = s.partners.map((p, i) => ({
      partner: textAt(book, sheet, first + i, partnerC),
      inYear: pence(book.value(sheet, first + i, inYearC)),
      adjustment: pence(book.value(sheet, first + i, adjustmentC)),
      total: pence(book.value(sheet, first + i, totalC)),
    }));
    expect(shown).toEqual(
      s.partners.map((p, i) => ({
        partner: p.partner,
        inYear: pence(v.lines[i].inYear),
        adjustment: pence(v.lines[i].nextYear),
        total: pence(v.lines[i].total),
      })),
    );
    const add = (xs: (number | string | boolean | null)[]): number => xs.reduce<number>((a, x) => a + Number(x), 0);
    expect(add(shown.map((x) => x.inYear)) + add(shown.map((x) => x.adjustment))).toBe(pence(v.entry.amount.value));
    expect(add(shown.map((x) => x.adjustment))).toBe(0);
    expect(pence(book.value(sheet, total, inYearC))).toBe(pence(v.entry.amount.value));
  }
  // Each partner's variances by financial year, as they feed its figures for the year.
  const title = rowsWhere(
    book,
    sheet,
    (r) => textAt(book, sheet, r, 1) === "Each partner's variances by financial year",
  )[0];
  const years = outcome.variances!.years;
  for (const t of outcome.variances!.totals) {
    const r = rowsWhere(book, sheet, (x) => x > title && textAt(book, sheet, x, 1) === t.partner)[0];
    expect({ partner: t.partner, byYear: years.map((_, yi) => pence(book.value(sheet, r, 2 + yi))) }).toEqual({
      partner: t.partner,
      byYear: t.byYear.map(pence),
    });
  }
}

/**
 * The Attribution sheet's cost lines (RULES.md §2, the TUPE rule), recalculated, against the
 * engine's: each line's part for each partner (nothing for one that does not bear it), the parts
 * adding up to the line, and each partner's cost share in the table above the sum of its parts.
 */
function checkCostLines(book: Recalculated, outcome: Outcome): void {
  const sheet = "Attribution";
  const costed = outcome.services.filter((s) => (s.costLines ?? []).length > 0);
  expect(costed.length).toBeGreaterThan(0);
  // Some line is borne by fewer than all the service's partners (the sample's TUPE burden).
  expect(costed.some((s) => s.costLines!.some((l) => l.bears.includes(false)))).toBe(true);
  const head = rowsWhere(
    book,
    sheet,
    (r) => textAt(book, sheet, r, 1) === "Service" && textAt(book, sheet, r, 2) === "Partner",
  )[0];
  const costShareC = columnOf(book, sheet, head, "Cost share £");
  for (const s of costed) {
    const service = s.rule.service;
    const title = rowsWhere(book, sheet, (r) =>
      textAt(book, sheet, r, 1).startsWith(`${service} cost lines (Costs sheet)`),
    )[0];
    expect({ service, section: title !== undefined }).toEqual({ service, section: true });
    const lineRow = title + 1;
    const row = (partner: string, what: string): number =>
      rowsWhere(
        book,
        sheet,
        (r) =>
          r > title &&
          textAt(book, sheet, r, 1) === service &&
          textAt(book, sheet, r, 2) === partner &&
          textAt(book, sheet, r, 3) === what,
      )[0];
    const amountRow = row("Bearers", "Amount");
    const lines = s.costLines!;
    lines.forEach((l, i) => {
      const c = columnOf(book, sheet, lineRow, l.entry.line ?? `Line ${i + 1}`);
      expect({ line: l.entry.line, amount: pence(book.value(sheet, amountRow, c)) }).toEqual({
        line: l.entry.line,
        amount: pence(l.entry.amount.value),
      });
      const parts = s.partners.map((p) => pence(book.value(sheet, row(p.partner, "Share of the line"), c)));
      const bears = s.partners.map((p) => book.value(sheet, row(p.partner, "Bears the line (1 = yes)"), c));
      expect({ line: l.entry.line, parts, bears }).toEqual({
        line: l.entry.line,
        parts: l.parts.map(pence),
        bears: l.bears.map((b) => (b ? 1 : 0)),
      });
      expect(parts.reduce<number>((a, x) => a + Number(x), 0)).toBe(pence(l.entry.amount.value));
      l.bears.forEach((b, k) => (b ? undefined : expect(parts[k]).toBe(0)));
    });
    // The table above: each partner's cost share is its parts of the lines, added up.
    for (const [k, p] of s.partners.entries()) {
      const r = rowsWhere(
        book,
        sheet,
        (x) =>
          x > head && x < title && textAt(book, sheet, x, 1) === service && textAt(book, sheet, x, 2) === p.partner,
      )[0];
      const parts = lines.reduce((a, l) => a.plus(l.parts[k]), ZERO);
      expect({ partner: p.partner, costShare: pence(book.value(sheet, r, costShareC)) }).toEqual({
        partner: p.partner,
        costShare: pence(parts),
      });
      expect(pence(parts)).toBe(pence(p.costShare));
    }
  }
}

/**
 * The Realisation sheet's slippage (RULES.md §7), recalculated, against the engine's: for each
 * Tracker line that slipped, the amount, the year it slips to and the years moved.
 */
function checkSlippage(book: Recalculated, outcome: Outcome): void {
  const sheet = "Realisation";
  const slipped = (outcome.realisation?.lines ?? []).filter((l) => l.slipped !== undefined);
  expect(slipped.length).toBeGreaterThan(0);
  const head = rowsWhere(book, sheet, (r) => textAt(book, sheet, r, 1) === "Service")[0];
  const [slippageC, toC, movedC] = ["Slippage £", "Slips to", "Years moved"].map((h) => columnOf(book, sheet, head, h));
  for (const l of slipped) {
    const r = rowsWhere(
      book,
      sheet,
      (x) =>
        x > head &&
        textAt(book, sheet, x, 1) === l.service &&
        textAt(book, sheet, x, 2) === l.partner &&
        textAt(book, sheet, x, 3) === l.year,
    )[0];
    expect({
      line: `${l.service}, ${l.partner}, ${l.year}`,
      slippage: pence(book.value(sheet, r, slippageC)),
      to: textAt(book, sheet, r, toC),
      moved: book.value(sheet, r, movedC),
    }).toEqual({
      line: `${l.service}, ${l.partner}, ${l.year}`,
      slippage: pence(l.slipped!.amount),
      to: l.slipped!.to,
      moved: l.slipped!.years,
    });
  }
}

/** The Audit's Scenario line as the workbook layer plans it. */
function plannedScenarioLine(run: ReturnType<typeof sampleRun>): string {
  const audit = run.plan.sheets.find((s) => s.role === "audit")!;
  const row = audit.rows.find((cells) => cells[0]?.kind === "text" && cells[0].text === "Scenario");
  const cell = row?.[1];
  return cell?.kind === "text" ? cell.text : "";
}

/** The Audit sheet's Scenario line (column B beside "Scenario"), as written. */
const scenarioLine = (book: Recalculated): string =>
  textAt(book, "Audit", rowsWhere(book, "Audit", (r) => textAt(book, "Audit", r, 1) === "Scenario")[0] ?? 0, 2);

/**
 * Every output sheet the pane wrote, recalculated, against the workbook layer's plan of the same
 * inputs under the same scenario: each formula as planned and its figure the engine's, to the penny.
 */
function checkAgainstPlan(book: Recalculated, run: ReturnType<typeof sampleRun>): void {
  for (const s of run.plan.sheets)
    expect({ sheet: s.name, differences: differences(s, s.name, book).slice(0, 5) }).toEqual({
      sheet: s.name,
      differences: [],
    });
}
/** A sheet's values as the workbook gives them back: every row as wide as the widest, blanks null. */
const padded = (values: CellValue[][]): CellValue[][] => {
  const width = Math.max(0, ...values.map((r) => r.length));
  return values.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? null));
};
/** assets/sample-malformed.xlsx's sheets, read as the command line reads them (in beforeAll). */
let MALFORMED: SheetGrid[] = [];

describeInBrowser("the task pane's end-to-end tests")("the task pane in Chromium", () => {
  beforeAll(async () => {
    fs.rmSync(OUTPUT_DIR, { recursive: true, force: true });
    fs.mkdirSync(OUTPUT_DIR, { recursive: true });
    buildDir = fs.mkdtempSync(path.join(os.tmpdir(), "shared-services-e2e-"));
    const [url, launched] = await Promise.all([
      buildHarness(buildDir).then(() => serve(buildDir as string)),
      launchChromium(),
    ]);
    baseUrl = url;
    browser = launched;
    MALFORMED = await readXlsx(fs.readFileSync(MALFORMED_PATH));
  }, 180_000);

  afterEach(async () => {
    const problems = pageProblems.splice(0);
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    if (problems.length > 0) throw new Error(`The page reported:\n${problems.join("\n")}`);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (buildDir) fs.rmSync(buildDir, { recursive: true, force: true });
  });

  test("smoke: an empty workbook shows the task pane, with no serious accessibility problem", async () => {
    const page = await openHarness([]);
    await page.getByRole("heading", { name: "Shared Services Finance" }).waitFor();
    await shot(page, "00-empty-workbook");
    expect(await sheetNames(page)).toEqual(["Sheet1"]);
    expect(await axeScan(page)).toEqual([]);
  });

  test("from an empty workbook to the sample's written tables, step by step", async () => {
    const page = await openHarness([]);
    const tab = (name: string): Locator => page.getByRole("tab", { name });
    const panel = page.getByRole("tabpanel");
    const step = async (name: string): Promise<void> => {
      await shot(page, name);
      expect({ step: name, violations: await axeScan(page) }).toEqual({ step: name, violations: [] });
    };

    // Start: the workbook has no inputs yet, so the pane offers the sample.
    await panel.getByRole("heading", { name: "Your sheets" }).waitFor();
    await step("01-start");
    await panel.getByRole("button", { name: "Try it with sample data" }).click();
    await page.getByText(/Added the sample sheets Budget, FTE, Rules, Drivers, Tracker/).waitFor();
    await expect(panel.getByRole("button", { name: "Try it with sample data" }).count()).resolves.toBe(0);
    expect(await sheetNames(page)).toEqual(["Sheet1", ...SAMPLE.map((s) => s.name)]);
    for (const s of SAMPLE) expect(await workbookValues(page, s.name)).toEqual(padded(s.values));
    // Each role has its sample sheet.
    for (const [label, sheet] of [
      ["Budget sheet", "Budget"],
      ["Rules sheet", "Rules"],
      ["FTE sheet", "FTE"],
      ["Drivers sheet", "Drivers"],
      ["Tracker sheet", "Tracker"],
      ["Variances sheet", "Variances"],
      ["Costs sheet", "Costs"],
      ["Compatibility sheet", "Compatibility"],
    ])
      await expect(panel.getByRole("combobox", { name: label }).textContent()).resolves.toBe(sheet);
    await step("02-sample-added");
    const userSheets = await Promise.all(SAMPLE.map((s) => workbookFormulas(page, s.name)));

    // Rules: every service of the sample, with its rule from the Rules sheet.
    await tab("Rules").click();
    await panel.getByRole("heading", { name: "Sharing rules" }).waitFor();
    await panel.getByText("From the sheet Rules.", { exact: false }).waitFor();
    const services = panel.getByRole("list", { name: "Services and their rules" }).getByRole("listitem");
    await expect(services.count()).resolves.toBe(SERVICES.length);
    for (const [i, s] of SERVICES.entries()) {
      await expect(services.nth(i).textContent()).resolves.toContain(s.service);
      await expect(
        services
          .nth(i)
          .getByRole("button", { name: `Edit the rule for ${s.service}` })
          .count(),
      ).resolves.toBe(1);
    }
    await step("03-rules");

    // Check: no errors.
    await tab("Check").click();
    await panel.getByRole("button", { name: "Check the workbook" }).click();
    await panel.getByText("No errors").waitFor();
    await expect(panel.getByRole("list", { name: "Errors" }).count()).resolves.toBe(0);
    await step("04-check");

    // Run: writes the four sheets and goes on to the results.
    await tab("Run").click();
    await panel.getByRole("heading", { name: "Write the tables" }).waitFor();
    await step("05-run");
    await panel.getByRole("button", { name: "Write the tables" }).click();
    await panel.getByRole("heading", { name: "Results" }).waitFor();
    await expect(tab("Results").getAttribute("aria-selected")).resolves.toBe("true");

    // Results: each partner's totals, as the engine makes them from the same sheets.
    const totals = panel.getByRole("table", { name: "Totals by partner" });
    const rows = await totals.getByRole("row").allTextContents();
    expect(rows).toEqual(totalsRows(EXPECTED));
    // Each service's break-even, from its own first figure.
    const serviceRows = await panel.getByRole("table", { name: "Break-even by service" }).getByRole("row").count();
    expect(serviceRows).toBe(1 + EXPECTED.services.length);
    const byYear = await panel.getByRole("table", { name: "Savings by year, All partners" }).getByRole("row").count();
    expect(byYear).toBe(1 + EXPECTED.years.length);
    await step("06-results");

    // The written cells: the output sheets after the user's, each marked in A2, with live SHARED formulas
    // over the input cells; the user's sheets exactly as they were.
    const written = [
      "Sheet1",
      ...SAMPLE.map((s) => s.name),
      "Attribution",
      "Savings profile",
      "Realisation",
      "Variance shares",
      "Assessment",
      "Audit",
    ];
    expect(await sheetNames(page)).toEqual(written);
    const marker = (role: string): RegExp =>
      new RegExp(
        `^Made by the Shared Services add-in \\(${role}\\) on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\. It replaces this sheet`,
      );
    const attribution = await workbookFormulas(page, "Attribution");
    expect(attribution[0][0]).toBe("Attribution of costs and savings");
    expect(attribution[1][0]).toMatch(marker("attribution"));
    const formulas = attribution.flat().filter((f): f is string => typeof f === "string" && f.startsWith("="));
    // Youth Offending Service: Hammersmith & Fulham's row 6, the service total in row 9.
    expect(attribution[5].slice(0, 2)).toEqual(["Youth Offending Service", "Hammersmith & Fulham"]);
    expect(attribution[5][4]).toMatch(/^=Drivers!C\d+$/);
    expect(attribution[5][6]).toBe("=SHARED.SHARES(E6:E8)");
    expect(attribution[5][7]).toMatch(/^=SUM\(Budget!F\d+:F\d+\)$/);
    expect(attribution[5][8]).toBe("=SHARED.APPORTION(I9,E6:E8)");
    expect(attribution[5][12]).toBe("=SHARED.TRANSITION(M9,H6:H8,I6:I8)");
    // Its combined cost is the range £1,600k–£1,700k on the Rules sheet (text), so the figure used,
    // the mid-range value, is written (RULES.md §1).
    expect(attribution[8][8]).toBe("=1650000");
    expect(formulas.filter((f) => f.startsWith("=SHARED.APPORTION(")).length).toBeGreaterThanOrEqual(SERVICES.length);
    expect(formulas.filter((f) => /Budget!/.test(f)).length).toBeGreaterThanOrEqual(SERVICES.length * 3);
    expect(formulas.filter((f) => /Rules!/.test(f)).length).toBeGreaterThanOrEqual(SERVICES.length);
    const profile = await workbookFormulas(page, "Savings profile");
    expect(profile[1][0]).toMatch(marker("savings-profile"));
    expect(profile.flat().some((f) => typeof f === "string" && /^=SHARED\.(PROFILE|PARTYEAR)\(/.test(f))).toBe(true);
    expect(profile.flat().some((f) => typeof f === "string" && f.includes("SHARED.BREAKEVEN("))).toBe(true);
    expect((await workbookFormulas(page, "Realisation"))[1][0]).toMatch(marker("realisation"));
    // The sample's in-year variances, split by cause with live SHARED.VARIANCE formulas over the cost shares.
    const variances = await workbookFormulas(page, "Variance shares");
    expect(variances[1][0]).toMatch(marker("variances"));
    expect(variances[5][4]).toBe("=Attribution!I6");
    expect(variances[5][5]).toBe('=SHARED.VARIANCE(F9,E6:E8,"indirect-host",1)');
    expect(variances[5][7]).toBe('=SHARED.VARIANCE(F9,E6:E8,"indirect-host",1,"next-year")');
    expect(variances[8][5]).toMatch(/^=Variances!D\d+$/);
    expect((await workbookFormulas(page, "Audit"))[1][0]).toMatch(marker("audit"));
    for (const [i, s] of SAMPLE.entries()) expect(await workbookFormulas(page, s.name)).toEqual(userSheets[i]);

    // The figures, recalculated as Excel would, against the engine's for the same inputs: the
    // sample's variances, its cost lines with the TUPE burden, the slipped saving, the scenario.
    const mid = sampleRun("mid");
    const midBook = await recalculatePage(page);
    checkAgainstPlan(midBook, mid);
    checkVarianceShares(midBook, mid.outcome);
    checkCostLines(midBook, mid.outcome);
    checkSlippage(midBook, mid.outcome);
    expect(scenarioLine(midBook)).toBe(plannedScenarioLine(mid));
    expect(scenarioLine(midBook)).toMatch(
      /^The tables show scenario mid \(the mid-range value of each range\); \d+ estimates? (is a range|are ranges)/,
    );

    // Writing again, under the high scenario (the Run step's choice), asks first, then replaces the
    // add-in's sheets in place: still one set of output, now with the high ends of the ranges.
    await tab("Run").click();
    await panel.getByRole("radio", { name: "High" }).check();
    await panel
      .getByText(
        "Writing again replaces the add-in's sheets Attribution, Savings profile, Realisation, Variance shares, Assessment, Audit.",
        {
          exact: false,
        },
      )
      .waitFor();
    await panel.getByRole("button", { name: "Replace the tables" }).click();
    const dialog = page.getByRole("dialog", { name: "Replace the earlier tables?" });
    await dialog.waitFor();
    await shot(page, "07-replace-confirm");
    expect(await axeScan(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Replace them" }).click();
    await panel.getByRole("heading", { name: "Results" }).waitFor();
    expect(await sheetNames(page)).toEqual(written);
    for (const [i, s] of SAMPLE.entries()) expect(await workbookFormulas(page, s.name)).toEqual(userSheets[i]);
    const high = sampleRun("high");
    // The range makes a difference the tables must show (else this part tests nothing).
    expect(totalsRows(high.results)).not.toEqual(totalsRows(EXPECTED));
    await expect(
      panel.getByRole("table", { name: "Totals by partner" }).getByRole("row").allTextContents(),
    ).resolves.toEqual(totalsRows(high.results));
    const highBook = await recalculatePage(page);
    checkAgainstPlan(highBook, high);
    checkVarianceShares(highBook, high.outcome);
    checkCostLines(highBook, high.outcome);
    checkSlippage(highBook, high.outcome);
    expect(scenarioLine(highBook)).toBe(plannedScenarioLine(high));
    expect(scenarioLine(highBook)).toMatch(/^The tables show scenario high \(the higher saving/);
    // The Youth Offending Service's combined cost, a range on the Rules sheet, is now its high-scenario figure.
    const yos = high.outcome.services.findIndex((s) => s.rule.service === "Youth Offending Service");
    expect(high.outcome.services[yos].combinedCost.eq(mid.outcome.services[yos].combinedCost)).toBe(false);
    expect((await workbookFormulas(page, "Attribution"))[8][8]).toBe(
      `=${high.outcome.services[yos].combinedCost.toString()}`,
    );
    await shot(page, "08-results-high");
  });

  // At a task pane's width Fluent's Table, laid out fixed across 100%, ran the amounts into each
  // other; the Results tables are sized to their content and scroll in their region instead.
  test("the Results tables fit a task pane: no figure runs out of its cell", async () => {
    const page = await openHarness(SAMPLE.map((s) => ({ name: s.name, values: s.values })));
    const panel = page.getByRole("tabpanel");
    await page.getByRole("tab", { name: "Run" }).click();
    await panel.getByRole("button", { name: "Write the tables" }).click();
    await panel.getByRole("heading", { name: "Results" }).waitFor();
    const overflowing = await panel.evaluate((el) =>
      [...el.querySelectorAll("table td, table th")]
        .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
        .map((cell) => `${cell.closest("table")?.getAttribute("aria-label")}: ${cell.textContent}`),
    );
    console.log(
      `Results cells whose text overflows: ${overflowing.length}, e.g. ${overflowing.slice(0, 3).join("; ")}`,
    );
    expect(overflowing).toEqual([]);
  });

  test("a malformed workbook: every error with its cell, a cell selected from the list, and nothing written", async () => {
    const page = await openHarness(MALFORMED);
    const panel = page.getByRole("tabpanel");
    const names = MALFORMED.map((g) => g.name);
    await panel.getByRole("heading", { name: "Your sheets" }).waitFor();
    expect(await sheetNames(page)).toEqual(names);
    const before = await Promise.all(names.map((n) => workbookFormulas(page, n)));

    await page.getByRole("tab", { name: "Check" }).click();
    await panel.getByRole("button", { name: "Check the workbook" }).click();
    await panel.getByText(/\d+ errors? to put right/).waitFor();
    const errors = panel.getByRole("list", { name: "Errors" });
    const listed = await errors.getByRole("listitem").allTextContents();
    for (const m of MALFORMED_MISTAKES)
      expect({
        cell: `${m.sheet}!${m.cell}`,
        listed: listed.some((t) => t.startsWith(`Error${m.sheet}!${m.cell}`)),
      }).toEqual({
        cell: `${m.sheet}!${m.cell}`,
        listed: true,
      });
    await shot(page, "10-malformed-check");
    expect(await axeScan(page)).toEqual([]);

    for (const cell of ["FTE!C19", "Rules!G5"]) {
      await errors.getByRole("button", { name: `Select ${cell} in Excel` }).click();
      const [sheet, address] = cell.split("!");
      await page
        .waitForFunction(
          ([s, a]) => window.harness.selection()?.address === a && window.harness.selection()?.sheet === s,
          [sheet, address],
          { timeout: 5_000 },
        )
        .catch(() => undefined); // the expectation below says what was selected instead
      expect(await selection(page)).toEqual({ sheet, address });
    }

    await page.getByRole("tab", { name: "Run" }).click();
    await panel.getByRole("button", { name: "Write the tables" }).click();
    await panel.getByText("Nothing was written").waitFor();
    await expect(panel.getByRole("list", { name: "Errors" }).getByRole("listitem").count()).resolves.toBe(
      listed.length,
    );
    expect(await sheetNames(page)).toEqual(names);
    expect(await Promise.all(names.map((n) => workbookFormulas(page, n)))).toEqual(before);
    await expect(page.getByRole("tab", { name: "Results" }).isDisabled()).resolves.toBe(true);
    await shot(page, "11-malformed-run");
    expect(await axeScan(page)).toEqual([]);
  });

  // A missing sheet's problem ("There is no Budget sheet.") once had a link to that sheet whose
  // click showed Office's own ItemNotFound error; such a problem now has no link.
  test("an empty workbook's missing sheets are listed without a link that fails", async () => {
    const page = await openHarness([]);
    const panel = page.getByRole("tabpanel");
    await page.getByRole("tab", { name: "Check" }).click();
    await panel.getByRole("button", { name: "Check the workbook" }).click();
    await panel.getByText("2 errors to put right").waitFor();
    const link = panel.getByRole("button", { name: "Select Budget in Excel" });
    if ((await link.count()) > 0) {
      await link.click();
      await page.waitForFunction(() => !document.body.textContent?.includes("Selecting Budget"));
    }
    await expect(page.getByText("That did not work").count()).resolves.toBe(0);
  });

  test("outside Excel it says to open the add-in in Excel, and offers no steps", async () => {
    const reason = "Office.js did not load, so this page is not inside Excel.";
    const page = await openHarness([], { host: { kind: "elsewhere", reason } });
    await page.getByText("Open this add-in in Excel").waitFor();
    await page.getByText(reason, { exact: false }).waitFor();
    await page.getByText("Sideload manifest.xml into Excel", { exact: false }).waitFor();
    await expect(page.getByRole("tablist").count()).resolves.toBe(0);
    await shot(page, "20-outside-excel");
    expect(await axeScan(page)).toEqual([]);
  });
});
