/**
 * Reading the template: long and wide Budget layouts, headings under a title, £000s, heading
 * spellings, and choosing which sheet plays each role.
 */
import { Decimal } from "../../../src/engine";
import type { BudgetSheet } from "../../../src/workbook/inputs";
import { markerText } from "../../../src/workbook/owned";
import {
  HF,
  KC,
  LIB,
  WCC,
  YOS,
  asWritten,
  budgetLong,
  problemAt,
  read,
  validSheets,
  where,
  withCells,
} from "./workbook";

/** Each partner's baseline per service, summed exactly, as "service|partner" → pounds. */
function sums(budget: BudgetSheet): Record<string, string> {
  const out: Record<string, Decimal> = {};
  for (const l of budget.lines) {
    const key = `${l.service}|${l.partner}`;
    out[key] = (out[key] ?? new Decimal(0)).plus(l.baseline.value);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.toFixed()]));
}

describe("the valid workbook", () => {
  const result = read(validSheets());

  test("reads with no problems and says what it found", () => {
    expect(where(result.problems)).toEqual([]);
    expect(result.notes).toEqual([
      "Budget: long layout, headings in row 1, amounts in pounds.",
      "FTE: headings in row 1, 3 lines, amounts in pounds.",
      "Drivers: headings in row 1, 3 lines, measures Population.",
      "Rules: headings in row 1, 2 services, amounts in pounds.",
      "Tracker: headings in row 1, 2 lines, amounts in pounds.",
    ]);
  });

  test("Budget lines keep their cells, details and exact amounts; a partner's lines add up", () => {
    const budget = result.inputs?.budget as BudgetSheet;
    expect(budget.layout).toBe("long");
    expect(budget.lines).toHaveLength(7);
    expect(budget.lines[3]).toEqual({
      partner: WCC,
      service: YOS,
      baseline: { value: new Decimal(77000), at: { sheet: "Budget", row: 5, column: 3 }, units: "pounds" },
      costCentre: "Y301",
      description: "Premises",
    });
    expect(sums(budget)[`${YOS}|${WCC}`]).toBe("677000");
    expect(sums(budget)[`${LIB}|${HF}`]).toBe("1200000.5");
  });

  test("Rules cells become the rule's values, blanks their defaults", () => {
    const [yos, lib] = result.inputs?.rules.rules ?? [];
    expect(yos.partners).toBeUndefined();
    expect(yos.basis.value).toEqual({ kind: "budget" });
    expect(yos.newCost?.value.toString()).toBe("1650000");
    expect(yos.transitional?.value.toString()).toBe("100000");
    expect(yos.kind.value).toBe("cashable");
    expect(yos.variancePolicy.value).toBe("host-bears");
    expect(yos.phasing).toBeUndefined();
    expect(lib.partners?.value).toEqual([{ partner: HF }, { partner: KC }, { partner: WCC, joins: "2012/13" }]);
    expect(lib.partners?.at).toEqual({ sheet: "Rules", row: 3, column: 2 });
    expect(lib.reduction?.value.toString()).toBe("0.2");
    expect(lib.phasing?.value.map(String)).toEqual(["0.1", "0.45", "0.45"]);
    expect(lib.firstYear.value).toBe("2011/12"); // written 2011-12
    expect(lib.kind.value).toBe("non-cashable");
    expect(lib.gainShare?.value.toString()).toBe("0.1");
    expect(lib.host?.value).toBe(WCC);
    expect(lib.variancePolicy.value).toBe("share-now");
  });

  test("Drivers, FTE and Tracker lines", () => {
    const { drivers, fte, tracker } = result.inputs ?? {};
    expect(drivers?.measures).toEqual(["Population"]);
    expect(drivers?.lines[0].quality).toBeUndefined(); // blank quality = absent (1)
    expect(drivers?.lines[1].quality?.value.toString()).toBe("1.25");
    expect(drivers?.lines[2].measures.Population.value.toString()).toBe("219000");
    expect(fte?.lines.map((l) => [l.fte.value.toString(), l.manager])).toEqual([
      ["12.5", false],
      ["10", undefined],
      ["11", true],
    ]);
    expect(tracker?.lines[0].achieved?.value.toString()).toBe("281000");
    expect(tracker?.lines[1].achieved).toBeUndefined(); // not yet reported
  });

  test("optional sheets may be left out", () => {
    const sheets = validSheets();
    delete (sheets as Partial<typeof sheets>).FTE;
    delete (sheets as Partial<typeof sheets>).Tracker;
    const r = read(withCells([["Rules", "C3", "Population"]], sheets));
    expect(where(r.problems)).toEqual([]);
    expect(r.inputs?.fte).toBeUndefined();
    expect(r.inputs?.rules.rules[1].basis.value).toEqual({ kind: "driver", driver: "Population" });
  });
});

