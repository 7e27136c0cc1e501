import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { noProgress, type ProgressSink, UsageError } from "@cejst/schema";
import { listApprovals, ulid } from "./approve.ts";
import { type Actor, appendAudit } from "./audit-log.ts";
import { sha256Digest, sha256Hex } from "./bytes.ts";
import { canonicalJson } from "./canonical-json.ts";
import { type DistributionRecord, readChannel, readDistribution } from "./channels.ts";
import { LifecyclePrecondition, VerifyFailed } from "./errors.ts";
import { compareKeys } from "./keys.ts";
import {
  contentTypeFor,
  isCandidateId,
  isTombstone,
  manifestDigest,
  type ReleaseManifest,
} from "./manifest.ts";
import { publicOffers } from "./public-set.ts";
import { IMMUTABLE, readManifest } from "./publish.ts";
import type { Store } from "./store.ts";

/** `cejst-site.json` in a site build (rollout.md §1.7). */
export interface SiteDeclaration {
  immutablePrefixes: string[];
  requiredData?: string[];
  notFound?: string;
}

/** One file of a site build. */
export interface SiteFile {
  path: string;
  sha256: string;
  bytes: number;
  contentType: string;
  immutable: boolean;
}

/** Options of `deploySite`. */
export interface DeploySiteOptions {
  dataVersion: string;
  siteDir: string;
  /** Other versions the distribution offers; default: those of the distribution live on `production`. */
  offers?: { version: string; status: "previous" | "archived" }[];
  /** Extra `config.json` fields (web.md §1.2), e.g. `site.name`, `contact`, `geocoder`. */
  settings?: Record<string, unknown>;
  name?: string;
  stagingBase: string;
  actor: Actor;
  allowRejected?: boolean;
  now?: () => Date;
  progress?: ProgressSink;
}

/** What `deploySite` created. */
export interface DeploySiteResult {
  record: DistributionRecord;
  stagingUrl: string;
  siteDigest: string;
}

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** A staging label: 26 lowercase base32 characters, 130 bits from the CSPRNG (rollout.md §1.2). */
export function stagingLabel(): string {
  const bytes = randomBytes(17);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  bits >>= 6n; // 136 bits drawn, keep 130
  let out = "";
  for (let i = 0; i < 26; i++) {
    out = BASE32[Number(bits & 31n)]! + out;
    bits >>= 5n;
  }
  return out;
}

const enc = (s: string) => new TextEncoder().encode(s);

/**
 * Creates a distribution (rollout.md §2.5 `deploy-site`): uploads the site build
 * (hashed assets to the shared `site-assets/`, the rest to `site-builds/<site hex>/`,
 * `site-manifest.json` last), writes the staging and production `config.json` variants,
 * then `distributions/<id>/record.json` as the commit point.
 */
