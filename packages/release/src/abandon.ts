import { UsageError } from "@cejst/schema";
import { type Actor, appendAudit } from "./audit-log.ts";
import { Conflict, LifecyclePrecondition } from "./errors.ts";
import { isTombstone, type Tombstone } from "./manifest.ts";
import { claimKey, readManifest, versionKey } from "./publish.ts";
import { recordRefusal } from "./refusal.ts";
import type { Store } from "./store.ts";

/**
 * Abandons a version id that was claimed but never committed (rollout.md §2.5 `abandon`):
 * puts a tombstone at `data-versions/<v>/manifest.json` if absent, which makes the id
 * permanently unusable. If the publisher committed first, this is a `Conflict`.
 */
export async function abandon(
  store: Store,
  opts: { version: string; reason: string; actor: Actor; now?: () => Date; command?: string },
): Promise<Tombstone> {
  const now = opts.now ?? (() => new Date());
  const command = opts.command ?? `cejst abandon ${opts.version}`;
  const refuse = (err: Error) =>
    recordRefusal(store, err, { subject: { version: opts.version }, actor: opts.actor, command, now });
  if (opts.reason.trim() === "") throw new UsageError("abandon needs a reason (got an empty one)");
  const existing = await readManifest(store, opts.version);
  if (existing !== undefined) {
    throw await refuse(
      new LifecyclePrecondition(
        isTombstone(existing)
          ? `version ${opts.version} is already abandoned`
          : `version ${opts.version} is committed and cannot be abandoned; reject it instead`,
      ),
    );
  }
  if ((await store.head(claimKey(opts.version))) === undefined) {
    throw await refuse(new LifecyclePrecondition(`version ${opts.version} was never claimed (got no claim)`));
  }
  const tomb: Tombstone = {
    schema: "cejst.tombstone/1",
    version: opts.version,
    reason: opts.reason,
    at: now().toISOString(),
  };
  const r = await store.putIfAbsent(
    versionKey(opts.version, "manifest.json"),
    new TextEncoder().encode(`${JSON.stringify(tomb)}\n`),
    { contentType: "application/json" },
  );
  if (r === "exists")
    throw await refuse(new Conflict(`version ${opts.version} was committed while abandoning it`));
  await appendAudit(
    store,
    {
      event: "publish.abandoned",
      result: "ok",
      exit: "OK",
      subject: { version: opts.version },
      actor: opts.actor,
      run: { command, ci: null },
      reason: opts.reason,
    },
    { now },
  );
  return tomb;
}
