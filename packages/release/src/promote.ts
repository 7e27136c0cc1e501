import { randomBytes } from "node:crypto";
import { NotApproved, noProgress, type ProgressSink, UsageError } from "@cejst/schema";
import { listApprovals } from "./approve.ts";
import { type Actor, appendAudit } from "./audit-log.ts";
import { SUMS_NAME } from "./build-manifest.ts";
import { sha256Hex } from "./bytes.ts";
import { LifecyclePrecondition, VerifyFailed } from "./errors.ts";
import { isTombstone, labelOf, manifestDigest, type ReleaseManifest, VERSION_ID } from "./manifest.ts";
import { latestFreeze, type PublishResult, readManifest, versionKey } from "./publish.ts";
import { recordRefusal } from "./refusal.ts";
import type { Store } from "./store.ts";
import { claimVersion, commitVersion, inParallel, putVersionFile, refuseExisting } from "./version-writer.ts";

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
  await refuseExisting(store, version, refuse);
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
    if (await putVersionFile(store, version, f, obj.body, from)) created++;
    done += f.bytes;
    progress({ stage: "promote", done, total, unit: "bytes", detail: f.path });
  };
  const data = files.filter((f) => f.path !== SUMS_NAME);
  await inParallel(data, opts.concurrency ?? 8, copy);
  for (const f of files.filter((x) => x.path === SUMS_NAME)) await copy(f);

  const finishedAt = now().toISOString();
  const manifest: ReleaseManifest = {
    schema: source.schema,
    content: source.content,
    publication: { version, publishedAt: finishedAt, from, buildRun: { id: runId, startedAt, finishedAt } },
  };
  if (!(await commitVersion(store, version, manifest, digest)))
    return { version, digest, files: files.length, bytes: total, created, committedByThisRun: false };
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
