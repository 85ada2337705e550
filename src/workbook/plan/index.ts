/**
 * From the Outcome to the plan of the output sheets: Attribution, Savings profile, Realisation
 * (with a Tracker), Variance shares (with variances), Assessment (with a Compatibility sheet) and Audit, placing the Outcome's figures and the live formulas that recompute
 * them. Pure: the adapters render the plan into Excel or an .xlsx file.
 */
import { pounds } from "../format";
import type { UnitsRead } from "../inputs";
import type { Outcome } from "../outcome";
import { ExistingSheet, markerText, placeSheets } from "../owned";
import { type Problem, describeProblem } from "../problems";
import { assessmentSheet } from "./assessment";
import { attributionSheet } from "./attribution";
import { ScenarioInfo, auditSheet } from "./audit";
import { profileSheet } from "./profile";
import { realisationSheet } from "./realisation";
import { variancesSheet } from "./variances";
import type { OutputRole, Plan, PlanResults } from "./types";

export * from "./types";
export { callsAddinFunction, planWithValues } from "./values";

export interface PlanOptions {
  /** The workbook's sheets now (name and A2), to find the add-in's earlier output and free names. */
  existing: readonly ExistingSheet[];
  /** When the tables are made, as the marker and Audit sheet show it. */
  when: Date;
  /** What they are made from: the file name, or "this workbook". */
  source: string;
  /** What the reader detected (layouts, heading rows, units), for the Audit sheet. */
  notes?: readonly string[];
  /** The unit read for each money column, sheet by sheet (the Audit's Units read list). */
  units?: readonly UnitsRead[];
  /** The reader's warnings (a Budget service with no rule…), for the Audit sheet. */
  warnings?: readonly Problem[];
  /** Which scenario the tables show and, where estimates are ranges, the three side by side (RULES.md §1). */
  scenario?: ScenarioInfo;
}

export const OUTPUT_SHEETS: readonly { role: OutputRole; name: string }[] = [
  { role: "attribution", name: "Attribution" },
  { role: "savings-profile", name: "Savings profile" },
  { role: "realisation", name: "Realisation" },
  // Not "Variances": that is the input sheet's name.
  { role: "variances", name: "Variance shares" },
  { role: "assessment", name: "Assessment" },
  { role: "audit", name: "Audit" },
];

/** "2026-11-25 10:44 UTC": unambiguous wherever the workbook is opened. */
export function stamp(when: Date): string {
  return `${when.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function buildPlan(outcome: Outcome, options: PlanOptions): { plan: Plan; results: PlanResults } {
  const { services, years } = outcome;
  const hasVariances = (outcome.variances?.items.length ?? 0) > 0;
  const wanted = OUTPUT_SHEETS.filter(
    (s) =>
      (s.role !== "realisation" || outcome.realisation !== undefined) &&
      (s.role !== "variances" || hasVariances) &&
      (s.role !== "assessment" || outcome.assessment !== undefined),
  );
  const placement = placeSheets(options.existing, wanted);
  const nameOf = (role: OutputRole): string => placement.names[wanted.findIndex((s) => s.role === role)];
  const when = stamp(options.when);
  const header = (role: OutputRole): { marker: string; source: string } => ({
    marker: markerText(role, when),
    source: options.source,
  });

  const warnings: string[] = (options.warnings ?? []).map((p) => {
    const t = describeProblem(p);
    return `${t.where}: ${t.message} ${t.fix}`.trim();
  });
  for (const r of placement.renamed)
    warnings.push(
      `A sheet of yours is called ${r.wanted}, so the add-in wrote ${r.name} instead and left yours alone.`,
    );
  warnings.push(...outcome.warnings);

  const attribution = attributionSheet(nameOf("attribution"), services, header("attribution"));
  // Made before the Savings profile, whose "In-year variances borne" lines refer to its totals.
  const variances =
    outcome.variances && hasVariances
      ? variancesSheet(
          nameOf("variances"),
          outcome.variances,
          services,
          { name: attribution.sheet.name, layout: attribution.layout },
          header("variances"),
        )
      : undefined;
  const profile = profileSheet(
    nameOf("savings-profile"),
    outcome,
    { name: attribution.sheet.name, layout: attribution.layout },
    header("savings-profile"),
    variances?.layout,
  );
  const sheets = [attribution.sheet, profile.sheet];
  if (outcome.realisation)
    sheets.push(realisationSheet(nameOf("realisation"), outcome.realisation, profile.layout, header("realisation")));
  if (variances) sheets.push(variances.sheet);
  if (outcome.assessment) sheets.push(assessmentSheet(nameOf("assessment"), outcome.assessment, header("assessment")));
  sheets.push(
    auditSheet(
      nameOf("audit"),
      services,
      { name: attribution.sheet.name, layout: attribution.layout },
      {
        marker: markerText("audit", when),
        source: options.source,
        when,
        notes: options.notes ?? [],
        units: options.units ?? [],
        warnings,
        ...(options.scenario ? { scenario: options.scenario } : {}),
      },
    ),
  );

  const total = outcome.totals;
  const summary = [
    `${services.length} services shared between ${outcome.partners.length} partners: baselines ${pounds(total.baseline)}, ` +
      `combined cost ${pounds(total.combinedCost)}, savings to the councils ${pounds(total.saving)}.`,
    `Savings profile over ${years[0]} to ${years[years.length - 1]}.`,
    `Sheets written: ${sheets.map((s) => s.name).join(", ")}.`,
    ...warnings.map((w) => `Warning: ${w}`),
  ];
  return {
    plan: { sheets, reuse: placement.reuse, remove: placement.remove, summary },
    results: {
      years: [...years],
      partners: outcome.profile,
      services: outcome.serviceProfile,
      fairness: [...outcome.fairness],
      warnings,
      sheets: sheets.map((s) => ({ role: s.role, name: s.name })),
    },
  };
}
