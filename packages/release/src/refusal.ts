import { type Actor, appendAudit } from "./audit-log.ts";
import type { Store } from "./store.ts";

/**
 * Writes the `refused` audit event every refusal after the store is opened leaves
 * (rollout.md §2.5), and returns the error for the caller to throw.
 */
export async function recordRefusal<E extends Error & { exitName?: string; code?: string }>(
  store: Store,
  err: E,
  ctx: { subject: Record<string, unknown>; actor?: Actor; command: string; now?: () => Date },
): Promise<E> {
  await appendAudit(
    store,
    {
      event: "refused",
      result: "refused",
      exit: err.exitName ?? err.code ?? "UNEXPECTED",
      subject: ctx.subject,
      ...(ctx.actor === undefined ? {} : { actor: ctx.actor }),
      run: { command: ctx.command, ci: null },
      reason: err.message,
    },
    ctx.now === undefined ? {} : { now: ctx.now },
  );
  return err;
}
