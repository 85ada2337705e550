/**
 * Each service in the Rules sheet, worked out by the engine: who takes part, each partner's
 * baseline and weight (with the cells they came from), its share of the combined cost and of any
 * gain share, its saving, its share of the transitional cost, and its saving phased over the
 * years. The output sheets show these figures beside the live formulas that recompute them.
 */
import {
  Basis,
  Decimal,
  ONE,
  PartnerData,
  Profile,
  RuleError,
  ShareByYear,
  StandAloneTest,
  YearLabel,
  ZERO,
  apportionCostLines,
  basisName,
  attributeSavings,
  firstYearTakingPart,
  formatYear,
  monthsRemaining,
  parseYear,
  partYear,
  phase,
  phaseInForce,
  roundMoney,
  shareByYear,
  split,
  standAloneTest,
  sum,
  yearSequence,
} from "../../engine";
import type { CellRef } from "../grid";
import type { CostLineEntry, FromCell, Inputs, MoneyCell, RulePartner, ServiceRule } from "../inputs";
import { pounds } from "../format";
import { Problem, problemAt, problemFromRuleError } from "../problems";

export interface PartnerInService {
  partner: string;
  /** The year it joins, when later than the service's first year. */
  joins?: YearLabel;
  /** The first year it no longer takes part (the year after its last year in). */
  leaves?: YearLabel;
  /** The notice it gave, as the Rules cell says it ("September 2013"), when `leaves` comes from it. */
  notice?: string;
  /** Its Budget lines for the service. */
  baselineCells: MoneyCell[];
  baseline: Decimal;
  /** Where its weight comes from (FTE lines, a quantity, a measure); empty for equal shares and budget. */
  weightCells: FromCell<Decimal>[];
  /** Its weight before any quality factor: FTE, quantity, measure, baseline, or 1 for equal shares. */
  weight: Decimal;
  quality?: FromCell<Decimal>;
  /** With every partner named taking part (the full partnership): share, cost share, gain share, saving. */
  share: Decimal;
  costShare: Decimal;
  gainShare: Decimal;
  /** baseline − cost share − gain share. */
  saving: Decimal;
  /** saving / baseline; undefined when the baseline is zero. */
  savingRate: Decimal | undefined;
  /** Its part of the one-off costs, over all the years (`investment` gives them by year). */
  transitional: Decimal;
  /** Its one-off costs by year, over the service's years. */
  investment: Profile;
  /** Which splits gave this partner a leftover penny (RULES.md §1). */
  roundedUp: { cost: boolean; gainShare: boolean; transitional: boolean };
  /** The year its saving starts: the service's first year, or the year it joins if later. */
  startYear: YearLabel;
  /** Its saving by year, incremental (the new saving arriving each year). */
  profile: Profile;
}

/** A Costs line of the service (RULES.md §2): who bears it and each partner's part (zero where it does not). */
export interface CostLineResult {
  entry: CostLineEntry;
  /** Per partner, in the service's order. */
  bears: boolean[];
  parts: Decimal[];
  /** Which partners this line's split gave a leftover penny (RULES.md §1). */
  roundedUp: boolean[];
}

export interface ServiceResult {
  rule: ServiceRule;
  /** The combined cost as lines from the Costs sheet, each shared among its partners only; absent: none. */
  costLines?: CostLineResult[];
  partners: PartnerInService[];
  /** Whether the weights carry a quality factor (demand basis with a Quality column). */
  hasQuality: boolean;
  /** The partners' weights and shares added up (the shares to exactly 1). */
  totalWeight: Decimal;
  totalShare: Decimal;
  totalBaseline: Decimal;
  combinedCost: Decimal;
  gainShare: Decimal;
  transitional: Decimal;
  saving: Decimal;
  /** saving / total baseline; undefined when that is zero. */
  savingRate: Decimal | undefined;
  /**
   * The service year by year (RULES.md §2): from its first year to the last year anything changes
   * (a partner joins or leaves, phasing ends), each year's combined cost split among the partners
   * taking part that year. A partner's figures, profile and investment come from these.
   */
  years: YearLabel[];
  overTime: ShareByYear;
  /** Whether the partners taking part differ between the years (the sheets then show each year). */
  changes: boolean;
  /**
   * For each partner that leaves (RULES.md §8, `003` ch. 12(a) §14): the stand-alone test for the
   * years around its exit, its contribution had it stayed in against running the service alone
   * at its baseline.
   */
  standAlone: StandAloneTest[];
  /**
   * The weights of each basis a one-off cost names ("by FTE", RULES.md §8) other than equal and
   * baseline, per partner in order: the cells they come from (none where it has none) and the weight.
   */
  oneOffWeights: {
    basis: Basis;
    partners: { weightCells: FromCell<Decimal>[]; quality?: FromCell<Decimal>; weight: Decimal }[];
  }[];
}

