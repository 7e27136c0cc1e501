import type { Command } from "../command.ts";
import { formatExitCodeTable } from "../exit-codes.ts";

export const helpCommand: Command = {
  name: "help",
  summary: "Show help for a command, or the exit-code table (`cejst help exit-codes`)",
  help: "Usage: cejst help [<command> | exit-codes]",
  options: {},
  async run(args, ctx) {
    const topic = args.positionals[0];
    if (topic === "exit-codes") {
      ctx.out(`${formatExitCodeTable()}\n`);
      return;
    }
    const { COMMANDS } = await import("./index.ts");
    const cmd = topic === undefined ? undefined : COMMANDS.find((c) => c.name === topic);
    ctx.out(cmd ? `${cmd.help}\n` : usage(COMMANDS));
  },
};

/** The top-level `cejst --help` text. */
export function usage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    "Usage: cejst <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "Global options: --json (machine-readable progress and results), --debug (stack traces), --help",
    "Run `cejst <command> --help` for a command's options, `cejst help exit-codes` for exit codes.",
    "",
  ].join("\n");
}
