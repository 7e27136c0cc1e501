import { randomBytes } from "node:crypto";
import { noProgress, type ProgressSink, UsageError } from "@cejst/schema";
import { ulid } from "./approve.ts";
import { type Actor, appendAudit } from "./audit-log.ts";
import { sha256Digest, sha256Hex } from "./bytes.ts";
import { canonicalJson } from "./canonical-json.ts";
import { type DistributionRecord, readChannel, readDistribution } from "./channels.ts";
import type { EdgeFetch, EdgeReply } from "./edge-fetch.ts";
import { LifecyclePrecondition } from "./errors.ts";
import { isTombstone, manifestDigest } from "./manifest.ts";
import { publicOffers } from "./public-set.ts";
import { IMMUTABLE, readManifest, versionKey } from "./publish.ts";
import { recordRefusal } from "./refusal.ts";
import type { Store } from "./store.ts";
import { sampleArchiveTiles } from "./tile-sample.ts";
import {
  type EdgeFailure,
  type VerificationRecord,
  type VerificationTarget,
  verificationFolder,
} from "./verification-record.ts";

/** Options of {@link verifyDistribution} and {@link verifyChannel}. */
export interface EdgeVerifyOptions {
  /** How to reach the edge (`httpEdgeFetch(url)`, or a test double). */
  fetch: EdgeFetch;
  /** The edge's public data host: unreleased versions must be 404 there too. */
  dataHost?: string;
  /** Requests in flight (default 16). */
  concurrency?: number;
  progress?: ProgressSink;
  actor?: Actor;
  command?: string;
  now?: () => Date;
}

/** The outcome: the stored record, and whether every check passed. */
export interface EdgeVerifyResult {
  record: VerificationRecord;
  ok: boolean;
}

/** The staging robots.txt the edge serves whatever the site build contains (rollout.md §1.11). */
const STAGING_ROBOTS = "User-agent: *\nDisallow: /\n";
const NO_CACHE = "no-cache";

/** One response the edge must give. */
interface Expect {
  host: string;
  path: string;
  sha256: string;
  bytes: number;
  contentType: string;
  cacheControl: string;
  headers: Record<string, string>;
  /** The ETag when it is not the body's sha256 (tiles cut from an archive). */
  etag?: string;
}

/** One path the edge must not serve. */
interface ExpectMissing {
  host: string;
  path: string;
  why: string;
}

interface Plan {
  files: Expect[];
  missing: ExpectMissing[];
  failures: EdgeFailure[];
}

interface SiteManifest {
  schema: string;
  content: {
    files: { path: string; sha256: string; bytes: number; contentType: string; immutable: boolean }[];
    immutablePrefixes: string[];
    notFound: string | null;
  };
}

const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/**
 * Verifies a distribution through the edge, on its staging host (rollout.md §2.5
 * `verify --distribution`): every file of every offered version and of the site build,
 * a deterministic sample of each compatibility tile tree cut from its PMTiles archive,
 * with size, sha256, `Content-Type`, `Cache-Control` and `ETag`; `/config.json`
 * byte-identical to the staging variant; the staging headers; and the negative cases.
 * Writes `verifications/<dst id>/<ver id>.json` and a `verify.passed` or `verify.failed`
 * audit event, and returns the record. It never throws for a failed check: the caller
 * decides what a failure means.
 */
