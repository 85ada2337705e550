/**
 * The Start step's survey: it proposes the sheets and columns readInputs would read, flags the
 * add-in's own sheets, and says which fields each role requires as the readers do.
 */
import { readFile } from "fs/promises";
import type { CellValue, SheetGrid } from "../../../src/workbook/grid";
import { markerText } from "../../../src/workbook/owned";
import { Survey, surveyWorkbook } from "../../../src/workbook/edit/survey";
import { Role, readInputs } from "../../../src/workbook/read";
import { readXlsx } from "../../../src/xlsx/read";
import { HF, LIB, WCC, YOS, compatibility, costs, grids, validSheets, withVariances } from "../read/workbook";

const MARKER = markerText("realisation", "25 November 2026 10:00");

describe("the sample workbook", () => {
  let sample: SheetGrid[];
  let survey: Survey;
  beforeAll(async () => {
    sample = await readXlsx(await readFile("assets/sample.xlsx"));
    survey = surveyWorkbook(sample);
  });

  test("proposes its Budget, FTE, Rules, Drivers, Tracker, Variances and Costs sheets", () => {
    expect(survey.proposed).toEqual({
      budget: "Budget",
      fte: "FTE",
      rules: "Rules",
      drivers: "Drivers",
      tracker: "Tracker",
      variances: "Variances",
      costs: "Costs",
      compatibility: "Compatibility",
    });
  });

  test("lists every sheet in order with its role, heading row and size", () => {
    expect(survey.sheets.map((s) => [s.name, s.role, s.owned, s.headingRow])).toEqual([
      ["Read me", undefined, false, undefined],
      ["MTFS", undefined, false, undefined],
      ["Budget", "budget", false, 3],
      ["FTE", "fte", false, 3],
      ["Rules", "rules", false, 3],
      ["Drivers", "drivers", false, 3],
      ["Tracker", "tracker", false, 3],
      ["Variances", "variances", false, 3],
      ["Costs", "costs", false, 3],
      ["Compatibility", "compatibility", false, 3],
    ]);
    const budget = survey.sheets[2];
    expect(budget.headings).toEqual([
      { column: 1, text: "Cost centre" },
      { column: 2, text: "Description" },
      { column: 3, text: "Partner" },
      { column: 4, text: "Service" },
      { column: 5, text: "Category" },
      { column: 6, text: "Baseline £" },
    ]);
    // Every Budget line is a data row, no more (the sample has no blank rows under the headings).
    const read = readInputs(sample);
    expect(budget.dataRows).toBe(read.inputs?.budget.lines.length);
    expect(survey.sheets.find((s) => s.name === "Tracker")?.dataRows).toBe(32);
  });

  test("a sheet with no Service heading offers its likeliest heading row instead", () => {
    const mtfs = survey.sheets[1];
    expect(mtfs.likelyRow).toBe(3);
    expect(mtfs.headings.map((h) => h.text)).toEqual(["Tri-borough services", "by 2011/12", "by 2014/15"]);
  });

  test("detects each role's columns", () => {
    expect(survey.columns).toEqual({
      budget: {
        partner: "Partner",
        service: "Service",
        baseline: "Baseline £",
        costCentre: "Cost centre",
        description: "Description",
        category: "Category",
      },
      fte: { partner: "Partner", service: "Service", fte: "FTE", cost: "Cost £", manager: "Manager" },
      rules: {
        service: "Service",
        partners: "Partners",
        basis: "Basis",
        newCost: "New cost",
        reduction: "Reduction",
        transitional: "Transitional cost",
        phasing: "Phasing",
        startMonth: "Start month",
        firstYear: "First year",
        kind: "Kind",
        gainShare: "Gain share",
        host: "Host",
        variancePolicy: "Variance policy",
      },
      drivers: { service: "Service", partner: "Partner", quantity: "Quantity", quality: "Quality" },
      tracker: {
        service: "Service",
        partner: "Partner",
        year: "Year",
        achieved: "Achieved",
        forecast: "Forecast",
        revisedYear: "Revised year",
      },
      variances: {
        service: "Service",
        year: "Year",
        cause: "Cause",
        variance: "Amount",
        partner: "Partner",
        note: "Note",
      },
      costs: { service: "Service", line: "Line", lineAmount: "Amount", bornBy: "Partners" },
      compatibility: {
        service: "Service",
        riskBand: "Risk band",
        strategicFit: "Strategic fit",
        politicalAlignment: "Political alignment",
        itCompatibility: "IT compatibility",
        businessProcesses: "Business processes",
        staffingArrangements: "Staffing arrangements",
        serviceStandards: "Service standards",
        costSharing: "Cost sharing/VFM",
        risk: "Risk",
        organisationalIssues: "Organisational issues",
        deliveryTimescales: "Delivery timescales",
        easeOfImplementation: "Ease of implementation",
        note: "Notes",
      },
    });
  });

  test("passing the proposal back as choices reads exactly what no choices read", () => {
    const plain = readInputs(sample);
    expect(plain.inputs).toBeDefined();
    expect(readInputs(sample, { sheets: survey.proposed, columns: survey.columns })).toEqual(plain);
  });
});

