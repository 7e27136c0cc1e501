import { noProgress, type ProgressSink } from "@cejst/schema";
import { type Actor, appendAudit } from "./audit-log.ts";
import { sha256Digest, sha256Hex } from "./bytes.ts";
import { canonicalJson } from "./canonical-json.ts";
import { VerifyFailed } from "./errors.ts";
import type { ByteSource, Store } from "./store.ts";

/** One upstream input as the input set records it. */
export interface InputItem {
  /** The dataset it belongs to (the original's ETL name). */
  name: string;
  /** The file name the adapter sees. */
  file: string;
  /** Where it came from. */
  source: string;
  sha256: string;
  bytes: number;
}

/** `inputs/sets/<hex>.json` (rollout.md §1.5): every upstream input, write-once. */
export interface InputSetRecord {
  schema: "cejst.input-set/1";
  items: InputItem[];
}

/** An input to store: its record fields and its bytes. */
export interface InputToStore extends InputItem {
  body: ByteSource;
}

/** The key of an input set, from its `sha256:` digest. */
export const inputSetKey = (digest: string) => `inputs/sets/${digest.slice("sha256:".length)}.json`;
/** The key of a stored input, from its bare hex sha256. */
export const inputKey = (hex: string) => `inputs/sha256/${hex}`;

/**
 * Stores verified upstream inputs content-addressed under `inputs/sha256/<hex>` (identical
 * content is stored once) and then the input set `inputs/sets/<hex>.json`, whose digest is
 * the sha256 of its canonical JSON (rollout.md §2.5 `inputs snapshot`). An input already
 * stored is read back and hashed; different bytes under its hash are `VerifyFailed`.
 */
export async function snapshotInputs(
  store: Store,
  inputs: InputToStore[],
  opts: { actor?: Actor; command?: string; now?: () => Date; progress?: ProgressSink } = {},
): Promise<{ digest: string; record: InputSetRecord; created: number }> {
  const progress = opts.progress ?? noProgress;
  let created = 0;
  let done = 0;
  for (const input of inputs) {
    if (!/^[0-9a-f]{64}$/.test(input.sha256))
      throw new Error(
        `input ${input.name}/${input.file} sha256 is not 64 lowercase hex (got ${input.sha256})`,
      );
    const key = inputKey(input.sha256);
    const r = await store.putIfAbsent(key, input.body, {
      contentType: "application/octet-stream",
      sha256: input.sha256,
    });
    if (r === "created") created++;
    else {
      const stored = await store.get(key);
      const hex = stored === undefined ? "nothing" : sha256Hex(stored.body);
      if (hex !== input.sha256)
        throw new VerifyFailed(
          `stored input ${key} hashes to ${hex}, not its name (got ${input.name}/${input.file})`,
        );
    }
    progress({ stage: "inputs", done: ++done, total: inputs.length, unit: "files", detail: input.file });
  }
  const items = inputs
    .map(({ body: _b, ...item }) => item)
    .sort((a, b) => cmp(a.name, b.name) || cmp(a.file, b.file));
  const record: InputSetRecord = { schema: "cejst.input-set/1", items };
  const digest = sha256Digest(canonicalJson(record));
  await store.putIfAbsent(
    inputSetKey(digest),
    new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`),
    {
      contentType: "application/json",
    },
  );
  await appendAudit(
    store,
    {
      event: "inputs.snapshot",
      result: "ok",
      exit: "OK",
      subject: { inputs: digest },
      refs: { items: items.length, bytes: items.reduce((n, i) => n + i.bytes, 0), created },
      ...(opts.actor === undefined ? {} : { actor: opts.actor }),
      run: { command: opts.command ?? "cejst inputs snapshot", ci: null },
    },
    opts.now === undefined ? {} : { now: opts.now },
  );
  return { digest, record, created };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
