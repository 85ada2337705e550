/**
 * Shared helpers for the task pane's component tests: the real App over the in-memory workbook of
 * test/office/fake-excel.ts, through the same WorkbookHost (officeHost) the pane uses in Excel.
 */
import { readFileSync } from "fs";
import * as path from "path";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { type RenderResult, configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import { officeHost } from "../../src/office/host";
import type { RunOptions, RunResult, WorkbookFiles, WorkbookHost } from "../../src/workbook/host";
import { sampleSheets } from "../../src/sample/sample";
import type { CellValue, SheetGrid } from "../../src/workbook/grid";
import { App } from "../../src/taskpane/App";
import type { HostStatus } from "../../src/taskpane/host";
import { FakeWorkbook } from "../office/fake-excel";

// jsdom has no layout, so Fluent's popups (the Dropdown's listbox) cannot be positioned there; working
// it out anyway takes floating-ui hundreds of getComputedStyle calls per popup, most of the suite's
// time. Every popup is placed at 0,0 instead; nothing here depends on where it is drawn.
jest.mock("@floating-ui/dom", () => ({
  ...jest.requireActual("@floating-ui/dom"),
  computePosition: (_reference: unknown, _floating: unknown, options: { placement?: string; strategy?: string }) =>
    Promise.resolve({
      x: 0,
      y: 0,
      placement: options.placement ?? "bottom",
      strategy: options.strategy ?? "absolute",
      middlewareData: {},
    }),
}));

// jsdom works out every getComputedStyle call from scratch over all of Griffel's style rules, and
// Testing Library's role and name queries call it for each element and its ancestors. Styles can
// change only when the DOM, a style sheet or the focus does, so the answers are kept until either changes.
{
  const original = window.getComputedStyle.bind(window);
  let cache = new WeakMap<Element, Map<string, CSSStyleDeclaration>>();
  const observer = new MutationObserver(() => undefined);
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  const forget = (): void => {
    cache = new WeakMap();
  };
  // :focus-within and the like make focus count too.
  document.addEventListener("focusin", forget, true);
  document.addEventListener("focusout", forget, true);
  for (const method of ["insertRule", "deleteRule", "replaceSync"] as const) {
    const proto = CSSStyleSheet.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
    const was = proto[method];
    if (typeof was === "function")
      proto[method] = function (this: CSSStyleSheet, ...args: unknown[]) {
        forget();
        return was.apply(this, args);
      };
  }
  window.getComputedStyle = (element: Element, pseudo?: string | null): CSSStyleDeclaration => {
    if (observer.takeRecords().length > 0) forget();
    let mine = cache.get(element);
    if (!mine) cache.set(element, (mine = new Map()));
    const key = pseudo ?? "";
    let style = mine.get(key);
    if (!style) mine.set(key, (style = original(element, pseudo)));
    return style;
  };
}

// A failed query prints the message alone: Fluent's class names make the DOM dump unreadably long.
// Every findBy and waitFor waits up to 30 s: CI shares this machine, and under load a step that takes
// 50 ms alone can take seconds. A wait ends as soon as its condition holds, so this costs nothing
// when the pane is right.
configure({
  asyncUtilTimeout: 30_000,
  getElementError: (message) => {
    const error = new Error(message ?? "");
    error.name = "TestingLibraryElementError";
    return error;
  },
});

export type User = ReturnType<typeof userEvent.setup>;

export interface Pane extends RenderResult {
  fake: FakeWorkbook;
  host: WorkbookHost;
  user: User;
}

/**
 * Just enough layout for Fluent's keyboard handling (Tabster) to work in jsdom, which has none:
 * Tabster moves focus only to elements it takes to be visible, those with an offsetParent in a
 * body of some size. Here an element is visible unless it or an ancestor is display: none.
 * Call it at the top of a test file that drives the pane by keyboard.
 */
export function emulateLayout(): void {
  Object.defineProperty(HTMLElement.prototype, "offsetParent", {
    configurable: true,
    get(this: HTMLElement): Element | null {
      if (window.getComputedStyle(this).display === "none") return null;
      for (let e = this.parentElement; e; e = e.parentElement)
        if (window.getComputedStyle(e).display === "none") return null;
      return this === document.body ? null : (this.parentElement ?? null);
    },
  });
  // About a task pane's size in Excel on the desktop.
  const pane = { x: 0, y: 0, left: 0, top: 0, width: 360, height: 720, right: 360, bottom: 720 };
  document.body.getBoundingClientRect = () => ({ ...pane, toJSON: () => pane }) as DOMRect;
}

/** The sample's input sheets as grids (values only), as the brief's FakeWorkbook.fromGrids takes them. */
export const sampleGrids = (): SheetGrid[] => sampleSheets().map((s) => ({ name: s.name, values: s.values }));

/** A workbook with the sample's input sheets. */
export const sampleBook = (): FakeWorkbook => FakeWorkbook.fromGrids(sampleGrids());

/** A blank workbook, as Excel opens one: a single empty Sheet1. */
export const blankBook = (): FakeWorkbook => FakeWorkbook.fromGrids([{ name: "Sheet1", values: [] }]);

/** The host over a fake workbook, as the task pane uses it in Excel. */
export const fakeHost = (fake: FakeWorkbook): WorkbookHost => officeHost((batch) => batch(fake.context));

/** What the pane is rendered with besides the workbook: a wrapped host, the file calls, where it runs. */
export interface PaneOptions {
  host?: WorkbookHost;
  /** "Save a copy with values"'s file calls (test/office/fake-file.ts's, with the .xlsx adapter); none by default. */
  files?: WorkbookFiles;
  status?: HostStatus;
}

/** Renders the App in Excel (or wherever `status` says) over `fake`, optionally through a wrapped host. */
export function renderPane(fake: FakeWorkbook, options: PaneOptions = {}): Pane {
  const host = options.host ?? fakeHost(fake);
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
  const result = render(
    <FluentProvider theme={webLightTheme}>
      <App host={Promise.resolve(options.status ?? { kind: "excel" })} workbook={host} files={options.files} />
    </FluentProvider>,
  );
  return { ...result, fake, host, user };
}

/** Renders over `fake` and waits until the first read of the workbook is shown on the Start step. */
export async function openPane(fake: FakeWorkbook, options: Omit<PaneOptions, "status"> = {}): Promise<Pane> {
  const pane = renderPane(fake, options);
  await screen.findByRole("combobox", { name: /^Budget sheet/ });
  await idle();
  return pane;
}

/** Waits until the pane has no spinner running (no workbook call under way). */
export async function idle(): Promise<void> {
  await waitFor(() => {
    const status = document.querySelector('[aria-live="polite"]');
    if (status && status.textContent !== "") throw new Error(`still busy: ${status.textContent}`);
  });
}

/** Selects a step tab by clicking it. */
export async function goTo(user: User, step: "Start" | "Rules" | "Check" | "Run" | "Results"): Promise<void> {
  await user.click(screen.getByRole("tab", { name: step }));
  await waitFor(() => expect(screen.getByRole("tab", { name: step }).getAttribute("aria-selected")).toBe("true"));
}

/** Opens a Fluent Dropdown (found by its accessible name) and picks the option with this name. */
export async function choose(user: User, dropdown: string | RegExp, option: string): Promise<void> {
  await user.click(screen.getByRole("combobox", { name: dropdown }));
  const listbox = await screen.findByRole("listbox");
  await user.click(within(listbox).getByRole("option", { name: option }));
  await waitFor(() => expect(screen.queryByRole("listbox")).toBeNull());
}

/**
 * On the Rules step, opens the edit dialog for a service's rule and waits until focus is on its first
 * field: inside the dialog's focus trap, so the trap keeps the dialog in the accessibility tree (see
 * emulateLayout) and queries within it find its fields.
 */
export async function openRuleEdit(user: User, service: string): Promise<HTMLElement> {
  await user.click(screen.getByRole("button", { name: `Edit the rule for ${service}` }));
  const dialog = await screen.findByRole("dialog", { name: `Rule for ${service}` });
  const partners = await within(dialog).findByRole("textbox", { name: "Partners" });
  await waitFor(() => expect(document.activeElement).toBe(partners));
  return dialog;
}

/**
 * Waits for the dialog with this name and for focus inside it. Until focus is in, Fluent's focus
 * trap (Tabster) may count the dialog as outside the active modal and hide it with aria-hidden, and
 * queries within it then find nothing; how soon that happens depends on the machine's load. Needs
 * emulateLayout, without which Tabster cannot move focus at all.
 */
export async function openedDialog(name: string): Promise<HTMLElement> {
  const dialog = await screen.findByRole("dialog", { name });
  await waitFor(() => {
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(dialog.getAttribute("aria-hidden")).toBeNull();
  });
  return dialog;
}

/** Check, then Run, from wherever the pane is; waits for the Results step. */
export async function runOnce(user: User): Promise<void> {
  await goTo(user, "Run");
  await user.click(screen.getByRole("button", { name: "Write the tables" }));
  await screen.findByRole("heading", { name: "Results" });
  await idle();
}

/**
 * Waits until no dialog is open and the pane is back in the accessibility tree: Fluent's modal focus
 * trap (Tabster) hides the rest of the page with aria-hidden while a dialog is open and takes it off
 * on a timer after. Then a moment more, as a person takes: in jsdom a dialog opened within about
 * 100 ms of the last one closing can be left aria-hidden itself by those timers (Chromium, with the
 * same pane and pauses of 300 ms, never does).
 */
export async function dialogClosed(): Promise<void> {
  await waitFor(() => {
    expect(document.querySelector('[role="dialog"], [role="alertdialog"]')).toBeNull();
    const hidden = [...document.querySelectorAll('[aria-hidden="true"]')].filter(
      // Decorative parts are hidden by design: Tabster's dummies, icons, a radio button's dot.
      (e) =>
        !e.hasAttribute("data-tabster-dummy") &&
        e.tagName.toLowerCase() !== "svg" &&
        !e.classList.contains("fui-Radio__indicator"),
    );
    expect(hidden.map((e) => e.outerHTML.slice(0, 80))).toEqual([]);
    screen.getByRole("tablist", { name: "Steps" });
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
}

/** The text of every message bar showing, in page order (to check that none is shown twice). */
export const messages = (): string[] =>
  [...document.querySelectorAll(".fui-MessageBar")].map((bar) => bar.textContent ?? "");

/** Every cell of every sheet, as text, to compare before and after. */
export function snapshotAll(fake: FakeWorkbook): Record<string, string> {
  return Object.fromEntries(fake.sheetNames().map((name) => [name, fake.snapshot(name)]));
}

/** The malformed sample's sheets (assets/sample-malformed.xlsx), read as the command line reads it. */
export async function malformedGrids(): Promise<SheetGrid[]> {
  const { readXlsx } = await import("../../src/xlsx/read");
  return readXlsx(readFileSync(path.join(__dirname, "../../assets/sample-malformed.xlsx")));
}

/**
 * A host whose apply, once it has reported its first step of writing, holds its next
 * context.sync() until `release()` is called, so a test can see the pane while the tables are
 * being written. `holding` resolves when it holds.
 */
export function gatedHost(fake: FakeWorkbook): { host: WorkbookHost; release(): void; holding: Promise<void> } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const holding = new Promise<void>((resolve) => (held = resolve));
  let armed = false;
  let done = false;
  const context = new Proxy(fake.context, {
    get(target, prop) {
      if (prop === "sync")
        return async (): Promise<void> => {
          if (armed && !done) {
            done = true;
            held();
            await gate;
          }
          return target.sync();
        };
      return Reflect.get(target, prop);
    },
  });
  const inner = fakeHost(fake);
  const gated = officeHost((batch) => batch(context));
  const host: WorkbookHost = {
    ...inner,
    apply: (options?: RunOptions): Promise<RunResult> =>
      gated.apply({
        ...options,
        onProgress: (step, n, total) => {
          options?.onProgress?.(step, n, total);
          if (step === "write") armed = true;
        },
      }),
  };
  return { host, release, holding };
}

export type Cells = CellValue[][];