export async function deploySite(store: Store, opts: DeploySiteOptions): Promise<DeploySiteResult> {
  const now = opts.now ?? (() => new Date());
  const progress = opts.progress ?? noProgress;
  if (!/^[a-z0-9.-]+$/.test(opts.stagingBase))
    throw new UsageError(`stagingBase is not a host name (got ${opts.stagingBase})`);
  const decl = await readDeclaration(opts.siteDir);

  const bound = await committed(store, opts.dataVersion, "unknown data version");
  const boundDigest = manifestDigest(bound);
  const approvals = await listApprovals(store, boundDigest);
  if (approvals.some((a) => a.decision === "rejected") && !opts.allowRejected) {
    throw new LifecyclePrecondition(
      `version ${opts.dataVersion} was rejected; pass --allow-rejected to investigate it`,
    );
  }
  const approved = approvals.some((a) => a.decision === "approved");

  let offers = opts.offers;
  let settings = opts.settings;
  if (offers === undefined || settings === undefined) {
    const live = (await readChannel(store, "production")).head;
    const dist = live ? await readDistribution(store, live.distribution) : undefined;
    if (offers === undefined) {
      offers = (dist?.offers ?? [])
        .filter((o) => o.version !== opts.dataVersion)
        .map((o) => ({
          version: o.version,
          status: o.status === "current" ? "previous" : (o.status as "previous" | "archived"),
        }));
    }
    if (settings === undefined && dist) {
      const cfg = await store.get(`distributions/${dist.id}/config.production.json`);
      if (cfg) {
        const {
          schemaVersion: _s,
          data: _d,
          site,
          ...rest
        } = JSON.parse(new TextDecoder().decode(cfg.body)) as Record<string, unknown>;
        const { environment: _e, ...siteRest } = (site ?? {}) as Record<string, unknown>;
        settings = { ...rest, ...(Object.keys(siteRest).length ? { site: siteRest } : {}) };
      }
    }
  }
  const publicSet = await publicManifests(store);
  const offered: { version: string; manifest: string; status: string; m: ReleaseManifest }[] = [];
  for (const o of offers ?? []) {
    const m = await committed(store, o.version, "offered version is not committed");
    const d = manifestDigest(m);
    const ok = publicSet.has(d) || (await listApprovals(store, d)).some((a) => a.decision === "approved");
    if (!ok) throw new LifecyclePrecondition(`offered version ${o.version} is neither public nor approved`);
    offered.push({ version: o.version, manifest: d, status: o.status, m });
  }
  const missing: string[] = [];
  for (const need of decl.requiredData ?? []) {
    for (const v of [{ version: opts.dataVersion, m: bound }, ...offered]) {
      const has = v.m.content.files.some((f) => f.path === need || f.role === need);
      if (!has) missing.push(`${v.version}: ${need}`);
    }
  }
  if (missing.length)
    throw new LifecyclePrecondition(`the site needs data that is missing (${missing.join("; ")})`);

  // 1. Site files, then the site manifest.
  const paths = (await listFiles(opts.siteDir, "")).filter((p) => p !== "cejst-site.json").sort(compareKeys);
  for (const p of paths) {
    if (p === "config.json" || p.startsWith("data-versions/"))
      throw new LifecyclePrecondition(`the site build contains the reserved path ${p}`);
  }
  const files: SiteFile[] = [];
  const bodies = new Map<string, Uint8Array>();
  for (const path of paths) {
    const body = new Uint8Array(await readFile(join(opts.siteDir, ...path.split("/"))));
    bodies.set(path, body);
    const immutable = decl.immutablePrefixes.some((pre) => path.startsWith(pre));
    files.push({
      path,
      sha256: sha256Hex(body),
      bytes: body.byteLength,
      contentType: siteType(path),
      immutable,
    });
  }
  // requiredData goes into the site manifest, so a change report can check a deployed build
  // (compare --site sha256:…) without its folder and without asking what is live.
  const siteContent = {
    files,
    immutablePrefixes: decl.immutablePrefixes,
    notFound: decl.notFound ?? null,
    ...(decl.requiredData === undefined ? {} : { requiredData: decl.requiredData }),
  };
  const siteDigest = sha256Digest(canonicalJson(siteContent));
  const siteHex = siteDigest.slice(7);
  let done = 0;
  for (const f of files) {
    const key = f.immutable ? `site-assets/${f.path}` : `site-builds/${siteHex}/${f.path}`;
    const r = await store.putIfAbsent(key, bodies.get(f.path)!, {
      contentType: f.contentType,
      cacheControl: f.immutable ? IMMUTABLE : "no-cache",
      sha256: f.sha256,
    });
    if (r === "exists") {
      const got = await store.get(key);
      const hex = got ? sha256Hex(got.body) : "nothing";
      if (hex !== f.sha256)
        throw new VerifyFailed(
          `site file ${key} already exists with sha256 ${hex}, this build has ${f.sha256}`,
        );
    }
    progress({ stage: "site", done: ++done, total: files.length, unit: "files", detail: f.path });
  }
  await store.putIfAbsent(
    `site-builds/${siteHex}/site-manifest.json`,
    enc(`${JSON.stringify({ schema: "cejst.site-manifest/1", content: siteContent }, null, 2)}\n`),
    { contentType: "application/json", cacheControl: "no-cache" },
  );

  // 2. Identity, 3. the two config variants.
  const id = `dst_${ulid(now())}`;
  const label = stagingLabel();
  const stagingHost = `${label}.${opts.stagingBase}`;
  const boundStatus = (variant: "staging" | "production") =>
    variant === "staging" && (isCandidateId(opts.dataVersion) || !approved) ? "candidate" : "current";
  const config = (variant: "staging" | "production") => {
    const { site: extraSite, ...rest } = (settings ?? {}) as Record<string, unknown>;
    return {
      schemaVersion: 1,
      ...rest,
      site: { ...((extraSite as Record<string, unknown>) ?? {}), environment: variant },
      data: {
        baseUrl: "data-versions/",
        defaultVersion: opts.dataVersion,
        versions: [
          { id: opts.dataVersion, status: boundStatus(variant) },
          ...offered.map((o) => ({ id: o.version, status: o.status })),
        ],
      },
    };
  };
  const digests: Record<"staging" | "production", string> = { staging: "", production: "" };
  for (const variant of ["staging", "production"] as const) {
    const bytes = enc(`${JSON.stringify(config(variant), null, 2)}\n`);
    digests[variant] = sha256Digest(bytes);
    await store.putIfAbsent(`distributions/${id}/config.${variant}.json`, bytes, {
      contentType: "application/json",
      cacheControl: "no-cache",
    });
  }

  // 4. The record: the commit point.
  const record: DistributionRecord = {
    schema: "cejst.distribution/1",
    id,
    name: opts.name ?? id,
    site: siteDigest,
    data: { version: opts.dataVersion, manifest: boundDigest },
    offers: [
      { version: opts.dataVersion, manifest: boundDigest, status: "current" },
      ...offered.map((o) => ({ version: o.version, manifest: o.manifest, status: o.status })),
    ],
    configs: digests,
    stagingHost,
    stagingAuth: null,
    createdAt: now().toISOString(),
    createdBy: opts.actor,
  };
  const r = await store.putIfAbsent(
    `distributions/${id}/record.json`,
    enc(`${JSON.stringify(record, null, 2)}\n`),
    {
      contentType: "application/json",
    },
  );
  if (r === "exists") throw new Error(`distribution id ${id} already exists (got a ULID collision)`);
  await appendAudit(
    store,
    {
      event: "distribution.created",
      result: "ok",
      exit: "OK",
      subject: { distribution: id },
      refs: { manifest: boundDigest, site: siteDigest, stagingHost },
      actor: opts.actor,
      run: { command: `cejst deploy-site --data-version ${opts.dataVersion}`, ci: null },
    },
    { now },
  );
  return { record, stagingUrl: `https://${stagingHost}/`, siteDigest };
}

