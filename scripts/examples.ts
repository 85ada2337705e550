/**
 * `npm run examples`: the worked examples of the seed council reports, run through the engine and
 * printed as tables a finance officer can check against the reports. `npm run demo` runs the
 * whole workbook round trip on the bundled sample instead.
 */
import {
  Decimal,
  apportion,
  attributeSavings,
  attributeVariance,
  netPresentValue,
  netSavings,
  partYear,
  phase,
  shareTransitionalCost,
  splitDetail,
  toCumulative,
  yearSequence,
} from "../src/engine";

/** £1,234.56 / -£1,234.56, from the exact Decimal (no float on the way). */
function pounds(d: Decimal): string {
  const [whole, pence] = d.abs().toFixed(2).split(".");
  return `${d.isNegative() && !d.isZero() ? "-" : ""}£${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${pence}`;
}
const pct = (d: Decimal | undefined): string => (d === undefined ? "–" : `${d.times(100).toFixed(1)}%`);

function table(title: string, head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(`\n${title}\n${line(head)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  rows.forEach((r) => console.log(line(r)));
}

// 000 §1.11, §5.1: the East London Solutions programme office, £120k in six equal parts.
const boroughs = ["Barking & Dagenham", "Havering", "Newham", "Redbridge", "Tower Hamlets", "Waltham Forest"];
const els = apportion(
  120000,
  boroughs.map((partner) => ({ partner })),
  { kind: "equal" },
);
table(
  "ELS programme office, equal shares (000 §1.11, §5.1)",
  ["Borough", "Share", "Contribution"],
  els.lines.map((l) => [l.partner, pct(l.share), pounds(l.amount)]),
);

// 003 ch. 9(a): Youth Offending Service, original net budgets and the combined £1,650k.
const yos = attributeSavings({
  partners: [
    { partner: "Westminster", baseline: 728000, drivers: { revised: 447000 } },
    { partner: "Kensington & Chelsea", baseline: 676000, drivers: { revised: 596000 } },
    { partner: "Hammersmith & Fulham", baseline: 677000, drivers: { revised: 607000 } },
  ],
  basis: { kind: "driver", driver: "revised" },
  combinedCost: 1650000,
});
table(
  "Youth Offending Service: saving = baseline − share of combined cost (003 ch. 9(a), RULES §5)",
  ["Borough", "Baseline", "Combined cost share", "Saving", "Saving %"],
  [
    ...yos.lines.map((l) => [l.partner, pounds(l.baseline), pounds(l.costShare), pounds(l.saving), pct(l.savingRate)]),
    [
      "Total",
      pounds(yos.totals.baseline),
      pounds(yos.totals.combinedCost),
      pounds(yos.totals.saving),
      pct(yos.totals.savingRate),
    ],
  ],
);

// RULES §4: a one-off cost of change shared by each borough's net reduction in spending.
const transition = shareTransitionalCost({
  cost: 100000,
  partners: yos.lines.map((l) => ({ partner: l.partner, baseline: l.baseline, newCost: l.costShare })),
});
table(
  "A £100,000 transitional cost, shared by net reduction in spending (RULES §4)",
  ["Borough", "Net reduction", "Share of cost", "Leftover penny"],
  transition.lines.map((l) => [l.partner, pounds(l.reduction), pounds(l.total), l.roundedUp ? "yes" : ""]),
);

// RULES §3: a host's indirect-cost overspend under "host bears".
const variance = attributeVariance({
  amount: 10000,
  cause: "indirect",
  responsible: "Westminster",
  expected: yos.lines.map((l) => ({ partner: l.partner, expected: l.costShare })),
});
table(
  `A £10,000 overspend on the host's accommodation: ${variance.rule} (RULES §3)`,
  ["Borough", "This year", "Next year's call", "In the end"],
  variance.lines.map((l) => [l.partner, pounds(l.inYear), pounds(l.nextYear), pounds(l.total)]),
);

// RULES §6: adult social care overheads, 50% of £17,786k phased 10% / 45% / 45% (003 ch. 9(b)).
const asc = phase(8893000, ["0.1", "0.45", "0.45"], "2011/12");
const ascInForce = toCumulative(asc);
table(
  "Adult social care overheads: £8,893,000 phased 10% / 45% / 45% (003 ch. 9(b) §8.1, RULES §6)",
  ["Year", "New saving (MTFS line)", "Saving in force"],
  asc.map((y, i) => [y.year, pounds(y.amount), pounds(ascInForce[i].amount)]),
);

// RULES §6: part-year effect, the joint LSCB from September 2011 (003 ch. 9).
const lscb = partYear(173000, 9, "2011/12", 2, { view: "cumulative" });
table(
  "Local Safeguarding Children Board: £173,000 a year from September 2011 (003 ch. 9, RULES §6)",
  ["Year", "Saving", "Report"],
  lscb.map((y, i) => [y.year, pounds(y.amount), ["£101,000", "£173,000"][i]]),
);

// RULES §6: ICT gross savings, investment and net, £000s (003 ch. 9(d) §6).
const ictYears = yearSequence("2011/12", 5);
const ict = netSavings(
  ictYears.map((year, i) => ({ year, amount: [0, 2700, 5300, 8660, 9860][i] })),
  ictYears.map((year, i) => ({ year, amount: [600, 2000, 2000, 0, 0][i] })),
);
const ictNpv = netPresentValue(ict.years.map((y) => ({ year: y.year, amount: y.net })));
table(
  `ICT (£000s): break-even ${ict.breakEven?.year}, payback ${ict.payback?.toFixed(2)} years, ` +
    `NPV at 3.5% ${ictNpv.npv.toFixed(2)} (003 ch. 9(d) §6, RULES §6)`,
  ["Year", "Gross", "Investment", "Net", "Cumulative net", "Present value"],
  ict.years.map((y, i) => [
    y.year,
    y.gross.toString(),
    y.investment.toString(),
    y.net.toString(),
    y.cumulativeNet.toString(),
    ictNpv.years[i].presentValue.toFixed(2),
  ]),
);

// RULES §1: the hand-built ROUND formula against the exact split.
const naive = [1, 1, 1].map(() => Math.round((100 / 3) * 100) / 100);
const exact = splitDetail(100, [1, 1, 1]);
table(
  "£100 between three partners (RULES §1)",
  ["Method", "Parts", "Sum"],
  [
    [
      "ROUND(100/3, 2) in each cell",
      naive.map((n) => n.toFixed(2)).join(" / "),
      naive.reduce((a, b) => a + b, 0).toFixed(2),
    ],
    [
      "Engine (largest remainder)",
      exact.parts.map((p) => p.toFixed(2)).join(" / "),
      exact.parts.reduce((a, b) => a.plus(b)).toFixed(2),
    ],
  ],
);
