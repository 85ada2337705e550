/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import { SERVICES, sampleSheets } from "../../src/sample/sample";
import { FakeWorkbook, type FakeCell } from "../office/fake-excel";
import {
  openRuleEdit as openEdit,
  dialogClosed,
  emulateLayout,
  goTo,
  idle,
  messages,
  openPane,
  sampleBook,
  sampleGrids,
  snapshotAll,
} from "./render";

jest.setTimeout(180_000);

// Without layout, Tabster (Fluent's focus manager) takes every field in the edit dialog for hidden,
// so the dialog focuses its own surface instead of its first field; the modal focus trap, set up
// just after, then never counts the dialog as active and, on its 250 ms timer, marks the dialog
// itself aria-hidden, so its fields drop out of the accessibility tree. With the layout, focus goes
// to the first field, inside the trap, as in a browser.
emulateLayout();

const rulesSheet = sampleSheets().find((s) => s.name === "Rules")!;
/** The sample's Rules rows under the headings (row 4 on), by service. */
const ruleRows = rulesSheet.values.slice(3);
const column = (heading: string): number => rulesSheet.values[2].indexOf(heading);

const card = (service: string): HTMLElement => {
  const list = screen.getByRole("list", { name: "Services and their rules" });
  const item = within(list)
    .getAllByRole("listitem")
    .find((li) => li.firstElementChild?.textContent === service);
  if (!item) throw new Error(`no card for ${service}`);
  return item;
};

/** Every cell of a sheet but one, keyed by address, to show that only that one changed. */
function cellsBut(fake: FakeWorkbook, sheet: string, except?: { row: number; column: number }): Map<string, FakeCell> {
  const out = new Map<string, FakeCell>();
  for (const [key, cell] of fake.sheet(sheet)!.cells) {
    const row = Math.floor(key / 20_000);
    const col = key % 20_000;
    if (except && row === except.row && col === except.column) continue;
    out.set(`${row},${col}`, { ...cell });
  }
  return out;
}

