import ExcelJS from "exceljs";
import JSZip from "jszip";
import { validateXML } from "xmllint-wasm";
import { Decimal } from "../../src/engine";
import type { SheetGrid } from "../../src/workbook/grid";
import type { Plan, PlanCell } from "../../src/workbook/plan/types";
import { readXlsx } from "../../src/xlsx/read";
import { worksheetParts } from "../../src/xlsx/package";
import { writeThroughExcelJs, writeXlsx } from "../../src/xlsx/write";
import { addOwnedSheet, bytesOf, cellXml, num, parts, plan, sheetPlan, text } from "./build";

const d = (value: string | number): Decimal => new Decimal(value);

/** A user's workbook: their own sheets around two sheets an earlier run of the add-in left. */
async function userWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const budget = workbook.addWorksheet("Budget");
  budget.addRows([
    ["Partner", "Service", "Baseline £"],
    ["Hammersmith & Fulham", "Youth offending", 447000],
    ["Kensington & Chelsea", "Youth offending", 596000],
    ["Westminster", "Youth offending", 607000],
  ]);
  budget.getCell("C6").value = { formula: "SUM(C2:C4)", result: 1650000 };
  budget.getCell("D6").value = { formula: "C6-C6", result: 0 };
  budget.getCell("E6").value = { formula: "C6<0", result: false };
  budget.getCell("A8").value = "=not a formula, just the user's note";
  addOwnedSheet(workbook, "Attribution", "attribution");
  workbook.addWorksheet("Notes").getCell("B2").value = "Keep this";
  addOwnedSheet(workbook, "Realisation", "realisation");
  return bytesOf(workbook);
}

const apportion: PlanCell = {
  kind: "spill",
  formula: "=SHARED.APPORTION(Budget!C6,Budget!C2:C4)",
  values: [[d("447000.00")], [d("596000.00")], [d("607000.00")]],
  style: "money",
};

/** Rows 3 onwards of the Attribution sheet: header, text that looks like formulas, numbers, formulas, a spill. */
function attributionPlan(): Plan {
  const attribution = sheetPlan("attribution", "Attribution", [
    [
      { kind: "text", text: "Partner", style: "header" },
      { kind: "text", text: "Share", style: "header" },
    ],
    [text("=1+1"), text("+44 20 7641 6000"), text("@risk"), text("-5")],
    [num("1234.5"), { kind: "number", value: d("0.3333"), style: "share" }],
    [
      { kind: "formula", formula: "=SUM(Budget!C2:C4)", value: d(1650000), style: "total" },
      { kind: "formula", formula: "=shared.Apportion(Budget!C6,Budget!C2:C4,2)", value: d(0) },
      { kind: "formula", formula: '=IF(A1="SHARED.APPORTION(",1,0)', value: false },
      { kind: "formula", formula: '=Budget!Z99&""', value: "" },
      { kind: "formula", formula: "=1/0", value: { error: "#DIV/0!" } },
    ],
    [undefined, undefined, undefined, undefined, undefined, undefined, apportion],
  ]);
  attribution.widths = [30, 12];
  attribution.freezeRows = 3;
  const profile = sheetPlan("savings-profile", "Savings profile", [
    [
      {
        kind: "spill",
        formula: "=SHARED.PROFILE(Budget!C2:C4,{0.5,0.5})",
        values: [
          [d("1.5"), "two"],
          [true, { error: "#N/A" }],
        ],
      },
    ],
  ]);
  profile.charts = [
    { kind: "line", title: "Savings", categories: "A3:B3", series: [{ name: "Net", values: "A4:B4" }], at: "D3" },
  ];
  return plan([attribution, profile], ["Attribution"], ["Realisation"]);
}

function grid(grids: SheetGrid[], name: string): SheetGrid {
  const found = grids.filter((g) => g.name === name);
  expect(found).toHaveLength(1);
  return found[0];
}

async function sheetXml(file: Uint8Array, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(file);
  const part = (await worksheetParts(zip)).get(name);
  expect(part).toBeDefined();
  return zip.file(part!)!.async("string");
}

