/**
 * The pane's values copy made from the workbook's own file (src/xlsx/values-copy.ts): on the
 * sample's live output, every =SHARED formula becomes the value saved beside it, so the copy reads
 * as the command line's --values copy does (the same value in every cell but the note) and holds
 * no _xldudf_; the user's sheets are kept byte for byte. A formula saved without a value is named,
 * and takes the value given for it; shared formulas follow their master; the calculation chain goes.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { planWithValues } from "../../src/workbook/plan";
import { cellKey, fileFormulaCallsAddin, fileWithValues } from "../../src/xlsx/values-copy";
import { readXlsx } from "../../src/xlsx/read";
import { writeXlsx } from "../../src/xlsx/write";
import { samplePlan } from "../libreoffice/sample";
import { parts } from "./build";

jest.setTimeout(120_000);

const sheetParts = (files: Map<string, string>): string[] =>
  [...files.keys()].filter((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p));

describe("the sample's live output", () => {
  let live: Uint8Array;
  let valuesByCli: Uint8Array;
  let copy: Awaited<ReturnType<typeof fileWithValues>>;
  let replacedByPlan: number;
  beforeAll(async () => {
    const { bytes, plan } = await samplePlan();
    live = await writeXlsx(bytes, plan);
    const values = planWithValues(plan);
    valuesByCli = await writeXlsx(bytes, values);
    replacedByPlan = Number(/Values only: ([\d,]+)/.exec(values.summary.join("\n"))![1].replace(/,/g, ""));
    copy = await fileWithValues(live);
  });

  it("holds no formula of the add-in's, and every cell reads as the command line's --values copy", async () => {
    if (!("bytes" in copy)) throw new Error(`missing values: ${JSON.stringify(copy.missing.slice(0, 3))}`);
    const files = await parts(copy.bytes);
    const xml = sheetParts(files).map((p) => files.get(p)!);
    expect(xml.join("\n")).not.toMatch(/_xldudf_|SHARED\./i);
    expect(xml.join("\n")).toMatch(/<f>SUM\(/); // plain formulas stay
    expect(copy.replaced).toBe(replacedByPlan);
    expect(copy.sheets).toEqual(expect.arrayContaining(["Attribution", "Savings profile"]));

    const [a, b] = [await readXlsx(valuesByCli), await readXlsx(copy.bytes)];
    expect(b.map((s) => s.name)).toEqual(a.map((s) => s.name));
    for (const [i, sheet] of a.entries()) {
      const mine = b[i].values.map((row) => [...row]);
      const theirs = sheet.values.map((row) => [...row]);
      // The command line's copy adds a sentence to each output sheet's note; the pane's keeps the note.
      if (mine[2]?.[0] !== theirs[2]?.[0]) mine[2][0] = theirs[2][0] = null;
      expect({ sheet: sheet.name, values: mine }).toEqual({ sheet: sheet.name, values: theirs });
    }
  });

  it("keeps every other part of the file as it was, and the input unchanged", async () => {
    if (!("bytes" in copy)) throw new Error("missing values");
    const before = await parts(live);
    const after = await parts(copy.bytes);
    const changed = [...before.keys()].filter((p) => after.get(p) !== before.get(p));
    // Only the sheets with a replaced formula changed (and a calculation chain, had there been one).
    const sheetsChanged = changed.filter((p) => p.startsWith("xl/worksheets/"));
    expect(sheetsChanged.length).toBe(copy.sheets.length);
    expect(changed.filter((p) => !p.startsWith("xl/worksheets/"))).toEqual([]);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect(await parts(live)).toEqual(before);
  });
});

/** A small workbook saved as Excel saves one: a shared formula of the add-in's, a chain, a value missing. */
async function smallFile(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Shares");
  sheet.getCell("A1").value = 100;
  sheet.getCell("B1").value = { formula: "_xldudf_SHARED_EQUAL(A1,2)", result: 50 } as ExcelJS.CellFormulaValue;
  sheet.getCell("B2").value = { sharedFormula: "B1", result: 50 } as ExcelJS.CellSharedFormulaValue;
  sheet.getCell("C1").value = { formula: "SUM(A1:B1)", result: 150 } as ExcelJS.CellFormulaValue;
  sheet.getCell("C2").value = { formula: '"SHARED.EQUAL("&A1', result: "SHARED.EQUAL(100" } as ExcelJS.CellFormulaValue;
  sheet.getCell("D1").value = {
    formula: "_xldudf_SHARED_TRANSITION(A1)",
    result: "shared",
  } as ExcelJS.CellFormulaValue;
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  // As Excel saves it: a calculation chain, and D2 a formula whose value was not calculated yet.
  zip.file(
    "xl/calcChain.xml",
    '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B1" i="1"/></calcChain>',
  );
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  zip.file(
    "xl/_rels/workbook.xml.rels",
    rels.replace(
      "</Relationships>",
      '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
    ),
  );
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file(
    "[Content_Types].xml",
    types.replace(
      "</Types>",
      '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
    ),
  );
  const part = "xl/worksheets/sheet1.xml";
  const xml = await zip.file(part)!.async("string");
  zip.file(
    part,
    xml.replace(/<c r="D2"[^>]*\/>|(<\/row>)(?![\s\S]*<\/row>)/, (m, end) =>
      end ? `<c r="D2"><f>_xldudf_SHARED_EQUAL(A1,4)</f></c>${end}` : m,
    ),
  );
  return zip.generateAsync({ type: "uint8array" });
}

