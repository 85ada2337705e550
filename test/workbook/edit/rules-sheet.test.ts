/** The task pane's Rules step: the view of each service's rule, edits as cell writes, a new Rules sheet. */
import { readFile } from "fs/promises";
import fc from "fast-check";
import type { CellValue, SheetGrid } from "../../../src/workbook/grid";
import { HEADINGS } from "../../../src/workbook/inputs";
import { readInputs } from "../../../src/workbook/read";
import { describeProblem } from "../../../src/workbook/problems";
import type { Reading } from "../../../src/workbook/read/cells";
import { readRules } from "../../../src/workbook/read/rules";
import { canonicalNames } from "../../../src/workbook/read/names";
import {
  displayText,
  CellWrite,
  RULE_FIELDS,
  RuleField,
  RulesView,
  cellInput,
  newRulesSheet,
  ruleEdit,
  rulesView,
} from "../../../src/workbook/edit/rules-sheet";
import { readXlsx } from "../../../src/xlsx/read";

let budget: SheetGrid;
let rules: SheetGrid;
beforeAll(async () => {
  const grids = await readXlsx(await readFile("assets/sample.xlsx"));
  budget = grids.find((g) => g.name === "Budget") as SheetGrid;
  rules = grids.find((g) => g.name === "Rules") as SheetGrid;
});

const copy = (grid: SheetGrid): SheetGrid => ({ name: grid.name, values: grid.values.map((row) => [...row]) });
/** The grid without the given 1-based row. */
const withoutRow = (grid: SheetGrid, row: number): SheetGrid => ({
  name: grid.name,
  values: grid.values.filter((_, i) => i !== row - 1),
});
/** The grid without the given 1-based column. */
const withoutColumn = (grid: SheetGrid, column: number): SheetGrid => ({
  name: grid.name,
  values: grid.values.map((row) => row.filter((_, i) => i !== column - 1)),
});
function applied(grid: SheetGrid, writes: readonly CellWrite[]): SheetGrid {
  const next = copy(grid);
  for (const w of writes) {
    while (next.values.length < w.row) next.values.push([]);
    const row = next.values[w.row - 1];
    while (row.length < w.column) row.push(null);
    row[w.column - 1] = w.value;
  }
  return next;
}
const edit = (view: RulesView, grid: SheetGrid, service: string, field: RuleField, typed: string): CellWrite[] => {
  const result = ruleEdit(view, grid, service, field, typed);
  if ("error" in result) throw new Error(result.error);
  return result.writes;
};

const SAMPLE: [service: string, row: number, partners: string, basis: string, newCost: string][] = [
  // A range (RULES.md §1) is text, shown as written.
  [
    "Youth Offending Service",
    4,
    "Hammersmith & Fulham; Kensington & Chelsea; Westminster",
    "demand",
    "£1,600k–£1,700k",
  ],
  ["Adult social care overheads", 5, "", "budget", ""],
  ["Local Safeguarding Children Board", 6, "", "equal", "98,000"],
  ["Fostering and adoption", 7, "", "FTE", "2,000,000"],
  ["Foster placements", 8, "", "demand", "11,900,000"],
  ["ICT", 9, "", "budget", "38,640,000"],
  [
    "Parking back office",
    10,
    "Hammersmith & Fulham, Kensington & Chelsea, Westminster from 2013/14",
    "demand",
    "1,725,000; 2,955,000 from 2013/14",
  ],
  ["Libraries", 11, "", "Population", ""],
  ["Dangerous structures", 12, "", "equal", "25,000"],
];
const SERVICES = SAMPLE.map((s) => s[0]);

describe("RULE_FIELDS", () => {
  test("every Rules field but Service, in template order, headed as the template heads it", () => {
    expect(RULE_FIELDS.map((f) => f.heading)).toEqual([
      "Partners",
      "Basis",
      "New cost",
      "Reduction",
      "Transitional cost",
      "Phasing",
      "Start month",
      "First year",
      "Kind",
      "Gain share",
      "Host",
      "Variance policy",
    ]);
    for (const f of RULE_FIELDS) expect(f.heading).toBe(HEADINGS[f.field][0]);
  });

  test("the percent fields' hints say a number without % is a percentage", () => {
    const hint = (field: RuleField) => RULE_FIELDS.find((f) => f.field === field)?.hint;
    expect(hint("reduction")).toContain("20 is 20%");
    expect(hint("gainShare")).toContain("10 is 10%");
  });
});

