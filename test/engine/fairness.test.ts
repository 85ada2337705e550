import fc from "fast-check";
import { Decimal } from "../../src/engine/money";
import { PartnerData } from "../../src/engine/bases";
import { SavingsLine, attributeSavings } from "../../src/engine/savings";
import { FairnessService, fairnessInTheRound } from "../../src/engine/fairness";
import { expectRuleError, pounds } from "./helpers";

const WCC = "Westminster";
const RBKC = "Kensington & Chelsea";
const HF = "Hammersmith & Fulham";

/** A service as attributeSavings gives it: its lines go to fairnessInTheRound as they are. */
type Attributed = { service: string; lines: SavingsLine[] };

// Youth Offending Service (003 ch. 9(a)): £1,650k combined, apportioned as the revised budgets.
// Savings 281k / 80k / 70k of 728k / 676k / 677k: rates 38.6%, 11.8%, 10.3%. H&F lowest.
const youthOffending = (): Attributed => ({
  service: "Youth Offending",
  lines: attributeSavings({
    partners: [
      { partner: WCC, baseline: 728000, drivers: { revised: 447 } },
      { partner: RBKC, baseline: 676000, drivers: { revised: 596 } },
      { partner: HF, baseline: 677000, drivers: { revised: 607 } },
    ],
    basis: { kind: "driver", driver: "revised" },
    combinedCost: 1650000,
  }).lines,
});

// LSCB (003 ch. 9): net 56,000 / 87,000 / 128,000, the merged board £98,000, shared equally:
// 32,666.67 / 32,666.67 / 32,666.66 (the two leftover pennies to the earlier items), so savings
// 23,333.33 (41.7%) / 54,333.33 (62.5%) / 95,333.34 (74.5%). K&C lowest.
const lscb = (): Attributed => ({
  service: "LSCB",
  lines: attributeSavings({
    partners: [
      { partner: RBKC, baseline: 56000 },
      { partner: WCC, baseline: 87000 },
      { partner: HF, baseline: 128000 },
    ],
    basis: { kind: "equal" },
    combinedCost: 98000,
  }).lines,
});

// Fostering (003 ch. 9): net 596k / 772k / 902k with 14 / 17.5 / 17.8 FTE; combined staff costs
// £2,000k (a £270k saving), shared here by FTE.
const fostering = (basis: "fte" | "budget"): Attributed => {
  const partners: PartnerData[] = [
    { partner: RBKC, baseline: 596000, fte: 14 },
    { partner: WCC, baseline: 772000, fte: 17.5 },
    { partner: HF, baseline: 902000, fte: 17.8 },
  ];
  return {
    service: basis === "fte" ? "Fostering" : "Fostering (budget)",
    lines: attributeSavings({ partners, basis: { kind: basis }, combinedCost: 2000000 }).lines,
  };
};

// Adult social care overheads (003 ch. 9(b) §7, table I, 2010/11 net budgets and FTE) combined at
// the 50% overheads target (003 ch. 5), shared by FTE.
const overhead = (service: string, budgets: number[], fte: number[]): Attributed => {
  const names = [WCC, RBKC, HF];
  const partners = names.map((partner, i) => ({ partner, baseline: budgets[i], fte: fte[i] }));
  const combinedCost = new Decimal(budgets.reduce((a, b) => a + b)).dividedBy(2);
  return { service, lines: attributeSavings({ partners, basis: { kind: "fte" }, combinedCost }).lines };
};
// 768,000 → 384,000 by 4 / 8 / 11 FTE: 66,782.61 / 133,565.22 / 183,652.17, savings 133,217.39
// (66.6%) / 206,434.78 (60.7%) / 44,347.83 (19.5%). H&F lowest.
const policy = (): Attributed => overhead("Policy & Performance", [200000, 340000, 228000], [4, 8, 11]);
// 1,336,000 → 668,000 by 4 / 8 / 15 FTE: 98,962.96 / 197,925.93 / 371,111.11, savings 176,037.04
// (64.0%) / 221,074.07 (52.8%) / 270,888.89 (42.2%). H&F lowest.
const projects = (): Attributed => overhead("Project Management", [275000, 419000, 642000], [4, 8, 15]);

