/**
 * Registers the SHARED functions with Excel: the functions bundle's entry point (dist/functions.js).
 *
 * In the shared runtime the task pane's page (taskpane.html) loads this bundle before the pane's
 * own, so the functions are registered as the page loads, whether or not the pane is ever shown,
 * and never wait on React. `CustomFunctions` is defined by Office.js inside Excel (and by Excel's
 * JavaScript-only runtime); in a plain browser or the pane's tests it does not exist, and then
 * nothing is registered and nothing throws.
 *
 * Registration happens at once, not after `await Office.onReady()`: associating a function after
 * an await makes its first calculation fail with #VALUE! (reported on Microsoft Q&A, "Calling
 * CustomFunctions.associate after await causes first invocation to fail"), and Microsoft's
 * template associates at the top level of its functions file. Should `CustomFunctions` appear only
 * once Office has started, the functions are registered when Office.onReady says this is Excel.
 *
 * The ids are functions.json's (the metadata generator upper-cases each function's name);
 * test/functions/bundle.test.ts and test/e2e/page.e2e.test.ts check that every id in the built
 * functions.json is registered.
 */
import { apportion, breakeven, equal, partyear, profile, shares, transition, variance } from "./functions";

/** Each function by the id Excel knows it by. */
export const FUNCTIONS: Readonly<Record<string, (...args: never[]) => unknown>> = {
  APPORTION: apportion,
  SHARES: shares,
  EQUAL: equal,
  TRANSITION: transition,
  VARIANCE: variance,
  PROFILE: profile,
  PARTYEAR: partyear,
  BREAKEVEN: breakeven,
};

interface Registry {
  associate(id: string, fn: (...args: never[]) => unknown): void;
}

/** Office's custom-functions registry, where this page runs inside Excel. */
function registry(): Registry | undefined {
  const runtime = (globalThis as { CustomFunctions?: Partial<Registry> }).CustomFunctions;
  return typeof runtime?.associate === "function" ? (runtime as Registry) : undefined;
}

let registered = false;

/** Registers every function once; true when they are (now or already) registered. */
export function registerFunctions(): boolean {
  if (registered) return true;
  const runtime = registry();
  if (!runtime) return false;
  for (const [id, fn] of Object.entries(FUNCTIONS)) runtime.associate(id, fn);
  registered = true;
  return true;
}

if (!registerFunctions() && typeof Office !== "undefined" && typeof Office.onReady === "function") {
  void Office.onReady().then((info) => {
    if (info.host === Office.HostType.Excel) registerFunctions();
  });
}
