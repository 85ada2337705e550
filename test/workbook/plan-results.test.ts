/**
 * buildPlan's `results` (the Outcome's figures), what the task pane's Results step shows: each partner's and the
 * partnership's figures by year, which must be the figures the Savings profile sheet stores in its
 * summary, exactly; the fairness warnings; the sheets written. On the sample inputs and on
 * generated ones.
 */
import fc from "fast-check";
import { Decimal, ZERO, fairnessInTheRound, sum } from "../../src/engine";
import { sampleSheets } from "../../src/sample/sample";
import type { CellValue, SheetGrid } from "../../src/workbook/grid";
import type { ExistingSheet } from "../../src/workbook/owned";
import { type PartnerFigures, outcomeOf } from "../../src/workbook/outcome";
import { type Plan, type PlanCell, type PlanResults, type SheetPlan, buildPlan } from "../../src/workbook/plan";
import { ATTRIBUTION_COLUMNS as C } from "../../src/workbook/plan/attribution";
import { readInputs } from "../../src/workbook/read";
import { describeProblem } from "../../src/workbook/problems";
import { RULE_HEADINGS } from "./read/workbook";

const WHEN = new Date("2026-11-25T10:00:00Z");
const ALL = "All partners";
const NOT_WITHIN = "never within the years shown";

function built(grids: SheetGrid[], existing: ExistingSheet[] = []): { plan: Plan; results: PlanResults } {
  const read = readInputs(grids);
  const errors = read.problems.filter((p) => p.severity === "error");
  if (errors.length > 0 || !read.inputs)
    throw new Error(
      `the inputs have errors:\n${errors.map((p) => `${describeProblem(p).where} ${p.message}`).join("\n")}`,
    );
  const worked = outcomeOf(read.inputs);
  if (!worked.outcome) throw new Error(`no plan: ${worked.problems.map((p) => p.message).join("; ")}`);
  return buildPlan(worked.outcome, { existing, when: WHEN, source: "test", notes: read.notes });
}

const sample = (): SheetGrid[] => sampleSheets().map((s) => ({ name: s.name, values: s.values }));

const MEASURES = {
  cashable: "Cashable saving, new each year",
  inForce: "Cashable saving in force",
  nonCashable: "Non-cashable saving, new each year",
  costAvoidance: "Cost avoidance, new each year",
  investment: "Investment (transitional costs)",
  net: "Net cashable saving",
  cumulativeNet: "Cumulative net saving",
  breakEven: "Break-even year",
  payback: "Payback, years",
  // With a Variances sheet (RULES.md §3): the two lines ending each block.
  variances: "In-year variances borne",
  netAfterVariances: "Net after variances",
} as const;
type Measure = keyof typeof MEASURES;

const text = (c: PlanCell | undefined): string | undefined => (c?.kind === "text" ? c.text : undefined);
const stored = (c: PlanCell | undefined): unknown =>
  c?.kind === "formula" ? c.value : c?.kind === "number" ? c.value : c?.kind === "text" ? c.text : undefined;

/**
 * The summary of the Savings profile sheet as it stores it: for each label in column A (a partner,
 * or All partners), each measure's stored values in the year columns (under the year headings of
 * the summary's heading row) and in its Total £ column.
 */
function summaryOf(profile: SheetPlan): {
  years: string[];
  rows: Map<string, Record<Measure, { years: unknown[]; total: unknown }>>;
} {
  const headingRow = profile.rows.findIndex((r) => text(r?.[0]) === "Partner" && text(r?.[1]) === "Measure");
  expect(headingRow).toBeGreaterThanOrEqual(0);
  const heading = profile.rows[headingRow];
  const yearColumns = heading.flatMap((c, i) => (/^\d{4}\/\d{2}$/.test(text(c) ?? "") ? [i] : []));
  const totalColumn = heading.findIndex((c) => text(c) === "Total £");
  const rows = new Map<string, Record<Measure, { years: unknown[]; total: unknown }>>();
  for (let r = headingRow + 1; r < profile.rows.length; r++) {
    const row = profile.rows[r] ?? [];
    const who = text(row[0]);
    const measure = (Object.keys(MEASURES) as Measure[]).find((m) => MEASURES[m] === text(row[1]));
    if (who === undefined) continue; // the blank row between partners
    if (measure === undefined) break; // the phasing and the working below the summary
    const entry = rows.get(who) ?? ({} as Record<Measure, { years: unknown[]; total: unknown }>);
    entry[measure] = { years: yearColumns.map((c) => stored(row[c])), total: stored(row[totalColumn]) };
    rows.set(who, entry);
  }
  return { years: yearColumns.map((c) => text(heading[c]) as string), rows };
}

