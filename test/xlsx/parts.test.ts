/**
 * The copy written by keeping the input's parts (src/xlsx/parts.ts) against the copy ExcelJS
 * writes (today's way, writeThroughExcelJs), on the sample, on a workbook of the user's with
 * formats, merged cells, defined names and a chart, and on the benchmark's workbook: the add-in's
 * sheets cell for cell the same (values, formulas, stored results, styles, widths, frozen rows),
 * and every part of the user's byte for byte the input's.
 */
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { inputWorkbook } from "../../bench/workbook";
import { prepareRun } from "../../src/workbook/prepare";
import type { Plan } from "../../src/workbook/plan/types";
import { DYNAMIC_ARRAY_METADATA } from "../../src/xlsx/package";
import { existingSheets, readXlsx } from "../../src/xlsx/read";
import { writeThroughExcelJs, writeWorkbookCopy } from "../../src/xlsx/write";
import { addOwnedSheet, bytesOf, parts, plan, sheetPlan, text } from "./build";

// Each test reads and writes whole workbooks twice (both ways): minutes on a loaded machine, not a timing.
jest.setTimeout(300_000);

async function planFor(input: Buffer): Promise<Plan> {
  const grids = await readXlsx(input);
  const prepared = prepareRun(grids, existingSheets(grids), {
    sheets: {},
    when: new Date(Date.UTC(2026, 0, 5, 9)),
    source: "input.xlsx",
  });
  if (!prepared.plan) throw new Error(`no plan: ${JSON.stringify(prepared.problems.slice(0, 3))}`);
  return prepared.plan;
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

/** Everything a cell holds as ExcelJS reads it back: value (formula and result), type and style. */
const cellOf = (c: ExcelJS.Cell, blank = false) =>
  JSON.stringify({
    value: blank ? null : c.value,
    type: blank ? ExcelJS.ValueType.Null : c.type,
    numFmt: c.numFmt,
    font: c.font,
    fill: c.fill,
    border: c.border,
    alignment: c.alignment,
  });

/**
 * The differences between two copies, sheet by sheet, as ExcelJS reads them. An empty text cell is
 * written inline by the parts writer, which ExcelJS reads back as blank (Excel keeps it as empty
 * text); such cells count as the same when their styles are.
 */
async function differences(a: Uint8Array, b: Uint8Array, sheets?: readonly string[]): Promise<string[]> {
  const [x, y] = [await load(a), await load(b)];
  const found: string[] = [];
  const names = (w: ExcelJS.Workbook) => w.worksheets.map((s) => s.name);
  if (names(x).join("|") !== names(y).join("|")) found.push(`sheets ${names(x).join("|")} / ${names(y).join("|")}`);
  for (const sheet of x.worksheets) {
    if (sheets && !sheets.includes(sheet.name)) continue;
    const other = y.getWorksheet(sheet.name);
    if (!other) continue;
    const seen = new Set<string>();
    const compare = (c: ExcelJS.Cell, d: ExcelJS.Cell) => {
      seen.add(c.address);
      const same = cellOf(c) === cellOf(d) || (c.value === "" && d.value === null && cellOf(c, true) === cellOf(d));
      if (!same) found.push(`${sheet.name}!${c.address}: ${cellOf(c)} / ${cellOf(d)}`);
    };
    sheet.eachRow((row) => row.eachCell((c) => compare(c, other.getCell(c.address))));
    other.eachRow((row) =>
      row.eachCell((d) => {
        if (!seen.has(d.address)) found.push(`${sheet.name}!${d.address}: only in the second: ${cellOf(d)}`);
      }),
    );
    for (let column = 1; column <= Math.max(sheet.columnCount, other.columnCount); column++)
      if (sheet.getColumn(column).width !== other.getColumn(column).width)
        found.push(
          `${sheet.name} column ${column} width ${sheet.getColumn(column).width} / ${other.getColumn(column).width}`,
        );
    const frozen = (s: ExcelJS.Worksheet) => JSON.stringify((s.views ?? []).filter((v) => v.state === "frozen"));
    if (frozen(sheet) !== frozen(other)) found.push(`${sheet.name} views ${frozen(sheet)} / ${frozen(other)}`);
    if (JSON.stringify(sheet.model.merges) !== JSON.stringify(other.model.merges))
      found.push(`${sheet.name} merges ${JSON.stringify(sheet.model.merges)} / ${JSON.stringify(other.model.merges)}`);
  }
  return found;
}

/** Parts the copy changes by adding to them; every other part of the input must come back unchanged. */
const EXTENDED = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"];

async function expectUserPartsKept(input: Buffer, output: Uint8Array): Promise<void> {
  const [before, after] = [await parts(input), await parts(output)];
  for (const [path, xml] of before) {
    if (EXTENDED.includes(path)) continue;
    expect({ path, same: after.get(path) === xml }).toEqual({ path, same: true });
  }
  // The extended parts keep everything they had: each sheet entry, the names, every style.
  const workbook = after.get("xl/workbook.xml")!;
  for (const [tag] of before
    .get("xl/workbook.xml")!
    .matchAll(/<sheet\b[^>]*\/>|<definedNames>[\s\S]*?<\/definedNames>/g))
    expect(workbook).toContain(tag);
  const styles = after.get("xl/styles.xml")!;
  for (const [body] of before
    .get("xl/styles.xml")!
    .matchAll(/<(?:font|fill|border|xf|numFmt)\b[\s\S]*?(?:\/>|<\/(?:font|fill|border|xf)>)/g))
    expect(styles).toContain(body);
}

describe("the copy with the input's own parts kept", () => {
  test("on the sample: the add-in's sheets equal ExcelJS's cell for cell, the user's parts are the input's", async () => {
    const input = readFileSync("assets/sample.xlsx");
    const planned = await planFor(input);
    const copy = await writeWorkbookCopy(input, planned);
    expect(copy.way).toBe("parts");
    const today = await writeThroughExcelJs(input, planned);
    expect(await differences(today, copy.bytes)).toEqual([]);
    await expectUserPartsKept(input, copy.bytes);
    // The dynamic arrays: _xldudf_ formulas flagged cm="1", with the metadata that says 1 is a dynamic array.
    const files = await parts(copy.bytes);
    expect(files.get("xl/metadata.xml")).toBe(DYNAMIC_ARRAY_METADATA);
    expect(files.get("[Content_Types].xml")).toContain('PartName="/xl/metadata.xml"');
    const attribution = [...files.entries()].find(
      ([path, xml]) => path.startsWith("xl/worksheets/") && xml.includes("_xldudf_SHARED_APPORTION"),
    )![1];
    expect(attribution).toMatch(/<c r="[A-Z]+\d+" cm="1"[^>]*><f t="array" ref="[A-Z0-9:]+">_xldudf_SHARED_/);
    expect(attribution).not.toContain("SHARED.");
    // Read again by the add-in's own reader: the same values as today's copy (empty text is blank either way).
    const blankEmpty = (grids: Awaited<ReturnType<typeof readXlsx>>) =>
      grids.map((g) => ({ ...g, values: g.values.map((row) => row.map((v) => (v === "" ? null : v))) }));
    expect(blankEmpty(await readXlsx(copy.bytes))).toEqual(blankEmpty(await readXlsx(today)));
  });

  test("on the benchmark's workbook (2,000 lines): the same cell for cell, the user's parts kept", async () => {
    const dir = mkdtempSync(join(tmpdir(), "parts-bench-"));
    try {
      const file = join(dir, "input.xlsx");
      await inputWorkbook(2000, file);
      const input = readFileSync(file);
      const planned = await planFor(input);
      const copy = await writeWorkbookCopy(input, planned);
      expect(copy.way).toBe("parts");
      expect(await differences(await writeThroughExcelJs(input, planned), copy.bytes)).toEqual([]);
      await expectUserPartsKept(input, copy.bytes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** A workbook of the user's with number formats, fonts, fills, merged cells, defined names and a chart. */
  async function userWorkbook(): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Forecast");
    sheet.getCell("A1").value = "Forecast 2025/26";
    sheet.mergeCells("A1:D1");
    sheet.getCell("A1").font = { bold: true, size: 16, color: { argb: "FF1F4E79" } };
    sheet.addRow(["Quarter", "Spend", "Budget", "Variance"]);
    for (let q = 1; q <= 4; q++) sheet.addRow([`Q${q}`, 1000 * q + 0.5, 1200 * q, { formula: `C${q + 2}-B${q + 2}` }]);
    sheet.getColumn(2).numFmt = "£#,##0.00;[Red]-£#,##0.00";
    sheet.getCell("D3").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } };
    workbook.definedNames.add("Forecast!$B$3:$B$6", "Spend");
    workbook.definedNames.add("Forecast!$C$3:$C$6", "Budget");
    const zip = await JSZip.loadAsync(await bytesOf(workbook));
    // A column chart of the spend, as Excel saves one: a drawing on the sheet holding the chart.
    const sheetPart = "xl/worksheets/sheet1.xml";
    const xml = await zip.file(sheetPart)!.async("string");
    zip.file(sheetPart, xml.replace("</worksheet>", '<drawing r:id="rIdChart1"/></worksheet>'));
    zip.file(
      "xl/worksheets/_rels/sheet1.xml.rels",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rIdChart1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/></Relationships>',
    );
    zip.file(
      "xl/drawings/drawing1.xml",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
        "<xdr:twoCellAnchor><xdr:from><xdr:col>5</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>" +
        "<xdr:to><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>16</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>" +
        '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Spend chart"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>' +
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
        '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/>' +
        "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>",
    );
    zip.file(
      "xl/drawings/_rels/drawing1.xml.rels",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"/></Relationships>',
    );
    zip.file(
      "xl/charts/chart1.xml",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
        '<c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>' +
        '<c:ser><c:idx val="0"/><c:order val="0"/><c:cat><c:strRef><c:f>Forecast!$A$3:$A$6</c:f></c:strRef></c:cat>' +
        '<c:val><c:numRef><c:f>Forecast!$B$3:$B$6</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart>' +
        '<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="b"/><c:crossAx val="2"/></c:catAx>' +
        '<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="l"/><c:crossAx val="1"/></c:valAx>' +
        "</c:plotArea></c:chart></c:chartSpace>",
    );
    const types = await zip.file("[Content_Types].xml")!.async("string");
    zip.file(
      "[Content_Types].xml",
      types.replace(
        "</Types>",
        '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>' +
          '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>',
      ),
    );
    return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  }

  test("on a workbook with formats, merged cells, defined names and a chart: all of it kept, the chart too", async () => {
    const input = await userWorkbook();
    const planned = plan([sheetPlan("audit", "Audit", [[text("Rule"), text("=not a formula")]])]);
    const copy = await writeWorkbookCopy(input, planned);
    expect(copy.way).toBe("parts");
    await expectUserPartsKept(input, copy.bytes);
    const files = await parts(copy.bytes);
    for (const part of ["xl/charts/chart1.xml", "xl/drawings/drawing1.xml", "xl/worksheets/_rels/sheet1.xml.rels"])
      expect(files.has(part)).toBe(true);
    expect(files.get("[Content_Types].xml")).toContain('PartName="/xl/charts/chart1.xml"');
    // The user's sheet reads as ExcelJS's own copy of it (formats, merges, formulas), and the names are there.
    const today = await writeThroughExcelJs(input, planned);
    expect(await differences(today, copy.bytes)).toEqual([]);
    const names = (await load(copy.bytes)).definedNames.model;
    expect(names).toEqual((await load(input)).definedNames.model);
    expect(names.map((n) => n.name).sort()).toEqual(["Budget", "Spend"]);
    // ExcelJS's own copy has lost the chart: the reason the parts are kept.
    expect((await parts(today)).has("xl/charts/chart1.xml")).toBe(false);
  });

  test("an old output sheet is replaced in its place and a stale calculation chain dropped", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Budget").getCell("A1").value = "Budget";
    addOwnedSheet(workbook, "Audit", "audit");
    workbook.addWorksheet("Notes").getCell("A1").value = "mine";
    const zip = await JSZip.loadAsync(await bytesOf(workbook));
    zip.file(
      "xl/calcChain.xml",
      '<?xml version="1.0"?><calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B5" i="2"/></calcChain>',
    );
    const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
    zip.file(
      "xl/_rels/workbook.xml.rels",
      rels.replace(
        "</Relationships>",
        '<Relationship Id="rId77" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
      ),
    );
    const input = await zip.generateAsync({ type: "nodebuffer" });
    const copy = await writeWorkbookCopy(input, plan([sheetPlan("audit", "Audit", [[text("Rule")]])], ["Audit"]));
    expect(copy.way).toBe("parts");
    const files = await parts(copy.bytes);
    expect(files.has("xl/calcChain.xml")).toBe(false);
    expect(files.get("xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
    const grids = await readXlsx(copy.bytes);
    expect(grids.map((g) => g.name)).toEqual(["Budget", "Audit", "Notes"]);
    expect(grids[1].values[2]).toEqual(["Rule"]);
  });

  test("a plan with something this writer does not write goes through ExcelJS, which writes it", async () => {
    const input = readFileSync("assets/sample.xlsx");
    const planned = await planFor(input);
    const extended = { ...planned, sheets: planned.sheets.map((s) => ({ ...s, somethingNew: true })) };
    const copy = await writeWorkbookCopy(input, extended as Plan);
    expect(copy).toMatchObject({ way: "exceljs", why: expect.stringContaining("somethingNew") });
    expect(await differences(await writeThroughExcelJs(input, planned), copy.bytes)).toEqual([]);
  });
});
