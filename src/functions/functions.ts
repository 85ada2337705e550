/**
 * Excel custom functions in the SHARED namespace: thin adapters over src/engine. Each describes
 * its arguments once (below the imports); the runner (runner.ts) reads them from the cells Excel
 * passes to Decimal (cells.ts, arguments.ts), the function calls the engine's rule, and the runner
 * gives the results back in the shape of the input range (a row in, a row out; a column in, a
 * column out) and any error as Excel shows it.
 *
 * The JSDoc on each function generates dist/functions.json at build time
 * (custom-functions-metadata-plugin), which also appends the CustomFunctions.associate calls.
 * Functions are pure: they read their arguments and return values, and never write to the workbook.
 *
 * Every function asks Excel for its arguments' addresses (@requiresParameterAddresses), so an
 * error can name the cell: "weights: item 3 (Budget!D4) is negative (-5) (RULES.md §2)".
 *
 * Optional range arguments are typed as ranges, not `| null`: the metadata generator reads the
 * TypeScript type to decide that an argument takes a range, and `[name]` in the JSDoc makes it
 * optional. Excel passes null for an optional argument left out, which the code checks for.
 */
import {
  Decimal,
  RuleError,
  ZERO,
  apportion as apportionOnBasis,
  attributeVariance,
  basisName,
  basisWeights,
  breakEven as firstBreakEvenYear,
  inView,
  partYear as partYearProfile,
  phase,
  shareTransitionalCost,
  shares as proportions,
  excelNumbers,
  splitDetail,
  sum,
} from "../engine";
import {
  amount as amountArg,
  asPassed,
  choice,
  decimals as decimalsArg,
  optional,
  pairedWith,
  partnerNames,
  range,
  spread,
  weighted,
  whole,
} from "./arguments";
import { Cell, cellsOf, describe, isBlank, isOmitted, readCell, readWhole } from "./cells";
import { apportionWhole } from "./whole";
import { notAvailable } from "./excel-errors";
import { Argument, sharedFunction } from "./runner";

/** Financial years are not part of these functions' results; the engine's profiles need a label to start from. */
const FIRST_YEAR = "2000/01";
const VIEWS = ["incremental", "cumulative"] as const;
const CAUSES = ["demand", "quality", "direct", "specification", "indirect-host", "indirect-shared"] as const;
const WHEN = ["in-year", "next-year", "total"] as const;

// ---- Each function's arguments, in the order Excel passes them (its JSDoc's @param order) -----
// Named as in the function's help, so messages name them; read when the function first uses them.

const APPORTION = sharedFunction(
  "APPORTION",
  { amount: amountArg(), weights: weighted(), quality: asPassed, include: asPassed, decimals: decimalsArg },
  "weights",
);
const SHARES = sharedFunction("SHARES", { weights: weighted(), quality: asPassed, include: asPassed }, "weights");
const EQUAL = sharedFunction(
  "EQUAL",
  { amount: amountArg(), partners: (p) => readPartners(p.value, p.address), decimals: decimalsArg },
  "partners",
);
const TRANSITION = sharedFunction(
  "TRANSITION",
  {
    cost: amountArg("§4"),
    baselines: range({ rule: "§4" }),
    new_costs: pairedWith("baselines", { rule: "§4" }),
    decimals: decimalsArg,
  },
  "baselines",
);
const VARIANCE = sharedFunction(
  "VARIANCE",
  {
    variance: amountArg("§3"),
    expected_costs: range({ rule: "§3" }),
    cause: choice(CAUSES, "§3"),
    responsible: asPassed, // read only for the causes that have a responsible partner
    year: choice(WHEN, "§3"),
    decimals: decimalsArg,
  },
  "expected_costs",
);
const PROFILE = sharedFunction(
  "PROFILE",
  {
    amount: amountArg("§6"),
    phasing: range({ rule: "§6", nonNegative: true, blank: { value: ZERO } }),
    view: choice(VIEWS, "§6"),
    decimals: decimalsArg,
  },
  "phasing",
);
const PARTYEAR = sharedFunction(
  "PARTYEAR",
  {
    amount: amountArg("§6"),
    start_month: ((p) => readMonth(p.value, p.address)) as Argument<number>,
    years: whole(1, 100, "§6"),
    view: choice(VIEWS, "§6"),
    decimals: decimalsArg,
  },
  "row",
);
const BREAKEVEN = sharedFunction("BREAKEVEN", {
  net: range({ rule: "§6" }),
  years: optional(pairedWith("net", { rule: "§6" })),
});

