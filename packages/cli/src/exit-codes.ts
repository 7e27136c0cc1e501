import type { ErrorCode } from "@cejst/schema";

/**
 * Exit codes of `cejst`. Settled once and never renumbered. 124–127 and 128+n belong to
 * the shell, `timeout` and signals, so they are never used here.
 */
export const EXIT_CODES = {
  OK: { code: 0, meaning: "success" },
  UNEXPECTED: { code: 1, meaning: "bug or unhandled error" },
  USAGE: { code: 2, meaning: "bad flags or config" },
  INCOMPLETE: { code: 100, meaning: "stopped with partial output; resumable" },
  INPUT_MISSING: { code: 101, meaning: "a dataset or file could not be fetched or read" },
  INPUT_INVALID: { code: 102, meaning: "a schema, checksum or row-count check failed on an input" },
  GATE_FAILED: { code: 103, meaning: "a release gate or invariant failed" },
  RELEASE_EXISTS: { code: 104, meaning: "refused to overwrite a published version" },
  NOT_APPROVED: { code: 105, meaning: "release or rollback attempted without the recorded approval" },
  STORE_ERROR: { code: 106, meaning: "object store read, write or precondition failure" },
  TOOL_FAILED: { code: 107, meaning: "a spawned process exited non-zero" },
  DIFF_EXCEEDS: { code: 108, meaning: "compare found changes beyond the configured tolerance" },
  CONFLICT: {
    code: 109,
    meaning: "lost a compare-and-swap: another release, rollback or publish claim got there first",
  },
  VERIFY_FAILED: {
    code: 110,
    meaning: "a served or stored byte, size, type or header differs from the manifest",
  },
  PRECONDITION: {
    code: 111,
    meaning:
      "a lifecycle precondition is unmet (unknown or uncommitted version, rejected digest, no fresh verification…)",
  },
} as const;

/** The name of an exit code. */
export type ExitName = keyof typeof EXIT_CODES;

/** Which exit each library error code leads to; an unmapped code fails to compile. */
export const EXIT_FOR_ERROR = {
  INPUT_MISSING: "INPUT_MISSING",
  INPUT_INVALID: "INPUT_INVALID",
  CHECKSUM_MISMATCH: "INPUT_INVALID",
  GATE_FAILED: "GATE_FAILED",
  RELEASE_EXISTS: "RELEASE_EXISTS",
  NOT_APPROVED: "NOT_APPROVED",
  STORE_ERROR: "STORE_ERROR",
  PRECONDITION_FAILED: "STORE_ERROR",
  TOOL_FAILED: "TOOL_FAILED",
  DIFF_EXCEEDS: "DIFF_EXCEEDS",
  CONFLICT: "CONFLICT",
  VERIFY_FAILED: "VERIFY_FAILED",
  PRECONDITION: "PRECONDITION",
  USAGE: "USAGE",
} as const satisfies Record<ErrorCode, ExitName>;

/** The exit-code table as Markdown (printed by `cejst help exit-codes`, copied into the README). */
export function formatExitCodeTable(): string {
  const rows = Object.entries(EXIT_CODES).map(
    ([name, { code, meaning }]) => `| ${code} | \`${name}\` | ${meaning} |`,
  );
  return ["| code | name | meaning |", "|---|---|---|", ...rows].join("\n");
}
