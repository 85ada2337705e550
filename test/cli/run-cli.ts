/** The command line run in-process for tests: its status and what it printed, at a fixed time. */
import { runCli } from "../../src/cli/run";

export async function cli(...args: string[]): Promise<{ status: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    now: new Date("2026-11-25T10:00:00Z"),
  });
  return { status, out, err };
}
