/**
 * The plan of the output sheets: every split adds up exactly to what was split, formulas point
 * at the input cells the figures came from, and the add-in's sheets never take a user's sheet.
 */
import fc from "fast-check";
import { Decimal, ZERO, sum } from "../../src/engine";
import type { CellValue } from "../../src/workbook/grid";
import { outcomeOf } from "../../src/workbook/outcome";
import { buildPlan } from "../../src/workbook/plan";
import type { CalculatedValue, Plan, PlanCell, SheetPlan } from "../../src/workbook/plan/types";
import { ATTRIBUTION_COLUMNS as C } from "../../src/workbook/plan/attribution";
import { markerText } from "../../src/workbook/owned";
import { HF, KC, LIB, RULE_HEADINGS, WCC, YOS, Sheets, asWritten, read, validSheets, withCells } from "./read/workbook";

const WHEN = new Date("2026-11-25T10:00:00Z");

function plan(sheets: Sheets, existing: { name: string; a2: CellValue }[] = []): Plan {
  const r = read(sheets);
  expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
  const worked = outcomeOf(r.inputs!);
  expect(worked.problems).toEqual([]);
  return buildPlan(worked.outcome!, { existing, when: WHEN, source: "test.xlsx", notes: r.notes }).plan;
}

const sheet = (p: Plan, role: SheetPlan["role"]): SheetPlan => p.sheets.find((s) => s.role === role)!;
const cell = (s: SheetPlan, address: string): PlanCell | undefined => {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  const column = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return s.rows[Number(m[2]) - 1]?.[column - 1];
};
const formulaOf = (s: SheetPlan, address: string): string | undefined => {
  const c = cell(s, address);
  return c && (c.kind === "formula" || c.kind === "spill") ? c.formula : undefined;
};
const valueOf = (c: PlanCell | undefined): CalculatedValue | undefined =>
  c === undefined ? undefined : c.kind === "formula" ? c.value : c.kind === "number" ? c.value : undefined;

/** Each service block of the Attribution sheet: its partner rows' parts and the total row's amounts. */
function blocks(s: SheetPlan): { parts: Record<string, Decimal[]>; totals: Record<string, Decimal> }[] {
  const out: ReturnType<typeof blocks> = [];
  for (let r = 5; r < s.rows.length; r++) {
    const row = s.rows[r];
    const shares = row?.[C.cost - 1];
    if (shares?.kind !== "spill") continue;
    const n = shares.values.length;
    const total = s.rows[r + n];
    const partsOf = (column: number): Decimal[] => {
      const anchor = row[column - 1];
      if (anchor?.kind === "spill") return anchor.values.map((v) => v[0] as Decimal);
      return Array.from({ length: n }, (_, i) => valueOf(s.rows[r + i][column - 1]) as Decimal);
    };
    out.push({
      parts: {
        cost: partsOf(C.cost),
        gain: partsOf(C.gainShare),
        transitional: partsOf(C.transitional),
        saving: partsOf(C.saving),
        share: partsOf(C.share),
      },
      totals: {
        cost: valueOf(total[C.cost - 1]) as Decimal,
        gain: valueOf(total[C.gainShare - 1]) as Decimal,
        transitional: valueOf(total[C.transitional - 1]) as Decimal,
        saving: valueOf(total[C.saving - 1]) as Decimal,
        baseline: valueOf(total[C.baseline - 1]) as Decimal,
      },
    });
  }
  return out;
}

