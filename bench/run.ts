/**
 * `npm run bench`: the exact split engine against a naive floating-point split (split.ts), and the
 * Excel-facing SHARED.APPORTION adapter against the engine alone (functions.ts). Each compares in
 * the same run on the same data, so the ratios hold on a shared, noisy machine. Figures are rates
 * and ratios, not pass/fail thresholds.
 *
 * Then the main job at scale (workbook.ts): budget lines through the command line, the rules'
 * time against the file's reading and writing, and peak memory.
 *
 * BENCH_LINES: cost lines for the split benchmark (100,000). BENCH_CALLS: APPORTION calls (10,000).
 * BENCH_WORKBOOK_LINES: budget lines in the workbook (100,000).
 */
import { benchFunctions } from "./functions";
import { benchSplit } from "./split";
import { benchWorkbook } from "./workbook";

benchSplit(Number(process.env.BENCH_LINES ?? 100_000));
console.log();
benchFunctions(Number(process.env.BENCH_CALLS ?? 10_000));
console.log();
benchWorkbook(Number(process.env.BENCH_WORKBOOK_LINES ?? 100_000)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
