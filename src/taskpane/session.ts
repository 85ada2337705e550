/**
 * The task pane's state and what each step does with the workbook, in one hook so the components
 * only show it. Every rule lives in the pure workbook layer (survey, rules sheet, prepare) and every
 * workbook call goes through the WorkbookHost, so the same code runs in Excel and in tests.
 */
import * as React from "react";
import type { CellWrite, WorkbookHost } from "../office/host";
import type { WorkbookRead } from "../office/read";
import type { RunResult } from "../office/run";
import { sampleSheets } from "../sample/sample";
import type { SheetGrid } from "../workbook/grid";
import { ownedRole } from "../workbook/owned";
import { Prepared, prepareRun } from "../workbook/prepare";
import type { Role } from "../workbook/read";
import type { Field } from "../workbook/read/headings";
import { Survey, surveyWorkbook } from "../workbook/read/survey";
import { RuleField, RulesView, newRulesSheet, ruleEdit, rulesView } from "../workbook/rules-sheet";

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
  /** The sheet for each role: the user's choice, else the proposal. */
  sheets: SheetChoices;
  /** The user's column choices (only those they changed). */
  columns: ColumnChoices;
  rules?: RulesView;
  /** The last check, and whether the workbook has changed since (a re-check is needed). */
  check?: Prepared;
  run?: RunResult;
  progress?: Progress;
  /** What the pane is doing now, for a spinner; undefined when idle. */
  busy?: string;
  /** The last thing that failed, in words for the user. */
  failure?: string;
  /** What the last change to the workbook did (sample added, Rules sheet made, rule saved). */
  notice?: string;
  /** The add-in's own sheets now in the workbook (an earlier run's output). */
  earlierOutput: string[];
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

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Grid values with the writes applied, so several edits to one Rules sheet can be planned before any is sent. */
export function withWrites(grid: SheetGrid, writes: readonly CellWrite[]): SheetGrid {
  const values = grid.values.map((row) => [...row]);
  for (const w of writes) {
    while (values.length < w.row) values.push([]);
    const row = values[w.row - 1];
    while (row.length < w.column) row.push(null);
    row[w.column - 1] = w.value;
  }
  return { name: grid.name, values };
}

const gridOf = (workbook: WorkbookRead | undefined, name: string | undefined): SheetGrid | undefined =>
  name === undefined ? undefined : workbook?.grids.find((g) => g.name === name);

