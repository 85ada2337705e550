import { createRoot } from "react-dom/client";
import { FluentProvider } from "@fluentui/react-components";
import { excelHost } from "../office/host";
import { App } from "./App";
import { detectHost, officeTheme } from "./host";

const host = detectHost();
const root = createRoot(document.getElementById("container") as HTMLElement);
const render = (): void =>
  root.render(
    <FluentProvider theme={officeTheme()} style={{ minHeight: "100vh" }}>
      <App host={host} workbook={excelHost()} />
    </FluentProvider>,
  );
render();
// The Office theme is known once Office has started.
void host.then(render);
