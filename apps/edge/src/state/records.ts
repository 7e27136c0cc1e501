/**
 * Reading release records from the store into the edge's snapshot types. Every record is
 * checked field by field: a record that fails is reported and ignored, and the edge keeps
 * serving its last valid state (rollout.md §1.11, state refresh).
 */
import { createHash } from "node:crypto";
import { manifestDigest, type Store } from "@cejst/release";
import type {
  DistributionInfo,
  FileEntry,
  InlineObject,
  SiteFile,
  SiteInfo,
  StagingAuth,
  VersionInfo,
} from "../core/types.ts";

/** A record that could not be used, with the key and the reason. */
export class RecordError extends Error {
  readonly key: string;
  constructor(key: string, message: string) {
    super(`${key}: ${message}`);
    this.key = key;
    this.name = "RecordError";
  }
}

/** A channel generation, reduced to what the edge checks. */
export interface GenerationRecord {
  channel: string;
  gen: number;
  distribution: string;
  previous: { gen: number; distribution: string } | null;
  offers?: readonly string[];
}

type Json = Record<string, unknown>;

const HEX64 = /^[0-9a-f]{64}$/;
/** Manifest roles of the tile archives the edge cuts `.pbf` trees from (artifacts.md §1.6). */
const TILE_ROLES: ReadonlySet<string> = new Set(["tiles-detail", "tiles-overview", "tiles-tribal"]);
const DIGEST = /^sha256:([0-9a-f]{64})$/;