describe("a file as Excel saves it", () => {
  it("names a formula of the add-in's saved without a value, and writes nothing", async () => {
    const file = await smallFile();
    expect(await fileWithValues(file)).toEqual({ missing: [{ sheet: "Shares", address: "D2" }] });
  });

  it("takes the value given for it, follows a shared formula's master, keeps plain formulas and drops the chain", async () => {
    const file = await smallFile();
    const copy = await fileWithValues(file, new Map([[cellKey({ sheet: "Shares", address: "D2" }), 25]]));
    if (!("bytes" in copy)) throw new Error("missing values");
    expect(copy).toMatchObject({ replaced: 4, sheets: ["Shares"] });
    const files = await parts(copy.bytes);
    expect(files.has("xl/calcChain.xml")).toBe(false);
    expect(files.get("xl/_rels/workbook.xml.rels")).not.toMatch(/calcChain/);
    expect(files.get("[Content_Types].xml")).not.toMatch(/calcChain/);
    expect(files.get("xl/worksheets/sheet1.xml")).not.toMatch(/_xldudf_|t="shared"/);

    const back = new ExcelJS.Workbook();
    await back.xlsx.load(copy.bytes as unknown as ExcelJS.Buffer);
    const sheet = back.getWorksheet("Shares")!;
    expect(["B1", "B2", "D1", "D2"].map((a) => sheet.getCell(a).value)).toEqual([50, 50, "shared", 25]);
    expect(sheet.getCell("C1").value).toEqual({ formula: "SUM(A1:B1)", result: 150 });
    expect(sheet.getCell("C2").value).toMatchObject({ formula: '"SHARED.EQUAL("&A1' });
  });

  it("tells a formula of the add-in's from text that only looks like one", () => {
    expect(fileFormulaCallsAddin("_xldudf_SHARED_APPORTION(I9,E6:E8)")).toBe(true);
    expect(fileFormulaCallsAddin("SUM(_xludf.SHARED.SHARES(B2:D2))")).toBe(true);
    expect(fileFormulaCallsAddin("SHARED.EQUAL(A1,2)")).toBe(true);
    expect(fileFormulaCallsAddin('"SHARED.EQUAL("&A1')).toBe(false);
    expect(fileFormulaCallsAddin("MYSHARED.EQUAL(A1)")).toBe(false);
    expect(fileFormulaCallsAddin("SUM(A1:B1)")).toBe(false);
  });
});
