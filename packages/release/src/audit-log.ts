import { sha256Digest } from "./bytes.ts";
import { VerifyFailed } from "./errors.ts";
import type { Store } from "./store.ts";

/** Who did something, as recorded in the log and in records. */
export interface Actor {
  name: string;
  email?: string;
  osUser?: string;
  host?: string;
  storePrincipal?: string;
}

/** What a caller supplies for one audit event (rollout.md §1.10); seq, prev and at are filled in. */
export interface AuditEventInput {
  event: string;
  result: "ok" | "refused" | "failed";
  exit: string;
  subject: Record<string, unknown>;
  refs?: Record<string, unknown>;
  actor?: Actor;
  run?: { command: string; ci: string | null };
  reason?: string;
}

/** One stored audit event. */
export interface AuditEvent extends AuditEventInput {
  schema: "cejst.audit/1";
  seq: number;
  /** `sha256:` of the exact bytes of event `seq − 1`; `null` for the first event. */
  prev: string | null;
  at: string;
}

const PREFIX = "audit/";
const keyOf = (seq: number) => `${PREFIX}${String(seq).padStart(12, "0")}.json`;

/**
 * Appends an event: reads the newest event, chains to its bytes, and puts
 * `audit/<seq+1>.json` if absent. A writer that loses the race re-reads and retries with
 * the next number, a bounded number of times with jitter.
 */
export async function appendAudit(
  store: Store,
  input: AuditEventInput,
  opts: { now?: () => Date; maxTries?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<AuditEvent> {
  const now = opts.now ?? (() => new Date());
  const sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const maxTries = opts.maxTries ?? 50;
  let last = await latestAudit(store);
  for (let attempt = 0; attempt < maxTries; attempt++) {
    const seq = (last?.seq ?? 0) + 1;
    const event: AuditEvent = {
      schema: "cejst.audit/1",
      seq,
      prev: last === undefined ? null : sha256Digest(last.bytes),
      at: now().toISOString(),
      ...input,
    };
    const bytes = new TextEncoder().encode(`${JSON.stringify(event)}\n`);
    const r = await store.putIfAbsent(keyOf(seq), bytes, { contentType: "application/json" });
    if (r === "created") return event;
    await sleep(Math.random() * Math.min(200, 5 * 2 ** attempt));
    last = await latestAudit(store, last?.seq);
  }
  throw new Error(`audit append gave up after ${maxTries} tries (got a lost race each time)`);
}

async function latestAudit(
  store: Store,
  after?: number,
): Promise<{ seq: number; bytes: Uint8Array } | undefined> {
  let lastKey: string | undefined;
  for await (const info of store.list(PREFIX, after === undefined ? {} : { startAfter: keyOf(after) }))
    lastKey = info.key;
  if (lastKey === undefined) {
    if (after === undefined) return undefined;
    lastKey = keyOf(after);
  }
  const obj = await store.get(lastKey);
  if (obj === undefined) throw new Error(`audit event vanished while reading (got no object at ${lastKey})`);
  return { seq: Number(lastKey.slice(PREFIX.length, PREFIX.length + 12)), bytes: obj.body };
}

/** Every event in order, with its exact bytes. */
export async function* readAudit(store: Store): AsyncIterable<{ event: AuditEvent; bytes: Uint8Array }> {
  for await (const info of store.list(PREFIX)) {
    const obj = await store.get(info.key);
    if (obj === undefined) continue;
    const event = JSON.parse(new TextDecoder().decode(obj.body)) as AuditEvent;
    yield { event, bytes: obj.body };
  }
}

/** Walks the hash chain; throws `VerifyFailed` at the first gap or broken link. Returns the count. */
export async function verifyAuditChain(store: Store): Promise<number> {
  let expectSeq = 1;
  let prevBytes: Uint8Array | undefined;
  for await (const { event, bytes } of readAudit(store)) {
    if (event.seq !== expectSeq)
      throw new VerifyFailed(`audit log has a gap at seq ${expectSeq} (got ${event.seq})`);
    const want = prevBytes === undefined ? null : sha256Digest(prevBytes);
    if (event.prev !== want)
      throw new VerifyFailed(
        `audit event ${event.seq} does not chain to event ${event.seq - 1} (got prev ${event.prev})`,
      );
    prevBytes = bytes;
    expectSeq++;
  }
  return expectSeq - 1;
}