/** Zero-padded key of a channel generation. */
export function generationKey(channel: string, gen: number): string {
  return `control/channels/${channel}/${String(gen).padStart(10, "0")}.json`;
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

async function readObject(store: Store, key: string): Promise<InlineObject | undefined> {
  const obj = await store.get(key);
  if (obj === undefined) return undefined;
  return { body: obj.body, sha256: sha256Hex(obj.body) };
}

function parseJson(key: string, body: Uint8Array): Json {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch (e) {
    throw new RecordError(key, `is not UTF-8 JSON (${(e as Error).message})`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new RecordError(key, "is not a JSON object");
  }
  return value as Json;
}

function str(key: string, obj: Json, field: string): string {
  const v = obj[field];
  if (typeof v !== "string" || v.length === 0) throw new RecordError(key, `field "${field}" is not a string`);
  return v;
}

function digestHex(key: string, value: unknown, field: string): string {
  const m = typeof value === "string" ? DIGEST.exec(value) : null;
  if (m === null)
    throw new RecordError(key, `field "${field}" is not a sha256: digest (got ${String(value)})`);
  return m[1] ?? "";
}

function fileEntry(key: string, raw: unknown, i: number): [string, FileEntry & { immutable?: boolean }] {
  if (raw === null || typeof raw !== "object") throw new RecordError(key, `files[${i}] is not an object`);
  const f = raw as Json;
  const path = f.path;
  if (
    typeof path !== "string" ||
    path.length === 0 ||
    path.startsWith("/") ||
    path.split("/").includes("..")
  ) {
    throw new RecordError(key, `files[${i}].path is not a relative path (got ${String(path)})`);
  }
  if (typeof f.sha256 !== "string" || !HEX64.test(f.sha256)) {
    throw new RecordError(key, `files[${i}].sha256 is not 64 hex digits`);
  }
  const bytes = f.bytes;
  if (typeof bytes !== "number" || !Number.isSafeInteger(bytes) || bytes < 0) {
    throw new RecordError(key, `files[${i}].bytes is not a size`);
  }
  const entry: FileEntry & { immutable?: boolean } = { sha256: f.sha256, bytes };
  if (typeof f.contentType === "string") entry.contentType = f.contentType;
  if (f.immutable === true) entry.immutable = true;
  return [path, entry];
}

/**
 * Reads `data-versions/<id>/manifest.json`. Returns `undefined` when the version is not
 * committed: no manifest, or a tombstone.
 */
export async function loadVersion(store: Store, id: string): Promise<VersionInfo | undefined> {
  const key = `data-versions/${id}/manifest.json`;
  const manifest = await readObject(store, key);
  if (manifest === undefined) return undefined;
  const json = parseJson(key, manifest.body);
  if (json.schema === "cejst.tombstone/1") return undefined;
  if (json.schema !== "cejst.manifest/1")
    throw new RecordError(key, `unknown schema (got ${String(json.schema)})`);
  const content = json.content as Json | undefined;
  const files = content?.files;
  if (!Array.isArray(files)) throw new RecordError(key, 'field "content.files" is not an array');
  const map = new Map<string, FileEntry>();
  const tileArchives = new Map<string, string>();
  files.forEach((raw, i) => {
    const [path, entry] = fileEntry(key, raw, i);
    map.set(path, entry);
    const role = (raw as Json).role;
    if (typeof role === "string" && TILE_ROLES.has(role)) tileArchives.set(role, path);
  });
  const digest = manifestDigest({ content } as Parameters<typeof manifestDigest>[0]);
  return { id, files: map, manifest, digest, tileArchives };
}

/** Reads `site-builds/<hex>/site-manifest.json`. */
export async function loadSite(store: Store, hex: string): Promise<SiteInfo> {
  const key = `site-builds/${hex}/site-manifest.json`;
  const obj = await readObject(store, key);
  if (obj === undefined) throw new RecordError(key, "is missing");
  const json = parseJson(key, obj.body);
  const content = (typeof json.content === "object" && json.content !== null ? json.content : json) as Json;
  const files = content.files;
  if (!Array.isArray(files)) throw new RecordError(key, 'field "files" is not an array');
  const map = new Map<string, SiteFile>();
  files.forEach((raw, i) => {
    const [path, entry] = fileEntry(key, raw, i);
    map.set(path, { ...entry, immutable: entry.immutable === true });
  });
  const site: SiteInfo = { hex, files: map };
  if (typeof content.notFound === "string") site.notFound = content.notFound;
  return site;
}

function stagingAuth(key: string, raw: unknown): StagingAuth | null {
  if (raw === null || raw === undefined) return null;
  const a = raw as Json;
  if (a.scheme === "token" && typeof a.sha256 === "string" && HEX64.test(a.sha256)) {
    return { scheme: "token", sha256: a.sha256 };
  }
  if (
    a.scheme === "basic" &&
    typeof a.user === "string" &&
    typeof a.salt === "string" &&
    typeof a.hash === "string" &&
    typeof a.N === "number" &&
    typeof a.r === "number" &&
    typeof a.p === "number"
  ) {
    return { scheme: "basic", user: a.user, salt: a.salt, hash: a.hash, N: a.N, r: a.r, p: a.p };
  }
  // An unreadable protection must not turn into no protection.
  throw new RecordError(key, `field "stagingAuth" is not a known scheme`);
}

/** Reads a distribution's record, both config variants and its site build. */
export async function loadDistribution(
  store: Store,
  id: string,
  sites: Map<string, SiteInfo>,
): Promise<DistributionInfo> {
  const key = `distributions/${id}/record.json`;
  const rec = await readObject(store, key);
  if (rec === undefined) throw new RecordError(key, "is missing");
  const json = parseJson(key, rec.body);
  if (json.schema !== "cejst.distribution/1")
    throw new RecordError(key, `unknown schema (got ${String(json.schema)})`);
  if (json.id !== id)
    throw new RecordError(key, `field "id" does not match its key (got ${String(json.id)})`);
  const siteHex = digestHex(key, json.site, "site");
  const data = json.data as Json | undefined;
  if (data === undefined || data === null) throw new RecordError(key, 'field "data" is missing');
  const version = str(key, data, "version");
  const offers: { version: string; manifest?: string; status?: string }[] = [];
  if (Array.isArray(json.offers)) {
    json.offers.forEach((o, i) => {
      const v = (o as Json | null)?.version;
      if (typeof v !== "string") throw new RecordError(key, `offers[${i}].version is not a string`);
      const entry: { version: string; manifest?: string; status?: string } = { version: v };
      const m = (o as Json).manifest;
      const s = (o as Json).status;
      if (typeof m === "string") entry.manifest = m;
      if (typeof s === "string") entry.status = s;
      offers.push(entry);
    });
  }
  const bound = offers.find((o) => o.version === version);
  if (bound === undefined) {
    const entry: { version: string; manifest?: string } = { version };
    if (typeof data.manifest === "string") entry.manifest = data.manifest;
    offers.unshift(entry);
  } else if (
    typeof data.manifest === "string" &&
    bound.manifest !== undefined &&
    bound.manifest !== data.manifest
  ) {
    throw new RecordError(key, `"data.manifest" and the offer of ${version} name different manifests`);
  }
  const staging = await readObject(store, `distributions/${id}/config.staging.json`);
  const production = await readObject(store, `distributions/${id}/config.production.json`);
  if (staging === undefined || production === undefined) {
    throw new RecordError(key, "a config variant (config.staging.json or config.production.json) is missing");
  }
  let site = sites.get(siteHex);
  if (site === undefined) {
    site = await loadSite(store, siteHex);
    sites.set(siteHex, site);
  }
  const dist: DistributionInfo = {
    id,
    site,
    version,
    offers,
    configs: { staging, production },
    stagingAuth: stagingAuth(key, json.stagingAuth),
  };
  if (typeof json.stagingHost === "string" && json.stagingHost.length > 0) {
    dist.stagingHost = json.stagingHost.toLowerCase();
  }
  const origins = configConnectOrigins(`distributions/${id}/config.production.json`, production.body);
  if (origins.length > 0) dist.connectOrigins = origins;
  return dist;
}

/**
 * The external origins a distribution's `config.json` names for the browser to call: today
 * only the address geocoder (web.md §3.8.4). Taken from the distribution's own immutable
 * config, so the policy changes only with a new distribution.
 */
export function configConnectOrigins(key: string, body: Uint8Array): string[] {
  const cfg = parseJson(key, body);
  const g = cfg.geocoder as Json | null | undefined;
  if (g === undefined || g === null || typeof g.url !== "string") return [];
  // A relative URL is the site's own origin; anything but http(s) is never allowed out.
  let url: URL;
  try {
    url = new URL(g.url.replaceAll("{query}", "q"));
  } catch {
    return [];
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return [];
  return [url.origin];
}

/** Reads one generation record and checks it names its own channel and number. */
export async function loadGeneration(
  store: Store,
  channel: string,
  gen: number,
): Promise<GenerationRecord | undefined> {
  const key = generationKey(channel, gen);
  const obj = await store.get(key);
  if (obj === undefined) return undefined;
  const json = parseJson(key, obj.body);
  if (json.schema !== "cejst.generation/1")
    throw new RecordError(key, `unknown schema (got ${String(json.schema)})`);
  if (json.channel !== channel) throw new RecordError(key, `field "channel" does not match its key`);
  if (json.gen !== gen)
    throw new RecordError(key, `field "gen" does not match its key (got ${String(json.gen)})`);
  const distribution = str(key, json, "distribution");
  let previous: GenerationRecord["previous"] = null;
  if (json.previous !== null && json.previous !== undefined) {
    const p = json.previous as Json;
    if (typeof p.gen !== "number" || typeof p.distribution !== "string") {
      throw new RecordError(key, 'field "previous" is not {gen, distribution}');
    }
    previous = { gen: p.gen, distribution: p.distribution };
  }
  return { channel, gen, distribution, previous };
}