describe("fairness in the round (RULES §5)", () => {
  test("the worked services: savings as attributed, and who gains least in each", () => {
    expect(pounds(lscb().lines.map((l) => l.saving))).toEqual(["23333.33", "54333.33", "95333.34"]);
    expect(pounds(fostering("fte").lines.map((l) => l.saving))).toEqual(["28048.68", "62060.85", "179890.47"]);
    expect(pounds(policy().lines.map((l) => l.saving))).toEqual(["133217.39", "206434.78", "44347.83"]);
    expect(pounds(projects().lines.map((l) => l.saving))).toEqual(["176037.04", "221074.07", "270888.89"]);
    const r = fairnessInTheRound([youthOffending(), lscb(), fostering("fte"), policy(), projects()]);
    expect(r.services.map((s) => [s.service, s.compared, s.lowest])).toEqual([
      ["Youth Offending", true, [HF]],
      ["LSCB", true, [RBKC]],
      ["Fostering", true, [RBKC]], // 28,048.68 / 596,000 = 4.7%
      ["Policy & Performance", true, [HF]],
      ["Project Management", true, [HF]],
    ]);
    expect(r.services[0].rates.map((x) => x.rate!.toDecimalPlaces(4).toString())).toEqual([
      "0.386",
      "0.1183",
      "0.1034",
    ]);
  });

  test("a borough lowest in 3 of 4 services is flagged, with a warning naming them", () => {
    const r = fairnessInTheRound([youthOffending(), lscb(), policy(), projects()]);
    expect(r.partners.map((p) => [p.partner, p.services.length, p.lowestIn, p.flagged])).toEqual([
      [WCC, 4, [], false],
      [RBKC, 4, ["LSCB"], false],
      [HF, 4, ["Youth Offending", "Policy & Performance", "Project Management"], true],
    ]);
    expect(r.flagged).toEqual([HF]);
    expect(r.warnings).toEqual([
      "Hammersmith & Fulham has the smallest saving relative to its baseline in 3 of 4 services " +
        "(Youth Offending, Policy & Performance, Project Management) (RULES.md §5)",
    ]);
    expect(r.partners[2].warning).toBe(r.warnings[0]);
    expect(r.partners[0].warning).toBeUndefined();
  });

  test("lowest in 2 of 4 is not 'most': no one is flagged, unless the majority is lowered", () => {
    const services = [youthOffending(), lscb(), fostering("fte"), projects()];
    const r = fairnessInTheRound(services);
    expect(r.partners.map((p) => [p.partner, p.lowestIn.length, p.services.length])).toEqual([
      [WCC, 0, 4],
      [RBKC, 2, 4],
      [HF, 2, 4],
    ]);
    expect(r.flagged).toEqual([]);
    expect(r.warnings).toEqual([]);
    // 2 > 0.4 × 4 = 1.6: both flagged. Partners are listed in the order first seen (YOS first).
    expect(fairnessInTheRound(services, { majority: "0.4" }).flagged).toEqual([RBKC, HF]);
    // A majority of 1 can never be exceeded.
    expect(fairnessInTheRound([youthOffending(), policy(), projects()], { majority: 1 }).flagged).toEqual([]);
  });

  test("split on stand-alone budgets, every rate is equal but for a penny: no one is lowest", () => {
    // £2,000,000 × 596 / 772 / 902 of 2,270 = 525,110.13 / 680,176.21 / 794,713.66 (H&F's the largest
    // remainder, so it takes the leftover penny). Savings 70,889.87 / 91,823.79 / 107,286.34, all
    // 270/2,270 = 11.894273% of baseline to within a penny.
    const budget = fostering("budget");
    expect(pounds(budget.lines.map((l) => l.saving))).toEqual(["70889.87", "91823.79", "107286.34"]);
    expect(fairnessInTheRound([budget]).services[0]).toMatchObject({ compared: true, lowest: [] });
    // Compared exactly, the penny would single H&F out: 107,286.34 / 902,000 = 0.1189427272…
    // against 0.1189427349… and 0.1189427331….
    expect(fairnessInTheRound([budget], { tolerance: 0 }).services[0].lowest).toEqual([HF]);
    // Three such services in a row would then flag H&F for three pennies.
    const three = ["A", "B", "C"].map((name) => ({ ...budget, service: name }));
    expect(fairnessInTheRound(three, { tolerance: 0 }).flagged).toEqual([HF]);
    expect(fairnessInTheRound(three).flagged).toEqual([]);
  });

  test("ties: every tied partner is lowest; all tied, no one is", () => {
    const line = (partner: string, baseline: number, saving: number) => ({ partner, baseline, saving });
    const r = fairnessInTheRound(
      [
        // 10% / 10% / 20%: A and B tie lowest.
        { service: "S1", lines: [line("A", 1000, 100), line("B", 2000, 200), line("C", 1000, 200)] },
        // 5% everywhere: no one singled out.
        { service: "S2", lines: [line("A", 1000, 50), line("B", 3000, 150), line("C", 500, 25)] },
        // Within the tolerance of 0.01 percentage point: 10% and 10.01% tie; 10.02% does not.
        { service: "S3", lines: [line("A", 100000, 10000), line("B", 100000, 10010), line("C", 100000, 10020)] },
      ],
      { majority: 0 },
    );
    expect(r.services.map((s) => s.lowest)).toEqual([["A", "B"], [], ["A", "B"]]);
    expect(r.partners.map((p) => [p.partner, p.lowestIn, p.flagged])).toEqual([
      ["A", ["S1", "S3"], true],
      ["B", ["S1", "S3"], true],
      ["C", [], false],
    ]);
    expect(
      fairnessInTheRound([{ service: "S3", lines: [line("A", 100000, 10000), line("B", 100000, 10010)] }], {
        tolerance: "0.00009",
      }).services[0].lowest,
    ).toEqual(["A"]);
  });

  test("a zero baseline is left out; a service with one partner to compare is not compared", () => {
    const r = fairnessInTheRound([
      // Z has no stand-alone budget for this service: no rate, not counted as taking part.
      {
        service: "S1",
        lines: [
          { partner: "Z", baseline: 0, saving: -100 },
          { partner: "A", baseline: 1000, saving: 50 },
          { partner: "B", baseline: 1000, saving: 80 },
        ],
      },
      {
        service: "S2",
        lines: [
          { partner: "A", baseline: 1000, saving: 10 },
          { partner: "Z", baseline: "0", saving: 0 },
        ],
      },
      {
        service: "S3",
        lines: [
          { partner: "A", baseline: 500, saving: 5 },
          { partner: "B", baseline: 500, saving: 100 },
        ],
      },
    ]);
    expect(r.services.map((s) => [s.compared, s.lowest, s.rates.map((x) => x.rate?.toString())])).toEqual([
      [true, ["A"], [undefined, "0.05", "0.08"]],
      [false, [], ["0.01", undefined]],
      [true, ["A"], ["0.01", "0.2"]],
    ]);
    expect(r.partners.map((p) => [p.partner, p.services, p.lowestIn, p.flagged])).toEqual([
      ["Z", [], [], false],
      ["A", ["S1", "S3"], ["S1", "S3"], true], // 2 of 2
      ["B", ["S1", "S3"], [], false],
    ]);
  });

  test("one service alone is not 'persistently', whatever the majority", () => {
    const r = fairnessInTheRound([youthOffending()], { majority: 0 });
    expect(r.services[0].lowest).toEqual([HF]);
    expect(r.flagged).toEqual([]);
    // A partner in two of the services, lowest in both, is flagged even though others take part in more.
    const two = fairnessInTheRound([
      {
        service: "S1",
        lines: [
          { partner: "A", baseline: 10, saving: 1 },
          { partner: "B", baseline: 10, saving: 2 },
        ],
      },
      {
        service: "S2",
        lines: [
          { partner: "B", baseline: 10, saving: 1 },
          { partner: "C", baseline: 10, saving: 2 },
        ],
      },
      {
        service: "S3",
        lines: [
          { partner: "A", baseline: 10, saving: 0 },
          { partner: "C", baseline: 10, saving: 2 },
        ],
      },
      {
        service: "S4",
        lines: [
          { partner: "B", baseline: 10, saving: 3 },
          { partner: "C", baseline: 10, saving: 2 },
        ],
      },
    ]);
    expect(two.partners.map((p) => `${p.partner} ${p.lowestIn.length}/${p.services.length}`)).toEqual([
      "A 2/2",
      "B 1/3",
      "C 1/3",
    ]);
    expect(two.warnings).toEqual([
      "A has the smallest saving relative to its baseline in 2 of 2 services (S1, S3) (RULES.md §5)",
    ]);
  });

  test("errors: baseline or saving not a number or missing, a partner twice, a service twice, a bad majority", () => {
    const yos = youthOffending();
    const bad = (i: number, change: object): FairnessService[] => [
      { ...yos, lines: yos.lines.map((l, j) => (j === i ? { ...l, ...change } : l)) },
    ];
    expectRuleError(
      () => fairnessInTheRound(bad(1, { baseline: "n/a" })),
      "not-a-number",
      "Youth Offending: baseline: item 2 (Kensington & Chelsea) is not a number (n/a) (RULES.md §5)",
    );
    expectRuleError(
      () => fairnessInTheRound(bad(2, { saving: "#DIV/0!" })),
      "not-a-number",
      "Youth Offending: saving: item 3 (Hammersmith & Fulham) is not a number (#DIV/0!) (RULES.md §5)",
    );
    expectRuleError(
      () => fairnessInTheRound([lscb(), ...bad(0, { saving: undefined })]),
      "missing",
      "Youth Offending: saving: item 1 (Westminster) has no value (RULES.md §5)",
    );
    expectRuleError(
      () => fairnessInTheRound(bad(2, { partner: WCC })),
      "duplicate-partner",
      "Youth Offending: partners: item 3 (Westminster) is listed more than once (RULES.md §5)",
    );
    expectRuleError(
      () => fairnessInTheRound([lscb(), yos, lscb()]),
      "duplicate-line",
      "services: item 3 repeats item 1 (LSCB): give each service once (RULES.md §5)",
    );
    for (const majority of [1.5, -0.1, "most"]) {
      expectRuleError(
        () => fairnessInTheRound([yos], { majority }),
        "bad-rate",
        `majority: must be a fraction from 0 to 1, e.g. 0.5 for "in most services" (got ${majority}) (RULES.md §5)`,
      );
    }
    expectRuleError(
      () => fairnessInTheRound([yos], { tolerance: 2 }),
      "bad-rate",
      "tolerance: must be a fraction from 0 to 1, e.g. 0.0001 for 0.01% (got 2) (RULES.md §5)",
    );
  });

  // Services with distinct names, each with distinct partners from a pool of five; some zero
  // baselines, savings that may be negative, and many exact ties (small integers).
  const servicesArb = fc.uniqueArray(
    fc.record({
      service: fc.constantFrom("S1", "S2", "S3", "S4", "S5", "S6", "S7"),
      lines: fc.uniqueArray(
        fc.record({
          partner: fc.constantFrom("A", "B", "C", "D", "E"),
          baseline: fc.integer({ min: 0, max: 20 }),
          saving: fc.integer({ min: -5, max: 20 }),
        }),
        { selector: (l) => l.partner, maxLength: 5 },
      ),
    }),
    { selector: (s) => s.service, maxLength: 7 },
  );
  const summary = (services: FairnessService[], majority: number, tolerance?: number) => {
    const r = fairnessInTheRound(services, { majority, tolerance });
    return {
      flagged: [...r.flagged].sort(),
      partners: Object.fromEntries(
        r.partners.map((p) => [p.partner, [[...p.services].sort(), [...p.lowestIn].sort(), p.flagged]]),
      ),
      lowest: Object.fromEntries(r.services.map((s) => [s.service, [...s.lowest].sort()])),
    };
  };

  test("property: the order of services and of partners does not change who is flagged", () => {
    const permuted = servicesArb.chain((services) =>
      fc.tuple(
        fc.constant(services),
        fc
          .shuffledSubarray(services, { minLength: services.length, maxLength: services.length })
          .chain((order) =>
            fc.tuple(
              ...order.map((s) =>
                fc
                  .shuffledSubarray([...s.lines], { minLength: s.lines.length, maxLength: s.lines.length })
                  .map((lines) => ({ service: s.service, lines })),
              ),
            ),
          ),
        fc.integer({ min: 0, max: 10 }),
      ),
    );
    fc.assert(
      fc.property(permuted, ([a, b, m]) => {
        expect(summary(b, m / 10)).toEqual(summary(a, m / 10));
        expect(summary(b, m / 10, 0)).toEqual(summary(a, m / 10, 0));
      }),
    );
  });

  test("property: compared exactly, the lowest are those at the smallest rate, and flags follow the majority", () => {
    fc.assert(
      fc.property(servicesArb, fc.integer({ min: 0, max: 10 }), (services, m) => {
        const majority = m / 10;
        const r = fairnessInTheRound(services, { majority, tolerance: 0 });
        services.forEach((s, i) => {
          const rated = s.lines.filter((l) => l.baseline > 0);
          const rates = rated.map((l) => new Decimal(l.saving).dividedBy(l.baseline));
          const least = Decimal.min(...(rates.length ? rates : [0]));
          const atLeast = rated.filter((_, j) => rates[j].equals(least)).map((l) => l.partner);
          const expected = rated.length < 2 || atLeast.length === rated.length ? [] : atLeast;
          expect(r.services[i].compared).toBe(rated.length >= 2);
          expect(r.services[i].lowest).toEqual(expected);
        });
        for (const p of r.partners) {
          const n = p.services.length;
          expect(p.flagged).toBe(n >= 2 && p.lowestIn.length > majority * n);
          expect(r.flagged.includes(p.partner)).toBe(p.flagged);
        }
      }),
    );
  });
});
