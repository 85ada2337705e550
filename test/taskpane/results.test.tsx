/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import type { Decimal } from "../../src/engine";
import type { PlanCell, SheetPlan } from "../../src/workbook/plan";
import { prepareRun } from "../../src/workbook/prepare";
import type { SheetGrid } from "../../src/workbook/grid";
import { FakeWorkbook } from "../office/fake-excel";
import { choose, fakeHost, idle, openPane, runOnce, sampleBook } from "./render";

jest.setTimeout(180_000);

/** £1,234.56 and -£1,234.56, as the sheets' #,##0.00. */
const money = (d: Decimal): string => {
  const text = d
    .abs()
    .toFixed(2)
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return d.isNegative() && !d.isZero() ? `-£${text}` : `£${text}`;
};

const textOf = (cell: PlanCell | undefined): string | undefined => (cell?.kind === "text" ? cell.text : undefined);
const valueOf = (cell: PlanCell | undefined): unknown =>
  cell?.kind === "formula" ? cell.value : cell?.kind === "number" ? cell.value : undefined;

interface Block {
  partner: string;
  /** By measure (column B), the year cells' values and the total column's. */
  measure(name: string): { years: Decimal[]; total?: Decimal };
  breakEven: string;
  /** The sheet's payback as the pane shows it: "1.91 years", or the sheet's words. */
  payback: string;
}

/** A break-even or payback cell as the pane words it: a year or years, or the sheet's text. */
const shownAs = (cell: PlanCell | undefined): string =>
  cell?.kind === "number" ? `${cell.value.toFixed(2)} years` : (textOf(cell) ?? String(valueOf(cell)));

/**
 * The sheet's section of each service, all its partners together: its name (column A) and, in
 * column F, its break-even and payback.
 */
function serviceBlocks(sheet: SheetPlan): { service: string; breakEven: string; payback: string }[] {
  const header = sheet.rows.findIndex((row) => textOf(row[0]) === "Service" && textOf(row[1]) === "Measure");
  expect(header).toBeGreaterThan(0);
  const found: { service: string; breakEven: string; payback: string }[] = [];
  for (let r = header + 1; r < sheet.rows.length; r++)
    if (textOf(sheet.rows[r]?.[1]) === "Break-even year")
      found.push({
        service: textOf(sheet.rows[r][0])!,
        breakEven: shownAs(sheet.rows[r][5]),
        payback: shownAs(sheet.rows[r + 1][5]),
      });
  return found;
}

/**
 * The Savings profile sheet's summary as written: a block of rows per partner (column A) and measure
 * (column B), the years from column F along the heading row, the total after them.
 */
function profileBlocks(sheet: SheetPlan): { years: string[]; blocks: Block[] } {
  const header = sheet.rows.findIndex((row) => textOf(row[0]) === "Partner");
  const years: string[] = [];
  for (
    let c = 5;
    textOf(sheet.rows[header][c]) !== undefined && /^\d{4}\/\d{2}$/.test(textOf(sheet.rows[header][c])!);
    c++
  )
    years.push(textOf(sheet.rows[header][c])!);
  const blocks: Block[] = [];
  for (let r = header + 1; r < sheet.rows.length; r++) {
    const partner = textOf(sheet.rows[r][0]);
    if (partner === undefined || textOf(sheet.rows[r][1]) !== "Cashable saving, new each year") continue;
    const rowOf = (name: string): (PlanCell | undefined)[] => {
      for (let k = r; k < r + 12; k++) if (textOf(sheet.rows[k][1]) === name) return sheet.rows[k];
      throw new Error(`no ${name} row for ${partner}`);
    };
    blocks.push({
      partner,
      measure: (name) => {
        const row = rowOf(name);
        return {
          years: years.map((_, i) => valueOf(row[5 + i]) as Decimal),
          total: valueOf(row[5 + years.length]) as Decimal | undefined,
        };
      },
      breakEven: shownAs(rowOf("Break-even year")[5]),
      payback: shownAs(rowOf("Payback, years")[5]),
    });
  }
  return { years, blocks };
}

const rowsOf = (table: HTMLElement): string[][] =>
  within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent ?? ""),
    );

