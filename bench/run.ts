/**
 * `npm run bench` (which first builds the command line): the exact split engine against a naive
 * floating-point split at 10,000 and BENCH_LINES cost lines (split.ts), the Excel-facing
 * SHARED.APPORTION adapter against the engine alone (functions.ts), the command line's start-up
 * against `node -e 0`, and the main job at scale (workbook.ts): budget lines through the command
 * line against bare ExcelJS reading and writing the same file, with each one's peak memory. Each
 * compares in the same run on the same data, so the ratios hold on a shared, noisy machine.
 * Figures are rates and ratios, not pass/fail thresholds.
 *
 * BENCH_LINES: cost lines for the split benchmark (100,000; a tenth of it is run first).
 * BENCH_CALLS: APPORTION calls (10,000). BENCH_WORKBOOK_LINES: budget lines in the workbook (100,000).
 */
import { benchFunctions } from "./functions";
import { benchSplit } from "./split";
import { benchStartup, benchWorkbook } from "./workbook";

const lines = Number(process.env.BENCH_LINES ?? 100_000);
const small = benchSplit(Math.max(1, Math.round(lines / 10)));
console.log();
const large = benchSplit(lines);
const perLine = (f: typeof small) => (1000 * f.onceMs) / (f.lines * 10);
console.log(
  `  growth: ${perLine(small).toFixed(3)} µs a part at ${small.lines.toLocaleString("en-GB")} lines, ` +
    `${perLine(large).toFixed(3)} µs at ${large.lines.toLocaleString("en-GB")} (weights once; equal means linear)`,
);
console.log();
benchFunctions(Number(process.env.BENCH_CALLS ?? 10_000));
console.log();
benchStartup();
console.log();
benchWorkbook(Number(process.env.BENCH_WORKBOOK_LINES ?? 100_000)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