/** The running total. */
const running = (values: readonly Decimal[]): Decimal[] => {
  let total = ZERO;
  return values.map((v) => (total = total.plus(v)));
};

const YEAR_MEASURES = ["cashable", "inForce", "otherKinds", "investment", "net", "cumulativeNet"] as const;
const TOTALS = ["totalCashable", "totalOtherKinds", "totalInvestment"] as const;

const NO_FIGURES = "no cashable saving or investment";

/**
 * Each service's figures, all its partners together (issue 16): break-even and payback from the
 * service's own first figure, the same on the sheet's section at its foot, and the services adding
 * up to the partnership in every year.
 */
function checkServices(profile: SheetPlan, results: PlanResults): void {
  const { years, services } = results;
  const all = results.partners[results.partners.length - 1];
  for (const m of YEAR_MEASURES)
    expect([m, years.map((_, i) => sum(services.map((s) => s[m][i])))]).toEqual([m, all[m]]);
  const header = profile.rows.findIndex((r) => text(r?.[0]) === "Service" && text(r?.[1]) === "Measure");
  expect(header).toBeGreaterThan(0);
  const yearColumns = profile.rows[header].flatMap((c, i) => (/^\d{4}\/\d{2}$/.test(text(c) ?? "") ? [i] : []));
  expect(yearColumns.map((c) => text(profile.rows[header][c]))).toEqual(years);
  const cellsOf = (service: string, measure: string): unknown[] => {
    const row = profile.rows.find((r, i) => i > header && text(r?.[0]) === service && text(r?.[1]) === measure);
    expect([service, measure, row !== undefined]).toEqual([service, measure, true]);
    return yearColumns.map((c) => stored(row![c]));
  };
  for (const f of services) {
    expect(f.inForce).toEqual(running(f.cashable));
    expect(f.cumulativeNet).toEqual(running(f.net));
    const own = f.inForce.findIndex((g, i) => !g.isZero() || !f.investment[i].isZero());
    const first = own < 0 ? -1 : f.cumulativeNet.findIndex((c, i) => i >= own && (!c.isNegative() || c.isZero()));
    expect([f.service, f.breakEven]).toEqual([f.service, first < 0 ? undefined : years[first]]);
    expect([f.service, f.firstFigure]).toEqual([f.service, own < 0 ? undefined : years[own]]);
    expect(cellsOf(f.service, "Cashable saving in force")).toEqual(f.inForce);
    expect(cellsOf(f.service, "Investment (transitional costs)")).toEqual(f.investment);
    expect(cellsOf(f.service, "Net cashable saving")).toEqual(f.net);
    expect(cellsOf(f.service, "Cumulative net saving")).toEqual(f.cumulativeNet);
    expect(cellsOf(f.service, "Break-even year")[0]).toBe(own < 0 ? NO_FIGURES : (f.breakEven ?? NOT_WITHIN));
  }
}