export async function verifyDistribution(
  store: Store,
  distribution: string,
  opts: EdgeVerifyOptions,
): Promise<EdgeVerifyResult> {
  const startedAt = (opts.now ?? (() => new Date()))().toISOString();
  const refuse = (err: Error) =>
    recordRefusal(store, err, {
      subject: { distribution },
      ...(opts.actor === undefined ? {} : { actor: opts.actor }),
      command: opts.command ?? `cejst verify ${distribution}`,
      ...(opts.now === undefined ? {} : { now: opts.now }),
    });
  const dist = await readDistribution(store, distribution);
  if (dist === undefined)
    throw await refuse(new LifecyclePrecondition(`distribution ${distribution} is unknown`));
  const host = dist.stagingHost?.toLowerCase();
  if (host === undefined || !host.includes("."))
    throw await refuse(
      new LifecyclePrecondition(`distribution ${distribution} has no staging host to verify through`),
    );
  const plan: Plan = { files: [], missing: [], failures: [] };
  const headers = {
    "x-content-type-options": "nosniff",
    "x-cejst-distribution": dist.id,
    "x-robots-tag": "noindex, nofollow",
    "referrer-policy": "no-referrer",
  };
  await planDistribution(store, dist, host, "staging", headers, plan);
  const publicSet = await publicOffers(store);
  for (const [version] of await committedVersions(store)) {
    if (publicSet.has(version) || version === dist.data.version) continue;
    plan.missing.push({
      host,
      path: `/data-versions/${version}/manifest.json`,
      why: "an unreleased version",
    });
    if (opts.dataHost !== undefined)
      plan.missing.push({
        host: opts.dataHost,
        path: `/data-versions/${version}/manifest.json`,
        why: "an unreleased version",
      });
  }
  const stagingBase = host.slice(host.indexOf(".") + 1);
  const target: VerificationTarget = { kind: "distribution", distribution: dist.id };
  return run(store, target, [host], plan, opts, startedAt, async (failures) => {
    await genericNotFound(opts.fetch, stagingBase, failures);
  });
}

/**
 * Verifies a channel through each of its domains (rollout.md §2.5 `verify --channel`):
 * the distribution the channel's latest generation names, with every check of
 * {@link verifyDistribution} against the production variant, plus `X-Cejst-Distribution`
 * and `X-Cejst-Generation` naming that generation on every response, and every unreleased
 * version answering 404. Writes `verifications/<channel>/<ver id>.json` and an audit event.
 */
export async function verifyChannel(
  store: Store,
  channel: string,
  opts: EdgeVerifyOptions & {
    domains: string[];
    /**
     * How long to wait for every domain to report the channel's latest generation before
     * checking (an edge that polls picks a switch up late). @defaultValue 10000
     */
    convergeTimeoutMs?: number;
  },
): Promise<EdgeVerifyResult> {
  const startedAt = (opts.now ?? (() => new Date()))().toISOString();
  if (opts.domains.length === 0) throw new UsageError(`channel ${channel} has no domains to verify through`);
  const refuse = (err: Error) =>
    recordRefusal(store, err, {
      subject: { channel },
      ...(opts.actor === undefined ? {} : { actor: opts.actor }),
      command: opts.command ?? `cejst verify --channel ${channel}`,
      ...(opts.now === undefined ? {} : { now: opts.now }),
    });
  const state = await readChannel(store, channel);
  const head = state.head;
  if (head === undefined)
    throw await refuse(new LifecyclePrecondition(`channel ${channel} has no generation yet`));
  const dist = await readDistribution(store, head.distribution);
  if (dist === undefined)
    throw await refuse(
      new LifecyclePrecondition(`distribution ${head.distribution} of ${channel} has no record`),
    );
  const plan: Plan = { files: [], missing: [], failures: [] };
  await converge(opts.fetch, opts.domains, head.gen, opts.convergeTimeoutMs ?? 10_000, plan.failures);
  const publicSet = await publicOffers(store);
  const unreleased = [...(await committedVersions(store)).keys()].filter((v) => !publicSet.has(v));
  for (const domain of opts.domains.map((d) => d.toLowerCase())) {
    const headers = {
      "x-content-type-options": "nosniff",
      "x-cejst-distribution": dist.id,
      "x-cejst-generation": String(head.gen),
    };
    await planDistribution(store, dist, domain, "production", headers, plan);
    for (const version of unreleased) {
      plan.missing.push({
        host: domain,
        path: `/data-versions/${version}/manifest.json`,
        why: "an unreleased version",
      });
    }
  }
  if (opts.dataHost !== undefined) {
    for (const version of unreleased) {
      plan.missing.push({
        host: opts.dataHost,
        path: `/data-versions/${version}/manifest.json`,
        why: "an unreleased version",
      });
    }
  }
  const target: VerificationTarget = { kind: "channel", channel, gen: head.gen, distribution: dist.id };
  const stagingBase = dist.stagingHost?.includes(".")
    ? dist.stagingHost.slice(dist.stagingHost.indexOf(".") + 1).toLowerCase()
    : undefined;
  return run(store, target, opts.domains, plan, opts, startedAt, async (failures) => {
    if (stagingBase !== undefined) await genericNotFound(opts.fetch, stagingBase, failures);
  });
}