/** Service and partner names match ignoring case and surrounding spaces. */
export const nameKey = (...parts: string[]): string => JSON.stringify(parts.map((p) => p.trim().toLowerCase()));
const key = nameKey;

/** The cell a problem with this rule's field should point at. */
const ruleCell = (rule: ServiceRule, at?: CellRef): CellRef => at ?? rule.at;

export function computeServices(inputs: Inputs): { services: ServiceResult[]; problems: Problem[] } {
  const budgetBy = new Map<string, MoneyCell[]>();
  const budgetPartners = new Map<string, string[]>(); // service → partners in Budget order
  for (const line of inputs.budget.lines) {
    const k = key(line.service, line.partner);
    if (!budgetBy.has(k)) {
      budgetBy.set(k, []);
      const list = budgetPartners.get(key(line.service)) ?? [];
      list.push(line.partner);
      budgetPartners.set(key(line.service), list);
    }
    budgetBy.get(k)!.push(line.baseline);
  }
  const fteBy = new Map<string, FromCell<Decimal>[]>();
  for (const line of inputs.fte?.lines ?? []) {
    const k = key(line.service, line.partner);
    fteBy.set(k, [...(fteBy.get(k) ?? []), line.fte]);
  }
  const driversBy = new Map(inputs.drivers?.lines.map((l) => [key(l.service, l.partner), l]) ?? []);
  const costsBy = new Map<string, CostLineEntry[]>();
  for (const line of inputs.costs?.lines ?? [])
    costsBy.set(key(line.service), [...(costsBy.get(key(line.service)) ?? []), line]);

  const services: ServiceResult[] = [];
  const problems: Problem[] = [];
  for (const rule of inputs.rules.rules) {
    try {
      services.push(computeService(rule, { budgetBy, budgetPartners, fteBy, driversBy, costsBy }));
    } catch (thrown) {
      if (thrown instanceof CellProblem) {
        problems.push(thrown.problem);
        continue;
      }
      const onBasis = thrown instanceof SplitByBasisError;
      const error = onBasis ? thrown.error : thrown;
      if (!(error instanceof RuleError)) throw error;
      problems.push(
        problemFromRuleError(
          error,
          costLineCell(error, costsBy.get(key(rule.service))) ?? cellFor(rule, error, onBasis),
          fixFor(error),
        ),
      );
    }
  }
  return { services, problems };
}

/** A problem found while working out a service, already at its cell. */
class CellProblem {
  constructor(readonly problem: Problem) {}
}

/** A RuleError thrown while splitting by the basis's weights, which the Basis cell chose. */
class SplitByBasisError {
  constructor(readonly error: RuleError) {}
}

function splitByBasis<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw error instanceof RuleError ? new SplitByBasisError(error) : error;
  }
}

/** The Costs line an engine error is about ("cost line 2 (TUPE burden)"), if it is about one. */
function costLineCell(error: RuleError, lines: readonly CostLineEntry[] | undefined): CellRef | undefined {
  const m = /^cost line(?: (\d+))?/.exec(error.field);
  if (m === null || lines === undefined) return undefined;
  const index = m[1] === undefined ? error.item : Number(m[1]) - 1;
  return index === undefined ? undefined : lines[index]?.at;
}

/**
 * The Rules cell behind an engine error: the transitional cost, the basis (for the split by its
 * weights, or weights that are all zero or missing), or the service's row.
 */
function cellFor(rule: ServiceRule, error: RuleError, onBasis: boolean): CellRef {
  if (error.code === "no-reduction") return ruleCell(rule, rule.transitional?.at ?? rule.oneOffs?.at);
  if (error.field.startsWith("one-off cost") || error.field === "extra payments")
    return ruleCell(rule, rule.oneOffs?.at);
  if (onBasis || error.code === "all-zero" || error.code === "missing") return ruleCell(rule, rule.basis.at);
  return rule.at;
}

