import type { CliEffects } from "../src/run-cli.ts";

/** CLI effects that record what a command printed, for tests that call `runCli` in process. */
export function recordEffects(cwd: string, env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const fx: CliEffects = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTTY: false, cwd, env };
  return { out, err, fx };
}
