/**
 * The add-in writes only to sheets it created. Each output sheet carries a marker in cell A2
 * ("Made by the Shared Services add-in (attribution) …"); a sheet with the marker is the add-in's
 * own and is replaced on the next run; any other sheet is the user's and is never touched, even
 * when it has the name the add-in would use, in which case the output takes the next free name.
 */
import type { OutputRole, SheetPlan } from "./plan/types";
import type { CellValue } from "./grid";

const PREFIX = "Made by the Shared Services add-in (";

/** The marker text for a sheet of `role`, written in A2 as plain text. */
export function markerText(role: OutputRole, when: string): string {
  return `${PREFIX}${role}) on ${when}. It replaces this sheet each time it runs: keep your own work on other sheets.`;
}

/** The role of an add-in sheet, from its A2 value; undefined for a user's sheet. */
export function ownedRole(a2: CellValue | undefined): OutputRole | undefined {
  if (typeof a2 !== "string" || !a2.startsWith(PREFIX)) return undefined;
  const role = a2.slice(PREFIX.length, a2.indexOf(")", PREFIX.length));
  return (
    ["attribution", "savings-profile", "realisation", "variances", "assessment", "audit", "statement"] as const
  ).find((r) => r === role);
}

export interface ExistingSheet {
  name: string;
  /** The value of its A2 cell. */
  a2: CellValue | undefined;
}

export interface Placement {
  /** The name each planned sheet gets, in plan order. */
  names: string[];
  /** Of those, the add-in's own sheets from an earlier run: clear and rewrite them in place, so
   * formulas on the user's sheets that refer to them keep working. */
  reuse: string[];
  /** The add-in's own sheets this run does not produce (a Realisation sheet once the Tracker has gone): delete. */
  remove: string[];
  /** Planned sheets that could not take their usual name because a user's sheet has it. */
  renamed: { role: OutputRole; wanted: string; name: string }[];
}

/** A sheet name as Excel compares them: ignoring case. */
export const sheetNameKey = (name: string): string => name.toLocaleLowerCase("en-GB");

/** Excel's longest sheet name. */
export const MAX_SHEET_NAME = 31;

/**
 * Why Excel would refuse `name` for a sheet, or undefined when it may have it: 1 to 31 characters,
 * none of \ / ? * [ ] :, no apostrophe first or last, and not "History" (Excel keeps it for itself).
 * Both writers check a plan's names with it before anything is written.
 */
export function sheetNameFault(name: string): string | undefined {
  if (name.length === 0) return "it is empty";
  if (name.length > MAX_SHEET_NAME) return `it is longer than Excel's ${MAX_SHEET_NAME} characters`;
  const bad = /[\\/?*[\]:]/.exec(name);
  if (bad) return `it has ${bad[0]} in it, and Excel allows none of \\ / ? * [ ] : in a sheet name`;
  if (name.startsWith("'") || name.endsWith("'")) return "it starts or ends with an apostrophe";
  if (sheetNameKey(name) === "history") return "Excel keeps the name History for itself";
  return undefined;
}

/** `name`, or "name (2)", "(3)"… : the first not in `taken` (names as sheetNameKey gives them). */
export function freeSheetName(taken: ReadonlySet<string>, name: string): string {
  let free = name;
  for (let n = 2; taken.has(sheetNameKey(free)); n++) free = `${name} (${n})`;
  return free;
}

/**
 * Where the planned sheets go: each reuses the add-in's sheet of the same role from an earlier run,
 * or takes its usual name, or, when a user's sheet has that name, "Attribution (2)", "(3)"…
 */
export function placeSheets(
  existing: readonly ExistingSheet[],
  sheets: readonly Pick<SheetPlan, "role" | "name">[],
): Placement {
  const owned = existing.filter((s) => ownedRole(s.a2) !== undefined);
  const taken = new Set(existing.map((s) => sheetNameKey(s.name)));
  const names: string[] = [];
  const reuse: string[] = [];
  const renamed: Placement["renamed"] = [];
  for (const sheet of sheets) {
    const earlier = owned.find((s) => ownedRole(s.a2) === sheet.role && !reuse.includes(s.name));
    if (earlier) {
      names.push(earlier.name);
      reuse.push(earlier.name);
      continue;
    }
    const name = freeSheetName(taken, sheet.name);
    taken.add(sheetNameKey(name));
    names.push(name);
    if (name !== sheet.name) renamed.push({ role: sheet.role, wanted: sheet.name, name });
  }
  // Partner statements are written on their own (src/workbook/statement), not by the main run.
  const remove = owned
    .filter((s) => ownedRole(s.a2) !== "statement" || sheets.some((p) => p.role === "statement"))
    .map((s) => s.name)
    .filter((name) => !reuse.includes(name));
  return { names, reuse, remove, renamed };
}
