/**
 * What the task pane asks of the workbook, without Office: the WorkbookHost is its one door to the
 * workbook, and these are the types that cross it. src/office/host.ts implements it over Excel.run
 * (or an in-memory workbook in tests); only the pane's entry (src/taskpane/index.tsx) wires that in,
 * so the pane itself never imports Office.js. Pure: types only.
 */
import type { CellGuard, CellWrite, InputSheet } from "./edit/input-sheet";
import type { CellValue, SheetGrid } from "./grid";
import type { ExistingSheet } from "./owned";
import type { PlanResults } from "./plan";
import type { Problem } from "./problems";
import type { ReadOptions as SheetChoice } from "./read";

export type { CellGuard, CellWrite, InputSheet } from "./edit/input-sheet";

export interface WorkbookRead {
  /** The user's sheets, in workbook order, values[0][0] being A1. The add-in's own sheets are left out. */
  grids: SheetGrid[];
  /** Every sheet, in workbook order, with its A2 value (for placeSheets). */
  existing: ExistingSheet[];
}

export interface WorkbookReadOptions {
  /** Called after every context.sync() with the syncs done so far and the syncs expected in all. */
  onProgress?(done: number, total: number): void;
}

export interface RunOptions {
  /** Which sheet plays each role, where the user chose. */
  sheets?: SheetChoice["sheets"];
  /** Which column holds each field, where the user chose (by heading text). */
  columns?: SheetChoice["columns"];
  /** For estimates given as ranges (RULES.md §1): the scenario the tables show; mid unless chosen. */
  scenario?: SheetChoice["scenario"];
  /** When the tables are made; now unless a test fixes it. */
  when?: Date;
  /** Progress through the reading and then the writing: done and total syncs of the current step. */
  onProgress?(step: "read" | "write", done: number, total: number): void;
}

export interface RunResult {
  /** Every problem found (errors and warnings); when any is an error nothing was written. */
  problems: Problem[];
  /** What was written, when it was. */
  summary?: string[];
  /** The figures of what was written, for the task pane's Results step. */
  results?: PlanResults;
  /** context.sync() calls and the largest request, for the write. */
  write?: { syncs: number; largestRequestBytes: number };
}

/** The task pane's "Partner statements": one statement sheet per partner, written into the workbook. */
export interface StatementsOptions extends RunOptions {
  /**
   * The add-in's earlier statement sheets the user agreed to replace. If the workbook now holds
   * another that would be replaced (it changed since the pane asked), nothing is written.
   */
  replace?: readonly string[];
}

export interface StatementsResult {
  /** Every problem found (errors and warnings); when any is an error nothing was written. */
  problems: Problem[];
  /** Each partner's statement sheet, in the partners' order, when written. */
  sheets?: { partner: string; name: string }[];
  /** What was written, when it was. */
  summary?: string[];
  /** context.sync() calls and the largest request, for the write. */
  write?: { syncs: number; largestRequestBytes: number };
}

/** One cell of a sheet, as "Sheet!A1" names it. */
export interface SheetCell {
  sheet: string;
  address: string;
}

/** The workbook's file with the add-in's formulas as values, or the cells whose values the file lacks. */
export type ValuesFile =
  | {
      bytes: Uint8Array;
      /** How many cells had a formula of the add-in's replaced by its value. */
      replaced: number;
      /** The sheets those cells are on, in workbook order. */
      sheets: string[];
    }
  | {
      /** Formulas of the add-in's saved with no value: read them from Excel and pass them back. */
      missing: SheetCell[];
    };

/**
 * The open workbook as a file, for the task pane's "Save a copy with values" (issue 18): Office.js
 * (src/office/file.ts) for the file and the new workbook, the .xlsx adapter (src/xlsx/values-copy.ts)
 * for the change; src/taskpane/index.tsx puts the two together.
 */
export interface WorkbookFiles {
  /** Why this Excel cannot make the copy (a requirement set it lacks), in words for the user; undefined if it can. */
  unsupported(): string | undefined;
  /** The open workbook as an .xlsx file, as Excel would save it now. */
  file(): Promise<Uint8Array>;
  /** These cells' values as Excel shows them now, in one batched read. */
  cellValues(cells: readonly SheetCell[]): Promise<CellValue[]>;
  /** The file with every =SHARED formula replaced by its value (from the file, or `supplied` by "Sheet!A1"). */
  withValues(file: Uint8Array, supplied?: ReadonlyMap<string, CellValue>): Promise<ValuesFile>;
  /** Opens an .xlsx file as a new workbook in Excel; the open one is not changed. */
  open(file: Uint8Array): Promise<void>;
}

export interface WorkbookHost {
  /** Every sheet's values (the add-in's own left out) and every sheet's name and A2 marker. */
  read(options?: WorkbookReadOptions): Promise<WorkbookRead>;
  /** Read, check, plan and write the output sheets: the main job. */
  apply(options?: RunOptions): Promise<RunResult>;
  /** Read, check and write each partner's statement sheet (values and plain formulas only). */
  writeStatements(options?: StatementsOptions): Promise<StatementsResult>;
  /** Add these sheets after the last one. Refuses, adding none, if any name is taken. */
  addSheets(sheets: readonly InputSheet[]): Promise<void>;
  /**
   * Put values in cells of one of the user's sheets. Refuses, writing nothing, the add-in's own
   * sheets and any write whose guards (the cells it was worked out from) have changed since.
   */
  writeCells(sheet: string, writes: readonly CellWrite[], guards?: readonly CellGuard[]): Promise<void>;
  /** Show a sheet and select a cell on it (A1 when none is given), as a link to it would. */
  select(sheet: string, cell?: string): Promise<void>;
}
