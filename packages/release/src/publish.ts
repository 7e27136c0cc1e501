import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ChecksumMismatch, noProgress, type ProgressSink, UsageError } from "@cejst/schema";
import { type Actor, appendAudit } from "./audit-log.ts";
import { MANIFEST_NAME, SUMS_NAME } from "./build-manifest.ts";
import { fileSource, sha256Digest } from "./bytes.ts";
import { canonicalJson } from "./canonical-json.ts";
import { LifecyclePrecondition } from "./errors.ts";
import {
  isTombstone,
  labelOf,
  type ManifestFile,
  manifestDigest,
  parseManifest,
  type ReleaseManifest,
  VERSION_ID,
} from "./manifest.ts";
import type { Store } from "./store.ts";
import { claimVersion, commitVersion, inParallel, putVersionFile, refuseExisting } from "./version-writer.ts";

/** The `Cache-Control` every version file is stored with (rollout.md §1.11). */
export const IMMUTABLE = "public, max-age=31536000, immutable";

/** The claim record at `control/claims/<version>.json`. */
export interface PublishClaim {
  schema: "cejst.claim/1";
  version: string;
  content: string;
  run: { id: string; startedAt: string };
  actor?: Actor;
}

/** Options of `publish`. */
export interface PublishOptions {
  version: string;
  buildDir: string;
  /** Continue a version this content digest already claimed (another or a crashed run). */
  resume?: boolean;
  /**
   * Publish a build that names no freeze (a store where `freeze` is not used yet, such as a
   * local trial). Recorded in the audit events. A `--dev` build (`freeze: null`) is refused
   * even so.
   */
  allowUnfrozen?: boolean;
  actor?: Actor;
  runId?: string;
  command?: string;
  concurrency?: number;
  now?: () => Date;
  progress?: ProgressSink;
}

/** What a publish did. */
export interface PublishResult {
  version: string;
  digest: string;
  files: number;
  bytes: number;
  /** Objects this run created (0 when another run had already stored everything). */
  created: number;
  /** False when another run committed the same content first. */
  committedByThisRun: boolean;
}

/** Key of a version's object. */
export const versionKey = (version: string, path: string) => `data-versions/${version}/${path}`;
/** Key of a version's claim. */
export const claimKey = (version: string) => `control/claims/${version}.json`;

/**
 * Publishes a build folder as `version` (rollout.md §2.5 `publish`): claim, every file
 * put-if-absent with its sha256, `SHA256SUMS`, then `manifest.json` as the commit marker.
 * A rerun after a crash completes (objects already stored with the same hash are accepted).
 * A committed or abandoned id is refused with `ReleaseExists` before anything is written.
 */
