/** @jest-environment jsdom */
// The session's guarantees across steps: actions do not overlap, a check or a run is shown only
// while it still describes the workbook, an edit aimed at a changed row is refused, and the sheets
// the pane shows are the ones the reader reads.
import { screen, waitFor, within } from "@testing-library/react";
import { ownedRole } from "../../src/workbook/owned";
import { FakeWorkbook } from "../office/fake-excel";
import type { WorkbookHost } from "../../src/workbook/host";
import {
  openRuleEdit as openEdit,
  choose,
  dialogClosed,
  emulateLayout,
  fakeHost,
  goTo,
  idle,
  openPane,
  runOnce,
  sampleBook,
  sampleGrids,
  snapshotAll,
} from "./render";

jest.setTimeout(180_000);
// The rule dialog keeps focus in its trap only with some layout (see emulateLayout).
emulateLayout();

const outputs = (fake: FakeWorkbook): string[] =>
  fake.sheetNames().filter((n) => ownedRole(fake.sheet(n)?.cell(2, 1)?.value as string) !== undefined);

describe("the task pane's session", () => {
  test("a second click on Write while the first is writing starts no second run", async () => {
    const fake = sampleBook();
    const inner = fakeHost(fake);
    let applied = 0;
    const host: WorkbookHost = { ...inner, apply: (options) => (applied++, inner.apply(options)) };
    const { user } = await openPane(fake, { host });
    await goTo(user, "Run");
    const write = screen.getByRole("button", { name: "Write the tables" });
    // Two clicks in quick succession (the button is disabled while writing, and actions never overlap).
    await Promise.all([user.click(write), user.click(write)]);
    await screen.findByRole("heading", { name: "Results" }, { timeout: 10_000 });
    await idle();
    expect(applied).toBe(1);
    expect(outputs(fake)).toEqual([
      "Attribution",
      "Savings profile",
      "Realisation",
      "Variance shares",
      "Assessment",
      "Audit",
    ]);
    expect(screen.queryByText("That did not work")).toBeNull();
  });

  test("after a rule edit the Results say they are out of date, and the Check asks to be run again", async () => {
    const fake = sampleBook();
    const { user } = await openPane(fake);
    await goTo(user, "Check");
    await user.click(screen.getByRole("button", { name: "Check the workbook" }));
    await screen.findByText("No errors");
    await runOnce(user);
    expect(screen.queryByText("Out of date")).toBeNull();

    await goTo(user, "Rules");
    const dialog = await openEdit(user, "Dangerous structures");
    const cost = within(dialog).getByRole("textbox", { name: "New cost" });
    await user.clear(cost);
    await user.type(cost, "24,000");
    await user.click(within(dialog).getByRole("button", { name: "Save to Rules" }));
    await dialogClosed();
    await idle();

    await goTo(user, "Results");
    expect(screen.getByText("Out of date")).toBeTruthy();
    await goTo(user, "Check");
    expect(screen.queryByText("No errors")).toBeNull();
    expect(screen.getByRole("button", { name: "Check the workbook" })).toBeTruthy();
  });

  test("an edit aimed at a row that changed in Excel since the pane read it is refused, writing nothing", async () => {
    const fake = sampleBook();
    const { user } = await openPane(fake);
    await goTo(user, "Rules");
    // In Excel, the user sorts the Rules sheet: the first two services swap rows.
    const rules = fake.sheet("Rules")!;
    const width = fake.values("Rules")[3].length;
    for (let c = 1; c <= width; c++) {
      const a = rules.cell(4, c)?.value ?? null;
      const b = rules.cell(5, c)?.value ?? null;
      rules.touch(4, c).value = b;
      rules.touch(5, c).value = a;
    }
    const before = snapshotAll(fake);
    const service = String(rules.cell(5, 1)?.value); // now on row 5; the pane still thinks row 4
    const dialog = await openEdit(user, service);
    const host = within(dialog).getByRole("textbox", { name: "Host" });
    await user.clear(host);
    await user.type(host, "Westminster");
    await user.click(within(dialog).getByRole("button", { name: "Save to Rules" }));
    await within(dialog).findByText(/has changed since the add-in read it/);
    expect(snapshotAll(fake)).toEqual(before);
  });

  test("a sheet chosen for one role is no longer shown, or read, for the role it was guessed for", async () => {
    // "Staff" is what the template calls an FTE sheet; the user says it is their Drivers sheet.
    const grids = sampleGrids().map((g) => (g.name === "FTE" ? { ...g, name: "Staff" } : g));
    const fake = FakeWorkbook.fromGrids(grids.filter((g) => g.name !== "Drivers"));
    const { user } = await openPane(fake);
    expect(screen.getByRole("combobox", { name: /^FTE sheet/ }).textContent).toBe("Staff");
    await choose(user, /^Drivers sheet/, "Staff");
    await waitFor(() => expect(screen.getByRole("combobox", { name: /^Drivers sheet/ }).textContent).toBe("Staff"));
    expect(screen.getByRole("combobox", { name: /^FTE sheet/ }).textContent).toBe("(none)");
  });
});
