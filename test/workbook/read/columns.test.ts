/**
 * The user's column choices (ReadOptions.columns): a chosen heading is its field whatever its
 * spelling, a choice that does not fit the sheet is a clear problem, and a sheet without choices
 * reads exactly as before.
 */
import fc from "fast-check";
import type { CellValue } from "../../../src/workbook/grid";
import type { ReadResult } from "../../../src/workbook/read";
import { nameKey } from "../../../src/workbook/read/cells";
import {
  HF,
  KC,
  LIB,
  RULE_HEADINGS,
  WCC,
  YOS,
  asWritten,
  budgetLong,
  problemAt,
  read,
  validSheets,
  where,
} from "./workbook";

/** The valid Budget's partner, service, baseline and cost centre, in that order, under the given headings. */
const budgetUnder = (headings: CellValue[]): CellValue[][] => [
  headings,
  ...budgetLong()
    .slice(1)
    .map((row) => row.slice(0, 4)),
];
const STANDARD = budgetUnder(["Partner", "Service", "Baseline", "Cost centre"]);
// "Council" is a template spelling of Partner; "Area" and "Net spend £" match nothing.
const NONSTANDARD = budgetUnder(["Council", "Area", "Net spend £", "Cost centre"]);

const wide = (): CellValue[][] => [
  ["Service", HF, KC, WCC],
  [YOS, 728000, 676000, 677000],
  [LIB, 1200000.5, 900000, 1500000],
];

describe("a Budget headed Council / Area / Net spend £", () => {
  test("fails without a choice: no row has a Service heading", () => {
    const r = read({ ...validSheets(), Budget: NONSTANDARD });
    expect(r.inputs).toBeUndefined();
    expect(problemAt(r, "Budget", undefined).message).toBe(
      "No heading row: none of the first 10 rows has a Service heading.",
    );
  });

  test("with Service and Baseline chosen, reads the same lines as a standard-headed copy", () => {
    const standard = read({ ...validSheets(), Budget: STANDARD });
    expect(where(standard.problems)).toEqual([]);
    const chosen = read(
      { ...validSheets(), Budget: NONSTANDARD },
      // Case and spacing aside, as written on the sheet; Partner is still found by its spelling.
      { columns: { budget: { service: "area", baseline: "  NET   spend £ " } } },
    );
    expect(where(chosen.problems)).toEqual([]);
    expect(chosen.inputs?.budget).toEqual(standard.inputs?.budget);
    expect(chosen.inputs?.budget.lines).toHaveLength(7);
    expect(chosen.inputs?.budget.lines[0]).toMatchObject({ partner: HF, service: YOS });
    expect(chosen.inputs?.budget.lines[0].baseline.value.toString()).toBe("728000");
  });

  test("a chosen heading that says £000 sets the units, as a template heading does", () => {
    const r = read(
      { ...validSheets(), Budget: budgetUnder(["Council", "Area", "Net spend £000", "Cost centre"]) },
      { columns: { budget: { service: "Area", baseline: "Net spend £000" } } },
    );
    expect(r.inputs?.budget.units).toBe("thousands");
    expect(r.inputs?.budget.lines[0].baseline.value.toString()).toBe("728000000");
  });

  test("a chosen Service heading marks the heading row, under a title that says Service", () => {
    const r = read(
      { ...validSheets(), Budget: [["Service budgets"], ["Service line notes"], ...NONSTANDARD] },
      { columns: { budget: { service: "Area", baseline: "Net spend £" } } },
    );
    expect(where(r.problems)).toEqual([]);
    expect(r.inputs?.budget.headerRow).toBe(3);
  });

  test("a field the user chose is not found by its template spelling elsewhere", () => {
    // Both "Baseline" and "Net spend £": the user chose the second, so the first is not read.
    const sheet: CellValue[][] = [
      ["Partner", "Service", "Baseline", "Net spend £"],
      [HF, YOS, 1, 728000],
      [KC, YOS, 2, 676000],
      [WCC, YOS, 3, 677000],
      [HF, LIB, 4, 1200000],
      [KC, LIB, 5, 900000],
      [WCC, LIB, 6, 1500000],
    ];
    const r = read({ ...validSheets(), Budget: sheet }, { columns: { budget: { baseline: "Net spend £" } } });
    expect(where(r.problems)).toEqual([]);
    expect(r.inputs?.budget.lines.map((l) => [l.baseline.value.toString(), l.baseline.at.column])).toEqual([
      ["728000", 4],
      ["676000", 4],
      ["677000", 4],
      ["1200000", 4],
      ["900000", 4],
      ["1500000", 4],
    ]);
  });
});

