/**
 * Speed of the exact engine against a naive floating-point split, measured in the same run on
 * the same data so the ratio holds on a shared, noisy machine. Figures are rates and ratios (best of
 * three passes each), not pass/fail thresholds. Each way adds its parts up as it goes and counts the lines whose parts
 * do not sum to the amount: floats for the naive way, whole pence (exact) for the engine's.
 */
import { Decimal, prepareSplit, splitDetail } from "../src/engine";
import { random } from "./random";

const PARTNERS = 10;

export interface SplitFigures {
  lines: number;
  naiveMs: number;
  perLineMs: number;
  onceMs: number;
  decimalsMs: number;
}

export function benchSplit(lines: number): SplitFigures {
  const rand = random(20111);
  // Cost lines from 1p to £10m, as Decimals (how amounts arrive from a workbook), and in pence.
  const amountsPence = Array.from({ length: lines }, () => Math.floor(rand() * 1e9) + 1);
  const amounts = amountsPence.map((p) => new Decimal(p).dividedBy(100));
  // Demand weights with up to two decimal places (FTE-like), one set for the service.
  const weights = Array.from({ length: PARTNERS }, () => new Decimal(Math.floor(rand() * 10000) + 1).dividedBy(100));
  const weightNumbers = weights.map((w) => w.toNumber());

  const timed = (body: () => number): { ms: number; pennyErrors: number } => {
    const start = process.hrtime.bigint();
    const pennyErrors = body();
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, pennyErrors };
  };

  /** The hand-built workbook: ROUND(amount * w / SUM(w), 2) per cell, in binary floating point. */
  const naive = () =>
    timed(() => {
      const sumW = weightNumbers.reduce((a, b) => a + b, 0);
      let pennyErrors = 0;
      for (const pence of amountsPence) {
        const amount = pence / 100;
        let total = 0;
        for (const w of weightNumbers) total += Math.round(((amount * w) / sumW) * 100) / 100;
        if (Math.round(total * 100) !== pence) pennyErrors++;
      }
      return pennyErrors;
    });

  /** Exact parts in whole pence; `splitter` given: the weights checked and scaled once for all lines. */
  const exact = (splitter?: ReturnType<typeof prepareSplit>) =>
    timed(() => {
      let pennyErrors = 0;
      for (let i = 0; i < lines; i++) {
        const units = (splitter ? splitter(amounts[i]) : splitDetail(amounts[i], weights)).units;
        let total = 0;
        for (const u of units) total += Number(u);
        if (total !== amountsPence[i]) pennyErrors++;
      }
      return pennyErrors;
    });

  /** The same with each part made a Decimal, as the engine's Decimal callers take them. */
  const asDecimals = (splitter: ReturnType<typeof prepareSplit>) =>
    timed(() => {
      let made = 0;
      for (const amount of amounts) made += splitter(amount).parts.length;
      return made === lines * PARTNERS ? 0 : 1;
    });

  const once = prepareSplit(weights);
  // One warm-up pass of each, so none is measured while the JIT is cold.
  naive();
  exact();
  exact(once);
  asDecimals(once);

  // Best of three passes each, taken in turn: a single pass varies from run to run.
  const best = <T extends { ms: number }>(run: () => T): T => {
    let fastest = run();
    for (let round = 1; round < 3; round++) {
      const next = run();
      if (next.ms < fastest.ms) fastest = next;
    }
    return fastest;
  };
  const n = best(naive);
  const e = best(() => exact());
  const p = best(() => exact(once));
  const d = best(() => asDecimals(once));
  const rate = (ms: number) =>
    `${Math.round((lines * PARTNERS) / (ms / 1000)).toLocaleString("en-GB")} allocations/s`.padStart(24);
  const count = (x: number) => x.toLocaleString("en-GB");
  console.log(`Split ${count(lines)} cost lines × ${PARTNERS} partners = ${count(lines * PARTNERS)} allocations`);
  console.log(
    `  naive float ROUND             : ${rate(n.ms)}  (${n.ms.toFixed(0)} ms; lines not summing to the amount: ${count(n.pennyErrors)})`,
  );
  console.log(
    `  exact, split per line         : ${rate(e.ms)}  (${e.ms.toFixed(0)} ms; lines not summing to the amount: ${e.pennyErrors})`,
  );
  console.log(
    `  exact, weights once           : ${rate(p.ms)}  (${p.ms.toFixed(0)} ms; lines not summing to the amount: ${p.pennyErrors})`,
  );
  console.log(`  exact, weights once, Decimals : ${rate(d.ms)}  (${d.ms.toFixed(0)} ms; each part made a Decimal)`);
  console.log(
    `  time ratio exact/naive: ${(e.ms / n.ms).toFixed(1)} (split per line), ${(p.ms / n.ms).toFixed(1)} (weights once), ` +
      `${(d.ms / n.ms).toFixed(1)} (weights once, parts as Decimals)`,
  );
  if (e.pennyErrors + p.pennyErrors + d.pennyErrors > 0) process.exitCode = 1;
  return { lines, naiveMs: n.ms, perLineMs: e.ms, onceMs: p.ms, decimalsMs: d.ms };
}