describe("wide layout", () => {
  const wide = [
    ["Service", "Cost centre", HF, KC, WCC, "Total"],
    [YOS, "Y1", 728000, 676000, 600000, 2004000],
    [YOS, "Y2", null, null, 77000, 77000],
    [LIB, null, 1200000.5, 900000, 1500000, 3600000.5],
    ["Total", null, 1928000.5, 1576000, 2177000, 5681000.5],
  ];

  test("one row per service, a column per partner, blank = no line, totals skipped", () => {
    const r = read({ ...validSheets(), Budget: wide });
    expect(where(r.problems)).toEqual([]);
    const budget = r.inputs?.budget as BudgetSheet;
    expect(budget.layout).toBe("wide");
    expect(budget.lines).toHaveLength(7); // the two blanks on row 3 are not lines
    expect(budget.lines.every((l) => l.partner !== "Total" && l.partner !== "Cost centre")).toBe(true);
    expect(budget.lines[3]).toMatchObject({ partner: WCC, service: YOS, costCentre: "Y2" });
    expect(budget.lines[3].baseline.at).toEqual({ sheet: "Budget", row: 3, column: 5 });
    expect(r.notes).toContain('Budget: skipped the column "Total" (not a partner) and total row 5.');
    expect(r.notes).toContain("Budget: wide layout, headings in row 1, amounts in pounds.");
  });

  test("gives the same per-partner, per-service sums as the long layout", () => {
    const long = read(validSheets()).inputs?.budget as BudgetSheet;
    const fromWide = read({ ...validSheets(), Budget: wide }).inputs?.budget as BudgetSheet;
    expect(sums(fromWide)).toEqual(sums(long));
  });

  test("partner headings may carry the unit, which sets the sheet's units", () => {
    const r = read({
      ...validSheets(),
      Budget: [
        ["Service", `${HF} £000`, `${KC} (£000)`, `${WCC} (£'000)`],
        [YOS, 728, 676, 677],
        [LIB, 1200.0005, 900, 1500],
      ],
    });
    expect(where(r.problems)).toEqual([]);
    expect(r.inputs?.budget.units).toBe("thousands");
    expect(r.inputs?.budget.lines.map((l) => `${l.partner}: ${l.baseline.value.toFixed()}`)).toEqual([
      `${HF}: 728000`,
      `${KC}: 676000`,
      `${WCC}: 677000`,
      `${HF}: 1200000.5`,
      `${KC}: 900000`,
      `${WCC}: 1500000`,
    ]);
  });

  test("a row with amounts but no service is a problem at its Service cell", () => {
    const r = read({ ...validSheets(), Budget: [...wide.slice(0, 4), [null, null, 5, null, null, null]] });
    expect(problemAt(r, "Budget", "A5").message).toBe("Row 5 has amounts but no Service.");
  });
});

