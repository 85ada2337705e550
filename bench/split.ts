/**
 * Speed of the exact engine against a naive floating-point split, measured in the same run on
 * the same data so the ratio holds on a shared, noisy machine. Figures are rates and ratios, not
 * pass/fail thresholds.
 */
import { Amount, Decimal, SplitDetail, prepareSplit, split } from "../src/engine";
import { random } from "./random";

const PARTNERS = 10;

export function benchSplit(lines: number): void {
  const rand = random(20111);
  // Cost lines from 1p to £10m in pence, as strings (how amounts arrive from a workbook).
  const amountsPence = Array.from({ length: lines }, () => Math.floor(rand() * 1e9) + 1);
  const amounts = amountsPence.map((p) => new Decimal(p).dividedBy(100));
  // Demand weights with up to two decimal places (FTE-like), one set for the service.
  const weights = Array.from({ length: PARTNERS }, () => new Decimal(Math.floor(rand() * 10000) + 1).dividedBy(100));
  const weightNumbers = weights.map((w) => w.toNumber());

  /** The hand-built workbook: ROUND(amount * w / SUM(w), 2) per cell, in binary floating point. */
  function naive(): { ms: number; pennyErrors: number } {
    const sumW = weightNumbers.reduce((a, b) => a + b, 0);
    let pennyErrors = 0;
    const start = process.hrtime.bigint();
    for (const pence of amountsPence) {
      const amount = pence / 100;
      let total = 0;
      for (const w of weightNumbers) total += Math.round(((amount * w) / sumW) * 100) / 100;
      if (Math.round(total * 100) !== pence) pennyErrors++;
    }
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, pennyErrors };
  }

  /** The engine; `splitter` given: the weights checked and scaled once for all lines. */
  function exact(splitter?: (amount: Amount) => SplitDetail): { ms: number; pennyErrors: number } {
    let pennyErrors = 0;
    const start = process.hrtime.bigint();
    for (const amount of amounts) {
      const parts = splitter ? splitter(amount).parts : split(amount, weights);
      let total = new Decimal(0);
      for (const p of parts) total = total.plus(p);
      if (!total.equals(amount)) pennyErrors++;
    }
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, pennyErrors };
  }

  function rate(ms: number): string {
    return `${Math.round((lines * PARTNERS) / (ms / 1000)).toLocaleString("en-GB")} allocations/s`;
  }

  // One warm-up pass of each, so neither is measured while the JIT is cold.
  naive();
  exact();

  const n = naive();
  const e = exact();
  const p = exact(prepareSplit(weights));
  console.log(
    `Split ${lines.toLocaleString("en-GB")} cost lines × ${PARTNERS} partners = ${(lines * PARTNERS).toLocaleString("en-GB")} allocations`,
  );
  console.log(
    `  naive float ROUND  : ${rate(n.ms)}  (${n.ms.toFixed(0)} ms; lines not summing to the amount: ${n.pennyErrors.toLocaleString("en-GB")})`,
  );
  console.log(
    `  exact, split()     : ${rate(e.ms)}  (${e.ms.toFixed(0)} ms; lines not summing to the amount: ${e.pennyErrors})`,
  );
  console.log(
    `  exact, weights once: ${rate(p.ms)}  (${p.ms.toFixed(0)} ms; lines not summing to the amount: ${p.pennyErrors})`,
  );
  console.log(
    `  time ratio exact/naive: ${(e.ms / n.ms).toFixed(1)} (split per line), ${(p.ms / n.ms).toFixed(1)} (weights once)`,
  );
}
