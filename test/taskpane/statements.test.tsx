/** @jest-environment jsdom */
/**
 * The Results step's "Partner statements" (issue 18): one statement sheet per partner written into
 * the open workbook, role `statement`, exactly the statement the workbook layer plans for the
 * figures the run wrote (values and plain formulas only); a second click asks before replacing the
 * earlier ones and Cancel writes nothing; a sheet of the user's with a statement's name is never
 * touched. Through the in-memory Office.js workbook, as the pane runs in Excel.
 */
import { screen, waitFor, within } from "@testing-library/react";
import { callsAddinFunction } from "../../src/workbook/plan";
import { ownedRole } from "../../src/workbook/owned";
import { prepareRun } from "../../src/workbook/prepare";
import { statementSheet } from "../../src/workbook/statement";
import { FakeWorkbook } from "../office/fake-excel";
import {
  dialogClosed,
  emulateLayout,
  fakeHost,
  idle,
  openedDialog,
  openPane,
  runOnce,
  sampleBook,
  sampleGrids,
  snapshotAll,
} from "./render";

jest.setTimeout(180_000);
// The dialog keeps focus in its trap, and so stays in the accessibility tree, only with some layout.
emulateLayout();

const PARTNERS = ["Hammersmith & Fulham", "Kensington & Chelsea", "Westminster"];
const NAMES = PARTNERS.map((p) => `${p} statement`);
const a2 = (fake: FakeWorkbook, sheet: string): unknown => fake.sheet(sheet)?.cell(2, 1)?.value;

/** Generous waits: CI shares a loaded machine, where a role query over Fluent's DOM can take seconds. */
const LONG = { timeout: 20_000 };

/** Clicks "Partner statements" and waits for the dialog asking to replace the earlier ones, focus inside it. */
async function askToReplace(user: Awaited<ReturnType<typeof openPane>>["user"]): Promise<HTMLElement> {
  await user.click(screen.getByRole("button", { name: "Partner statements" }));
  return openedDialog("Replace the earlier statements?");
}

async function writeStatements(user: Awaited<ReturnType<typeof openPane>>["user"]): Promise<void> {
  await user.click(screen.getByRole("button", { name: "Partner statements" }));
  await screen.findByText("Statements written", {}, LONG);
  await idle();
}