/**
 * Checks one version's files as the edge serves them (the second half of `verify V`,
 * rollout.md §2.5): on the public data host when the version is public (with CORS), else
 * on the staging host of the newest distribution bound to it. Returns the failures and the
 * host used; `host` is `undefined` when no host serves the version yet. Writes nothing:
 * records are kept per distribution and channel.
 */
export async function verifyVersionServed(
  store: Store,
  version: string,
  opts: { fetch: EdgeFetch; dataHost?: string; concurrency?: number; progress?: ProgressSink },
): Promise<{ host: string | undefined; files: number; failures: EdgeFailure[] }> {
  const m = await readManifest(store, version);
  if (m === undefined || isTombstone(m))
    throw new LifecyclePrecondition(`version ${version} is not committed`);
  let host: string | undefined;
  let headers: Record<string, string> = { "x-content-type-options": "nosniff" };
  if ((await publicOffers(store)).has(version) && opts.dataHost !== undefined) {
    host = opts.dataHost.toLowerCase();
    headers = { ...headers, "access-control-allow-origin": "*" };
  } else {
    let newest: DistributionRecord | undefined;
    for await (const info of store.list("distributions/")) {
      const id = /^distributions\/([^/]+)\/record\.json$/.exec(info.key)?.[1];
      const d = id === undefined ? undefined : await readDistribution(store, id).catch(() => undefined);
      if (d?.data.version === version && (newest === undefined || d.id > newest.id)) newest = d;
    }
    if (newest?.stagingHost !== undefined) {
      host = newest.stagingHost.toLowerCase();
      headers = { ...headers, "x-cejst-distribution": newest.id, "x-robots-tag": "noindex, nofollow" };
    }
  }
  if (host === undefined) return { host, files: 0, failures: [] };
  const stored = await store.get(versionKey(version, "manifest.json"));
  const files: Expect[] = m.content.files.map((f) => ({
    host: host as string,
    path: `/data-versions/${version}/${encodePath(f.path)}`,
    sha256: f.sha256,
    bytes: f.bytes,
    contentType: f.contentType,
    cacheControl: IMMUTABLE,
    headers,
  }));
  if (stored !== undefined)
    files.push({
      host,
      path: `/data-versions/${version}/manifest.json`,
      sha256: sha256Hex(stored.body),
      bytes: stored.body.byteLength,
      contentType: "application/json",
      cacheControl: IMMUTABLE,
      headers,
    });
  const failures: EdgeFailure[] = [];
  const progress = opts.progress ?? noProgress;
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length) {
      const e = files[next++]!;
      try {
        for (const problem of checkReply(e, await opts.fetch({ host: e.host, path: e.path })))
          failures.push({ host: e.host, path: e.path, problem });
      } catch (err) {
        failures.push({ host: e.host, path: e.path, problem: (err as Error).message });
      }
      progress({ stage: "verify", done: ++done, total: files.length, unit: "files", detail: e.path });
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 16, files.length)) }, worker),
  );
  failures.sort((a, b) => cmp(a.path, b.path) || cmp(a.problem, b.problem));
  return { host, files: files.length, failures };
}

/**
 * Waits (bounded) until every domain answers `/config.json` with `X-Cejst-Generation: gen`;
 * a domain that never does is a failure, so checks never run against the previous world.
 */
