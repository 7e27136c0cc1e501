import type { Actor } from "./audit-log.ts";
import type { Store } from "./store.ts";

/** One problem found through the edge. */
export interface EdgeFailure {
  host: string;
  path: string;
  problem: string;
}

/** What a verification checked: a distribution through its staging host, or a channel through its domains. */
export type VerificationTarget =
  | { kind: "distribution"; distribution: string }
  | { kind: "channel"; channel: string; gen: number; distribution: string };

/** `verifications/<dst id or channel>/<ver id>.json` (rollout.md §1.3, §2.5 `verify`). */
export interface VerificationRecord {
  schema: "cejst.verification/1";
  id: string;
  target: VerificationTarget;
  result: "passed" | "failed";
  passed: boolean;
  hosts: string[];
  counts: { requests: number; files: number; bytes: number; failures: number };
  /** Every failure; nothing is sampled or truncated. */
  failures: EdgeFailure[];
  /** The generation and distribution the edge's channel responses named (channels only). */
  edge: { generation: number | null; distributions: string[] };
  actor: Actor | null;
  startedAt: string;
  at: string;
}

const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** The folder a target's records live in: the distribution id, or the channel name. */
export function verificationFolder(target: VerificationTarget): string {
  return `verifications/${target.kind === "distribution" ? target.distribution : target.channel}/`;
}

/**
 * The newest verification record under `verifications/<name>/` (by `at`, then id), or
 * `undefined`. Records that do not parse are skipped: they can never count as a pass.
 */
export async function latestVerification(
  store: Store,
  name: string,
): Promise<VerificationRecord | undefined> {
  let latest: VerificationRecord | undefined;
  for await (const info of store.list(`verifications/${name}/`)) {
    const obj = await store.get(info.key);
    if (obj === undefined) continue;
    let rec: VerificationRecord;
    try {
      rec = JSON.parse(dec(obj.body)) as VerificationRecord;
    } catch {
      continue;
    }
    if (rec.schema !== "cejst.verification/1" || typeof rec.at !== "string") continue;
    if (latest === undefined || rec.at > latest.at || (rec.at === latest.at && rec.id > latest.id))
      latest = rec;
  }
  return latest;
}