function fixFor(error: RuleError): string {
  switch (error.code) {
    case "no-reduction":
      return "Check the new cost or reduction: a transitional cost needs at least one partner's spending to fall.";
    case "not-taking-part":
      return "Name partners taking part in the year the one-off cost falls, or give it another year.";
    case "all-zero":
      return "Give at least one partner a weight above zero, or choose another basis.";
    case "missing":
      return "Fill in the figure the basis needs for every partner, or choose another basis.";
    default:
      return "Correct the figures for this service.";
  }
}

interface Lookups {
  budgetBy: Map<string, MoneyCell[]>;
  budgetPartners: Map<string, string[]>;
  fteBy: Map<string, FromCell<Decimal>[]>;
  driversBy: Map<string, NonNullable<Inputs["drivers"]>["lines"][number]>;
  costsBy: Map<string, CostLineEntry[]>;
}

function computeService(rule: ServiceRule, look: Lookups): ServiceResult {
  const named: RulePartner[] =
    rule.partners?.value ?? (look.budgetPartners.get(key(rule.service)) ?? []).map((partner) => ({ partner }));
  const basis = rule.basis.value;
  const rows = named.map(({ partner, joins, leaves, notice }) => {
    const baselineCells = look.budgetBy.get(key(rule.service, partner)) ?? [];
    const baseline = sum(baselineCells.map((c) => c.value));
    const { weightCells, quality } = weightSource(basis, rule, partner, look);
    return { partner, joins, leaves, notice: notice?.text, baselineCells, baseline, weightCells, quality };
  });
  if (rows.length === 0) {
    throw new RuleError("empty", { field: "partners" }, `no partner has a budget for ${rule.service}`, "§2");
  }
  // The bases one-off costs are shared on ("by FTE", RULES.md §8), where not the service's, equal or baseline.
  const oneOffBases = (rule.oneOffs?.value ?? []).flatMap((o) =>
    o.basis === undefined || o.basis.kind === "equal" || o.basis.kind === "budget" ? [] : [o.basis],
  );
  const distinctBases = oneOffBases.filter((b, i) => oneOffBases.findIndex((x) => basisName(x) === basisName(b)) === i);
  const oneOffWeights = distinctBases.map((b) => ({
    basis: b,
    partners: rows.map((r) => {
      // A partner with no figure for the basis: the engine says so if the cost falls on it.
      try {
        const source = weightSource(b, rule, r.partner, look);
        const w = sum(source.weightCells.map((c) => c.value));
        return { ...source, weight: b.kind === "demand" && source.quality ? w.times(source.quality.value) : w };
      } catch (error) {
        if (error instanceof RuleError) return { weightCells: [], weight: ZERO, missing: true };
        throw error;
      }
    }),
  }));
  /** What a basis reads of partner i (PartnerData), from its own cells. */
  const fieldsFor = (b: Basis, cells: FromCell<Decimal>[], quality: FromCell<Decimal> | undefined, missing = false) =>
    missing
      ? {}
      : b.kind === "fte"
        ? { fte: sum(cells.map((c) => c.value)) }
        : b.kind === "demand"
          ? { quantity: cells[0]?.value, quality: quality?.value }
          : b.kind === "driver"
            ? { drivers: { [b.driver]: cells[0]?.value ?? ZERO } }
            : {};
  const data: PartnerData[] = rows.map((r, i) => {
    const own: PartnerData = {
      partner: r.partner,
      baseline: r.baseline,
      fte: sum(r.weightCells.map((c) => c.value)),
      quantity: r.weightCells[0]?.value,
      quality: r.quality?.value,
      drivers: basis.kind === "driver" ? { [basis.driver]: r.weightCells[0]?.value ?? ZERO } : undefined,
    };
    // Each one-off basis adds the figures it reads; the service's own basis keeps its own.
    for (const w of oneOffWeights) {
      if (basisName(w.basis) === basisName(basis)) continue;
      const p = w.partners[i] as { weightCells: FromCell<Decimal>[]; quality?: FromCell<Decimal>; missing?: boolean };
      const more = fieldsFor(w.basis, p.weightCells, p.quality, p.missing);
      if (p.missing && w.basis.kind === "fte") own.fte = undefined;
      if (p.missing && w.basis.kind === "demand") own.quantity = undefined;
      Object.assign(own, "drivers" in more ? { drivers: { ...own.drivers, ...more.drivers } } : more);
    }
    return own;
  });
  const hasQuality = basis.kind === "demand" && rows.some((r) => r.quality !== undefined);
  const totalBaseline = sum(rows.map((r) => r.baseline));
  const byYear = rule.newCostByYear?.value;
  // Cost lines (the Costs sheet) in the engine's terms, each among the partners it names, spelled as the rows are.
  const entries = look.costsBy.get(key(rule.service));
  const costLines = entries?.map((e, i) => ({
    label: e.line ?? `line ${i + 1}`,
    amount: e.amount.value,
    ...(e.partners === undefined
      ? {}
      : {
          partners: rows.filter((r) => e.partners!.value.some((p) => key(p) === key(r.partner))).map((r) => r.partner),
        }),
  }));
  // The full partnership's combined cost: the New cost (or the sum of its cost lines, which the reader
  // checked agree), its last amount when it changes by year, or the reduction.
  const combinedCost =
    rule.newCost?.value ??
    (costLines ? sum(costLines.map((l) => l.amount)) : undefined) ??
    byYear?.[byYear.length - 1].amount ??
    roundMoney(totalBaseline.times(ONE.minus(rule.reduction?.value ?? ZERO)));
  const gainRate = rule.gainShare?.value;
  const gainShare = gainRate === undefined ? undefined : { rate: gainRate };
  // The full partnership, every partner named taking part: the Attribution sheet's first table.
  const attribution = splitByBasis(() =>
    attributeSavings({ partners: data, basis, combinedCost, gainShare, ...(costLines ? { costLines } : {}) }, {}),
  );

  if (rule.phasingAmounts) checkPhasingAmounts(rule, rule.phasingAmounts, attribution.totals.grossSaving);

  // Year by year, among the partners taking part each year (RULES.md §2): the figures that count.
  const participation = rows.map((r) => ({ partner: r.partner, joins: r.joins, leaves: r.leaves }));
  const firstYear = rule.firstYear.value;
  const starts = rows.map((r) => firstYearTakingPart({ partner: r.partner, joins: r.joins }, firstYear));
  // Shared one-off costs, and the extras each borne by one partner alone (RULES.md §4, §8).
  const oneOffs = rule.oneOffs
    ? rule.oneOffs.value
        .filter((o) => o.bornBy === undefined)
        .map((o) => ({
          year: o.year ?? firstYear,
          amount: o.amount,
          partners: o.partners,
          ...(o.basis ? { basis: o.basis } : {}),
        }))
    : rule.transitional && !rule.transitional.value.isZero()
      ? [{ year: firstYear, amount: rule.transitional.value }]
      : [];
  const extras = (rule.oneOffs?.value ?? []).flatMap((o) =>
    o.bornBy === undefined ? [] : [{ year: o.year ?? firstYear, partner: o.bornBy, amount: o.amount }],
  );
  const years = serviceYears(rule, rows, starts, [
    ...oneOffs.map((o) => o.year),
    ...extras.map((e) => e.year),
    ...(byYear ?? []).flatMap((c) => (c.from === undefined ? [] : [c.from])),
  ]);
  const transitionalCost = sum([...oneOffs, ...extras].map((o) => o.amount));
  /** The New cost in force in a year: the last amount whose year has come. */
  const costIn = (year: YearLabel): Decimal =>
    [...(byYear ?? [])].reverse().find((c) => c.from === undefined || parseYear(c.from) <= parseYear(year))?.amount ??
    combinedCost;
  const overTime = splitByBasis(() =>
    shareByYear({
      partners: data,
      participation,
      basis,
      years,
      combinedCost:
        rule.newCost || byYear || costLines
          ? years.map((y) => costIn(y))
          : { reduction: rule.reduction?.value ?? ZERO },
      gainShare,
      oneOffs,
      extras,
      ...(costLines ? { costLines } : {}),
    }),
  );
  const everyone = rows.length;
  // The stand-alone test for each leaver: the same years with it staying in, from two years before its exit to one after.
  const standAlone = rows.flatMap((r, i) => {
    if (r.leaves === undefined) return [];
    const exit = parseYear(r.leaves);
    const around = Array.from({ length: 4 }, (_, k) => formatYear(exit - 2 + k)).filter(
      (y) => parseYear(y) >= parseYear(starts[i]),
    );
    const stayed = splitByBasis(() =>
      shareByYear({
        partners: data,
        participation: participation.map((p, j) => (j === i ? { partner: p.partner, joins: p.joins } : p)),
        basis,
        years: around,
        combinedCost:
          rule.newCost || byYear || costLines
            ? around.map((y) => costIn(y))
            : { reduction: rule.reduction?.value ?? ZERO },
        gainShare,
        ...(costLines ? { costLines } : {}),
      }),
    ).partners[i].years;
    // Its costs of leaving in those years (RULES.md §8): what it bears alone, and its part of any
    // termination cost (a one-off shared on a named basis).
    const exitCost = sum(
      around.map((year) => {
        const yi = overTime.years.findIndex((y) => y.year === year);
        if (yi < 0) return ZERO;
        const falling = oneOffs.filter((o) => o.year === year);
        const termination = (overTime.years[yi].oneOffs ?? []).map((t, k) =>
          (falling[k] as { basis?: Basis } | undefined)?.basis
            ? (t.lines.find((l) => l.partner === r.partner)?.total ?? ZERO)
            : ZERO,
        );
        return overTime.partners[i].years[yi].extra.plus(sum(termination));
      }),
    );
    return [
      standAloneTest({
        partner: r.partner,
        contributions: stayed.map((y) => ({ year: y.year, amount: y.costShare.plus(y.gainShare) })),
        standAlone: stayed.map((y) => ({ year: y.year, amount: r.baseline })),
        exitCost,
      }),
    ];
  });
  // The sheets show each year where the partners, the cost or the one-off costs change by year.
  const changes =
    overTime.years.some((y) => y.partners.length !== everyone) ||
    (byYear !== undefined && byYear.length > 1) ||
    rule.oneOffs !== undefined;

  const partners = rows.map((r, i): PartnerInService => {
    const line = attribution.lines[i];
    const own = overTime.partners[i].years;
    const startYear = starts[i];
    const savings = own.map((y) => ({ year: y.year, amount: y.saving }));
    return {
      partner: r.partner,
      joins: r.joins,
      ...(r.leaves === undefined ? {} : { leaves: r.leaves }),
      ...(r.notice === undefined ? {} : { notice: r.notice }),
      baselineCells: r.baselineCells,
      baseline: r.baseline,
      weightCells: r.weightCells,
      weight:
        basis.kind === "equal"
          ? ONE
          : basis.kind === "budget"
            ? r.baseline
            : basis.kind === "fte"
              ? (data[i].fte as Decimal)
              : (r.weightCells[0]?.value ?? ZERO),
      quality: basis.kind === "demand" ? r.quality : undefined,
      share: line.share,
      costShare: line.costShare,
      gainShare: line.gainShare,
      saving: line.saving,
      savingRate: line.savingRate,
      transitional: sum(own.map((y) => y.oneOff)),
      investment: own.map((y) => ({ year: y.year, amount: y.oneOff })),
      roundedUp: { ...line.roundedUp, transitional: own.some((y) => y.roundedUp.oneOff) },
      startYear,
      profile: profileOverTime(rule, savings, startYear, changes),
    };
  });
  // Each cost line's parts for the Attribution sheet, the same split attributeSavings added up.
  const lineSplit = costLines ? splitByBasis(() => apportionCostLines(costLines, data, basis)) : undefined;
  const costLineResults = lineSplit?.lines.map((l, i): CostLineResult => {
    const bears = rows.map((r) => l.apportionment.lines.some((x) => x.partner === r.partner));
    return {
      entry: entries![i],
      bears,
      parts: rows.map((r) => l.apportionment.lines.find((x) => x.partner === r.partner)?.amount ?? ZERO),
      roundedUp: rows.map((r) => l.apportionment.lines.find((x) => x.partner === r.partner)?.roundedUp ?? false),
    };
  });
  return {
    rule,
    ...(costLineResults ? { costLines: costLineResults } : {}),
    partners,
    hasQuality,
    totalWeight: sum(partners.map((p) => p.weight)),
    totalShare: sum(partners.map((p) => p.share)),
    totalBaseline,
    combinedCost,
    gainShare: attribution.totals.gainShare,
    transitional: transitionalCost,
    saving: attribution.totals.saving,
    savingRate: attribution.totals.savingRate,
    years,
    overTime,
    changes,
    standAlone,
    oneOffWeights: oneOffWeights.map((w) => ({
      basis: w.basis,
      partners: w.partners.map((p) => ({
        weightCells: p.weightCells,
        ...("quality" in p && p.quality ? { quality: p.quality } : {}),
        weight: p.weight,
      })),
    })),
  };
}

