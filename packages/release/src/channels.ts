import { NotApproved, UsageError } from "@cejst/schema";
import { listApprovals } from "./approve.ts";
import { type Actor, appendAudit } from "./audit-log.ts";
import { Conflict, LifecyclePrecondition } from "./errors.ts";
import { isCandidateId, isTombstone, labelOf, manifestDigest } from "./manifest.ts";
import { latestFreeze, readManifest } from "./publish.ts";
import type { Store } from "./store.ts";
import { latestVerification } from "./verification-record.ts";

/** A distribution record (rollout.md §1.8); only the fields release and rollback use are typed. */
export interface DistributionRecord {
  schema: "cejst.distribution/1";
  id: string;
  name?: string;
  site: string;
  data: { version: string; manifest: string };
  offers: { version: string; manifest: string; status: string }[];
  configs: { staging: string; production: string };
  stagingHost?: string;
  [field: string]: unknown;
}

/** One channel generation (rollout.md §1.9). */
export interface GenerationRecord {
  schema: "cejst.generation/1";
  channel: string;
  gen: number;
  distribution: string;
  data: { version: string; manifest: string };
  site: string;
  action: "release" | "rollback" | "auto-rollback";
  previous: { gen: number; distribution: string } | null;
  approvals: string[];
  verification: string | null;
  reason: string | null;
  actor: Actor;
  at: string;
}

/** A channel's valid history, oldest first, and the records that broke the chain. */
export interface ChannelState {
  channel: string;
  history: GenerationRecord[];
  head: GenerationRecord | undefined;
  invalid: { key: string; problem: string }[];
}

const CHANNEL = /^[a-z][a-z0-9-]{0,62}$/;
const genKey = (channel: string, gen: number) =>
  `control/channels/${channel}/${String(gen).padStart(10, "0")}.json`;
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/**
 * Reads a channel's generations in order and keeps the valid chain: generation g counts
 * only if `previous.gen = g − 1` and that record names `previous.distribution`. The head is
 * the last valid one; anything after a break is reported in `invalid` and ignored.
 */
export async function readChannel(store: Store, channel: string): Promise<ChannelState> {
  if (!CHANNEL.test(channel))
    throw new UsageError(`channel name must be lowercase letters, digits and - (got ${channel})`);
  const history: GenerationRecord[] = [];
  const invalid: { key: string; problem: string }[] = [];
  for await (const info of store.list(`control/channels/${channel}/`)) {
    const m = /\/(\d{10})\.json$/.exec(info.key);
    if (!m) continue;
    const gen = Number(m[1]);
    const obj = await store.get(info.key);
    let rec: GenerationRecord | undefined;
    try {
      rec = obj ? (JSON.parse(dec(obj.body)) as GenerationRecord) : undefined;
    } catch {
      rec = undefined;
    }
    const prev = history.at(-1);
    const problem =
      invalid.length > 0
        ? "follows an invalid generation"
        : rec?.schema !== "cejst.generation/1" || rec.gen !== gen || rec.channel !== channel
          ? "is not a generation record for this key"
          : gen === 1
            ? rec.previous === null
              ? undefined
              : "generation 1 names a previous one"
            : prev === undefined ||
                rec.previous?.gen !== gen - 1 ||
                prev.gen !== gen - 1 ||
                rec.previous.distribution !== prev.distribution
              ? `does not chain to generation ${gen - 1}`
              : undefined;
    if (problem !== undefined || rec === undefined)
      invalid.push({ key: info.key, problem: problem ?? "unreadable" });
    else history.push(rec);
  }
  return { channel, history, head: history.at(-1), invalid };
}

/** The distribution record, or `undefined` when it does not exist. */
export async function readDistribution(store: Store, id: string): Promise<DistributionRecord | undefined> {
  if (!/^dst_[0-9A-Za-z]+$/.test(id))
    throw new UsageError(`distribution id must look like dst_<ULID> (got ${id})`);
  const obj = await store.get(`distributions/${id}/record.json`);
  return obj ? (JSON.parse(dec(obj.body)) as DistributionRecord) : undefined;
}

/** Options shared by release and rollback. */
interface SwitchCommon {
  channel: string;
  actor: Actor;
  reason?: string;
  /** Fail with `Conflict` unless the channel is at this generation (0 = unset). */
  expectGen?: number;
  now?: () => Date;
  command?: string;
}

/** Options of `releaseChannel`. */
export interface ReleaseOptions extends SwitchCommon {
  distribution: string;
  requiredApprovals?: number;
  /**
   * Require a passing verification of the distribution under `verifications/<dst>/` younger
   * than `verifyMaxAgeHours` (default 24). On by default.
   */
  requireVerification?: boolean;
  verifyMaxAgeHours?: number;
}

