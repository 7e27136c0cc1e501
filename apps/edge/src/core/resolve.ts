/**
 * Routing of one request to one outcome (rollout.md §1.11). Pure: no I/O, no clock. The
 * adapter resolves the host once, against one state snapshot, and then only reads
 * immutable objects, so no response can mix two distributions.
 *
 * Stages:
 * 1. host → scope (channel domain, staging host, public data host, or unknown);
 * 2. staging access (token cookie or basic auth), indistinguishable from unknown on failure;
 * 3. method (GET/HEAD; CORS preflight on the data host);
 * 4. path → a store key, an in-memory object, a tract inside a shard, a redirect or a 404.
 */
import { contentTypeFor } from "./content-type.ts";
import { parseHost, parseTarget } from "./request-target.ts";
import { basicMatches, cookieValue, STAGING_COOKIE, sha256Text, tokenMatches } from "./staging-auth.ts";
import type {
  DistributionInfo,
  EdgeDomains,
  EdgeState,
  FileEntry,
  InlineObject,
  SiteInfo,
  VersionInfo,
} from "./types.ts";

/** What the edge needs to know about a request. Header names are lowercase. */
export interface EdgeRequest {
  method: string;
  /** The raw `Host` header. */
  host: string | undefined;
  /** The raw request target, e.g. `/data-versions/2.0/manifest.json?x=1`. */
  target: string;
  headers: Readonly<Record<string, string | undefined>>;
}

/** Which world a request was resolved in. */
export type Scope =
  | { kind: "channel"; channel: string; gen: number; distribution: string; connect?: readonly string[] }
  | { kind: "staging"; distribution: string; connect?: readonly string[] }
  | { kind: "data" }
  | { kind: "unknown" };

/** How a response may be cached (rollout.md §1.11, response headers). */
export type CachePolicy = "immutable" | "no-cache" | "short" | "no-store";

/** A body the adapter reads or has in hand. */
export type Body =
  /** A whole stored object; ranges and conditionals apply. */
  | { kind: "object"; key: string; file: FileEntry; contentType: string }
  /** A small object kept in the snapshot (config variants, manifests, versions.json). */
  | { kind: "inline"; object: InlineObject; contentType: string }
  /** One tract's document, cut out of a county shard (spec README decision 1). */
  | { kind: "tract"; shardKey: string; shard: FileEntry; geoid: string }
  /** One tile of a compatibility `{z}/{x}/{y}.pbf` tree, cut from the tileset's PMTiles archive. */
  | { kind: "tile"; archiveKey: string; archive: FileEntry; z: number; x: number; y: number };

/** The decision for one request. */
export type Outcome =
  | { kind: "serve"; scope: Scope; body: Body; cache: CachePolicy; status: 200 | 404 }
  | {
      kind: "redirect";
      scope: Scope;
      status: 303 | 308;
      location: string;
      setCookie?: string;
      cache: CachePolicy;
    }
  | { kind: "not-found"; scope: Scope }
  | { kind: "bad-request"; scope: Scope }
  | { kind: "method-not-allowed"; scope: Scope }
  | { kind: "unauthorized"; scope: Scope }
  | { kind: "preflight"; scope: Scope };

/** Options that change routing. */
export interface ResolveOptions {
  /** Add `Secure` to the staging cookie (off only for plain-HTTP deployments). */
  secureCookies?: boolean;
}

const UNKNOWN: Scope = { kind: "unknown" };
const TRACT = /^api\/tracts\/(\d{11})\.json$/;
/** Canonical decimal numbers only, so one tile has one URL. */
const N = "(0|[1-9]\\d{0,8})";
/** The compatibility tile trees (artifacts.md §1.5) and the archive role each is cut from. */
const TILE_TREES: readonly { pattern: RegExp; role: (m: RegExpExecArray) => string }[] = [
  {
    pattern: new RegExp(`^data/score/tiles/(high|low)/${N}/${N}/${N}\\.pbf$`),
    role: (m) => (m[1] === "high" ? "tiles-detail" : "tiles-overview"),
  },
  { pattern: new RegExp(`^data/tribal/tiles()/${N}/${N}/${N}\\.pbf$`), role: () => "tiles-tribal" },
];
/** Deepest zoom a PMTiles tile id can address. */
const MAX_ZOOM = 26;
const ROBOTS_TEXT = "User-agent: *\nDisallow: /\n";
const ROBOTS: InlineObject = { body: new TextEncoder().encode(ROBOTS_TEXT), sha256: sha256Text(ROBOTS_TEXT) };

/**
 * Scopes already worked out, per snapshot and `Host` header. A snapshot never changes, so
 * neither does the answer; reusing the scope object also lets the handler keep the headers
 * it derives from it. Bounded, so made-up host names cannot grow it.
 */
