/** The workbook as the pane last read it through its host, and what it says about the sheets in it. */
import * as React from "react";
import type { SheetGrid } from "../../workbook/grid";
import type { WorkbookHost, WorkbookRead } from "../../workbook/host";
import { ownedRole, sheetNameKey as sheetKey } from "../../workbook/owned";

export interface OpenWorkbook {
  /** Undefined while the first read is under way. */
  workbook?: WorkbookRead;
  /** Read the workbook again and keep what was read. */
  reread(): Promise<WorkbookRead>;
  /** The grid of the sheet of this name, as read. */
  grid(name: string | undefined): SheetGrid | undefined;
  /** The add-in's own output sheets now in the workbook (an earlier run's output), which a run replaces; not its statement sheets, which a run leaves alone. */
  earlierOutput: string[];
  /** Whether a sheet of this name is in the workbook (Excel's names ignore case). */
  hasSheet(sheet: string): boolean;
  /** The keys (sheetNameKey) of every sheet's name. */
  names: Set<string>;
}

export const gridOf = (workbook: WorkbookRead | undefined, name: string | undefined): SheetGrid | undefined =>
  name === undefined ? undefined : workbook?.grids.find((g) => g.name === name);

export function useWorkbook(host: WorkbookHost): OpenWorkbook {
  const [workbook, setWorkbook] = React.useState<WorkbookRead>();
  const reread = async (): Promise<WorkbookRead> => {
    const read = await host.read();
    setWorkbook(read);
    return read;
  };
  const existing = workbook?.existing ?? [];
  const names = new Set(existing.map((s) => sheetKey(s.name)));
  return {
    workbook,
    reread,
    grid: (name) => gridOf(workbook, name),
    earlierOutput: existing
      .filter((s) => ownedRole(s.a2) !== undefined && ownedRole(s.a2) !== "statement")
      .map((s) => s.name),
    hasSheet: (sheet) => names.has(sheetKey(sheet)),
    names,
  };
}
