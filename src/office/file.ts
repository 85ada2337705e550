/**
 * The open workbook as a file, and a new workbook from one, through Office.js, for the task pane's
 * "Save a copy with values" (issue 18). The file comes from Document.getFileAsync as Office Open XML
 * (FileType.Compressed, requirement set CompressedFile: Excel on Windows, Mac and the web, not on
 * iPad) in slices of at most 4 MB, read one after another and the file closed after (Office keeps
 * at most two such files open). The copy opens with Excel.createWorkbook(base64) (ExcelApi 1.8;
 * manifest.xml requires 1.9, but a pane opened another way is checked too). Both are checked at
 * run time, and the pane says plainly which is missing instead of failing.
 */
import type { CellValue } from "../workbook/grid";
import type { SheetCell, WorkbookFiles } from "../workbook/host";
import type { ExcelRun } from "./host";
import { cellValue } from "./read";

/** What these calls need of Office.js: the globals in Excel, the in-memory stand-in in tests. */
export interface OfficeFileApi {
  isSetSupported(name: string, minVersion?: string): boolean;
  getFileAsync(
    fileType: Office.FileType,
    options: Office.GetFileOptions,
    callback: (result: Office.AsyncResult<Office.File>) => void,
  ): void;
  createWorkbook(base64File: string): Promise<void>;
}

/** In Excel: Office.js's own objects. */
export const officeFileApi = (): OfficeFileApi => ({
  isSetSupported: (name, minVersion) => Office.context.requirements.isSetSupported(name, minVersion),
  getFileAsync: (fileType, options, callback) => Office.context.document.getFileAsync(fileType, options, callback),
  createWorkbook: (base64File) => Excel.createWorkbook(base64File),
});

/** Excel.createWorkbook's requirement set. */
export const CREATE_WORKBOOK_API = "1.8";
/** The largest slice getFileAsync gives (4 MB), so the fewest calls. */
const SLICE_BYTES = 4 * 1024 * 1024;
// The enums' values as Office.js defines them (Office.FileType.Compressed, AsyncResultStatus.Failed),
// written out so this module runs where the Office global is absent (tests).
const COMPRESSED = "compressed" as unknown as Office.FileType;
const FAILED = "failed" as unknown as Office.AsyncResultStatus;

/** Why this Excel cannot make the copy, or undefined. */
export function copyUnsupported(api: OfficeFileApi): string | undefined {
  if (!api.isSetSupported("CompressedFile"))
    return "This version of Excel cannot give the add-in the workbook as a file (Excel on iPad cannot): make the copy in Excel on Windows, on a Mac or on the web.";
  if (!api.isSetSupported("ExcelApi", CREATE_WORKBOOK_API))
    return `This version of Excel cannot open a new workbook for the add-in (it needs the Excel JavaScript API ${CREATE_WORKBOOK_API}): update Excel, or use Excel on the web.`;
  return undefined;
}

const failure = (what: string, error: Office.Error | undefined): Error =>
  new Error(`Excel could not ${what}${error?.message ? `: ${error.message}` : "."} Try again; nothing was changed.`);

/** The open workbook as .xlsx bytes, read in slices of `sliceSize` bytes (4 MB, the most Office gives). */
export function documentFile(api: OfficeFileApi, sliceSize = SLICE_BYTES): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    api.getFileAsync(COMPRESSED, { sliceSize }, (result) => {
      if (result.status === FAILED) return reject(failure("give the add-in the workbook as a file", result.error));
      const file = result.value;
      const slices: Uint8Array[] = [];
      const close = (then: () => void): void => file.closeAsync(() => then());
      const next = (index: number): void => {
        if (index >= file.sliceCount) {
          const bytes = new Uint8Array(slices.reduce((n, s) => n + s.length, 0));
          let at = 0;
          for (const s of slices) {
            bytes.set(s, at);
            at += s.length;
          }
          return close(() => resolve(bytes));
        }
        file.getSliceAsync(index, (slice) => {
          if (slice.status === FAILED) return close(() => reject(failure("read the workbook's file", slice.error)));
          // A slice of a Compressed file is an array of byte values.
          slices.push(Uint8Array.from(slice.value.data as ArrayLike<number>));
          next(index + 1);
        });
      };
      next(0);
    });
  });
}

/** Base64 of the bytes, in chunks (one String.fromCharCode call per 32 kB, under any argument limit). */
export function base64Of(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The cells' values as Excel shows them, all in one sync. */
async function cellValues(context: Excel.RequestContext, cells: readonly SheetCell[]): Promise<CellValue[]> {
  const ranges = cells.map((c) =>
    context.workbook.worksheets.getItem(c.sheet).getRange(c.address).load(["values", "valueTypes"]),
  );
  await context.sync();
  return ranges.map((r) => cellValue(r.values[0][0], r.valueTypes[0][0]));
}

/** The Office.js half of WorkbookFiles; the .xlsx adapter gives the other (withValues). */
export function officeFiles(api: OfficeFileApi, run: ExcelRun): Omit<WorkbookFiles, "withValues"> {
  return {
    unsupported: () => copyUnsupported(api),
    file: () => documentFile(api),
    cellValues: (cells) => run((context) => cellValues(context, cells)),
    open: (file) => api.createWorkbook(base64Of(file)),
  };
}
