/**
 * Reads byte ranges of immutable store objects. Over a directory store it keeps a bounded
 * set of open file descriptors and reads with one positioned `read(2)` per range, instead
 * of open + fstat + read + close per request: a tile request then costs one trip to the
 * thread pool. This is safe only because store keys are never rewritten (the directory
 * store creates them with `link(2)`, which never replaces), so an open descriptor always
 * refers to the bytes the manifest describes.
 */
import { close, open, read, readSync } from "node:fs";
import type { Store } from "@cejst/release";
import { localPathOf } from "./local-path.ts";

/** Reads `start..end` (inclusive) of an object; fewer bytes means the object is short. */
export interface RangeReader {
  read(key: string, start: number, end: number): Promise<Uint8Array>;
  /** Closes what the reader holds open; later reads open files again. */
  close(): void;
}

interface OpenFile {
  fd: Promise<number>;
  /** Reads in flight: an evicted descriptor is closed only once they are done. */
  users: number;
  evicted: boolean;
}

/**
 * Ranges up to this size are read in place, as nginx reads without aio: a tile from the
 * page cache takes microseconds, less than a round trip through the thread pool.
 */
const SYNC_READ_MAX = 256 * 1024;

/** Descriptors held open at most; tile archives are few, so this is never reached in practice. */
const MAX_OPEN = 64;

/** A reader over `store`: direct descriptors for a directory store, `store.get` otherwise. */
export function rangeReader(store: Store): RangeReader {
  const path = localPathOf(store);
  if (path !== undefined) return new FileRangeReader(path);
  return {
    async read(key, start, end) {
      const obj = await store.get(key, { start, end });
      if (obj === undefined) throw new Error(`store object ${key} is missing though its manifest lists it`);
      return obj.body;
    },
    close() {},
  };
}

class FileRangeReader implements RangeReader {
  readonly #path: (key: string) => string;
  readonly #files = new Map<string, OpenFile>();
  readonly #slab = new Slab();

  constructor(path: (key: string) => string) {
    this.#path = path;
  }

  async read(key: string, start: number, end: number): Promise<Uint8Array> {
    const file = this.#acquire(key);
    try {
      const fd = await file.fd;
      const want = end - start + 1;
      const buf = this.#slab.take(want);
      let at = 0;
      while (at < want) {
        const n =
          want <= SYNC_READ_MAX
            ? readSync(fd, buf, at, want - at, start + at)
            : await readAt(fd, buf, at, want - at, start + at);
        if (n === 0) break;
        at += n;
      }
      return at === want ? buf : buf.subarray(0, at);
    } finally {
      this.#release(key, file);
    }
  }

  close(): void {
    for (const [key, file] of this.#files) {
      this.#files.delete(key);
      this.#evict(file);
    }
  }

  #acquire(key: string): OpenFile {
    let file = this.#files.get(key);
    if (file === undefined) {
      const fd = openRead(this.#path(key));
      file = { fd, users: 0, evicted: false };
      // a failed open is not remembered: the next request tries again
      fd.catch(() => {
        if (this.#files.get(key) === file) this.#files.delete(key);
      });
      this.#files.set(key, file);
      if (this.#files.size > MAX_OPEN) {
        const [oldKey, old] = this.#files.entries().next().value as [string, OpenFile];
        this.#files.delete(oldKey);
        this.#evict(old);
      }
    } else {
      // most recently used last, so eviction takes the coldest
      this.#files.delete(key);
      this.#files.set(key, file);
    }
    file.users++;
    return file;
  }

  #release(_key: string, file: OpenFile): void {
    file.users--;
    if (file.evicted && file.users === 0) closeQuietly(file.fd);
  }

  #evict(file: OpenFile): void {
    file.evicted = true;
    if (file.users === 0) closeQuietly(file.fd);
  }
}

/** Slab size: tile-sized reads are cut from one allocation this big. */
const SLAB = 1024 * 1024;
/** Reads above this get a buffer of their own. */
const SLAB_MAX = 64 * 1024;

/**
 * Hands out tile-sized buffers cut one after another from a larger allocation, as Node's
 * own pool does for buffers under 4 KiB. Every request used to allocate its own buffer,
 * and those allocations and their collection were the largest single cost of a tile
 * request. A slice is never handed out twice: a full slab is left to the collector, which
 * frees it once no response holds a slice of it.
 */
class Slab {
  #buf = Buffer.allocUnsafeSlow(SLAB);
  #used = 0;

  take(size: number): Buffer {
    if (size > SLAB_MAX) return Buffer.allocUnsafe(size);
    if (this.#used + size > SLAB) {
      this.#buf = Buffer.allocUnsafeSlow(SLAB);
      this.#used = 0;
    }
    const out = this.#buf.subarray(this.#used, this.#used + size);
    // 8-byte alignment keeps every slice usable as a typed array view of any width
    this.#used += (size + 7) & ~7;
    return out;
  }
}

function openRead(path: string): Promise<number> {
  return new Promise((ok, fail) => {
    open(path, "r", (err, fd) => (err === null ? ok(fd) : fail(err)));
  });
}

function readAt(fd: number, buf: Buffer, offset: number, length: number, position: number): Promise<number> {
  return new Promise((ok, fail) => {
    read(fd, buf, offset, length, position, (err, n) => (err === null ? ok(n) : fail(err)));
  });
}

function closeQuietly(fd: Promise<number>): void {
  fd.then(
    (n) => close(n, () => undefined),
    () => undefined,
  );
}
