/**
 * Print set-up (issue 18): every output sheet and every statement prints on A4, one page wide and
 * as many down as it takes, landscape where its columns are wider than a portrait page, its
 * headings repeated on each page and a footer of the sheet's name and page number; the plan says
 * so and both writers honour it: in the .xlsx file (pageSetup, fitToPage, Print_Titles, oddFooter)
 * and through Office.js (worksheet.pageLayout, ExcelApi 1.9, over the in-memory Excel).
 */
import JSZip from "jszip";
import { readFileSync } from "fs";
import { writePlan } from "../../src/office/write";
import { outcomeOf } from "../../src/workbook/outcome";
import { PRINT_FOOTER } from "../../src/workbook/plan";
import { printSetup } from "../../src/workbook/plan/sheet";
import { readInputs } from "../../src/workbook/read";
import { statementSheet } from "../../src/workbook/statement";
import { writeNewXlsx } from "../../src/xlsx/new";
import { readXlsx } from "../../src/xlsx/read";
import { writeXlsx } from "../../src/xlsx/write";
import { samplePlan } from "../libreoffice/sample";
import { FakeWorkbook } from "../office/fake-excel";

async function partsOf(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files))
    if (!zip.files[name].dir) out[name] = await zip.file(name)!.async("string");
  return out;
}

/** Each sheet's XML by its name, from workbook.xml and its relationships. */
function sheetXml(parts: Record<string, string>): Map<string, string> {
  const rels = new Map(
    [...parts["xl/_rels/workbook.xml.rels"].matchAll(/Id="(rId\d+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1], m[2]]),
  );
  const relsReversed = new Map(
    [...parts["xl/_rels/workbook.xml.rels"].matchAll(/Target="([^"]+)"[^>]*Id="(rId\d+)"/g)].map((m) => [m[2], m[1]]),
  );
  const out = new Map<string, string>();
  for (const m of parts["xl/workbook.xml"].matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="(rId\d+)"/g)) {
    const target = (rels.get(m[2]) ?? relsReversed.get(m[2]))!.replace(/^\/?xl\//, "");
    out.set(m[1].replace(/&amp;/g, "&"), parts[`xl/${target}`]);
  }
  return out;
}

describe("the plan's print set-up", () => {
  it("is landscape where the columns are wider than a portrait A4 page, and repeats the rows kept in view", () => {
    expect(printSetup([20, 20, 20], 5)).toEqual({ orientation: "portrait", repeatRows: { first: 1, last: 5 } });
    expect(printSetup([40, 40, 40])).toEqual({ orientation: "landscape" });
  });

  it("is on every output sheet of the sample and on every statement", async () => {
    const { plan } = await samplePlan();
    expect(plan.sheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(["Attribution", "Savings profile", "Realisation", "Audit"]),
    );
    for (const s of plan.sheets)
      expect([s.name, s.print]).toEqual([
        s.name,
        {
          orientation: "landscape",
          ...(s.freezeRows ? { repeatRows: { first: 1, last: s.freezeRows } } : {}),
        },
      ]);
    const o = outcomeOf(readInputs(await readXlsx(readFileSync("assets/sample.xlsx"))).inputs!).outcome!;
    for (const p of o.partners)
      expect(statementSheet(o, p, { when: "x", source: "y" }).sheet.print).toEqual({
        orientation: "landscape",
        repeatRows: { first: 1, last: 1 },
      });
  });
});

describe("in the .xlsx file", () => {
  it("writes A4, fit to one page wide, the orientation, the repeated headings and the footer for each output sheet", async () => {
    const { bytes, plan } = await samplePlan();
    const parts = await partsOf(await writeXlsx(bytes, plan));
    const sheets = sheetXml(parts);
    for (const s of plan.sheets) {
      const xml = sheets.get(s.name)!;
      expect({ sheet: s.name, fit: /<pageSetUpPr[^>]*fitToPage="1"/.test(xml) }).toEqual({ sheet: s.name, fit: true });
      const setup = /<pageSetup [^>]*>/.exec(xml)![0];
      expect(setup).toMatch(/paperSize="9"/);
      expect(setup).toMatch(new RegExp(`orientation="${s.print!.orientation}"`));
      expect(setup).toMatch(/fitToWidth="1"/);
      expect(setup).toMatch(/fitToHeight="0"/);
      expect(xml).toContain("<oddFooter>&amp;L&amp;A&amp;RPage &amp;P of &amp;N</oddFooter>");
    }
    // Each sheet's repeated rows, as a name local to that sheet (its index among the tabs).
    const names = [...parts["xl/workbook.xml"].matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
    const titles = [
      ...parts["xl/workbook.xml"].matchAll(/<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)">([^<]+)</g),
    ].map((m) => `${names[Number(m[1])]}: ${m[2].replace(/&apos;/g, "'")}`);
    expect(titles).toEqual([
      "Attribution: 'Attribution'!$1:$5",
      "Savings profile: 'Savings profile'!$1:$5",
      "Realisation: 'Realisation'!$1:$5",
      "Variance shares: 'Variance shares'!$1:$5",
      "Assessment: 'Assessment'!$1:$5",
    ]);
    // The user's sheets are not given any.
    expect(sheets.get("Budget")).not.toMatch(/<oddFooter>/);
  });

  it("writes a statement's own workbook the same way", async () => {
    const o = outcomeOf(readInputs(await readXlsx(readFileSync("assets/sample.xlsx"))).inputs!).outcome!;
    const { sheet } = statementSheet(o, "Westminster", { when: "x", source: "y" });
    const parts = await partsOf(await writeNewXlsx({ sheets: [sheet], reuse: [], remove: [], summary: [] }));
    const xml = sheetXml(parts).get("Statement")!;
    expect(/<pageSetup [^>]*>/.exec(xml)![0]).toMatch(/paperSize="9".*orientation="landscape"/);
    expect(parts["xl/workbook.xml"]).toContain("&apos;Statement&apos;!$1:$1");
  });
});

describe("through Office.js", () => {
  it("sets each output sheet's pageLayout: A4, the orientation, one page wide, the title rows and the footer", async () => {
    const { plan } = await samplePlan();
    const workbook = FakeWorkbook.fromGrids([{ name: "Sheet1", values: [["x"]] } as never]);
    await writePlan(workbook.context, plan);
    for (const s of plan.sheets)
      expect({ sheet: s.name, layout: workbook.sheet(s.name)!.pageLayout }).toEqual({
        sheet: s.name,
        layout: {
          paperSize: "A4",
          orientation: s.print!.orientation === "landscape" ? "Landscape" : "Portrait",
          zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
          ...(s.print!.repeatRows ? { printTitleRows: `$1:$${s.print!.repeatRows.last}` } : {}),
          leftFooter: PRINT_FOOTER.left,
          rightFooter: PRINT_FOOTER.right,
        },
      });
    expect(workbook.sheet("Sheet1")!.pageLayout).toEqual({});
  });
});
