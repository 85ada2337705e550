/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import { FakeWorkbook } from "../office/fake-excel";
import { emulateLayout, goTo, idle, openPane, sampleBook, sampleGrids, snapshotAll } from "./render";

jest.setTimeout(180_000);
emulateLayout();

/** The years-covered form on the Rules step. */
const yearsForm = (): HTMLElement => screen.getByRole("form", { name: "Years covered" });
const field = (name: "First MTFS year" | "Last MTFS year"): HTMLInputElement =>
  within(yearsForm()).getByRole("textbox", { name }) as HTMLInputElement;
const save = (): HTMLButtonElement =>
  within(yearsForm()).getByRole("button", { name: "Save the years covered to Rules" }) as HTMLButtonElement;

/** Every cell of the Rules sheet, keyed by A1-ish "row,column", values and formats. */
function rulesCells(fake: FakeWorkbook): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, cell] of fake.sheet("Rules")!.cells)
    out.set(`${Math.floor(key / 20_000)},${key % 20_000}`, { ...cell });
  return out;
}

describe("Rules step: the years covered", () => {
  test("set on a Rules sheet without them: the labels and years land right of the table, one write, and are shown after", async () => {
    const { user, fake } = await openPane(sampleBook());
    await goTo(user, "Rules");
    await screen.findByRole("heading", { name: "Years covered" });
    expect(field("First MTFS year").value).toBe("");
    expect(field("Last MTFS year").value).toBe("");
    // Where they will go, said before anything is written.
    expect(yearsForm().textContent).toContain("Not on the sheet yet: saving adds the label and the year at Rules!P1");
    expect(save().disabled).toBe(true);

    const before = snapshotAll(fake);
    const cellsBefore = rulesCells(fake);
    const syncs = fake.syncs.length;
    await user.type(field("First MTFS year"), "2011/12");
    await user.type(field("Last MTFS year"), "2016/17");
    await waitFor(() => expect(save().disabled).toBe(false));
    await user.click(save());
    await screen.findByText("Saved the years covered to Rules (O1, P1, O2, P2).");
    await idle();

    const rules = fake.sheet("Rules")!;
    expect([rules.cell(1, 15)?.value, rules.cell(1, 16)?.value]).toEqual(["First MTFS year", "2011/12"]);
    expect([rules.cell(2, 15)?.value, rules.cell(2, 16)?.value]).toEqual(["Last MTFS year", "2016/17"]);
    // The year is text (quote prefix), not a date Excel would make of 2011/12.
    expect(rules.cell(1, 16)?.quotePrefix).toBe(true);
    // Nothing else changed, on Rules or any other sheet; the four cells went in one batch of writes.
    const after = rulesCells(fake);
    for (const k of ["1,15", "1,16", "2,15", "2,16"]) after.delete(k);
    expect(after).toEqual(cellsBefore);
    for (const sheet of fake.sheetNames()) if (sheet !== "Rules") expect(fake.snapshot(sheet)).toBe(before[sheet]);
    expect(fake.syncs.slice(syncs).filter((s) => s.writes > 0)).toHaveLength(1);

    // Read back from the sheet: shown in the fields with their cells.
    await waitFor(() => expect(field("First MTFS year").value).toBe("2011/12"));
    expect(field("Last MTFS year").value).toBe("2016/17");
    expect(yearsForm().textContent).toContain("In Rules!P2.");
  });

  test("a year the Check step would refuse is refused in its field, at its cell, and nothing is written", async () => {
    const { user, fake } = await openPane(sampleBook());
    await goTo(user, "Rules");
    await screen.findByRole("heading", { name: "Years covered" });
    const before = snapshotAll(fake);
    const syncs = fake.syncs.length;
    await user.type(field("First MTFS year"), "2016/17");
    await user.type(field("Last MTFS year"), "2011/12");
    await user.click(save());
    await waitFor(() => expect(field("Last MTFS year").getAttribute("aria-invalid")).toBe("true"));
    expect(yearsForm().textContent).toContain(
      "Rules!P2: Last MTFS year (2011/12) is before First MTFS year (2016/17): the years covered run backwards.",
    );
    expect(field("First MTFS year").getAttribute("aria-invalid")).not.toBe("true");
    expect(snapshotAll(fake)).toEqual(before);
    expect(fake.syncs.slice(syncs).every((s) => s.writes === 0)).toBe(true);
    // What was typed stays, to be put right.
    expect(field("First MTFS year").value).toBe("2016/17");
  });

  test("existing cells are edited in place, and clearing one removes its label: the default again", async () => {
    const grids = sampleGrids().map((g) =>
      g.name === "Rules" ? { ...g, values: [[g.values[0][0], "Last MTFS year", "2015/16"], ...g.values.slice(1)] } : g,
    );
    const fake = FakeWorkbook.fromGrids(grids);
    const { user } = await openPane(fake);
    await goTo(user, "Rules");
    await screen.findByRole("heading", { name: "Years covered" });
    expect(field("Last MTFS year").value).toBe("2015/16");
    expect(yearsForm().textContent).toContain("In Rules!C1.");
    // The missing first year goes beside it: above has no row, so below.
    expect(yearsForm().textContent).toContain("saving adds the label and the year at Rules!C2");

    await user.clear(field("Last MTFS year"));
    await user.click(save());
    await screen.findByText("Saved the years covered to Rules (B1, C1).");
    await idle();
    expect(fake.sheet("Rules")!.cell(1, 2)?.value ?? null).toBeNull();
    expect(fake.sheet("Rules")!.cell(1, 3)?.value ?? null).toBeNull();
    expect(fake.sheet("Rules")!.cell(1, 1)?.value).toBe(grids.find((g) => g.name === "Rules")!.values[0][0]);
    await waitFor(() =>
      expect(yearsForm().textContent).toContain("Not on the sheet yet: saving adds the label and the year at Rules!P2"),
    );
  });
});
