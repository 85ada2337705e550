/**
 * The task pane's state and what each step does with the workbook, in one hook so the components
 * only show it. Every rule lives in the pure workbook layer (survey, rules sheet, prepare) and every
 * workbook call goes through the WorkbookHost, so the same code runs in Excel and in tests.
 */
import * as React from "react";
import type { WorkbookHost } from "../office/host";
import type { WorkbookRead } from "../office/read";
import type { RunResult } from "../office/run";
import { sampleSheets } from "../sample/sample";
import type { SheetGrid } from "../workbook/grid";
import { freeSheetName, ownedRole, sheetNameKey as sheetKey } from "../workbook/owned";
import { Prepared, prepareRun } from "../workbook/prepare";
import type { Role } from "../workbook/read";
import type { Field } from "../workbook/read/headings";
import { Survey, surveyWorkbook } from "../workbook/edit/survey";
import { RuleField, RulesView, newRulesSheet, planRuleEdits, rulesView } from "../workbook/edit/rules-sheet";

export type Step = "start" | "rules" | "check" | "run" | "results";

export type SheetChoices = Partial<Record<Role, string>>;
export type ColumnChoices = Partial<Record<Role, Partial<Record<Field, string>>>>;

export interface Progress {
  step: "read" | "write";
  done: number;
  total: number;
}

export interface Session {
  /** The workbook as last read; undefined while the first read is under way. */
  workbook?: WorkbookRead;
  survey?: Survey;
  /** The sheet the reader will read for each role, with the user's choices. */
  sheets: SheetChoices;
  /** The user's column choices (only those they changed). */
  columns: ColumnChoices;
  rules?: RulesView;
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
  /** The add-in's own sheets now in the workbook (an earlier run's output). */
  earlierOutput: string[];
  /** Whether a sheet of this name is in the workbook (Excel's names ignore case). */
  hasSheet(sheet: string): boolean;
}

export interface Actions {
  refresh(): Promise<void>;
  chooseSheet(role: Role, sheet: string | undefined): void;
  chooseColumn(role: Role, field: Field, heading: string | undefined): void;
  addSample(): Promise<boolean>;
  createRulesSheet(): Promise<boolean>;
  /** Write the typed values into the Rules sheet: saved, or an error message per field that could not be (or the write failed). */
  editRule(
    service: string,
    typed: Partial<Record<RuleField, string>>,
  ): Promise<{ saved: boolean; errors: Partial<Record<RuleField, string>> }>;
  check(): Promise<Prepared | undefined>;
  run(): Promise<RunResult | undefined>;
  select(sheet: string, cell?: string): Promise<void>;
  dismissFailure(): void;
  dismissNotice(): void;
}

/**
 * A fingerprint of the inputs and the choices (FNV-1a over every cell), to tell whether a check or
 * a run still describes the workbook without keeping a copy of it. The add-in's own sheets are not
 * in the grids, so writing the tables does not change it.
 */
