/**
 * The task pane's end-to-end harness: the real App, in a real browser, over the in-memory
 * workbook of test/office/fake-excel.ts instead of Office.js. test/e2e/webpack.e2e.js builds it;
 * test/e2e/taskpane.e2e.test.ts drives it through `window.harness`.
 */
import { createRoot, type Root } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../../src/taskpane/App";
import { type ExcelRun, officeHost } from "../../../src/office/host";
import type { CellValue, SheetGrid } from "../../../src/workbook/grid";
import type { HostStatus } from "../../../src/taskpane/host";
import { FakeWorkbook } from "../../office/fake-excel";

/** How the pane is started: by default inside Excel; `host` as detectHost would resolve it otherwise. */
export interface HarnessOptions {
  host?: HostStatus;
}

/** What the page exposes as `window.harness`. Everything it returns can cross page.evaluate. */
export interface Harness {
  /** A new workbook with these sheets (none: one blank "Sheet1"), and the task pane over it. */
  start(grids: SheetGrid[], options?: HarnessOptions): void;
  /** A sheet's values from A1 to the end of its used range (null: blank; errors as {error}). */
  values(sheet: string): CellValue[][];
  /** A sheet's formulas where a cell has one, values elsewhere (errors as their text). */
  formulas(sheet: string): (string | number | boolean | null)[][];
  sheetNames(): string[];
  /** The sheet and range last activated or selected, if any. */
  selection(): { sheet: string; address: string } | null;
  /** How many context.sync() calls the task pane has made on this workbook. */
  syncs(): number;
}

declare global {
  interface Window {
    harness: Harness;
  }
}

let root: Root | undefined;
let workbook: FakeWorkbook | undefined;

function book(): FakeWorkbook {
  if (!workbook) throw new Error("harness.start(grids) has not been called");
  return workbook;
}

window.harness = {
  start(grids, options = {}) {
    const made = FakeWorkbook.fromGrids(grids.length > 0 ? grids : [{ name: "Sheet1", values: [] }]);
    workbook = made;
    // As Excel.run does: the batch gets the context, and whatever it queued last is synced after it.
    const run: ExcelRun = async (batch) => {
      const result = await batch(made.context);
      await made.context.sync();
      return result;
    };
    root?.unmount();
    root = createRoot(document.getElementById("container") as HTMLElement);
    root.render(
      <FluentProvider theme={webLightTheme}>
        <App host={Promise.resolve(options.host ?? { kind: "excel" })} workbook={officeHost(run)} />
      </FluentProvider>,
    );
  },
  values: (sheet) => book().values(sheet),
  formulas: (sheet) => book().formulas(sheet),
  sheetNames: () => book().sheetNames(),
  selection: () => book().selection ?? null,
  syncs: () => book().syncs.length,
};