/**
 * Phasing by amounts (RULES.md §6) must add up to the service's saving before any gain share (the
 * partners' baselines less the combined cost), as the reports' tables do (ICT, `003` ch. 9(d):
 * 2,700 / 2,600 / 3,360 / 1,200 of 9,860); one that does not is an error at its cell saying by how much.
 */
function checkPhasingAmounts(rule: ServiceRule, amounts: FromCell<Decimal[]>, saving: Decimal): void {
  const total = sum(amounts.value);
  if (total.equals(saving)) return;
  const gap = total.minus(saving);
  throw new CellProblem(
    problemAt(
      amounts.at,
      `Phasing for ${rule.service} adds up to ${pounds(total)}, ${pounds(gap.abs())} ${gap.isNegative() ? "short of" : "more than"} the service's saving of ${pounds(saving)} (its partners' baselines less the combined cost, before any gain share).`,
      "Change the amounts so they add up to the saving exactly, or give the phasing as percentages adding up to 100%.",
      { rule: "RULES.md §6" },
    ),
  );
}

/** How many years a saving takes to arrive in full from its start: the phasing's years, two for a part-year start, else one. */
const phasingYears = (rule: ServiceRule): number =>
  rule.phasing
    ? rule.phasing.value.length
    : rule.phasingAmounts
      ? rule.phasingAmounts.value.length
      : rule.startMonth
        ? 2
        : 1;

