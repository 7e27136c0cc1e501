import type { ByteRange, ByteSource, ObjectInfo, PutMeta, Store, StoredObject } from "../../src/store.ts";

/** Thrown by `FailingStore` to simulate a crash. */
export class InjectedCrash extends Error {}

/**
 * Wraps a store and throws `InjectedCrash` on the write after `okWrites` successful ones,
 * and on every write after that, like a process that died at that point.
 */
export class FailingStore implements Store {
  readonly inner: Store;
  writes = 0;
  readonly okWrites: number;
  constructor(inner: Store, okWrites: number) {
    this.inner = inner;
    this.okWrites = okWrites;
  }
  async putIfAbsent(key: string, body: ByteSource, meta: PutMeta): Promise<"created" | "exists"> {
    if (this.writes >= this.okWrites)
      throw new InjectedCrash(`crash before write ${this.writes + 1} (${key})`);
    this.writes++;
    return this.inner.putIfAbsent(key, body, meta);
  }
  get(key: string, range?: ByteRange): Promise<StoredObject | undefined> {
    return this.inner.get(key, range);
  }
  head(key: string): Promise<ObjectInfo | undefined> {
    return this.inner.head(key);
  }
  list(prefix: string, opts?: { startAfter?: string }): AsyncIterable<ObjectInfo> {
    return this.inner.list(prefix, opts);
  }
  deleteProbe(key: `control/probe/${string}`): Promise<void> {
    return this.inner.deleteProbe(key);
  }
}
