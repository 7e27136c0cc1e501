/**
 * The steps every way of creating a version shares (rollout.md §2.5 `publish`, and
 * `publish --from`): the claim, each object put-if-absent with a read-back when it already
 * exists, and `manifest.json` as the commit point. `publish` feeds bytes from a build
 * folder, `promote` from another version; the guarantees are the same, so they live here.
 */
import { ReleaseExists } from "@cejst/schema";
import type { Actor } from "./audit-log.ts";
import { MANIFEST_NAME } from "./build-manifest.ts";
import { sha256Hex } from "./bytes.ts";
import { Conflict, VerifyFailed } from "./errors.ts";
import { isTombstone, type ManifestFile, manifestDigest, type ReleaseManifest } from "./manifest.ts";
import { claimKey, IMMUTABLE, type PublishClaim, readManifest, versionKey } from "./publish.ts";
import type { ByteSource, Store } from "./store.ts";

/** Turns an error into the one to throw, after recording the refusal. */
export type Refuse = (err: Error) => Promise<Error>;

/**
 * Refuses an id that already has a manifest: committed versions are immutable and an
 * abandoned id is never reused.
 */
export async function refuseExisting(store: Store, version: string, refuse: Refuse): Promise<void> {
  const existing = await readManifest(store, version);
  if (existing === undefined) return;
  if (isTombstone(existing))
    throw await refuse(new ReleaseExists(`version ${version} was abandoned; choose another id`));
  throw await refuse(
    new ReleaseExists(
      `version ${version} is already published with digest ${manifestDigest(existing)}; published versions are immutable`,
    ),
  );
}

/**
 * Writes `control/claims/<version>.json` for `digest`. Returns true when this run made the
 * claim, false when it continues a claim of the same content (`resume`). Other content, or
 * the same content without `resume`, is refused.
 */
export async function claimVersion(
  store: Store,
  c: { version: string; digest: string; runId: string; startedAt: string; actor?: Actor; resume?: boolean },
  refuse: Refuse,
): Promise<boolean> {
  const claim: PublishClaim = {
    schema: "cejst.claim/1",
    version: c.version,
    content: c.digest,
    run: { id: c.runId, startedAt: c.startedAt },
    ...(c.actor === undefined ? {} : { actor: c.actor }),
  };
  const claimed = await store.putIfAbsent(claimKey(c.version), enc(`${JSON.stringify(claim)}\n`), {
    contentType: "application/json",
  });
  if (claimed === "created") return true;
  const other = await store.get(claimKey(c.version));
  const theirs = other === undefined ? undefined : (JSON.parse(dec(other.body)) as PublishClaim);
  if (theirs?.content !== c.digest) {
    throw await refuse(
      new ReleaseExists(
        `version ${c.version} is claimed by another build with digest ${theirs?.content} (this build is ${c.digest})`,
      ),
    );
  }
  if (c.resume !== true) {
    throw await refuse(
      new Conflict(
        `version ${c.version} is claimed by run ${theirs.run.id}; pass --resume to continue it with the same build`,
      ),
    );
  }
  return false;
}

/**
 * Stores one file of `version` whose bytes the caller has checked against `f`. An object
 * already there (a resumed run) is accepted only when it has the same sha256. Returns true
 * when this call created it.
 */
export async function putVersionFile(
  store: Store,
  version: string,
  f: ManifestFile,
  bytes: ByteSource,
  source: string,
): Promise<boolean> {
  const key = versionKey(version, f.path);
  const r = await store.putIfAbsent(key, bytes, {
    contentType: f.contentType,
    cacheControl: IMMUTABLE,
    sha256: f.sha256,
  });
  if (r === "created") return true;
  const stored = await store.get(key);
  const theirs = stored === undefined ? "nothing" : sha256Hex(stored.body);
  if (theirs !== f.sha256)
    throw new VerifyFailed(`stored object ${key} has sha256 ${theirs}, ${source} has ${f.sha256}`);
  return false;
}

/**
 * Writes `manifest.json`, the commit point. Returns true when this run committed; false
 * when another run committed the same content first. Different content is `ReleaseExists`.
 */
export async function commitVersion(
  store: Store,
  version: string,
  manifest: ReleaseManifest,
  digest: string,
): Promise<boolean> {
  const committed = await store.putIfAbsent(
    versionKey(version, MANIFEST_NAME),
    enc(`${JSON.stringify(manifest, null, 2)}\n`),
    { contentType: "application/json", cacheControl: IMMUTABLE },
  );
  if (committed === "created") return true;
  const theirs = await readManifest(store, version);
  if (theirs === undefined || isTombstone(theirs) || manifestDigest(theirs) !== digest) {
    throw new ReleaseExists(
      `version ${version} was committed by another run with different content while this one ran`,
    );
  }
  return false;
}

/** Runs `fn` over `items` with at most `limit` in flight; the first failure stops new work. */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (failed === undefined && next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed !== undefined) throw failed;
}

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
