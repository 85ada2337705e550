/**
 * The cost of the Excel-facing adapter: SHARED.APPORTION called as Excel calls it (cell values as
 * JavaScript numbers in a 1×n row, with parameter addresses), against the engine alone on the
 * same inputs already as Decimals, in the same run so the ratio holds on a shared, noisy machine.
 */
import { Decimal, PartnerData, SplitDetail, basisName, basisWeights, splitDetail } from "../src/engine";
import { columnLetters } from "../src/functions/cells";
import { apportion } from "../src/functions/functions";
import { at, installRuntime } from "../test/functions/runtime";
import { random, time } from "./random";

/** One call: what Excel passes to the function, and the same inputs as the engine takes them. */
interface Call {
  pence: number;
  /** Excel's side. */
  amount: number;
  weights: number[][];
  quality: (number | null)[][];
  include: boolean[][];
  plain: CustomFunctions.Invocation;
  weighted: CustomFunctions.Invocation;
  /** The engine's side: partners named by their cells, as the adapter names them. */
  total: Decimal;
  names: string[];
  decimalWeights: Decimal[];
  /** The included partners only, with their quality factors (a blank factor is 1). */
  demand: PartnerData[];
}

function generate(count: number): Call[] {
  const rand = random(20112);
  return Array.from({ length: count }, (_, i): Call => {
    const row = i + 1;
    // An amount from 1p to £10m, typed into a cell as pounds and pence.
    const pence = Math.floor(rand() * 1e9) + 1;
    const partners = 3 + Math.floor(rand() * 31);
    // Weights with up to two decimal places (FTE-like); quality factors 0.5–1.5 or blank (1);
    // about one partner in seven left out, never the first.
    const hundredths = Array.from({ length: partners }, () => Math.floor(rand() * 10000) + 1);
    const factors = hundredths.map(() => (rand() < 0.3 ? null : (50 + Math.floor(rand() * 101)) / 100));
    const flags = hundredths.map((_, k) => k === 0 || rand() >= 0.15);
    const last = `${columnLetters(1 + partners)}${row}`;
    const names = hundredths.map((_, k) => `Sheet1!${columnLetters(2 + k)}${row}`);
    const decimalWeights = hundredths.map((h) => new Decimal(h).dividedBy(100));
    return {
      pence,
      amount: pence / 100,
      weights: [hundredths.map((h) => h / 100)],
      quality: [factors],
      include: [flags],
      plain: at(`Sheet1!A${row}`, `Sheet1!B${row}:${last}`),
      weighted: at(`Sheet1!A${row}`, `Sheet1!B${row}:${last}`, `Quality!B${row}:${last}`, `Include!B${row}:${last}`),
      total: new Decimal(pence).dividedBy(100),
      names,
      decimalWeights,
      demand: names
        .map((partner, k) => ({
          partner,
          quantity: decimalWeights[k],
          quality: factors[k] === null ? new Decimal(1) : new Decimal(Math.round(factors[k]! * 100)).dividedBy(100),
        }))
        .filter((_, k) => flags[k]),
    };
  });
}

/** Timed passes of each measurement; the fastest counts. */
const ROUNDS = 3;

type Outcome = number[][] | Error;

function adapter(calls: readonly Call[], withQuality: boolean): { ms: number; results: Outcome[] } {
  const results: Outcome[] = new Array(calls.length);
  const ms = time(() => {
    calls.forEach((c, i) => {
      try {
        results[i] = withQuality
          ? apportion(c.amount, c.weights, c.quality, c.include, null, c.weighted)
          : apportion(c.amount, c.weights, null as never, null as never, null, c.plain);
      } catch (e) {
        results[i] = e as Error;
      }
    });
  });
  return { ms, results };
}

/**
 * The engine's work for the same call: the split of the amount by the weights (× quality), from
 * Decimal inputs to exact parts, as the adapter asks the engine for it.
 */
function engine(calls: readonly Call[], withQuality: boolean): { ms: number; results: SplitDetail[] } {
  const results: SplitDetail[] = new Array(calls.length);
  const demand = { kind: "demand" } as const;
  const ms = time(() => {
    calls.forEach((c, i) => {
      results[i] = withQuality
        ? splitDetail(c.total, basisWeights(demand, c.demand), {
            decimals: 2,
            field: basisName(demand),
            labels: c.demand.map((p) => p.partner),
          })
        : splitDetail(c.total, c.decimalWeights, { decimals: 2, field: "weights", labels: c.names });
    });
  });
  return { ms, results };
}

