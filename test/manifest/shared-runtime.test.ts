/**
 * @jest-environment jsdom
 */
// The shared runtime's manifest rules (shared-runtime.ts), on manifest.xml and on broken copies of
// it, each of which must be caught. jsdom for its DOMParser.
import fs from "fs";
import path from "path";
import { sharedRuntimeProblems } from "./shared-runtime";

const manifest = fs.readFileSync(path.resolve(__dirname, "../../manifest.xml"), "utf8");

/** manifest.xml with one change, checked to have changed something. */
function changed(from: string | RegExp, to: string): string {
  const xml = manifest.replace(from, to);
  expect(xml).not.toBe(manifest);
  return xml;
}

test("manifest.xml runs the task pane and the functions in one long-lived runtime", () => {
  expect(sharedRuntimeProblems(manifest)).toEqual([]);
  expect(manifest).toMatch(/<Runtime resid="Taskpane\.Url" lifetime="long"\/>/);
  expect(manifest).toContain('<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>');
  // No second page for the functions: the one page loads both.
  expect(manifest).not.toMatch(/functions\.html/);
});

test("a functions <Page> that is not the task pane's page is caught", () => {
  const xml = changed(/(<Page>\s*<SourceLocation resid=")Taskpane\.Url/, "$1Functions.Page.Url");
  expect(sharedRuntimeProblems(xml)).toEqual([
    `the custom functions' <Page> uses resid "Functions.Page.Url", not the Runtime's "Taskpane.Url"`,
  ]);
});

test("a task pane that is not the runtime's page is caught", () => {
  const xml = changed(
    /(<TaskpaneId>SharedServices\.Taskpane<\/TaskpaneId>\s*<SourceLocation resid=")Taskpane\.Url/,
    "$1Other.Url",
  );
  expect(sharedRuntimeProblems(xml)).toEqual([
    `the ShowTaskpane action uses resid "Other.Url", not the Runtime's "Taskpane.Url"`,
  ]);
});

test("a short lifetime, <Runtimes> out of place, a missing URL or requirement set are caught", () => {
  expect(
    sharedRuntimeProblems(
      changed('<Runtime resid="Taskpane.Url" lifetime="long"/>', '<Runtime resid="Taskpane.Url" lifetime="short"/>'),
    ),
  ).toEqual(['the Runtime\'s lifetime is "short", not "long": the functions would stop when the task pane closes']);
  const runtimes = /\s*<Runtimes>\s*<Runtime [^>]*\/>\s*<\/Runtimes>/.exec(manifest)![0];
  const moved = manifest.replace(runtimes, "").replace("</AllFormFactors>", `</AllFormFactors>${runtimes}`);
  expect(sharedRuntimeProblems(moved)).toEqual([
    "<Runtimes> must come first in the Workbook host, not after <AllFormFactors>",
  ]);
  expect(sharedRuntimeProblems(changed('<Set Name="SharedRuntime" MinVersion="1.1"/>', ""))).toEqual([
    "the SharedRuntime 1.1 requirement set is not declared",
  ]);
  const renamed = manifest
    .replace(/Taskpane\.Url/g, "Pane.Url")
    .replace('<bt:Url id="Pane.Url"', '<bt:Url id="Elsewhere.Url"');
  expect(sharedRuntimeProblems(renamed)).toEqual([
    'the Runtime\'s resid "Pane.Url" is not a <bt:Url> in the resources',
  ]);
});