async function converge(
  fetch: EdgeFetch,
  domains: string[],
  gen: number,
  timeoutMs: number,
  failures: EdgeFailure[],
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const host of domains) {
    let seen: string | undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        seen = (await fetch({ host, path: "/config.json" })).headers["x-cejst-generation"];
      } catch {
        seen = undefined;
      }
      if (seen === String(gen) || Date.now() >= deadline) break;
      await new Promise((r) => setTimeout(r, Math.min(500, 50 * 2 ** attempt)));
    }
    if (seen !== String(gen))
      failures.push({
        host,
        path: "/config.json",
        problem: `the edge still reports generation ${seen ?? "(none)"} after ${timeoutMs} ms, not ${gen}`,
      });
  }
}

/** Every committed (not abandoned) version id in the store, with its manifest digest. */
async function committedVersions(store: Store): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const info of store.list("control/claims/")) {
    const version = info.key.slice("control/claims/".length, -".json".length);
    const m = await readManifest(store, version);
    if (m !== undefined && !isTombstone(m)) out.set(version, manifestDigest(m));
  }
  return out;
}

/** Adds every response one distribution must give on `host` to the plan. */
async function planDistribution(
  store: Store,
  dist: DistributionRecord,
  host: string,
  variant: "staging" | "production",
  headers: Record<string, string>,
  plan: Plan,
): Promise<void> {
  const storeFail = (path: string, problem: string) => plan.failures.push({ host: "(store)", path, problem });

  const configKey = `distributions/${dist.id}/config.${variant}.json`;
  const config = await store.get(configKey);
  if (config === undefined) storeFail(configKey, "missing");
  else {
    if (sha256Digest(config.body) !== dist.configs[variant])
      storeFail(configKey, `sha256 ${sha256Digest(config.body)}, record ${dist.configs[variant]}`);
    plan.files.push({
      host,
      path: "/config.json",
      sha256: sha256Hex(config.body),
      bytes: config.body.byteLength,
      contentType: "application/json",
      cacheControl: NO_CACHE,
      headers,
    });
  }

  for (const offer of dist.offers) {
    const m = await readManifest(store, offer.version);
    if (m === undefined || isTombstone(m)) {
      storeFail(versionKey(offer.version, "manifest.json"), "the offered version is not committed");
      continue;
    }
    if (manifestDigest(m) !== offer.manifest) {
      storeFail(
        versionKey(offer.version, "manifest.json"),
        `digest ${manifestDigest(m)}, the distribution offers ${offer.manifest}`,
      );
    }
    const stored = await store.get(versionKey(offer.version, "manifest.json"));
    if (stored !== undefined) {
      plan.files.push({
        host,
        path: `/data-versions/${offer.version}/manifest.json`,
        sha256: sha256Hex(stored.body),
        bytes: stored.body.byteLength,
        contentType: "application/json",
        cacheControl: IMMUTABLE,
        headers,
      });
    }
    for (const f of m.content.files) {
      plan.files.push({
        host,
        path: `/data-versions/${offer.version}/${encodePath(f.path)}`,
        sha256: f.sha256,
        bytes: f.bytes,
        contentType: f.contentType,
        cacheControl: IMMUTABLE,
        headers,
      });
    }
    try {
      for (const t of await sampleArchiveTiles(store, offer.version, m.content.files)) {
        plan.files.push({
          host,
          path: `/data-versions/${offer.version}/${encodePath(t.path)}`,
          sha256: t.sha256,
          bytes: t.bytes,
          contentType: "application/x-protobuf",
          cacheControl: IMMUTABLE,
          headers,
          etag: t.etag,
        });
      }
    } catch (e) {
      storeFail(versionKey(offer.version, "(tile archives)"), (e as Error).message);
    }
    plan.missing.push({ host, path: `/data-versions/${offer.version}/`, why: "a version folder" });
  }

  const hex = dist.site.slice("sha256:".length);
  const siteKey = `site-builds/${hex}/site-manifest.json`;
  const siteObj = await store.get(siteKey);
  let site: SiteManifest | undefined;
  try {
    site = siteObj === undefined ? undefined : (JSON.parse(dec(siteObj.body)) as SiteManifest);
  } catch {
    site = undefined;
  }
  if (site?.content === undefined) storeFail(siteKey, "missing or unreadable");
  else {
    if (sha256Digest(canonicalJson(site.content)) !== dist.site)
      storeFail(siteKey, `digest ${sha256Digest(canonicalJson(site.content))}, record ${dist.site}`);
    for (const f of site.content.files) {
      if (variant === "staging" && f.path === "robots.txt") continue;
      plan.files.push({
        host,
        path: `/${encodePath(f.path)}`,
        sha256: f.sha256,
        bytes: f.bytes,
        contentType: f.contentType,
        cacheControl: f.immutable ? IMMUTABLE : NO_CACHE,
        headers,
      });
    }
  }
  if (variant === "staging") {
    const robots = new TextEncoder().encode(STAGING_ROBOTS);
    plan.files.push({
      host,
      path: "/robots.txt",
      sha256: sha256Hex(robots),
      bytes: robots.byteLength,
      contentType: "text/plain; charset=utf-8",
      cacheControl: NO_CACHE,
      headers,
    });
  }
}

