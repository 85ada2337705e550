/**
 * The architecture as a test (src/README.md): no import loops anywhere in src/, type-only imports
 * included, and each layer importing only what it may. A failure names the loop or the import.
 */
import * as path from "path";
import { Graph, LayerRule, describeLoop, importLoops, layerBreaches, readGraph, specifiersOf } from "./import-graph";

const LAYERS: readonly LayerRule[] = [
  { layer: "engine", forbidden: ["workbook", "office", "xlsx", "taskpane", "functions", "cli"] },
  { layer: "workbook", forbidden: ["office", "xlsx", "taskpane", "cli", "functions"] },
  { layer: "functions", only: ["engine"] },
  { layer: "office", forbidden: ["xlsx"] },
  { layer: "xlsx", forbidden: ["office"] },
  // Only the pane's entry wires the Office.js host in; everything else gets it as a WorkbookHost.
  { layer: "taskpane", forbidden: ["office", "xlsx", "cli"], except: ["src/taskpane/index.tsx"] },
];

/**
 * Loops known on 1 December 2026, each being removed under issue 13 by the engineer named. A loop
 * whose files all lie in one of these folders is tolerated until then; the list only shrinks: once
 * a folder has no loop its line must go (the test says so), and no loop elsewhere is tolerated.
 */
const KNOWN_LOOPS: readonly { folder: string; owner: string }[] = [];

const known = (files: readonly string[]): string | undefined =>
  KNOWN_LOOPS.find(({ folder }) => files.every((f) => f.startsWith(folder)))?.folder;

describe("src/", () => {
  const { graph, unresolved } = readGraph(path.resolve(__dirname, "../.."));

  test("the reader finds the files and their imports", () => {
    // Guards the checks below against passing on an empty or unread graph.
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get("src/taskpane/index.tsx")).toContain("src/taskpane/App.tsx");
    expect(unresolved).toEqual([]);
  });

  test("has no import loops", () => {
    const loops = importLoops(graph);
    expect(loops.filter((l) => known(l.files) === undefined).map(describeLoop)).toEqual([]);
    const gone = KNOWN_LOOPS.filter(({ folder }) => !loops.some((l) => known(l.files) === folder));
    expect(gone.map(({ folder }) => `${folder} has no import loop now: remove it from KNOWN_LOOPS`)).toEqual([]);
  });

  test("each layer imports only the layers it may", () => {
    expect(layerBreaches(graph, LAYERS)).toEqual([]);
  });
});

describe("the checks themselves", () => {
  test("every form of import is read, type-only ones too", () => {
    const text = [
      'import type { A } from "./a";',
      'import { type B } from "./b";',
      'import "./c";',
      'export * from "./d";',
      'export type { E } from "./e";',
      'import f = require("./f");',
      'type G = import("./g").G;',
      'const h = () => import("./h");',
      'const i = require("./i");',
      'import * as React from "react";',
      "const j = <div>{f}</div>;",
    ].join("\n");
    expect(specifiersOf("x.tsx", text)).toEqual([
      "./a",
      "./b",
      "./c",
      "./d",
      "./e",
      "./f",
      "./g",
      "./h",
      "./i",
      "react",
    ]);
  });

  test("a loop is named file by file with the rest of its knot, a self-import too, and a chain is no loop", () => {
    const graph: Graph = new Map([
      ["src/x/a.ts", ["src/x/b.ts"]],
      ["src/x/b.ts", ["src/x/c.ts", "src/x/d.ts"]],
      ["src/x/c.ts", ["src/x/a.ts"]],
      ["src/x/d.ts", ["src/x/g.ts"]],
      ["src/x/g.ts", ["src/x/b.ts"]],
      ["src/y/e.ts", ["src/y/e.ts"]],
      ["src/y/f.ts", ["src/x/a.ts"]],
    ]);
    expect(importLoops(graph).map(describeLoop)).toEqual([
      "src/x/a.ts → src/x/b.ts → src/x/c.ts → src/x/a.ts (caught in the same loop: src/x/d.ts, src/x/g.ts)",
      "src/y/e.ts → src/y/e.ts",
    ]);
  });

  test("a breach names the file, what it imports and the rule", () => {
    const graph: Graph = new Map([
      ["src/engine/a.ts", ["src/workbook/b.ts", "src/engine/c.ts"]],
      ["src/functions/f.ts", ["src/engine/a.ts", "src/sample/s.ts"]],
      ["src/taskpane/index.tsx", ["src/office/host.ts"]],
      ["src/taskpane/App.tsx", ["src/office/host.ts"]],
    ]);
    expect(layerBreaches(graph, LAYERS)).toEqual([
      "src/engine/a.ts imports src/workbook/b.ts (engine must import nothing of workbook/office/xlsx/taskpane/functions/cli)",
      "src/functions/f.ts imports src/sample/s.ts (functions may import nothing but engine)",
      "src/taskpane/App.tsx imports src/office/host.ts (taskpane must import nothing of office/xlsx/cli)",
    ]);
  });
});
