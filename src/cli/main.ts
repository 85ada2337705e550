/** Entry point of the `shared-services` command (see run.ts). */
import { runCli } from "./run";

// Piped into `head` or the like, the reader may close early: that is no fault of the workbook, so
// the job carries on (the output file is still written) and prints nothing more to stdout.
let stdoutClosed = false;
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  stdoutClosed = true;
});

runCli(process.argv.slice(2), {
  out: (line) => {
    if (!stdoutClosed) process.stdout.write(`${line}\n`);
  },
  err: (line) => process.stderr.write(`${line}\n`),
  // Progress only for a person watching: nothing when stderr is piped or redirected to a file.
  progress: process.stderr.isTTY ? (line) => process.stderr.write(`${line}\n`) : undefined,
}).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`Error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
