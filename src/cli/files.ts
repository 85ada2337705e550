/**
 * The command line's files: the input is only ever read, and the output is never the input however
 * it is named (the same path, a symbolic link to it, a hard link to it, a path through a linked
 * folder). Files are compared as the system knows them (device and inode), not by their names.
 * Every failure is one plain sentence (FileRefused), never Node's EISDIR or EEXIST.
 */
import { randomBytes } from "crypto";
import type { Stats } from "fs";
import { lstat, mkdir, readFile, rename, rm, stat, writeFile } from "fs/promises";
import { basename, dirname, join, resolve } from "path";

/** A file the command line will not or cannot use; `message` says why and what to do. */
export class FileRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FileRefused";
  }
}

const codeOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null ? (error as { code?: string }).code : undefined;

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    // ENOTDIR: a folder on the way is a file, so there is no such file.
    if (codeOf(error) === "ENOENT" || codeOf(error) === "ENOTDIR") return undefined;
    throw error;
  }
}

const sameFile = (a: Stats, b: Stats): boolean => a.dev === b.dev && a.ino === b.ino;

/** The sentence for a system error on `path`, which is the `role` ("the input", "the output"…). */
function plainly(error: unknown, path: string, role: string): string {
  switch (codeOf(error)) {
    case "ENOENT":
      return `${path}: no such file.`;
    case "EACCES":
    case "EPERM":
      return `${path} (${role}) cannot be opened: you do not have permission. Check the file's permissions or choose another.`;
    case "EISDIR":
      return `${path} (${role}) is a folder, not a file.`;
    case "ENOTDIR":
    case "EEXIST":
      return `${path} (${role}) is inside a folder that is really a file. Choose a path whose folders are folders.`;
    case "ENOSPC":
      return `There is no room left on the disk to write ${path}. Free some space or write it elsewhere.`;
    case "EROFS":
      return `${path} (${role}) is on a disk that cannot be written to. Choose another place.`;
    case "ENAMETOOLONG":
      return `${path} (${role}) is too long a name for this system. Choose a shorter one.`;
    default:
      return `${path} (${role}) could not be used (${codeOf(error) ?? "unknown system error"}). Check the path and try again.`;
  }
}

/** The nearest folder above `path` that exists, and whether it is a folder at all. */
async function nearestExisting(path: string): Promise<{ path: string; stats: Stats } | undefined> {
  for (let p = dirname(resolve(path)); ; p = dirname(p)) {
    const stats = await statOrUndefined(p).catch(() => undefined);
    if (stats !== undefined) return { path: p, stats };
    if (dirname(p) === p) return undefined;
  }
}

/**
 * Why the command line must not read `input` and write `output`, or undefined when it may.
 * The output may never be the input, even with --overwrite.
 */
export async function checkFiles(input: string, output: string, overwrite: boolean): Promise<string | undefined> {
  let source: Stats;
  try {
    source = await stat(input);
  } catch (error) {
    return plainly(error, input, "the input");
  }
  if (source.isDirectory()) return `${input} is a folder, not an Excel workbook: give the path of the .xlsx file.`;
  if (!source.isFile()) return `${input} is not a file (it is a device or a pipe): give the path of the .xlsx file.`;

  const same = `${output} is the input file itself${resolve(output) === resolve(input) ? "" : " under another name (a link to it)"}: the add-in never changes your workbook. Choose another name for the copy.`;
  let target: Stats | undefined;
  try {
    target = await statOrUndefined(output);
  } catch (error) {
    return plainly(error, output, "the output");
  }
  if (target !== undefined) {
    if (sameFile(source, target)) return same;
    if (target.isDirectory())
      return `${output} is a folder: give a file name for the copy, such as ${join(output, basename(input, ".xlsx") + "-shared.xlsx")}.`;
    if (!overwrite) return `${output} already exists. Add --overwrite to replace it, or choose another name.`;
  } else {
    // A link that leads nowhere yet: writing would replace the link, not follow it, so it is safe.
    const link = await lstat(output).catch(() => undefined);
    if (link === undefined) {
      const folder = await nearestExisting(output);
      if (folder !== undefined && !folder.stats.isDirectory())
        return `${folder.path} is a file, not a folder, so ${output} cannot be written inside it. Choose another place for the copy.`;
    } else if (!overwrite)
      return `${output} already exists (a link). Add --overwrite to replace it, or choose another name.`;
  }
  return undefined;
}

/** The input's bytes; it is opened for reading only. */
export async function readInput(input: string): Promise<Buffer> {
  try {
    return await readFile(input, { flag: "r" });
  } catch (error) {
    throw new FileRefused(plainly(error, input, "the input"));
  }
}

/**
 * Writes `bytes` to `output` through a new file in the same folder renamed over it, so a run that
 * fails half-way leaves no half-written file, and an existing output that is a link is replaced
 * itself, never written through. The checks are made again just before, in case the files changed.
 */
export async function writeOutput(input: string, output: string, bytes: Uint8Array, overwrite: boolean): Promise<void> {
  const folder = dirname(resolve(output));
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new FileRefused(
      codeOf(error) === "EEXIST" || codeOf(error) === "ENOTDIR"
        ? `${dirname(output)} is a file, not a folder, so ${output} cannot be written inside it. Choose another place for the copy.`
        : plainly(error, dirname(output), "the output's folder"),
    );
  }
  const refused = await checkFiles(input, output, overwrite);
  if (refused !== undefined) throw new FileRefused(refused);
  const temporary = join(folder, `.${basename(output)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temporary, bytes, { flag: "wx" });
    await rename(temporary, output);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new FileRefused(plainly(error, output, "the output"));
  }
}
