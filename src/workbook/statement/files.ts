/**
 * The statements as files: one workbook per partner, `<folder>/<partner name>.xlsx`, the name made
 * safe for a file on Windows, macOS and Linux, and names that would collide (the same once made
 * safe, or differing only in case, as Windows and macOS compare them) told apart. Pure.
 */
import type { Outcome } from "../outcome";
import type { Plan } from "../plan/types";
import { StatementOptions, statementSheet } from "./index";

/** Characters no file name may hold on Windows (and / nowhere), and control characters. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
/** Names Windows keeps for devices, whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
/** Well inside every system's 255-byte limit, with room for " (2).xlsx" and UTF-8. */
const MAX_LENGTH = 80;

/** A partner's name as a file name without its extension: "Kensington & Chelsea", "Bath - NE Somerset". */
export function safeFileName(name: string): string {
  let safe = name
    .normalize("NFC")
    .replace(UNSAFE, "-")
    .replace(/\s+/g, " ")
    .trim()
    // Windows drops trailing dots and spaces; a leading dot hides the file on Linux and macOS.
    .replace(/^[.\s]+|[.\s]+$/g, "");
  if (safe.length > MAX_LENGTH) safe = safe.slice(0, MAX_LENGTH).trimEnd();
  if (safe === "" || /^-+$/.test(safe)) safe = "Partner";
  if (RESERVED.test(safe)) safe = `${safe} council`;
  return safe;
}

/** Each name's safe file name (with .xlsx), distinct ignoring case: a later collision gets " (2)", " (3)"… */
export function statementFileNames(partners: readonly string[]): string[] {
  const taken = new Set<string>();
  return partners.map((partner) => {
    const base = safeFileName(partner);
    let name = base;
    for (let n = 2; taken.has(name.toLocaleLowerCase("en-GB")); n++) name = `${base} (${n})`;
    taken.add(name.toLocaleLowerCase("en-GB"));
    return `${name}.xlsx`;
  });
}

export interface StatementFile {
  partner: string;
  /** The file's name in the folder, e.g. "Westminster.xlsx". */
  file: string;
  /** A plan for a new workbook holding the statement alone. */
  plan: Plan;
}

/** Every partner's statement, in the Outcome's partner order. */
export function statementFiles(outcome: Outcome, options: StatementOptions): StatementFile[] {
  const names = statementFileNames(outcome.partners);
  return outcome.partners.map((partner, i) => {
    const { sheet } = statementSheet(outcome, partner, options);
    return {
      partner,
      file: names[i],
      plan: { sheets: [sheet], reuse: [], remove: [], summary: [`Statement for ${partner}: ${names[i]}.`] },
    };
  });
}
