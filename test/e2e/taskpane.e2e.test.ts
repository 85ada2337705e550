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
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";
import type { SheetGrid } from "../../src/workbook/grid";
// The harness also declares window.harness, for the page.evaluate calls here.
import type { Harness } from "./harness/harness";

// ---------------------------------------------------------------------------------------------
// Helpers for the flow tests
// ---------------------------------------------------------------------------------------------

export const CHROMIUM = "/usr/bin/chromium";
export const OUTPUT_DIR = path.join(__dirname, "output");
/** About a task pane's width in Excel on the desktop. */
export const VIEWPORT = { width: 360, height: 720 };

/**
 * A new page (in its own browser context) with the task pane over a new in-memory workbook holding
 * these sheets ([]: one blank "Sheet1"). The pane is rendered; wait for what the test needs. An
 * uncaught exception or console error on the page fails the test.
 */
export async function openHarness(grids: SheetGrid[]): Promise<Page> {
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
  await page.evaluate((g) => window.harness.start(g), grids);
  return page;
}

/** Saves a full-page screenshot as test/e2e/output/<name>.png and returns its path. */
export async function shot(page: Page, name: string): Promise<string> {
  const file = path.join(OUTPUT_DIR, `${name.replace(/[^\w.-]+/g, "-")}.png`);
  await page.screenshot({ path: file, fullPage: true });
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
const inCI = !["", "0", "false"].includes((process.env.CI ?? "").toLowerCase());
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && !inCI)
  console.warn(
    `Skipping the task pane's end-to-end tests: no Chromium at ${CHROMIUM}. ` +
      "Install Debian's package (apt-get install chromium) to run them; in CI (CI=true) this fails instead.",
  );
const describeInBrowser = haveChromium || inCI ? describe : describe.skip;

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

describeInBrowser("the task pane in Chromium", () => {
  beforeAll(async () => {
    if (!haveChromium)
      throw new Error(`No Chromium at ${CHROMIUM}: .ci/run installs Debian's chromium package before the tests.`);
    fs.rmSync(OUTPUT_DIR, { recursive: true, force: true });
    fs.mkdirSync(OUTPUT_DIR, { recursive: true });
    buildDir = fs.mkdtempSync(path.join(os.tmpdir(), "shared-services-e2e-"));
    const [url, launched] = await Promise.all([
      buildHarness(buildDir).then(() => serve(buildDir as string)),
      chromium.launch({
        executablePath: CHROMIUM,
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      }),
    ]);
    baseUrl = url;
    browser = launched;
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
});