describe("choices that do not fit are problems, with their cell", () => {
  const one = (sheets: Record<string, CellValue[][]>, options: Parameters<typeof read>[1], cell?: string) => {
    const r = read(sheets, options);
    expect(r.inputs).toBeUndefined();
    const onBudget = r.problems.filter((p) => p.sheet === "Budget");
    expect(onBudget).toHaveLength(1);
    expect(asWritten(onBudget[0]).cell).toBe(cell);
    return onBudget[0];
  };

  test("a chosen heading found nowhere in the first 10 rows", () => {
    const p = one(validSheets(), { columns: { budget: { baseline: "Net cost" } } });
    expect(p.message).toBe('There is no column headed "Net cost" (chosen for Baseline) in the first 10 rows.');
    expect(p.fix).toBe("Choose another column for Baseline, or restore the heading.");
  });

  test("a chosen Service heading found nowhere: that, not also 'no heading row'", () => {
    const p = one(validSheets(), { columns: { budget: { service: "Area" } } });
    expect(p.message).toBe('There is no column headed "Area" (chosen for Service) in the first 10 rows.');
    expect(p.fix).toBe("Choose another column for Service, or restore the heading.");
  });

  test("a chosen heading in another row than the headings", () => {
    const p = one(
      { ...validSheets(), Budget: [["Budgets 2011/12"], ...budgetLong()] },
      { columns: { budget: { baseline: "Budgets 2011/12" } } },
      "A1",
    );
    expect(p.message).toBe('"Budgets 2011/12" (chosen for Baseline) is in row 1, not in the heading row (row 2).');
    expect(p.fix).toBe("Choose a heading in row 2 for Baseline, or put the headings in one row.");
  });

  test("one heading chosen for two fields", () => {
    const p = one(
      { ...validSheets(), Budget: NONSTANDARD },
      { columns: { budget: { service: "Area", baseline: "area" } } },
      "B1",
    );
    expect(p.message).toBe('"Area" is chosen for both Service and Baseline.');
    expect(p.fix).toBe("Choose a different column for one of them: a column is read as one field only.");
  });

  test("a field the sheet does not read", () => {
    const p = one(validSheets(), { columns: { budget: { fte: "Baseline" } } });
    expect(p.message).toBe(
      '"Baseline" is chosen for FTE, which this sheet does not read (its columns are Partner, Service, Baseline, Cost centre, Description and Category).',
    );
    expect(p.fix).toBe("Clear the choice for FTE.");
  });

  test("two columns with the chosen heading", () => {
    const sheet = NONSTANDARD.map((row, i) => [...row, i === 0 ? "AREA" : "x"]);
    // Column E, after Cost centre in D.
    const p = one(
      { ...validSheets(), Budget: sheet },
      { columns: { budget: { service: "Area", baseline: "Net spend £" } } },
      "E1",
    );
    expect(p.message).toBe('Two columns are headed "AREA" (B1 and E1), the heading chosen for Service.');
    expect(p.fix).toBe("Rename one of them, or choose another column for Service.");
  });

  test("a wide layout's partner column chosen as the Baseline", () => {
    const p = one({ ...validSheets(), Budget: wide() }, { columns: { budget: { baseline: WCC } } }, "D1");
    expect(p.message).toBe(
      `"${WCC}" is chosen for Baseline, but there is no Partner column, so the add-in cannot tell whose budget each line is.`,
    );
    expect(p.fix).toBe(
      "Choose the Partner column too (a row per partner and service), or clear the choice for Baseline if the sheet has a column per partner.",
    );
  });

  test("a wide layout's partner column chosen as the Partner", () => {
    const p = one({ ...validSheets(), Budget: wide() }, { columns: { budget: { partner: WCC } } }, "D1");
    expect(p.message).toBe(
      `"${WCC}" is chosen for Partner, but there is no Baseline column (row 1) with each line's amount.`,
    );
    expect(p.fix).toBe(
      "Choose the Baseline column too, or clear the choice for Partner if the sheet has a column per partner.",
    );
  });

  test("a choice on another role's sheet is that sheet's problem", () => {
    const r = read(validSheets(), { columns: { tracker: { achieved: "Saved" } } });
    expect(where(r.problems)).toEqual([
      'error Tracker There is no column headed "Saved" (chosen for Achieved) in the first 10 rows.',
    ]);
  });
});