async function commitGeneration(
  store: Store,
  state: ChannelState,
  rec: Omit<GenerationRecord, "schema" | "gen" | "previous" | "channel" | "at">,
  opts: SwitchCommon,
): Promise<GenerationRecord> {
  const now = opts.now ?? (() => new Date());
  const head = state.head;
  const record: GenerationRecord = {
    schema: "cejst.generation/1",
    channel: state.channel,
    gen: (head?.gen ?? 0) + 1,
    previous: head ? { gen: head.gen, distribution: head.distribution } : null,
    ...rec,
    at: now().toISOString(),
  };
  const r = await store.putIfAbsent(
    genKey(state.channel, record.gen),
    new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`),
    { contentType: "application/json" },
  );
  if (r === "exists") {
    throw new Conflict(
      `channel ${state.channel} moved: generation ${record.gen} was written by someone else; nothing changed`,
    );
  }
  await appendAudit(
    store,
    {
      event: `${rec.action === "release" ? "release" : rec.action}.committed`.replace(
        "auto-rollback.committed",
        "release.auto-rollback",
      ),
      result: "ok",
      exit: "OK",
      subject: { channel: state.channel, gen: record.gen },
      refs: {
        distribution: record.distribution,
        manifest: record.data.manifest,
        approvals: record.approvals,
      },
      actor: opts.actor,
      run: { command: opts.command ?? `cejst ${rec.action}`, ci: null },
      ...(opts.reason === undefined ? {} : { reason: opts.reason }),
    },
    { now },
  );
  return record;
}

async function refuseWith(
  store: Store,
  opts: SwitchCommon,
  err: Error & { exitName?: string; code?: string },
) {
  await appendAudit(
    store,
    {
      event: "refused",
      result: "refused",
      exit: err.exitName ?? err.code ?? "UNEXPECTED",
      subject: { channel: opts.channel },
      actor: opts.actor,
      run: { command: opts.command ?? "cejst release", ci: null },
      reason: err.message,
    },
    opts.now ? { now: opts.now } : {},
  );
  return err;
}

/**
 * Points a channel at a distribution: checks the preconditions of rollout.md §2.5 `release`
 * in order, then puts generation n+1 if absent (the commit point, a compare-and-swap).
 */
export async function releaseChannel(store: Store, opts: ReleaseOptions): Promise<GenerationRecord> {
  const refuse = (e: Error) => refuseWith(store, opts, e);
  const state = await readChannel(store, opts.channel);
  const dist = await readDistribution(store, opts.distribution);
  if (dist === undefined)
    throw await refuse(new LifecyclePrecondition(`distribution ${opts.distribution} is unknown`));
  if (isCandidateId(dist.data.version)) {
    throw await refuse(
      new LifecyclePrecondition(
        `distribution ${dist.id} is bound to candidate id ${dist.data.version}; promote it first`,
      ),
    );
  }
  if (state.head?.distribution === dist.id)
    throw await refuse(
      new LifecyclePrecondition(`distribution ${dist.id} is already live on ${opts.channel}`),
    );
  const manifest = await readManifest(store, dist.data.version);
  if (manifest === undefined || isTombstone(manifest) || manifestDigest(manifest) !== dist.data.manifest) {
    throw await refuse(
      new LifecyclePrecondition(
        `version ${dist.data.version} is not committed with digest ${dist.data.manifest}`,
      ),
    );
  }
  const approvals = await listApprovals(store, dist.data.manifest);
  const approved = approvals.filter((a) => a.decision === "approved");
  if (approvals.some((a) => a.decision === "rejected"))
    throw await refuse(new NotApproved(`digest ${dist.data.manifest} was rejected`));
  const required = opts.requiredApprovals ?? 1;
  if (approved.length < required) {
    throw await refuse(
      new NotApproved(
        `version ${dist.data.version} has ${approved.length} valid approvals of ${required} required`,
      ),
    );
  }
  const publicManifests = new Set(
    (await Promise.all(state.history.map((g) => readDistribution(store, g.distribution))))
      .flatMap((d) => d?.offers ?? [])
      .map((o) => o.manifest),
  );
  for (const offer of dist.offers) {
    if (offer.manifest === dist.data.manifest || publicManifests.has(offer.manifest)) continue;
    const a = await listApprovals(store, offer.manifest);
    if (!a.some((x) => x.decision === "approved") || a.some((x) => x.decision === "rejected")) {
      throw await refuse(new NotApproved(`offered version ${offer.version} is neither public nor approved`));
    }
  }
  const live = state.head?.data;
  if (live !== undefined && live.manifest !== dist.data.manifest) {
    const ok = approved.some((a) => a.report.baseline?.manifest === live.manifest);
    if (!ok) {
      throw await refuse(
        new LifecyclePrecondition(
          `no approval's report compares against the live version ${live.version} (${live.manifest}); run compare live ${dist.data.version}`,
        ),
      );
    }
  }
  const ref = manifest.content.freeze;
  if (ref) {
    const latest = await latestFreeze(store, ref.label ?? labelOf(dist.data.version) ?? "");
    if (latest === undefined || latest.seq !== ref.seq) {
      throw await refuse(
        new LifecyclePrecondition(`the freeze of ${ref.label} was superseded since the build`),
      );
    }
  }
  let verification: string | null = null;
  if (opts.requireVerification !== false) {
    const fresh = await freshVerification(
      store,
      dist.id,
      opts.verifyMaxAgeHours ?? 24,
      (opts.now ?? (() => new Date()))(),
    );
    verification = fresh.id;
    if (verification === null) {
      throw await refuse(
        new LifecyclePrecondition(
          `distribution ${dist.id} has no passing verification younger than ${opts.verifyMaxAgeHours ?? 24} h: ${fresh.why}; run cejst verify ${dist.id}`,
        ),
      );
    }
  }
  if (opts.expectGen !== undefined && opts.expectGen !== (state.head?.gen ?? 0)) {
    throw await refuse(
      new Conflict(
        `channel ${opts.channel} is at generation ${state.head?.gen ?? 0}, expected ${opts.expectGen}`,
      ),
    );
  }
  return commitGeneration(
    store,
    state,
    {
      distribution: dist.id,
      data: dist.data,
      site: dist.site,
      action: "release",
      approvals: approved.map((a) => a.id),
      verification,
      reason: opts.reason ?? null,
      actor: opts.actor,
    },
    opts,
  );
}