describe("headings under a title, and units", () => {
  const titled = (title: string, baseline = "Baseline") => [
    [title],
    [],
    ["Partner", "Service", baseline],
    [HF, YOS, 728],
    [KC, YOS, 676.5],
    [WCC, YOS, 677.001],
    [HF, LIB, 1200],
    [KC, LIB, 900],
    [WCC, LIB, 1500],
  ];

  test.each(["Original net budgets £000", "Budgets (£'000)", "Budgets £k", "Budgets in £ thousands", "BUDGETS £000S"])(
    "a title above the headings saying %s means thousands, read in pounds",
    (title) => {
      const r = read({ ...validSheets(), Budget: titled(title) });
      expect(where(r.problems)).toEqual([]);
      const budget = r.inputs?.budget as BudgetSheet;
      expect(budget.headerRow).toBe(3);
      expect(budget.units).toBe("thousands");
      expect(budget.lines[1].baseline).toEqual({
        value: new Decimal(676500),
        at: { sheet: "Budget", row: 5, column: 3 },
        units: "thousands",
      });
      expect(budget.lines[2].baseline.value.toString()).toBe("677001");
      expect(r.notes).toContain("Budget: long layout, headings in row 3, amounts in £000s (× 1,000).");
    },
  );

  test("a money heading saying £000 means thousands too; no marker means pounds", () => {
    const inThousands = read({ ...validSheets(), Budget: titled("Budgets", "Baseline (£000)") });
    expect(inThousands.inputs?.budget.units).toBe("thousands");
    const inPounds = read({ ...validSheets(), Budget: titled("Budgets 2011/12", "Baseline £") });
    // In pounds, 677.001 is a fraction of a penny: the same sheet that was fine in £000s is not.
    expect(where(inPounds.problems)).toEqual([
      `error Budget!C6 Baseline for ${WCC}, ${YOS} has fractions of a penny (£677.001).`,
    ]);
    const budget = titled("Budgets 2011/12", "Baseline £");
    budget[5][2] = 677;
    const fixed = read({ ...validSheets(), Budget: budget });
    expect(where(fixed.problems)).toEqual([]);
    expect(fixed.inputs?.budget.units).toBe("pounds");
    expect(fixed.inputs?.budget.lines[1].baseline.value.toString()).toBe("676.5");
  });

  test("Rules money in £000s is scaled too", () => {
    const r = read(
      withCells([
        ["Rules", "D1", "New cost £000"],
        ["Rules", "D2", 1650],
        ["Rules", "F1", "Transitional cost £000"],
        ["Rules", "F2", 100],
      ]),
    );
    expect(where(r.problems)).toEqual([]);
    expect(r.inputs?.rules.units).toBe("thousands");
    expect(r.inputs?.rules.rules[0].newCost?.value.toString()).toBe("1650000");
    expect(r.inputs?.rules.rules[0].transitional?.value.toString()).toBe("100000");
  });

  test("a money heading saying £ wins over a title saying £000s, for its column", () => {
    // In pounds, 677.001 is a fraction of a penny: the heading, not the title, decides.
    const r = read({ ...validSheets(), Budget: titled("Budgets £000", "Baseline (£)") });
    expect(where(r.problems)).toEqual([
      `error Budget!C6 Baseline for ${WCC}, ${YOS} has fractions of a penny (£677.001).`,
    ]);
    const budget = titled("Budgets £000", "Baseline (£)");
    budget[5][2] = 677;
    const fixed = read({ ...validSheets(), Budget: budget });
    expect(where(fixed.problems)).toEqual([]);
    expect(fixed.inputs?.budget.units).toBe("pounds");
    expect(fixed.inputs?.budget.lines[1].baseline).toEqual({
      value: new Decimal("676.5"),
      at: { sheet: "Budget", row: 5, column: 3 },
      units: "pounds",
    });
    expect(fixed.units.find((u) => u.sheet === "Budget")).toEqual({
      sheet: "Budget",
      title: { at: { sheet: "Budget", row: 1, column: 1 }, text: "Budgets £000" },
      columns: [
        {
          at: { sheet: "Budget", row: 3, column: 3 },
          heading: "Baseline (£)",
          units: "pounds",
          from: "heading",
          title: { at: { sheet: "Budget", row: 1, column: 1 }, text: "Budgets £000" },
        },
      ],
    });
  });

  test("£ millions are refused rather than read a thousand times too small", () => {
    const r = read({ ...validSheets(), Budget: titled("Budgets £m") });
    expect(problemAt(r, "Budget", "A1").message).toBe(
      '"Budgets £m" says the amounts are in £ millions, which the add-in does not read.',
    );
  });

  test("no Service heading in the first ten rows", () => {
    const values = budgetLong();
    const r = read({ ...validSheets(), Budget: [...Array.from({ length: 10 }, () => ["notes"]), ...values] });
    expect(problemAt(r, "Budget", undefined)).toMatchObject({
      message: "No heading row: none of the first 10 rows has a Service heading.",
      fix: "Put the column headings (Partner, Service, Baseline) in one row near the top of the sheet.",
    });
  });
});

