import { randomBytes } from "node:crypto";
import { GateFailed, UsageError } from "@cejst/schema";
import { type Actor, appendAudit } from "./audit-log.ts";
import { sha256Digest } from "./bytes.ts";
import { canonicalJson } from "./canonical-json.ts";
import { LifecyclePrecondition } from "./errors.ts";
import { isTombstone, manifestDigest } from "./manifest.ts";
import { latestFreeze, readManifest } from "./publish.ts";
import type { Store } from "./store.ts";

/** An approval or rejection (rollout.md §1.6), keyed by the manifest digest it covers. */
export interface ApprovalRecord {
  schema: "cejst.approval/1";
  id: string;
  decision: "approved" | "rejected";
  manifest: string;
  versionSeen: string;
  report: { digest: string; baseline: { version: string; manifest: string } | null };
  gates: { passed: number; failed: number; waived: { gate: string; reason: string }[] };
  freeze: { label: string; seq: number } | null;
  approver: Actor;
  comment: string | null;
  at: string;
}

/** The report bundle index (rollout.md §4.5); only the fields approval relies on. */
interface BundleIndex {
  schema: string;
  baseline?: { version: string; manifest: string } | null;
  candidate: { version: string; manifest: string };
}

interface GateRow {
  id?: string;
  name?: string;
  passed?: boolean;
  status?: string;
}

