/**
 * Which sheet plays each role (Budget, FTE, Rules, Drivers, Tracker): the user's choice where given,
 * otherwise the sheet named as the template names it (ignoring case, spaces and punctuation). The
 * add-in's own output sheets are never read as inputs (its Realisation sheet is not a Tracker).
 */
import { MARKER } from "../a1";
import { SheetGrid, cellAt } from "../grid";
import { SHEET_NAMES } from "../inputs";
import { ownedRole } from "../owned";
import { Problem, problemAt } from "../problems";

export type Role = keyof typeof SHEET_NAMES;

export const ROLE_NAMES: Record<Role, string> = {
  budget: "Budget",
  fte: "FTE",
  rules: "Rules",
  drivers: "Drivers",
  tracker: "Tracker",
  variances: "Variances",
  costs: "Costs",
  compatibility: "Compatibility",
};

/** Every role, in the template's order. */
export const ROLES = Object.keys(ROLE_NAMES) as Role[];

const sheetKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, "");

export const isOwned = (grid: SheetGrid): boolean => ownedRole(cellAt(grid, MARKER.row, MARKER.column)) !== undefined;

/** The role a sheet's name suggests (the template's names for it), if any; pickSheets takes the same view. */
export function suggestedRole(name: string): Role | undefined {
  return (Object.keys(SHEET_NAMES) as Role[]).find((role) =>
    SHEET_NAMES[role].some((spelling) => sheetKey(spelling) === sheetKey(name)),
  );
}

export function pickSheets(
  grids: readonly SheetGrid[],
  chosen: Partial<Record<Role, string>>,
  problems: Problem[],
  notes: string[],
): Partial<Record<Role, SheetGrid>> {
  const picked: Partial<Record<Role, SheetGrid>> = {};
  const used = new Set<SheetGrid>();
  const roles = Object.keys(SHEET_NAMES) as Role[];
  for (const role of roles) {
    const name = chosen[role];
    if (name === undefined || name.trim() === "") continue;
    const grid = grids.find((g) => g.name === name) ?? grids.find((g) => sheetKey(g.name) === sheetKey(name));
    if (grid === undefined) {
      problems.push(
        problemAt(
          { sheet: name },
          `There is no sheet named "${name}" (chosen for the ${ROLE_NAMES[role]}).`,
          `Choose another sheet for the ${ROLE_NAMES[role]}, or rename the sheet.`,
        ),
      );
      continue;
    }
    picked[role] = grid;
    used.add(grid);
  }
  for (const role of roles) {
    // A role chosen as "" is one the user said has no sheet (the task pane's "(none)"): not guessed.
    if (chosen[role] !== undefined) continue;
    // The template's spellings in order, so "Budget" is preferred to "Baselines" when both exist.
    const candidates = SHEET_NAMES[role]
      .flatMap((spelling) => grids.filter((g) => sheetKey(g.name) === sheetKey(spelling)))
      .filter((g, i, all) => !used.has(g) && !isOwned(g) && all.indexOf(g) === i);
    if (candidates.length === 0) continue;
    picked[role] = candidates[0];
    used.add(candidates[0]);
    if (candidates.length > 1)
      notes.push(
        `${ROLE_NAMES[role]}: read sheet "${candidates[0].name}"; ${candidates
          .slice(1)
          .map((g) => `"${g.name}"`)
          .join(", ")} also looks like one and was not read.`,
      );
  }
  return picked;
}

/** A required sheet not found: a problem naming the sheet the template expects. */
export function missingSheet(role: Role, columns: string): Problem {
  const name = ROLE_NAMES[role];
  return problemAt(
    { sheet: name },
    `There is no ${name} sheet.`,
    `Add a sheet named ${name} with columns ${columns}, or choose the sheet that holds them.`,
  );
}

/** "Budget" or "Budget (sheet "Baselines")", as a note starts. */
export const roleLabel = (role: Role, grid: SheetGrid): string =>
  sheetKey(grid.name) === sheetKey(ROLE_NAMES[role]) ? ROLE_NAMES[role] : `${ROLE_NAMES[role]} (sheet "${grid.name}")`;