async function committed(store: Store, version: string, problem: string): Promise<ReleaseManifest> {
  const m = await readManifest(store, version);
  if (m === undefined) throw new LifecyclePrecondition(`${problem} (got ${version})`);
  if (isTombstone(m)) throw new LifecyclePrecondition(`version ${version} was abandoned`);
  return m;
}

async function publicManifests(store: Store): Promise<Set<string>> {
  return new Set([...(await publicOffers(store)).values()].map((o) => o.manifest));
}

async function readDeclaration(siteDir: string): Promise<SiteDeclaration> {
  let text: string;
  try {
    text = await readFile(join(siteDir, "cejst-site.json"), "utf8");
  } catch {
    return { immutablePrefixes: ["assets/"] };
  }
  const d = JSON.parse(text) as Partial<SiteDeclaration>;
  if (!Array.isArray(d.immutablePrefixes) || d.immutablePrefixes.some((p) => typeof p !== "string")) {
    throw new UsageError(
      `${join(siteDir, "cejst-site.json")}: immutablePrefixes is not a list of folders (got ${JSON.stringify(d.immutablePrefixes)})`,
    );
  }
  return d as SiteDeclaration;
}

function siteType(path: string): string {
  const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  const t: Record<string, string> = {
    js: "text/javascript; charset=utf-8",
    mjs: "text/javascript; charset=utf-8",
    css: "text/css; charset=utf-8",
    woff2: "font/woff2",
    ico: "image/x-icon",
    webmanifest: "application/manifest+json",
  };
  return t[ext] ?? contentTypeFor(path);
}

async function listFiles(root: string, rel: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(root, rel), { withFileTypes: true })) {
    const p = rel === "" ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) out.push(...(await listFiles(root, p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}
