/** Entry point of the `shared-services` command (see run.ts). */
import { runCli } from "./run";

runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
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