/**
 * The service's years: from its first year to the last in which anything changes: a partner's
 * phasing ends, a partner joins or leaves, the New cost changes, a one-off cost falls. After that
 * every figure stays as it is.
 */
function serviceYears(
  rule: ServiceRule,
  rows: readonly { joins?: YearLabel; leaves?: YearLabel }[],
  starts: readonly YearLabel[],
  changes: readonly YearLabel[],
): YearLabel[] {
  const first = parseYear(rule.firstYear.value);
  const span = phasingYears(rule);
  const ends = [
    ...starts.map((y) => parseYear(y) + span - 1),
    ...rows.flatMap((r) => (r.leaves === undefined ? [] : [parseYear(r.leaves)])),
    ...changes.map((y) => parseYear(y)),
  ];
  const last = Math.max(first, ...ends);
  return Array.from({ length: last - first + 1 }, (_, i) => formatYear(first + i));
}

/**
 * The part of a saving in force k years after it starts (RULES.md §6): the phasing's percentages
 * added up to that year, months remaining / 12 in a part-year start's first year, 1 after.
 */
export function inForceShare(rule: ServiceRule, k: number): Decimal {
  if (rule.phasing) return sum(rule.phasing.value.slice(0, k + 1));
  // By amounts: the part of their total reached (to the engine's 40 significant digits).
  if (rule.phasingAmounts)
    return sum(rule.phasingAmounts.value.slice(0, k + 1)).dividedBy(sum(rule.phasingAmounts.value));
  if (rule.startMonth) return k === 0 ? new Decimal(monthsRemaining(rule.startMonth.value)).dividedBy(12) : ONE;
  return ONE;
}