/**
 * Splits an amount between partners by weight (× quality factor), to the penny; the parts always add up to the amount.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#apportion
 * @param amount The amount to split, e.g. a service's combined cost. A blank cell is £0.
 * @param weights One weight per partner (demand, FTE, budget, population…), in a row or a column. Not negative.
 * @param [quality] Optional quality factor per partner, same shape as weights; a blank factor is 1 (the standard service level).
 * @param [include] Optional TRUE/FALSE per partner, same shape as weights; a partner with FALSE gets 0.
 * @param [decimals] Optional decimal places of the parts: 2 (pence) unless given, 0 for whole pounds.
 * @param invocation Invocation.
 * @returns Each partner's part, in the shape of weights.
 * @requiresParameterAddresses
 */
export function apportion(
  amount: unknown,
  weights: unknown[][],
  quality: unknown[][],
  include: unknown[][],
  decimals: unknown,
  invocation: CustomFunctions.Invocation,
): number[][] {
  // Plain numbers: read straight into whole units and split on integers, the same parts (whole.ts).
  const plain = apportionWhole(amount, weights, quality, include, decimals);
  if (plain) return plain;
  return APPORTION.parts([amount, weights, quality, include, decimals], invocation, (a) => {
    const total = a.amount;
    const places = a.decimals;
    const w = a.weights;
    // The engine's split alone, as apportion() does it, without the shares to 10 places it would also work out.
    const basis = { kind: "demand" } as const;
    const [by, field] =
      w.quality === undefined
        ? [w.weights, "weights"]
        : [basisWeights(basis, demand(w.names, w.weights, w.quality)), basisName(basis)];
    return spread(w, excelNumbers(splitDetail(total, by, { decimals: places, field, labels: w.names })), 0);
  });
}

/**
 * Each partner's share of the total weight (× quality factor), to 10 decimal places; the shares add up to exactly 1.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#shares
 * @param weights One weight per partner, in a row or a column. Not negative.
 * @param [quality] Optional quality factor per partner, same shape as weights; a blank factor is 1.
 * @param [include] Optional TRUE/FALSE per partner, same shape as weights; a partner with FALSE gets 0.
 * @param invocation Invocation.
 * @returns Each partner's share as a fraction (format the cells as %), in the shape of weights.
 * @requiresParameterAddresses
 */
export function shares(
  weights: unknown[][],
  quality: unknown[][],
  include: unknown[][],
  invocation: CustomFunctions.Invocation,
): number[][] {
  return SHARES.parts([weights, quality, include], invocation, (a) => {
    const w = a.weights;
    const by =
      w.quality === undefined ? w.weights : basisWeights({ kind: "demand" }, demand(w.names, w.weights, w.quality));
    return spread(w, proportions(by, { field: "weights", labels: w.names }), ZERO);
  });
}

/**
 * Splits an amount into equal parts to the penny, e.g. a programme office's running costs; the parts add up to the amount.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#equal
 * @param amount The amount to split. A blank cell is £0.
 * @param partners How many partners (a number, giving a row of parts), or a range of their names (parts in the same shape).
 * @param [decimals] Optional decimal places of the parts: 2 (pence) unless given.
 * @param invocation Invocation.
 * @returns Each partner's equal part.
 * @requiresParameterAddresses
 */
export function equal(
  amount: unknown,
  partners: unknown[][],
  decimals: unknown,
  invocation: CustomFunctions.Invocation,
): number[][] {
  return EQUAL.parts([amount, partners, decimals], invocation, (a) => {
    const total = a.amount;
    const places = a.decimals;
    return apportionOnBasis(
      total,
      a.partners.names.map((partner) => ({ partner })),
      { kind: "equal" },
      { decimals: places },
    ).lines.map((l) => l.amount);
  });
}

/**
 * Shares a one-off transitional cost (redundancy, set-up, moves) in proportion to each partner's net reduction in spending.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#transition
 * @param cost The one-off cost on the terms all partners agreed. A blank cell is £0.
 * @param baselines Each partner's stand-alone budget for the service, in a row or a column.
 * @param new_costs Each partner's share of the combined service's new ongoing cost, same shape as baselines.
 * @param [decimals] Optional decimal places of the parts: 2 (pence) unless given.
 * @param invocation Invocation.
 * @returns Each partner's part of the cost (0 where its spending does not fall), in the shape of baselines.
 * @requiresParameterAddresses
 */
export function transition(
  cost: unknown,
  baselines: unknown[][],
  new_costs: unknown[][],
  decimals: unknown,
  invocation: CustomFunctions.Invocation,
): number[][] {
  return TRANSITION.parts([cost, baselines, new_costs, decimals], invocation, (a) => {
    const total = a.cost;
    const places = a.decimals;
    const base = a.baselines;
    const next = a.new_costs;
    const names = partnerNames(base);
    const b = base.numbers();
    const n = next.numbers();
    const result = shareTransitionalCost(
      { cost: total, partners: names.map((partner, i) => ({ partner, baseline: b[i], newCost: n[i] })) },
      { decimals: places },
    );
    return result.lines.map((l) => l.total);
  });
}

