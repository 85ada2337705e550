/**
 * The Results step's copies of the figures for people without the add-in: each partner's
 * statement sheet written into the workbook, and a copy of the whole workbook with the add-in's
 * formulas as values, opened as a new workbook. Which earlier statement sheets a new run would
 * replace is worked out from the workbook as read (the workbook layer's placeStatements), so the
 * pane can ask before anything is written; the host checks it again when it writes.
 */
import { sheetCellKey } from "../../workbook/a1";
import { isErrorCell } from "../../workbook/grid";
import type { StatementsResult, WorkbookFiles, WorkbookHost } from "../../workbook/host";
import { placeStatements } from "../../workbook/statement/sheets";
import type { Activity } from "./activity";
import type { Choices } from "./choices";
import type { OpenWorkbook } from "./workbook";
import * as React from "react";

export interface Copies {
  /** The last statements written (or the problems that stopped them). */
  statements?: StatementsResult;
  /** The add-in's statement sheets that writing the statements for these partners would replace. */
  statementsToReplace(partners: readonly string[]): string[];
  /** Write every partner's statement sheet, replacing only the earlier ones named. */
  writeStatements(replace: readonly string[]): Promise<StatementsResult | undefined>;
  /** What the last "Save a copy with values" did. */
  valuesCopy?: ValuesCopyResult;
  /** The workbook with its =SHARED formulas as values, opened as a new workbook; the open one is unchanged. */
  saveValuesCopy(): Promise<ValuesCopyResult | undefined>;
}

export type ValuesCopyResult =
  /** Opened: how many formulas became values, on which sheets. */
  | { opened: true; replaced: number; sheets: string[] }
  /** Not made, and why, in words for the user (this Excel cannot, or Excel is still calculating). */
  | { opened: false; reason: string };

/** What a SHARED formula shows before it has a result: a copy must not keep it as a value. */
const NOT_CALCULATED: Record<string, string> = {
  "#BUSY!": "Excel is still calculating",
  "#NAME?": "the add-in's functions have not been loaded",
  "#CALC!": "Excel could not calculate it",
};

/** The copy with values: the file from Excel, the values put in (read from Excel where the file has none), opened. */
async function makeValuesCopy(files: WorkbookFiles | undefined): Promise<ValuesCopyResult> {
  if (!files) return { opened: false, reason: "Saving a copy with values is not available here." };
  const unsupported = files.unsupported();
  if (unsupported !== undefined) return { opened: false, reason: unsupported };
  const file = await files.file();
  let made = await files.withValues(file);
  if ("missing" in made) {
    const cells = made.missing;
    const values = await files.cellValues(cells);
    const pending = values.findIndex((v) => isErrorCell(v) && NOT_CALCULATED[v.error] !== undefined);
    if (pending >= 0) {
      const shown = values[pending] as { error: string };
      return {
        opened: false,
        reason:
          `${sheetCellKey(cells[pending])} shows ${shown.error}: ${NOT_CALCULATED[shown.error]}. ` +
          "Wait until every figure shows, then try again; nothing was made.",
      };
    }
    made = await files.withValues(file, new Map(cells.map((c, i) => [sheetCellKey(c), values[i]])));
    if ("missing" in made) throw new Error(`Internal error: no value for ${sheetCellKey(made.missing[0])}.`);
  }
  await files.open(made.bytes);
  return { opened: true, replaced: made.replaced, sheets: made.sheets };
}

export function useCopies(
  host: WorkbookHost,
  book: OpenWorkbook,
  { chosen, columns }: Choices,
  { doing }: Activity,
  now: () => Date,
  files?: WorkbookFiles,
): Copies {
  const [statements, setStatements] = React.useState<StatementsResult>();
  const [valuesCopy, setValuesCopy] = React.useState<ValuesCopyResult>();
  return {
    statements,
    valuesCopy,
    saveValuesCopy: () =>
      doing("Making a copy with values…", async () => {
        setValuesCopy(undefined);
        const made = await makeValuesCopy(files);
        setValuesCopy(made);
        return made;
      }),
    statementsToReplace: (partners) => placeStatements(book.workbook?.existing ?? [], partners).reuse,
    writeStatements: (replace) =>
      doing("Writing the partner statements…", async () => {
        try {
          const written = await host.writeStatements({ sheets: chosen, columns, when: now(), replace });
          setStatements(written);
          return written;
        } finally {
          await book.reread();
        }
      }),
  };
}
