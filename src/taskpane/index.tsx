import { createRoot } from "react-dom/client";
import { FluentProvider } from "@fluentui/react-components";
import { officeFileApi, officeFiles } from "../office/file";
import { excelHost } from "../office/host";
import type { WorkbookFiles } from "../workbook/host";
import { App } from "./App";
import { detectHost, officeTheme } from "./host";

// "Save a copy with values": the file through Office.js, changed by the .xlsx adapter, which is
// loaded (with JSZip) as a chunk of its own only when the button is first used.
const files: WorkbookFiles = {
  ...officeFiles(officeFileApi(), (batch) => Excel.run(batch)),
  withValues: async (file, supplied) =>
    (await import(/* webpackChunkName: "values-copy" */ "../xlsx/values-copy")).fileWithValues(file, supplied),
};

// In the shared runtime this page is also the functions' runtime, loaded (often hidden) before the
// pane is ever shown; the functions are registered by their own bundle (src/functions/register.ts),
// which runs first and does not depend on anything here.
const container = document.getElementById("container");
if (container) {
  const host = detectHost();
  const root = createRoot(container);
  const render = (): void =>
    root.render(
      <FluentProvider theme={officeTheme()} style={{ minHeight: "100vh" }}>
        <App host={host} workbook={excelHost()} files={files} />
      </FluentProvider>,
    );
  render();
  // The Office theme is known once Office has started.
  void host.then(render);
}