describe("rulesView", () => {
  test("the sample's nine services in Budget order, each with its Rules row as written", () => {
    const view = rulesView(budget, rules);
    expect(view).toMatchObject({ sheet: "Rules", headingRow: 3, lastColumn: 13, notes: [] });
    expect(
      view.rows.map((r) => [r.service, r.row, r.cells.partners?.text, r.cells.basis?.text, r.cells.newCost?.text]),
    ).toEqual(SAMPLE);
    const ict = view.rows.find((r) => r.service === "ICT");
    expect(ict?.cells.newCost).toEqual({ text: "38,640,000", value: 38640000, cell: "D9" });
    expect(ict?.cells.gainShare).toEqual({ text: "10%", value: 0.1, cell: "K9" });
    expect(ict?.cells.phasing).toEqual({
      text: "2,700,000; 2,600,000; 3,360,000; 1,200,000",
      value: "2,700,000; 2,600,000; 3,360,000; 1,200,000",
      cell: "G9",
    });
    expect(ict?.cells.startMonth).toEqual({ text: "", value: null, cell: "H9" });
    const asc = view.rows.find((r) => r.service === "Adult social care overheads");
    expect(asc?.cells.reduction).toEqual({ text: "50%", value: 0.5, cell: "E5" });
  });

  test("a Budget service with no rule has row undefined and blank fields with no cell; a rule with no Budget comes last", () => {
    const grid = withoutRow(rules, 12); // Dangerous structures
    grid.values.push(["Camden libraries", null, "equal", 1000]);
    const view = rulesView(budget, grid);
    expect(view.rows.map((r) => r.service)).toEqual([...SERVICES, "Camden libraries"]);
    const ds = view.rows[8];
    expect(ds.row).toBeUndefined();
    expect(Object.values(ds.cells)).toHaveLength(12);
    for (const c of Object.values(ds.cells)) expect(c).toEqual({ text: "", value: null });
    expect(view.rows[9]).toMatchObject({ row: 12, cells: { newCost: { text: "1,000", cell: "D12" } } });
    expect(view.notes).toEqual([
      "Dangerous structures is on the Budget sheet but has no row on the Rules sheet.",
      "Rules!A12: Camden libraries has no lines on the Budget sheet.",
    ]);
  });

  test("a wide Budget's services, totals skipped, matched to Rules rows ignoring case and spacing", () => {
    const wide: SheetGrid = {
      name: "Budget",
      values: [
        ["Budgets £000"],
        ["Service", "Hammersmith & Fulham", "Westminster", "Total"],
        ["ICT", 100, 200, 300],
        ["Libraries", null, 50, 50],
        ["Total", 100, 250, 350],
      ],
    };
    const grid: SheetGrid = {
      name: "Rules",
      values: [
        ["Service", "New cost"],
        ["  libraries ", 40],
      ],
    };
    const view = rulesView(wide, grid);
    expect(view.rows.map((r) => [r.service, r.row])).toEqual([
      ["ICT", undefined],
      ["Libraries", 2], // the Budget's spelling
    ]);
  });

  test("sheets with problems are still shown: an unreadable Budget's Service column, error cells as their errors", () => {
    const noBaseline: SheetGrid = {
      name: "Budget",
      values: [
        ["Partner", "Service"],
        ["Westminster", "ICT"],
        ["Westminster", "Libraries"],
      ],
    };
    const grid: SheetGrid = {
      name: "Rules",
      values: [
        ["Service", "New cost", "Reduction", "First year"],
        ["ICT", { error: "#REF!" }, "twenty", 40878],
        [{ error: "#N/A" }, 5, null, null],
        [null, 7, null, null],
        ["ICT", 9, null, null],
      ],
    };
    const view = rulesView(noBaseline, grid);
    expect(view.rows.map((r) => [r.service, r.row])).toEqual([
      ["ICT", 2],
      ["Libraries", undefined],
      ["#N/A", 3],
    ]);
    expect(view.rows[0].cells).toMatchObject({
      newCost: { text: "#REF!", cell: "B2" },
      reduction: { text: "twenty" },
      firstYear: { text: "2011/12" }, // a date (1 December 2011), shown as the year the reader takes
    });
    expect(view.notes).toEqual([
      "Budget: the sheet could not be read (the Check step says why); its Service column is shown as written.",
      "Rules!A4: row 4 has no Service, so it is not shown.",
      "Rules!A5: ICT is also in row 2; row 2 is shown.",
      "Libraries is on the Budget sheet but has no row on the Rules sheet.",
      "Rules!A3: #N/A has no lines on the Budget sheet.",
    ]);
  });

  test("no Rules sheet, or one with no heading row: the Budget's services with no rows, and an edit cannot be written", () => {
    const none = rulesView(budget, undefined);
    expect(none.sheet).toBeUndefined();
    expect(none.rows.map((r) => [r.service, r.row])).toEqual(SERVICES.map((s) => [s, undefined]));
    expect(none.notes).toEqual(["There is no Rules sheet: create one from the services found."]);

    const headless: SheetGrid = { name: "Rules", values: [["Sharing rules"], ["ICT", 5]] };
    const view = rulesView(budget, headless);
    expect(view.rows.every((r) => r.row === undefined)).toBe(true);
    expect(view.notes).toEqual(["Rules: none of the first 10 rows has a Service heading, so no rule can be shown."]);
    const result = ruleEdit(view, headless, "ICT", "newCost", "5");
    expect(result).toEqual({ error: expect.stringContaining("The Rules sheet has no heading row") });
  });

  test("no Budget sheet: the Rules sheet's services alone, without notes about the Budget", () => {
    const view = rulesView(undefined, rules);
    expect(view.rows.map((r) => r.service)).toEqual(SERVICES);
    expect(view.notes).toEqual(["There is no Budget sheet, so only the Rules sheet's services are shown."]);
  });

  test("the user's column choices are read as the Check step reads them", () => {
    const grid: SheetGrid = {
      name: "Rules",
      values: [
        ["Area", "New cost", "Agreed cost (£)"],
        ["ICT", 1, 2],
      ],
    };
    const view = rulesView(budget, grid, { columns: { service: "area", newCost: "agreed cost (£)" } });
    expect(view.columns).toEqual({ service: 1, newCost: 3 }); // the template's New cost is not read
    expect(view.rows.find((r) => r.service === "ICT")?.cells.newCost).toEqual({ text: "2", value: 2, cell: "C2" });

    const wide: SheetGrid = {
      name: "Budget",
      values: [
        ["Function", "Westminster"],
        ["Parks", 10],
      ],
    };
    expect(rulesView(wide, undefined, { budgetColumns: { service: "Function" } }).rows.map((r) => r.service)).toEqual([
      "Parks",
    ]);
  });

  test("choices that do not fit the sheet: the template's headings, with a note saying why", () => {
    const grid: SheetGrid = {
      name: "Rules",
      values: [
        ["Service", "New cost"],
        ["ICT", 1],
      ],
    };
    const view = rulesView(budget, grid, { columns: { host: "Lead", partner: "" } });
    expect(view.columns).toEqual({ service: 1, newCost: 2 });
    expect(view.notes[0]).toBe(
      'Rules: There is no column headed "Lead" (chosen for Host) in the first 10 rows. The template\'s headings are used instead.',
    );
  });
});

