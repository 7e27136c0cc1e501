import { CejstError, UsageError } from "@cejst/schema";
import type { CommandArgs } from "./command.ts";
import { EXIT_CODES, EXIT_FOR_ERROR, type ExitName } from "./exit-codes.ts";

/** The exit name for any thrown value. */
export function exitNameFor(error: unknown): ExitName {
  if (error instanceof CejstError) return EXIT_FOR_ERROR[error.code];
  return "UNEXPECTED";
}

/** The numeric exit code for any thrown value. */
export function exitCodeFor(error: unknown): number {
  return EXIT_CODES[exitNameFor(error)].code;
}

/** A required string flag, or a usage error naming it. */
export function requireString(args: CommandArgs, name: string): string {
  const v = args.values[name];
  if (typeof v !== "string" || v === "") throw new UsageError(`--${name} is required`);
  return v;
}

/** An optional string flag. */
export function optionalString(args: CommandArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === "string" ? v : undefined;
}

/** An optional positive integer flag. */
export function optionalInt(args: CommandArgs, name: string): number | undefined {
  const v = optionalString(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`--${name} must be a non-negative integer (got ${v})`);
  return n;
}