describe("Results step", () => {
  test("totals, break-even and the by-year table match the Savings profile written; links select each sheet", async () => {
    const fake = sampleBook();
    // What the run will plan, from the same workbook read the same way.
    const read = await fakeHost(fake).read();
    const prepared = prepareRun(read.grids, read.existing, { when: new Date(), source: "this workbook" });
    const planned = prepared.plan!.sheets.find((s) => s.name === "Savings profile")!;
    const { years, blocks } = profileBlocks(planned);
    expect(blocks.map((b) => b.partner)).toEqual([
      "Hammersmith & Fulham",
      "Kensington & Chelsea",
      "Westminster",
      "All partners",
    ]);

    const { user } = await openPane(fake);
    await runOnce(user);
    expect(screen.getByRole("tab", { name: "Results" }).getAttribute("aria-selected")).toBe("true");

    // The plan is what was written: every formula of the planned sheet is on the sheet in the workbook.
    const written = fake.formulas("Savings profile");
    planned.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell?.kind === "formula") expect(written[r][c]).toBe(cell.formula);
        if (cell?.kind === "text" && r !== 1) expect(written[r][c]).toBe(cell.text);
      }),
    );

    // Totals by partner: the sheet's total column of the cashable and investment lines, and its break-even.
    const totals = screen.getByRole("table", { name: "Totals by partner" });
    expect(rowsOf(totals)).toEqual(
      blocks.map((b) => [
        b.partner,
        money(b.measure("Cashable saving, new each year").total!),
        money(b.measure("Investment (transitional costs)").total!),
        b.breakEven,
        b.payback,
      ]),
    );
    // Break-even and payback of each service, from its own first figure, as the sheet's section has them.
    const services = serviceBlocks(planned);
    expect(services.map((s) => s.service)).toEqual(prepared.results!.services.map((s) => s.service));
    expect(rowsOf(screen.getByRole("table", { name: "Break-even by service" }))).toEqual(
      services.map((s, i) => [s.service, prepared.results!.services[i].firstFigure ?? "", s.breakEven, s.payback]),
    );
    // The region that scrolls the table is named and reachable by keyboard.
    expect(screen.getByRole("region", { name: "Totals by partner" }).tabIndex).toBe(0);

    // The by-year table, first for all partners, then for each partner chosen.
    const byYear = (b: Block): string[][] =>
      years.map((year, i) => [
        year,
        money(b.measure("Cashable saving, new each year").years[i]),
        money(b.measure("Cashable saving in force").years[i]),
        money(b.measure("Net cashable saving").years[i]),
        money(b.measure("Cumulative net saving").years[i]),
        // The sample has a Variances sheet: the figures for the year after them (RULES.md §3).
        money(b.measure("In-year variances borne").years[i]),
        money(b.measure("Net after variances").years[i]),
      ]);
    const dropdown = screen.getByRole("combobox", { name: "Savings by year for" });
    expect(dropdown.textContent).toBe("All partners");
    expect(rowsOf(screen.getByRole("table", { name: "Savings by year, All partners" }))).toEqual(byYear(blocks[3]));
    for (const block of [blocks[2], blocks[0]]) {
      await choose(user, "Savings by year for", block.partner);
      const table = await screen.findByRole("table", { name: `Savings by year, ${block.partner}` });
      expect(rowsOf(table)).toEqual(byYear(block));
      // The chart beside it says the same figures to a screen reader.
      const chart = screen.getByRole("img", { name: new RegExp(`^Cashable saving in force, ${block.partner}:`) });
      const inForce = block.measure("Cashable saving in force").years;
      expect(chart.getAttribute("aria-label")).toBe(
        `Cashable saving in force, ${block.partner}: ${years.map((y, i) => `${y} ${money(inForce[i])}`).join("; ")}.`,
      );
    }

    // Fairness in the round: the flag the Audit sheet carries, or that no partner is flagged.
    const fairness = prepared.results!.fairness;
    const title = screen.getByText("Fairness in the round");
    const bar = title.closest(".fui-MessageBar") as HTMLElement;
    if (fairness.length > 0) {
      for (const f of fairness) expect(bar.textContent).toContain(f);
      const audit = fake
        .values("Audit")
        .flat()
        .filter((v): v is string => typeof v === "string");
      for (const f of fairness) expect(audit.some((t) => t.includes(f))).toBe(true);
    } else expect(bar.textContent).toContain("No partner has the smallest saving rate in most of the services");

    // A link to each sheet written, which selects it in the workbook.
    for (const name of ["Attribution", "Savings profile", "Realisation", "Audit"]) {
      await user.click(screen.getByRole("button", { name }));
      await waitFor(() => expect(fake.selection).toEqual({ sheet: name, address: "A1" }));
    }
    await idle();
    expect(screen.queryByText("That did not work")).toBeNull();
  });

  test("the fairness flag shows when one partner gains least in most of its services", async () => {
    // Three services split equally between a small partner and two large ones: the small one
    // saves least (it pays more than alone) in every service.
    const services = ["Payroll", "Legal", "Procurement"];
    const grids: SheetGrid[] = [
      {
        name: "Budget",
        values: [
          ["Partner", "Service", "Baseline"],
          ...services.flatMap((s) => [
            ["Ashford", s, 100000],
            ["Bexley", s, 300000],
            ["Croydon", s, 300000],
          ]),
        ],
      },
      {
        name: "Rules",
        values: [
          ["Service", "Basis", "New cost", "First year"],
          ...services.map((s) => [s, "equal", 560000, "2011/12"]),
        ],
      },
    ];
    const fake = FakeWorkbook.fromGrids(grids);
    const read = await fakeHost(fake).read();
    const fairness = prepareRun(read.grids, read.existing, { when: new Date(), source: "this workbook" }).results!
      .fairness;
    expect(fairness.length).toBeGreaterThan(0);
    expect(fairness.join(" ")).toContain("Ashford");

    const { user } = await openPane(fake);
    await runOnce(user);
    const bar = screen.getByText("Fairness in the round").closest(".fui-MessageBar") as HTMLElement;
    expect(bar.textContent).toBe(`Fairness in the round${fairness.join(" ")}`);
    expect(bar.textContent).not.toContain("No partner has the smallest saving rate");
    const audit = fake
      .values("Audit")
      .flat()
      .filter((v): v is string => typeof v === "string");
    for (const f of fairness) expect(audit.some((t) => t.includes(f))).toBe(true);
    // The other warnings (Ashford pays more than alone) are on the Audit sheet, and the pane says how many.
    expect(screen.getByText(/^The Audit sheet lists \d+ warnings in all\.$/)).toBeTruthy();
    // No Tracker: no Realisation sheet, and no link to one.
    expect(screen.queryByRole("button", { name: "Realisation" })).toBeNull();
    expect(screen.getByRole("button", { name: "Audit" })).toBeTruthy();
  });
});