/**
 * Failures of the adapter's results: not a row of whole-penny numbers summing exactly to the
 * amount, or differing from the engine's parts (0 for a partner left out).
 */
function check(
  calls: readonly Call[],
  adapted: readonly Outcome[],
  exact: readonly SplitDetail[],
  withQuality: boolean,
) {
  const failures: string[] = [];
  let differing = 0;
  calls.forEach((c, i) => {
    const out = adapted[i];
    const what = `call ${i + 1} (${c.amount}, ${c.names.length} partners${withQuality ? ", quality/include" : ""})`;
    if (out instanceof Error) return failures.push(`${what}: threw ${out.message}`);
    const row = out.length === 1 ? out[0] : [];
    const pennies = row.map((v) => Math.round(v * 100));
    const sum = pennies.reduce((a, b) => a + b, 0);
    if (row.length !== c.names.length || row.some((v, k) => pennies[k] / 100 !== v) || sum !== c.pence) {
      return failures.push(`${what}: ${JSON.stringify(out)} sums to ${sum}p, not ${c.pence}p`);
    }
    const expected = c.names.map(() => 0);
    const included = withQuality ? c.include[0].flatMap((f, k) => (f ? [k] : [])) : c.names.map((_, k) => k);
    exact[i].parts.forEach((part, k) => (expected[included[k]] = part.toNumber()));
    if (row.some((v, k) => v !== expected[k])) differing++;
  });
  return { failures, differing };
}

export function benchFunctions(count: number): void {
  installRuntime();
  const calls = generate(count);
  const partners = calls.reduce((n, c) => n + c.names.length, 0);

  // One warm-up pass of each, so none is measured while the JIT is cold; then ROUNDS timed
  // passes of each in turn, keeping the fastest, as a single pass varies by a third from run to run.
  for (const withQuality of [false, true]) {
    engine(calls, withQuality);
    adapter(calls, withQuality);
  }
  let [e, a, eq, aq] = [engine(calls, false), adapter(calls, false), engine(calls, true), adapter(calls, true)];
  for (let round = 1; round < ROUNDS; round++) {
    const fastest = <T extends { ms: number }>(best: T, next: T): T => (next.ms < best.ms ? next : best);
    e = fastest(e, engine(calls, false));
    a = fastest(a, adapter(calls, false));
    eq = fastest(eq, engine(calls, true));
    aq = fastest(aq, adapter(calls, true));
  }
  const plain = check(calls, a.results, e.results, false);
  const weighted = check(calls, aq.results, eq.results, true);

  const rate = (ms: number) => `${Math.round(count / (ms / 1000)).toLocaleString("en-GB")} calls/s`;
  const fmt = (ms: number) => `${rate(ms).padStart(16)}  (${ms.toFixed(0)} ms)`;
  const n = (x: number) => x.toLocaleString("en-GB");
  console.log(
    `SHARED.APPORTION through the Excel adapter: ${n(count)} calls of 3–33 partners (${n(partners)} partners in all), best of ${ROUNDS} passes`,
  );
  console.log(`  engine, split by weights         : ${fmt(e.ms)}`);
  console.log(
    `  adapter, amount + weights        : ${fmt(a.ms)}; results not summing to the amount: ${plain.failures.length}, differing from the engine: ${plain.differing}`,
  );
  console.log(`  engine, split by demand (q × w)  : ${fmt(eq.ms)}`);
  console.log(
    `  adapter, + quality and include   : ${fmt(aq.ms)}; results not summing to the amount: ${weighted.failures.length}, differing from the engine: ${weighted.differing}`,
  );
  console.log(
    `  time ratio adapter/engine: ${(a.ms / e.ms).toFixed(2)} (amount + weights), ${(aq.ms / eq.ms).toFixed(2)} (+ quality and include)`,
  );
  const failures = [...plain.failures, ...weighted.failures];
  for (const f of failures.slice(0, 10)) console.log(`  FAILED ${f}`);
  // A wrong result is not a figure: fail the run (and CI's small run) when there is one.
  if (failures.length > 0 || plain.differing + weighted.differing > 0) process.exitCode = 1;
}
