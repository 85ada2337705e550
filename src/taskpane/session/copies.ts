/**
 * The Results step's copies of the figures for people without the add-in: each partner's
 * statement sheet written into the workbook. Which earlier statement sheets a new run would
 * replace is worked out from the workbook as read (the workbook layer's placeStatements), so the
 * pane can ask before anything is written; the host checks it again when it writes.
 */
import type { StatementsResult, WorkbookHost } from "../../workbook/host";
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
}

export function useCopies(
  host: WorkbookHost,
  book: OpenWorkbook,
  { chosen, columns }: Choices,
  { doing }: Activity,
  now: () => Date,
): Copies {
  const [statements, setStatements] = React.useState<StatementsResult>();
  return {
    statements,
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