describe("ruleEdit", () => {
  test("an existing cell: one write at its address, with the money format", () => {
    const view = rulesView(budget, rules);
    expect(edit(view, rules, "ICT", "newCost", "£40,000,000")).toEqual([
      { row: 9, column: 4, value: 40000000, numberFormat: "#,##0" },
    ]);
    expect(edit(view, rules, "ict", "host", "=Westminster")).toEqual([{ row: 9, column: 12, value: "=Westminster" }]);
    expect(edit(view, rules, "ICT", "gainShare", "")).toEqual([{ row: 9, column: 11, value: null }]);
  });

  test("a service with no row: its Service cell and the field on the row after the last used one", () => {
    const grid = withoutRow(rules, 12);
    grid.values.push([], [null, ""]); // blank rows at the end do not count
    const view = rulesView(budget, grid);
    expect(edit(view, grid, "Dangerous structures", "firstYear", "2011/12")).toEqual([
      { row: 12, column: 1, value: "Dangerous structures" },
      { row: 12, column: 9, value: "2011/12" },
    ]);
    expect(edit(view, grid, "Dangerous structures", "firstYear", " ")).toEqual([]); // nothing to clear
  });

  test("a missing column: its template heading after the last heading, then the value under it", () => {
    const grid = withoutColumn(rules, 11); // Gain share
    const view = rulesView(budget, grid);
    expect(view.columns.gainShare).toBeUndefined();
    expect(edit(view, grid, "ICT", "gainShare", "12.5")).toEqual([
      { row: 3, column: 13, value: "Gain share" },
      { row: 9, column: 13, value: 0.125, numberFormat: "0.0%" },
    ]);
  });

  test("a bad number is an error naming the sheet, cell, field and service, and writes nothing", () => {
    const view = rulesView(budget, rules);
    expect(ruleEdit(view, rules, "ICT", "newCost", "lots")).toEqual({
      error: 'Rules!D9 (New cost for ICT): New cost must be an amount such as 1,650,000 or £1,650,000, not "lots".',
    });
    expect(ruleEdit(view, rules, "Camden", "newCost", "5")).toEqual({
      error: "Camden is neither on the Budget sheet nor on the Rules sheet, so it has no rule to edit.",
    });
  });

  const MONEY_FIELDS: RuleField[] = ["newCost", "transitional"];
  const PERCENT_FIELDS: RuleField[] = ["reduction", "gainShare"];
  const grouped = (n: number) => n.toLocaleString("en-GB", { maximumFractionDigits: 2 });

  /** A typed entry and the value and text the view must then show. */
  const entry = (field: RuleField): fc.Arbitrary<{ typed: string; value: CellValue; text: string }> => {
    if (MONEY_FIELDS.includes(field))
      return fc
        .tuple(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), fc.constantFrom("plain", "grouped", "pounds"))
        .map(([pence, how]) => {
          const n = pence / 100;
          const g = grouped(Math.abs(n));
          const sign = n < 0 ? "-" : "";
          const typed = how === "plain" ? String(n) : how === "grouped" ? `${sign}${g}` : `${sign}£${g}`;
          return { typed, value: n, text: grouped(n) };
        });
    if (PERCENT_FIELDS.includes(field))
      return fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.boolean()).map(([hundredths, sign]) => {
        const p = String(hundredths / 100);
        // One correctly rounded division: the double nearest the exact fraction, as Excel holds it.
        return { typed: sign ? `${p}%` : p, value: hundredths / 10_000, text: `${p}%` };
      });
    return fc
      .oneof(fc.string(), fc.constantFrom("=SUM(A1)", "2012/13", "  host bears ", "9", "-", "'quoted"))
      .map((typed) => (typed.trim() === "" ? { typed, value: null, text: "" } : { typed, value: typed, text: typed }));
  };

  test("property: after the writes, the view shows the typed value there and every other cell is unchanged", () => {
    const scenario = fc
      .record({
        dropRow: fc.option(fc.integer({ min: 4, max: 12 }), { nil: undefined }),
        dropColumn: fc.option(fc.integer({ min: 2, max: 13 }), { nil: undefined }),
        trailing: fc.nat(2),
        service: fc.constantFrom(...SERVICES),
        field: fc.constantFrom(...RULE_FIELDS.map((f) => f.field)),
      })
      .chain((s) => entry(s.field).map((e) => ({ ...s, ...e })));
    fc.assert(
      fc.property(scenario, (s) => {
        let grid = copy(rules);
        if (s.dropRow !== undefined) grid = withoutRow(grid, s.dropRow);
        if (s.dropColumn !== undefined) grid = withoutColumn(grid, s.dropColumn);
        for (let i = 0; i < s.trailing; i++) grid.values.push([null]);
        const before = rulesView(budget, grid);
        const writes = edit(before, grid, s.service, s.field, s.typed);
        const after = applied(grid, writes);
        const view = rulesView(budget, after);

        const row = view.rows.find((r) => r.service === s.service);
        expect(row?.cells[s.field]).toMatchObject({ text: s.text, value: s.value });
        expect(view.rows.map((r) => r.service)).toEqual(before.rows.map((r) => r.service));
        for (const [i, r] of before.rows.entries())
          for (const { field } of RULE_FIELDS) {
            if (r.service === s.service && field === s.field) continue;
            const { text, value } = r.cells[field] ?? {};
            expect(view.rows[i].cells[field]).toMatchObject({ text, value });
          }
        // Only the written cells differ on the sheet itself.
        const written = new Set(writes.map((w) => `${w.row},${w.column}`));
        const height = Math.max(grid.values.length, after.values.length);
        for (let r = 1; r <= height; r++)
          for (let c = 1; c <= Math.max(grid.values[r - 1]?.length ?? 0, after.values[r - 1]?.length ?? 0); c++)
            if (!written.has(`${r},${c}`))
              expect(after.values[r - 1]?.[c - 1] ?? null).toEqual(grid.values[r - 1]?.[c - 1] ?? null);
        // A heading only for a missing column, a Service cell only for a missing row.
        const entryBefore = before.rows.find((r) => r.service === s.service);
        const cleared = s.value === null;
        const expected =
          cleared && (entryBefore?.row === undefined || before.columns[s.field] === undefined)
            ? 0
            : 1 + (before.columns[s.field] === undefined ? 1 : 0) + (entryBefore?.row === undefined ? 1 : 0);
        expect(writes).toHaveLength(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe("cellInput", () => {
  test.each<[RuleField, string, ReturnType<typeof cellInput>]>([
    ["newCost", "", { value: null }],
    ["reduction", "   ", { value: null }],
    ["host", "", { value: null }],
    ["newCost", "1,650,000", { value: 1650000, numberFormat: "#,##0" }],
    ["newCost", "£1,650,000", { value: 1650000, numberFormat: "#,##0" }],
    ["transitional", " £ 100000 ", { value: 100000, numberFormat: "#,##0" }],
    ["newCost", "1650000.5", { value: 1650000.5, numberFormat: "#,##0.00" }],
    ["newCost", "-£5,000", { value: -5000, numberFormat: "#,##0" }],
    ["newCost", "£-5,000", { value: -5000, numberFormat: "#,##0" }],
    ["reduction", "50%", { value: 0.5, numberFormat: "0%" }],
    ["reduction", "50", { value: 0.5, numberFormat: "0%" }],
    ["gainShare", "12.5 %", { value: 0.125, numberFormat: "0.0%" }],
    ["gainShare", "0.5", { value: 0.005, numberFormat: "0.0%" }],
    ["reduction", "7.35%", { value: 0.0735, numberFormat: "0.00%" }],
    ["firstYear", "2012/13", { value: "2012/13" }],
    ["startMonth", "9", { value: "9" }],
    ["basis", "=A1", { value: "=A1" }],
    ["partners", " Westminster from 2013/14 ", { value: " Westminster from 2013/14 " }],
    ["phasing", "10%, 45%, 45%", { value: "10%, 45%, 45%" }],
    // An estimate given as a range (RULES.md §1) is kept as text, as typed, for the reader.
    ["newCost", "£1,600k–£1,700k", { value: "£1,600k–£1,700k" }],
    ["transitional", "700–1,000 £000", { value: "700–1,000 £000" }],
    ["reduction", "20%–30%", { value: "20%–30%" }],
  ])("%s %j", (field, typed, expected) => {
    expect(cellInput(field, typed)).toEqual(expected);
  });

  test.each<[RuleField, string, string]>([
    ["newCost", "lots", 'New cost must be an amount such as 1,650,000 or £1,650,000, not "lots".'],
    ["newCost", "1,65,000", 'New cost must be an amount such as 1,650,000 or £1,650,000, not "1,65,000".'],
    ["transitional", "£1.6m", 'Transitional cost must be an amount such as 1,650,000 or £1,650,000, not "£1.6m".'],
    ["newCost", "--5", 'New cost must be an amount such as 1,650,000 or £1,650,000, not "--5".'],
    ["newCost", "-£-5", 'New cost must be an amount such as 1,650,000 or £1,650,000, not "-£-5".'],
    ["reduction", "half", 'Reduction must be a percentage such as 20% (or 20), not "half".'],
    ["gainShare", "10%%", 'Gain share must be a percentage such as 20% (or 20), not "10%%".'],
    ["reduction", "£20", 'Reduction must be a percentage such as 20% (or 20), not "£20".'],
    ["gainShare", "10%–20%", 'Gain share must be a percentage such as 20% (or 20), not "10%–20%".'],
  ])("%s %j is an error", (field, typed, error) => {
    expect(cellInput(field, typed)).toEqual({ error });
  });
});

describe("newRulesSheet", () => {
  test("the template headings on row 3 under a title, a row per service with the README's word defaults", () => {
    const sheet = newRulesSheet(["ICT", "Libraries", " ict", ""]);
    expect(sheet.name).toBe("Rules");
    expect(sheet.headingRow).toBe(3);
    expect(sheet.freezeRows).toBe(3);
    expect(sheet.values[2]).toEqual(["Service", ...RULE_FIELDS.map((f) => f.heading)]);
    expect(sheet.values.slice(3)).toEqual([
      ["ICT", null, "demand", null, null, null, null, null, null, "cashable", null, null, "host bears"],
      ["Libraries", null, "demand", null, null, null, null, null, null, "cashable", null, null, "host bears"],
    ]);
    expect(sheet.numberFormats).toEqual([
      undefined,
      undefined,
      undefined,
      "#,##0",
      "0%",
      "#,##0",
      undefined,
      undefined,
      undefined,
      undefined,
      "0%",
      undefined,
      undefined,
    ]);
    expect(sheet.widths).toHaveLength(13);
    expect(newRulesSheet([], "Sharing rules").name).toBe("Sharing rules");
  });

  test("read back: one rule per service, no heading problems, and exactly the cells to fill in", () => {
    const sheet = newRulesSheet(SERVICES);
    const grid: SheetGrid = { name: sheet.name, values: sheet.values };
    const reading: Reading = { grid, problems: [], notes: [] };
    const read = readRules(reading, canonicalNames(new Map()), []);
    expect(read?.sheet.rules.map((r) => r.service)).toEqual(SERVICES);
    expect(read?.sheet.headerRow).toBe(3);
    expect(reading.problems.filter((p) => /heading|column/i.test(p.message))).toEqual([]);

    const { problems } = readInputs([budget, grid]);
    expect(problems.map((p) => `${describeProblem(p).where} ${p.message}`)).toEqual(
      SERVICES.flatMap((s, i) => [
        // Basis is written as the README's default, demand, which needs a Drivers sheet.
        `Rules!C${i + 4} Basis for ${s} is demand (quantity × quality), but there is no Drivers sheet.`,
        `Rules!D${i + 4} Neither New cost nor Reduction is given for ${s}.`,
        `Rules!I${i + 4} First year for ${s} is blank.`,
      ]),
    );
  });

  test("filled in through ruleEdit, the new sheet reads with no problems", () => {
    const sheet = newRulesSheet(SERVICES);
    let grid: SheetGrid = { name: sheet.name, values: sheet.values };
    for (const service of SERVICES)
      for (const [field, typed] of [
        ["basis", "equal"],
        ["newCost", "£1,000"],
        ["firstYear", "2012/13"],
      ] as [RuleField, string][])
        grid = applied(grid, edit(rulesView(budget, grid), grid, service, field, typed));
    const { inputs, problems } = readInputs([budget, grid]);
    expect(problems).toEqual([]);
    expect(inputs?.rules.rules.map((r) => [r.service, r.newCost?.value.toString(), r.firstYear.value])).toEqual(
      SERVICES.map((s) => [s, "1000", "2012/13"]),
    );
  });
});

describe("displayText of months and years Excel made dates", () => {
  // 40787 is 1 September 2011 in Excel's 1900 date system.
  test("a start month shows as the month the reader reads, a date's or a number's", () => {
    expect(displayText("startMonth", 40787)).toBe("September");
    expect(displayText("startMonth", 9)).toBe("September");
    expect(displayText("startMonth", "Sept")).toBe("Sept"); // text stays as typed
  });
  test("a first year that is a date shows as its financial year; a bare number as it is", () => {
    expect(displayText("firstYear", 40787)).toBe("2011/12");
    expect(displayText("firstYear", 40600)).toBe("2010/11"); // 26 February 2011: before April
    expect(displayText("firstYear", 2011)).toBe("2011");
  });
});