const SCOPES = new WeakMap<EdgeState, WeakMap<EdgeDomains, Map<string, Scope>>>();
const MAX_SCOPES = 256;

/** Finds the scope a host belongs to. Channel domains win over staging and data hosts. */
export function scopeForHost(state: EdgeState, domains: EdgeDomains, hostHeader: string | undefined): Scope {
  if (hostHeader === undefined) return UNKNOWN;
  let byDomains = SCOPES.get(state);
  if (byDomains === undefined) {
    byDomains = new WeakMap();
    SCOPES.set(state, byDomains);
  }
  let known = byDomains.get(domains);
  if (known === undefined) {
    known = new Map();
    byDomains.set(domains, known);
  }
  const hit = known.get(hostHeader);
  if (hit !== undefined) return hit;
  const scope = Object.freeze(findScope(state, domains, hostHeader));
  if (known.size < MAX_SCOPES) known.set(hostHeader, scope);
  return scope;
}

function findScope(state: EdgeState, domains: EdgeDomains, hostHeader: string): Scope {
  const host = parseHost(hostHeader);
  if (host === undefined) return UNKNOWN;
  for (const [channel, hosts] of Object.entries(domains.channels)) {
    if (!hosts.includes(host)) continue;
    const pointer = state.channels.get(channel);
    const dist = pointer === undefined ? undefined : state.distributions.get(pointer.distribution);
    if (pointer === undefined || dist === undefined) return UNKNOWN;
    const scope: Scope = { kind: "channel", channel, gen: pointer.gen, distribution: pointer.distribution };
    if (dist.connectOrigins !== undefined) scope.connect = dist.connectOrigins;
    return scope;
  }
  if (domains.stagingBase !== undefined && host.endsWith(`.${domains.stagingBase}`)) {
    const id = state.stagingHosts.get(host);
    if (id === undefined) return UNKNOWN;
    const scope: Scope = { kind: "staging", distribution: id };
    const connect = state.distributions.get(id)?.connectOrigins;
    if (connect !== undefined) scope.connect = connect;
    return scope;
  }
  if (domains.dataHost !== undefined && host === domains.dataHost) return { kind: "data" };
  return UNKNOWN;
}

