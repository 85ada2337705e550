/**
 * The .xlsx code the task pane may load runs where Node's Buffer does not exist (a browser): the
 * parts writer (parts.ts, package.ts) and the file checks (unreadable.ts, read.ts's sheetParts)
 * are loaded and run here with Buffer removed from the global scope, JSZip included (it decides at
 * load whether Buffer exists). A `Buffer.` left in any of them, or a JSZip "nodebuffer" output
 * (which throws without Buffer), fails this test. ExcelJS (reading the sheets) is not among them
 * (a stand-in replaces it here): it needs Node's Buffer, and its browser build brings its own.
 */
import ExcelJS from "exceljs";
import { markerText } from "../../src/workbook/owned";
import { plan, sheetPlan, text, num } from "./build";

type Modules = {
  parts: typeof import("../../src/xlsx/parts");
  unreadable: typeof import("../../src/xlsx/unreadable");
  JSZip: typeof import("jszip");
};

/** Runs `body` with the modules loaded afresh and Buffer gone; puts Buffer back after. */
async function withoutBuffer<T>(body: (m: Modules) => Promise<T>): Promise<T> {
  const saved = globalThis.Buffer;
  let modules: Modules | undefined;
  // @ts-expect-error -- removing Node's Buffer on purpose, as in a browser
  delete globalThis.Buffer;
  try {
    jest.isolateModules(() => {
      // read.ts loads ExcelJS for readXlsx, which none of this calls: a stand-in keeps it out.
      jest.doMock("exceljs", () => ({ __esModule: true, default: {} }));
      /* eslint-disable @typescript-eslint/no-require-imports -- loaded afresh here, after Buffer is gone */
      modules = {
        parts: require("../../src/xlsx/parts"),
        unreadable: require("../../src/xlsx/unreadable"),
        JSZip: require("jszip"),
      };
      /* eslint-enable @typescript-eslint/no-require-imports */
    });
    return await body(modules as Modules);
  } finally {
    globalThis.Buffer = saved;
  }
}

test("the parts writer and the file checks run without Node's Buffer, as in the task pane", async () => {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Budget").getCell("A1").value = "Service";
  const old = workbook.addWorksheet("Attribution");
  old.getCell("A2").value = markerText("attribution", "1 April 2025 09:00");
  // A plain Uint8Array, not a Buffer: what the pane has from Office.js.
  const input = new Uint8Array(await workbook.xlsx.writeBuffer());

  const { written, head, missing, typeOfBuffer } = await withoutBuffer(async ({ parts, unreadable, JSZip }) => {
    const result = await parts.writeParts(
      input,
      plan([sheetPlan("attribution", "Attribution", [[text("Share"), num("12.34")]])], ["Attribution"]),
      () => undefined,
    );
    if (!("bytes" in result)) throw new Error(`declined: ${result.declined}`);
    const zip = await JSZip.loadAsync(result.bytes);
    return {
      typeOfBuffer: typeof Buffer,
      written: result.bytes,
      head: unreadable.unreadableMessage(new TextEncoder().encode("Service,Amount\nICT,1"), "costs.xlsx"),
      missing: await unreadable.missingParts(result.bytes, "copy.xlsx"),
      sheets: Object.keys(zip.files),
    };
  });
  expect(typeOfBuffer).toBe("undefined");
  expect(written).toBeInstanceOf(Uint8Array);
  expect(head).toMatch(/costs\.xlsx is a text file/);
  expect(missing).toBeUndefined();
  // The copy reads back: the user's sheet kept, the add-in's replaced with the planned cells.
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(written as unknown as ExcelJS.Buffer);
  expect(back.worksheets.map((s) => s.name)).toEqual(["Budget", "Attribution"]);
  expect(back.getWorksheet("Budget")!.getCell("A1").value).toBe("Service");
  expect(back.getWorksheet("Attribution")!.getCell("B3").value).toBe(12.34);
});