export async function publish(store: Store, opts: PublishOptions): Promise<PublishResult> {
  const now = opts.now ?? (() => new Date());
  const progress = opts.progress ?? noProgress;
  const { version } = opts;
  const startedAt = now().toISOString();
  const runId = opts.runId ?? `run_${randomBytes(10).toString("hex")}`;
  const audit = (
    event: string,
    result: "ok" | "refused",
    exit: string,
    refs: Record<string, unknown>,
    reason?: string,
  ) =>
    appendAudit(
      store,
      {
        event,
        result,
        exit,
        subject: { version },
        refs,
        ...(opts.actor === undefined ? {} : { actor: opts.actor }),
        run: { command: opts.command ?? `cejst publish --version ${version}`, ci: null },
        ...(reason === undefined ? {} : { reason }),
      },
      { now },
    );
  const refuse = async (
    err: Error & { exitName?: string; code?: string },
    refs: Record<string, unknown> = {},
  ) => {
    await audit("refused", "refused", err.exitName ?? err.code ?? "UNEXPECTED", refs, err.message);
    return err;
  };

  if (!VERSION_ID.test(version)) {
    throw new UsageError(
      `version id is malformed; expected beta or MAJOR.MINOR[.PATCH][-rc.N] (got ${version})`,
    );
  }
  const manifestText = await readFile(join(opts.buildDir, MANIFEST_NAME), "utf8").catch((cause) => {
    throw new LifecyclePrecondition(
      `build folder has no readable ${MANIFEST_NAME} (got ${(cause as Error).message})`,
    );
  });
  const parsed = parseManifest(manifestText, join(opts.buildDir, MANIFEST_NAME));
  if (isTombstone(parsed))
    throw new LifecyclePrecondition(`build manifest is a tombstone (got ${opts.buildDir})`);
  const build: ReleaseManifest = { schema: parsed.schema, content: parsed.content };
  const digest = manifestDigest(build);

  // Refusals that need no writes come first, so a refused publish changes nothing but the log.
  await refuseExisting(store, version, refuse);
  if (labelOf(version) !== build.content.label) {
    throw await refuse(
      new LifecyclePrecondition(
        `version ${version} does not match the build's label ${build.content.label} (got ${labelOf(version)})`,
      ),
    );
  }
  const unfrozen = build.content.freeze === undefined && opts.allowUnfrozen === true;
  if (!unfrozen) await checkFreeze(store, build, refuse);

  // 1. The claim.
  const claimedNow = await claimVersion(
    store,
    {
      version,
      digest,
      runId,
      startedAt,
      resume: opts.resume === true,
      ...(opts.actor === undefined ? {} : { actor: opts.actor }),
    },
    refuse,
  );
  if (claimedNow) {
    await audit("publish.claimed", "ok", "OK", {
      manifest: digest,
      run: runId,
      ...(unfrozen ? { unfrozen } : {}),
    });
  }

  // 2. Data files, then 3. SHA256SUMS, each create-if-absent with a read-back on "exists".
  const files = build.content.files;
  const data = files.filter((f) => f.path !== SUMS_NAME);
  const sums = files.filter((f) => f.path === SUMS_NAME);
  const total = files.reduce((n, f) => n + f.bytes, 0);
  let done = 0;
  let created = 0;
  const put = async (f: ManifestFile) => {
    // The file is streamed, not read whole, and hashed by the store against the manifest's
    // sha256 (the S3 server checks the signed payload hash; the fs and memory stores hash
    // what they write): one pass over the bytes. A refused put is looked at again here, so
    // that a build file that differs from its manifest is reported as such.
    const path = join(opts.buildDir, ...f.path.split("/"));
    try {
      if (await putVersionFile(store, version, f, fileSource(path, f.bytes), "the build")) created++;
    } catch (e) {
      const actual = await hashLocalFile(path).catch(() => undefined);
      if (actual === undefined) throw e;
      if (actual.hex !== f.sha256 || actual.bytes !== f.bytes) {
        throw new ChecksumMismatch(`build file ${f.path} (${actual.bytes} bytes)`, f.sha256, actual.hex);
      }
      throw e;
    }
    done += f.bytes;
    progress({ stage: "upload", done, total, unit: "bytes", detail: f.path });
  };
  // ~3,000 objects, mostly small: 32 in flight measured faster than 16 against RGW
  await inParallel(data, opts.concurrency ?? 32, put);
  for (const f of sums) await put(f);

  // 4. The manifest: the commit point.
  const finishedAt = now().toISOString();
  const manifest: ReleaseManifest = {
    ...build,
    publication: { version, publishedAt: finishedAt, buildRun: { id: runId, startedAt, finishedAt } },
  };
  if (!(await commitVersion(store, version, manifest, digest)))
    return { version, digest, files: files.length, bytes: total, created, committedByThisRun: false };
  // 5. The audit event.
  await audit("publish.committed", "ok", "OK", {
    manifest: digest,
    run: runId,
    files: files.length,
    bytes: total,
  });
  return { version, digest, files: files.length, bytes: total, created, committedByThisRun: true };
}

/** The stored manifest (or tombstone) of a version, or `undefined` when it is not committed. */
export async function readManifest(store: Store, version: string) {
  const obj = await store.get(versionKey(version, MANIFEST_NAME));
  if (obj === undefined) return undefined;
  return parseManifest(dec(obj.body), versionKey(version, MANIFEST_NAME));
}

async function checkFreeze(
  store: Store,
  build: ReleaseManifest,
  refuse: (e: LifecyclePrecondition) => Promise<Error>,
): Promise<void> {
  const ref = build.content.freeze;
  if (ref === null) {
    throw await refuse(
      new LifecyclePrecondition("the build has no freeze (a --dev build); only frozen builds are published"),
    );
  }
  if (ref === undefined) {
    throw await refuse(
      new LifecyclePrecondition(
        "the build manifest names no freeze; freeze the label first, or pass --allow-unfrozen for a local trial",
      ),
    );
  }
  const latest = await latestFreeze(store, ref.label);
  if (latest === undefined)
    throw await refuse(
      new LifecyclePrecondition(`no freeze exists for label ${ref.label} (got seq ${ref.seq})`),
    );
  if (latest.seq !== ref.seq || latest.digest !== ref.record) {
    throw await refuse(
      new LifecyclePrecondition(
        `the build's freeze is not the one in force for ${ref.label}: in force is seq ${latest.seq} ${latest.digest} (got seq ${ref.seq} ${ref.record})`,
      ),
    );
  }
}

/** The latest freeze of a label: its seq and the digest of its canonical JSON. */
export async function latestFreeze(
  store: Store,
  label: string,
): Promise<{ seq: number; digest: string } | undefined> {
  let last: string | undefined;
  for await (const info of store.list(`freezes/${label}/`)) last = info.key;
  if (last === undefined) return undefined;
  const obj = await store.get(last);
  if (obj === undefined) return undefined;
  const record = JSON.parse(dec(obj.body)) as { seq: number };
  return { seq: record.seq, digest: sha256Digest(canonicalJson(record)) };
}

const dec = (b: Uint8Array) => new TextDecoder().decode(b);

async function hashLocalFile(path: string): Promise<{ hex: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).byteLength;
  }
  return { hex: hash.digest("hex"), bytes };
}