describe("sheets without choices read as before", () => {
  const plain = read(validSheets());

  test.each<[string, Parameters<typeof read>[1]]>([
    ["no columns", { columns: {} }],
    ["blank choices", { columns: { budget: { baseline: "", service: "  " }, rules: {} } }],
    ["choices that name the template heading", { columns: { budget: { service: "Service", baseline: "baseline" } } }],
  ])("%s: the same inputs, problems and notes", (_, options) => {
    expect(read(validSheets(), options)).toEqual(plain);
  });

  test("a choice for the Budget leaves the other sheets as they were", () => {
    const r = read(
      { ...validSheets(), Budget: NONSTANDARD },
      { columns: { budget: { service: "Area", baseline: "Net spend £" } } },
    );
    const standard = read({ ...validSheets(), Budget: STANDARD });
    expect(where(r.problems)).toEqual([]);
    const { budget, ...others } = r.inputs ?? {};
    const { budget: standardBudget, ...standardOthers } = standard.inputs ?? {};
    expect(budget).toEqual(standardBudget);
    expect(others).toEqual(standardOthers);
    expect(r.notes).toEqual(standard.notes);
  });

  test("a choice for a sheet that is not there changes nothing", () => {
    const sheets = validSheets();
    delete (sheets as Partial<typeof sheets>).Tracker;
    expect(read(sheets, { columns: { tracker: { achieved: "Saved" } } })).toEqual(read(sheets));
  });
});

const headingsAside = (r: ReadResult): ReadResult => ({
  ...r,
  units: r.units.map((u) => ({ ...u, columns: u.columns.map((c) => ({ ...c, heading: "" })) })),
});

// Letters and single spaces only, so no heading says £000 or £m and changes the units.
const heading = fc.stringMatching(/^[A-Za-z]{1,8}( [A-Za-z]{1,8})?$/);

test("any headings, once chosen, read as the template's headings do", () => {
  const plain = read(validSheets());
  const budgetFields = ["partner", "service", "baseline", "costCentre", "description"] as const;
  const ruleFields = [
    "service",
    "partners",
    "basis",
    "newCost",
    "reduction",
    "transitional",
    "phasing",
    "startMonth",
    "firstYear",
    "kind",
    "gainShare",
    "host",
    "variancePolicy",
  ] as const;
  expect(ruleFields.length).toBe(RULE_HEADINGS.length);
  fc.assert(
    fc.property(
      fc.uniqueArray(heading, { minLength: 13, maxLength: 13, selector: nameKey }),
      fc.uniqueArray(heading, { minLength: 5, maxLength: 5, selector: nameKey }),
      fc.constantFrom<(s: string) => string>(
        (s) => s,
        (s) => s.toUpperCase(),
        (s) => ` ${s.toLowerCase().replace(" ", "  ")}  `,
      ),
      (ruleHeadings, budgetHeadings, asChosen) => {
        const sheets = validSheets();
        sheets.Rules[0] = ruleHeadings;
        sheets.Budget[0] = budgetHeadings;
        const columns = {
          rules: Object.fromEntries(ruleFields.map((f, i) => [f, asChosen(ruleHeadings[i])])),
          budget: Object.fromEntries(budgetFields.map((f, i) => [f, asChosen(budgetHeadings[i])])),
        };
        // The Audit's Units read list quotes each money heading as written; the rest is the same.
        expect(headingsAside(read(sheets, { columns }))).toEqual(headingsAside(plain));
      },
    ),
    { numRuns: 200 },
  );
});
