/**
 * Changes the pane makes to the user's input sheets: the sample sheets added, a Rules sheet made
 * from the services found, a rule written cell by cell. The rules are the workbook layer's
 * (src/workbook/edit); here they are only run and their outcome told.
 */
import * as React from "react";
import { sampleSheets } from "../../sample/sample";
import { RuleField, RulesView, newRulesSheet, planRuleEdits, rulesView } from "../../workbook/edit/rules-sheet";
import {
  type YearsCoveredView,
  type YearsEnd,
  planYearsCovered,
  yearsCoveredView,
} from "../../workbook/edit/years-covered";
import type { WorkbookHost } from "../../workbook/host";
import { freeSheetName } from "../../workbook/owned";
import type { Activity } from "./activity";
import type { Choices } from "./choices";
import { type OpenWorkbook, gridOf } from "./workbook";

export interface Editing {
  /** Each Budget service beside its rule as written. */
  rules?: RulesView;
  /** The years covered as the Rules sheet's settings cells have them (undefined: no Rules sheet or headings). */
  years?: YearsCoveredView;
  addSample(): Promise<boolean>;
  createRulesSheet(): Promise<boolean>;
  /** Write the typed values into the Rules sheet: saved, or an error message per field that could not be (or the write failed). */
  editRule(
    service: string,
    typed: Partial<Record<RuleField, string>>,
  ): Promise<{ saved: boolean; errors: Partial<Record<RuleField, string>> }>;
  /** Write the years typed (only those changed; blank: the default) into the Rules sheet's settings cells, as editRule does. */
  editYearsCovered(
    typed: Partial<Record<YearsEnd, string>>,
  ): Promise<{ saved: boolean; errors: Partial<Record<YearsEnd, string>> }>;
}

export function useEditing(host: WorkbookHost, book: OpenWorkbook, choices: Choices, activity: Activity): Editing {
  const { workbook, reread, grid } = book;
  const { sheets, columns } = choices;
  const { doing, tell } = activity;
  // The Rules view reads both sheets through the columns the user chose, as the Check step will.
  const viewOptions = React.useMemo(() => ({ columns: columns.rules, budgetColumns: columns.budget }), [columns]);
  const rules = React.useMemo(
    () =>
      workbook ? rulesView(gridOf(workbook, sheets.budget), gridOf(workbook, sheets.rules), viewOptions) : undefined,
    [workbook, sheets, viewOptions],
  );
  const years = React.useMemo(() => {
    const grid = gridOf(workbook, sheets.rules);
    const service = rules?.columns.service;
    if (!grid || rules?.headingRow === undefined || service === undefined) return undefined;
    return yearsCoveredView(grid, rules.headingRow, rules.lastColumn, service);
  }, [workbook, sheets, rules]);

  return {
    rules,
    years,
    addSample: async () =>
      (await doing("Adding the sample sheets…", async () => {
        const sample = sampleSheets();
        await host.addSheets(sample);
        choices.reset();
        await reread();
        tell(
          `Added the sample sheets ${sample.map((s) => s.name).join(", ")}. Look at their rules on the Rules step, then Check.`,
        );
        return true;
      })) ?? false,
    createRulesSheet: async () =>
      (await doing("Creating the Rules sheet…", async () => {
        const services = (rules?.rows ?? []).map((r) => r.service);
        if (services.length === 0) throw new Error("No services were found on the Budget sheet to make rules for.");
        const name = freeSheetName(book.names, "Rules");
        await host.addSheets([newRulesSheet(services, name)]);
        choices.chooseSheet("rules", name);
        await reread();
        tell(`Added the sheet ${name} with a row for each of the ${services.length} services. Fill in each rule.`);
        return true;
      })) ?? false,
    editRule: async (service, typed) => {
      const errors: Partial<Record<RuleField, string>> = {};
      const sheet = sheets.rules;
      const read = grid(sheet);
      if (!sheet || !read) {
        activity.fail("There is no Rules sheet to write to: create one first.");
        return { saved: false, errors };
      }
      const planned = planRuleEdits(grid(sheets.budget), read, service, typed, viewOptions);
      if ("errors" in planned) return { saved: false, errors: planned.errors };
      const { writes, guards } = planned;
      if (writes.length === 0) return { saved: true, errors };
      let written = false;
      // The form stays open when the write fails (the sheet deleted or changed meanwhile), so
      // nothing typed is lost; either way the pane reads the workbook again.
      await doing(`Writing the rule for ${service} to ${sheet}…`, async () => {
        try {
          await host.writeCells(sheet, writes, guards);
          written = true;
        } finally {
          await reread();
        }
        tell(`Saved the rule for ${service} to ${sheet}.`);
      });
      return { saved: written, errors };
    },
    editYearsCovered: async (typed) => {
      const sheet = sheets.rules;
      const read = grid(sheet);
      if (!sheet || !read || !years) {
        activity.fail("There is no Rules sheet with headings to write the years covered to.");
        return { saved: false, errors: {} };
      }
      const planned = planYearsCovered(read, years, typed);
      if ("errors" in planned) return { saved: false, errors: planned.errors };
      if (planned.writes.length === 0) return { saved: true, errors: {} };
      let written = false;
      // As a rule edit: one guarded batch; a failed write leaves what was typed in the fields.
      await doing(`Writing the years covered to ${sheet}…`, async () => {
        try {
          await host.writeCells(sheet, planned.writes, planned.guards);
          written = true;
        } finally {
          await reread();
        }
        tell(`Saved the years covered to ${sheet} (${planned.cells.join(", ")}).`);
      });
      return { saved: written, errors: {} };
    },
  };
}
