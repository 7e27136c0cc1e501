import type { Actor } from "./audit-log.ts";
import { sha256Digest } from "./bytes.ts";
import { canonicalJson } from "./canonical-json.ts";
import { Conflict, LifecyclePrecondition } from "./errors.ts";
import { latestFreeze } from "./publish.ts";
import type { Store } from "./store.ts";

/** A freeze record (rollout.md §1.5). */
export interface FreezeRecord {
  schema: "cejst.freeze/1";
  label: string;
  seq: number;
  commit: string;
  lockfile: string;
  inputs: string;
  toolchain: Record<string, string>;
  supersedes: number | null;
  reason: string | null;
  actor: Actor;
  at: string;
}

/**
 * Writes freeze `seq n+1` of a label, if absent. `supersedes` must name the latest seq when
 * one exists; losing the race to another freeze is a `Conflict`.
 */
export async function createFreeze(
  store: Store,
  input: Omit<FreezeRecord, "schema" | "seq" | "at" | "supersedes" | "reason"> & {
    supersedes?: number;
    reason?: string;
    now?: () => Date;
  },
): Promise<{ record: FreezeRecord; digest: string }> {
  const latest = await latestFreeze(store, input.label);
  if (latest !== undefined && input.supersedes !== latest.seq) {
    throw new LifecyclePrecondition(
      `freeze ${latest.seq} of ${input.label} is in force; --supersede must name it (got ${input.supersedes})`,
    );
  }
  const { now, supersedes, reason, ...rest } = input;
  const seq = (latest?.seq ?? 0) + 1;
  const record: FreezeRecord = {
    schema: "cejst.freeze/1",
    ...rest,
    seq,
    supersedes: supersedes ?? null,
    reason: reason ?? null,
    at: (now ?? (() => new Date()))().toISOString(),
  };
  const key = `freezes/${input.label}/${String(seq).padStart(6, "0")}.json`;
  const r = await store.putIfAbsent(key, new TextEncoder().encode(`${JSON.stringify(record)}\n`), {
    contentType: "application/json",
  });
  if (r === "exists") throw new Conflict(`another freeze took seq ${seq} of ${input.label} first`);
  return { record, digest: sha256Digest(canonicalJson(record)) };
}