/**
 * A partner's new saving by year. Where the partners taking part never change, its saving phased
 * from its start year as the service's rule says. Where they do, its full-year saving changes
 * from year to year, and each year the part of that year's saving in force (inForceShare) is
 * what it has, rounded to the penny; the new saving is the change from the year before.
 */
function profileOverTime(rule: ServiceRule, savings: Profile, startYear: YearLabel, changes: boolean): Profile {
  const from = savings.filter((y) => parseYear(y.year) >= parseYear(startYear));
  if (from.length === 0) return [];
  if (!changes) return profileOf(rule, from[0].amount, startYear);
  const profile = phaseInForce(from, (k) => inForceShare(rule, k));
  // Keep the phasing's years; drop the quiet years after them, where nothing new arrives.
  const phasingEnd = parseYear(startYear) + phasingYears(rule) - 1;
  let end = profile.length;
  while (end > 0 && parseYear(profile[end - 1].year) > phasingEnd && profile[end - 1].amount.isZero()) end--;
  return profile.slice(0, end);
}

/** Where a partner's weight comes from on the chosen basis. */
function weightSource(
  basis: Basis,
  rule: ServiceRule,
  partner: string,
  look: Lookups,
): { weightCells: FromCell<Decimal>[]; quality?: FromCell<Decimal> } {
  const where = { field: basisLabel(basis), partner };
  switch (basis.kind) {
    case "equal":
    case "budget":
      return { weightCells: [] };
    case "fte": {
      const cells = look.fteBy.get(key(rule.service, partner)) ?? [];
      if (cells.length === 0)
        throw new RuleError("missing", where, `has no FTE lines for ${rule.service} in the FTE sheet`, "§2");
      return { weightCells: cells };
    }
    case "demand": {
      const line = look.driversBy.get(key(rule.service, partner));
      if (!line?.quantity)
        throw new RuleError("missing", where, `has no quantity for ${rule.service} in the Drivers sheet`, "§2");
      return { weightCells: [line.quantity], quality: line.quality };
    }
    case "driver": {
      const line = look.driversBy.get(key(rule.service, partner));
      const measure = line && Object.entries(line.measures).find(([name]) => key(name) === key(basis.driver))?.[1];
      if (!measure)
        throw new RuleError("missing", where, `has no ${basis.driver} for ${rule.service} in the Drivers sheet`, "§2");
      return { weightCells: [measure] };
    }
  }
}