describe("heading spellings", () => {
  test("other spellings, units and punctuation are matched", () => {
    const r = read({
      ...validSheets(),
      Budget: [
        ["COUNCIL", "Service area", "Net budget (£)", "Cost-centre", "Subjective"],
        ...budgetLong()
          .slice(1)
          .map((row) => row.slice(0, 4)),
      ],
      Rules: [
        [
          "service line",
          "Councils",
          "Split by",
          "New ongoing cost (£)",
          "Target reduction %",
          "One-off cost £",
          "phasing",
          "START MONTH",
          "From",
          "Saving kind",
          "Gain share %",
          "Host partner",
          "Indirect variance",
        ],
        ...validSheets().Rules.slice(1),
      ],
    });
    expect(where(r.problems)).toEqual([]);
    expect(r.inputs?.budget.lines[0].costCentre).toBe("Y100");
    expect(r.inputs?.rules.rules[1].reduction?.value.toString()).toBe("0.2");
    expect(r.inputs?.rules.rules[1].host?.value).toBe(WCC);
  });

  test("two columns for the same field is a problem at the second", () => {
    const r = read(
      withCells([
        ["Budget", "F1", "Budget"],
        ["Budget", "F2", 1],
      ]),
    );
    expect(problemAt(r, "Budget", "F1")).toMatchObject({
      message: "Two columns are headed Baseline (C1 and F1).",
      fix: "Rename or delete one of them.",
    });
  });
});

describe("which sheet plays each role", () => {
  test("sheet names are matched ignoring case, spaces and punctuation, and their other names", () => {
    const s = validSheets();
    const r = read({
      baselines: s.Budget,
      "Sharing-Rules": s.Rules,
      DEMAND: s.Drivers,
      staffing: s.FTE,
      "Benefits ": s.Tracker,
    });
    expect(where(r.problems)).toEqual([]);
    expect(r.inputs?.budget.sheet).toBe("baselines");
    expect(r.inputs?.tracker?.sheet).toBe("Benefits ");
    expect(r.notes[0]).toBe('Budget (sheet "baselines"): long layout, headings in row 1, amounts in pounds.');
  });

  test("options.sheets chooses the sheets, whatever their names", () => {
    const s = validSheets();
    const r = read(
      { "2011 budget": s.Budget, Budget: [["junk"]], "How we share": s.Rules, Drivers: s.Drivers, FTE: s.FTE },
      { sheets: { budget: "2011 budget", rules: "How we share" } },
    );
    expect(where(r.problems)).toEqual([]);
    expect(r.inputs?.budget.sheet).toBe("2011 budget");
    expect(r.inputs?.rules.sheet).toBe("How we share");
    expect(r.inputs?.budget.lines[0].baseline.at.sheet).toBe("2011 budget");
  });

  test("a chosen sheet that does not exist is a problem naming it", () => {
    const r = read(validSheets(), { sheets: { fte: "Staff 2011" } });
    expect(problemAt(r, "Staff 2011", undefined)).toMatchObject({
      message: 'There is no sheet named "Staff 2011" (chosen for the FTE).',
      fix: "Choose another sheet for the FTE, or rename the sheet.",
    });
  });

  test("the add-in's own Realisation sheet is never read as a Tracker", () => {
    const s = validSheets();
    delete (s as Partial<typeof s>).Tracker;
    const r = read({
      ...s,
      Realisation: [["Realisation"], [markerText("realisation", "1 April 2026")], ["Service", "Partner", "Year"]],
    });
    expect(where(r.problems)).toEqual([]);
    expect(r.inputs?.tracker).toBeUndefined();
  });

  test("missing Budget and Rules sheets are both reported", () => {
    const r = read({ Drivers: validSheets().Drivers });
    expect(r.problems.map(asWritten).map((p) => [p.sheet, p.cell, p.message, p.fix])).toEqual([
      [
        "Budget",
        undefined,
        "There is no Budget sheet.",
        "Add a sheet named Budget with columns Partner, Service and Baseline, or choose the sheet that holds them.",
      ],
      [
        "Rules",
        undefined,
        "There is no Rules sheet.",
        "Add a sheet named Rules with columns Service, Partners, Basis, New cost and First year, or choose the sheet that holds them.",
      ],
    ]);
    expect(r.inputs).toBeUndefined();
  });
});
