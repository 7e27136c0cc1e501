import { randomBytes } from "node:crypto";
import { NotApproved, noProgress, type ProgressSink, ReleaseExists, UsageError } from "@cejst/schema";
import { listApprovals } from "./approve.ts";
import { type Actor, appendAudit } from "./audit-log.ts";
import { MANIFEST_NAME, SUMS_NAME } from "./build-manifest.ts";
import { sha256Hex } from "./bytes.ts";
import { Conflict, LifecyclePrecondition, VerifyFailed } from "./errors.ts";
import { isTombstone, labelOf, manifestDigest, type ReleaseManifest, VERSION_ID } from "./manifest.ts";
import {
  claimKey,
  IMMUTABLE,
  latestFreeze,
  type PublishClaim,
  type PublishResult,
  readManifest,
  versionKey,
} from "./publish.ts";
import { recordRefusal } from "./refusal.ts";
import type { Store } from "./store.ts";

/** Options of {@link promote}. */
export interface PromoteOptions {
  /** The new id, usually final (`2.0`). */
  version: string;
  /** The committed, approved version whose bytes it copies (`2.0-rc.1`). */
  from: string;
  /** Continue a promotion of the same content another (or a crashed) run claimed. */
  resume?: boolean;
  /** Accept content whose manifest names no freeze (stores where `freeze` is not used yet). */
  allowUnfrozen?: boolean;
  actor?: Actor;
  runId?: string;
  command?: string;
  concurrency?: number;
  now?: () => Date;
  progress?: ProgressSink;
}

/**
 * Promotes a candidate (rollout.md §2.3, `publish --from`): streams every object of
 * `from` into `data-versions/<version>/` by put-if-absent, re-hashing each one on the way,
 * copies `content` verbatim (so the digest and its approvals carry over) and writes a new
 * `publication` naming `from`. Nothing is rebuilt. Refuses, before any write, a committed
 * or abandoned id, a label mismatch, an uncommitted, rejected or unapproved source, and a
 * freeze no longer in force.
 */
