/**
 * Where the task pane is running. Outside Excel (a plain browser, or office.js not loaded) the
 * pane says so instead of failing silently.
 */
export type HostStatus = { kind: "excel" } | { kind: "elsewhere"; reason: string };

/** Resolves once Office has started, or at once when there is no Office at all. */
export function detectHost(): Promise<HostStatus> {
  if (typeof Office === "undefined") {
    return Promise.resolve({ kind: "elsewhere", reason: "Office.js did not load, so this page is not inside Excel." });
  }
  return Office.onReady().then((info) =>
    info.host === Office.HostType.Excel
      ? { kind: "excel" }
      : { kind: "elsewhere", reason: "This page is open outside Excel." },
  );
}
