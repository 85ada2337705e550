/**
 * Why a file is not a workbook this add-in can read, in one plain sentence for a finance officer:
 * never the zip or XML library's own words ("Can't find end of central directory", "Cannot set
 * properties of undefined"), which say nothing to someone who was sent the file by another team.
 */
import JSZip from "jszip";
import type { SheetGrid } from "../workbook/grid";
import { readXlsx, sheetParts } from "./read";

/** A file that cannot be read as an .xlsx workbook; `message` says what it is and what to do. */
export class UnreadableWorkbook extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnreadableWorkbook";
  }
}

const SAVE_AS = "open it in Excel and save it as an Excel Workbook (.xlsx)";

/** What the first bytes say a file is that is not a zip (every .xlsx file is a zip). */
function notAZip(bytes: Uint8Array, file: string): string {
  const starts = (...magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);
  if (bytes.length === 0) return `${file} is empty (0 bytes), not an Excel workbook.`;
  if (starts(0xd0, 0xcf, 0x11, 0xe0))
    return (
      `${file} is an old-style Excel 97–2003 (.xls) file or a password-protected workbook, which cannot be read: ` +
      `${SAVE_AS}, without a password.`
    );
  // One character per byte (latin1), without Node's Buffer, so this runs in the task pane too.
  const head = String.fromCharCode(...bytes.subarray(0, 512));
  // Text files: no control characters but tab, line ends and form feed in the first bytes.
  // eslint-disable-next-line no-control-regex
  if (!/[\x00-\x08\x0e-\x1f]/.test(head))
    return `${file} is a text file (perhaps a CSV or a web page renamed .xlsx), not an Excel workbook: ${SAVE_AS}.`;
  return `${file} is not an Excel workbook (.xlsx): ${SAVE_AS}.`;
}

/**
 * The sentence for a file that ExcelJS could not load (`bytes` as read from disk). Anything it
 * cannot place is called damaged: the library's message is never shown.
 */
export function unreadableMessage(bytes: Uint8Array, file: string): string {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return notAZip(bytes, file); // "PK"
  return (
    `${file} is damaged: it is a zip file, as an .xlsx is, but part of it cannot be read ` +
    `(a sheet cut short or garbled). Open it in Excel, which offers to repair it, and save it again.`
  );
}

/**
 * Checks that a zip ExcelJS loaded is a workbook with every sheet it lists: ExcelJS reads a zip with
 * no workbook in it as a workbook with no sheets, and leaves out a sheet whose part is missing.
 * Returns the sentence for what is wrong, or undefined.
 */
export async function missingParts(bytes: Uint8Array, file: string): Promise<string | undefined> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return unreadableMessage(bytes, file);
  }
  const workbook = await zip.file("xl/workbook.xml")?.async("string");
  if (workbook === undefined)
    return (
      `${file} is a zip file but not an Excel workbook: it has no workbook inside (xl/workbook.xml). ` +
      `Check that it is the right file, or ${SAVE_AS}.`
    );
  for (const [name, path] of await sheetParts(zip))
    if (zip.file(path) === null)
      return (
        `${file} is damaged: its sheet "${name}" is listed but missing from the file. ` +
        `Open it in Excel, which offers to repair it, and save it again.`
      );
  return undefined;
}

/**
 * Every worksheet of an .xlsx file as plain values (readXlsx), or an UnreadableWorkbook whose
 * message says in one sentence what the file is and what to do. `file` names it in that sentence.
 */
export async function readWorkbookFile(bytes: Uint8Array, file: string): Promise<SheetGrid[]> {
  let grids: SheetGrid[];
  try {
    grids = await readXlsx(bytes);
  } catch {
    throw new UnreadableWorkbook(unreadableMessage(bytes, file));
  }
  const missing = await missingParts(bytes, file);
  if (missing !== undefined) throw new UnreadableWorkbook(missing);
  return grids;
}
