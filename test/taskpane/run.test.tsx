/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Node's export conditions, not the browser's: the malformed copy is read with ExcelJS, whose
// browser build of uuid is an ES module jest cannot load. The task pane renders the same either way.
import { screen, waitFor, within } from "@testing-library/react";
import { sampleSheets } from "../../src/sample/sample";
import { ownedRole } from "../../src/workbook/owned";
import { FakeWorkbook } from "../office/fake-excel";
import {
  dialogClosed,
  emulateLayout,
  gatedHost,
  goTo,
  idle,
  malformedGrids,
  openPane,
  openedDialog,
  runOnce,
  sampleBook,
  sampleGrids,
  snapshotAll,
} from "./render";

jest.setTimeout(180_000);
// Dialogs keep focus in their trap only with some layout (see emulateLayout).
emulateLayout();

const INPUTS = sampleSheets().map((s) => s.name);
const OUTPUTS = ["Attribution", "Savings profile", "Realisation", "Variance shares", "Assessment", "Audit"];
const ROLES = ["attribution", "savings-profile", "realisation", "variances", "assessment", "audit"];
const a2 = (fake: FakeWorkbook, sheet: string): unknown => fake.sheet(sheet)?.cell(2, 1)?.value;

describe("Run step", () => {
  test("writes the output sheets; a second run asks first, Cancel writes nothing, Replace rewrites in place", async () => {
    const fake = sampleBook();
    const { user } = await openPane(fake);
    await goTo(user, "Run");
    expect(screen.queryByText("Earlier output")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Write the tables" }));
    await screen.findByRole("heading", { name: "Results" });
    await idle();

    expect(fake.sheetNames()).toEqual([...INPUTS, ...OUTPUTS]);
    OUTPUTS.forEach((name, i) => expect(ownedRole(a2(fake, name) as string)).toBe(ROLES[i]));
    // Live formulas, not just values.
    expect(
      fake
        .formulas("Attribution")
        .flat()
        .some((f) => typeof f === "string" && f.startsWith("=SHARED.")),
    ).toBe(true);
    const sheetsBefore = OUTPUTS.map((name) => fake.sheet(name));

    // Back on Run: the earlier output is named, and writing again asks first.
    await goTo(user, "Run");
    expect(screen.getByText(/Writing again replaces the add-in's sheets Attribution, Savings profile/)).toBeTruthy();
    const before = snapshotAll(fake);
    const syncs = fake.syncs.length;
    await user.click(screen.getByRole("button", { name: "Replace the tables" }));
    let dialog = await openedDialog("Replace the earlier tables?");
    expect(dialog.textContent).toContain(OUTPUTS.join(", "));
    await user.click(await within(dialog).findByRole("button", { name: "Cancel" }));
    await dialogClosed();
    expect(snapshotAll(fake)).toEqual(before);
    expect(fake.syncs.length).toBe(syncs);
    expect(screen.getByRole("tab", { name: "Run" }).getAttribute("aria-selected")).toBe("true");

    await user.click(screen.getByRole("button", { name: "Replace the tables" }));
    dialog = await openedDialog("Replace the earlier tables?");
    await user.click(await within(dialog).findByRole("button", { name: "Replace them" }));
    await screen.findByRole("heading", { name: "Results" });
    await idle();
    // Exactly one set of output sheets, the same sheets as before (rewritten, not deleted and added).
    expect(fake.sheetNames()).toEqual([...INPUTS, ...OUTPUTS]);
    OUTPUTS.forEach((name, i) => expect(fake.sheet(name)).toBe(sheetsBefore[i]));
    OUTPUTS.forEach((name, i) => expect(ownedRole(a2(fake, name) as string)).toBe(ROLES[i]));
    for (const name of INPUTS) expect(fake.snapshot(name)).toBe(before[name]);
  });

  test('a sheet of the user\'s named "Attribution" is never touched: the output goes to "Attribution (2)"', async () => {
    const mine = { name: "Attribution", values: [["My own attribution notes"], ["Agreed at the board, March"]] };
    const fake = FakeWorkbook.fromGrids([...sampleGrids(), mine]);
    const original = fake.snapshot("Attribution");
    const { user } = await openPane(fake);
    await runOnce(user);
    expect(fake.sheetNames()).toEqual([...INPUTS, "Attribution", "Attribution (2)", ...OUTPUTS.slice(1)]);
    expect(fake.snapshot("Attribution")).toBe(original);
    expect(ownedRole(a2(fake, "Attribution (2)") as string)).toBe("attribution");
    expect(screen.getByRole("button", { name: "Attribution (2)" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Attribution" })).toBeNull();
    const audit = fake
      .values("Audit")
      .flat()
      .filter((v): v is string => typeof v === "string");
    expect(audit.some((t) => t.includes("A sheet of yours is called Attribution"))).toBe(true);

    // Run again: "Attribution (2)" is replaced in place; the user's sheet is still untouched.
    await goTo(user, "Run");
    await user.click(screen.getByRole("button", { name: "Replace the tables" }));
    const dialog = await openedDialog("Replace the earlier tables?");
    expect(dialog.textContent).toContain("Attribution (2), Savings profile");
    await user.click(await within(dialog).findByRole("button", { name: "Replace them" }));
    await screen.findByRole("heading", { name: "Results" });
    await idle();
    expect(fake.sheetNames()).toEqual([...INPUTS, "Attribution", "Attribution (2)", ...OUTPUTS.slice(1)]);
    expect(fake.snapshot("Attribution")).toBe(original);
  });

  test("offers the scenario for ranges, mid-range by default; the run uses the one chosen and the Audit says which", async () => {
    const fake = sampleBook();
    const { user } = await openPane(fake);
    await goTo(user, "Run");
    const group = await screen.findByRole("radiogroup", { name: /Estimates given as a range/ });
    expect((within(group).getByRole("radio", { name: "Mid-range" }) as HTMLInputElement).checked).toBe(true);
    await user.click(within(group).getByRole("radio", { name: "Low" }));
    await waitFor(() =>
      expect((within(group).getByRole("radio", { name: "Low" }) as HTMLInputElement).checked).toBe(true),
    );
    await user.click(screen.getByRole("button", { name: "Write the tables" }));
    await screen.findByRole("heading", { name: "Results" }, { timeout: 10_000 });
    await idle();
    const audit = fake
      .values("Audit")
      .flat()
      .filter((v): v is string => typeof v === "string");
    // The sample's Youth Offending Service cost is the range £1,600k–£1,700k: the low scenario takes £1,700k.
    expect(audit.some((t) => t.startsWith("The tables show scenario low (the lower saving"))).toBe(true);
    expect(audit.some((t) => t.includes("the tables use the high end, £1,700,000.00 (scenario low"))).toBe(true);
    expect(audit.some((t) => t.startsWith("Scenarios (RULES.md §1)"))).toBe(true);
    // The Rules cell is text, so the Attribution sheet writes the figure used (RULES.md §1).
    const combined = fake.formulas("Attribution").find((row) => row[0] === "Youth Offending Service total");
    expect(combined).toContain("=1700000");
  });

  test("shows a progress bar while the tables are written, and stops it when done", async () => {
    const fake = sampleBook();
    const gated = gatedHost(fake);
    const { user } = await openPane(fake, { host: gated.host });
    await goTo(user, "Run");
    await user.click(screen.getByRole("button", { name: "Write the tables" }));
    await gated.holding;
    const bar = await screen.findByRole("progressbar", { name: "Writing the tables" });
    const value = Number(bar.getAttribute("aria-valuenow"));
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThan(1);
    expect(screen.getByText(/^Step \d+ of \d+$/)).toBeTruthy();
    expect((screen.getByRole("button", { name: "Write the tables" }) as HTMLButtonElement).disabled).toBe(true);
    // The spinner names what is going on for a screen reader (a live region).
    expect(screen.getByText("Writing the tables…")).toBeTruthy();

    gated.release();
    await screen.findByRole("heading", { name: "Results" });
    await idle();
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(fake.sheetNames()).toEqual([...INPUTS, ...OUTPUTS]);
  });

  test("on the malformed copy: nothing is written, and the errors are listed with their cells", async () => {
    const fake = FakeWorkbook.fromGrids(await malformedGrids());
    const names = fake.sheetNames();
    const before = snapshotAll(fake);
    const { user } = await openPane(fake);
    await goTo(user, "Run");
    await user.click(screen.getByRole("button", { name: "Write the tables" }));
    await screen.findByText("Nothing was written");
    await idle();
    const errors = screen.getByRole("list", { name: "Errors" });
    expect(within(errors).getByRole("button", { name: "Select Budget!F98 in Excel" })).toBeTruthy();
    expect(fake.sheetNames()).toEqual(names);
    expect(snapshotAll(fake)).toEqual(before);
    expect(screen.getByRole("tab", { name: "Results" }).hasAttribute("disabled")).toBe(true);
  });
});
