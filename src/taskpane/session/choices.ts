/**
 * The user's choices of sheets and columns, and the survey of the workbook they are made from: the
 * sheet the reader will read for each role, as the reader picks it.
 */
import * as React from "react";
import type { WorkbookRead } from "../../workbook/host";
import { Survey, surveyWorkbook } from "../../workbook/edit/survey";
import type { Field, Role, Scenario } from "../../workbook/read";

export type SheetChoices = Partial<Record<Role, string>>;
export type ColumnChoices = Partial<Record<Role, Partial<Record<Field, string>>>>;

export interface Choices {
  /** The user's own sheet choices ("" for a role: read none, rather than guess). */
  chosen: SheetChoices;
  /** The user's column choices (only those they changed). */
  columns: ColumnChoices;
  survey?: Survey;
  /** The sheet the reader will read for each role, with the user's choices. */
  sheets: SheetChoices;
  /** Which end of each range the tables use (RULES.md §1): mid-range unless the user chose low or high. */
  scenario: Scenario;
  chooseSheet(role: Role, sheet: string | undefined): void;
  chooseScenario(scenario: Scenario): void;
  chooseColumn(role: Role, field: Field, heading: string | undefined): void;
  /** Forget every choice (the workbook's sheets changed, as when the sample is added). */
  reset(): void;
}

export function useChoices(workbook: WorkbookRead | undefined): Choices {
  const [chosen, setChosen] = React.useState<SheetChoices>({});
  const [columns, setColumns] = React.useState<ColumnChoices>({});
  const [scenario, setScenario] = React.useState<Scenario>("mid");
  const survey = React.useMemo(
    () => (workbook ? surveyWorkbook(workbook.grids, workbook.existing, chosen, columns) : undefined),
    [workbook, chosen, columns],
  );
  // What the reader will read with the user's choices, as the reader picks it (not the proposal
  // with the choices laid over it: a sheet chosen for one role is no longer guessed for another).
  const sheets: SheetChoices = React.useMemo(() => survey?.picked ?? {}, [survey]);
  return {
    chosen,
    columns,
    survey,
    sheets,
    scenario,
    chooseScenario: setScenario,
    chooseSheet: (role, sheet) => {
      setChosen((c) => ({ ...c, [role]: sheet ?? "" }));
      setColumns((c) => ({ ...c, [role]: {} })); // another sheet has other headings
    },
    chooseColumn: (role, field, heading) => {
      setColumns((c) => {
        const mine = { ...(c[role] ?? {}) };
        if (heading === undefined) delete mine[field];
        else mine[field] = heading;
        return { ...c, [role]: mine };
      });
    },
    reset: () => {
      setChosen({});
      setColumns({});
    },
  };
}