describe("the Attribution sheet", () => {
  it("refers to the input cells each figure came from", () => {
    const a = sheet(plan(validSheets()), "attribution");
    // Youth Offending Service: budget basis; Westminster's two Budget lines are rows 4 and 5.
    expect(formulaOf(a, "H6")).toBe("=Budget!C2");
    expect(formulaOf(a, "H8")).toBe("=SUM(Budget!C4:C5)");
    expect(formulaOf(a, "E6")).toBe("=H6");
    expect(formulaOf(a, "I6")).toBe("=SHARED.APPORTION(I9,E6:E8)");
    expect(formulaOf(a, "G6")).toBe("=SHARED.SHARES(E6:E8)");
    expect(formulaOf(a, "I9")).toBe("=Rules!D2");
    expect(formulaOf(a, "M6")).toBe("=SHARED.TRANSITION(M9,H6:H8,I6:I8)");
    expect(formulaOf(a, "M9")).toBe("=Rules!F2");
    // Libraries: demand basis with a quality factor, a 20% reduction and a 10% gain share.
    expect(formulaOf(a, "E11")).toBe("=Drivers!C2");
    expect(formulaOf(a, "F12")).toBe("=Drivers!D3");
    expect(formulaOf(a, "I11")).toBe("=SHARED.APPORTION(I14,E11:E13,F11:F13)");
    expect(formulaOf(a, "I14")).toBe("=ROUND(H14*(1-Rules!E3),2)");
    expect(formulaOf(a, "J14")).toBe("=ROUND(MAX(0,H14-I14)*Rules!K3,2)");
    expect(formulaOf(a, "J11")).toBe("=SHARED.APPORTION(J14,E11:E13,F11:F13)");
  });

  it("scales a £000s sheet's cells by 1,000 in the formula", () => {
    const sheets = validSheets();
    sheets.Budget = [
      ["Budget (£000)"],
      [],
      ...sheets.Budget.map((row, i) => (i === 0 ? row : [...row.slice(0, 2), Number(row[2]) / 1000, ...row.slice(3)])),
    ];
    sheets.Budget[7][2] = 1200; // 1200.0005 would be finer than a penny
    const a = sheet(plan(sheets), "attribution");
    expect(formulaOf(a, "H6")).toBe("=Budget!C4*1000");
    expect(formulaOf(a, "H8")).toBe("=SUM(Budget!C6:C7)*1000");
    expect(valueOf(cell(a, "H8"))).toEqual(new Decimal(677000));
  });

  it("writes user text as text: a service called =1+1 is a text cell", () => {
    const sheets = withCells([
      ["Budget", "B2", "=1+1"],
      ["Budget", "B3", "=1+1"],
      ["Budget", "B4", "=1+1"],
      ["Budget", "B5", "=1+1"],
      ["Rules", "A2", "=1+1"],
      ["Tracker", "A2", "=1+1"],
      ["Tracker", "A3", "=1+1"],
    ]);
    const a = sheet(plan(sheets), "attribution");
    expect(cell(a, "A6")).toEqual({ kind: "text", text: "=1+1", style: undefined });
  });

  it("adds up to the penny in every split, for any budgets, weights and rules", () => {
    const partnerNames = [HF, KC, WCC, "Ealing", "Brent"];
    const pence = fc.integer({ min: 0, max: 5_000_000_00 }).map((p) => p / 100);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(
          fc.record({
            baselines: fc.array(pence, { minLength: 5, maxLength: 5 }),
            cut: fc.integer({ min: 1, max: 60 }),
            quantity: fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 5, maxLength: 5 }),
            gain: fc.integer({ min: 0, max: 30 }),
            transitional: pence,
          }),
          { minLength: 1, maxLength: 4 },
        ),
        (count, services) => {
          const partners = partnerNames.slice(0, count);
          const budget: CellValue[][] = [["Partner", "Service", "Baseline"]];
          const drivers: CellValue[][] = [["Service", "Partner", "Quantity"]];
          const rules: CellValue[][] = [RULE_HEADINGS];
          services.forEach((s, i) => {
            const name = `Service ${i + 1}`;
            partners.forEach((p, j) => {
              budget.push([p, name, s.baselines[j] + 1]);
              drivers.push([name, p, s.quantity[j]]);
            });
            rules.push([
              name,
              null,
              "demand",
              null,
              s.cut / 100,
              s.transitional,
              null,
              null,
              "2011/12",
              null,
              s.gain / 100,
              null,
              null,
            ]);
          });
          const a = sheet(plan({ Budget: budget, Drivers: drivers, Rules: rules }), "attribution");
          const found = blocks(a);
          expect(found).toHaveLength(services.length);
          for (const b of found) {
            expect(sum(b.parts.cost)).toEqual(b.totals.cost);
            expect(sum(b.parts.gain)).toEqual(b.totals.gain);
            expect(sum(b.parts.transitional)).toEqual(b.totals.transitional);
            expect(sum(b.parts.saving)).toEqual(b.totals.saving);
            expect(b.totals.saving).toEqual(b.totals.baseline.minus(b.totals.cost).minus(b.totals.gain));
            expect(sum(b.parts.share)).toEqual(new Decimal(1));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("the Savings profile sheet", () => {
  it("phases each partner's saving from its Attribution cell, from the year it joins, and adds up", () => {
    const p = plan(validSheets());
    const profile = sheet(p, "savings-profile");
    const rows = profile.rows.map((r, i) => ({ r: i + 1, cells: r ?? [] }));
    const line = (service: string, partner: string, kind: string) =>
      rows.find(
        ({ cells }) =>
          cells[0]?.kind === "text" &&
          cells[0].text === service &&
          cells[1]?.kind === "text" &&
          cells[1].text === partner &&
          cells[3]?.kind === "text" &&
          cells[3].text === kind,
      )!;
    const wccLibraries = line(LIB, WCC, "Saving");
    const inForce = line(LIB, WCC, "In force");
    // Westminster joins Libraries in 2012/13, so its partners change: the working takes each
    // year's saving from the Attribution sheet's by-year section (RULES.md §2), phased by the
    // service's percentages reached by that year, and the new saving is the change in force.
    expect(wccLibraries.cells[4]).toMatchObject({
      kind: "formula",
      formula: expect.stringMatching(/^=Attribution!\w+\d+$/),
    });
    expect(wccLibraries.cells[5]).toMatchObject({ kind: "number", value: ZERO }); // 2011/12: not in yet
    expect(inForce.cells[6]).toMatchObject({
      kind: "formula",
      formula: expect.stringMatching(/^=ROUND\(Attribution!\w+\d+\*SUM\(\$F\$\d+:F\$\d+\),2\)$/),
    });
    expect(wccLibraries.cells[6]).toMatchObject({ kind: "formula", formula: `=G${inForce.r}` });
    expect(wccLibraries.cells[7]).toMatchObject({ kind: "formula", formula: `=ROUND(H${inForce.r}-G${inForce.r},2)` });
    const years = wccLibraries.cells
      .slice(5)
      .map((c) => (c?.kind === "formula" && !c.formula.startsWith("=SUM(") ? (c.value as Decimal) : ZERO));
    // The new savings add up to the saving in force at the end: its full-year saving once in.
    expect(sum(years)).toEqual((wccLibraries.cells[4] as { value: Decimal }).value);
    // The investment line for the Youth Offending Service's transitional cost.
    const investment = line(YOS, HF, "Investment");
    expect(investment.cells[4]).toMatchObject({ kind: "formula", formula: "=Attribution!M6" });
  });

  it("gives the partnership's figures as the sum of the partners' in every year", () => {
    const profile = sheet(plan(validSheets()), "savings-profile");
    // The partners' summary, above the services' own figures at the foot of the sheet.
    const services = profile.rows.findIndex((r) => r?.[0]?.kind === "text" && r[0].text === "Service");
    const labelled = profile.rows
      .slice(0, services)
      .map((r) => r ?? [])
      .filter((r) => r[1]?.kind === "text" && r[0]?.kind === "text")
      .map((r) => ({
        who: (r[0] as { text: string }).text,
        measure: (r[1] as { text: string }).text,
        values: r.slice(5).map(valueOf),
      }))
      .filter((r) => r.measure.endsWith("new each year") || r.measure.startsWith("Investment"));
    const all = labelled.filter((r) => r.who === "All partners");
    expect(all.length).toBe(4);
    for (const measure of all) {
      const parts = labelled.filter((r) => r.who !== "All partners" && r.measure === measure.measure);
      expect(parts).toHaveLength(3);
      measure.values.forEach((v, i) => expect(v).toEqual(sum(parts.map((p) => (p.values[i] as Decimal) ?? ZERO))));
    }
  });
});

describe("the add-in's sheets and the user's", () => {
  it("takes the next free name when a user's sheet has its name, and refers to it by that name", () => {
    const p = plan(validSheets(), [{ name: "Attribution", a2: "my own notes" }]);
    expect(p.sheets.map((s) => s.name)).toEqual(["Attribution (2)", "Savings profile", "Realisation", "Audit"]);
    expect(p.reuse).toEqual([]);
    const profile = sheet(p, "savings-profile");
    const refs = profile.rows.flat().filter((c) => c?.kind === "formula" && c.formula.includes("Attribution"));
    expect(refs.length).toBeGreaterThan(0);
    for (const c of refs) expect((c as { formula: string }).formula).toMatch(/^=(ROUND\()?'Attribution \(2\)'!/);
    expect(
      sheet(p, "audit")
        .rows.flat()
        .some((c) => c?.kind === "text" && c.text.includes("wrote Attribution (2) instead")),
    ).toBe(true);
  });

  it("reuses its own sheets from an earlier run, and removes one this run does not make", () => {
    const sheets = validSheets();
    delete sheets.Tracker;
    const p = plan(sheets, [
      { name: "Attribution", a2: markerText("attribution", "earlier") },
      { name: "Realisation", a2: markerText("realisation", "earlier") },
      { name: "Audit", a2: "a user's audit notes" },
    ]);
    expect(p.sheets.map((s) => s.name)).toEqual(["Attribution", "Savings profile", "Audit (2)"]);
    expect(p.reuse).toEqual(["Attribution"]);
    expect(p.remove).toEqual(["Realisation"]);
  });

  it("marks every sheet it writes as its own in A2", () => {
    for (const s of plan(validSheets()).sheets)
      expect(cell(s, "A2")).toMatchObject({
        kind: "text",
        style: "marker",
        text: markerText(s.role, "2026-11-25 10:00 UTC"),
      });
  });
});

describe("problems the engine finds", () => {
  it("a transitional cost where no partner's spending falls is an error at its Rules cell", () => {
    const sheets = withCells([["Rules", "D2", 5000000]]); // a new cost above every baseline
    const r = read(sheets);
    const built = outcomeOf(r.inputs!);
    expect(built.outcome).toBeUndefined();
    expect(built.problems.map(asWritten)).toEqual([
      expect.objectContaining({
        severity: "error",
        sheet: "Rules",
        cell: "F2",
        message: expect.stringContaining("no partner's spending falls"),
      }),
    ]);
  });

  it("a split by the basis's weights that the engine refuses is an error at the Basis cell", () => {
    // The reader refuses a negative total baseline on the budget basis; given one anyway, the engine
    // refuses to split the combined cost by it, and the problem points at the Basis that chose it.
    const r = read(validSheets());
    const inputs = r.inputs!;
    const line = inputs.budget.lines.find((l) => l.partner === HF && l.service === YOS)!;
    line.baseline = { ...line.baseline, value: new Decimal(-728000) };
    const built = outcomeOf(inputs);
    expect(built.outcome).toBeUndefined();
    expect(built.problems.map(asWritten)).toEqual([
      expect.objectContaining({
        sheet: "Rules",
        cell: "C2",
        code: "negative",
        message: expect.stringContaining("-728000"),
      }),
    ]);
  });
});
