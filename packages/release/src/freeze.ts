import { type Actor, appendAudit } from "./audit-log.ts";
import { sha256Digest } from "./bytes.ts";
import { canonicalJson } from "./canonical-json.ts";
import { Conflict, LifecyclePrecondition } from "./errors.ts";
import { inputSetKey } from "./inputs-snapshot.ts";
import { labelOf } from "./manifest.ts";
import { publicOffers } from "./public-set.ts";
import { latestFreeze } from "./publish.ts";
import { recordRefusal } from "./refusal.ts";
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

/** The key of freeze `seq` of a label. */
export const freezeKey = (label: string, seq: number) =>
  `freezes/${label}/${String(seq).padStart(6, "0")}.json`;

/**
 * Writes freeze `seq n+1` of a label if absent (rollout.md §2.5 `freeze`). Refuses
 * (`PRECONDITION`, with a `refused` audit event) an unknown input set, a label some channel
 * has already made public, and a `supersedes` that does not name the latest seq; losing the
 * race to another freeze is a `Conflict`. The audit event `freeze.created` follows the commit.
 */
export async function createFreeze(
  store: Store,
  input: Omit<FreezeRecord, "schema" | "seq" | "at" | "supersedes" | "reason"> & {
    supersedes?: number;
    reason?: string;
    now?: () => Date;
    command?: string;
  },
): Promise<{ record: FreezeRecord; digest: string }> {
  const { now, supersedes, reason, command, ...rest } = input;
  const clock = now ?? (() => new Date());
  const run = command ?? `cejst freeze --label ${input.label}`;
  const refuse = (err: Error) =>
    recordRefusal(store, err, {
      subject: { label: input.label },
      actor: input.actor,
      command: run,
      now: clock,
    });
  if (!/^sha256:[0-9a-f]{64}$/.test(input.inputs))
    throw await refuse(new LifecyclePrecondition(`input set must be sha256:<64 hex> (got ${input.inputs})`));
  if ((await store.head(inputSetKey(input.inputs))) === undefined) {
    throw await refuse(
      new LifecyclePrecondition(
        `input set ${input.inputs} is unknown; run cejst inputs snapshot first (got no ${inputSetKey(input.inputs)})`,
      ),
    );
  }
  for (const offer of (await publicOffers(store)).values()) {
    if (labelOf(offer.version) === input.label) {
      throw await refuse(
        new LifecyclePrecondition(
          `label ${input.label} is already public (version ${offer.version}); freeze a new label instead`,
        ),
      );
    }
  }
  const latest = await latestFreeze(store, input.label);
  if (latest !== undefined && supersedes !== latest.seq) {
    throw await refuse(
      new LifecyclePrecondition(
        `freeze ${latest.seq} of ${input.label} is in force; --supersede must name it (got ${supersedes ?? "nothing"})`,
      ),
    );
  }
  if (latest === undefined && supersedes !== undefined) {
    throw await refuse(
      new LifecyclePrecondition(
        `label ${input.label} has no freeze to supersede (got --supersede ${supersedes})`,
      ),
    );
  }
  if (supersedes !== undefined && (reason === undefined || reason.trim() === "")) {
    throw await refuse(new LifecyclePrecondition("superseding a freeze needs a reason (got none)"));
  }
  const seq = (latest?.seq ?? 0) + 1;
  const record: FreezeRecord = {
    schema: "cejst.freeze/1",
    ...rest,
    seq,
    supersedes: supersedes ?? null,
    reason: reason ?? null,
    at: clock().toISOString(),
  };
  const r = await store.putIfAbsent(
    freezeKey(input.label, seq),
    new TextEncoder().encode(`${JSON.stringify(record)}\n`),
    { contentType: "application/json" },
  );
  if (r === "exists")
    throw await refuse(new Conflict(`another freeze took seq ${seq} of ${input.label} first`));
  const digest = sha256Digest(canonicalJson(record));
  await appendAudit(
    store,
    {
      event: "freeze.created",
      result: "ok",
      exit: "OK",
      subject: { label: input.label, seq },
      refs: { freeze: digest, inputs: input.inputs, commit: input.commit },
      actor: input.actor,
      run: { command: run, ci: null },
      ...(reason === undefined ? {} : { reason }),
    },
    { now: clock },
  );
  return { record, digest };
}
