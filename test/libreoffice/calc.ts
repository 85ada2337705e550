/**
 * LibreOffice Calc as a real spreadsheet application for the tests: written .xlsx files are
 * opened by `soffice --headless` and saved as CSV, one file per sheet, all files in one soffice
 * start (each start costs seconds). Without soffice the tests using it are skipped, saying why,
 * except under CI (CI set), where a missing soffice fails: `.ci/run` installs Debian's
 * libreoffice-calc-nogui.
 */
import { copyFile, mkdtemp, readdir, readFile, rm } from "fs/promises";
import { tmpdir } from "os";
import { join } from "path";
import { findSoffice, sofficeConvert } from "../../src/cli/soffice";

export const SOFFICE = findSoffice();
const inCI = !["", "0", "false"].includes((process.env.CI ?? "").toLowerCase());
if (SOFFICE === undefined && !inCI)
  console.warn(
    "Skipping the LibreOffice tests: no soffice program found. Install Debian's package " +
      "(apt-get install libreoffice-calc-nogui) to run them; in CI (CI=true) this fails instead.",
  );

/** describe when LibreOffice is here or under CI (where its absence must fail), else describe.skip. */
export const describeInCalc = SOFFICE !== undefined || inCI ? describe : describe.skip;

/** Fails the suite plainly under CI when soffice is missing (call in beforeAll). */
export function requireSoffice(): void {
  if (SOFFICE === undefined)
    throw new Error("No soffice program: .ci/run installs Debian's libreoffice-calc-nogui before the tests.");
}

/** Each sheet of a workbook as LibreOffice shows it: rows of cell texts, by sheet name. */
export type CalcSheets = Map<string, string[][]>;

/**
 * CSV export of every sheet (LibreOffice 7.2 and later: sheet -1), UTF-8, comma-separated, the
 * cells' values rather than as formatted ("as shown" off), formulas not exported.
 */
const CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1";

/**
 * Opens each file in LibreOffice Calc and returns its sheets as Calc shows them, in the order of
 * `files`. With `recalculate`, Calc works out every formula itself on opening (custom functions it
 * does not know become #NAME?); without, it shows the values saved in the file, as it does by default.
 */
export async function openInCalc(files: readonly string[], options: { recalculate: boolean }): Promise<CalcSheets[]> {
  const work = await mkdtemp(join(tmpdir(), "calc-test-"));
  try {
    // Short names of our own, so sheets' CSV files cannot collide between files or be misread.
    const copies = await Promise.all(
      files.map(async (file, i) => {
        const copy = join(work, `book${i}.xlsx`);
        await copyFile(file, copy);
        return copy;
      }),
    );
    const out = join(work, "csv");
    await sofficeConvert(copies, CSV_FILTER, out, { recalculate: options.recalculate, timeoutMs: 180_000 });
    const written = await readdir(out);
    return await Promise.all(
      copies.map(async (_, i) => {
        const prefix = `book${i}-`;
        const sheets: CalcSheets = new Map();
        for (const name of written.filter((n) => n.startsWith(prefix) && n.endsWith(".csv")).sort())
          sheets.set(name.slice(prefix.length, -".csv".length), parseCsv(await readFile(join(out, name), "utf8")));
        if (sheets.size === 0)
          throw new Error(`LibreOffice wrote no CSV for ${files[i]} (it wrote: ${written.join(", ") || "nothing"}).`);
        return sheets;
      }),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** RFC 4180 CSV: quoted fields may hold commas, newlines and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The text Calc shows at a 1-based row and column ("" when beyond the sheet's used area). */
export const calcCell = (sheet: string[][], row: number, column: number): string => sheet[row - 1]?.[column - 1] ?? "";

/** Cells showing an error Calc gives for what it cannot calculate: #NAME?, Err:nnn, #VALUE! and the like. */
export function errorCells(sheets: CalcSheets): string[] {
  const found: string[] = [];
  for (const [name, rows] of sheets)
    rows.forEach((cells, r) =>
      cells.forEach((text, c) => {
        if (/^(#NAME\?|#VALUE!|#REF!|#DIV\/0!|#N\/A|#NUM!|#NULL!|Err:\d+)$/.test(text))
          found.push(`${name}!R${r + 1}C${c + 1}: ${text}`);
      }),
    );
  return found;
}

/**
 * A number as Calc exported it: plain digits (the CSV holds values, not formatted text), or a
 * percentage it kept its % on. undefined when the text is not a number.
 */
export function calcNumber(text: string): number | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  const percent = t.endsWith("%");
  const n = Number(percent ? t.slice(0, -1) : t);
  if (!Number.isFinite(n)) return undefined;
  return percent ? n / 100 : n;
}
