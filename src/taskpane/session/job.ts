/**
 * The Check and Run steps' work: check without writing, write the tables, and whether the last
 * check or run still describes the workbook and the user's choices.
 */
import * as React from "react";
import { isErrorCell } from "../../workbook/grid";
import type { RunResult, WorkbookHost, WorkbookRead } from "../../workbook/host";
import { Prepared, prepareRun } from "../../workbook/prepare";
import type { Activity } from "./activity";
import type { Choices } from "./choices";
import type { OpenWorkbook } from "./workbook";

export interface Progress {
  step: "read" | "write";
  done: number;
  total: number;
}

export interface Job {
  /** The last check, while the inputs and choices are as they were when it was made. */
  check?: Prepared;
  /** The last run's result. */
  run?: RunResult;
  /** The inputs or choices have changed since the last run wrote its tables: its results are out of date. */
  runIsStale: boolean;
  progress?: Progress;
  checkNow(): Promise<Prepared | undefined>;
  runNow(): Promise<RunResult | undefined>;
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
      for (const v of row)
        add(
          v === null
            ? ""
            : typeof v === "object"
              ? `#${isErrorCell(v) ? v.error : v.formula}`
              : `${typeof v}:${String(v)}`,
        );
    });
  }
  return `${(hash >>> 0).toString(16)}:${read?.grids.length ?? 0}`;
}

export function useJob(
  host: WorkbookHost,
  book: OpenWorkbook,
  { chosen, columns, scenario }: Choices,
  { doing }: Activity,
  now: () => Date,
): Job {
  const [check, setCheck] = React.useState<{ key: string; prepared: Prepared }>();
  const [run, setRun] = React.useState<{ key: string; result: RunResult }>();
  const [progress, setProgress] = React.useState<Progress>();
  // "" for a role tells the reader not to read one (the user chose none), rather than to guess.
  // The scenario changes the figures, so a run made with another is out of date.
  const choices = { sheets: chosen, columns, scenario };
  const key = React.useMemo(
    () => inputsKey(book.workbook, { chosen, columns, scenario }),
    [book.workbook, chosen, columns, scenario],
  );
  const keyOf = (read: WorkbookRead): string => inputsKey(read, { chosen, columns, scenario });

  return {
    check: check?.key === key ? check.prepared : undefined,
    run: run?.result,
    runIsStale: run !== undefined && run.key !== key,
    progress,
    checkNow: () =>
      doing("Checking the workbook…", async () => {
        const read = await book.reread();
        const prepared = prepareRun(read.grids, read.existing, { ...choices, when: now(), source: "this workbook" });
        setCheck({ key: keyOf(read), prepared });
        return prepared;
      }),
    runNow: () =>
      doing("Writing the tables…", async () => {
        try {
          const written = await host.apply({
            ...choices,
            when: now(),
            onProgress: (step, done, total) => setProgress({ step, done, total }),
          });
          const read = await book.reread();
          setRun({ key: keyOf(read), result: written });
          // A run that found errors is a check too: the Check step lists them.
          if (!written.results) setCheck({ key: keyOf(read), prepared: { problems: written.problems, notes: [] } });
          return written;
        } finally {
          setProgress(undefined);
        }
      }),
  };
}
