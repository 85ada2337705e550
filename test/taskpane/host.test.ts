import { detectHost } from "../../src/taskpane/host";

type OfficeStub = { onReady: () => Promise<{ host: string | null }>; HostType: { Excel: string } };
const g = globalThis as unknown as { Office?: OfficeStub };

afterEach(() => {
  delete g.Office;
});

describe("detectHost", () => {
  test("without office.js (a plain browser, or the CDN unreachable) the pane is outside Excel", async () => {
    await expect(detectHost()).resolves.toEqual({
      kind: "elsewhere",
      reason: "Office.js did not load, so this page is not inside Excel.",
    });
  });

  test("office.js loaded but no Office host", async () => {
    g.Office = { onReady: () => Promise.resolve({ host: null }), HostType: { Excel: "Excel" } };
    await expect(detectHost()).resolves.toEqual({ kind: "elsewhere", reason: "This page is open outside Excel." });
  });

  test("inside Excel", async () => {
    g.Office = { onReady: () => Promise.resolve({ host: "Excel" }), HostType: { Excel: "Excel" } };
    await expect(detectHost()).resolves.toEqual({ kind: "excel" });
  });
});
