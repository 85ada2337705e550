/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import {
  dialogClosed,
  emulateLayout,
  goTo,
  openedDialog,
  openPane,
  renderPane,
  runOnce,
  sampleBook,
  snapshotAll,
} from "./render";

emulateLayout();

jest.setTimeout(180_000);

const tab = (name: string): HTMLElement => screen.getByRole("tab", { name });
const selected = (name: string): boolean => tab(name).getAttribute("aria-selected") === "true";

describe("App", () => {
  test("outside Excel it says it must be opened in Excel, and touches no workbook", async () => {
    const fake = sampleBook();
    const before = snapshotAll(fake);
    renderPane(fake, {
      status: { kind: "elsewhere", reason: "Office.js did not load, so this page is not inside Excel." },
    });
    expect(screen.getByRole("heading", { level: 1, name: "Shared Services Finance" })).toBeTruthy();
    await screen.findByText("Open this add-in in Excel");
    expect(
      screen.getByText(/Office\.js did not load, so this page is not inside Excel\. Sideload manifest\.xml/),
    ).toBeTruthy();
    expect(screen.queryByRole("tablist")).toBeNull();
    expect(fake.syncs).toHaveLength(0);
    expect(snapshotAll(fake)).toEqual(before);
  });

  test("says it is starting until it knows where it is", async () => {
    renderPane(sampleBook(), { status: undefined });
    expect(screen.getByText("Starting…")).toBeTruthy();
    await screen.findByRole("tablist", { name: "Steps" });
    expect(screen.queryByText("Starting…")).toBeNull();
  });
});

describe("keyboard", () => {
  test("the step tabs move with the arrow keys and open with Enter or Space; Results waits for a run", async () => {
    const { user } = await openPane(sampleBook());
    expect(selected("Start")).toBe(true);
    expect(tab("Results").hasAttribute("disabled")).toBe(true);
    // Tab reaches the tab list on the selected tab.
    await user.tab();
    expect(document.activeElement).toBe(tab("Start"));

    await user.keyboard("{ArrowRight}");
    expect(document.activeElement).toBe(tab("Rules"));
    await user.keyboard("{Enter}");
    await waitFor(() => expect(selected("Rules")).toBe(true));
    expect(screen.getByRole("tabpanel", { name: "Rules" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Sharing rules" })).toBeTruthy();

    await user.keyboard("{ArrowRight}{ArrowRight}");
    expect(document.activeElement).toBe(tab("Run"));
    await user.keyboard(" ");
    await waitFor(() => expect(selected("Run")).toBe(true));
    expect(screen.getByRole("tabpanel", { name: "Run" })).toBeTruthy();

    // Results is disabled: the arrow skips it and wraps round to Start.
    await user.keyboard("{ArrowRight}");
    expect(document.activeElement).toBe(tab("Start"));
    await user.keyboard("{ArrowLeft}");
    expect(document.activeElement).toBe(tab("Run"));
    await user.keyboard("{End}");
    expect(document.activeElement).toBe(tab("Run"));
    await user.keyboard("{Home}");
    expect(document.activeElement).toBe(tab("Start"));

    // Once the tables are written, Results can be reached too.
    await runOnce(user);
    expect(tab("Results").hasAttribute("disabled")).toBe(false);
    tab("Results").focus();
    await user.keyboard("{ArrowLeft}");
    expect(document.activeElement).toBe(tab("Run"));
    await user.keyboard("{ArrowRight}");
    expect(document.activeElement).toBe(tab("Results"));
  });

  test("the Edit dialog takes focus, keeps Tab inside it and closes with Escape, writing nothing", async () => {
    const { user, fake } = await openPane(sampleBook());
    await goTo(user, "Rules");
    const before = snapshotAll(fake);
    screen.getByRole("button", { name: "Edit the rule for ICT" }).focus();
    await user.keyboard("{Enter}");
    const dialog = await screen.findByRole("dialog", { name: "Rule for ICT" });
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));

    // Tab and Shift+Tab round the dialog more times than it has controls: focus never leaves it.
    const controls = within(dialog).getAllByRole("textbox").length + within(dialog).getAllByRole("button").length;
    for (let i = 0; i < controls + 3; i++) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    for (let i = 0; i < 3; i++) {
      await user.tab({ shift: true });
      expect(dialog.contains(document.activeElement)).toBe(true);
    }

    // Type something, then Escape: the dialog closes without saving.
    const partners = within(dialog).getByRole("textbox", { name: "Partners" });
    await user.click(partners);
    await user.type(partners, "Westminster");
    await user.keyboard("{Escape}");
    await dialogClosed();
    expect(snapshotAll(fake)).toEqual(before);
    // Opened again, it shows the sheet's rule, not what was typed and abandoned.
    await user.click(screen.getByRole("button", { name: "Edit the rule for ICT" }));
    const again = await screen.findByRole("dialog", { name: "Rule for ICT" });
    expect(((await within(again).findByRole("textbox", { name: "Partners" })) as HTMLInputElement).value).toBe("");
  });

  // Fluent's Dialog gives focus back only to a DialogTrigger; these dialogs are opened by plain buttons.
  test("closing the Edit dialog gives focus back to its Edit button", async () => {
    const { user } = await openPane(sampleBook());
    await goTo(user, "Rules");
    screen.getByRole("button", { name: "Edit the rule for ICT" }).focus();
    await user.keyboard("{Enter}");
    await screen.findByRole("dialog", { name: "Rule for ICT" });
    await user.keyboard("{Escape}");
    await dialogClosed();
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole("button", { name: "Edit the rule for ICT" })),
    );
  });

  test('cancelling "Replace the earlier tables?" gives focus back to its button', async () => {
    const { user } = await openPane(sampleBook());
    await runOnce(user);
    await goTo(user, "Run");
    screen.getByRole("button", { name: "Replace the tables" }).focus();
    await user.keyboard("{Enter}");
    const dialog = await openedDialog("Replace the earlier tables?");
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    await user.keyboard("{Escape}");
    await dialogClosed();
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole("button", { name: "Replace the tables" })),
    );
  });
});