const basisLabel = (basis: Basis): string =>
  basis.kind === "driver"
    ? basis.driver
    : basis.kind === "fte"
      ? "FTE"
      : basis.kind === "demand"
        ? "quantity"
        : basis.kind;

/** A partner's saving by year from its start year: phased, part-year, or all in the first year. */
function profileOf(rule: ServiceRule, saving: Decimal, startYear: YearLabel): Profile {
  if (rule.phasing) return phase(saving, rule.phasing.value, startYear);
  // By amounts: the saving split in their proportions, leftover pennies as in RULES.md §1.
  if (rule.phasingAmounts) {
    const parts = split(saving, rule.phasingAmounts.value, { field: "phasing" });
    return yearSequence(startYear, parts.length).map((year, i) => ({ year, amount: parts[i] }));
  }
  if (rule.startMonth) return partYear(saving, rule.startMonth.value, startYear, 2);
  return phase(saving, [ONE], startYear);
}

/**
 * When a partner takes part, in the Rules cell's words: "from 2013/14", "until 2014/15",
 * "from 2012/13, notice September 2013 (until 2014/15)"; empty when it takes part throughout.
 */
export function takingPart(p: Pick<PartnerInService, "joins" | "leaves" | "notice">): string {
  const last = p.leaves === undefined ? undefined : formatYear(parseYear(p.leaves) - 1);
  return [
    ...(p.joins ? [`from ${p.joins}`] : []),
    ...(p.notice ? [`notice ${p.notice} (until ${last})`] : last ? [`until ${last}`] : []),
  ].join(", ");
}

/** Partners in the order first met, service by service. */
export function partnerOrder(services: readonly ServiceResult[]): string[] {
  const seen: string[] = [];
  for (const s of services) for (const p of s.partners) if (!seen.includes(p.partner)) seen.push(p.partner);
  return seen;
}

/** The financial years from the earliest start to the latest year any profile (or `extra`) reaches. */
export function yearSpan(services: readonly ServiceResult[], extra: readonly YearLabel[] = []): YearLabel[] {
  const starts = [
    ...services.flatMap((s) => s.partners.flatMap((p) => p.profile.map((y) => parseYear(y.year)))),
    ...extra.map((y) => parseYear(y)),
  ];
  if (starts.length === 0) return [];
  const first = Math.min(...starts);
  const last = Math.max(...starts);
  return Array.from({ length: last - first + 1 }, (_, i) => formatYear(first + i));
}
