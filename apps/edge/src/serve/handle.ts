/**
 * Turns an outcome of `resolve` into a complete response: conditionals, ranges,
 * compression and headers. Independent of any HTTP library, so adapters stay small and the
 * same behaviour is tested once.
 */
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, gzip, constants as zlibConstants } from "node:zlib";
import type { Store } from "@cejst/release";
import { etagOf, ifRangeAllows, noneMatch } from "../core/conditional.ts";
import { isCompressible } from "../core/content-type.ts";
import {
  cacheControl,
  type HeaderMap,
  type HeaderOptions,
  preflightHeaders,
  scopeHeaders,
} from "../core/headers.ts";
import { parseRange } from "../core/range.ts";
import {
  type Body,
  type CachePolicy,
  type EdgeRequest,
  type Outcome,
  type ResolveOptions,
  resolve,
  type Scope,
} from "../core/resolve.ts";
import type { EdgeDomains } from "../core/types.ts";
import type { EdgeLogger, StateKeeper } from "../state/state-keeper.ts";
import { ByteCache } from "./byte-cache.ts";
import { type RangeReader, rangeReader } from "./range-reader.ts";
import { TileArchives } from "./tile-archive.ts";

/** A response ready to be written. `body` is absent for HEAD and bodiless statuses. */
export interface EdgeResponse {
  status: number;
  headers: HeaderMap;
  body?: Uint8Array;
  /** Large bodies instead arrive in chunks, read on demand (backpressure is the adapter's). */
  stream?: () => AsyncIterable<Uint8Array>;
  /** The scope the request was resolved in, for the access log. */
  scope: Scope;
}

/** Options of the request handler. */
export interface HandlerOptions extends ResolveOptions, HeaderOptions {
  /**
   * Compress text responses (gzip or brotli) when the client accepts it. Tiles and binary
   * downloads are never compressed, and `Accept-Encoding: identity` is always honoured.
   * @defaultValue true
   */
  compress?: boolean;
  /** Largest body compressed on the fly. @defaultValue 8 MiB */
  maxCompressBytes?: number;
}

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
const NOT_FOUND = new TextEncoder().encode("Not found\n");
const MIN_COMPRESS = 1024;
/** Bodies above this are read from the store in chunks rather than held whole. */
const STREAM_ABOVE = 8 * 1024 * 1024;
const CHUNK = 1024 * 1024;
/** Whole objects up to this size stay in memory once read (keys never change). */
const KEEP_WHOLE = 1024 * 1024;

/** Handles requests against a keeper's current snapshot and a store. */
export class EdgeHandler {
  readonly #store: Store;
  readonly #keeper: StateKeeper;
  readonly #domains: EdgeDomains;
  readonly #opts: HandlerOptions;
  readonly #log: EdgeLogger;
  readonly #compressed = new ByteCache(32 * 1024 * 1024);
  readonly #whole = new ByteCache(32 * 1024 * 1024);
  readonly #ranges: RangeReader;
  readonly #tracts = new ByteCache(16 * 1024 * 1024);
  readonly #shards = new Map<string, Record<string, unknown>>();
  readonly #headerCache = new WeakMap<Scope, Map<string, Readonly<HeaderMap>>>();
  readonly #tileArchives = new TileArchives((key, start, end) => this.#readRange(key, start, end));

  constructor(
    store: Store,
    keeper: StateKeeper,
    domains: EdgeDomains,
    log: EdgeLogger,
    opts: HandlerOptions = {},
  ) {
    this.#store = store;
    this.#keeper = keeper;
    this.#domains = domains;
    this.#log = log;
    this.#opts = opts;
    this.#ranges = rangeReader(store);
  }

  /** Releases what the handler holds open (file descriptors); it keeps working afterwards. */
  close(): void {
    this.#ranges.close();
  }