function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/**
 * Unknown hosts and unknown staging labels must all get the same 404 (G7), so a label
 * cannot be probed for.
 */
async function genericNotFound(fetch: EdgeFetch, stagingBase: string, failures: EdgeFailure[]) {
  const random = () => randomBytes(13).toString("hex");
  const unknownHost = `unknown-${random()}.invalid`;
  const unknownLabel = `${random().slice(0, 26)}.${stagingBase}`;
  const [a, b] = await Promise.all([
    fetch({ host: unknownHost, path: "/" }),
    fetch({ host: unknownLabel, path: "/" }),
  ]);
  if (a.status !== 404)
    failures.push({ host: "(unknown host)", path: "/", problem: `status ${a.status}, not 404` });
  if (b.status !== 404)
    failures.push({ host: "(unknown staging label)", path: "/", problem: `status ${b.status}, not 404` });
  if (a.sha256 !== b.sha256 || a.headers["content-type"] !== b.headers["content-type"])
    failures.push({
      host: "(unknown staging label)",
      path: "/",
      problem: "the 404 differs from an unknown host's, so labels can be probed for",
    });
}

function checkReply(e: Expect, r: EdgeReply): string[] {
  const problems: string[] = [];
  if (r.status !== 200) return [`status ${r.status}, not 200`];
  const enc = r.headers["content-encoding"];
  if (enc !== undefined && enc !== "identity")
    problems.push(`Content-Encoding ${enc} although identity was asked for`);
  if (r.bytes !== e.bytes) problems.push(`size ${r.bytes}, manifest ${e.bytes}`);
  if (r.sha256 !== e.sha256) problems.push(`sha256 ${r.sha256}, manifest ${e.sha256}`);
  if (r.headers["content-type"] !== e.contentType)
    problems.push(`Content-Type ${r.headers["content-type"] ?? "(none)"}, manifest ${e.contentType}`);
  if (r.headers["cache-control"] !== e.cacheControl)
    problems.push(`Cache-Control ${r.headers["cache-control"] ?? "(none)"}, expected ${e.cacheControl}`);
  const etag = e.etag ?? `"${e.sha256}"`;
  if (r.headers.etag !== etag) problems.push(`ETag ${r.headers.etag ?? "(none)"}, expected ${etag}`);
  if (e.cacheControl === IMMUTABLE && r.headers["accept-ranges"] !== "bytes")
    problems.push(`Accept-Ranges ${r.headers["accept-ranges"] ?? "(none)"}, expected bytes`);
  for (const [name, want] of Object.entries(e.headers)) {
    if (r.headers[name] !== want) problems.push(`${name} ${r.headers[name] ?? "(none)"}, expected ${want}`);
  }
  return problems;
}

