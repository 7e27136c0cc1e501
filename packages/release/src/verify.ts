import { createHash } from "node:crypto";
import { noProgress, type ProgressSink } from "@cejst/schema";
import { MANIFEST_NAME } from "./build-manifest.ts";
import { LifecyclePrecondition } from "./errors.ts";
import { isTombstone, manifestDigest } from "./manifest.ts";
import { readManifest, versionKey } from "./publish.ts";
import type { Store, StoredObject } from "./store.ts";

/** One problem `verify` found. */
export interface VerifyFailure {
  path: string;
  problem: string;
}

/** What `verifyVersion` checked. */
export interface VerifyReport {
  version: string;
  digest: string;
  files: number;
  bytes: number;
  failures: VerifyFailure[];
  /** Keys under the version's folder that its manifest does not list. */
  strays: string[];
  ok: boolean;
}

/**
 * Re-hashes every stored file of a committed version against its manifest (size and
 * sha256; also the stored content type where the store keeps one), and lists the folder
 * for keys the manifest does not name. Every failure is reported; nothing is sampled.
 */
export async function verifyVersion(
  store: Store,
  version: string,
  opts: { concurrency?: number; progress?: ProgressSink } = {},
): Promise<VerifyReport> {
  const progress = opts.progress ?? noProgress;
  const manifest = await readManifest(store, version);
  if (manifest === undefined || isTombstone(manifest)) {
    throw new LifecyclePrecondition(
      `version ${version} is not committed (got ${manifest === undefined ? "no manifest" : "a tombstone"})`,
    );
  }
  const failures: VerifyFailure[] = [];
  const files = manifest.content.files;
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length) {
      const f = files[next++]!;
      const obj = await readHashed(store, versionKey(version, f.path), f.bytes);
      if (obj === undefined) failures.push({ path: f.path, problem: "missing" });
      else {
        if (obj.size !== f.bytes)
          failures.push({ path: f.path, problem: `size ${obj.size}, manifest ${f.bytes}` });
        if (obj.sha256 !== f.sha256)
          failures.push({ path: f.path, problem: `sha256 ${obj.sha256}, manifest ${f.sha256}` });
        if (obj.contentType !== undefined && obj.contentType !== f.contentType) {
          failures.push({
            path: f.path,
            problem: `content type ${obj.contentType}, manifest ${f.contentType}`,
          });
        }
      }
      done++;
      progress({ stage: "verify", done, total: files.length, unit: "files", detail: f.path });
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 16, files.length)) }, worker),
  );
  const listed = new Set(files.map((f) => f.path));
  listed.add(MANIFEST_NAME);
  const strays: string[] = [];
  const prefix = versionKey(version, "");
  for await (const info of store.list(prefix)) {
    const path = info.key.slice(prefix.length);
    if (!listed.has(path)) strays.push(path);
  }
  failures.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    version,
    digest: manifestDigest(manifest),
    files: files.length,
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    failures,
    strays,
    ok: failures.length === 0 && strays.length === 0,
  };
}

/**
 * Large objects are read in ranges of this size. Fresh memory is expensive to fault in, and
 * buffers of this size are recycled by the allocator where a whole 200 MB body never is, so
 * hashing a national release this way costs a fraction of reading each file whole.
 */
const CHUNK_BYTES = 8 * 1024 * 1024;

/** Size, sha256 and content type of a stored object, read whole or in ranges. */
async function readHashed(
  store: Store,
  key: string,
  expectedBytes: number,
): Promise<{ size: number; sha256: string; contentType?: string } | undefined> {
  if (expectedBytes <= CHUNK_BYTES) {
    const obj = await store.get(key);
    if (obj === undefined) return undefined;
    return {
      size: obj.body.byteLength,
      sha256: createHash("sha256").update(obj.body).digest("hex"),
      ...(obj.contentType === undefined ? {} : { contentType: obj.contentType }),
    };
  }
  const hash = createHash("sha256");
  let first: StoredObject | undefined = await store.get(key, { start: 0, end: CHUNK_BYTES - 1 });
  if (first === undefined) return undefined;
  const size = first.size;
  const contentType = first.contentType;
  hash.update(first.body);
  let at = first.body.byteLength;
  first = undefined;
  while (at < size) {
    const part = await store.get(key, { start: at, end: Math.min(size, at + CHUNK_BYTES) - 1 });
    // The object vanished or shrank between two reads: report what was read.
    if (part === undefined || part.body.byteLength === 0) break;
    hash.update(part.body);
    at += part.body.byteLength;
  }
  return { size: at, sha256: hash.digest("hex"), ...(contentType === undefined ? {} : { contentType }) };
}