/**
 * Who bears an in-year variance from budget, by its cause (overspends positive, underspends negative).
 * @customfunction
 * @helpurl https://localhost:3000/help.html#variance
 * @param variance The variance: an overspend positive, an underspend negative. A blank cell is £0.
 * @param expected_costs Each partner's expected (budgeted) cost of the service, in a row or a column.
 * @param cause "demand", "quality", "direct", "specification", "indirect-host" or "indirect-shared".
 * @param [responsible] For "specification": the position (1, 2, 3…) of the partner that changed its specification; for "indirect-host": of the host. Not needed for the other causes.
 * @param [year] Optional: "in-year" (default), "next-year" (adjustments to next year's calls, under indirect-host) or "total".
 * @param [decimals] Optional decimal places of the parts: 2 (pence) unless given.
 * @param invocation Invocation.
 * @returns Each partner's part of the variance, in the shape of expected_costs.
 * @requiresParameterAddresses
 */
export function variance(
  variance: unknown,
  expected_costs: unknown[][],
  cause: unknown,
  responsible: unknown,
  year: unknown,
  decimals: unknown,
  invocation: CustomFunctions.Invocation,
): number[][] {
  return VARIANCE.parts([variance, expected_costs, cause, responsible, year, decimals], invocation, (a) => {
    const amount = a.variance;
    const places = a.decimals;
    const expected = a.expected_costs;
    const names = partnerNames(expected);
    const costs = expected.numbers();
    const why = a.cause;
    if (why === undefined)
      throw new RuleError("missing", { field: "cause" }, `is blank; give one of ${CAUSES.join(", ")}`, "§3");
    const when = a.year ?? "in-year";
    // Only a specification change or a host's indirect cost has a responsible partner.
    let who: string | undefined;
    if (why === "specification" || why === "indirect-host") {
      if (isOmitted(responsible) || isBlank(responsible)) {
        const whose = why === "specification" ? "the partner that changed its specification" : "the host partner";
        throw new RuleError(
          "missing",
          { field: "responsible" },
          `is blank; give the position (1 to ${names.length}) of ${whose} in expected_costs`,
          "§3",
        );
      }
      who = names[readWhole(responsible, "responsible", 1, names.length, "§3") - 1];
    }
    const result = attributeVariance(
      {
        amount,
        cause: why.startsWith("indirect") ? "indirect" : (why as "demand" | "quality" | "direct" | "specification"),
        policy: why === "indirect-shared" ? "share-now" : "host-bears",
        expected: names.map((partner, i) => ({ partner, expected: costs[i] })),
        responsible: who,
      },
      { decimals: places },
    );
    const pick = when === "in-year" ? "inYear" : when === "next-year" ? "nextYear" : "total";
    return result.lines.map((l) => l[pick]);
  });
}

/**
 * A saving phased over years by percentages that add up to 100%, each year to the penny; the years add up to the saving.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#profile
 * @param amount The saving (or cost) to phase. A blank cell is £0.
 * @param phasing The percentage arriving in each year (10%, 45%, 45%), in a row or a column; they must add up to 100%. A blank year is 0%.
 * @param [view] Optional: "incremental" (default: the new saving each year, the MTFS line) or "cumulative" (the saving in force).
 * @param [decimals] Optional decimal places: 2 (pence) unless given.
 * @param invocation Invocation.
 * @returns The amount for each year, in the shape of phasing.
 * @requiresParameterAddresses
 */
export function profile(
  amount: unknown,
  phasing: unknown[][],
  view: unknown,
  decimals: unknown,
  invocation: CustomFunctions.Invocation,
): number[][] {
  return PROFILE.parts([amount, phasing, view, decimals], invocation, (a) => {
    const total = a.amount;
    const places = a.decimals;
    const fractions = a.phasing.numbers();
    if (sum(fractions).equals(100)) {
      // 10, 45, 45 typed as plain numbers: Excel holds 10% as 0.1, and so does the engine.
      throw new RuleError(
        "bad-phasing",
        { field: "phasing" },
        "adds up to 100, not 100%: enter each year as a percentage (10%) or a fraction (0.1), not a whole number (10)",
        "§6",
      );
    }
    const years = phase(total, fractions, FIRST_YEAR, { decimals: places });
    return inView(years, a.view ?? "incremental").map((y) => y.amount);
  });
}

