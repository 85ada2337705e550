/**
 * `--statements <folder>`: one workbook per partner council, `<folder>/<partner name>.xlsx` (the
 * name made safe for a file, colliding names told apart), each holding that council's statement
 * in values and plain formulas only; with `--pdf`, a PDF of each beside it through LibreOffice
 * where it is installed. Every file is checked before any is written (none may be the input, none
 * replaced unasked), and each is written through a new file renamed into place.
 */
import { mkdtemp, readdir, rename, rm } from "fs/promises";
import { basename, join } from "path";
import type { Outcome } from "../workbook/outcome";
import { type StatementFile, statementFiles } from "../workbook/statement/files";
import { checkFiles, writeOutput } from "./files";
import { findSoffice, sofficeConvert } from "./soffice";

export interface StatementsRequest {
  folder: string;
  input: string;
  overwrite: boolean;
  pdf: boolean;
  when: string;
  source: string;
}

/** The files that would be written, or the first reason not to write any. */
export async function planStatements(
  outcome: Outcome,
  request: StatementsRequest,
): Promise<{ files: StatementFile[]; refused?: string }> {
  const files = statementFiles(outcome, { when: request.when, source: request.source });
  for (const f of files) {
    const refused = await checkFiles(request.input, join(request.folder, f.file), request.overwrite);
    if (refused !== undefined) return { files, refused };
    if (request.pdf) {
      const pdf = join(request.folder, f.file.replace(/\.xlsx$/, ".pdf"));
      const pdfRefused = await checkFiles(request.input, pdf, request.overwrite);
      if (pdfRefused !== undefined) return { files, refused: pdfRefused };
    }
  }
  return { files };
}

/** Writes the statements (and PDFs); returns the lines to print. */
export async function writeStatements(
  files: readonly StatementFile[],
  request: StatementsRequest,
  write: (plan: StatementFile["plan"]) => Promise<Uint8Array>,
): Promise<{ out: string[]; notes: string[] }> {
  const written: string[] = [];
  for (const f of files) {
    const path = join(request.folder, f.file);
    await writeOutput(request.input, path, await write(f.plan), request.overwrite);
    written.push(path);
  }
  const out = [
    `Statements: ${files.length} written into ${request.folder} (${files.map((f) => `${f.partner}: ${f.file}`).join("; ")}).`,
  ];
  const notes: string[] = [];
  if (request.pdf) {
    const pdf = await statementsPdf(written, request.folder);
    if (pdf.made) out.push(`PDF: ${pdf.made} made beside them by LibreOffice.`);
    if (pdf.note) notes.push(pdf.note);
  }
  return { out, notes };
}

/**
 * A PDF of each statement through LibreOffice (`soffice --headless --convert-to pdf`), all in one
 * start, into a folder of its own first and then moved beside the statements, so a failed
 * conversion leaves no half-made PDF.
 */
async function statementsPdf(files: readonly string[], folder: string): Promise<{ made?: number; note?: string }> {
  if (findSoffice() === undefined)
    return {
      note:
        "No PDF was made: LibreOffice is not installed here (no soffice program). Install it (on Debian or Ubuntu: " +
        "apt-get install libreoffice-calc-nogui) and run again, or open each statement in Excel and save it as PDF.",
    };
  const work = await mkdtemp(join(folder, ".pdf-"));
  try {
    await sofficeConvert(files, "pdf", work);
    const made = (await readdir(work)).filter((n) => n.endsWith(".pdf"));
    for (const name of made) await rename(join(work, name), join(folder, name));
    const missing = files.filter((f) => !made.includes(basename(f).replace(/\.xlsx$/, ".pdf")));
    return {
      made: made.length,
      note:
        missing.length > 0 ? `LibreOffice made no PDF of ${missing.map((f) => basename(f)).join(", ")}.` : undefined,
    };
  } catch (error) {
    return { note: `No PDF was made: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
}
