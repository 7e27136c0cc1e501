/**
 * Tiles of the compatibility `{z}/{x}/{y}.pbf` trees, cut from a version's PMTiles archive
 * (spec README decision 2: the release stores archives, not one object per tile). The
 * header and directories are read once per archive through the `pmtiles` reader and kept;
 * archives are immutable and named by their sha256, so nothing ever needs invalidating.
 */
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import {
  Compression,
  PMTiles,
  type RangeResponse,
  SharedPromiseCache,
  type Source,
  zxyToTileId,
} from "pmtiles";
import type { FileEntry } from "../core/types.ts";
import { ByteCache } from "./byte-cache.ts";

/** Reads `start..end` (inclusive) of a stored object. */
export type ReadRange = (key: string, start: number, end: number) => Promise<Uint8Array>;

/** One tile as served: raw protobuf and its strong validator. */
export interface ArchiveTile {
  bytes: Uint8Array;
  /** sha256 of `<archive sha256>:<tile id>`: changes exactly when the archive does. */
  validator: string;
}

/** Archives whose header and directories are kept (a handful of versions × 3 tilesets). */
const MAX_ARCHIVES = 16;
/** Directories kept per archive; the national detail archive has a few dozen leaves. */
const MAX_DIRECTORIES = 256;

function toArrayBuffer(b: Uint8Array): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

/** Tiles are a few kB: gunzip in place rather than a trip through the thread pool. */
async function decompress(buf: ArrayBuffer, compression: Compression): Promise<ArrayBuffer> {
  if (compression === Compression.None || compression === Compression.Unknown) return buf;
  if (compression === Compression.Gzip) return toArrayBuffer(gunzipSync(new Uint8Array(buf)));
  throw new Error(`tile archive compression ${compression} is not readable (got ${compression})`);
}

/** Reads tiles out of PMTiles archives in a store, keeping what it learns about each. */
export class TileArchives {
  readonly #read: ReadRange;
  readonly #archives = new Map<string, PMTiles>();
  readonly #tiles = new ByteCache(16 * 1024 * 1024);

  constructor(read: ReadRange) {
    this.#read = read;
  }

  /** The tile at z/x/y, gunzipped, or undefined when the archive has none there. */
  async tile(
    key: string,
    archive: FileEntry,
    z: number,
    x: number,
    y: number,
  ): Promise<ArchiveTile | undefined> {
    const id = zxyToTileId(z, x, y);
    const validator = createHash("sha256").update(`${archive.sha256}:${id}`).digest("hex");
    const kept = this.#tiles.get(validator);
    if (kept !== undefined) return { bytes: kept, validator };
    const reply = await this.#open(key, archive).getZxy(z, x, y);
    if (reply === undefined) return undefined;
    const bytes = new Uint8Array(reply.data);
    this.#tiles.set(validator, bytes);
    return { bytes, validator };
  }

  #open(key: string, archive: FileEntry): PMTiles {
    let pm = this.#archives.get(archive.sha256);
    if (pm !== undefined) {
      this.#archives.delete(archive.sha256);
      this.#archives.set(archive.sha256, pm);
      return pm;
    }
    const read = this.#read;
    const size = archive.bytes;
    const source: Source = {
      getKey: () => archive.sha256,
      async getBytes(offset: number, length: number): Promise<RangeResponse> {
        // the reader asks for 16 KiB up front, which may run past a small archive
        const end = Math.min(size, offset + length) - 1;
        if (end < offset) throw new Error(`tile archive ${key} has no bytes at ${offset} (got size ${size})`);
        return { data: toArrayBuffer(await read(key, offset, end)), etag: archive.sha256 };
      },
    };
    pm = new PMTiles(source, new SharedPromiseCache(MAX_DIRECTORIES, true, decompress), decompress);
    this.#archives.set(archive.sha256, pm);
    if (this.#archives.size > MAX_ARCHIVES) this.#archives.delete(this.#archives.keys().next().value ?? "");
    return pm;
  }
}
