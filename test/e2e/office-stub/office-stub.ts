/**
 * A stand-in for Office.js, served at Microsoft's CDN URL when test/e2e/page.e2e.test.ts loads the
 * production build's taskpane.html in Chromium. It gives the page what Excel's shared runtime
 * gives it: `Office` (onReady, HostType, context), `Excel.run` over an in-memory workbook
 * (test/office/fake-excel.ts) and `CustomFunctions` (associate, Error, ErrorCode), recording what
 * the page registers. test/e2e/webpack.e2e.js builds it.
 *
 * The page's query string says where the page is:
 * - `office=excel` (default): Office.onReady resolves at once with host Excel;
 * - `office=pending`: Office.onReady never resolves (Office still starting);
 * - `office=elsewhere`: a plain browser with Office.js: onReady resolves with no host, and there is
 *   no CustomFunctions (functions=none is then implied).
 * - `functions=none`: no CustomFunctions global.
 */
import { FakeWorkbook } from "../../office/fake-excel";

type Fn = (...args: unknown[]) => unknown;

/** CustomFunctions.Error as the runtime has it: a code and a message. */
class StubError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

/** What a call gave back, in a form that crosses page.evaluate. */
export type CallResult = { value: unknown } | { error: string; message?: string } | { thrown: string };

export interface OfficeStub {
  /** The ids registered with CustomFunctions.associate, in order. */
  ids(): string[];
  /** Calls a registered function as Excel would; errors come back as { error, message }. */
  call(id: string, args: unknown[]): CallResult;
  /** How many times Office.onReady had been asked when the first function was registered (null: none was). */
  onReadyCallsBeforeRegistering(): number | null;
}

declare global {
  interface Window {
    officeStub: OfficeStub;
  }
}

const params = new URLSearchParams(location.search);
const where = params.get("office") ?? "excel";
const withFunctions = where !== "elsewhere" && params.get("functions") !== "none";

const registered = new Map<string, Fn>();
const order: string[] = [];
let readyCalls = 0;
let readyCallsBeforeRegistering: number | null = null;

const book = FakeWorkbook.fromGrids([{ name: "Sheet1", values: [] }]);
const info = { host: where === "excel" ? "Excel" : null, platform: where === "excel" ? "PC" : null };
const ready: Promise<typeof info> = where === "pending" ? new Promise(() => undefined) : Promise.resolve(info);

const g = window as unknown as Record<string, unknown>;
g.Office = {
  HostType: { Excel: "Excel" },
  PlatformType: { PC: "PC" },
  onReady(callback?: (i: typeof info) => void) {
    readyCalls++;
    return ready.then((i) => {
      callback?.(i);
      return i;
    });
  },
  context: {
    requirements: { isSetSupported: () => where === "excel" },
  },
};
g.Excel = {
  run: async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const result = await batch(book.context);
    await book.context.sync();
    return result;
  },
};
if (withFunctions)
  g.CustomFunctions = {
    Error: StubError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
    associate(id: string, fn: Fn) {
      if (registered.has(id)) throw new Error(`${id} associated twice`);
      readyCallsBeforeRegistering ??= readyCalls;
      registered.set(id, fn);
      order.push(id);
    },
  };

window.officeStub = {
  ids: () => [...order],
  call(id, args) {
    const fn = registered.get(id);
    if (!fn) return { thrown: `${id} is not registered` };
    try {
      return { value: fn(...args) };
    } catch (e) {
      if (e instanceof StubError) return { error: e.code, message: e.message };
      return { thrown: String(e) };
    }
  },
  onReadyCallsBeforeRegistering: () => readyCallsBeforeRegistering,
};
