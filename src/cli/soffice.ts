/**
 * LibreOffice as a converter (`soffice --headless --convert-to`), for the command line's --pdf and
 * for the tests that open the written files in a real spreadsheet application. Each run gets a
 * profile folder of its own (a second soffice on the same profile would hand its work to the
 * first and exit at once), a time limit, and converts all its files in one start, since each
 * start costs seconds.
 */
import { spawn } from "child_process";
import { existsSync } from "fs";
import { mkdir, mkdtemp, rm, writeFile } from "fs/promises";
import { tmpdir } from "os";
import { delimiter, join } from "path";
import { pathToFileURL } from "url";

/**
 * The soffice program on this machine, or undefined when LibreOffice is not installed. SOFFICE,
 * when set, names the one to use (and nothing else is looked for); otherwise PATH, then the
 * usual install folders.
 */
export function findSoffice(): string | undefined {
  const fromEnv = process.env.SOFFICE;
  if (fromEnv !== undefined && fromEnv !== "") return existsSync(fromEnv) ? fromEnv : undefined;
  const folders = (process.env.PATH ?? "").split(delimiter).filter(Boolean);
  for (const folder of [...folders, "/usr/bin", "/usr/lib/libreoffice/program", "/opt/libreoffice/program"]) {
    const candidate = join(folder, "soffice");
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export interface SofficeOptions {
  /** Give up after this long (default two minutes); the whole process group is ended. */
  timeoutMs?: number;
  /**
   * Recalculate every formula when a file is opened (LibreOffice's default for .xlsx is never to,
   * showing the values saved with them). The tests use it to have LibreOffice work out the plain
   * formulas itself.
   */
  recalculate?: boolean;
}

/** LibreOffice's setting "recalculation on file load" for Excel 2007 and newer: 0 always, 1 never. */
const recalcSetting = (mode: 0 | 1): string =>
  `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>${mode}</value></prop></item>
</oor:items>
`;

/**
 * Converts `files` into `outdir` with one soffice start: `format` as soffice takes it ("pdf",
 * "png", or a CSV filter string). Resolves with soffice's output; rejects with a plain sentence
 * when soffice is missing, fails or runs out of time.
 */
export async function sofficeConvert(
  files: readonly string[],
  format: string,
  outdir: string,
  options: SofficeOptions = {},
): Promise<string> {
  const soffice = findSoffice();
  if (soffice === undefined)
    throw new Error(
      "LibreOffice is not installed (no soffice program found): install Debian's libreoffice-calc-nogui.",
    );
  const profile = await mkdtemp(join(tmpdir(), "shared-services-soffice-"));
  try {
    await mkdir(join(profile, "user"), { recursive: true });
    await writeFile(join(profile, "user", "registrymodifications.xcu"), recalcSetting(options.recalculate ? 0 : 1));
    await mkdir(outdir, { recursive: true });
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      "--headless",
      "--norestore",
      "--nolockcheck",
      "--convert-to",
      format,
      "--outdir",
      outdir,
      ...files,
    ];
    return await run(soffice, args, options.timeoutMs ?? 120_000, files.length);
  } finally {
    await rm(profile, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Runs soffice in a process group of its own, so that on time-out the whole group goes (the
 * soffice script starts oosplash, which starts soffice.bin: ending only the first leaves the others).
 */
function run(soffice: string, args: string[], timeoutMs: number, count: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(soffice, args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`LibreOffice could not be started (${error.message}).`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (timedOut)
        reject(
          new Error(
            `LibreOffice took longer than ${Math.round(timeoutMs / 1000)} s to convert ${count} file(s) and was stopped.`,
          ),
        );
      else if (code !== 0)
        reject(new Error(`LibreOffice could not convert the file(s) (exit status ${code}): ${output.trim()}`));
      else resolve(output);
    });
  });
}