/** Routes one request against one snapshot. */
export function resolve(
  state: EdgeState,
  domains: EdgeDomains,
  req: EdgeRequest,
  opts: ResolveOptions = {},
): Outcome {
  const scope = scopeForHost(state, domains, req.host);
  if (scope.kind === "unknown") return { kind: "not-found", scope };
  const dist = scope.kind === "data" ? undefined : state.distributions.get(scope.distribution);
  if (scope.kind !== "data" && dist === undefined) return { kind: "not-found", scope: UNKNOWN };

  const target = parseTarget(req.target);
  if (scope.kind === "staging" && dist !== undefined && dist.stagingAuth !== null) {
    const auth = dist.stagingAuth;
    if (auth.scheme === "basic") {
      if (!basicMatches(auth, req.headers.authorization)) return { kind: "unauthorized", scope };
    } else {
      const offered = target?.query.get("token") ?? undefined;
      if (offered !== undefined && target !== undefined) {
        if (!tokenMatches(auth, offered)) return { kind: "not-found", scope: UNKNOWN };
        // Move the token from the URL into a cookie, so it stays out of history and referrers.
        target.query.delete("token");
        const qs = target.query.toString();
        const location = `/${target.segments.map(encodeURIComponent).join("/")}${qs === "" ? "" : `?${qs}`}`;
        const secure = opts.secureCookies === false ? "" : "; Secure";
        return {
          kind: "redirect",
          scope,
          status: 303,
          location,
          setCookie: `${STAGING_COOKIE}=${encodeURIComponent(offered)}; Path=/; HttpOnly; SameSite=Lax${secure}`,
          cache: "no-store",
        };
      }
      const cookie = cookieValue(req.headers.cookie, STAGING_COOKIE);
      if (!tokenMatches(auth, cookie === undefined ? undefined : safeDecode(cookie))) {
        return { kind: "not-found", scope: UNKNOWN };
      }
    }
  }

  if (req.method === "OPTIONS" && scope.kind === "data") return { kind: "preflight", scope };
  if (req.method !== "GET" && req.method !== "HEAD") return { kind: "method-not-allowed", scope };
  if (target === undefined) return { kind: "bad-request", scope };
  const segs = target.segments;

  if (segs[0] === "data-versions") {
    const version = segs[1];
    const allowed =
      version !== undefined &&
      (state.publicVersions.has(version) || (dist !== undefined && dist.version === version));
    const out = allowed ? dataFile(state, scope, version, segs.slice(2).join("/")) : undefined;
    return out ?? notFound(state, scope, dist);
  }
  if (scope.kind === "data") {
    if (segs.length === 1 && segs[0] === "versions.json") {
      return serveInline(scope, state.versionsJson, "application/json", "short");
    }
    return { kind: "not-found", scope };
  }
  if (dist === undefined) return { kind: "not-found", scope };
  const qs = target.query.toString();
  return sitePath(state, scope, dist, segs, qs === "" ? "" : `?${qs}`);
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

function serveInline(scope: Scope, object: InlineObject, contentType: string, cache: CachePolicy): Outcome {
  return { kind: "serve", scope, body: { kind: "inline", object, contentType }, cache, status: 200 };
}

function dataFile(state: EdgeState, scope: Scope, version: string, path: string): Outcome | undefined {
  const info = state.versions.get(version);
  if (info === undefined || path === "") return undefined;
  if (path === "manifest.json") return serveInline(scope, info.manifest, "application/json", "immutable");
  const file = info.files.get(path);
  if (file !== undefined) {
    const key = `data-versions/${version}/${path}`;
    const contentType = file.contentType ?? contentTypeFor(path);
    return {
      kind: "serve",
      scope,
      body: { kind: "object", key, file, contentType },
      cache: "immutable",
      status: 200,
    };
  }
  const tract = TRACT.exec(path);
  if (tract === null) return tileFromArchive(info, scope, version, path);
  const geoid = tract[1] ?? "";
  const shardPath = `api/tracts/${geoid.slice(0, 5)}.json`;
  const shard = info.files.get(shardPath);
  if (shard === undefined) return undefined;
  return {
    kind: "serve",
    scope,
    body: { kind: "tract", shardKey: `data-versions/${version}/${shardPath}`, shard, geoid },
    cache: "immutable",
    status: 200,
  };
}

function tileFromArchive(
  info: VersionInfo,
  scope: Scope,
  version: string,
  path: string,
): Outcome | undefined {
  if (info.tileArchives === undefined || !path.endsWith(".pbf")) return undefined;
  for (const tree of TILE_TREES) {
    const m = tree.pattern.exec(path);
    if (m === null) continue;
    const archivePath = info.tileArchives.get(tree.role(m));
    const archive = archivePath === undefined ? undefined : info.files.get(archivePath);
    if (archivePath === undefined || archive === undefined) return undefined;
    const z = Number(m[2]);
    const x = Number(m[3]);
    const y = Number(m[4]);
    if (z > MAX_ZOOM || x >= 2 ** z || y >= 2 ** z) return undefined;
    const archiveKey = `data-versions/${version}/${archivePath}`;
    const body: Body = { kind: "tile", archiveKey, archive, z, x, y };
    return { kind: "serve", scope, body, cache: "immutable", status: 200 };
  }
  return undefined;
}

function sitePath(
  state: EdgeState,
  scope: Scope,
  dist: DistributionInfo,
  segs: string[],
  search: string,
): Outcome {
  const path = segs.join("/");
  if (path === "config.json") {
    const variant = scope.kind === "staging" ? dist.configs.staging : dist.configs.production;
    return serveInline(scope, variant, "application/json", "no-cache");
  }
  if (path === "robots.txt" && scope.kind === "staging") {
    return serveInline(scope, ROBOTS, "text/plain; charset=utf-8", "no-cache");
  }
  const asset = state.assets.get(path);
  if (asset !== undefined) {
    const body = {
      kind: "object" as const,
      key: `site-assets/${path}`,
      file: asset,
      contentType: assetType(asset, path),
    };
    return { kind: "serve", scope, body, cache: "immutable", status: 200 };
  }
  const page = siteFile(dist.site, path === "" || path.endsWith("/") ? `${path}index.html` : path);
  if (page !== undefined) return { kind: "serve", scope, body: page, cache: "no-cache", status: 200 };
  if (path !== "" && !path.endsWith("/") && dist.site.files.has(`${path}/index.html`)) {
    // the query goes along: /explore?tract=… must land on /explore/?tract=…
    const location = `/${segs.map(encodeURIComponent).join("/")}/${search}`;
    return { kind: "redirect", scope, status: 308, location, cache: "no-cache" };
  }
  return notFound(state, scope, dist);
}

function assetType(file: FileEntry, path: string): string {
  return file.contentType ?? contentTypeFor(path);
}

function siteFile(site: SiteInfo, path: string): Body | undefined {
  const file = site.files.get(path);
  if (file === undefined || file.immutable) return undefined;
  return { kind: "object", key: `site-builds/${site.hex}/${path}`, file, contentType: assetType(file, path) };
}

function notFound(_state: EdgeState, scope: Scope, dist: DistributionInfo | undefined): Outcome {
  const page = dist?.site.notFound === undefined ? undefined : siteFile(dist.site, dist.site.notFound);
  if (page === undefined) return { kind: "not-found", scope };
  return { kind: "serve", scope, body: page, cache: "no-store", status: 404 };
}