  /** Answers one request. Never throws for bad input; store failures become 500s. */
  async handle(req: EdgeRequest): Promise<EdgeResponse> {
    // usually nothing to wait for: then no promise is made at all
    const pending = this.#keeper.beforeRequest(req.host, req.target);
    if (pending !== undefined) await pending;
    // One snapshot per request: everything below reads from this world only.
    const outcome = resolve(this.#keeper.state, this.#domains, req, this.#opts);
    try {
      return await this.#respond(req, outcome);
    } catch (e) {
      this.#log({ type: "error", msg: (e as Error).message, target: req.target.split("?")[0] });
      return plain(500, outcome.scope, "Internal error\n", this.#opts);
    }
  }

  async #respond(req: EdgeRequest, outcome: Outcome): Promise<EdgeResponse> {
    const { scope } = outcome;
    switch (outcome.kind) {
      case "not-found":
        return notFound(scope, this.#opts);
      case "bad-request":
        return plain(400, scope, "Bad request\n", this.#opts);
      case "method-not-allowed": {
        const r = plain(405, scope, "Method not allowed\n", this.#opts);
        r.headers.allow = scope.kind === "data" ? "GET, HEAD, OPTIONS" : "GET, HEAD";
        return r;
      }
      case "unauthorized": {
        const r = plain(401, scope, "Unauthorized\n", this.#opts);
        r.headers["www-authenticate"] = 'Basic realm="staging", charset="UTF-8"';
        return r;
      }
      case "preflight":
        return {
          status: 204,
          headers: { ...scopeHeaders(scope, this.#opts), ...preflightHeaders(), "cache-control": "no-store" },
          scope,
        };
      case "redirect": {
        const headers: HeaderMap = {
          ...scopeHeaders(scope, this.#opts),
          location: outcome.location,
          "cache-control": cacheControl(outcome.cache),
          "content-length": "0",
        };
        if (outcome.setCookie !== undefined) headers["set-cookie"] = outcome.setCookie;
        return { status: outcome.status, headers, scope };
      }
      case "serve":
        return this.#serve(req, scope, outcome.body, outcome.cache, outcome.status);
    }
  }

  async #serve(
    req: EdgeRequest,
    scope: Scope,
    body: Body,
    cache: CachePolicy,
    status: 200 | 404,
  ): Promise<EdgeResponse> {
    const head = req.method === "HEAD";
    const rep = await this.#representation(body);
    if (rep === undefined) return notFound(scope, this.#opts);
    const headers: HeaderMap = { ...this.#baseHeaders(scope, rep.contentType, cache) };
    if (status === 404) {
      const bytes = rep.bytes ?? (await this.#read(rep.key ?? "", rep.size));
      headers["content-length"] = String(bytes.byteLength);
      return head ? { status, headers, scope } : { status, headers, body: bytes, scope };
    }
    headers.etag = etagOf(rep.sha256);
    headers["accept-ranges"] = "bytes";
    const compressible = this.#opts.compress !== false && isCompressible(rep.contentType);
    if (compressible) headers.vary = "Accept-Encoding";
    if (noneMatch(req.headers["if-none-match"], rep.sha256)) {
      delete headers["content-type"];
      return { status: 304, headers, scope };
    }
    const range = ifRangeAllows(req.headers["if-range"], rep.sha256)
      ? parseRange(req.headers.range, rep.size)
      : ({ kind: "full" } as const);
    if (range.kind === "unsatisfiable") {
      const r = plain(416, scope, "Range not satisfiable\n", this.#opts);
      r.headers["content-range"] = `bytes */${rep.size}`;
      return r;
    }
    if (range.kind === "partial") {
      headers["content-range"] = `bytes ${range.start}-${range.end}/${rep.size}`;
      headers["content-length"] = String(range.end - range.start + 1);
      if (head) return { status: 206, headers, scope };
      if (rep.bytes === undefined && range.end - range.start + 1 > STREAM_ABOVE) {
        return { status: 206, headers, stream: this.#chunks(rep.key ?? "", range.start, range.end), scope };
      }
      const part =
        rep.bytes !== undefined
          ? rep.bytes.subarray(range.start, range.end + 1)
          : await this.#readRange(rep.key ?? "", range.start, range.end);
      return { status: 206, headers, body: part, scope };
    }
    const encoding =
      compressible &&
      !head &&
      rep.size >= MIN_COMPRESS &&
      rep.size <= (this.#opts.maxCompressBytes ?? 8 * 1024 * 1024)
        ? negotiate(req.headers["accept-encoding"])
        : undefined;
    if (head) {
      headers["content-length"] = String(rep.size);
      return { status: 200, headers, scope };
    }
    if (rep.bytes === undefined && rep.size > STREAM_ABOVE) {
      headers["content-length"] = String(rep.size);
      return { status: 200, headers, stream: this.#chunks(rep.key ?? "", 0, rep.size - 1), scope };
    }
    if (encoding === undefined) {
      const bytes = rep.bytes ?? (await this.#read(rep.key ?? "", rep.size));
      headers["content-length"] = String(bytes.byteLength);
      return { status: 200, headers, body: bytes, scope };
    }
    // a compressed body, once made, is served without reading the original again
    const packed =
      this.#compressed.get(`${rep.sha256}:${encoding}`) ??
      (await this.#compress(rep.sha256, encoding, rep.bytes ?? (await this.#read(rep.key ?? "", rep.size))));
    headers["content-encoding"] = encoding;
    headers.etag = etagOf(rep.sha256, encoding);
    headers["content-length"] = String(packed.byteLength);
    return { status: 200, headers, body: packed, scope };
  }

  /**
   * The headers every response of one scope, content type and cache policy starts with.
   * They depend on nothing else, and scopes are reused per snapshot, so they are built
   * once (with the policy strings) instead of on every request.
   */
  #baseHeaders(scope: Scope, contentType: string, cache: CachePolicy): Readonly<HeaderMap> {
    let byType = this.#headerCache.get(scope);
    if (byType === undefined) {
      byType = new Map();
      this.#headerCache.set(scope, byType);
    }
    const key = `${cache} ${contentType}`;
    let base = byType.get(key);
    if (base === undefined) {
      base = Object.freeze({
        ...scopeHeaders(scope, this.#opts),
        "content-type": contentType,
        "cache-control": cacheControl(cache),
      });
      // content types come from manifests, so a scope sees only a handful of them
      if (byType.size < 64) byType.set(key, base);
    }
    return base;
  }

  /** Size, validator and (for small in-memory bodies) the bytes of what will be sent. */
  async #representation(
    body: Body,
  ): Promise<
    { size: number; sha256: string; contentType: string; key?: string; bytes?: Uint8Array } | undefined
  > {
    if (body.kind === "inline") {
      const { object } = body;
      return {
        size: object.body.byteLength,
        sha256: object.sha256,
        contentType: body.contentType,
        bytes: object.body,
      };
    }
    if (body.kind === "object") {
      return {
        size: body.file.bytes,
        sha256: body.file.sha256,
        contentType: body.contentType,
        key: body.key,
      };
    }
    if (body.kind === "tile") {
      const tile = await this.#tileArchives.tile(body.archiveKey, body.archive, body.z, body.x, body.y);
      if (tile === undefined) return undefined;
      return {
        size: tile.bytes.byteLength,
        sha256: tile.validator,
        contentType: "application/x-protobuf",
        bytes: tile.bytes,
      };
    }
    const doc = await this.#tract(body.shardKey, body.shard.sha256, body.shard.bytes, body.geoid);
    if (doc === undefined) return undefined;
    return {
      size: doc.byteLength,
      sha256: createHash("sha256").update(doc).digest("hex"),
      contentType: "application/json",
      bytes: doc,
    };
  }

  async #read(key: string, size: number): Promise<Uint8Array> {
    const kept = this.#whole.get(key);
    if (kept !== undefined) return kept;
    const obj = await this.#store.get(key);
    if (obj === undefined) throw new Error(`store object ${key} is missing though its manifest lists it`);
    if (obj.body.byteLength !== size) {
      throw new Error(`store object ${key} has ${obj.body.byteLength} bytes, its manifest says ${size}`);
    }
    if (size <= KEEP_WHOLE) this.#whole.set(key, obj.body);
    return obj.body;
  }

  async #readRange(key: string, start: number, end: number): Promise<Uint8Array> {
    const kept = this.#whole.get(key);
    if (kept !== undefined) return kept.subarray(start, end + 1);
    const body = await this.#ranges.read(key, start, end);
    if (body.byteLength !== end - start + 1) {
      throw new Error(`store object ${key} returned ${body.byteLength} bytes for range ${start}-${end}`);
    }
    return body;
  }

  /**
   * Reads bytes `start..end` of an immutable object in 1 MiB ranges, so a large download
   * never sits whole in memory. Objects never change, so the chunks always agree.
   */
  #chunks(key: string, start: number, end: number): () => AsyncIterable<Uint8Array> {
    const read = (s: number, e: number) => this.#readRange(key, s, e);
    return async function* () {
      for (let at = start; at <= end; at += CHUNK) yield await read(at, Math.min(end, at + CHUNK - 1));
    };
  }

  async #tract(
    shardKey: string,
    shardSha: string,
    shardBytes: number,
    geoid: string,
  ): Promise<Uint8Array | undefined> {
    const cacheKey = `${shardSha}:${geoid}`;
    const hit = this.#tracts.get(cacheKey);
    if (hit !== undefined) return hit;
    let shard = this.#shards.get(shardSha);
    if (shard === undefined) {
      const bytes = await this.#read(shardKey, shardBytes);
      const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new Error(`tract shard ${shardKey} is not a JSON object`);
      }
      shard = parsed as Record<string, unknown>;
      // A handful of parsed shards is enough: neighbouring tracts share a county.
      if (this.#shards.size >= 16) this.#shards.delete(this.#shards.keys().next().value ?? "");
      this.#shards.set(shardSha, shard);
    }
    if (!Object.hasOwn(shard, geoid)) return undefined;
    const doc = new TextEncoder().encode(JSON.stringify(shard[geoid]));
    this.#tracts.set(cacheKey, doc);
    return doc;
  }

  async #compress(sha256: string, encoding: "br" | "gzip", bytes: Uint8Array): Promise<Uint8Array> {
    const key = `${sha256}:${encoding}`;
    const hit = this.#compressed.get(key);
    if (hit !== undefined) return hit;
    const out =
      encoding === "br"
        ? await brotli(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } })
        : await gz(bytes, { level: 6 });
    const packed = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    this.#compressed.set(key, packed);
    return packed;
  }
}

/** Picks `br` or `gzip` from `Accept-Encoding`, honouring q-values; undefined for identity. */
export function negotiate(header: string | undefined): "br" | "gzip" | undefined {
  if (header === undefined || header.length > 512) return undefined;
  const q = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    let weight = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p);
      if (m !== null) weight = Number(m[1]);
    }
    if (name !== "" && Number.isFinite(weight)) q.set(name.trim(), weight);
  }
  const star = q.get("*") ?? 0;
  const br = q.get("br") ?? star;
  const gzipQ = q.get("gzip") ?? star;
  if (br > 0 && br >= gzipQ) return "br";
  if (gzipQ > 0) return "gzip";
  return undefined;
}

function plain(status: number, scope: Scope, text: string, opts: HeaderOptions): EdgeResponse {
  const body = new TextEncoder().encode(text);
  return {
    status,
    headers: {
      ...scopeHeaders(scope, opts),
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
      "content-length": String(body.byteLength),
    },
    body,
    scope,
  };
}

/**
 * The generic 404. For unknown hosts it carries no scope headers at all, so every unknown
 * host and staging label gets the same bytes (G7).
 */
function notFound(scope: Scope, opts: HeaderOptions): EdgeResponse {
  const r = plain(404, scope, "", opts);
  r.body = NOT_FOUND;
  r.headers["content-length"] = String(NOT_FOUND.byteLength);
  return r;
}