/**
 * The id of the distribution's newest verification when it passed within `maxAgeHours`;
 * `null` when there is none, the newest one failed, or it is too old.
 */
async function freshVerification(
  store: Store,
  dst: string,
  maxAgeHours: number,
  now: Date,
): Promise<{ id: string | null; why: string }> {
  const latest = await latestVerification(store, dst);
  if (latest === undefined) return { id: null, why: "none was recorded" };
  if (latest.target?.kind !== "distribution" || latest.target.distribution !== dst)
    return { id: null, why: `the newest record ${latest.id} is not about ${dst}` };
  if (!latest.passed || latest.result !== "passed")
    return { id: null, why: `the newest one (${latest.id}, ${latest.at}) failed` };
  const age = now.getTime() - Date.parse(latest.at);
  if (!(age <= maxAgeHours * 3_600_000))
    return { id: null, why: `the newest pass (${latest.id}, ${latest.at}) is older than ${maxAgeHours} h` };
  return { id: latest.id, why: "" };
}

/** Options of `rollbackChannel`. */
export interface RollbackOptions extends SwitchCommon {
  /** Target distribution; default: the latest earlier generation's distribution that differs from the current one. */
  to?: string;
  reason: string;
  /**
   * Record the step as `auto-rollback` (a release whose post-switch verification failed);
   * the target is then the previous generation's distribution unless `to` is given.
   */
  auto?: boolean;
}

/**
 * Moves a channel back to a distribution it served before: one put-if-absent of generation
 * n+1. Reads only records (never a data file) and needs no approval or verification.
 */
export async function rollbackChannel(store: Store, opts: RollbackOptions): Promise<GenerationRecord> {
  const refuse = (e: Error) => refuseWith(store, { ...opts, command: opts.command ?? "cejst rollback" }, e);
  const state = await readChannel(store, opts.channel);
  const head = state.head;
  if (head === undefined)
    throw await refuse(
      new LifecyclePrecondition(`channel ${opts.channel} has no generation to roll back from`),
    );
  const earlier = state.history.slice(0, -1).reverse();
  const target =
    opts.to === undefined
      ? opts.auto === true
        ? earlier.find((g) => g.gen === head.gen - 1 && g.distribution !== head.distribution)
        : earlier.find((g) => g.distribution !== head.distribution)
      : earlier.find((g) => g.distribution === opts.to);
  if (target === undefined) {
    if (opts.to !== undefined)
      throw await refuse(
        new NotApproved(`distribution ${opts.to} was never live on ${opts.channel}; use release`),
      );
    throw await refuse(
      new LifecyclePrecondition(`channel ${opts.channel} has no earlier distribution to roll back to`),
    );
  }
  if (target.distribution === head.distribution) {
    throw await refuse(
      new LifecyclePrecondition(`distribution ${target.distribution} is already live on ${opts.channel}`),
    );
  }
  const dist = await readDistribution(store, target.distribution);
  if (dist === undefined)
    throw await refuse(new LifecyclePrecondition(`distribution ${target.distribution} has no record`));
  for (const variant of ["staging", "production"] as const) {
    if ((await store.head(`distributions/${dist.id}/config.${variant}.json`)) === undefined) {
      throw await refuse(
        new LifecyclePrecondition(`distribution ${dist.id} is missing config.${variant}.json`),
      );
    }
  }
  for (const o of dist.offers) {
    if ((await store.head(`data-versions/${o.version}/manifest.json`)) === undefined) {
      throw await refuse(
        new LifecyclePrecondition(`offered version ${o.version} of ${dist.id} has no manifest`),
      );
    }
  }
  if (opts.expectGen !== undefined && opts.expectGen !== head.gen) {
    throw await refuse(
      new Conflict(`channel ${opts.channel} is at generation ${head.gen}, expected ${opts.expectGen}`),
    );
  }
  return commitGeneration(
    store,
    state,
    {
      distribution: dist.id,
      data: dist.data,
      site: dist.site,
      action: opts.auto === true ? "auto-rollback" : "rollback",
      approvals: target.approvals,
      verification: null,
      reason: opts.reason,
      actor: opts.actor,
    },
    { ...opts, command: opts.command ?? "cejst rollback" },
  );
}
