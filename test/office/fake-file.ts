/**
 * The in-memory Excel's file calls, as Office.js documents them, for the task pane's "Save a copy
 * with values" (src/office/file.ts's OfficeFileApi):
 *
 * - Document.getFileAsync(FileType.Compressed, { sliceSize }, callback): the workbook as Office Open
 *   XML in slices of sliceSize bytes (4 MB by default and at most; anything else fails), each slice's
 *   data an array of byte values; File.getSliceAsync(index) for 0 ≤ index < sliceCount, and
 *   File.closeAsync. With two files still open a third getFileAsync fails, as Office keeps at most
 *   two in memory. Only Compressed is modelled (Text and Pdf fail here).
 * - Excel.createWorkbook(base64): opens a new workbook from a Base64 .xlsx (recorded in `opened`);
 *   text that is not Base64 of a zip is refused, as Excel refuses a file it cannot open.
 * - requirements.isSetSupported(name, version): the sets given (by default what Excel on the
 *   desktop has: ExcelApi 1.17, CompressedFile 1.1).
 *
 * The file holds the workbook's sheets as Excel saves them: each cell's value; a formula in its file
 * form (formula.ts: _xldudf_SHARED_… for the add-in's, _xlfn. prefixes) with the value it shows
 * saved beside it, or no value where it has none yet (still calculating). Styles, widths and charts
 * are not written (the copy keeps whatever the file has; nothing here depends on them). The fake
 * does not spill dynamic arrays, so a spill's other cells are not in its file.
 */
import JSZip from "jszip";
import type { OfficeFileApi } from "../../src/office/file";
import { a1 } from "../../src/workbook/a1";
import type { CellValue } from "../../src/workbook/grid";
import { fileFormula } from "../../src/xlsx/formula";
import type { FakeCell, FakeWorkbook } from "./fake-excel";

const MAX_SLICE = 4 * 1024 * 1024;
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const escapeXml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function valueXml(value: CellValue, formula: boolean): { type?: string; inner: string } | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "number") return { inner: `<v>${value}</v>` };
  if (typeof value === "boolean") return { type: "b", inner: `<v>${value ? 1 : 0}</v>` };
  if (typeof value === "string")
    return formula
      ? { type: "str", inner: `<v>${escapeXml(value)}</v>` }
      : { type: "inlineStr", inner: `<is><t xml:space="preserve">${escapeXml(value)}</t></is>` };
  if ("error" in value) return { type: "e", inner: `<v>${escapeXml(value.error)}</v>` };
  return undefined;
}

function cellXml(address: string, cell: FakeCell): string {
  const formula = cell.formula === undefined ? "" : `<f>${escapeXml(fileFormula(cell.formula))}</f>`;
  const value = valueXml(cell.value, formula !== "");
  if (!formula && !value) return "";
  return `<c r="${address}"${value?.type ? ` t="${value.type}"` : ""}>${formula}${value?.inner ?? ""}</c>`;
}

/** The fake workbook as an .xlsx file, as Excel would save it now. */
export async function fakeWorkbookFile(book: FakeWorkbook): Promise<Uint8Array> {
  const zip = new JSZip();
  const sheets = book.sheets;
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join("") +
      `</Types>`,
  );
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>` +
      sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
      `</sheets><calcPr calcId="191029"/></workbook>`,
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join("") +
      `</Relationships>`,
  );
  sheets.forEach((sheet, i) => {
    const rows = new Map<number, string[]>();
    const keys = [...sheet.cells.keys()].sort((a, b) => a - b);
    for (const key of keys) {
      const row = Math.floor(key / 20_000);
      const column = key % 20_000;
      const xml = cellXml(a1(row, column), sheet.cells.get(key)!);
      if (xml) (rows.get(row) ?? rows.set(row, []).get(row)!).push(xml);
    }
    const data = [...rows.entries()].map(([r, cells]) => `<row r="${r}">${cells.join("")}</row>`).join("");
    zip.file(
      `xl/worksheets/sheet${i + 1}.xml`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}"><sheetData>${data}</sheetData></worksheet>`,
    );
  });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