describe("Rules step", () => {
  test("lists the sample's 9 services, each with its rule as the Rules sheet has it", async () => {
    const { user } = await openPane(sampleBook());
    await goTo(user, "Rules");
    expect(screen.getByRole("heading", { name: "Sharing rules" })).toBeTruthy();
    const items = within(screen.getByRole("list", { name: "Services and their rules" })).getAllByRole("listitem");
    expect(items).toHaveLength(9);
    expect(items.map((li) => li.firstElementChild?.textContent).sort()).toEqual(SERVICES.map((s) => s.service).sort());

    for (const row of ruleRows) {
      const service = String(row[0]);
      const facts = within(card(service));
      // Basis and First year are given for every service in the sample.
      const terms = facts.getAllByRole("term").map((t) => t.textContent);
      const defs = facts.getAllByRole("definition").map((d) => d.textContent);
      const shown = Object.fromEntries(terms.map((t, i) => [t, defs[i]]));
      expect(shown["Basis"]).toBe(row[column("Basis")]);
      expect(shown["First year"]).toBe(row[column("First year")]);
      const cost = row[column("New cost")];
      if (typeof cost === "number") expect(shown["New cost"]).toBe(cost.toLocaleString("en-GB"));
      // A cost by year (the parking office's) is shown as the Rules cell has it.
      else if (typeof cost === "string") expect(shown["New cost"]).toBe(cost);
      else expect(shown["New cost"]).toBeUndefined();
      const reduction = row[column("Reduction")];
      if (typeof reduction === "number") expect(shown["Reduction"]).toBe(`${Math.round(reduction * 100)}%`);
      expect(facts.getByRole("button", { name: `Edit the rule for ${service}` })).toBeTruthy();
    }
    // The sample's Rules sheet has every Budget service and nothing else: no notes.
    expect(screen.queryAllByText(/has no (row|lines)/)).toHaveLength(0);
  });

  test("editing New cost writes exactly that cell; a bad number writes nothing and says why", async () => {
    const { user, fake } = await openPane(sampleBook());
    await goTo(user, "Rules");
    const service = "Local Safeguarding Children Board";
    const r = ruleRows.findIndex((row) => row[0] === service) + 4; // 1-based sheet row
    const c = column("New cost") + 1;
    expect(fake.sheet("Rules")!.cell(r, c)?.value).toBe(98000);

    // A bad number: the field says what is wrong, the dialog stays open, nothing is written.
    const before = snapshotAll(fake);
    const syncs = fake.syncs.length;
    let dialog = await openEdit(user, service);
    let cost = within(dialog).getByRole("textbox", { name: "New cost" });
    expect((cost as HTMLInputElement).value).toBe("98,000");
    await user.clear(cost);
    await user.type(cost, "about 90k");
    await user.click(within(dialog).getByRole("button", { name: "Save to Rules" }));
    await waitFor(() => expect(cost.getAttribute("aria-invalid")).toBe("true"));
    const message = 'New cost must be an amount such as 1,650,000 or £1,650,000, not "about 90k".';
    expect(within(dialog).getByText(message, { exact: false })).toBeTruthy();
    // The message is tied to the field for a screen reader.
    const described = (cost.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id));
    expect(described.some((el) => el?.textContent?.includes(message))).toBe(true);
    expect(screen.getByRole("dialog", { name: `Rule for ${service}` })).toBe(dialog);
    expect(snapshotAll(fake)).toEqual(before);
    expect(fake.syncs.slice(syncs).every((s) => s.writes === 0)).toBe(true);

    // Corrected: exactly that cell is written, and the dialog closes.
    await user.clear(cost);
    await user.type(cost, "£120,500");
    await user.click(within(dialog).getByRole("button", { name: "Save to Rules" }));
    await dialogClosed();
    await idle();
    expect(fake.sheet("Rules")!.cell(r, c)).toMatchObject({ value: 120500, numberFormat: "#,##0" });
    expect(fake.sheet("Rules")!.cell(r, c)?.formula).toBeUndefined();
    const rulesBefore = FakeWorkbook.fromGrids(sampleGrids());
    // Compare against the workbook before the edit (the fake's cells after fromGrids are values only).
    expect(cellsBut(fake, "Rules", { row: r, column: c })).toEqual(
      cellsBut(rulesBefore, "Rules", { row: r, column: c }),
    );
    for (const sheet of fake.sheetNames()) if (sheet !== "Rules") expect(fake.snapshot(sheet)).toBe(before[sheet]);
    expect(fake.sheetNames()).toEqual(Object.keys(before));
    // Whatever the pane says about it, it says once.
    expect(new Set(messages()).size).toBe(messages().length);
    // The card shows the new figure, read back from the sheet.
    const facts = within(card(service));
    const terms = facts.getAllByRole("term").map((t) => t.textContent);
    expect(facts.getAllByRole("definition")[terms.indexOf("New cost")].textContent).toBe("120,500");

    // Edit again, change nothing: Save is not offered.
    dialog = await openEdit(user, service);
    cost = within(dialog).getByRole("textbox", { name: "New cost" });
    expect((cost as HTMLInputElement).value).toBe("120,500");
    expect((within(dialog).getByRole("button", { name: "Save to Rules" }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await dialogClosed();
  });

  test('a text field given "=…" is written as text (quote prefix), never as a formula', async () => {
    const { user, fake } = await openPane(sampleBook());
    await goTo(user, "Rules");
    const service = "Libraries";
    const r = ruleRows.findIndex((row) => row[0] === service) + 4;
    const c = column("Host") + 1;
    const dialog = await openEdit(user, service);
    const host = within(dialog).getByRole("textbox", { name: "Host" });
    await user.clear(host);
    await user.type(host, "=HYPERLINK(A1)");
    await user.click(within(dialog).getByRole("button", { name: "Save to Rules" }));
    await dialogClosed();
    await idle();
    const cell = fake.sheet("Rules")!.cell(r, c)!;
    expect(cell.value).toBe("=HYPERLINK(A1)");
    expect(cell.quotePrefix).toBe(true);
    expect(cell.formula).toBeUndefined();
    expect(fake.formulas("Rules")[r - 1][c - 1]).toBe("=HYPERLINK(A1)");
  });

  test('with no Rules sheet, "Create a Rules sheet" adds one with a row per Budget service', async () => {
    const grids = sampleGrids().filter((g) => g.name !== "Rules");
    const fake = FakeWorkbook.fromGrids(grids);
    const before = snapshotAll(fake);
    const { user } = await openPane(fake);
    expect(screen.getByRole("combobox", { name: "Rules sheet" }).textContent).toBe("(none)");
    await goTo(user, "Rules");
    expect(screen.getByText(/There is no Rules sheet\. Create one with a row for each of the 9 services/)).toBeTruthy();
    // Without a Rules sheet there is nothing to edit yet.
    expect(screen.queryAllByRole("button", { name: /^Edit the rule for/ })).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Create a Rules sheet" }));
    await screen.findByText(/^From the sheet Rules\./);
    await idle();

    expect(fake.sheetNames()).toEqual([...grids.map((g) => g.name), "Rules"]);
    expect(new Set(messages()).size).toBe(messages().length);
    for (const name of Object.keys(before)) expect(fake.snapshot(name)).toBe(before[name]);
    const budget = grids.find((g) => g.name === "Budget")!;
    const serviceCol = budget.values[2].indexOf("Service");
    const budgetServices = [...new Set(budget.values.slice(3).map((row) => row[serviceCol]))];
    const values = fake.values("Rules");
    const headings = values[2];
    expect(headings.slice(0, 4)).toEqual(["Service", "Partners", "Basis", "New cost"]);
    expect(values.slice(3).map((row) => row[0])).toEqual(budgetServices);
    // The new sheet is the Rules sheet from now on, and each service can be edited there.
    expect(screen.getAllByRole("button", { name: /^Edit the rule for/ })).toHaveLength(9);
    await goTo(user, "Start");
    expect(screen.getByRole("combobox", { name: "Rules sheet" }).textContent).toBe("Rules");
  });

  test("a write that fails says why in the form, keeps what was typed, writes nothing, and can be dismissed", async () => {
    const { user, fake } = await openPane(sampleBook());
    await goTo(user, "Rules");
    // The Rules sheet is deleted in Excel after the pane read it.
    fake.sheets.splice(fake.sheetNames().indexOf("Rules"), 1);
    const before = snapshotAll(fake);
    const dialog = await openEdit(user, "ICT");
    const host = within(dialog).getByRole("textbox", { name: "Host" });
    await user.clear(host);
    await user.type(host, "Westminster");
    await user.click(within(dialog).getByRole("button", { name: "Save to Rules" }));
    // The form stays open with the reason in it (the pane's own message is behind the dialog).
    await within(dialog).findByText('There is no sheet named "Rules" any more. Nothing was written.');
    expect(within(dialog).getByRole("textbox", { name: "Host" })).toHaveProperty("value", "Westminster");
    expect(within(dialog).getByText("There is no Rules sheet to save to any more.")).toBeTruthy();
    expect(snapshotAll(fake)).toEqual(before);
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await dialogClosed();
    const failure = await screen.findByText("That did not work");
    const bar = failure.closest(".fui-MessageBar") as HTMLElement;
    expect(bar.textContent).toContain('There is no sheet named "Rules" any more. Nothing was written.');
    await user.click(within(bar).getByRole("button", { name: "Dismiss" }));
    await waitFor(() => expect(screen.queryByText("That did not work")).toBeNull());
  });
});
