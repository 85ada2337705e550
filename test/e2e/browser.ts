/**
 * The one way the tests start Chromium: Debian's /usr/bin/chromium (playwright-core cannot
 * download a browser here) with the flags this machine's closed network needs. Without the
 * background-networking flags Chromium keeps opening connections the network refuses and looks up
 * Google's hosts at every start. Headless, with a new empty profile each launch: Playwright's
 * launch() makes a fresh temporary --user-data-dir itself and deletes it when the browser closes
 * (it refuses a --user-data-dir among the arguments), so nothing carries over between runs.
 *
 * Without Chromium a suite is skipped, saying so, except in CI (CI set), where it fails: `.ci/run`
 * installs Debian's chromium package.
 */
import * as fs from "fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** The flags every launch passes (besides --headless, which Playwright adds for headless: true). */
export const CHROMIUM_FLAGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const inCI = !["", "0", "false"].includes((process.env.CI ?? "").toLowerCase());
export const haveChromium = fs.existsSync(CHROMIUM);

/**
 * `describe` for a suite that needs Chromium: `describe.skip` (with a warning naming the suite)
 * where there is none, except in CI, where the suite runs and its launch fails.
 */
export function describeInBrowser(what: string): jest.Describe {
  if (haveChromium || inCI) return describe;
  console.warn(
    `Skipping ${what}: no Chromium at ${CHROMIUM}. ` +
      "Install Debian's package (apt-get install chromium) to run them; in CI (CI=true) this fails instead.",
  );
  return describe.skip;
}

/** Headless Chromium with the flags above and a fresh profile; close it in afterAll. */
export async function launchChromium(): Promise<Browser> {
  if (!haveChromium)
    throw new Error(`No Chromium at ${CHROMIUM}: .ci/run installs Debian's chromium package before the tests.`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_FLAGS] });
}