/** Every property the Results step relies on, for one plan. */
function checkResults(plan: Plan, results: PlanResults): void {
  const { partners, years } = results;
  const profile = plan.sheets.find((s) => s.role === "savings-profile")!;
  const summary = summaryOf(profile);

  // The years are the profile's year columns; the partners come first and the partnership last.
  expect(results.years).toEqual(summary.years);
  expect(partners.length).toBeGreaterThanOrEqual(2);
  expect(partners[partners.length - 1].partner).toBeUndefined();
  const named = partners.slice(0, -1);
  for (const p of named) expect(p.partner).toEqual(expect.any(String));
  expect(new Set(named.map((p) => p.partner)).size).toBe(named.length);
  expect([...summary.rows.keys()]).toEqual([...named.map((p) => p.partner as string), ALL]);
  const all = partners[partners.length - 1];

  for (const f of partners) {
    for (const m of YEAR_MEASURES) expect(f[m]).toHaveLength(years.length);
    // In force is the running total of the new cashable savings; net is in force less investment;
    // cumulative net the running total of net; the totals add up the incremental lines.
    expect(f.inForce).toEqual(running(f.cashable));
    f.net.forEach((n, i) => expect(n).toEqual(f.inForce[i].minus(f.investment[i])));
    expect(f.cumulativeNet).toEqual(running(f.net));
    expect(f.totalCashable).toEqual(sum(f.cashable));
    expect(f.totalOtherKinds).toEqual(sum(f.otherKinds));
    expect(f.totalInvestment).toEqual(sum(f.investment));
    // Break-even: counted from the first year with a figure of its own (a saving in force or an
    // investment), the first year cumulative net is at or above zero, or none; never before it.
    const own = f.inForce.findIndex((g, i) => !g.isZero() || !f.investment[i].isZero());
    const first = own < 0 ? -1 : f.cumulativeNet.findIndex((c, i) => i >= own && (!c.isNegative() || c.isZero()));
    if (first < 0) expect(f).not.toHaveProperty("breakEven");
    else expect(f.breakEven).toBe(years[first]);
    if (own >= 0) expect(f.firstFigure).toBe(years[own]);

    // The same figures the sheet stores in its summary cells, to the penny.
    const rows = summary.rows.get(f.partner ?? ALL)!;
    expect(rows.cashable.years).toEqual(f.cashable);
    expect(rows.inForce.years).toEqual(f.inForce);
    expect(rows.investment.years).toEqual(f.investment);
    expect(rows.net.years).toEqual(f.net);
    expect(rows.cumulativeNet.years).toEqual(f.cumulativeNet);
    expect(rows.nonCashable.years.map((v, i) => (v as Decimal).plus(rows.costAvoidance.years[i] as Decimal))).toEqual(
      f.otherKinds,
    );
    expect(rows.cashable.total).toEqual(f.totalCashable);
    expect(rows.investment.total).toEqual(f.totalInvestment);
    expect((rows.nonCashable.total as Decimal).plus(rows.costAvoidance.total as Decimal)).toEqual(f.totalOtherKinds);
    expect(rows.breakEven.years[0]).toBe(f.firstFigure === undefined ? NO_FIGURES : (f.breakEven ?? NOT_WITHIN));
    expect(rows.payback.years[0]).toEqual(
      f.firstFigure === undefined ? NO_FIGURES : (f.payback?.toDecimalPlaces(2) ?? NOT_WITHIN),
    );
    if (f.payback) expect(f.payback.isNegative()).toBe(false);
    // With variances, the figures for the year less the variances borne, as the sheet stores them.
    expect(rows.variances?.years).toEqual(f.variances);
    expect(rows.netAfterVariances?.years).toEqual(f.netAfterVariances);
    if (f.variances) f.net.forEach((n, i) => expect(f.netAfterVariances![i]).toEqual(n.minus(f.variances![i])));
  }
  checkServices(profile, results);

  // The partnership is exactly the sum of the partners, every measure, every year.
  const sumOf = (m: (typeof YEAR_MEASURES)[number], i: number): Decimal => sum(named.map((p) => p[m][i]));
  for (const m of YEAR_MEASURES) expect(all[m]).toEqual(years.map((_, i) => sumOf(m, i)));
  for (const t of TOTALS) expect(all[t]).toEqual(sum(named.map((p) => p[t])));

  // Fairness: what fairnessInTheRound says of the Attribution sheet's baselines and savings.
  expect(results.fairness).toEqual(fairnessInTheRound(attributionLines(plan)).warnings);
  for (const w of results.fairness) expect(results.warnings).toContain(w);

  // The sheets: the plan's, by role and final name, in order.
  expect(results.sheets).toEqual(plan.sheets.map((s) => ({ role: s.role, name: s.name })));
}

