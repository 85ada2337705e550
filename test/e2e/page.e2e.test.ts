/**
 * The built page as Excel's shared runtime loads it: the production build (webpack.config.js) of
 * taskpane.html, which loads both the functions and the task pane, in headless Chromium (Debian's
 * /usr/bin/chromium, driven by playwright-core) with Office.js replaced at Microsoft's CDN URL by
 * a stand-in (office-stub/office-stub.ts: Office, Excel.run over the in-memory workbook,
 * CustomFunctions recording what is registered). Every id in the built functions.json must be
 * registered and compute what the source computes; the functions must work before Office.onReady
 * resolves and with the pane's root absent; outside Excel nothing is registered and nothing
 * throws. Any uncaught error on the page fails the test.
 *
 * Without Chromium the suite is skipped, except in CI (CI set), where that fails: `.ci/run`
 * installs it. Chromium is started by test/e2e/browser.ts, as every test starts it.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import * as acorn from "acorn";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { FUNCTIONS } from "../../src/functions/register";
import { ExcelError, installRuntime } from "../functions/runtime";
import { describeInBrowser, launchChromium } from "./browser";
import type { CallResult } from "./office-stub/office-stub";

const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const ROOT = path.resolve(__dirname, "../..");

/** Arguments for each function as Excel passes them: ranges as rows, omitted ones null, addresses last. */
const at = (...parameterAddresses: string[]): CustomFunctions.Invocation =>
  ({ parameterAddresses }) as CustomFunctions.Invocation;
const CALLS: Record<string, unknown[][]> = {
  APPORTION: [
    [1650000, [[447, 596, 607]], null, null, null, at("Sheet1!A1", "Sheet1!B2:D2")],
    [100000, [[120, 80, 100]], [[1, 1.25, 1]], [[true, false, true]], null, at("A1", "B2:D2", "B3:D3", "B4:D4")],
    [100, [[1, -5, 1]], null, null, null, at("Budget!A1", "Budget!B2:D2")],
  ],
  SHARES: [[[[447, 596, 607]], null, null, at("Sheet1!B2:D2")]],
  EQUAL: [
    [100, [[3]], null, at("Sheet1!A1", "Sheet1!B1")],
    [120000, [[6]], 0, at("Sheet1!A1", "Sheet1!B1", "Sheet1!C1")],
  ],
  TRANSITION: [[100000, [[728000, 676000, 677000]], [[447000, 596000, 607000]], null, at("A1", "B2:D2", "B3:D3")]],
  VARIANCE: [
    [10000, [[447000, 596000, 607000]], "indirect-host", 1, "next-year", null, at("A1", "B2:D2", "C1", "D1", "E1")],
  ],
  PROFILE: [[8893000, [[0.1, 0.45, 0.45]], "cumulative", null, at("A1", "B2:D2", "E1")]],
  PARTYEAR: [[173000, 9, 3, null, null, at("A1", "B1", "C1")]],
  BREAKEVEN: [
    [[[-600, 700, 3300, 8660, 9860]], [["2011/12", "2012/13", "2013/14", "2014/15", "2015/16"]], at("B4:F4", "B1:F1")],
  ],
};

/** What the source's function gives in Node for the same arguments, as the page reports it. */
function inNode(id: string, args: unknown[]): CallResult {
  installRuntime();
  const fn = FUNCTIONS[id] as (...a: unknown[]) => unknown;
  try {
    return { value: fn(...args) };
  } catch (e) {
    if (e instanceof ExcelError) return { error: e.code, message: e.message };
    return { thrown: String(e) };
  }
}

let browser: Browser | undefined;
let server: http.Server | undefined;
let baseUrl = "";
let buildDir = "";
let stubFile = "";
let ids: string[] = [];
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
};

