/**
 * Reads the tile byte ranges of a PMTiles v3 archive from its directories, so a benchmark
 * asks for the ranges a map viewer really asks for rather than arbitrary slices.
 */
import { open } from "node:fs/promises";
import { gunzipSync } from "node:zlib";

/** One tile's bytes inside the archive (absolute offset, inclusive end). */
export interface TileRange {
  start: number;
  end: number;
}

/** What a viewer reads first, and every tile's range. */
export interface ArchiveRanges {
  size: number;
  /** Header plus root directory: the first request of every viewer. */
  headerRange: TileRange;
  tiles: TileRange[];
  /** Byte ranges of leaf directories (a viewer fetches these between header and tiles). */
  leaves: TileRange[];
}

interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

function varints(bytes: Uint8Array): () => number {
  let at = 0;
  return () => {
    let value = 0;
    let shift = 1;
    for (;;) {
      const b = bytes[at++];
      if (b === undefined) throw new Error(`pmtiles directory ends inside a varint (got offset ${at})`);
      value += (b & 0x7f) * shift;
      if (b < 0x80) return value;
      shift *= 128;
    }
  };
}

function decodeDirectory(raw: Uint8Array, compression: number): Entry[] {
  const bytes = compression === 2 ? new Uint8Array(gunzipSync(raw)) : raw;
  if (compression !== 1 && compression !== 2) {
    throw new Error(`pmtiles internal compression is not none or gzip (got ${compression})`);
  }
  const next = varints(bytes);
  const n = next();
  const entries: Entry[] = Array.from({ length: n }, () => ({
    tileId: 0,
    offset: 0,
    length: 0,
    runLength: 0,
  }));
  let id = 0;
  for (const e of entries) {
    id += next();
    e.tileId = id;
  }
  for (const e of entries) e.runLength = next();
  for (const e of entries) e.length = next();
  let prev: Entry | undefined;
  for (const e of entries) {
    const v = next();
    e.offset = v === 0 && prev !== undefined ? prev.offset + prev.length : v - 1;
    prev = e;
  }
  return entries;
}

/** Every tile and leaf directory range of the archive at `path`. */
export async function readArchiveRanges(path: string): Promise<ArchiveRanges> {
  const fh = await open(path, "r");
  try {
    const size = (await fh.stat()).size;
    const read = async (offset: number, length: number) => {
      const buf = new Uint8Array(length);
      const { bytesRead } = await fh.read(buf, 0, length, offset);
      if (bytesRead !== length)
        throw new Error(`${path} is shorter than its header says (got ${size} bytes)`);
      return buf;
    };
    const h = await read(0, 127);
    const magic = new TextDecoder().decode(h.subarray(0, 7));
    if (magic !== "PMTiles" || h[7] !== 3)
      throw new Error(`${path} is not a PMTiles v3 archive (got ${magic})`);
    const dv = new DataView(h.buffer);
    const u64 = (at: number) => Number(dv.getBigUint64(at, true));
    const rootOffset = u64(8);
    const rootLength = u64(16);
    const leafBase = u64(40);
    const dataBase = u64(56);
    const compression = h[97] ?? 0;
    const tiles: TileRange[] = [];
    const leaves: TileRange[] = [];
    const seen = new Set<number>();
    const walk = async (entries: Entry[]) => {
      for (const e of entries) {
        if (e.runLength === 0) {
          leaves.push({ start: leafBase + e.offset, end: leafBase + e.offset + e.length - 1 });
          await walk(decodeDirectory(await read(leafBase + e.offset, e.length), compression));
        } else if (e.length > 0 && !seen.has(e.offset)) {
          // run-length and deduplicated tiles share bytes: each distinct range once
          seen.add(e.offset);
          tiles.push({ start: dataBase + e.offset, end: dataBase + e.offset + e.length - 1 });
        }
      }
    };
    await walk(decodeDirectory(await read(rootOffset, rootLength), compression));
    return { size, headerRange: { start: 0, end: rootOffset + rootLength - 1 }, tiles, leaves };
  } finally {
    await fh.close();
  }
}
