/**
 * Typed errors that callers branch on. Each carries a stable `code`; the CLI maps codes to
 * exit codes in one table (`packages/cli/src/exit-codes.ts`), so an unmapped code fails to
 * compile. Anything else is a plain `Error` worded `<subject> <problem> (got <value>)`.
 */

/** Every error code a library may throw. */
export type ErrorCode =
  | "INPUT_MISSING"
  | "INPUT_INVALID"
  | "CHECKSUM_MISMATCH"
  | "GATE_FAILED"
  | "RELEASE_EXISTS"
  | "NOT_APPROVED"
  | "STORE_ERROR"
  | "PRECONDITION_FAILED"
  | "TOOL_FAILED"
  | "DIFF_EXCEEDS"
  | "CONFLICT"
  | "VERIFY_FAILED"
  | "PRECONDITION"
  | "USAGE";

/** Base class of every typed cejst error. */
export class CejstError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Where in an input file a problem sits; `line` is 1-based and counts the header. */
export interface InputLocation {
  file: string;
  line?: number;
  field?: string;
}

/** A file could not be found or read. */
export class InputMissingError extends CejstError {
  readonly file: string;
  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super("INPUT_MISSING", `${file}: ${message}`, options);
    this.file = file;
  }
}

/** An input did not match its schema: the message names file, line and field. */
export class InputSchemaError extends CejstError {
  readonly file: string;
  readonly line: number | undefined;
  readonly field: string | undefined;
  constructor(where: InputLocation, message: string, options?: { cause?: unknown }) {
    const place = [where.file, where.line === undefined ? undefined : `line ${where.line}`]
      .filter((x) => x !== undefined)
      .join(":");
    const field = where.field === undefined ? "" : ` column "${where.field}"`;
    super("INPUT_INVALID", `${place}:${field} ${message}`, options);
    this.file = where.file;
    this.line = where.line;
    this.field = where.field;
  }
}

/** Bytes did not hash to the digest recorded for them. */
export class ChecksumMismatch extends CejstError {
  constructor(subject: string, expected: string, actual: string) {
    super("CHECKSUM_MISMATCH", `${subject} checksum mismatch (expected sha256 ${expected}, got ${actual})`);
  }
}

/** A release gate or invariant failed. */
export class GateFailed extends CejstError {
  constructor(message: string) {
    super("GATE_FAILED", message);
  }
}

/** A published version (or another write-once object) already exists. */
export class ReleaseExists extends CejstError {
  constructor(message: string) {
    super("RELEASE_EXISTS", message);
  }
}

/** A release or rollback was attempted without a matching approval. */
export class NotApproved extends CejstError {
  constructor(message: string) {
    super("NOT_APPROVED", message);
  }
}

/** The object store failed to read or write. */
export class StoreError extends CejstError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("STORE_ERROR", message, options);
  }
}

/**
 * A conditional write lost a race (the object changed or appeared meanwhile). Callers
 * catch it once and retry once, as PMTiles' `EtagMismatch` is handled.
 */
export class PreconditionFailed extends CejstError {
  constructor(message: string) {
    super("PRECONDITION_FAILED", message);
  }
}

/** A comparison found changes beyond the configured limits. */
export class DiffExceeds extends CejstError {
  constructor(message: string) {
    super("DIFF_EXCEEDS", message);
  }
}

/** Bad flags or configuration. */
export class UsageError extends CejstError {
  constructor(message: string) {
    super("USAGE", message);
  }
}

/** A spawned process exited non-zero; the message carries its code and the tail of its stderr. */
export class ToolFailed extends CejstError {
  constructor(message: string) {
    super("TOOL_FAILED", message);
  }
}
