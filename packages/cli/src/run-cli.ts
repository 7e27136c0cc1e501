import { parseArgs } from "node:util";
import { UsageError } from "@cejst/schema";
import type { CommandContext } from "./command.ts";
import { usage } from "./commands/help.ts";
import { COMMANDS } from "./commands/index.ts";
import { exitCodeFor, exitNameFor } from "./errors.ts";
import { createProgressRenderer } from "./progress-renderer.ts";

/** Injected I/O for one CLI run, so tests can record what a command did. */
export interface CliEffects {
  stdout(text: string): void;
  stderr(text: string): void;
  isTTY: boolean;
  cwd: string;
  env: Record<string, string | undefined>;
}

const GLOBAL_OPTIONS = {
  json: { type: "boolean" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * Runs `cejst` with the given argv (without `node` and the script) and returns the exit
 * code. This is the only place that turns errors into messages and codes.
 */
export async function runCli(argv: string[], fx: CliEffects): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    fx.stdout(usage(COMMANDS));
    return 0;
  }
  const debug = rest.includes("--debug");
  const json = rest.includes("--json");
  const renderer = createProgressRenderer({ json, isTTY: fx.isTTY, write: fx.stderr });
  try {
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`unknown command "${name}" (run \`cejst --help\`)`);
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: rest,
        options: { ...GLOBAL_OPTIONS, ...command.options },
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      throw new UsageError(`${(e as Error).message}\n\n${command.help}`);
    }
    if (parsed.values.help) {
      fx.stdout(`${command.help}\n`);
      return 0;
    }
    const ctx: CommandContext = {
      out: fx.stdout,
      err: fx.stderr,
      progress: renderer,
      json,
      cwd: fx.cwd,
      env: fx.env,
    };
    await command.run({ values: parsed.values, positionals: parsed.positionals }, ctx);
    renderer.finish();
    return 0;
  } catch (error) {
    renderer.finish();
    const exitName = exitNameFor(error);
    const message = error instanceof Error ? error.message : String(error);
    if (json) fx.stdout(`${JSON.stringify({ type: "error", exit: exitName, message })}\n`);
    if (exitName === "UNEXPECTED") {
      fx.stderr(`cejst: unexpected error: ${message}\n`);
      if (debug && error instanceof Error && error.stack) fx.stderr(`${error.stack}\n`);
      else fx.stderr("cejst: run again with --debug for the stack trace\n");
    } else {
      fx.stderr(`cejst: ${message}\n`);
      if (debug && error instanceof Error && error.stack) fx.stderr(`${error.stack}\n`);
    }
    return exitCodeFor(error);
  }
}