describe("the add-in's own sheets", () => {
  test("an owned sheet is flagged, has no role and is not proposed", () => {
    const sheets = validSheets();
    delete (sheets as Partial<typeof sheets>).Tracker;
    const owned: CellValue[][] = [["Realisation"], [MARKER], ["Service", "Partner", "Year", "Achieved"]];
    const survey = surveyWorkbook(grids({ ...sheets, Realisation: owned }));
    expect(survey.sheets.find((s) => s.name === "Realisation")).toEqual({
      name: "Realisation",
      owned: true,
      headings: [],
      dataRows: 0,
    });
    expect(survey.proposed.tracker).toBeUndefined();
    expect(survey.columns.tracker).toBeUndefined();
  });

  test("a user's sheet of the same name is a Tracker", () => {
    const sheets = validSheets();
    const mine = sheets.Tracker;
    delete (sheets as Partial<typeof sheets>).Tracker;
    const survey = surveyWorkbook(grids({ ...sheets, Realisation: mine }));
    expect(survey.sheets.find((s) => s.name === "Realisation")).toMatchObject({ role: "tracker", owned: false });
    expect(survey.proposed.tracker).toBe("Realisation");
  });

  test("owned sheets known only from `existing` (as Excel reads them) are listed, in workbook order", () => {
    const input = grids(validSheets());
    const existing = [
      { name: "Attribution", a2: markerText("attribution", "then") },
      ...input.map((g) => ({ name: g.name, a2: g.values[1]?.[0] ?? null })),
      { name: "Tracker (old)", a2: MARKER },
    ];
    const survey = surveyWorkbook(input, existing);
    expect(survey.sheets.map((s) => [s.name, s.owned])).toEqual([
      ["Attribution", true],
      ["Budget", false],
      ["Rules", false],
      ["Drivers", false],
      ["FTE", false],
      ["Tracker", false],
      ["Tracker (old)", true],
    ]);
  });

  test("a grid `existing` marks as owned is not proposed either", () => {
    const input = grids(validSheets());
    const survey = surveyWorkbook(input, [{ name: "Tracker", a2: MARKER }]);
    expect(survey.proposed.tracker).toBeUndefined();
    expect(survey.sheets.find((s) => s.name === "Tracker")?.owned).toBe(true);
  });
});

describe("choices", () => {
  const nonstandard: CellValue[][] = [
    ["Council budgets"],
    ["Council", "Area", "Net spend £"],
    [HF, YOS, 728000],
    [],
    [WCC, LIB, 1500000],
  ];

  test("with no Service heading, the likeliest row; once Service is chosen, the heading row and columns", () => {
    const input = grids({ ...validSheets(), Budget: nonstandard });
    const before = surveyWorkbook(input);
    const budget = before.sheets.find((s) => s.name === "Budget");
    expect(budget).toEqual({
      name: "Budget",
      role: "budget",
      owned: false,
      likelyRow: 2,
      headings: [
        { column: 1, text: "Council" },
        { column: 2, text: "Area" },
        { column: 3, text: "Net spend £" },
      ],
      dataRows: 2,
    });
    expect(before.proposed.budget).toBe("Budget");
    expect(before.columns.budget).toBeUndefined();

    const columns = { budget: { service: "Area", baseline: "Net spend £" } };
    const after = surveyWorkbook(input, undefined, undefined, columns);
    expect(after.sheets.find((s) => s.name === "Budget")).toMatchObject({ headingRow: 2, dataRows: 2 });
    expect(after.columns.budget).toEqual({ partner: "Council", service: "Area", baseline: "Net spend £" });
  });

  test("a chosen sheet's columns are surveyed; the proposal stays what no choice would pick", () => {
    const input = grids({
      ...validSheets(),
      Budget: nonstandard,
      "Budget 2011": [
        ["Partner", "Service", "Amount"],
        [HF, YOS, 1],
      ],
    });
    const survey = surveyWorkbook(input, undefined, { budget: "Budget 2011" });
    expect(survey.proposed.budget).toBe("Budget");
    expect(survey.columns.budget).toEqual({ partner: "Partner", service: "Service", baseline: "Amount" });
    expect(survey.sheets.find((s) => s.name === "Budget 2011")?.role).toBeUndefined();
  });
});

