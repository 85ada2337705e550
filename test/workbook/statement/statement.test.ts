/**
 * Each partner's statement (issue 18): its figures equal the partnership workbook's for that
 * partner, cell by cell against the Attribution and Savings profile sheets; the partners'
 * statements add up exactly to the partnership's totals, in every service and every year, for
 * the sample and for any budgets and rules; no other council's name appears in it; text is never
 * a formula; the only formulas are plain ones; and the file names are safe and distinct.
 */
import fc from "fast-check";
import { readFileSync } from "fs";
import { Decimal, sum } from "../../../src/engine";
import type { CellValue } from "../../../src/workbook/grid";
import { type Outcome, outcomeOf } from "../../../src/workbook/outcome";
import { buildPlan, callsAddinFunction } from "../../../src/workbook/plan";
import { ATTRIBUTION_COLUMNS as A } from "../../../src/workbook/plan/attribution";
import type { PlanCell, SheetPlan } from "../../../src/workbook/plan/types";
import { readInputs } from "../../../src/workbook/read";
import { MTFS_LINES, STATEMENT_COLUMNS as S, statementSheet } from "../../../src/workbook/statement";
import { safeFileName, statementFileNames, statementFiles } from "../../../src/workbook/statement/files";
import { readXlsx } from "../../../src/xlsx/read";
import { markerText, ownedRole, placeSheets } from "../../../src/workbook/owned";
import { planCells } from "../../libreoffice/sample";
import { HF, KC, RULE_HEADINGS, WCC, grids } from "../read/workbook";

const OPTIONS = { when: "2026-11-25 10:00 UTC", source: "sample.xlsx" };

async function sampleOutcome(): Promise<Outcome> {
  const read = readInputs(await readXlsx(readFileSync("assets/sample.xlsx")));
  return outcomeOf(read.inputs!).outcome!;
}

const valueOf = (c: PlanCell | undefined): Decimal | string | undefined => {
  if (!c) return undefined;
  if (c.kind === "text") return c.text;
  if (c.kind === "number") return c.value;
  if (c.kind === "formula") return c.value instanceof Decimal || typeof c.value === "string" ? c.value : undefined;
  return undefined;
};
/** The value a plan shows at a 1-based row and column, spills included. */
function shownAt(sheet: SheetPlan, row: number, column: number): Decimal | string | undefined {
  for (const [r, c, cell] of planCells(sheet.rows))
    if (cell.kind === "spill") {
      const v = cell.values[row - r]?.[column - c];
      if (row >= r && column >= c && v !== undefined) return v instanceof Decimal ? v : String(v);
    }
  return valueOf(sheet.rows[row - 1]?.[column - 1]);
}
const money = (v: Decimal | string | undefined): string => (v instanceof Decimal ? v.toFixed(6) : `not a number: ${v}`);
const textAt = (sheet: SheetPlan, row: number): string[] =>
  (sheet.rows[row - 1] ?? []).map((c) => (c?.kind === "text" ? c.text : ""));

let outcome: Outcome;
beforeAll(async () => {
  outcome = await sampleOutcome();
});

