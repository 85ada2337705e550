import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { detectHost } from "./host";

const root = createRoot(document.getElementById("container") as HTMLElement);
root.render(
  <FluentProvider theme={webLightTheme}>
    <App host={detectHost()} />
  </FluentProvider>,
);