describe("fields", () => {
  const survey = surveyWorkbook(grids(validSheets()));

  test("each role's fields in template order, with the template's heading", () => {
    expect(survey.fields.tracker).toEqual([
      { field: "service", heading: "Service", required: true },
      { field: "partner", heading: "Partner", required: true },
      { field: "year", heading: "Year", required: true },
      { field: "achieved", heading: "Achieved", required: true },
      { field: "forecast", heading: "Forecast", required: false },
      { field: "revisedYear", heading: "Revised year", required: false },
    ]);
    expect(survey.fields.budget.map((f) => [f.field, f.required, f.note !== undefined])).toEqual([
      ["partner", false, true],
      ["service", true, false],
      ["baseline", false, true],
      ["costCentre", false, false],
      ["description", false, false],
      ["category", false, false],
    ]);
    expect(survey.fields.rules.filter((f) => f.required).map((f) => f.field)).toEqual(["service", "firstYear"]);
    expect(survey.fields.rules.filter((f) => f.note).map((f) => f.field)).toEqual(["newCost", "reduction"]);
  });

  const SHEET: Record<Role, string> = {
    budget: "Budget",
    fte: "FTE",
    rules: "Rules",
    drivers: "Drivers",
    tracker: "Tracker",
    variances: "Variances",
    costs: "Costs",
    compatibility: "Compatibility",
  };
  /** Every input sheet: the valid workbook with Variances, Costs and Compatibility. */
  const everySheet = (): ReturnType<typeof withVariances> => ({
    ...withVariances(),
    Costs: costs(),
    Compatibility: compatibility(),
  });
  const withoutColumn = (values: CellValue[][], column: number): CellValue[][] =>
    values.map((row) => row.filter((_, i) => i !== column));
  /** The problems on a role's sheet once the columns headed so (heading and data) are deleted. */
  const without = (role: Role, ...headings: string[]) => withoutIn(everySheet(), role, ...headings);
  const withoutIn = (sheets: ReturnType<typeof everySheet>, role: Role, ...headings: string[]) => {
    for (const heading of headings) {
      const values = sheets[SHEET[role]];
      sheets[SHEET[role]] = withoutColumn(values, values[0].indexOf(heading));
    }
    return readInputs(grids(sheets)).problems.filter((p) => p.sheet === SHEET[role]);
  };
  // Every field without a note whose column the valid workbook has (it has no Budget Category).
  const cases = (Object.keys(SHEET) as Role[]).flatMap((role) =>
    survey.fields[role]
      .filter((f) => f.note === undefined && everySheet()[SHEET[role]][0].includes(f.heading))
      .map((f) => [role, f.field, f.heading, f.required] as const),
  );

  test("the cases cover every role", () => {
    expect(new Set(cases.map((c) => c[0]))).toEqual(new Set(Object.keys(SHEET)));
    // Compatibility: Service, the eleven criteria and Note (Risk band has a note).
    expect(cases).toHaveLength(35 + 13);
  });

  // The survey's "required" is checked against the readers: delete the column, heading and data.
  test.each(cases)("%s %s (%s): required %s agrees with the reader", (role, _, heading, required) => {
    const missing = without(role, heading).some(
      (p) =>
        p.message.startsWith(`There is no ${heading} column`) ||
        p.message === "No heading row: none of the first 10 rows has a Service heading.",
    );
    expect(missing).toBe(required);
  });

  test("the noted fields: Budget Baseline in the long layout, Rules New cost or Reduction", () => {
    expect(without("budget", "Baseline").map((p) => p.message)).toEqual([
      "There is no Baseline column in the headings (row 1).",
    ]);
    expect(withoutIn(withVariances(), "rules", "New cost", "Reduction").map((p) => p.message)).toEqual([
      "There is no New cost or Reduction column in the headings (row 1).",
    ]);
    // With a Costs sheet, a service with cost lines needs neither: only the others are short of a cost.
    expect(without("rules", "New cost", "Reduction").map((p) => p.message)).toEqual([
      "Neither New cost nor Reduction is given for Libraries.",
    ]);
  });
});
