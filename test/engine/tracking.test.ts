import fc from "fast-check";
import { Decimal } from "../../src/engine/money";
import { formatYear } from "../../src/engine/years";
import {
  DEFAULT_RAG_THRESHOLDS,
  Rag,
  TrackingDimension,
  TrackingGroup,
  TrackingLine,
  TrackingRow,
  ragStatus,
  rollUp,
  trackDelivery,
} from "../../src/engine/tracking";
import { expectRuleError, total } from "./helpers";

const s = (d: Decimal | undefined): string | undefined => d?.toString();
const pct = (d: Decimal | undefined): string | undefined => d?.toDecimalPlaces(4).toString();

/** A group's figures as strings, to compare in one expectation. */
const figures = (g: TrackingGroup) => ({
  group: g.group,
  planned: s(g.planned),
  actual: s(g.actual),
  plannedReported: s(g.plannedReported),
  variance: s(g.variance),
  delivered: pct(g.delivered),
  rag: g.rag,
  rows: g.rows,
  notReported: g.notReported,
  forecast: g.forecast,
});

describe("tracking benefit realisation (RULES §7)", () => {
  test("LSCB: a September start planned; a two-month slip turns 2011/12 red (003 ch. 9, 001 app. B)", () => {
    // 003 ch. 9: the merged LSCB saves £271,000 − £98,000 = £173,000 a year, £101,000 in 2011/12
    // for a September start (7/12 × 173,000 = 100,916.67, which the report rounds). Were it to slip
    // two months to November, as 001 appendix B's "Phase 2 is likely to slip from Jul to Sep
    // 2011" did, 2011/12 would save 5/12 × 173,000 = 72,083.33: 71.4% of plan, red; a one-month
    // slip to October, 6/12 × 173,000 = 86,500: 85.6%, amber. The LSCB line is partnership-wide.
    const lines = trackDelivery([
      { service: "LSCB", partner: "Tri-borough", year: "2011/12", planned: 101000, actual: "72083.33" },
      {
        service: "LSCB",
        partner: "Tri-borough",
        year: "2012/13",
        planned: 173000,
        actual: 173000,
        actualKind: "forecast",
      },
    ]);
    expect(lines.map((l) => [s(l.variance), pct(l.delivered), l.rag, l.actualKind])).toEqual([
      ["-28916.67", "0.7137", "red", "achieved"],
      ["0", "1", "green", "forecast"],
    ]);
    const october = trackDelivery([
      { service: "LSCB", partner: "Tri-borough", year: "2011/12", planned: 101000, actual: 86500 },
    ]);
    expect([s(october[0].variance), pct(october[0].delivered), october[0].rag]).toEqual(["-14500", "0.8564", "amber"]);
  });

  // Youth Offending savings of 003 ch. 9(a) (281k / 80k / 70k) planned for 2011/12, with an LSCB
  // line per borough and some 2012/13 lines; rows in no particular order.
  const rows: TrackingRow[] = [
    { service: "LSCB", partner: "H&F", year: "2012/13", planned: 60000 }, // not yet reported
    { service: "Youth Offending", partner: "WCC", year: "2011/12", planned: 281000, actual: 281000 },
    { service: "Youth Offending", partner: "K&C", year: "2011/12", planned: 80000, actual: 72000 },
    {
      service: "Youth Offending",
      partner: "H&F",
      year: "2011/12",
      planned: 70000,
      actual: 49000,
      actualKind: "forecast",
    },
    { service: "LSCB", partner: "H&F", year: "2011-12", planned: 35000, actual: "36500.50" },
    { service: "LSCB", partner: "WCC", year: "2012/13", planned: 25000, actual: 24000, actualKind: "forecast" },
    // Nothing planned, but a £5,000 unplanned cost arose: a shortfall against the plan, so red.
    { service: "Youth Offending", partner: "WCC", year: "2012/13", planned: 0, actual: -5000 },
  ];

  test("each line: variance = actual − planned, share delivered, RAG at the default 95% / 75%", () => {
    const lines = trackDelivery(rows);
    expect(
      lines.map((l) => [l.year, s(l.planned), s(l.actual), s(l.variance), pct(l.delivered), l.rag, l.actualKind]),
    ).toEqual([
      ["2012/13", "60000", undefined, undefined, undefined, undefined, undefined],
      ["2011/12", "281000", "281000", "0", "1", "green", "achieved"], // 100%
      ["2011/12", "80000", "72000", "-8000", "0.9", "amber", "achieved"], // 90%
      ["2011/12", "70000", "49000", "-21000", "0.7", "red", "forecast"], // 70%
      ["2011/12", "35000", "36500.5", "1500.5", "1.0429", "green", "achieved"], // 104.3%, "2011-12" read as 2011/12
      ["2012/13", "25000", "24000", "-1000", "0.96", "green", "forecast"], // 96%
      ["2012/13", "0", "-5000", "-5000", undefined, "red", "achieved"], // nothing planned: no share
    ]);
  });

  test("roll-up by partner: delivery compares the actual with the plan of the reported lines", () => {
    const r = rollUp(trackDelivery(rows), "partner");
    expect(r.groups.map(figures)).toEqual([
      // 60,000 + 70,000 + 35,000 planned; 49,000 + 36,500.50 actual against the 105,000 reported:
      // 81.4%, amber; the unreported 60,000 does not count as undelivered.
      {
        group: "H&F",
        planned: "165000",
        actual: "85500.5",
        plannedReported: "105000",
        variance: "-19499.5",
        delivered: "0.8143",
        rag: "amber",
        rows: 3,
        notReported: 1,
        forecast: 1,
      },
      // 281,000 + 25,000 + 0 planned; 281,000 + 24,000 − 5,000 = 300,000 actual: 98.0%, green.
      {
        group: "WCC",
        planned: "306000",
        actual: "300000",
        plannedReported: "306000",
        variance: "-6000",
        delivered: "0.9804",
        rag: "green",
        rows: 3,
        notReported: 0,
        forecast: 1,
      },
      {
        group: "K&C",
        planned: "80000",
        actual: "72000",
        plannedReported: "80000",
        variance: "-8000",
        delivered: "0.9",
        rag: "amber",
        rows: 1,
        notReported: 0,
        forecast: 0,
      },
    ]);
    // 165,000 + 306,000 + 80,000 = 551,000 planned; 457,500.50 actual of 491,000 reported: 93.2%.
    expect(figures(r.total)).toEqual({
      group: "Total",
      planned: "551000",
      actual: "457500.5",
      plannedReported: "491000",
      variance: "-33499.5",
      delivered: "0.9318",
      rag: "amber",
      rows: 7,
      notReported: 1,
      forecast: 2,
    });
  });

  test("roll-up by year is in date order; by service in the order first seen", () => {
    const lines = trackDelivery(rows);
    const byYear = rollUp(lines, "year");
    // 2012/13 is seen first but sorts after 2011/12. 2011/12: 466,000 planned, 438,500.50 actual
    // (94.1%, just amber); 2012/13: 85,000 planned of which 25,000 reported, 19,000 actual (76%).
    expect(
      byYear.groups.map((g) => [g.group, s(g.planned), s(g.actual), s(g.variance), pct(g.delivered), g.rag]),
    ).toEqual([
      ["2011/12", "466000", "438500.5", "-27499.5", "0.941", "amber"],
      ["2012/13", "85000", "19000", "-6000", "0.76", "amber"],
    ]);
    const byService = rollUp(lines, "service");
    // LSCB: 60,500.50 against 60,000 reported (100.8%); Youth Offending: 397,000 of 431,000 (92.1%).
    expect(
      byService.groups.map((g) => [g.group, s(g.planned), s(g.actual), s(g.variance), pct(g.delivered), g.rag]),
    ).toEqual([
      ["LSCB", "120000", "60500.5", "500.5", "1.0083", "green"],
      ["Youth Offending", "431000", "397000", "-34000", "0.9211", "amber"],
    ]);
    expect(figures(byYear.total)).toEqual(figures(byService.total));
  });

  test("a group with nothing reported has no status; an empty list rolls up to zero", () => {
    const r = rollUp(trackDelivery([rows[0]]), "service");
    expect(figures(r.groups[0])).toEqual({
      group: "LSCB",
      planned: "60000",
      actual: "0",
      plannedReported: "0",
      variance: "0",
      delivered: undefined,
      rag: undefined,
      rows: 1,
      notReported: 1,
      forecast: 0,
    });
    const empty = rollUp(trackDelivery([]), "partner");
    expect(empty.groups).toEqual([]);
    expect([s(empty.total.planned), empty.total.rows, empty.total.rag]).toEqual(["0", 0, undefined]);
  });

  test('blank actuals (undefined, null, "") are not reported, whatever kind is given', () => {
    const lines = trackDelivery(
      [undefined, null, ""].map((actual, i) => ({
        service: "YOS",
        partner: `P${i}`,
        year: "2011/12",
        planned: 100,
        actual,
        actualKind: "forecast" as const,
      })),
    );
    expect(lines.map((l) => [l.actual, l.actualKind, l.variance, l.delivered, l.rag])).toEqual([
      [undefined, undefined, undefined, undefined, undefined],
      [undefined, undefined, undefined, undefined, undefined],
      [undefined, undefined, undefined, undefined, undefined],
    ]);
    // A reported zero is not a blank: nothing of 100 delivered is red.
    expect(trackDelivery([{ service: "YOS", partner: "WCC", year: "2011/12", planned: 100, actual: 0 }])[0].rag).toBe(
      "red",
    );
  });

  test("the thresholds are inclusive: 95% is green, 75% amber, a penny less drops a band", () => {
    expect(DEFAULT_RAG_THRESHOLDS.green.toString()).toBe("0.95");
    expect(DEFAULT_RAG_THRESHOLDS.amber.toString()).toBe("0.75");
    // Of £101,000: 95% = 95,950; 75% = 75,750.
    expect(
      ["95950", "95949.99", "75750", "75749.99", "101000", "150000", "-1"].map((a) => ragStatus(101000, a)),
    ).toEqual([
      "green",
      "amber",
      "amber",
      "red",
      "green",
      "green", // over-delivery stays green
      "red", // a cost instead of a saving
    ]);
  });

  test("thresholds the user sets, one or both", () => {
    // K&C's 90% and H&F's 70% of the Youth Offending rows: green at 90% and amber at 50%.
    const lines = trackDelivery(rows.slice(2, 4), { thresholds: { green: "0.9", amber: 0.5 } });
    expect(lines.map((l) => l.rag)).toEqual(["green", "amber"]);
    // Only green raised to 100%: amber keeps its 75%, so 96% is amber.
    expect(ragStatus(25000, 24000, { green: 1 })).toBe("amber");
    // Amber equal to green: no amber band at all.
    expect(ragStatus(100, 80, { green: 0.8, amber: 0.8 })).toBe("green");
    expect(ragStatus(100, "79.99", { green: 0.8, amber: 0.8 })).toBe("red");
    // Roll-ups use the thresholds they are given: WCC's 98.0% is amber with green at 99%.
    expect(rollUp(trackDelivery(rows), "partner", { thresholds: { green: "0.99" } }).groups[1].rag).toBe("amber");
  });

  test("planned ≤ 0 (nothing promised, or a planned cost): green when the actual is at least the plan, else red", () => {
    // An investment year planned at a net cost of £20,000: spending £25,000 is a £5,000
    // shortfall (red); spending £15,000 is £5,000 better (green). There is no share delivered.
    const lines = trackDelivery([
      { service: "ICT", partner: "WCC", year: "2011/12", planned: -20000, actual: -25000 },
      { service: "ICT", partner: "RBKC", year: "2011/12", planned: -20000, actual: -15000 },
      { service: "ICT", partner: "H&F", year: "2011/12", planned: -20000, actual: -20000 },
      { service: "YOS", partner: "WCC", year: "2011/12", planned: 0, actual: 0 },
      { service: "YOS", partner: "RBKC", year: "2011/12", planned: 0, actual: "0.01" },
    ]);
    expect(lines.map((l) => [s(l.variance), l.delivered, l.rag])).toEqual([
      ["-5000", undefined, "red"],
      ["5000", undefined, "green"],
      ["0", undefined, "green"],
      ["0", undefined, "green"],
      ["0.01", undefined, "green"],
    ]);
    // A group whose reported plan nets to a cost follows the same rule.
    const r = rollUp(lines.slice(0, 2), "service");
    expect([s(r.total.plannedReported), s(r.total.variance), r.total.delivered, r.total.rag]).toEqual([
      "-40000",
      "0",
      undefined,
      "green",
    ]);
  });

  test("errors: planned missing or not a number, actual not a number, bad year, unknown kind, blank names", () => {
    const row = { service: "Youth Offending", partner: "WCC", year: "2011/12", planned: 281000 };
    expectRuleError(
      () => trackDelivery([row, { ...row, year: "2012/13", planned: undefined as unknown as number }]),
      "missing",
      "planned: item 2 (WCC) has no planned saving (RULES.md §7)",
    );
    expectRuleError(
      () => trackDelivery([{ ...row, planned: "" }]),
      "missing",
      "planned: item 1 (WCC) has no planned saving (RULES.md §7)",
    );
    expectRuleError(
      () => trackDelivery([{ ...row, planned: "TBC" }]),
      "not-a-number",
      "planned: item 1 (WCC) is not a number (TBC) (RULES.md §7)",
    );
    expectRuleError(
      () => trackDelivery([row, { ...row, partner: "H&F", actual: "#N/A" }]),
      "not-a-number",
      "actual: item 2 (H&F) is not a number (#N/A) (RULES.md §7)",
    );
    expectRuleError(
      () => trackDelivery([{ ...row, actual: NaN }]),
      "not-a-number",
      "actual: item 1 (WCC) is not a number (NaN) (RULES.md §7)",
    );
    expectRuleError(
      () => trackDelivery([row, row, { ...row, partner: "K&C", year: "2012/14" }]),
      "duplicate-line", // items 1 and 2 are checked first
      "rows: item 2 (WCC) is the same service, partner and year as item 1 (Youth Offending, WCC, 2011/12) (RULES.md §7)",
    );
    expectRuleError(
      () => trackDelivery([{ ...row, partner: "K&C", year: "2012/14" }]),
      "bad-year",
      'year: item 1 (K&C) "2012/14" is not a financial year like 2011/12 (RULES.md §7)',
    );
    expectRuleError(
      () => trackDelivery([{ ...row, actual: 1, actualKind: "estimate" as "forecast" }]),
      "bad-choice",
      'actual kind: item 1 (WCC) must be "achieved" or "forecast" (got "estimate") (RULES.md §7)',
    );
    expectRuleError(
      () => trackDelivery([{ ...row, partner: " " }]),
      "missing",
      "partner: item 1 has no partner named (RULES.md §7)",
    );
    expectRuleError(
      () => trackDelivery([{ ...row, service: "" }]),
      "missing",
      "service: item 1 (WCC) has no service named (RULES.md §7)",
    );
    // The kind is read in any case, as typed in a cell.
    expect(trackDelivery([{ ...row, actual: 1, actualKind: " Forecast " as "forecast" }])[0].actualKind).toBe(
      "forecast",
    );
  });

  test("errors: the same service, partner and year twice names both rows, however the year is written", () => {
    const five: TrackingRow[] = [
      { service: "Youth Offending", partner: "WCC", year: "2011/12", planned: 281000 },
      { service: "Youth Offending", partner: "WCC", year: "2012/13", planned: 0 },
      { service: "Youth Offending", partner: "K&C", year: "2012/13", planned: 0 },
      { service: "LSCB", partner: "WCC", year: "2012/13", planned: 25000 },
      { service: "Youth Offending", partner: "WCC", year: "2012-13", planned: 10 },
    ];
    expectRuleError(
      () => trackDelivery(five),
      "duplicate-line",
      "rows: item 5 (WCC) is the same service, partner and year as item 2 (Youth Offending, WCC, 2012/13) (RULES.md §7)",
    );
    // The same partner and year in another service, or another year, is not a repeat.
    expect(trackDelivery(five.slice(0, 4))).toHaveLength(4);
  });

  test("errors: thresholds out of range or in the wrong order; an unknown roll-up", () => {
    const row = { service: "YOS", partner: "WCC", year: "2011/12", planned: 100, actual: 90 };
    expectRuleError(
      () => trackDelivery([row], { thresholds: { green: 95 } }),
      "bad-rate",
      "RAG thresholds: green must be a fraction from 0 to 1, e.g. 0.95 for 95% (got 95) (RULES.md §7)",
    );
    expectRuleError(
      () => trackDelivery([row], { thresholds: { amber: "75%" } }),
      "bad-rate",
      "RAG thresholds: amber must be a fraction from 0 to 1, e.g. 0.95 for 95% (got 75%) (RULES.md §7)",
    );
    expectRuleError(
      () => ragStatus(100, 90, { green: 0.9, amber: -0.1 }),
      "bad-rate",
      "RAG thresholds: amber must be a fraction from 0 to 1, e.g. 0.95 for 95% (got -0.1) (RULES.md §7)",
    );
    expectRuleError(
      () => trackDelivery([row], { thresholds: { amber: "0.96" } }),
      "bad-rate",
      "RAG thresholds: amber (0.96) must not be above green (0.95) (RULES.md §7)",
    );
    expectRuleError(
      () => rollUp([], "partner", { thresholds: { green: 0.7 } }),
      "bad-rate",
      "RAG thresholds: amber (0.75) must not be above green (0.7) (RULES.md §7)",
    );
    expectRuleError(
      () => rollUp(trackDelivery([row]), "borough" as TrackingDimension),
      "bad-choice",
      'roll up by: must be one of partner, year, service (got "borough") (RULES.md §7)',
    );
    expectRuleError(() => ragStatus("x", 1), "not-a-number", "planned: is not a number (x) (RULES.md §7)");
    expectRuleError(() => ragStatus(1, "n/a"), "not-a-number", "actual: is not a number (n/a) (RULES.md §7)");
  });

  // Rows with distinct service, partner and year; amounts in pence, some not reported.
  const rowArb = fc.record({
    service: fc.constantFrom("Youth Offending", "LSCB", "Fostering"),
    partner: fc.constantFrom("WCC", "RBKC", "H&F"),
    year: fc.integer({ min: 2011, max: 2015 }).map(formatYear),
    planned: fc.integer({ min: -1e8, max: 1e9 }).map((p) => new Decimal(p).dividedBy(100)),
    actual: fc.option(
      fc.integer({ min: -1e8, max: 1e9 }).map((p) => new Decimal(p).dividedBy(100)),
      { nil: undefined },
    ),
    actualKind: fc.constantFrom("achieved" as const, "forecast" as const),
  });
  const rowsArb = fc.uniqueArray(rowArb, { maxLength: 45, selector: (r) => `${r.service}|${r.partner}|${r.year}` });
  const DIMS: TrackingDimension[] = ["partner", "year", "service"];
  const known = (values: (Decimal | undefined)[]): Decimal[] => values.filter((v): v is Decimal => v !== undefined);

  test("property: every roll-up adds up exactly to the lines", () => {
    fc.assert(
      fc.property(rowsArb, (rs) => {
        const lines = trackDelivery(rs);
        const planned = total(lines.map((l) => l.planned));
        const actual = total(known(lines.map((l) => l.actual)));
        const variance = total(known(lines.map((l) => l.variance)));
        for (const by of DIMS) {
          const r = rollUp(lines, by);
          expect(total(r.groups.map((g) => g.planned)).equals(planned)).toBe(true);
          expect(total(r.groups.map((g) => g.actual)).equals(actual)).toBe(true);
          expect(total(r.groups.map((g) => g.variance)).equals(variance)).toBe(true);
          expect(r.total.planned.equals(planned) && r.total.actual.equals(actual)).toBe(true);
          expect(r.total.variance.equals(variance)).toBe(true);
          expect(r.groups.reduce((n, g) => n + g.rows, 0)).toBe(lines.length);
          expect(r.groups.reduce((n, g) => n + g.notReported, 0)).toBe(lines.filter((l) => !l.rag).length);
          expect(r.groups.map((g) => g.group)).toEqual([...new Set(r.groups.map((g) => g.group))]);
        }
      }),
    );
  });

  test("property: row order does not change any roll-up", () => {
    const shuffled = rowsArb.chain((rs) =>
      fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length })),
    );
    const byGroup = (groups: TrackingGroup[]) =>
      Object.fromEntries(groups.map((g) => [g.group, figures(g)] as [string, ReturnType<typeof figures>]));
    fc.assert(
      fc.property(shuffled, ([a, b]) => {
        for (const by of DIMS) {
          const ra = rollUp(trackDelivery(a), by);
          const rb = rollUp(trackDelivery(b), by);
          expect(byGroup(rb.groups)).toEqual(byGroup(ra.groups));
          expect(figures(rb.total)).toEqual(figures(ra.total));
          // Years are always in date order, whatever order the rows came in.
          if (by === "year") expect(rb.groups.map((g) => g.group)).toEqual(ra.groups.map((g) => g.group).sort());
        }
      }),
    );
  });

  test("property: delivering more never gives a worse status", () => {
    const rank: Record<Rag, number> = { red: 0, amber: 1, green: 2 };
    const pence = fc.integer({ min: -1e9, max: 1e9 }).map((p) => new Decimal(p).dividedBy(100));
    const thresholds = fc
      .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
      .map(([x, y]) => ({ amber: Math.min(x, y) / 100, green: Math.max(x, y) / 100 }));
    fc.assert(
      fc.property(pence, pence, pence, thresholds, (planned, x, y, t) => {
        const [less, more] = x.lessThan(y) ? [x, y] : [y, x];
        const lines: TrackingLine[] = trackDelivery(
          [
            { service: "S", partner: "A", year: "2011/12", planned, actual: less },
            { service: "S", partner: "B", year: "2011/12", planned, actual: more },
          ],
          { thresholds: t },
        );
        expect(rank[lines[0].rag as Rag]).toBeLessThanOrEqual(rank[lines[1].rag as Rag]);
        expect(lines[1].rag).toBe(ragStatus(planned, more, t));
      }),
    );
  });
});
