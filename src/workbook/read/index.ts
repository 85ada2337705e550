/**
 * Reading the input sheets (README "Input template") into the Inputs model, checking everything
 * before anything is written: every problem is listed at once with its sheet, cell and what to do,
 * and `inputs` is given only when none of them is an error. `notes` says what was detected (layout,
 * heading row, units, sheets skipped), for the Audit sheet.
 */
import type { Scenario } from "../../engine";
import type { CellRef, SheetGrid } from "../grid";
import type { CostsSheet, DriversSheet, FteSheet, Inputs, UnitsRead } from "../inputs";
import { Problem, hasErrors } from "../problems";
import { UnreadLine, readBudget } from "./budget";
import { Reading, nameKey } from "./cells";
import type { Field } from "./headings";
import { allPartners, catalogue } from "./catalogue";
import { readCompatibility } from "./compatibility";
import { checkCosts, readCosts } from "./costs";
import { readDrivers } from "./drivers";
import { readFte } from "./fte";
import { canonicalNames } from "./names";
import { Optional, checkRules } from "./rule-checks";
import { readRules } from "./rules";
import { Role, missingSheet, pickSheets } from "./sheets";
import { readTracker } from "./tracker";
import { readVariances } from "./variances";

export type { Role } from "./sheets";
export { ROLES } from "./sheets";
export type { Field } from "./headings";
/** The scenarios of a range (RULES.md §1), for the command line and the task pane. */
export { SCENARIOS, type Scenario } from "../../engine";

export interface ReadOptions {
  /** Which sheet plays each role, by name, where the user chose (the task pane lets them). */
  sheets?: Partial<Record<Role, string>>;
  /**
   * Which column holds each field, where the user chose: the heading as written on the sheet (case
   * and spacing aside). That heading is the field whatever its spelling, the template's spellings no
   * longer find that field, and a chosen Service heading marks the heading row. A blank is no choice.
   */
  columns?: Partial<Record<Role, Partial<Record<Field, string>>>>;
  /** For estimates written as ranges (RULES.md §1): the low or high end, or mid-range (the default). */
  scenario?: Scenario;
}

export interface ReadResult {
  inputs?: Inputs;
  problems: Problem[];
  notes: string[];
  /** Each estimate given as a range (RULES.md §1), with its cell: the scenarios differ only where there is one. */
  ranges: { at: CellRef; what: string }[];
  /** The unit read for each money column, sheet by sheet (the Audit sheet's Units read list). */
  units: UnitsRead[];
}

export function readInputs(grids: SheetGrid[], options: ReadOptions = {}): ReadResult {
  const problems: Problem[] = [];
  const notes: string[] = [];
  const ranges: ReadResult["ranges"] = [];
  const units: UnitsRead[] = [];
  const sheets = pickSheets(grids, options.sheets ?? {}, problems, notes);
  const reading = (grid: SheetGrid): Reading => {
    // A sheet plays one role at most (pickSheets), so its role says whose column choices apply.
    const role = (Object.keys(sheets) as Role[]).find((x) => sheets[x] === grid);
    const columns = role === undefined ? undefined : options.columns?.[role];
    return {
      grid,
      problems,
      notes,
      ranges,
      units,
      ...(columns === undefined ? {} : { columns }),
      ...(options.scenario === undefined ? {} : { scenario: options.scenario }),
    };
  };
  const errorsOn = (sheet: string, before: number): boolean =>
    problems.slice(before).some((p) => p.severity === "error" && p.sheet === sheet);

  const unread: UnreadLine[] = [];
  const budget = sheets.budget ? readBudget(reading(sheets.budget), unread) : undefined;
  if (!sheets.budget && !options.sheets?.budget) problems.push(missingSheet("budget", "Partner, Service and Baseline"));
  const services = budget ? catalogue(budget, unread) : undefined;
  const names = canonicalNames(services ?? new Map());

  // An optional sheet with problems of its own is not used for the Rules checks, which would only
  // repeat them ("no Quantity for Westminster" after "Quantity for Westminster is text").
  const optional = <T>(grid: SheetGrid | undefined, read: (g: SheetGrid) => T | undefined): [Optional<T>, T?] => {
    if (grid === undefined) return ["absent"];
    const before = problems.length;
    const sheet = read(grid);
    return [sheet === undefined || errorsOn(grid.name, before) ? "unread" : sheet, sheet];
  };
  const [fteState, fte] = optional<FteSheet>(sheets.fte, (g) => readFte(reading(g), names));
  const [driversState, drivers] = optional<DriversSheet>(sheets.drivers, (g) => readDrivers(reading(g), names));

  // The Costs sheet before the Rules: a service with cost lines needs no New cost or Reduction.
  const known = allPartners(services ?? new Map());
  const costsRead: CostsSheet | undefined = sheets.costs
    ? readCosts(reading(sheets.costs), names, (name) => known.has(nameKey(name)))
    : undefined;
  const costed = new Set(costsRead?.lines.map((l) => nameKey(l.service)) ?? []);
  const rules = sheets.rules ? readRules(reading(sheets.rules), names, drivers?.measures ?? [], costed) : undefined;
  if (!sheets.rules && !options.sheets?.rules)
    problems.push(missingSheet("rules", "Service, Partners, Basis, New cost and First year"));
  if (rules && sheets.rules)
    checkRules(reading(sheets.rules), rules, {
      services,
      budgetSheet: budget?.sheet,
      fte: fteState,
      drivers: driversState,
    });
  const tracker = sheets.tracker
    ? readTracker(reading(sheets.tracker), names, { rules: rules?.sheet.rules, services })
    : undefined;
  const variances = sheets.variances
    ? readVariances(reading(sheets.variances), names, { rules: rules?.sheet.rules, services })
    : undefined;

  const costs =
    costsRead && sheets.costs
      ? checkCosts(reading(sheets.costs), costsRead, { rules: rules?.sheet.rules, services })
      : undefined;

  // Candidate services need not be shared yet, so the sheet is not checked against the Rules.
  const compatibility = sheets.compatibility ? readCompatibility(reading(sheets.compatibility)) : undefined;

  const sorted = sortProblems(problems, grids);
  if (hasErrors(sorted) || !budget || !rules)
    return { problems: sorted, notes, ranges, units: inWorkbookOrder(units, grids) };
  const inputs: Inputs = {
    budget,
    rules: rules.sheet,
    ...(fte ? { fte } : {}),
    ...(drivers ? { drivers } : {}),
    ...(tracker ? { tracker } : {}),
    ...(variances ? { variances } : {}),
    ...(costs && costs.lines.length > 0 ? { costs } : {}),
    ...(compatibility && compatibility.services.length > 0 ? { compatibility } : {}),
  };
  return { inputs, problems: sorted, notes, ranges, units: inWorkbookOrder(units, grids) };
}

/** The sheets' units in workbook order, as the Audit lists them. */
const inWorkbookOrder = (units: UnitsRead[], grids: readonly SheetGrid[]): UnitsRead[] =>
  [...units].sort((a, b) => grids.findIndex((g) => g.name === a.sheet) - grids.findIndex((g) => g.name === b.sheet));

/** In workbook order, then by row and column, so the list reads down each sheet. */
function sortProblems(problems: Problem[], grids: readonly SheetGrid[]): Problem[] {
  const place = (p: Problem): [number, number, number] => [
    grids.findIndex((g) => g.name === p.sheet),
    p.cell?.row ?? 0,
    p.cell?.column ?? 0,
  ];
  return problems
    .map((p, i) => ({ p, i, key: place(p) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2] || a.i - b.i)
    .map((x) => x.p);
}