export function useSession(host: WorkbookHost, options: { now?: () => Date } = {}): [Session, Actions] {
  const [workbook, setWorkbook] = React.useState<WorkbookRead>();
  const [chosen, setChosen] = React.useState<SheetChoices>({});
  const [columns, setColumns] = React.useState<ColumnChoices>({});
  const [check, setCheck] = React.useState<Prepared>();
  const [run, setRun] = React.useState<RunResult>();
  const [progress, setProgress] = React.useState<Progress>();
  const [busy, setBusy] = React.useState<string>();
  const [failure, setFailure] = React.useState<string>();
  const [notice, setNotice] = React.useState<string>();
  const now = options.now ?? (() => new Date());

  const survey = React.useMemo(
    () => (workbook ? surveyWorkbook(workbook.grids, workbook.existing, chosen, columns) : undefined),
    [workbook, chosen, columns],
  );
  // A role the user set to "none" is kept as "" so the proposal does not come back.
  const sheets: SheetChoices = React.useMemo(() => {
    const merged: SheetChoices = { ...(survey?.proposed ?? {}) };
    for (const [role, name] of Object.entries(chosen) as [Role, string][]) {
      if (name === "") delete merged[role];
      else merged[role] = name;
    }
    return merged;
  }, [survey, chosen]);
  const grid = (name: string | undefined): SheetGrid | undefined => gridOf(workbook, name);
  const rules = React.useMemo(
    () =>
      workbook
        ? rulesView(gridOf(workbook, sheets.budget), gridOf(workbook, sheets.rules), {
            columns: columns.rules,
            budgetColumns: columns.budget,
          })
        : undefined,
    [workbook, sheets, columns],
  );
  const earlierOutput = (workbook?.existing ?? []).filter((s) => ownedRole(s.a2) !== undefined).map((s) => s.name);

  /** Run a workbook call, showing `what` meanwhile and its failure after; the call's result, or undefined. */
  const doing = async <T>(what: string, call: () => Promise<T>): Promise<T | undefined> => {
    setBusy(what);
    setFailure(undefined);
    setNotice(undefined);
    try {
      return await call();
    } catch (error) {
      setFailure(messageOf(error));
      return undefined;
    } finally {
      setBusy(undefined);
    }
  };
  const reread = async (): Promise<WorkbookRead> => {
    const read = await host.read();
    setWorkbook(read);
    return read;
  };
  // "" for a role tells the reader not to read one (the user chose none), rather than to guess.
  const choices = { sheets: chosen, columns };

  const actions: Actions = {
    refresh: async () => {
      await doing("Reading the workbook…", reread);
    },
    chooseSheet: (role, sheet) => {
      setChosen((c) => ({ ...c, [role]: sheet ?? "" }));
      setColumns((c) => ({ ...c, [role]: {} })); // another sheet has other headings
      setCheck(undefined);
    },
    chooseColumn: (role, field, heading) => {
      setColumns((c) => {
        const mine = { ...(c[role] ?? {}) };
        if (heading === undefined) delete mine[field];
        else mine[field] = heading;
        return { ...c, [role]: mine };
      });
      setCheck(undefined);
    },
    addSample: async () =>
      (await doing("Adding the sample sheets…", async () => {
        const sample = sampleSheets();
        await host.addSheets(sample);
        setChosen({});
        setColumns({});
        setCheck(undefined);
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
        const taken = new Set(workbook?.existing.map((s) => s.name.toLowerCase()));
        let name = "Rules";
        for (let n = 2; taken.has(name.toLowerCase()); n++) name = `Rules (${n})`;
        await host.addSheets([newRulesSheet(services, name)]);
        setChosen((c) => ({ ...c, rules: name }));
        setColumns((c) => ({ ...c, rules: {} }));
        setCheck(undefined);
        await reread();
        setNotice(`Added the sheet ${name} with a row for each of the ${services.length} services. Fill in each rule.`);
        return true;
      })) ?? false,
    editRule: async (service, typed) => {
      const errors: Partial<Record<RuleField, string>> = {};
      const sheet = sheets.rules;
      let rulesGrid = grid(sheet);
      if (!sheet || !rulesGrid || !rules) {
        setFailure("There is no Rules sheet to write to: create one first.");
        return { saved: false, errors };
      }
      let view = rules;
      const writes: CellWrite[] = [];
      for (const [field, text] of Object.entries(typed) as [RuleField, string][]) {
        const edit = ruleEdit(view, rulesGrid, service, field, text);
        if ("error" in edit) {
          errors[field] = edit.error;
          continue;
        }
        writes.push(...edit.writes);
        rulesGrid = withWrites(rulesGrid, edit.writes);
        view = rulesView(grid(sheets.budget), rulesGrid, { columns: columns.rules, budgetColumns: columns.budget });
      }
      if (Object.keys(errors).length > 0) return { saved: false, errors };
      if (writes.length === 0) return { saved: true, errors };
      // The form stays open when the write fails (the sheet deleted meanwhile), so nothing typed is lost.
      const saved = await doing(`Writing the rule for ${service} to ${sheet}…`, async () => {
        await host.writeCells(sheet, writes);
        setCheck(undefined);
        setNotice(`Saved the rule for ${service} to ${sheet}.`);
        return true;
      });
      if (!saved)
        await reread().catch(() => undefined); // show the workbook as it now is
      else await reread();
      return { saved: saved === true, errors };
    },
    check: () =>
      doing("Checking the workbook…", async () => {
        const read = await reread();
        const prepared = prepareRun(read.grids, read.existing, { ...choices, when: now(), source: "this workbook" });
        setCheck(prepared);
        return prepared;
      }),
    run: async () => {
      setRun(undefined);
      const result = await doing("Writing the tables…", () =>
        host.apply({
          ...choices,
          when: now(),
          onProgress: (step, done, total) => setProgress({ step, done, total }),
        }),
      );
      setProgress(undefined);
      if (result) {
        setRun(result);
        setCheck(result.results ? undefined : { problems: result.problems, notes: [] });
        await doing("Reading the workbook…", reread);
      }
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

  return [
    { workbook, survey, sheets, columns, rules, check, run, progress, busy, failure, notice, earlierOutput },
    actions,
  ];
}
