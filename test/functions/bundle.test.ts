/**
 * The built bundle, as Excel loads it: the production webpack build of the functions (the real
 * webpack.config.js, with `--env functionsOnly` to leave out the task pane) is run in a bare
 * JavaScript context that has only a stub `CustomFunctions` global: no DOM, no window, no console,
 * so the functions depend on nothing but the runtime (the task pane's page, where they run in
 * Excel's shared runtime, is tested in Chromium by test/e2e/page.e2e.test.ts). Every id in the built
 * functions.json must be registered, the public contract's ids and argument orders must be there,
 * and each function's help link must reach its section of the built help page.
 */
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import vm from "vm";
import { split } from "../../src/engine";
import { asNumbers } from "./cell-values";
import type { FunctionMetadata } from "./hyperformula";
import { ExcelError, excelErrorOf, makeRuntime, Runtime } from "./runtime";

const ROOT = path.resolve(__dirname, "../..");
const ADDIN_URL = "https://addin.example.gov.uk/shared-services/";

/** The public contract of issue #4: ids and the order of their first arguments. */
const CONTRACT: Record<string, string[]> = {
  APPORTION: ["amount", "weights", "quality", "include"],
  SHARES: ["weights", "quality", "include"],
  EQUAL: ["amount", "partners"],
  TRANSITION: ["cost", "baselines", "new_costs"],
  VARIANCE: ["variance", "expected_costs", "cause", "responsible"],
  PROFILE: ["amount", "phasing", "view"],
  PARTYEAR: ["amount", "start_month", "years", "view"],
  BREAKEVEN: ["net", "years"],
};

let out: string;
let functions: FunctionMetadata[];
let runtime: Runtime;

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "shared-functions-"));
  execFileSync(
    process.execPath,
    [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--env", "functionsOnly", "--output-path", out],
    { cwd: ROOT, env: { ...process.env, ADDIN_URL }, stdio: "pipe" },
  );
  functions = (
    JSON.parse(fs.readFileSync(path.join(out, "functions.json"), "utf8")) as { functions: FunctionMetadata[] }
  ).functions;
  runtime = makeRuntime();
  // Only CustomFunctions: anything else the bundle reached for would be a ReferenceError here.
  const context = vm.createContext({ CustomFunctions: runtime });
  vm.runInContext(fs.readFileSync(path.join(out, "functions.js"), "utf8"), context, { filename: "functions.js" });
}, 180_000);

afterAll(() => {
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

test("every id in functions.json is registered by dist/functions.js on its own", () => {
  const ids = functions.map((f) => f.id).sort();
  expect([...runtime.registered.keys()].sort()).toEqual(ids);
  expect(ids).toEqual(Object.keys(CONTRACT).sort());
});

test("without CustomFunctions (a plain browser, the task pane's tests) the bundle loads, registers nothing and throws nothing", () => {
  const bare = vm.createContext({});
  expect(() =>
    vm.runInContext(fs.readFileSync(path.join(out, "functions.js"), "utf8"), bare, { filename: "functions.js" }),
  ).not.toThrow();
  // Where Office.js is there but Office has not said this is Excel yet, nothing is registered either.
  let ready: ((info: { host: string | null }) => void) | undefined;
  const office = {
    HostType: { Excel: "Excel" },
    onReady: () => new Promise((resolve) => (ready = resolve)),
  };
  const late = vm.createContext({ Office: office });
  vm.runInContext(fs.readFileSync(path.join(out, "functions.js"), "utf8"), late, { filename: "functions.js" });
  expect(ready).toBeDefined();
});

test("functions.json does not turn on data types (CustomFunctionsRuntime 1.4, which the manifest does not require)", () => {
  const metadata = JSON.parse(fs.readFileSync(path.join(out, "functions.json"), "utf8")) as Record<string, unknown>;
  expect(metadata).not.toHaveProperty("allowCustomDataForDataTypeAny");
  const manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  expect(manifest).not.toMatch(/<Set Name="CustomFunctionsRuntime" MinVersion="1\.[4-9]"/);
});

test("the contract's argument orders, and the metadata Excel needs", () => {
  for (const f of functions) {
    expect(f.name).toBe(f.id);
    expect(f.parameters.slice(0, CONTRACT[f.id].length).map((p) => p.name)).toEqual(CONTRACT[f.id]);
    expect(f.description.length).toBeGreaterThan(20);
    for (const p of f.parameters) expect(p.description).toBeTruthy();
    expect(f.options?.requiresParameterAddresses).toBe(true);
    expect(f.result.dimensionality).toBe("matrix"); // results spill
  }
  // Ranges are ranges; an amount is a single value.
  const apportion = functions.find((f) => f.id === "APPORTION")!;
  expect(apportion.parameters.map((p) => p.dimensionality ?? "scalar")).toEqual([
    "scalar",
    "matrix",
    "matrix",
    "matrix",
    "scalar",
  ]);
  expect(apportion.parameters.map((p) => Boolean(p.optional))).toEqual([false, false, true, true, true]);
});

test("each help link points at the hosted help page and its own section of it", () => {
  const help = fs.readFileSync(path.join(out, "help.html"), "utf8");
  const anchors = new Set([...help.matchAll(/<h3 id="?([a-z]+)"?/g)].map((m) => m[1]));
  for (const f of functions) {
    expect(f.helpUrl).toBe(`${ADDIN_URL}help.html#${f.id.toLowerCase()}`);
    expect(anchors.has(f.id.toLowerCase())).toBe(true);
  }
  // The manifest's URLs are rewritten the same way.
  const manifest = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
  expect(manifest).toContain(`${ADDIN_URL}functions.json`);
  expect(manifest).not.toContain("https://localhost:3000/");
  // The section under each anchor is that function's reference, with its example.
  expect(help).toMatch(/<h3 id="?apportion"?>SHARED\.APPORTION\(amount, weights/);
});

test("a function called inside the bare context gives the engine's split, and its errors", () => {
  const apportion = runtime.registered.get("APPORTION")!;
  const invocation = { parameterAddresses: ["Budget!A1", "Budget!B2:D2"] };
  const parts = apportion(100, [[1, 1, 1]], null, null, null, invocation);
  expect(parts).toEqual([asNumbers(split(100, [1, 1, 1]))]);
  const error = excelErrorOf(() => apportion(100, [[1, -5, 1]], null, null, null, invocation)) as ExcelError;
  expect(error.code).toBe("#VALUE!");
  expect(error.message).toBe("weights: item 2 (Budget!C2) is negative (-5) (RULES.md §2)");
});
