/**
 * The import graph of src/, read with the TypeScript compiler's parser, and the two checks the
 * architecture asks of it (README "Project layout", src/README.md): no import loops, and each layer
 * importing only the layers below it. Type-only imports count: a loop of types is still a loop a
 * reader has to untangle.
 */
import { readdirSync, readFileSync } from "fs";
import * as path from "path";
import ts from "typescript";

/** Every module a file names: imports (type-only too), re-exports, `import("…")` types and calls, require. */
export function specifiersOf(fileName: string, text: string): string[] {
  const kind = fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const found: string[] = [];
  const literal = (node: ts.Node | undefined): void => {
    if (node && ts.isStringLiteralLike(node)) found.push(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) literal(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      literal(node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal(node.argument.literal);
    else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === "require"))
    )
      literal(node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** File → the files of src/ it imports, paths relative to the repository root with "/" separators. */
export type Graph = Map<string, string[]>;

export interface ReadGraph {
  graph: Graph;
  /** Relative imports that name no file in src/ (a typo, or a kind of import this reader missed). */
  unresolved: string[];
}

const SOURCE = /\.tsx?$/;

function filesUnder(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return filesUnder(root, rel);
    return SOURCE.test(entry.name) ? [rel] : [];
  });
}

/** The graph of every .ts/.tsx file under `dir` (e.g. "src") of the repository at `root`. */
export function readGraph(root: string, dir = "src"): ReadGraph {
  const files = filesUnder(root, dir).sort();
  const known = new Set(files);
  const graph: Graph = new Map();
  const unresolved: string[] = [];
  for (const file of files) {
    const targets = new Set<string>();
    for (const spec of specifiersOf(file, readFileSync(path.join(root, file), "utf8"))) {
      if (!spec.startsWith(".")) continue; // a package
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      const target = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find((f) =>
        known.has(f),
      );
      if (target === undefined) unresolved.push(`${file} imports "${spec}"`);
      else targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return { graph, unresolved };
}

export interface Loop {
  /** One concrete cycle through the group's first file, e.g. [a, b, c, a]. */
  cycle: string[];
  /** Every file caught in the same knot of imports (the cycle's and any others'). */
  files: string[];
}

/** Every import loop: one per group of files that reach each other (Tarjan's strongly connected components). */
export function importLoops(graph: Graph): Loop[] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || (graph.get(v) ?? []).includes(v)) groups.push(group.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) connect(v);
  return groups.sort((a, b) => a[0].localeCompare(b[0])).map((files) => ({ cycle: cycleThrough(graph, files), files }));
}

/** The shortest cycle from the group's first file back to itself, staying inside the group. */
function cycleThrough(graph: Graph, group: string[]): string[] {
  const inside = new Set(group);
  const start = group[0];
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const cycle = [start];
        for (let at = v; at !== start; at = cameFrom.get(at)!) cycle.unshift(at);
        return [start, ...cycle];
      }
      if (!cameFrom.has(w)) {
        cameFrom.set(w, v);
        queue.push(w);
      }
    }
  }
  return group; // unreachable for a strongly connected group
}

/** A loop as a reader should see it: the cycle, and any other files in the same knot. */
export function describeLoop({ cycle, files }: Loop): string {
  const others = files.filter((f) => !cycle.includes(f));
  return cycle.join(" → ") + (others.length > 0 ? ` (caught in the same loop: ${others.join(", ")})` : "");
}

/** The layer of a file: its folder under src/ ("engine", "workbook", …). */
export const layerOf = (file: string): string => file.split("/")[1];

export interface LayerRule {
  layer: string;
  /** Layers it may not import. */
  forbidden?: readonly string[];
  /** Or: the only layers it may import (its own always). */
  only?: readonly string[];
  /** Files of the layer the rule does not apply to (the pane's entry wires in the Office host). */
  except?: readonly string[];
}

/** Each import that breaks a rule, as "file imports target (why)". */
export function layerBreaches(graph: Graph, rules: readonly LayerRule[]): string[] {
  const breaches: string[] = [];
  for (const [file, targets] of graph) {
    const from = layerOf(file);
    for (const rule of rules) {
      if (rule.layer !== from || rule.except?.includes(file)) continue;
      for (const target of targets) {
        const to = layerOf(target);
        if (to === from) continue;
        if (rule.forbidden?.includes(to))
          breaches.push(`${file} imports ${target} (${from} must import nothing of ${rule.forbidden.join("/")})`);
        else if (rule.only && !rule.only.includes(to))
          breaches.push(`${file} imports ${target} (${from} may import nothing but ${rule.only.join("/")})`);
      }
    }
  }
  return breaches.sort();
}