describe("Partner statements in the task pane", () => {
  test("writes one statement sheet per partner, the planned statement cell by cell; again asks first, Cancel writes nothing", async () => {
    const fake = sampleBook();
    const { user } = await openPane(fake);
    await runOnce(user);
    const inputs = sampleGrids().map((g) => g.name);
    const before = snapshotAll(fake);
    const sheetsBefore = fake.sheetNames();

    await writeStatements(user);
    expect(fake.sheetNames()).toEqual([...sheetsBefore, ...NAMES]);
    // Nothing else changed: the input sheets and the output sheets are as they were.
    for (const name of sheetsBefore) expect(fake.snapshot(name)).toBe(before[name]);

    // Each sheet is the statement the workbook layer plans from the same workbook.
    const read = await fakeHost(fake).read();
    const outcome = prepareRun(read.grids, read.existing, { when: new Date(), source: "this workbook" }).outcome!;
    for (const [i, partner] of PARTNERS.entries()) {
      const name = NAMES[i];
      expect(ownedRole(a2(fake, name) as string)).toBe("statement");
      const { sheet } = statementSheet(outcome, partner, { when: "x", source: "this workbook", name });
      const written = fake.formulas(name);
      let compared = 0;
      sheet.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (!cell || r === 1) return; // row 2 is the marker, stamped with the time
          if (cell.kind === "formula") expect(written[r][c]).toBe(cell.formula);
          else if (cell.kind === "text" && r !== 2) expect(written[r][c]).toBe(cell.text === "" ? null : cell.text);
          else if (cell.kind === "number") expect(written[r][c]).toBe(cell.value.toNumber());
          compared++;
        }),
      );
      expect(compared).toBeGreaterThan(100);
      // Values and plain formulas only: nothing that needs the add-in.
      expect(written.flat().filter((f) => typeof f === "string" && f.startsWith("=") && callsAddinFunction(f))).toEqual(
        [],
      );
      // Another council's name appears nowhere on it.
      const text = written.flat().filter((v): v is string => typeof v === "string");
      for (const other of PARTNERS.filter((p) => p !== partner))
        expect(text.some((t) => t.includes(other))).toBe(false);
      expect(fake.sheet(name)!.pageLayout).toMatchObject({ paperSize: "A4", orientation: "Landscape" });
    }
    const links = screen.getByRole("list", { name: "Statement sheets" });
    await user.click(within(links).getByRole("button", { name: "Westminster statement" }));
    await waitFor(() => expect(fake.selection).toEqual({ sheet: "Westminster statement", address: "A1" }), LONG);
    await idle();

    // The Run step still offers to replace only the output sheets, not the statements.
    // Again: the pane asks before replacing the statements; Cancel writes nothing.
    const written = snapshotAll(fake);
    const sheetObjects = NAMES.map((n) => fake.sheet(n));
    const syncs = fake.syncs.length;
    let dialog = await askToReplace(user);
    expect(dialog.textContent).toContain(NAMES.join(", "));
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await dialogClosed();
    expect(snapshotAll(fake)).toEqual(written);
    expect(fake.syncs.length).toBe(syncs);

    dialog = await askToReplace(user);
    await user.click(within(dialog).getByRole("button", { name: "Replace them" }));
    await dialogClosed();
    await waitFor(() => expect(fake.syncs.length).toBeGreaterThan(syncs), LONG); // written again, not the last message
    await idle();
    await screen.findByText("Statements written", {}, LONG);
    // The same sheets, rewritten in place; nothing added, nothing of the user's touched.
    expect(fake.sheetNames()).toEqual([...sheetsBefore, ...NAMES]);
    NAMES.forEach((n, i) => expect(fake.sheet(n)).toBe(sheetObjects[i]));
    for (const name of inputs) expect(fake.snapshot(name)).toBe(before[name]);
    expect(screen.queryByText("That did not work")).toBeNull();
  });

  test('a sheet of the user\'s named "Westminster statement" is never touched: the statement goes to "Westminster statement (2)"', async () => {
    const mine = { name: "Westminster statement", values: [["Signed off by our s151 officer"], ["March 2026"]] };
    const fake = FakeWorkbook.fromGrids([...sampleGrids(), mine]);
    const original = fake.snapshot("Westminster statement");
    const { user } = await openPane(fake);
    await runOnce(user);
    await writeStatements(user);
    expect(fake.snapshot("Westminster statement")).toBe(original);
    expect(ownedRole(a2(fake, "Westminster statement (2)") as string)).toBe("statement");
    expect(fake.values("Westminster statement (2)")[0][0]).toBe("Westminster: shared services statement");
    const links = screen.getByRole("list", { name: "Statement sheets" });
    expect(within(links).getByRole("button", { name: "Westminster statement (2)" })).toBeTruthy();
    expect(within(links).queryByRole("button", { name: "Westminster statement" })).toBeNull();

    // Again: only the add-in's own statement sheets are offered for replacing.
    const dialog = await askToReplace(user);
    expect(dialog.textContent).toContain("Westminster statement (2)");
    expect(dialog.textContent).not.toMatch(/Westminster statement(?! \(2\))/);
    const syncs = fake.syncs.length;
    await user.click(within(dialog).getByRole("button", { name: "Replace them" }));
    await dialogClosed();
    await waitFor(() => expect(fake.syncs.length).toBeGreaterThan(syncs), LONG);
    await idle();
    await screen.findByText("Statements written", {}, LONG);
    expect(fake.snapshot("Westminster statement")).toBe(original);
    expect(fake.sheetNames().filter((n) => n.endsWith("statement") || n.endsWith("(2)"))).toEqual([
      "Westminster statement",
      "Hammersmith & Fulham statement",
      "Kensington & Chelsea statement",
      "Westminster statement (2)",
    ]);
  });
});
