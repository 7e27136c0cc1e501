import { CejstError, PreconditionFailed } from "@cejst/schema";

/**
 * The release exits that `@cejst/schema` has no code for yet (rollout.md §2.4: 109
 * CONFLICT, 110 VERIFY_FAILED, 111 PRECONDITION, and 100 INCOMPLETE). Each class carries the
 * exit name it stands for in `exitName`, and a message starting with that name, while its
 * `code` is the nearest existing one, so the CLI already exits non-zero for the right reason.
 */
export type ReleaseExitName = "CONFLICT" | "VERIFY_FAILED" | "PRECONDITION" | "INCOMPLETE";

/** Lost a compare-and-swap: another publish claim, release or rollback got there first. */
export class Conflict extends PreconditionFailed {
  readonly exitName: ReleaseExitName = "CONFLICT";
  constructor(message: string) {
    super(`CONFLICT: ${message}`);
  }
}

/** A stored or served byte, size or type differs from the manifest. */
export class VerifyFailed extends CejstError {
  readonly exitName: ReleaseExitName = "VERIFY_FAILED";
  constructor(message: string) {
    super("CHECKSUM_MISMATCH", `VERIFY_FAILED: ${message}`);
  }
}

/** A lifecycle precondition is unmet (unknown version, dev build, freeze not in force…). */
export class LifecyclePrecondition extends CejstError {
  readonly exitName: ReleaseExitName = "PRECONDITION";
  constructor(message: string) {
    super("PRECONDITION_FAILED", `PRECONDITION: ${message}`);
  }
}
