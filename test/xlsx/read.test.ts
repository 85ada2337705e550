import ExcelJS from "exceljs";
import JSZip from "jszip";
import { existingSheets, readXlsx } from "../../src/xlsx/read";
import { addOwnedSheet, bytesOf } from "./build";

/** 1 April 2024 as Excel numbers it in each date system. */
const APRIL_2024_1900 = 45383;
const APRIL_2024_1904 = APRIL_2024_1900 - 1462;

describe("readXlsx", () => {
  it("reads each kind of value as Excel shows it", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Values");
    sheet.getCell("A1").value = 1234.56;
    sheet.getCell("B1").value = "  padded text  ";
    sheet.getCell("C1").value = { richText: [{ text: "Rich " }, { text: "text", font: { bold: true } }] };
    sheet.getCell("D1").value = { text: "Council site", hyperlink: "https://example.org" };
    sheet.getCell("E1").value = true;
    sheet.getCell("F1").value = false;
    sheet.getCell("G1").value = { error: "#DIV/0!" };
    sheet.getCell("A3").value = { formula: "A1*2", result: 2469.12 };
    sheet.getCell("B3").value = { formula: "A1-A1", result: 0 };
    sheet.getCell("C3").value = { formula: '"x"&"y"', result: "xy" };
    sheet.getCell("D3").value = { formula: "1>2", result: false };
    sheet.getCell("E3").value = { formula: "1/0", result: { error: "#DIV/0!" } };
    sheet.getCell("F3").value = { formula: "NOW()" } as ExcelJS.CellFormulaValue; // never calculated
    sheet.getCell("C5").value = -7;

    const [grid] = await readXlsx(await bytesOf(workbook));

    expect(grid.name).toBe("Values");
    expect(grid.values[0]).toEqual([
      1234.56,
      "  padded text  ",
      "Rich text",
      "Council site",
      true,
      false,
      { error: "#DIV/0!" },
    ]);
    expect(grid.values[1]).toEqual([]); // a blank row
    // F3 has no saved result: it is not blank, it is a formula with nothing to read (issue 15, case 5;
    // it was read as blank).
    expect(grid.values[2]).toEqual([2469.12, 0, "xy", false, { error: "#DIV/0!" }, { formula: "=NOW()" }]);
    expect(grid.values[4]).toEqual([null, null, -7]); // padded so values[r][c] is the cell
    expect(grid.values).toHaveLength(5);
  });

  it("tells a formula whose saved result is empty text (blank) from one never calculated, which ExcelJS gives alike", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Formulas");
    sheet.getCell("A1").value = { formula: 'IF(TRUE,"",1)', result: "" }; // saved as <v></v>, as Excel does
    sheet.getCell("B1").value = { formula: "A9*2" } as ExcelJS.CellFormulaValue; // no <v>: never calculated
    const [grid] = await readXlsx(await bytesOf(workbook));
    expect(grid.values).toEqual([[null, { formula: "=A9*2" }]]);
  });

  it("gives a shared formula's saved result in every cell that shares it", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Shared");
    sheet.getCell("A1").value = 1;
    sheet.getCell("A2").value = 2;
    sheet.getCell("B1").value = { formula: "A1*10", result: 10 };
    sheet.getCell("B2").value = { sharedFormula: "B1", result: 20 };
    const [grid] = await readXlsx(await bytesOf(workbook));
    expect(grid.values).toEqual([
      [1, 10],
      [2, 20],
    ]);
  });

  it.each([
    ["1900", false, APRIL_2024_1900],
    ["1904", true, APRIL_2024_1904],
  ])(
    "reads a date in the %s date system as its serial number in the 1900 system, with its format",
    async (_system, date1904, serial) => {
      const workbook = new ExcelJS.Workbook();
      workbook.properties.date1904 = date1904;
      const sheet = workbook.addWorksheet("Dates");
      sheet.getCell("A1").value = serial;
      sheet.getCell("A1").numFmt = "dd/mm/yyyy";
      sheet.getCell("B1").value = serial + 0.5; // midday
      sheet.getCell("B1").numFmt = "dd/mm/yyyy hh:mm";
      sheet.getCell("C1").value = { formula: "A1+1", result: serial + 1 };
      sheet.getCell("C1").numFmt = "dd/mm/yyyy";
      const file = await bytesOf(workbook);

      // The file holds the serial and the date system as written (so the test reads what Excel would).
      const xml = await (await JSZip.loadAsync(file)).file("xl/workbook.xml")!.async("string");
      expect(xml.includes('date1904="1"')).toBe(date1904);

      // Read in the 1900 system whichever the file uses, so a First year date means the same year in
      // both (it was the 1904 serial, four years out for the readers' 1900-system dates).
      const [grid] = await readXlsx(file);
      expect(grid.values[0]).toEqual([APRIL_2024_1900, APRIL_2024_1900 + 0.5, APRIL_2024_1900 + 1]);
      expect(grid.formats?.[0]).toEqual(["dd/mm/yyyy", "dd/mm/yyyy hh:mm", "dd/mm/yyyy"]);
    },
  );

  it("reads a number in a date-formatted cell at 15 significant digits, not as ExcelJS's rounded Date (was 15.2999999999993)", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Dates");
    // ExcelJS keeps a date-formatted number only to the millisecond (1/86,400,000 of a day), so any
    // number of up to 7 decimal places comes back exactly; more is beyond what the file gives us.
    const numbers = [15.3, 17.8, 0.1, 40634.1234567, 1e-7, 2958465.99999, 123456.75];
    numbers.forEach((n, i) => {
      sheet.getCell(1, i + 1).value = n;
      sheet.getCell(1, i + 1).numFmt = "d-mmm-yy";
    });
    const [grid] = await readXlsx(await bytesOf(workbook));
    expect(grid.values[0]).toEqual(numbers);
  });

  it("gives a merged area's value only in its top-left cell", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Merged");
    sheet.getCell("B2").value = "Heading";
    sheet.mergeCells("B2:D3");
    sheet.getCell("E2").value = 5;
    const [grid] = await readXlsx(await bytesOf(workbook));
    expect(grid.values).toEqual([[], [null, "Heading", null, null, 5]]);
    // The merge itself is kept, so the reader can say a heading or value is merged (issue 15, case 4).
    expect(grid.merges).toEqual([{ top: 2, left: 2, bottom: 3, right: 4 }]);
  });

  it("reads every sheet in workbook order, blank sheets included", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Budget").getCell("A1").value = "Partner";
    workbook.addWorksheet("Empty");
    addOwnedSheet(workbook, "Attribution", "attribution");
    const grids = await readXlsx(await bytesOf(workbook));
    expect(grids.map((grid) => grid.name)).toEqual(["Budget", "Empty", "Attribution"]);
    expect(grids[1].values).toEqual([]);

    const existing = existingSheets(grids);
    expect(existing.map((sheet) => sheet.name)).toEqual(["Budget", "Empty", "Attribution"]);
    expect(existing[0].a2).toBeNull();
    expect(existing[2].a2).toMatch(/^Made by the Shared Services add-in \(attribution\)/);
  });

  it("accepts a Uint8Array as well as a Buffer", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("S").getCell("A1").value = 3;
    const file = await bytesOf(workbook);
    const copy = new Uint8Array(file.length + 8).subarray(4, 4 + file.length);
    copy.set(file);
    expect((await readXlsx(copy))[0].values).toEqual([[3]]);
  });

  it("reads cells as other programs save them: inline strings, text results, styled blanks", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Raw").getCell("A1").value = "placeholder";
    const zip = await JSZip.loadAsync(await bytesOf(workbook));
    const path = "xl/worksheets/sheet1.xml";
    const xml = (await zip.file(path)!.async("string")).replace(
      /<sheetData>.*<\/sheetData>/,
      "<sheetData>" +
        '<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve"> Inline &amp; kept </t></is></c>' +
        '<c r="B1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="C1" s="0"/><c r="D1"><v>1.5E-3</v></c></row>' +
        '<row r="3"><c r="B3" t="e"><v>#N/A</v></c><c r="C3" t="b"><v>1</v></c></row>' +
        "</sheetData>",
    );
    zip.file(path, xml);
    const [grid] = await readXlsx(await zip.generateAsync({ type: "nodebuffer" }));
    expect(grid.values).toEqual([[" Inline & kept ", "ab", null, 0.0015], [], [null, { error: "#N/A" }, true]]);
  });
});
