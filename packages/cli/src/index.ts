export type { Command, CommandArgs, CommandContext } from "./command.ts";
export { EXIT_CODES, type ExitName, formatExitCodeTable } from "./exit-codes.ts";
export { type CliEffects, runCli } from "./run-cli.ts";
