import { runCli } from "./run-cli.ts";

// The only place that exits: commands throw, runCli maps errors to codes.
const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY),
  cwd: process.cwd(),
  env: process.env,
});
process.exitCode = code;
