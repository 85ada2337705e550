/**
 * sampleSheets() (src/sample/sample.ts), which the task pane adds through Office.js, is the
 * committed assets/sample.xlsx: the same sheets in the same order, cell by cell, with the same
 * widths, number formats, heading row and frozen rows. And the module is safe to bundle for the
 * browser: nothing it imports, directly or through its own imports, is Node's or ExcelJS.
 */
/* eslint-disable office-addins/load-object-before-read, office-addins/call-sync-before-read --
   these are ExcelJS rows and cells in memory, not Office.js proxies that need load() and sync(). */
import { builtinModules } from "module";
import { readFileSync, readdirSync } from "fs";
import * as path from "path";
import type ExcelJS from "exceljs";
import { sampleSheets } from "../../src/sample/sample";
import type { InputSheet } from "../../src/workbook/edit/input-sheet";
import { type CellValue, cellAt } from "../../src/workbook/grid";
import { loadWorkbook, usesDate1904, worksheetGrid } from "../../src/xlsx/read";

const ROOT = path.join(__dirname, "..", "..");

let workbook: ExcelJS.Workbook;
let sheets: InputSheet[];
beforeAll(async () => {
  workbook = await loadWorkbook(readFileSync(path.join(ROOT, "assets", "sample.xlsx")));
  sheets = sampleSheets();
});

function fileSheet(name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`assets/sample.xlsx has no ${name} sheet`);
  return sheet;
}

function columnLetter(column: number): string {
  let letters = "";
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26))
    letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return letters;
}

it("gives the file's eight input sheets, in the file's order, leaving out the user's Read me and MTFS", () => {
  const inFile = workbook.worksheets.map((ws) => ws.name).filter((name) => name !== "Read me" && name !== "MTFS");
  expect(sheets.map((s) => s.name)).toEqual(inFile);
  expect(inFile).toEqual(["Budget", "FTE", "Rules", "Drivers", "Tracker", "Variances", "Costs", "Compatibility"]);
});

describe.each(["Budget", "FTE", "Rules", "Drivers", "Tracker", "Variances", "Costs", "Compatibility"])("%s", (name) => {
  const sheet = (): InputSheet => {
    const found = sheets.find((s) => s.name === name);
    if (!found) throw new Error(`sampleSheets() has no ${name}`);
    return found;
  };

  it("holds the file's values, cell by cell (blank where the file is blank)", () => {
    const grid = worksheetGrid(fileSheet(name), usesDate1904(workbook));
    const { values } = sheet();
    const rows = Math.max(grid.values.length, values.length);
    const columns = Math.max(...[...grid.values, ...values].map((row) => row.length));
    const differences: [string, CellValue, CellValue][] = [];
    for (let r = 1; r <= rows; r++)
      for (let c = 1; c <= columns; c++) {
        const mine = values[r - 1]?.[c - 1] ?? null;
        const file = cellAt(grid, r, c);
        if (JSON.stringify(mine) !== JSON.stringify(file)) differences.push([`${columnLetter(c)}${r}`, mine, file]);
      }
    expect(differences).toEqual([]);
    // A title in A1 and a note in A2 above the headings, and more than a heading row of data.
    expect(typeof values[0][0]).toBe("string");
    expect(typeof values[1][0]).toBe("string");
    expect(values.length).toBeGreaterThan(4);
  });

  it("has the file's column widths and number formats, for the columns and every figure under the headings", () => {
    const ws = fileSheet(name);
    const { widths, numberFormats, headingRow } = sheet();
    const headings = sheet().values[(headingRow ?? 0) - 1] ?? [];
    expect(widths).toHaveLength(headings.length);
    expect(numberFormats).toHaveLength(headings.length);
    expect(ws.columnCount).toBe(headings.length);
    for (let c = 1; c <= headings.length; c++) {
      const column = ws.getColumn(c);
      expect([columnLetter(c), column.width, column.numFmt]).toEqual([
        columnLetter(c),
        widths?.[c - 1],
        numberFormats?.[c - 1],
      ]);
    }
    let figures = 0;
    ws.eachRow((row, r) => {
      if (r <= (headingRow ?? 0)) return;
      row.eachCell((cell, c) => {
        figures++;
        expect([cell.address, cell.numFmt]).toEqual([cell.address, numberFormats?.[c - 1]]);
      });
    });
    expect(figures).toBeGreaterThan(0);
  });

  it("has its headings on row 3, bold with a bottom border as in the file, and the rows above them frozen", () => {
    const ws = fileSheet(name);
    const { headingRow, freezeRows, values } = sheet();
    expect(headingRow).toBe(3);
    values[2].forEach((heading, c) => {
      const cell = ws.getCell(3, c + 1);
      expect([cell.address, heading, cell.font?.bold, cell.border?.bottom?.style]).toEqual([
        cell.address,
        expect.any(String),
        true,
        "thin",
      ]);
    });
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: freezeRows });
    expect(freezeRows).toBe(3);
  });
});

it("gives fresh arrays each call, so a caller that edits one cannot change the next", () => {
  const first = sampleSheets();
  first[0].values[3][0] = "changed";
  expect(sampleSheets()[0].values[3][0]).not.toBe("changed");
});

describe("src/sample is safe to bundle for the browser", () => {
  const NODE_ONLY = new Set([...builtinModules, "exceljs", "jszip"]);

  /** Source text without comments, so a comment that names Node is not taken for a use of it. */
  function code(file: string): string {
    return readFileSync(file, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "");
  }

  function specifiers(source: string): string[] {
    const found: string[] = [];
    for (const m of source.matchAll(/\b(?:from|import|require)\s*\(?\s*["']([^"']+)["']/g)) found.push(m[1]);
    return found;
  }

  function resolve(from: string, specifier: string): string {
    const base = path.resolve(path.dirname(from), specifier);
    for (const file of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")])
      if (readdirSync(path.dirname(file)).includes(path.basename(file))) return file;
    throw new Error(`${path.relative(ROOT, from)}: cannot find ${specifier}`);
  }

  /** Every .ts file of src/sample and the files they import, with what each imports. */
  function moduleTree(): Map<string, string[]> {
    const dir = path.join(ROOT, "src", "sample");
    const pending = readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .map((f) => path.join(dir, f));
    const tree = new Map<string, string[]>();
    for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
      if (tree.has(file)) continue;
      const imports = specifiers(code(file));
      tree.set(file, imports);
      for (const s of imports) if (s.startsWith(".")) pending.push(resolve(file, s));
    }
    return tree;
  }

  it("imports nothing of Node's and no ExcelJS or JSZip, directly or indirectly", () => {
    const tree = moduleTree();
    expect(tree.has(path.join(ROOT, "src", "sample", "sample.ts"))).toBe(true);
    const bad = [...tree].flatMap(([file, imports]) =>
      imports
        .filter((s) => NODE_ONLY.has(s.replace(/^node:/, "").split("/")[0]))
        .map((s) => `${path.relative(ROOT, file)} imports ${s}`),
    );
    expect(bad).toEqual([]);
  });

  it("uses none of Node's globals", () => {
    const bad = [...moduleTree().keys()].flatMap((file) =>
      [...code(file).matchAll(/\b(?:Buffer|process|__dirname|__filename|require|global)\b/g)].map(
        (m) => `${path.relative(ROOT, file)}: ${m[0]}`,
      ),
    );
    expect(bad).toEqual([]);
  });
});