/** Each service's partner rows on the Attribution sheet, as fairnessInTheRound takes them. */
function attributionLines(plan: Plan): Parameters<typeof fairnessInTheRound>[0] {
  const a = plan.sheets.find((s) => s.role === "attribution")!;
  const services: { service: string; lines: { partner: string; baseline: Decimal; saving: Decimal }[] }[] = [];
  const heading = a.rows.findIndex(
    (r) => text(r?.[C.service - 1]) === "Service" && text(r?.[C.partner - 1]) === "Partner",
  );
  for (const row of a.rows.slice(heading + 1)) {
    const service = text(row?.[C.service - 1]);
    const partner = text(row?.[C.partner - 1]);
    if (service === undefined || partner === undefined) continue; // blank rows and each service's total row
    // A by-year section's headings and lines (years from column D, where the basis is above).
    if (partner === "Partner" || !/[a-z]/.test(text(row[C.basis - 1]) ?? "")) continue;
    let s = services[services.length - 1];
    if (s?.service !== service) services.push((s = { service, lines: [] }));
    s.lines.push({
      partner,
      baseline: stored(row[C.baseline - 1]) as Decimal,
      saving: stored(row[C.saving - 1]) as Decimal,
    });
  }
  return services;
}

describe("the plan's results on the sample inputs", () => {
  const { plan, results } = built(sample());

  test("are the Savings profile's figures, add up, and name the sheets", () => {
    checkResults(plan, results);
  });

  test("give the sample's partners and years", () => {
    expect(results.years).toEqual(["2011/12", "2012/13", "2013/14", "2014/15", "2015/16"]);
    expect(results.partners.map((p) => p.partner)).toEqual([
      "Hammersmith & Fulham",
      "Kensington & Chelsea",
      "Westminster",
      undefined,
    ]);
    expect(results.sheets).toEqual([
      { role: "attribution", name: "Attribution" },
      { role: "savings-profile", name: "Savings profile" },
      { role: "realisation", name: "Realisation" },
      { role: "variances", name: "Variance shares" },
      { role: "assessment", name: "Assessment" },
      { role: "audit", name: "Audit" },
    ]);
    // The partners' new cashable savings add up to the partnership's, to the penny, over the years.
    expect(results.partners[3].totalCashable).toEqual(
      sum(results.partners.slice(0, 3).map((p: PartnerFigures) => p.totalCashable)),
    );
  });

  test("name the sheets as placed: beside a user's sheet with the usual name, without a Tracker no Realisation", () => {
    const grids = sample().filter((g) => g.name !== "Tracker");
    const placed = built(grids, [{ name: "Attribution", a2: "my own notes" }]);
    expect(placed.results.sheets).toEqual([
      { role: "attribution", name: "Attribution (2)" },
      { role: "savings-profile", name: "Savings profile" },
      { role: "variances", name: "Variance shares" },
      { role: "assessment", name: "Assessment" },
      { role: "audit", name: "Audit" },
    ]);
    checkResults(placed.plan, placed.results);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated inputs: partners, services with phasing or a start month, first years, kinds,
// transitional costs large enough that break-even is late or not within the years.
// ---------------------------------------------------------------------------------------------

const PARTNERS = ["Hammersmith & Fulham", "Kensington & Chelsea", "Westminster", "Ealing", "Brent"];
const YEARS = ["2011/12", "2012/13", "2013/14", "2014/15"];
const PHASINGS = [null, "100%", "50%, 50%", "10%, 45%, 45%", "25%, 25%, 25%, 25%", "33%, 33%, 34%"];
const KINDS = [null, "cashable", "non-cashable", "cost avoidance"];

const pounds = (min: number, max: number): fc.Arbitrary<number> =>
  fc.integer({ min: min * 100, max: max * 100 }).map((p) => p / 100);

const serviceArb = fc.record({
  baselines: fc.array(pounds(1_000, 3_000_000), { minLength: 5, maxLength: 5 }),
  quantity: fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 5, maxLength: 5 }),
  basis: fc.constantFrom("demand", "equal", "budget"),
  cut: fc.integer({ min: 1, max: 60 }),
  transitional: fc.oneof(fc.constant(null), pounds(0, 4_000_000)),
  arrival: fc.oneof(
    fc.constantFrom(...PHASINGS).map((phasing) => ({ phasing, month: null })),
    fc.integer({ min: 1, max: 12 }).map((month) => ({ phasing: null, month })),
  ),
  firstYear: fc.constantFrom(...YEARS),
  kind: fc.constantFrom(...KINDS),
  gain: fc.integer({ min: 0, max: 30 }),
  // A partner joining later (RULES.md §2): which one (modulo the partners) and from when.
  late: fc.option(fc.record({ partner: fc.integer({ min: 0, max: 4 }), year: fc.constantFrom(...YEARS) }), {
    nil: null,
  }),
  // A partner leaving (RULES.md §8): its last year in, some years after the service's first.
  gone: fc.option(fc.record({ partner: fc.integer({ min: 0, max: 4 }), after: fc.integer({ min: 0, max: 3 }) }), {
    nil: null,
  }),
});

/** The financial year `after` years after `first`. */
const YEAR_AFTER = (first: string, after: number): string => {
  const start = Number(first.slice(0, 4)) + after;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
};

type GeneratedService = typeof serviceArb extends fc.Arbitrary<infer T> ? T : never;

function generated(count: number, services: readonly GeneratedService[]): SheetGrid[] {
  const partners = PARTNERS.slice(0, count);
  const budget: CellValue[][] = [["Partner", "Service", "Baseline"]];
  const drivers: CellValue[][] = [["Service", "Partner", "Quantity"]];
  const rules: CellValue[][] = [RULE_HEADINGS];
  services.forEach((s, i) => {
    const name = `Service ${i + 1}`;
    partners.forEach((p, j) => {
      budget.push([p, name, s.baselines[j]]);
      drivers.push([name, p, s.quantity[j]]);
    });
    const late = s.late === null ? undefined : partners[s.late.partner % partners.length];
    // Someone must stay in every year: a leaver beside a late joiner needs a third partner.
    const leaver = s.gone === null ? undefined : partners[s.gone.partner % partners.length];
    const gone = leaver === late || (late !== undefined && partners.length < 3) ? undefined : leaver;
    const until = s.gone === null ? "" : YEAR_AFTER(s.firstYear, s.gone.after);
    const when = (p: string): string =>
      p === late ? `${p} from ${s.late!.year}` : p === gone ? `${p} until ${until}` : p;
    rules.push([
      name,
      late === undefined && gone === undefined ? null : partners.map(when).join(", "),
      s.basis,
      null,
      s.cut / 100,
      s.transitional,
      s.arrival.phasing,
      s.arrival.month,
      s.firstYear,
      s.kind,
      s.gain / 100,
      null,
      null,
    ]);
  });
  return [
    { name: "Budget", values: budget },
    { name: "Drivers", values: drivers },
    { name: "Rules", values: rules },
  ];
}

describe("the plan's results on generated inputs", () => {
  test("are the Savings profile's figures, add up exactly, and break even where cumulative net first reaches zero", () => {
    const seen = { breakEvenLate: 0, noBreakEven: 0, fairnessFlagged: 0 };
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.array(serviceArb, { minLength: 1, maxLength: 4 }),
        (count, services) => {
          const { plan, results } = built(generated(count, services));
          checkResults(plan, results);
          for (const p of results.partners) {
            if (p.breakEven === undefined) seen.noBreakEven++;
            else if (p.breakEven !== results.years[0]) seen.breakEvenLate++;
          }
          if (results.fairness.length > 0) seen.fairnessFlagged++;
        },
      ),
      { numRuns: 60 },
    );
    // The generator reaches the interesting cases, not only a break-even in the first year.
    console.log(`generated plans: ${JSON.stringify(seen)}`);
    expect(seen.breakEvenLate).toBeGreaterThan(0);
    expect(seen.noBreakEven).toBeGreaterThan(0);
  });
});