async function run(
  store: Store,
  target: VerificationTarget,
  hosts: string[],
  plan: Plan,
  opts: EdgeVerifyOptions,
  startedAt: string,
  extra: (failures: EdgeFailure[]) => Promise<void>,
): Promise<EdgeVerifyResult> {
  const now = opts.now ?? (() => new Date());
  const progress = opts.progress ?? noProgress;
  const failures: EdgeFailure[] = [...plan.failures];
  const generations = new Set<number>();
  const distributions = new Set<string>();
  const total = plan.files.length + plan.missing.length;
  let done = 0;
  let bytes = 0;
  let requests = 0;
  type Job = { kind: "file"; e: Expect } | { kind: "missing"; e: ExpectMissing };
  const jobs: Job[] = [
    ...plan.files.map((e) => ({ kind: "file" as const, e })),
    ...plan.missing.map((e) => ({ kind: "missing" as const, e })),
  ];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      requests++;
      let reply: EdgeReply;
      try {
        reply = await opts.fetch({ host: job.e.host, path: job.e.path });
      } catch (e) {
        failures.push({ host: job.e.host, path: job.e.path, problem: (e as Error).message });
        progress({ stage: "verify", done: ++done, total, unit: "files", detail: job.e.path });
        continue;
      }
      if (job.kind === "file") {
        bytes += reply.bytes;
        for (const problem of checkReply(job.e, reply))
          failures.push({ host: job.e.host, path: job.e.path, problem });
        const gen = reply.headers["x-cejst-generation"];
        if (gen !== undefined) generations.add(Number(gen));
        const dst = reply.headers["x-cejst-distribution"];
        if (dst !== undefined) distributions.add(dst);
      } else if (reply.status !== 404) {
        failures.push({
          host: job.e.host,
          path: job.e.path,
          problem: `status ${reply.status} for ${job.e.why}, not 404`,
        });
      } else if (reply.headers["cache-control"] !== "no-store") {
        failures.push({
          host: job.e.host,
          path: job.e.path,
          problem: `404 with Cache-Control ${reply.headers["cache-control"] ?? "(none)"}, expected no-store`,
        });
      }
      progress({ stage: "verify", done: ++done, total, unit: "files", detail: job.e.path });
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 16, jobs.length)) }, worker),
  );
  requests += 2;
  await extra(failures).catch((e: unknown) =>
    failures.push({ host: "(edge)", path: "/", problem: (e as Error).message }),
  );
  failures.sort((a, b) => cmp(a.host, b.host) || cmp(a.path, b.path) || cmp(a.problem, b.problem));

  const passed = failures.length === 0;
  const at = now();
  const record: VerificationRecord = {
    schema: "cejst.verification/1",
    id: `ver_${ulid(at)}`,
    target,
    result: passed ? "passed" : "failed",
    passed,
    hosts,
    counts: { requests, files: plan.files.length, bytes, failures: failures.length },
    failures,
    edge: {
      generation: generations.size === 0 ? null : Math.min(...generations),
      distributions: [...distributions].sort(),
    },
    actor: opts.actor ?? null,
    startedAt,
    at: at.toISOString(),
  };
  const key = `${verificationFolder(target)}${record.id}.json`;
  const r = await store.putIfAbsent(key, new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`), {
    contentType: "application/json",
  });
  if (r === "exists") throw new Error(`verification id ${record.id} already exists (got a ULID collision)`);
  const subject =
    target.kind === "distribution"
      ? { distribution: target.distribution }
      : { channel: target.channel, gen: target.gen };
  await appendAudit(
    store,
    {
      event: passed ? "verify.passed" : "verify.failed",
      result: passed ? "ok" : "failed",
      exit: passed ? "OK" : "VERIFY_FAILED",
      subject,
      refs: { verification: record.id, distribution: target.distribution, failures: failures.length },
      ...(opts.actor === undefined ? {} : { actor: opts.actor }),
      run: { command: opts.command ?? "cejst verify", ci: null },
    },
    { now },
  );
  return { record, ok: passed };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
