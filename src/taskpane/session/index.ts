/**
 * The task pane's state and what each step does with the workbook, so the components only show it.
 * Each concern has its own hook: the workbook as read (workbook.ts), the user's sheet and column
 * choices (choices.ts), what the pane is doing (activity.ts), changes to the input sheets
 * (editing.ts), and checking and writing the tables (job.ts). Every rule lives in the pure workbook
 * layer and every workbook call goes through the WorkbookHost, so the same code runs in Excel and
 * in tests.
 */
import * as React from "react";
import type { Prepared } from "../../workbook/prepare";
import type { RunResult, StatementsResult, WorkbookFiles, WorkbookHost, WorkbookRead } from "../../workbook/host";
import type { Survey } from "../../workbook/edit/survey";
import type { RulesView } from "../../workbook/edit/rules-sheet";
import type { YearsCoveredView } from "../../workbook/edit/years-covered";
import { useActivity } from "./activity";
import { type Choices, type ColumnChoices, type SheetChoices, useChoices } from "./choices";
import { type Copies, type ValuesCopyResult, useCopies } from "./copies";
import { type Editing, useEditing } from "./editing";
import { type Progress, useJob } from "./job";
import { useWorkbook } from "./workbook";

export type { ColumnChoices, SheetChoices } from "./choices";
export type { Progress } from "./job";
export type { ValuesCopyResult } from "./copies";
export { inputsKey } from "./job";

export type Step = "start" | "rules" | "check" | "run" | "results";

export interface Session {
  /** The workbook as last read; undefined while the first read is under way. */
  workbook?: WorkbookRead;
  survey?: Survey;
  /** The sheet the reader will read for each role, with the user's choices. */
  sheets: SheetChoices;
  /** The user's column choices (only those they changed). */
  columns: ColumnChoices;
  /** The scenario the tables show where an estimate is a range (RULES.md §1); mid unless chosen. */
  scenario: Choices["scenario"];
  rules?: RulesView;
  /** The Rules sheet's years covered (First and Last MTFS year cells above its headings). */
  years?: YearsCoveredView;
  /** The last check, while the inputs and choices are as they were when it was made. */
  check?: Prepared;
  /** The last run's result. */
  run?: RunResult;
  /** The inputs or choices have changed since the last run wrote its tables: its results are out of date. */
  runIsStale: boolean;
  progress?: Progress;
  /** What the pane is doing now, for a spinner; undefined when idle. Other actions wait for it. */
  busy?: string;
  /** The last thing that failed, in words for the user. */
  failure?: string;
  /** What the last change to the workbook did (sample added, Rules sheet made, rule saved). */
  notice?: string;
  /** The add-in's own output sheets now in the workbook (an earlier run's; its statement sheets are not among them). */
  earlierOutput: string[];
  /** The partner statements last written (or the problems that stopped them). */
  statements?: StatementsResult;
  /** What the last "Save a copy with values" did. */
  valuesCopy?: ValuesCopyResult;
  /** Whether a sheet of this name is in the workbook (Excel's names ignore case). */
  hasSheet(sheet: string): boolean;
}

/** What the steps can do: the choices and edits of their hooks, and these. */
export interface Actions
  extends
    Pick<Choices, "chooseSheet" | "chooseColumn" | "chooseScenario">,
    Omit<Editing, "rules" | "years">,
    Omit<Copies, "statements" | "valuesCopy"> {
  refresh(): Promise<void>;
  check(): Promise<Prepared | undefined>;
  run(): Promise<RunResult | undefined>;
  select(sheet: string, cell?: string): Promise<void>;
  dismissFailure(): void;
  dismissNotice(): void;
}

/** What each of the five steps is given. */
export interface StepProps {
  session: Session;
  actions: Actions;
  /** Move on to the next step, unless the user has already moved elsewhere. */
  onNext(): void;
}

export function useSession(
  host: WorkbookHost,
  options: { now?: () => Date; files?: WorkbookFiles } = {},
): [Session, Actions] {
  const now = options.now ?? (() => new Date());
  const activity = useActivity();
  const book = useWorkbook(host);
  const choices = useChoices(book.workbook);
  const editing = useEditing(host, book, choices, activity);
  const job = useJob(host, book, choices, activity, now);
  const copies = useCopies(host, book, choices, activity, now, options.files);
  const { doing } = activity;

  const actions: Actions = {
    refresh: async () => {
      await doing("Reading the workbook…", book.reread);
    },
    chooseSheet: choices.chooseSheet,
    chooseColumn: choices.chooseColumn,
    chooseScenario: choices.chooseScenario,
    addSample: editing.addSample,
    createRulesSheet: editing.createRulesSheet,
    editRule: editing.editRule,
    editYearsCovered: editing.editYearsCovered,
    check: job.checkNow,
    run: job.runNow,
    statementsToReplace: copies.statementsToReplace,
    writeStatements: copies.writeStatements,
    saveValuesCopy: copies.saveValuesCopy,
    select: async (sheet, cell) => {
      await doing(`Selecting ${cell ? `${sheet}!${cell}` : sheet}…`, () => host.select(sheet, cell));
    },
    dismissFailure: () => activity.fail(undefined),
    dismissNotice: () => activity.tell(undefined),
  };

  const first = React.useRef(true);
  React.useEffect(() => {
    if (!first.current) return;
    first.current = false;
    void actions.refresh();
  });

  return [
    {
      workbook: book.workbook,
      survey: choices.survey,
      sheets: choices.sheets,
      columns: choices.columns,
      scenario: choices.scenario,
      rules: editing.rules,
      years: editing.years,
      check: job.check,
      run: job.run,
      runIsStale: job.runIsStale,
      progress: job.progress,
      busy: activity.busy,
      failure: activity.failure,
      notice: activity.notice,
      earlierOutput: book.earlierOutput,
      statements: copies.statements,
      valuesCopy: copies.valuesCopy,
      hasSheet: book.hasSheet,
    },
    actions,
  ];
}
