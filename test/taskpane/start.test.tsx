/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import { sampleSheets } from "../../src/sample/sample";
import type { CellValue } from "../../src/workbook/grid";
import { FakeWorkbook } from "../office/fake-excel";
import { blankBook, choose, goTo, idle, messages, openPane, runOnce, sampleBook, sampleGrids } from "./render";

jest.setTimeout(180_000);

const sheetBox = (role: string): HTMLElement => screen.getByRole("combobox", { name: `${role} sheet` });

/** Values as the fake gives them: rows padded to the widest, blanks null. */
function padded(values: readonly (readonly CellValue[])[]): CellValue[][] {
  let last = values.length;
  while (last > 0 && values[last - 1].every((v) => v === null || v === undefined || v === "")) last--;
  const rows = values.slice(0, last);
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((r) =>
    Array.from({ length: width }, (_, c) => (r[c] === undefined || r[c] === "" ? null : (r[c] as CellValue))),
  );
}

describe("Start step", () => {
  test("proposes Budget, Rules, FTE, Drivers and Tracker for the sample, with their heading rows", async () => {
    await openPane(sampleBook());
    for (const role of ["Budget", "Rules", "FTE", "Drivers", "Tracker"]) {
      expect(sheetBox(role).textContent).toBe(role);
    }
    // Each sheet's hint says what was found there; it describes the combobox for a screen reader.
    const budgetRows = sampleSheets().find((s) => s.name === "Budget")!.values.length - 3;
    const hint = document.getElementById(sheetBox("Budget").getAttribute("aria-describedby") ?? "");
    expect(hint?.textContent).toBe(`Headings on row 3, ${budgetRows} rows of data.`);
    // A sample workbook already has the sample's sheets: the sample cannot be added again.
    expect(screen.queryByRole("button", { name: "Try it with sample data" })).toBeNull();
  });

  test('choosing "(none)" for the Tracker: the run reads no Tracker and writes no Realisation sheet', async () => {
    const { user, fake } = await openPane(sampleBook());
    await choose(user, "Tracker sheet", "(none)");
    expect(sheetBox("Tracker").textContent).toBe("(none)");
    expect(screen.getByText("Optional: savings achieved, for the Realisation sheet.")).toBeTruthy();
    await runOnce(user);
    expect(fake.sheetNames()).toEqual([
      ...sampleSheets().map((s) => s.name),
      "Attribution",
      "Savings profile",
      "Variance shares",
      "Assessment",
      "Audit",
    ]);
    // The choice holds after the run re-reads the workbook.
    await goTo(user, "Start");
    expect(sheetBox("Tracker").textContent).toBe("(none)");
  });

  test("choosing another sheet for a role: Check reads that sheet", async () => {
    const grids = sampleGrids();
    // A second rules sheet whose only difference is a phasing that does not add up (Rules!G5 of the copy).
    const rules = grids.find((g) => g.name === "Rules")!;
    const draft = { name: "Rules draft", values: rules.values.map((r) => [...r]) };
    draft.values[4][6] = "10%, 45%, 35%";
    const { user } = await openPane(FakeWorkbook.fromGrids([...grids, draft]));
    expect(sheetBox("Rules").textContent).toBe("Rules");

    await goTo(user, "Check");
    await user.click(screen.getByRole("button", { name: "Check the workbook" }));
    await screen.findByText("No errors");

    await goTo(user, "Start");
    await choose(user, "Rules sheet", "Rules draft");
    await goTo(user, "Check");
    // The earlier check no longer stands: the choice changed what is read.
    expect(screen.queryByText("No errors")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Check the workbook" }));
    await screen.findByText("1 error to put right");
    const errors = screen.getByRole("list", { name: "Errors" });
    expect(within(errors).getByRole("button", { name: "Select Rules draft!G5 in Excel" })).toBeTruthy();
  });

  describe("a Budget whose headings are not the template's", () => {
    const renamed = (): FakeWorkbook => {
      const grids = sampleGrids();
      const budget = grids.find((g) => g.name === "Budget")!;
      // Cost centre, Description, Partner, Service, Category, Baseline £ → nonstandard names.
      budget.values[2] = ["Cost centre", "Description", "Council", "Area", "Category", "Net spend £"];
      return FakeWorkbook.fromGrids(grids);
    };

    test("reads once Service, Partner and Baseline are mapped in the Columns accordion", async () => {
      const { user, fake } = await openPane(renamed());
      // With no Service heading the Budget cannot be read: Check says so.
      await goTo(user, "Check");
      await user.click(screen.getByRole("button", { name: "Check the workbook" }));
      await screen.findByText(/errors? to put right/);
      expect(within(screen.getByRole("list", { name: "Errors" })).getAllByText(/Budget/).length).toBeGreaterThan(0);

      await goTo(user, "Start");
      await user.click(screen.getByRole("button", { name: "Columns of Budget" }));
      const service = await screen.findByRole("combobox", { name: "Service" });
      expect(service.textContent).toBe("(automatic)");
      await choose(user, "Service", "Area");
      await choose(user, "Partner", "Council");
      await choose(user, "Baseline", "Net spend £");
      expect(screen.getByRole("combobox", { name: "Service" }).textContent).toBe("Area");
      expect(screen.getByRole("combobox", { name: "Baseline" }).textContent).toBe("Net spend £");

      await goTo(user, "Check");
      await user.click(screen.getByRole("button", { name: /Check (the workbook|again)/ }));
      await screen.findByText("No errors");
      await runOnce(user);
      expect(fake.sheetNames()).toContain("Attribution");
      // The baselines are the Budget's "Net spend £" column (F).
      const baselines = fake
        .formulas("Attribution")
        .flat()
        .filter((f): f is string => typeof f === "string" && f.includes("Budget!"));
      expect(baselines.length).toBeGreaterThan(0);
      expect(baselines.every((f) => /Budget!\$?F\$?\d/.test(f))).toBe(true);
    });

    test("the Rules step finds the Budget's services through the mapped columns", async () => {
      const { user } = await openPane(renamed());
      await user.click(screen.getByRole("button", { name: "Columns of Budget" }));
      await screen.findByRole("combobox", { name: "Service" });
      await choose(user, "Service", "Area");
      await choose(user, "Baseline", "Net spend £");
      await goTo(user, "Rules");
      const list = screen.getByRole("list", { name: "Services and their rules" });
      expect(within(list).getAllByRole("listitem")).toHaveLength(9);
      // Every Rules row's service is on the Budget (the mapped Area column): no "no lines" note.
      expect(screen.queryAllByText(/has no lines on the Budget sheet/).map((n) => n.textContent)).toEqual([]);
      expect(screen.queryAllByText(/^Budget:/).map((n) => n.textContent)).toEqual([]);
    });
  });

  test('"Try it with sample data" on a blank workbook adds the sample sheets and leaves Sheet1 alone', async () => {
    const fake = blankBook();
    const sheet1 = fake.snapshot("Sheet1");
    const { user } = await openPane(fake);
    // Nothing proposed for the required roles yet.
    expect(sheetBox("Budget").textContent).toBe("(none)");

    await user.click(screen.getByRole("button", { name: "Try it with sample data" }));
    await waitFor(() => expect(sheetBox("Budget").textContent).toBe("Budget"));
    await idle();

    expect(fake.sheetNames()).toEqual([
      "Sheet1",
      "Budget",
      "FTE",
      "Rules",
      "Drivers",
      "Tracker",
      "Variances",
      "Costs",
      "Compatibility",
    ]);
    for (const sheet of sampleSheets()) expect(fake.values(sheet.name)).toEqual(padded(sheet.values));
    expect(fake.snapshot("Sheet1")).toBe(sheet1);
    // Text that Excel would take for a date (a financial year) is kept as text.
    expect(fake.sheet("Rules")!.cell(4, 9)).toMatchObject({ value: "2012/13", quotePrefix: true });

    for (const role of ["Budget", "Rules", "FTE", "Drivers", "Tracker"]) expect(sheetBox(role).textContent).toBe(role);
    // Whatever the pane says about it, it says once.
    expect(new Set(messages()).size).toBe(messages().length);
    // Once added, the button is gone.
    expect(screen.queryByRole("button", { name: "Try it with sample data" })).toBeNull();
  });

  test("the sample is offered on a workbook with data of the user's but no sheet named as the sample's", async () => {
    await openPane(
      FakeWorkbook.fromGrids([
        {
          name: "Spending",
          values: [
            ["Service", "Amount"],
            ["Libraries", 10],
          ],
        },
      ]),
    );
    expect(screen.getByRole("button", { name: "Try it with sample data" })).toBeTruthy();
  });

  test("a Compatibility sheet by another name, chosen for the role: the run writes an Assessment over it", async () => {
    const candidates = {
      name: "Candidate list",
      values: [
        [
          "Service",
          "Kind of service",
          "Strategic fit",
          "Political alignment",
          "IT compatibility",
          "Business processes",
          "Staffing arrangements",
          "Service standards",
          "Cost sharing/VFM",
          "Risk",
          "Organisational issues",
          "Delivery timescales",
          "Ease of implementation",
        ],
        ["Payroll", "Payroll", "G", "G", "A", "G", "G", "G", "G", "G", "G", "G", "G"],
      ],
    };
    // The sample without its own Compatibility sheet: the candidates' name is none of the template's,
    // so the pane proposes no sheet for the role until one is chosen.
    const grids = sampleGrids().filter((g) => g.name !== "Compatibility");
    const { user, fake } = await openPane(FakeWorkbook.fromGrids([...grids, candidates]));
    expect(sheetBox("Compatibility").textContent).toBe("(none)");
    expect(
      screen.getByText(
        "Optional: candidate services scored red, amber or green on the eleven criteria, for the Assessment sheet.",
      ),
    ).toBeTruthy();
    await choose(user, "Compatibility sheet", "Candidate list");
    expect(sheetBox("Compatibility").textContent).toBe("Candidate list");
    await runOnce(user);
    expect(fake.sheetNames()).toContain("Assessment");
    const formulas = fake.formulas("Assessment");
    expect(formulas[5][0]).toBe("Payroll");
    expect(formulas[5][4]).toBe("=COUNTIF('Candidate list'!C2:M2,\"amber\")+COUNTIF('Candidate list'!C2:M2,\"a\")");
    expect(fake.values("Assessment")[5][1]).toBe("Medium");
  });
});
