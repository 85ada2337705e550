import { createRoot } from "react-dom/client";
import { FluentProvider } from "@fluentui/react-components";
import { excelHost } from "../office/host";
import { App } from "./App";
import { detectHost, officeTheme } from "./host";

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
        <App host={host} workbook={excelHost()} />
      </FluentProvider>,
    );
  render();
  // The Office theme is known once Office has started.
  void host.then(render);
}
