import { CejstError } from "@cejst/schema";

/** The exit names rollout.md §2.4 adds for the release commands. */
export type ReleaseExitName = "CONFLICT" | "VERIFY_FAILED" | "PRECONDITION";

/**
 * Lost a compare-and-swap: another publish claim, release or rollback got there first.
 * Never retried automatically: the operator decided on a state that has changed (exit 109).
 */
export class Conflict extends CejstError {
  readonly exitName: ReleaseExitName = "CONFLICT";
  constructor(message: string) {
    super("CONFLICT", `CONFLICT: ${message}`);
  }
}

/** A stored or served byte, size or type differs from the manifest (exit 110). */
export class VerifyFailed extends CejstError {
  readonly exitName: ReleaseExitName = "VERIFY_FAILED";
  constructor(message: string) {
    super("VERIFY_FAILED", `VERIFY_FAILED: ${message}`);
  }
}

/** A lifecycle precondition is unmet: unknown version, dev build, freeze not in force… (exit 111). */
export class LifecyclePrecondition extends CejstError {
  readonly exitName: ReleaseExitName = "PRECONDITION";
  constructor(message: string) {
    super("PRECONDITION", `PRECONDITION: ${message}`);
  }
}