async function webpack(args: string[]): Promise<void> {
  const cli = require.resolve("webpack-cli/bin/cli.js");
  try {
    await promisify(execFile)(process.execPath, [cli, ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    throw new Error(`webpack ${args.join(" ")} failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}

function serve(dir: string): Promise<string> {
  const srv = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    const file = path.join(dir, path.normalize(name));
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

interface OpenOptions {
  /** The stub's query: office=excel|pending|elsewhere, functions=none. */
  query?: string;
  /** Changes the served taskpane.html. */
  html?: (html: string) => string;
  /** The browser's user agent, to stand for another webview. */
  userAgent?: string;
}

/** The built taskpane.html in a new browser context, Office.js served by the stub, nothing else off 127.0.0.1. */
async function openPage({ query = "office=excel", html, userAgent }: OpenOptions = {}): Promise<Page> {
  if (!browser) throw new Error("openPage: the browser is not running");
  const context = await browser.newContext({ viewport: { width: 360, height: 720 }, locale: "en-GB", userAgent });
  contexts.push(context);
  // Routes are matched last-registered first: everything off this machine is refused...
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  // ...except Office.js, which is the stub.
  await context.route(OFFICE_JS, (route) => route.fulfill({ path: stubFile, contentType: TYPES[".js"] }));
  if (html)
    await context.route(/\/taskpane\.html(\?|$)/, async (route) => {
      const original = fs.readFileSync(path.join(buildDir, "taskpane.html"), "utf8");
      const body = html(original);
      expect(body).not.toBe(original);
      await route.fulfill({ body, contentType: TYPES[".html"] });
    });
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(`uncaught: ${error.stack ?? error.message}`));
  await page.goto(`${baseUrl}/taskpane.html?${query}`);
  await page.waitForFunction(() => typeof window.officeStub === "object");
  await page.waitForLoadState("load");
  return page;
}

const registeredIds = (page: Page): Promise<string[]> => page.evaluate(() => window.officeStub.ids());
const call = (page: Page, id: string, args: unknown[]): Promise<CallResult> =>
  page.evaluate(([i, a]) => window.officeStub.call(i, a), [id, args] as const);

/** Every function called in the page with each of its CALLS, against the source in Node. */
async function expectAllCompute(page: Page): Promise<void> {
  for (const id of ids)
    for (const args of CALLS[id]) {
      const got = await call(page, id, args);
      expect({ id, args, got }).toEqual({ id, args, got: inNode(id, args) });
      expect(got).not.toHaveProperty("thrown");
    }
  // And a few figures from the seed reports, so the page and the source are not merely equally wrong.
  expect(await call(page, "APPORTION", CALLS.APPORTION[0])).toEqual({ value: [[447000, 596000, 607000]] });
  expect(await call(page, "EQUAL", CALLS.EQUAL[0])).toEqual({ value: [[33.34, 33.33, 33.33]] });
  expect(await call(page, "APPORTION", CALLS.APPORTION[2])).toEqual({
    error: "#VALUE!",
    message: "weights: item 2 (Budget!C2) is negative (-5) (RULES.md §2)",
  });
}

jest.setTimeout(60_000);

/** The <script> elements of an HTML page: their src, or their inline code. */
const scriptsOf = (html: string): { src?: string; code: string }[] =>
  [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map(([, attributes, code]) => ({
    src: /src="?([^" >]+)/.exec(attributes)?.[1],
    code,
  }));

/** Where acorn stops parsing `code` at `ecmaVersion`, or undefined where it parses. */
function parseError(code: string, ecmaVersion: acorn.ecmaVersion): string | undefined {
  try {
    acorn.parse(code, { ecmaVersion, sourceType: "script" });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

describe("the production build of the page", () => {
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shared-services-page-"));
    const stubDir = path.join(dir, "stub");
    stubFile = path.join(stubDir, "office-stub.js");
    buildDir = path.join(dir, "dist");
    await webpack(["--mode", "production", "--output-path", buildDir]);
    await webpack(["--config", "test/e2e/webpack.e2e.js", "--env", `out=${stubDir}`, "--env", "only=office-stub"]);
    const metadata = JSON.parse(fs.readFileSync(path.join(buildDir, "functions.json"), "utf8")) as {
      functions: { id: string }[];
    };
    ids = metadata.functions.map((f) => f.id);
  }, 400_000);

  afterAll(() => {
    if (buildDir) fs.rmSync(path.dirname(buildDir), { recursive: true, force: true });
  });

  test("the page loads the functions before the pane, and no separate functions page is built", () => {
    const html = fs.readFileSync(path.join(buildDir, "taskpane.html"), "utf8");
    expect(scriptsOf(html).flatMap((s) => (s.src ? [s.src] : []))).toEqual([OFFICE_JS, "functions.js", "taskpane.js"]);
    expect(fs.existsSync(path.join(buildDir, "functions.html"))).toBe(false);
    expect(Object.keys(CALLS).sort()).toEqual([...ids].sort());
  });

  test("every built script parses at the stated language level (ES2022; the functions ES2020), the WebView2 check at ES3", () => {
    // .browserslistrc: the task pane needs ES2022 (Fluent UI's tabster ships class static blocks);
    // the functions are our code alone, compiled to ES2020 (webpack.config.js).
    // values-copy.js: the pane's "Save a copy with values" with JSZip, loaded only when first used.
    const levels: Record<string, acorn.ecmaVersion> = {
      "functions.js": 2020,
      "taskpane.js": 2022,
      "values-copy.js": 2022,
    };
    const bundles = fs.readdirSync(buildDir).filter((f) => f.endsWith(".js"));
    expect(bundles.sort()).toEqual(Object.keys(levels).sort());
    for (const file of bundles) {
      const code = fs.readFileSync(path.join(buildDir, file), "utf8");
      expect({ file, error: parseError(code, levels[file]) }).toEqual({ file, error: undefined });
    }
    // The check has teeth: the functions do use ES2020 (BigInt pence in the split), which ES2019 refuses.
    expect(parseError(fs.readFileSync(path.join(buildDir, "functions.js"), "utf8"), 2019)).toBeDefined();
    // The inline check that says WebView2 is needed must run in Internet Explorer: ES3.
    const inline = scriptsOf(fs.readFileSync(path.join(buildDir, "taskpane.html"), "utf8")).filter((s) => !s.src);
    expect(inline).toHaveLength(1);
    expect(inline[0].code).toMatch(/WebView2/);
    expect(parseError(inline[0].code, 3)).toBeUndefined();
  });

  describeInBrowser("the built page's end-to-end tests")("in Chromium, as Excel's shared runtime loads it", () => {
    beforeAll(async () => {
      const [url, launched] = await Promise.all([serve(buildDir), launchChromium()]);
      baseUrl = url;
      browser = launched;
    }, 120_000);

    afterEach(async () => {
      const errors = pageErrors.splice(0);
      await Promise.all(contexts.splice(0).map((c) => c.close()));
      if (errors.length > 0) throw new Error(`The page reported:\n${errors.join("\n")}`);
    });

    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    });

    test("in Excel: every id in functions.json is registered, before the pane asks Office anything, and each computes", async () => {
      const page = await openPage();
      expect([...(await registeredIds(page))].sort()).toEqual([...ids].sort());
      // Registered as the page loaded: before the pane (or anything) had asked Office.onReady.
      expect(await page.evaluate(() => window.officeStub.onReadyCallsBeforeRegistering())).toBe(0);
      await expectAllCompute(page);
      // The pane is there too, over the in-memory workbook.
      await page.getByRole("heading", { name: "Your sheets" }).waitFor();
    });

    test("before Office.onReady resolves (Office still starting), the functions are registered and compute", async () => {
      const page = await openPage({ query: "office=pending" });
      expect([...(await registeredIds(page))].sort()).toEqual([...ids].sort());
      await expectAllCompute(page);
      await expect(page.getByRole("heading", { name: "Your sheets" }).count()).resolves.toBe(0);
    });

    test("with the pane's root absent (no task pane code runs), the functions are registered and compute", async () => {
      const page = await openPage({ html: (h) => h.replace(/<div id="?container"?><\/div>/, "") });
      expect([...(await registeredIds(page))].sort()).toEqual([...ids].sort());
      await expectAllCompute(page);
      expect(await page.evaluate(() => document.querySelectorAll("#container, [role=alert], h1, h2").length)).toBe(0);
    });

    // Where WebView2 is missing Office on Windows falls back to Internet Explorer 11 or Edge Legacy,
    // which cannot parse the bundles at all; the page's inline check, which they can run, says so.
    // Chromium stands in for them by their user agents (the check goes by the user agent, as
    // Microsoft's page on older webviews recommends for a message).
    test.each([
      ["Internet Explorer", "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; rv:11.0) like Gecko"],
      [
        "Microsoft Edge Legacy",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041",
      ],
    ])("in %s (no WebView2) the page says plainly that the add-in needs WebView2", async (engine, userAgent) => {
      const page = await openPage({ userAgent });
      const alert = page.getByRole("alert");
      await alert.getByRole("heading", { name: "This add-in needs Microsoft Edge WebView2" }).waitFor();
      await expect(alert.textContent()).resolves.toContain(`Excel is showing it in ${engine},`);
      await expect(alert.textContent()).resolves.toContain("install the Microsoft Edge WebView2 Runtime");
      await expect(page.locator("#container").count()).resolves.toBe(0);
      await expect(page.getByRole("heading", { name: "Your sheets" }).count()).resolves.toBe(0);
    });

    test("in WebView2 (Edge, Chromium: Edg/ in its user agent) there is no such message", async () => {
      const page = await openPage({
        userAgent:
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
      });
      await page.getByRole("heading", { name: "Your sheets" }).waitFor();
      await expect(page.getByRole("alert").filter({ hasText: "WebView2" }).count()).resolves.toBe(0);
    });

    test("outside Excel (Office.js but no CustomFunctions): nothing is registered, nothing throws, and the pane says so", async () => {
      const page = await openPage({ query: "office=elsewhere" });
      await page.getByText("This page is open outside Excel.", { exact: false }).waitFor();
      expect(await registeredIds(page)).toEqual([]);
      expect(
        await page.evaluate(() => typeof (window as unknown as { CustomFunctions?: unknown }).CustomFunctions),
      ).toBe("undefined");
    });
  });
});
