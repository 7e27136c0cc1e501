/**
 * The `Store` port (rollout.md §3.0): an append-only object store. There is no overwrite
 * and no general delete, so the compiler enforces "a published key never changes".
 * Implementations: the filesystem (default), S3 (any S3-compatible service), and an
 * in-memory store for unit tests.
 */

/** Bytes to store: whole in memory, or a factory that streams them (called once per try). */
export type ByteSource = Uint8Array | (() => AsyncIterable<Uint8Array>);

/** Metadata sent with a put (kept by S3; the fs driver derives it from manifests). */
export interface PutMeta {
  contentType?: string;
  cacheControl?: string;
  /** Hex sha256 of the whole body, when the caller knows it. */
  sha256?: string;
}

/** An inclusive byte range, as in an HTTP `Range: bytes=start-end` header. */
export interface ByteRange {
  start: number;
  /** Inclusive; omitted means to the end. */
  end?: number;
}

/** What a store knows about one object. */
export interface ObjectInfo {
  key: string;
  size: number;
  /** Strong validator: stable for the object's lifetime. */
  etag: string;
  lastModified?: Date;
  contentType?: string;
  cacheControl?: string;
  sha256?: string;
}

/** An object read back, whole or a range of it. */
export interface StoredObject extends ObjectInfo {
  body: Uint8Array;
  /** Present when a range was asked for: the bytes `body` covers. */
  range?: { start: number; end: number };
}

/** The append-only object store. */
export interface Store {
  /** Creates `key` with `body` only if no object exists there. Never replaces bytes. */
  putIfAbsent(key: string, body: ByteSource, meta: PutMeta): Promise<"created" | "exists">;
  /** The object (or a range of it), or `undefined` when absent. */
  get(key: string, range?: ByteRange): Promise<StoredObject | undefined>;
  /** Its metadata, or `undefined` when absent. */
  head(key: string): Promise<ObjectInfo | undefined>;
  /** Every key under `prefix`, in bytewise order. */
  list(prefix: string, opts?: { startAfter?: string }): AsyncIterable<ObjectInfo>;
  /** Deletes a capability-probe key, the only keys that may ever be deleted. */
  deleteProbe(key: `control/probe/${string}`): Promise<void>;
}
