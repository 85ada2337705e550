/**
 * Where the task pane is running, and the Office theme it should follow. Outside Excel (a plain
 * browser, or office.js not loaded) the pane says so instead of failing silently.
 */
import { type Theme, webDarkTheme, webLightTheme } from "@fluentui/react-components";

export type HostStatus = { kind: "excel" } | { kind: "elsewhere"; reason: string };

/** The Excel API the pane needs, as manifest.xml declares it (suspending screen updating is 1.9). */
export const EXCEL_API = "1.9";

/** Resolves once Office has started, or at once when there is no Office at all. */
export function detectHost(): Promise<HostStatus> {
  if (typeof Office === "undefined") {
    return Promise.resolve({ kind: "elsewhere", reason: "Office.js did not load, so this page is not inside Excel." });
  }
  return Office.onReady().then((info): HostStatus => {
    if (info.host !== Office.HostType.Excel) return { kind: "elsewhere", reason: "This page is open outside Excel." };
    // The manifest keeps the add-in out of older Excel, but a pane opened by URL would fail later.
    const requirements = Office.context?.requirements;
    if (requirements && !requirements.isSetSupported("ExcelApi", EXCEL_API))
      return {
        kind: "elsewhere",
        reason: `This version of Excel does not have the Excel JavaScript API ${EXCEL_API} the add-in needs: update Excel, or use Excel on the web.`,
      };
    return { kind: "excel" };
  });
}

/** Relative luminance of #RRGGBB (WCAG's formula), or undefined for anything else. */
export function luminance(hex: string | undefined): number | undefined {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex ?? "");
  if (!m) return undefined;
  const [r, g, b] = m.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Fluent's dark theme when Office's task pane background is dark (the Black and Dark Gray themes),
 * its light theme otherwise. Office.context.officeTheme gives colours on every platform that has
 * it; isDarkTheme is newer, so the background colour is what decides.
 */
export function officeTheme(): Theme {
  const background = typeof Office === "undefined" ? undefined : Office.context?.officeTheme?.bodyBackgroundColor;
  const l = luminance(background);
  return l !== undefined && l < 0.2 ? webDarkTheme : webLightTheme;
}
