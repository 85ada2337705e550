/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Node's export conditions, not the browser's: the malformed copy is read with ExcelJS, whose
// browser build of uuid is an ES module jest cannot load. The task pane renders the same either way.
import { screen, waitFor, within } from "@testing-library/react";
import { MALFORMED_MISTAKES } from "../../scripts/make-sample";
import { FakeWorkbook } from "../office/fake-excel";
import { goTo, idle, malformedGrids, openPane, sampleBook, snapshotAll } from "./render";

jest.setTimeout(180_000);

describe("Check step", () => {
  test("on the malformed copy: every planted mistake with its cell, a link that selects it, nothing written", async () => {
    const fake = FakeWorkbook.fromGrids(await malformedGrids());
    const names = fake.sheetNames();
    const before = snapshotAll(fake);
    const { user } = await openPane(fake);
    await goTo(user, "Check");
    await user.click(screen.getByRole("button", { name: "Check the workbook" }));
    await screen.findByText(`${MALFORMED_MISTAKES.length} errors to put right`);
    await idle();

    const errors = screen.getByRole("list", { name: "Errors" });
    const items = within(errors).getAllByRole("listitem");
    expect(items).toHaveLength(MALFORMED_MISTAKES.length);
    for (const mistake of MALFORMED_MISTAKES) {
      const where = `${mistake.sheet}!${mistake.cell}`;
      const link = within(errors).getByRole("button", { name: `Select ${where} in Excel` });
      expect(link.textContent).toBe(where);
      // The link sits in the problem's own item, with its message and a badge a screen reader names.
      const item = items.find((li) => li.contains(link))!;
      expect(within(item).getByText("Error")).toBeTruthy();
      expect(item.textContent!.length).toBeGreaterThan(where.length + 20);
      await user.click(link);
      await waitFor(() => expect(fake.selection).toEqual({ sheet: mistake.sheet, address: mistake.cell }));
    }
    await idle();
    // With errors there is no way on to Run from here.
    expect(screen.queryByRole("button", { name: "Go to Run" })).toBeNull();
    // Checking and selecting wrote nothing.
    expect(fake.sheetNames()).toEqual(names);
    expect(snapshotAll(fake)).toEqual(before);
    expect(fake.syncs.every((s) => s.writes === 0)).toBe(true);
    expect(screen.queryByText("That did not work")).toBeNull();
  });

  test('on the sample: "No errors", and on to Run', async () => {
    const fake = sampleBook();
    const before = snapshotAll(fake);
    const { user } = await openPane(fake);
    await goTo(user, "Check");
    await user.click(screen.getByRole("button", { name: "Check the workbook" }));
    await screen.findByText("No errors");
    expect(screen.queryByRole("list", { name: "Errors" })).toBeNull();
    // What was read is there for the curious.
    await user.click(screen.getByRole("button", { name: "What was read" }));
    expect(screen.getAllByText(/Budget/).length).toBeGreaterThan(0);
    expect(snapshotAll(fake)).toEqual(before);
    expect(screen.getByRole("button", { name: "Check again" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Go to Run" }));
    expect(screen.getByRole("tab", { name: "Run" }).getAttribute("aria-selected")).toBe("true");
    expect(screen.getByRole("heading", { name: "Write the tables" })).toBeTruthy();
  });
});