describe("a partner's statement on the sample", () => {
  it("has each of its services' figures equal to the Attribution sheet's row for it, and the partnership's total row beside", () => {
    const { plan } = buildPlan(outcome, {
      existing: [],
      when: new Date("2026-11-25T10:00:00Z"),
      source: "sample.xlsx",
    });
    const attribution = plan.sheets.find((s) => s.role === "attribution")!;
    let compared = 0;
    for (const partner of outcome.partners) {
      const { sheet, layout } = statementSheet(outcome, partner, OPTIONS);
      const taking = outcome.services.filter((s) => s.partners.some((p) => p.partner === partner));
      expect(layout.serviceRows.map((r) => r.service)).toEqual(taking.map((s) => s.rule.service));
      for (const { service, row } of layout.serviceRows) {
        const aRow = attribution.rows.findIndex((cells) => {
          const t = cells.map((c) => (c?.kind === "text" ? c.text : ""));
          return t[A.service - 1] === service && t[A.partner - 1] === partner;
        });
        expect(aRow).toBeGreaterThan(0);
        const total = attribution.rows.findIndex((cells) => valueOf(cells[A.service - 1]) === `${service} total`) + 1;
        const pairs: [number, number, number][] = [
          [S.share, A.share, aRow + 1],
          [S.baseline, A.baseline, aRow + 1],
          [S.cost, A.cost, aRow + 1],
          [S.gainShare, A.gainShare, aRow + 1],
          [S.saving, A.saving, aRow + 1],
          [S.transitional, A.transitional, aRow + 1],
          [S.totalBaseline, A.baseline, total],
          [S.combinedCost, A.cost, total],
          [S.totalGainShare, A.gainShare, total],
          [S.totalSaving, A.saving, total],
          [S.totalTransitional, A.transitional, total],
        ];
        for (const [sc, ac, ar] of pairs) {
          expect({ partner, service, column: sc, value: money(shownAt(sheet, row, sc)) }).toEqual({
            partner,
            service,
            column: sc,
            value: money(shownAt(attribution, ar, ac)),
          });
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(200);
  });

  it("has its MTFS lines equal to the Savings profile sheet's summary for it", () => {
    const { plan } = buildPlan(outcome, {
      existing: [],
      when: new Date("2026-11-25T10:00:00Z"),
      source: "sample.xlsx",
    });
    const profile = plan.sheets.find((s) => s.role === "savings-profile")!;
    const profileRow = (who: string, measure: string): number =>
      profile.rows.findIndex((cells) => valueOf(cells[0]) === who && valueOf(cells[1]) === measure) + 1;
    const pairs: [string, string][] = [
      [MTFS_LINES.cashable, "Cashable saving, new each year"],
      [MTFS_LINES.inForce, "Cashable saving in force"],
      [MTFS_LINES.nonCashable, "Non-cashable saving, new each year"],
      [MTFS_LINES.costAvoidance, "Cost avoidance, new each year"],
      [MTFS_LINES.investment, "Investment (transitional costs)"],
      [MTFS_LINES.net, "Net cashable saving"],
      [MTFS_LINES.cumulative, "Cumulative net saving"],
    ];
    for (const partner of outcome.partners) {
      const { sheet, layout } = statementSheet(outcome, partner, OPTIONS);
      outcome.years.forEach((year, i) => {
        expect(valueOf(sheet.rows[layout.mtfs.headerRow - 1][1 + i])).toBe(year);
        for (const [mine, theirs] of pairs)
          expect({ partner, year, mine, value: money(shownAt(sheet, layout.mtfs.rows[mine], 2 + i)) }).toEqual({
            partner,
            year,
            mine,
            value: money(shownAt(profile, profileRow(partner, theirs), 6 + i)),
          });
      });
      expect(shownAt(sheet, layout.mtfs.rows[MTFS_LINES.breakEven], 2)).toBe(
        shownAt(profile, profileRow(partner, "Break-even year"), 6),
      );
    }
  });

  it("names no other council: others appear only in the partnership's totals", () => {
    for (const partner of outcome.partners) {
      const { sheet } = statementSheet(outcome, partner, OPTIONS);
      const texts = [...planCells(sheet.rows)].flatMap(([, , c]) => (c.kind === "text" ? [c.text] : []));
      for (const other of outcome.partners.filter((p) => p !== partner && !partner.includes(p)))
        expect({ partner, other, found: texts.filter((t) => t.includes(other)) }).toEqual({
          partner,
          other,
          found: [],
        });
      expect(texts.some((t) => t.includes(partner))).toBe(true);
    }
  });

  it("holds only values and plain formulas, each referring within the sheet", () => {
    for (const partner of outcome.partners) {
      const { sheet } = statementSheet(outcome, partner, OPTIONS);
      const formulas = [...planCells(sheet.rows)].flatMap(([, , c]) =>
        c.kind === "formula" || c.kind === "spill" ? [c] : [],
      );
      expect(formulas.length).toBeGreaterThan(20);
      for (const f of formulas) {
        expect(f.kind).toBe("formula");
        expect(callsAddinFunction(f.formula)).toBe(false);
        expect(f.formula).not.toMatch(/!/); // no other sheet: the statement travels alone
      }
    }
  });

  it("lists the cells each figure came from in the partnership's workbook, and a sign-off block", () => {
    const { sheet } = statementSheet(outcome, WCC, OPTIONS);
    const all = sheet.rows.map((_, i) => textAt(sheet, i + 1).join(" | "));
    const first = outcome.services.find((s) => s.partners.some((p) => p.partner === WCC))!;
    const line = first.partners.find((p) => p.partner === WCC)!;
    const rulesRow = all.find((t) => t.startsWith(`${first.rule.service} | Rules!`))!;
    expect(rulesRow).toContain(`Rules!A${first.rule.at.row}`);
    expect(rulesRow).toContain(`Budget!`);
    expect(rulesRow).toContain(`${line.baselineCells[0].at.sheet}!`);
    expect(all).toContainEqual(expect.stringMatching(/^Checked by the section 151 officer/));
    expect(all).toContainEqual(expect.stringMatching(/^Prepared by/));
  });
});

describe("the partners' statements together", () => {
  /** Each statement's column (services) or MTFS line, for every partner. */
  function addUp(o: Outcome): void {
    const statements = o.partners.map((p) => ({ partner: p, ...statementSheet(o, p, OPTIONS) }));
    for (const s of o.services) {
      const rows = statements.flatMap((st) => {
        const found = st.layout.serviceRows.find((r) => r.service === s.rule.service);
        return found ? [{ st, row: found.row }] : [];
      });
      expect(rows).toHaveLength(s.partners.length);
      const column = (c: number): Decimal[] => rows.map(({ st, row }) => shownAt(st.sheet, row, c) as Decimal);
      const each = (c: number): Decimal => {
        const values = column(c);
        values.forEach((v) => expect(v).toEqual(values[0]));
        return values[0];
      };
      expect(sum(column(S.cost))).toEqual(each(S.combinedCost));
      expect(sum(column(S.baseline))).toEqual(each(S.totalBaseline));
      expect(sum(column(S.gainShare))).toEqual(each(S.totalGainShare));
      expect(sum(column(S.saving))).toEqual(each(S.totalSaving));
      expect(sum(column(S.transitional))).toEqual(each(S.totalTransitional));
      expect(sum(column(S.share))).toEqual(new Decimal(1));
      expect(each(S.combinedCost)).toEqual(s.combinedCost);
    }
    o.years.forEach((_, i) => {
      const line = (label: string): Decimal[] =>
        statements.map((st) => shownAt(st.sheet, st.layout.mtfs.rows[label], 2 + i) as Decimal);
      const partnership = line(MTFS_LINES.partnershipCashable);
      partnership.forEach((v) => expect(v).toEqual(partnership[0]));
      expect(sum(line(MTFS_LINES.cashable))).toEqual(partnership[0]);
      expect(sum(line(MTFS_LINES.net))).toEqual(line(MTFS_LINES.partnershipNet)[0]);
    });
  }

  it("add up exactly to the partnership's totals on the sample, in every service and year", () => {
    addUp(outcome);
  });

  it("add up exactly to the partnership's totals for any budgets, weights and rules", () => {
    const names = [HF, KC, WCC, "Ealing", "Brent"];
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
            phasing: fc.constantFrom(null, "10%, 45%, 45%", "50%, 50%"),
            year: fc.constantFrom("2011/12", "2012/13"),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        (count, services) => {
          const partners = names.slice(0, count);
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
              s.phasing,
              null,
              s.year,
              null,
              s.gain / 100,
              null,
              null,
            ]);
          });
          const read = readInputs(grids({ Budget: budget, Drivers: drivers, Rules: rules }));
          const o = outcomeOf(read.inputs!).outcome!;
          addUp(o);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("text in a statement", () => {
  it("is always text: a partner or service named like a formula stays a text cell", () => {
    const evil = '=HYPERLINK("http://x","click")';
    const read = readInputs(
      grids({
        Budget: [
          ["Partner", "Service", "Baseline"],
          [evil, "+1", 1000],
          [KC, "+1", 2000],
        ],
        Rules: [RULE_HEADINGS, ["+1", null, "equal", 1500, null, null, null, null, "2011/12", null, null, null, null]],
      }),
    );
    expect(read.problems.filter((p) => p.severity === "error")).toEqual([]);
    const o = outcomeOf(read.inputs!).outcome!;
    const { sheet } = statementSheet(o, evil, OPTIONS);
    const cells = [...planCells(sheet.rows)].map(([, , c]) => c);
    expect(cells).toContainEqual({ kind: "text", text: `${evil}: shared services statement`, style: "title" });
    expect(cells).toContainEqual({ kind: "text", text: "+1", style: undefined });
    for (const c of cells) if (c.kind === "formula") expect(c.formula).not.toContain("HYPERLINK");
    expect(shownAt(sheet, 7, S.cost)).toEqual(new Decimal(750));
  });
});

describe("statement file names", () => {
  it("makes a name safe for a file on any system", () => {
    expect(safeFileName("Westminster")).toBe("Westminster");
    expect(safeFileName("Kensington & Chelsea")).toBe("Kensington & Chelsea");
    expect(safeFileName("Bath/North East Somerset")).toBe("Bath-North East Somerset");
    expect(safeFileName("City: of *London*")).toBe("City- of -London-");
    expect(safeFileName('a\\b?c"d<e>f|g\u0001h')).toBe("a-b-c-d-e-f-g-h");
    expect(safeFileName("  ..hidden.  ")).toBe("hidden");
    expect(safeFileName("CON")).toBe("CON council");
    expect(safeFileName("///")).toBe("Partner");
    expect(safeFileName("x".repeat(300))).toHaveLength(80);
  });

  it("gives names that collide once made safe, or differ only in case, distinct files", () => {
    expect(statementFileNames(["A/B", "A:B", "a*b", "A-B (2)", "Brent"])).toEqual([
      "A-B.xlsx",
      "A-B (2).xlsx",
      "a-b (3).xlsx",
      "A-B (2) (2).xlsx",
      "Brent.xlsx",
    ]);
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 12 }), (partners) => {
        const files = statementFileNames(partners);
        expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(partners.length);
        for (const f of files) {
          expect(f).toMatch(/\.xlsx$/);
          // eslint-disable-next-line no-control-regex
          expect(f).not.toMatch(/[<>:"/\\|?*\u0000-\u001f]/);
        }
      }),
    );
  });

  it("plans one new workbook per partner holding its statement alone", () => {
    const files = statementFiles(outcome, OPTIONS);
    expect(files.map((f) => f.partner)).toEqual(outcome.partners);
    for (const f of files) {
      expect(f.plan.sheets.map((s) => s.name)).toEqual(["Statement"]);
      expect(f.plan.reuse).toEqual([]);
      expect(f.plan.remove).toEqual([]);
    }
  });
});

describe("a statement sheet in the workbook", () => {
  it("is the add-in's own by its marker, and the main run neither reuses nor deletes it", () => {
    const marker = markerText("statement", "2026-11-25 10:00 UTC");
    expect(ownedRole(marker)).toBe("statement");
    const existing = [
      { name: "Statement Westminster", a2: marker },
      { name: "Attribution", a2: markerText("attribution", "x") },
      { name: "Old audit", a2: markerText("audit", "x") },
    ];
    const placed = placeSheets(existing, [{ role: "attribution", name: "Attribution" }]);
    expect(placed.reuse).toEqual(["Attribution"]);
    expect(placed.remove).toEqual(["Old audit"]);
  });
});