/** Options of `approve` / `reject`. */
export interface ApproveOptions {
  version: string;
  /** A report digest, `sha256:<hex>` or a unique hex prefix of at least 12 characters. */
  report: string;
  decision: "approved" | "rejected";
  approver: Actor;
  comment?: string;
  /** Gate name → reason; a waiver without a reason is refused. */
  waive?: Record<string, string>;
  now?: () => Date;
  /** Crockford-base32 ULID source; injected by tests. */
  newId?: () => string;
  command?: string;
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID: 48-bit millisecond time + 80 random bits, Crockford base32. */
export function ulid(now: Date = new Date()): string {
  let t = now.getTime();
  let time = "";
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = "";
  for (let i = 0; i < 16; i++) rand += CROCKFORD[bytes[i]! % 32];
  return time + rand;
}

/**
 * Records an approval (or rejection) of a committed version's bytes, bound to the manifest
 * digest and the report digest the approver read (rollout.md §2.5 `approve`). Refuses an
 * uncommitted version, an unknown or mismatching report, a rejected digest, a superseded
 * freeze, a repeat approval by the same person, and failing gates that are not waived.
 */
export async function approve(
  store: Store,
  opts: ApproveOptions,
): Promise<{ record: ApprovalRecord; valid: number }> {
  const now = opts.now ?? (() => new Date());
  const refuse = async (err: Error & { exitName?: string; code?: string }) => {
    await appendAudit(
      store,
      {
        event: "refused",
        result: "refused",
        exit: err.exitName ?? err.code ?? "UNEXPECTED",
        subject: { version: opts.version },
        actor: opts.approver,
        run: { command: opts.command ?? `cejst approve ${opts.version}`, ci: null },
        reason: err.message,
      },
      { now },
    );
    return err;
  };
  const m = await readManifest(store, opts.version);
  if (m === undefined || isTombstone(m))
    throw await refuse(new LifecyclePrecondition(`version ${opts.version} is not committed`));
  const digest = manifestDigest(m);
  const hex = digest.slice("sha256:".length);

  const bundle = await findReport(store, opts.report);
  if (bundle === undefined) throw await refuse(new LifecyclePrecondition(`no report matches ${opts.report}`));
  if (bundle.index.candidate?.manifest !== digest) {
    throw await refuse(
      new LifecyclePrecondition(
        `report ${bundle.digest} is about manifest ${bundle.index.candidate?.manifest}, not ${opts.version} (${digest})`,
      ),
    );
  }
  const existing = await listApprovals(store, digest);
  if (existing.some((a) => a.decision === "rejected")) {
    throw await refuse(new LifecyclePrecondition(`digest ${digest} was rejected; it can never be approved`));
  }
  if (
    opts.decision === "approved" &&
    existing.some((a) => a.decision === "approved" && sameApprover(a.approver, opts.approver))
  ) {
    throw await refuse(new LifecyclePrecondition(`${opts.approver.name} already approved ${digest}`));
  }
  const ref = m.content.freeze;
  if (ref) {
    const latest = await latestFreeze(store, ref.label);
    if (latest === undefined || latest.seq !== ref.seq) {
      throw await refuse(
        new LifecyclePrecondition(
          `the freeze of ${ref.label} was superseded since the build (in force: seq ${latest?.seq}, build: seq ${ref.seq})`,
        ),
      );
    }
  }
  const waive = opts.waive ?? {};
  for (const [gate, reason] of Object.entries(waive)) {
    if (reason.trim() === "") throw new UsageError(`--waive ${gate} needs a reason (got an empty one)`);
  }
  const gates = bundle.gates;
  const failing = gates.filter((g) => !g.passed).map((g) => g.name);
  const unwaived = failing.filter((g) => waive[g] === undefined);
  if (opts.decision === "approved" && unwaived.length > 0) {
    throw await refuse(new GateFailed(`gates failed and not waived: ${unwaived.join(", ")}`));
  }
  const record: ApprovalRecord = {
    schema: "cejst.approval/1",
    id: `apr_${(opts.newId ?? (() => ulid(now())))()}`,
    decision: opts.decision,
    manifest: digest,
    versionSeen: opts.version,
    report: { digest: bundle.digest, baseline: bundle.index.baseline ?? null },
    gates: {
      passed: gates.length - failing.length,
      failed: failing.length,
      waived: failing.filter((g) => waive[g] !== undefined).map((g) => ({ gate: g, reason: waive[g]! })),
    },
    freeze: ref ? { label: ref.label, seq: ref.seq } : null,
    approver: opts.approver,
    comment: opts.comment ?? null,
    at: now().toISOString(),
  };
  const key = `approvals/${hex}/${record.id}.json`;
  const r = await store.putIfAbsent(key, new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`), {
    contentType: "application/json",
  });
  if (r === "exists") throw new Error(`approval id ${record.id} already exists (got a ULID collision)`);
  await appendAudit(
    store,
    {
      event: opts.decision === "approved" ? "approval.approved" : "approval.rejected",
      result: "ok",
      exit: "OK",
      subject: { version: opts.version },
      refs: { manifest: digest, report: bundle.digest, approval: record.id },
      actor: opts.approver,
      run: { command: opts.command ?? `cejst approve ${opts.version}`, ci: null },
    },
    { now },
  );
  const valid = [...existing, record].filter((a) => a.decision === "approved").length;
  return { record, valid };
}

/** Every approval and rejection of a manifest digest. */
export async function listApprovals(store: Store, digest: string): Promise<ApprovalRecord[]> {
  const out: ApprovalRecord[] = [];
  for await (const info of store.list(`approvals/${digest.slice("sha256:".length)}/`)) {
    const obj = await store.get(info.key);
    if (obj) out.push(JSON.parse(new TextDecoder().decode(obj.body)) as ApprovalRecord);
  }
  return out;
}

function sameApprover(a: Actor, b: Actor): boolean {
  return a.email !== undefined && b.email !== undefined ? a.email === b.email : a.name === b.name;
}

async function findReport(
  store: Store,
  ref: string,
): Promise<{ digest: string; index: BundleIndex; gates: { name: string; passed: boolean }[] } | undefined> {
  const hex = ref.startsWith("sha256:") ? ref.slice(7) : ref;
  if (!/^[0-9a-f]{12,64}$/.test(hex))
    throw new UsageError(`--report must be sha256:<hex> or at least 12 hex characters (got ${ref})`);
  const folders = new Set<string>();
  for await (const info of store.list(`reports/${hex}`)) folders.add(info.key.split("/")[1]!);
  if (folders.size > 1) throw new UsageError(`--report ${ref} is ambiguous (got ${folders.size} reports)`);
  const folder = [...folders][0];
  if (folder === undefined) return undefined;
  const obj = await store.get(`reports/${folder}/bundle.json`);
  if (obj === undefined) return undefined;
  const index = JSON.parse(new TextDecoder().decode(obj.body)) as BundleIndex;
  const digest = sha256Digest(canonicalJson(index));
  if (digest !== `sha256:${folder}`) {
    throw new LifecyclePrecondition(
      `report bundle reports/${folder}/bundle.json hashes to ${digest}, not its folder name`,
    );
  }
  const reportObj = await store.get(`reports/${folder}/report.json`);
  const rows = reportObj
    ? ((JSON.parse(new TextDecoder().decode(reportObj.body)) as { gates?: GateRow[] }).gates ?? [])
    : [];
  const gates = rows.map((g) => ({
    name: g.id ?? g.name ?? "?",
    passed: g.passed ?? (g.status === "passed" || g.status === "pass" || g.status === "ok"),
  }));
  return { digest, index, gates };
}