export function inputsKey(read: WorkbookRead | undefined, choices: unknown): string {
  let hash = 0x811c9dc5;
  const add = (text: string): void => {
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    hash = Math.imul(hash ^ 0x1f, 0x01000193); // a separator, so "ab","c" differs from "a","bc"
  };
  add(JSON.stringify(choices));
  for (const grid of read?.grids ?? []) {
    add(grid.name);
    grid.values.forEach((row, r) => {
      add(String(r));
      for (const v of row) add(v === null ? "" : typeof v === "object" ? `#${v.error}` : `${typeof v}:${String(v)}`);
    });
  }
  return `${(hash >>> 0).toString(16)}:${read?.grids.length ?? 0}`;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const gridOf = (workbook: WorkbookRead | undefined, name: string | undefined): SheetGrid | undefined =>
  name === undefined ? undefined : workbook?.grids.find((g) => g.name === name);

export function useSession(host: WorkbookHost, options: { now?: () => Date } = {}): [Session, Actions] {
  const [workbook, setWorkbook] = React.useState<WorkbookRead>();
  const [chosen, setChosen] = React.useState<SheetChoices>({});
  const [columns, setColumns] = React.useState<ColumnChoices>({});
  const [check, setCheck] = React.useState<{ key: string; prepared: Prepared }>();
  const [run, setRun] = React.useState<{ key: string; result: RunResult }>();
  const [progress, setProgress] = React.useState<Progress>();
  const [busy, setBusy] = React.useState<string>();
  const [failure, setFailure] = React.useState<string>();
  const [notice, setNotice] = React.useState<string>();
  // A ref as well as state: a second click in the same render must see the first action running.
  const running = React.useRef(false);
  const now = options.now ?? (() => new Date());

  const survey = React.useMemo(
    () => (workbook ? surveyWorkbook(workbook.grids, workbook.existing, chosen, columns) : undefined),
    [workbook, chosen, columns],
  );
  // What the reader will read with the user's choices, as the reader picks it (not the proposal
  // with the choices laid over it: a sheet chosen for one role is no longer guessed for another).
  const sheets: SheetChoices = React.useMemo(() => survey?.picked ?? {}, [survey]);
  const grid = (name: string | undefined): SheetGrid | undefined => gridOf(workbook, name);
  // The Rules view reads both sheets through the columns the user chose, as the Check step will.
  const viewOptions = React.useMemo(() => ({ columns: columns.rules, budgetColumns: columns.budget }), [columns]);
  const rules = React.useMemo(
    () =>
      workbook ? rulesView(gridOf(workbook, sheets.budget), gridOf(workbook, sheets.rules), viewOptions) : undefined,
    [workbook, sheets, viewOptions],
  );
  const earlierOutput = (workbook?.existing ?? []).filter((s) => ownedRole(s.a2) !== undefined).map((s) => s.name);
  // "" for a role tells the reader not to read one (the user chose none), rather than to guess.
  const choices = { sheets: chosen, columns };
  const key = React.useMemo(() => inputsKey(workbook, { chosen, columns }), [workbook, chosen, columns]);
  const keyOf = (read: WorkbookRead): string => inputsKey(read, { chosen, columns });

  /**
   * Run a workbook call, showing `what` meanwhile and its failure after; the call's result, or
   * undefined when it failed or another call was already running (actions do not overlap).
   */
  const doing = async <T>(what: string, call: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(what);
    setFailure(undefined);
    setNotice(undefined);
    try {
      return await call();
    } catch (error) {
      setFailure(messageOf(error));
      return undefined;
    } finally {
      running.current = false;
      setBusy(undefined);
    }
  };
  const reread = async (): Promise<WorkbookRead> => {
    const read = await host.read();
    setWorkbook(read);
    return read;
  };

  const actions: Actions = {
    refresh: async () => {
      await doing("Reading the workbook…", reread);
    },
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
    addSample: async () =>
      (await doing("Adding the sample sheets…", async () => {
        const sample = sampleSheets();
        await host.addSheets(sample);
        setChosen({});
        setColumns({});
        await reread();
        setNotice(
          `Added the sample sheets ${sample.map((s) => s.name).join(", ")}. Look at their rules on the Rules step, then Check.`,
        );
        return true;
      })) ?? false,
    createRulesSheet: async () =>
      (await doing("Creating the Rules sheet…", async () => {
        const services = (rules?.rows ?? []).map((r) => r.service);
        if (services.length === 0) throw new Error("No services were found on the Budget sheet to make rules for.");
        const name = freeSheetName(new Set(workbook?.existing.map((s) => sheetKey(s.name))), "Rules");
        await host.addSheets([newRulesSheet(services, name)]);
        setChosen((c) => ({ ...c, rules: name }));
        setColumns((c) => ({ ...c, rules: {} }));
        await reread();
        setNotice(`Added the sheet ${name} with a row for each of the ${services.length} services. Fill in each rule.`);
        return true;
      })) ?? false,
    editRule: async (service, typed) => {
      const errors: Partial<Record<RuleField, string>> = {};
      const sheet = sheets.rules;
      const read = grid(sheet);
      if (!sheet || !read) {
        setFailure("There is no Rules sheet to write to: create one first.");
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
        setNotice(`Saved the rule for ${service} to ${sheet}.`);
      });
      return { saved: written, errors };
    },
    check: () =>
      doing("Checking the workbook…", async () => {
        const read = await reread();
        const prepared = prepareRun(read.grids, read.existing, { ...choices, when: now(), source: "this workbook" });
        setCheck({ key: keyOf(read), prepared });
        return prepared;
      }),
    run: async () => {
      const result = await doing("Writing the tables…", async () => {
        try {
          const written = await host.apply({
            ...choices,
            when: now(),
            onProgress: (step, done, total) => setProgress({ step, done, total }),
          });
          const read = await reread();
          setRun({ key: keyOf(read), result: written });
          // A run that found errors is a check too: the Check step lists them.
          if (!written.results) setCheck({ key: keyOf(read), prepared: { problems: written.problems, notes: [] } });
          return written;
        } finally {
          setProgress(undefined);
        }
      });
      return result;
    },
    select: async (sheet, cell) => {
      await doing(`Selecting ${cell ? `${sheet}!${cell}` : sheet}…`, () => host.select(sheet, cell));
    },
    dismissFailure: () => setFailure(undefined),
    dismissNotice: () => setNotice(undefined),
  };

  const first = React.useRef(true);
  React.useEffect(() => {
    if (!first.current) return;
    first.current = false;
    void actions.refresh();
  });

  const names = new Set((workbook?.existing ?? []).map((s) => sheetKey(s.name)));
  return [
    {
      workbook,
      survey,
      sheets,
      columns,
      rules,
      check: check?.key === key ? check.prepared : undefined,
      run: run?.result,
      runIsStale: run !== undefined && run.key !== key,
      progress,
      busy,
      failure,
      notice,
      earlierOutput,
      hasSheet: (sheet) => names.has(sheetKey(sheet)),
    },
    actions,
  ];
}