describe("writeXlsx", () => {
  let input: Buffer;
  let output: Uint8Array;
  beforeAll(async () => {
    input = await userWorkbook();
    output = await writeXlsx(input, attributionPlan());
  });

  it("stores SHARED.* as Excel saves a resolved custom function, and nothing in the typed form", async () => {
    const xml = await sheetXml(output, "Attribution");
    expect(xml).toContain("<f>_xldudf_SHARED_APPORTION(Budget!C6,Budget!C2:C4,2)</f>");
    expect(xml).toContain("_xldudf_SHARED_APPORTION(Budget!C6,Budget!C2:C4)</f>");
    // Text inside a string literal stays as typed.
    expect(xml).toContain("<f>IF(A1=&quot;SHARED.APPORTION(&quot;,1,0)</f>");
    expect(await sheetXml(output, "Savings profile")).toContain("_xldudf_SHARED_PROFILE(Budget!C2:C4,{0.5,0.5})");
    for (const [path, content] of await parts(output)) {
      if (!path.startsWith("xl/worksheets/")) continue;
      expect(content.replace(/&quot;SHARED\.APPORTION\(&quot;/g, "")).not.toMatch(/SHARED\.[A-Z]+\(/i);
      expect(content).not.toMatch(/<f[^>]*>=/); // no leading "="
    }
  });

  it("writes a spilling formula as a dynamic array anchored at its cell, with every result stored", async () => {
    const xml = await sheetXml(output, "Attribution");
    const anchor = cellXml(xml, "G7");
    expect(anchor).toMatch(/^<c r="G7"[^>]* cm="1"/);
    expect(anchor).toContain('<f t="array" ref="G7:G9">');
    expect(anchor).toContain("<v>447000</v>");
    expect(cellXml(xml, "G8")).toContain("<v>596000</v>");
    expect(cellXml(xml, "G8")).not.toContain("<f");
    expect(cellXml(xml, "G9")).toContain("<v>607000</v>");

    const profile = await sheetXml(output, "Savings profile");
    expect(cellXml(profile, "A3")).toMatch(/cm="1"/);
    expect(cellXml(profile, "A3")).toContain('<f t="array" ref="A3:B4">');
    // Only anchors carry the dynamic-array flag.
    expect(profile.match(/cm="1"/g)).toHaveLength(1);
    expect(xml.match(/cm="1"/g)).toHaveLength(1);
  });

  it("adds the dynamic-array metadata part, registered in the content types and the workbook's relationships", async () => {
    const files = await parts(output);
    const metadata = files.get("xl/metadata.xml");
    expect(metadata).toBeDefined();
    expect(metadata).toContain('<metadataType name="XLDAPR"');
    expect(metadata).toContain('<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/>');
    expect(metadata).toContain('<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata>');
    expect(files.get("[Content_Types].xml")).toContain(
      '<Override PartName="/xl/metadata.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/>',
    );
    const rels = files.get("xl/_rels/workbook.xml.rels")!;
    expect(rels).toMatch(
      /<Relationship Id="(rId\d+)" Type="http:\/\/schemas.openxmlformats.org\/officeDocument\/2006\/relationships\/sheetMetadata" Target="metadata.xml"\/>/,
    );
    const ids = [...rels.matchAll(/Id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("writes well-formed XML in every part it touched", async () => {
    const files = await parts(output);
    const touched = ["xl/metadata.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/workbook.xml"];
    const sheets = [...(await worksheetParts(await JSZip.loadAsync(output))).values()];
    for (const path of [...touched, ...sheets]) {
      const result = await validateXML({
        xml: { fileName: path.replace(/[^\w.]/g, "_"), contents: files.get(path)! },
        normalization: "format",
      });
      expect({ path, errors: result.errors.map((e) => e.message) }).toEqual({ path, errors: [] });
    }
  });

  it("stores each formula's calculated value, and text as text however it begins", async () => {
    const grids = await readXlsx(output);
    const values = grid(grids, "Attribution").values;
    expect(values[3]).toEqual(["=1+1", "+44 20 7641 6000", "@risk", "-5"]);
    expect(values[4]).toEqual([1234.5, 0.3333]);
    // ExcelJS reads back an empty text result as blank (the XML check below shows it is stored).
    expect(values[5]).toEqual([1650000, 0, false, null, { error: "#DIV/0!" }]);
    expect(values.slice(6, 9).map((row) => row[6])).toEqual([447000, 596000, 607000]);
    expect(grid(grids, "Savings profile").values.slice(2)).toEqual([
      [1.5, "two"],
      [true, { error: "#N/A" }],
    ]);

    const xml = await sheetXml(output, "Attribution");
    for (const address of ["A4", "B4", "C4", "D4"]) {
      // A shared string (ExcelJS's way) or an inline one (the parts writer's): text either way.
      expect(cellXml(xml, address)).toMatch(/ t="(s|inlineStr)"/);
      expect(cellXml(xml, address)).not.toContain("<f");
    }
    // Cached results that are falsy are still stored.
    expect(cellXml(xml, "B6")).toContain("<v>0</v>");
    expect(cellXml(xml, "C6")).toMatch(/t="b".*<v>0<\/v>/);
    expect(cellXml(xml, "D6")).toMatch(/t="str".*<v\/?>/);
    expect(cellXml(xml, "E6")).toMatch(/t="e".*<v>#DIV\/0!<\/v>/);
  });

  it("leaves the user's sheets as they were", async () => {
    const before = await readXlsx(input);
    const after = await readXlsx(output);
    for (const name of ["Budget", "Notes"]) expect(grid(after, name)).toEqual(grid(before, name));
    expect(grid(after, "Budget").values[5]).toEqual([null, null, 1650000, 0, false]);
    expect(cellXml(await sheetXml(output, "Budget"), "C6")).toContain("<f>SUM(C2:C4)</f>");
  });

  it("replaces the add-in's earlier sheet in its place, removes the one no longer made, and adds the new one last", async () => {
    const after = await readXlsx(output);
    expect(after.map((g) => g.name)).toEqual(["Budget", "Attribution", "Notes", "Savings profile"]);
    const attribution = grid(after, "Attribution");
    expect(attribution.values[0]).toEqual(["Attribution"]);
    expect(attribution.values.flat()).not.toContain(999); // nothing left of the old sheet
  });

  it("applies the plan's formats, widths and frozen headings, and writes a file ExcelJS can load again", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(output as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet("Attribution")!;
    expect(sheet.getCell("A1").font).toMatchObject({ bold: true, size: 14 });
    expect(sheet.getCell("A2").font).toMatchObject({ italic: true });
    expect(sheet.getCell("A3").border?.bottom?.style).toBe("thin");
    expect(sheet.getCell("A3").alignment?.wrapText).toBe(true);
    expect(sheet.getCell("A5").numFmt).toBe("#,##0.00");
    expect(sheet.getCell("B5").numFmt).toBe("0.0000%");
    expect(sheet.getCell("A6").font).toMatchObject({ bold: true });
    expect(sheet.getCell("A6").border?.top?.style).toBe("thin");
    expect(sheet.getCell("G9").numFmt).toBe("#,##0.00"); // a spilled cell takes the anchor's format
    expect(sheet.getColumn(1).width).toBe(30);
    expect(sheet.getColumn(2).width).toBe(12);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
  });

  it("does not make Excel recalculate everything on opening, so stored results show before the add-in loads", async () => {
    const workbook = (await parts(output)).get("xl/workbook.xml")!;
    expect(workbook).not.toMatch(/fullCalcOnLoad="1"/);
    expect(workbook).toMatch(/<calcPr calcId="191029"/);
  });

  it("leaves out the metadata part when nothing spills", async () => {
    const simple = plan([sheetPlan("audit", "Audit", [[text("Rule"), num(1)]])]);
    const files = await parts(await writeXlsx(input, simple));
    expect(files.has("xl/metadata.xml")).toBe(false);
    expect(files.get("[Content_Types].xml")).not.toContain("metadata.xml");
  });

  it("leaves exactly one set of output sheets when run again on its own output", async () => {
    const again = await writeXlsx(output, plan(attributionPlan().sheets, ["Attribution", "Savings profile"], []));
    const names = (await readXlsx(again)).map((g) => g.name);
    expect(names).toEqual(["Budget", "Attribution", "Notes", "Savings profile"]);
    const xml = await sheetXml(again, "Attribution");
    expect(xml.match(/cm="1"/g)).toHaveLength(1);
    expect((await parts(again)).get("[Content_Types].xml")!.match(/metadata\.xml/g)).toHaveLength(1);
  });
});

describe("writeXlsx never touches a user's sheet", () => {
  let input: Buffer;
  let original: Buffer;
  beforeAll(async () => {
    input = await userWorkbook();
    original = Buffer.from(input);
  });

  it.each([
    ["deleting", plan([], [], ["Budget"]), /"Budget".*not be deleted/],
    ["replacing", plan([sheetPlan("attribution", "Budget", [])], ["Budget"], []), /"Budget".*not be replaced/],
    ["overwriting by name", plan([sheetPlan("audit", "Notes", [])], [], []), /"Notes" is already in the workbook/],
    [
      "overwriting by name in other case",
      plan([sheetPlan("audit", "NOTES", [])], [], []),
      /"Notes" is already in the workbook/,
    ],
    [
      "overwriting an add-in sheet not marked for reuse",
      plan([sheetPlan("attribution", "Attribution", [])], [], []),
      /"Attribution" is already/,
    ],
    [
      "a sheet name Excel refuses",
      plan([sheetPlan("audit", "Audit: 2011/12", [])], [], []),
      /"Audit: 2011\/12" cannot be a sheet name in Excel: it has : in it/,
    ],
  ])("refuses %s and writes nothing", async (_what, badPlan, message) => {
    await expect(writeXlsx(input, badPlan)).rejects.toThrow(message);
    expect(input.equals(original)).toBe(true);
  });

  it("checks every sheet before changing any", async () => {
    // The add-in's own Realisation would be deletable, but Budget is not: nothing happens at all.
    await expect(writeXlsx(input, plan([], [], ["Realisation", "Budget"]))).rejects.toThrow(/"Budget"/);
  });

  it("deletes the add-in's own sheet when asked", async () => {
    const names = (await readXlsx(await writeXlsx(input, plan([], [], ["Realisation"])))).map((g) => g.name);
    expect(names).toEqual(["Budget", "Attribution", "Notes"]);
  });
});

/** A workbook as Excel saves it with a user's dynamic array (SORT spilling from B1) on sheet Lists. */
async function workbookWithUserDynamicArray(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const lists = workbook.addWorksheet("Lists");
  [3, 1, 2].forEach((value, i) => (lists.getCell(i + 1, 1).value = value));
  lists.getCell("B1").value = {
    formula: "_xlfn._xlws.SORT(A1:A3)",
    result: 1,
    shareType: "array",
    ref: "B1:B3",
  } as unknown as ExcelJS.CellFormulaValue;
  lists.getCell("B2").value = 2;
  lists.getCell("B3").value = 3;
  lists.getCell("C1").value = "picture";
  const zip = await JSZip.loadAsync(await bytesOf(workbook));
  const sheet = "xl/worksheets/sheet1.xml";
  const xml = (await zip.file(sheet)!.async("string"))
    .replace('<c r="B1"', '<c r="B1" cm="2"')
    .replace('<c r="C1"', '<c r="C1" cm="1"');
  zip.file(sheet, xml);
  // Excel numbers metadata types from 1; here a rich-value type comes first, so the dynamic array is cm="2".
  zip.file(
    "xl/metadata.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><metadataTypes count="2">' +
      '<metadataType name="XLRICHVALUE" minSupportedVersion="120000"/><metadataType name="XLDAPR" minSupportedVersion="120000"/>' +
      '</metadataTypes><cellMetadata count="2"><bk><rc t="1" v="0"/></bk><bk><rc t="2" v="0"/></bk></cellMetadata></metadata>',
  );
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  zip.file(
    "xl/_rels/workbook.xml.rels",
    rels.replace(
      "</Relationships>",
      '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata" Target="metadata.xml"/></Relationships>',
    ),
  );
  return zip.generateAsync({ type: "nodebuffer" });
}

describe("writeXlsx keeps a user's dynamic arrays spilling", () => {
  it("keeps the user's sheet and cell metadata as they are, so the formula still spills", async () => {
    const input = await workbookWithUserDynamicArray();
    const output = await writeXlsx(input, plan([sheetPlan("audit", "Audit", [[text("Rule")]])]));
    const [before, after] = [await parts(input), await parts(output)];
    expect(after.get("xl/worksheets/sheet1.xml")).toBe(before.get("xl/worksheets/sheet1.xml"));
    expect(after.get("xl/metadata.xml")).toBe(before.get("xl/metadata.xml"));
    expect(cellXml(after.get("xl/worksheets/sheet1.xml")!, "B1")).toMatch(/cm="2"/);
    expect((await readXlsx(output))[0].values).toEqual([
      [3, 1, "picture"],
      [1, 2],
      [2, 3],
    ]);
  });

  it("through ExcelJS: puts the dynamic-array flag back on the user's formula, and on nothing else", async () => {
    const input = await workbookWithUserDynamicArray();
    const output = await writeThroughExcelJs(input, plan([sheetPlan("audit", "Audit", [[text("Rule")]])]));
    const xml = await sheetXml(output, "Lists");
    expect(cellXml(xml, "B1")).toMatch(/cm="1"/);
    expect(cellXml(xml, "B1")).toContain('<f t="array" ref="B1:B3">_xlfn._xlws.SORT(A1:A3)</f>');
    expect(cellXml(xml, "C1")).not.toMatch(/cm=/);
    const files = await parts(output);
    expect(files.get("xl/metadata.xml")).toContain('name="XLDAPR"');
    expect((await readXlsx(output))[0].values).toEqual([
      [3, 1, "picture"],
      [1, 2],
      [2, 3],
    ]);
  });
});
