/** Runs the command line once on argv's input and output, and prints its step times and peak memory as JSON. */
import { runCli } from "../src/cli/run";

const steps: Record<string, number> = {};
runCli([process.argv[2], "-o", process.argv[3], "--overwrite"], {
  out: () => undefined,
  err: (line) => process.stderr.write(`${line}\n`),
  timed: (step, ms) => (steps[step] = ms),
}).then((status) => {
  console.log(JSON.stringify({ status, steps, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
});
