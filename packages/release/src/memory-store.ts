import { clampRange, collectBytes, sha256Hex } from "./bytes.ts";
import { assertValidKey, compareKeys } from "./keys.ts";
import type { ByteRange, ByteSource, ObjectInfo, PutMeta, Store, StoredObject } from "./store.ts";

interface Entry {
  body: Uint8Array;
  meta: PutMeta;
  lastModified: Date;
  sha256: string;
}

/**
 * An in-memory `Store` for unit tests and the edge's tests. Put-if-absent is atomic because
 * the check and the insert run in one synchronous step after the body has been read.
 * Metadata is kept as S3 keeps it.
 */
export class MemoryStore implements Store {
  readonly #objects = new Map<string, Entry>();
  readonly #now: () => Date;

  constructor(opts: { now?: () => Date } = {}) {
    this.#now = opts.now ?? (() => new Date());
  }

  async putIfAbsent(key: string, body: ByteSource, meta: PutMeta): Promise<"created" | "exists"> {
    assertValidKey(key);
    if (this.#objects.has(key)) return "exists";
    const bytes = (await collectBytes(body)).slice();
    const sha256 = sha256Hex(bytes);
    if (meta.sha256 !== undefined && meta.sha256 !== sha256) {
      throw new Error(
        `sha256 of the body for ${key} differs from the one given (got ${meta.sha256}, body ${sha256})`,
      );
    }
    if (this.#objects.has(key)) return "exists";
    this.#objects.set(key, { body: bytes, meta: { ...meta }, lastModified: this.#now(), sha256 });
    return "created";
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | undefined> {
    assertValidKey(key);
    const entry = this.#objects.get(key);
    if (entry === undefined) return undefined;
    const info = this.#info(key, entry);
    if (range === undefined) return { ...info, body: entry.body.slice() };
    const r = clampRange(key, entry.body.byteLength, range);
    return { ...info, body: entry.body.slice(r.start, r.end + 1), range: r };
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    assertValidKey(key);
    const entry = this.#objects.get(key);
    return entry === undefined ? undefined : this.#info(key, entry);
  }

  async *list(prefix: string, opts: { startAfter?: string } = {}): AsyncIterable<ObjectInfo> {
    const keys = [...this.#objects.keys()]
      .filter((k) => k.startsWith(prefix))
      .filter((k) => opts.startAfter === undefined || compareKeys(k, opts.startAfter) > 0)
      .sort(compareKeys);
    for (const key of keys) {
      const entry = this.#objects.get(key);
      if (entry !== undefined) yield this.#info(key, entry);
    }
  }

  async deleteProbe(key: `control/probe/${string}`): Promise<void> {
    if (!key.startsWith("control/probe/")) throw new Error(`only probe keys may be deleted (got ${key})`);
    this.#objects.delete(key);
  }

  /**
   * Test back door: replaces or removes an object, bypassing put-if-absent, so tests can
   * simulate corruption or an outside writer. Not part of the `Store` port.
   */
  tamper(key: string, body: Uint8Array | undefined): void {
    if (body === undefined) {
      this.#objects.delete(key);
      return;
    }
    const old = this.#objects.get(key);
    this.#objects.set(key, {
      body: body.slice(),
      meta: old?.meta ?? {},
      lastModified: this.#now(),
      sha256: sha256Hex(body),
    });
  }

  #info(key: string, entry: Entry): ObjectInfo {
    const info: ObjectInfo = {
      key,
      size: entry.body.byteLength,
      etag: `"${entry.sha256}"`,
      lastModified: entry.lastModified,
      sha256: entry.sha256,
    };
    if (entry.meta.contentType !== undefined) info.contentType = entry.meta.contentType;
    if (entry.meta.cacheControl !== undefined) info.cacheControl = entry.meta.cacheControl;
    return info;
  }
}
