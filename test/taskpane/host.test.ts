import * as fs from "fs";
import * as path from "path";
import { EXCEL_API, detectHost, luminance, officeTheme } from "../../src/taskpane/host";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";

type OfficeStub = {
  onReady: () => Promise<{ host: string | null }>;
  HostType: { Excel: string };
  context?: { requirements: { isSetSupported(name: string, version: string): boolean } };
};
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

  test("inside an Excel without the API the manifest declares, it says so", async () => {
    const asked: string[] = [];
    g.Office = {
      onReady: () => Promise.resolve({ host: "Excel" }),
      HostType: { Excel: "Excel" },
      context: {
        requirements: {
          isSetSupported: (name, version) => {
            asked.push(`${name} ${version}`);
            return false;
          },
        },
      },
    };
    const status = await detectHost();
    expect(asked).toEqual(["ExcelApi 1.9"]);
    expect(status).toEqual({
      kind: "elsewhere",
      reason:
        "This version of Excel does not have the Excel JavaScript API 1.9 the add-in needs: update Excel, or use Excel on the web.",
    });
  });

  test("the API version asked for is the manifest's", () => {
    const manifest = fs.readFileSync(path.join(__dirname, "../../manifest.xml"), "utf8");
    expect(manifest).toContain(`<Set Name="ExcelApi" MinVersion="${EXCEL_API}"/>`);
  });

  test("inside Excel", async () => {
    g.Office = { onReady: () => Promise.resolve({ host: "Excel" }), HostType: { Excel: "Excel" } };
    await expect(detectHost()).resolves.toEqual({ kind: "excel" });
  });
});

describe("officeTheme", () => {
  const withBackground = (color: string | undefined): void => {
    g.Office = {
      onReady: () => Promise.resolve({ host: "Excel" }),
      HostType: { Excel: "Excel" },
      context: { officeTheme: { bodyBackgroundColor: color } } as unknown as OfficeStub["context"],
    };
  };

  test("Fluent's dark theme under Office's Black and Dark Gray task pane backgrounds", () => {
    withBackground("#262626");
    expect(officeTheme()).toBe(webDarkTheme);
    withBackground("#444444");
    expect(officeTheme()).toBe(webDarkTheme);
  });

  test("the light theme under Colorful and White, and where Office gives no colour", () => {
    withBackground("#FFFFFF");
    expect(officeTheme()).toBe(webLightTheme);
    withBackground("#e6e6e6");
    expect(officeTheme()).toBe(webLightTheme);
    withBackground(undefined);
    expect(officeTheme()).toBe(webLightTheme);
    delete g.Office;
    expect(officeTheme()).toBe(webLightTheme);
  });

  test("luminance follows WCAG: black 0, white 1, mid grey about 0.216", () => {
    expect(luminance("#000000")).toBe(0);
    expect(luminance("#ffffff")).toBeCloseTo(1, 10);
    expect(luminance("#808080")).toBeCloseTo(0.2159, 4);
    expect(luminance("red")).toBeUndefined();
  });
});