export interface FakeFiles {
  api: OfficeFileApi;
  /** Each workbook createWorkbook opened, as its .xlsx bytes. */
  opened: Uint8Array[];
  /** getFileAsync calls, with the slice size asked for. */
  fileCalls: { sliceSize?: number }[];
  /** Files got and not yet closed. */
  openFiles(): number;
}

type Callback<T> = (result: Office.AsyncResult<T>) => void;
const succeeded = <T>(value: T): Office.AsyncResult<T> =>
  ({ status: "succeeded", value }) as unknown as Office.AsyncResult<T>;
const failed = <T>(code: number, name: string, message: string): Office.AsyncResult<T> =>
  ({ status: "failed", value: undefined, error: { code, name, message } }) as unknown as Office.AsyncResult<T>;

/** Office.js's file calls over the fake workbook; `sets` as isSetSupported answers (version or false). */
export function fakeFiles(
  book: FakeWorkbook,
  sets: Record<string, string | false> = { ExcelApi: "1.17", CompressedFile: "1.1" },
): FakeFiles {
  const opened: Uint8Array[] = [];
  const fileCalls: { sliceSize?: number }[] = [];
  let open = 0;
  const later = (run: () => void): void => void Promise.resolve().then(run);

  const getFileAsync = (
    fileType: Office.FileType,
    optionsOrCallback?: Office.GetFileOptions | Callback<Office.File>,
    callback?: Callback<Office.File>,
  ): void => {
    const options = typeof optionsOrCallback === "function" ? {} : (optionsOrCallback ?? {});
    const done = (typeof optionsOrCallback === "function" ? optionsOrCallback : callback) as Callback<Office.File>;
    fileCalls.push({ sliceSize: options.sliceSize });
    const sliceSize = options.sliceSize ?? MAX_SLICE;
    if (String(fileType) !== "compressed")
      return later(() => done(failed(5001, "Internal Error", "only FileType.Compressed is modelled")));
    if (!(sliceSize > 0 && sliceSize <= MAX_SLICE))
      return later(() => done(failed(6001, "Invalid sliceSize", "The slice size must be at most 4 MB.")));
    if (open >= 2)
      return later(() =>
        done(failed(6000, "Operation not allowed", "No more than two documents are allowed in memory.")),
      );
    open++;
    void fakeWorkbookFile(book).then((bytes) => {
      let closed = false;
      const file = {
        size: bytes.length,
        sliceCount: Math.max(1, Math.ceil(bytes.length / sliceSize)),
        getSliceAsync(index: number, cb: Callback<Office.Slice>) {
          if (closed || !(index >= 0 && index < file.sliceCount))
            return later(() => cb(failed(6002, "Invalid slice index", `No slice ${index}.`)));
          const data = Array.from(bytes.subarray(index * sliceSize, (index + 1) * sliceSize));
          later(() => cb(succeeded({ data, index, size: data.length } as Office.Slice)));
        },
        closeAsync(cb?: Callback<void>) {
          if (!closed) open--;
          closed = true;
          later(() => cb?.(succeeded(undefined)));
        },
      };
      done(succeeded(file as unknown as Office.File));
    });
  };

  return {
    opened,
    fileCalls,
    openFiles: () => open,
    api: {
      isSetSupported(name, minVersion) {
        const has = sets[name];
        if (has === undefined || has === false) return false;
        if (minVersion === undefined) return true;
        const [a, b] = [has.split(".").map(Number), minVersion.split(".").map(Number)];
        return a[0] > b[0] || (a[0] === b[0] && (a[1] ?? 0) >= (b[1] ?? 0));
      },
      getFileAsync: getFileAsync as OfficeFileApi["getFileAsync"],
      async createWorkbook(base64File) {
        let bytes: Uint8Array;
        try {
          bytes = Uint8Array.from(atob(base64File), (ch) => ch.charCodeAt(0));
        } catch {
          throw new Error("InvalidArgument: the argument is not Base64.");
        }
        if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new Error("InvalidArgument: the file is not a workbook.");
        opened.push(bytes);
      },
    },
  };
}
