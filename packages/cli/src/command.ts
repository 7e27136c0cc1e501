import type { ParseArgsConfig } from "node:util";
import type { ProgressSink } from "@cejst/schema";

/** What a command can touch: output streams, progress, environment. Tests pass recorders. */
export interface CommandContext {
  /** Results (one JSON document or plain text). */
  out(text: string): void;
  /** Messages for people. */
  err(text: string): void;
  /** Progress: a TTY status line, NDJSON with `--json`, nothing otherwise. */
  progress: ProgressSink;
  /** True when `--json` was given. */
  json: boolean;
  cwd: string;
  env: Record<string, string | undefined>;
}

/** Parsed flags and positionals. */
export interface CommandArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/** One `cejst` subcommand. */
export interface Command {
  name: string;
  /** One line for `cejst --help`. */
  summary: string;
  /** Full help text for `cejst <name> --help`. */
  help: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** Resolves to an exit name other than OK to signal a soft failure. */
  run(args: CommandArgs, ctx: CommandContext): Promise<void>;
}