/**
 * The part-year effect of a saving that starts part-way through a financial year (April–March): months remaining / 12 in the first year, the full amount after.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#partyear
 * @param amount The full-year saving. A blank cell is £0.
 * @param start_month The month the saving starts: 1 (January) to 12 (December), or a date.
 * @param years How many financial years to show, from the first: 1 to 100.
 * @param [view] Optional: "incremental" (default: new saving each year) or "cumulative" (the saving in each year).
 * @param [decimals] Optional decimal places: 2 (pence) unless given.
 * @param invocation Invocation.
 * @returns A row with the amount for each year.
 * @requiresParameterAddresses
 */
export function partyear(
  amount: unknown,
  start_month: unknown,
  years: unknown,
  view: unknown,
  decimals: unknown,
  invocation: CustomFunctions.Invocation,
): number[][] {
  return PARTYEAR.parts([amount, start_month, years, view, decimals], invocation, (a) => {
    const annual = a.amount;
    const month = a.start_month;
    const count = a.years;
    const chosen = a.view ?? "incremental";
    const places = a.decimals;
    return partYearProfile(annual, month, FIRST_YEAR, count, { view: chosen, decimals: places }).map((y) => y.amount);
  });
}

/**
 * The first year in which cumulative net savings reach zero or more: its position (1 = the first year), or its label.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#breakeven
 * @param net Net saving (gross saving less investment) in each year, in a row or a column.
 * @param [years] Optional year labels (2011/12…), same shape as net; the label is returned instead of the position.
 * @param invocation Invocation.
 * @returns The break-even year's position or label; #N/A if cumulative net never reaches zero.
 * @requiresParameterAddresses
 */
export function breakeven(net: unknown[][], years: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  return BREAKEVEN.value([net, years], invocation, (a): unknown => {
    const cells = a.net;
    const labels = a.years;
    const values = cells.numbers();
    const found = firstBreakEvenYear(values);
    if (found === undefined) {
      const span = `${values.length} year${values.length === 1 ? "" : "s"}`;
      throw notAvailable(
        `net: cumulative net never reaches zero over the ${span} (it ends at ${sum(values).toString()}) (RULES.md §6)`,
      );
    }
    if (labels === undefined) return found.position;
    const label = labels.values[found.position - 1];
    if (isBlank(label)) {
      const cell = labels.addresses?.[found.position - 1];
      throw new RuleError(
        "missing",
        { field: "years", index: found.position - 1, partner: cell },
        "is blank; label each year",
        "§6",
      );
    }
    return label;
  });
}

// ---- Helpers that belong to one function each -------------------------------------------------

/** Included partners as the engine's demand basis reads them: quantity (the weight) × quality. */
function demand(names: readonly string[], weights: readonly Decimal[], quality: readonly Decimal[]) {
  return names.map((partner, i) => ({ partner, quantity: weights[i], quality: quality[i] }));
}

/**
 * EQUAL's partners: one number is a count of partners (the parts in a row); anything else names
 * them, one cell each (the parts in the range's shape).
 */
function readPartners(value: Cell, address: string | undefined): { names: string[]; rows: number; columns: number } {
  const cells = cellsOf(value, address);
  if (cells.values.length === 1 && typeof cells.values[0] === "number") {
    const count = readWhole(cells.values[0], "partners", 1, 16384, "§2");
    return { names: Array.from({ length: count }, (_, i) => `partner ${i + 1}`), rows: 1, columns: count };
  }
  const names = cells.values.map((v, index) => partnerName(v, index, cells.addresses?.[index]));
  return { names, rows: cells.rows, columns: cells.columns };
}

/** A partner's name from a cell: text or a number (a code), never blank. */
function partnerName(value: Cell, index: number, address: string | undefined): string {
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  const what = isBlank(value) ? "is blank" : `is ${describe(value)}`;
  throw new RuleError(
    "missing",
    { field: "partners", index, partner: address },
    `${what}; give each partner's name`,
    "§2",
  );
}

/** Days from Excel's day 0 (for dates from March 1900 on) to 1 January 1970. */
const EXCEL_EPOCH_DAYS = 25569;
/** Excel's serial number for 1 January 1901: anything from here on is taken as a date. */
const FIRST_DATE = 367;

/** A start month: 1–12, or the month of a date (Excel passes dates as serial numbers). */
function readMonth(value: Cell, address: string | undefined): number {
  const d = readCell(value, { field: "start_month", rule: "§6" }, undefined, address);
  if (d.isInteger() && d.greaterThanOrEqualTo(1) && d.lessThanOrEqualTo(12)) return d.toNumber();
  if (d.greaterThanOrEqualTo(FIRST_DATE)) {
    const day = Math.floor(d.toNumber()) - EXCEL_EPOCH_DAYS;
    return new Date(day * 86_400_000).getUTCMonth() + 1;
  }
  throw new RuleError(
    "bad-month",
    { field: "start_month", partner: address },
    `must be a month from 1 (January) to 12 (December) or a date (got ${d.toString()})`,
    "§6",
  );
}