export async function promote(store: Store, opts: PromoteOptions): Promise<PublishResult> {
  const now = opts.now ?? (() => new Date());
  const progress = opts.progress ?? noProgress;
  const { version, from } = opts;
  const command = opts.command ?? `cejst publish --version ${version} --from ${from}`;
  const startedAt = now().toISOString();
  const runId = opts.runId ?? `run_${randomBytes(10).toString("hex")}`;
  const refuse = (err: Error) =>
    recordRefusal(store, err, {
      subject: { version },
      ...(opts.actor === undefined ? {} : { actor: opts.actor }),
      command,
      now,
    });

  if (!VERSION_ID.test(version))
    throw new UsageError(
      `version id is malformed; expected beta or MAJOR.MINOR[.PATCH][-rc.N] (got ${version})`,
    );
  if (!VERSION_ID.test(from)) throw new UsageError(`--from is not a version id (got ${from})`);
  const existing = await readManifest(store, version);
  if (existing !== undefined) {
    throw await refuse(
      isTombstone(existing)
        ? new ReleaseExists(`version ${version} was abandoned; choose another id`)
        : new ReleaseExists(
            `version ${version} is already published with digest ${manifestDigest(existing)}; published versions are immutable`,
          ),
    );
  }
  const source = await readManifest(store, from);
  if (source === undefined || isTombstone(source))
    throw await refuse(new LifecyclePrecondition(`--from ${from} is not committed`));
  const digest = manifestDigest(source);
  if (labelOf(version) !== source.content.label) {
    throw await refuse(
      new LifecyclePrecondition(
        `version ${version} does not match the label ${source.content.label} of ${from} (got ${labelOf(version)})`,
      ),
    );
  }
  const approvals = await listApprovals(store, digest);
  if (approvals.some((a) => a.decision === "rejected"))
    throw await refuse(new LifecyclePrecondition(`--from ${from} (${digest}) was rejected`));
  if (!approvals.some((a) => a.decision === "approved")) {
    throw await refuse(
      new NotApproved(
        `--from ${from} (${digest}) is not approved; final ids are spent only on approved bytes`,
      ),
    );
  }
  const ref = source.content.freeze;
  if (ref === null || (ref === undefined && opts.allowUnfrozen !== true)) {
    throw await refuse(
      new LifecyclePrecondition(
        `--from ${from} was built without a freeze; pass --allow-unfrozen for a local trial`,
      ),
    );
  }
  if (ref !== undefined) {
    const latest = await latestFreeze(store, ref.label);
    if (latest === undefined || latest.seq !== ref.seq || latest.digest !== ref.record) {
      throw await refuse(
        new LifecyclePrecondition(
          `the freeze of ${ref.label} was superseded since ${from} was built (in force: seq ${latest?.seq}, build: seq ${ref.seq})`,
        ),
      );
    }
  }

  const claim: PublishClaim = {
    schema: "cejst.claim/1",
    version,
    content: digest,
    run: { id: runId, startedAt },
    ...(opts.actor === undefined ? {} : { actor: opts.actor }),
  };
  const claimed = await store.putIfAbsent(claimKey(version), enc(`${JSON.stringify(claim)}\n`), {
    contentType: "application/json",
  });
  if (claimed === "exists") {
    const other = await store.get(claimKey(version));
    const theirs = other === undefined ? undefined : (JSON.parse(dec(other.body)) as PublishClaim);
    if (theirs?.content !== digest)
      throw await refuse(
        new ReleaseExists(
          `version ${version} is claimed by other content ${theirs?.content} (this is ${digest})`,
        ),
      );
    if (opts.resume !== true)
      throw await refuse(
        new Conflict(`version ${version} is claimed by run ${theirs.run.id}; pass --resume to continue it`),
      );
  } else {
    await appendAudit(
      store,
      {
        event: "publish.claimed",
        result: "ok",
        exit: "OK",
        subject: { version },
        refs: { manifest: digest, run: runId, from },
        ...(opts.actor === undefined ? {} : { actor: opts.actor }),
        run: { command, ci: null },
      },
      { now },
    );
  }

  const files = source.content.files;
  const total = files.reduce((n, f) => n + f.bytes, 0);
  let done = 0;
  let created = 0;
  const copy = async (f: (typeof files)[number]) => {
    const obj = await store.get(versionKey(from, f.path));
    if (obj === undefined)
      throw new VerifyFailed(`${versionKey(from, f.path)} is missing though its manifest lists it`);
    const hex = sha256Hex(obj.body);
    if (hex !== f.sha256 || obj.body.byteLength !== f.bytes)
      throw new VerifyFailed(
        `${versionKey(from, f.path)} has sha256 ${hex} (${obj.body.byteLength} bytes), manifest ${f.sha256} (${f.bytes} bytes)`,
      );
    const key = versionKey(version, f.path);
    const r = await store.putIfAbsent(key, obj.body, {
      contentType: f.contentType,
      cacheControl: IMMUTABLE,
      sha256: f.sha256,
    });
    if (r === "exists") {
      const stored = await store.get(key);
      const theirs = stored === undefined ? "nothing" : sha256Hex(stored.body);
      if (theirs !== f.sha256)
        throw new VerifyFailed(`stored object ${key} has sha256 ${theirs}, ${from} has ${f.sha256}`);
    } else created++;
    done += f.bytes;
    progress({ stage: "promote", done, total, unit: "bytes", detail: f.path });
  };
  const data = files.filter((f) => f.path !== SUMS_NAME);
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (failed === undefined && next < data.length) {
      const f = data[next++]!;
      try {
        await copy(f);
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 8, data.length)) }, worker),
  );
  if (failed !== undefined) throw failed;
  for (const f of files.filter((x) => x.path === SUMS_NAME)) await copy(f);

  const finishedAt = now().toISOString();
  const manifest: ReleaseManifest = {
    schema: source.schema,
    content: source.content,
    publication: { version, publishedAt: finishedAt, from, buildRun: { id: runId, startedAt, finishedAt } },
  };
  const committed = await store.putIfAbsent(
    versionKey(version, MANIFEST_NAME),
    enc(`${JSON.stringify(manifest, null, 2)}\n`),
    { contentType: "application/json", cacheControl: IMMUTABLE },
  );
  if (committed === "exists") {
    const theirs = await readManifest(store, version);
    if (theirs === undefined || isTombstone(theirs) || manifestDigest(theirs) !== digest)
      throw new ReleaseExists(`version ${version} was committed by another run with different content`);
    return { version, digest, files: files.length, bytes: total, created, committedByThisRun: false };
  }
  await appendAudit(
    store,
    {
      event: "publish.committed",
      result: "ok",
      exit: "OK",
      subject: { version },
      refs: { manifest: digest, run: runId, from, files: files.length, bytes: total },
      ...(opts.actor === undefined ? {} : { actor: opts.actor }),
      run: { command, ci: null },
    },
    { now },
  );
  return { version, digest, files: files.length, bytes: total, created, committedByThisRun: true };
}

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
