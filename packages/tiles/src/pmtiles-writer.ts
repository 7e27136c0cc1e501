import { createHash } from "node:crypto";
import type { ByteSink } from "./byte-sink.ts";
import { gzipBytes } from "./encode.ts";

/** One tile for the archive: its PMTiles id and its bytes, already compressed as declared. */
export interface ArchiveTile {
  tileId: number;
  data: Uint8Array;
}

/** Header facts that come from the tile set rather than from the tiles themselves. */
export interface PmtilesWriteOptions {
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north] in degrees. */
  bounds: readonly [number, number, number, number];
  /** [lon, lat, zoom]. */
  center: readonly [number, number, number];
  /** JSON metadata, stored gzipped. */
  metadata: Record<string, unknown>;
  /** @defaultValue "mvt" */
  tileType?: "mvt";
  /** How `data` of each tile is compressed. @defaultValue "gzip" */
  tileCompression?: "gzip" | "none";
  /**
   * Largest compressed root directory, in bytes. The spec requires header plus root to fit in
   * the first 16,384 bytes; tests lower it to exercise leaf directories on small archives.
   * @defaultValue 16257
   */
  maxRootBytes?: number;
}

/** What {@link writePmtiles} wrote. */
export interface PmtilesWriteResult {
  /** Archive length in bytes. */
  bytes: number;
  /** Tiles a reader can address (run lengths summed). */
  addressedTiles: number;
  /** Directory entries pointing at tile data. */
  tileEntries: number;
  /** Distinct tile contents stored (after deduplication). */
  tileContents: number;
  rootDirectoryBytes: number;
  leafDirectories: number;
  leafDirectoryBytes: number;
  metadataBytes: number;
  tileDataBytes: number;
}

interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

const HEADER_BYTES = 127;
const FIRST_READ_BYTES = 16_384;
const COMPRESSION = { none: 1, gzip: 2 } as const;
const TILE_TYPE = { mvt: 1 } as const;

/**
 * Writes a PMTiles v3 archive (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md):
 * header, root directory, metadata, leaf directories, then tile data in tile-id order. Tiles
 * must arrive in strictly ascending id. Identical contents are stored once (sha-256 of the
 * bytes), and a run of consecutive ids with the same content becomes one entry with a run
 * length, which is what makes uniform ocean or interior tiles cheap. Directories and metadata
 * are gzipped. Output depends only on the input, so the same tiles give the same bytes.
 */
export async function writePmtiles(
  tiles: Iterable<ArchiveTile> | AsyncIterable<ArchiveTile>,
  sink: ByteSink,
  options: PmtilesWriteOptions,
): Promise<PmtilesWriteResult> {
  const entries: Entry[] = [];
  const blobs: Uint8Array[] = [];
  const byHash = new Map<string, { offset: number; length: number }>();
  let dataBytes = 0;
  let addressed = 0;
  let previousId = -1;
  for await (const { tileId, data } of tiles) {
    if (!Number.isSafeInteger(tileId) || tileId <= previousId) {
      throw new Error(`tile ids must be strictly ascending (got ${tileId} after ${previousId})`);
    }
    if (data.length === 0) throw new Error(`tile ${tileId} must not be empty (got 0 bytes)`);
    previousId = tileId;
    const hash = createHash("sha256").update(data).digest("base64");
    let place = byHash.get(hash);
    if (place === undefined) {
      place = { offset: dataBytes, length: data.length };
      byHash.set(hash, place);
      blobs.push(data);
      dataBytes += data.length;
    }
    addressed++;
    const last = entries.at(-1);
    if (last && last.offset === place.offset && last.tileId + last.runLength === tileId) last.runLength++;
    else entries.push({ tileId, offset: place.offset, length: place.length, runLength: 1 });
  }
  if (entries.length === 0) throw new Error("tile archive must hold at least one tile (got 0)");

  const maxRoot = options.maxRootBytes ?? FIRST_READ_BYTES - HEADER_BYTES;
  const { root, leaves, leafCount } = buildDirectories(entries, maxRoot);
  const metadata = gzipBytes(new TextEncoder().encode(JSON.stringify(options.metadata)));

  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const leafOffset = metadataOffset + metadata.length;
  const dataOffset = leafOffset + leaves.length;
  const header = new DataView(new ArrayBuffer(HEADER_BYTES));
  new Uint8Array(header.buffer).set(new TextEncoder().encode("PMTiles"), 0);
  header.setUint8(7, 3);
  const u64 = (at: number, value: number): void => header.setBigUint64(at, BigInt(value), true);
  u64(8, rootOffset);
  u64(16, root.length);
  u64(24, metadataOffset);
  u64(32, metadata.length);
  u64(40, leafOffset);
  u64(48, leaves.length);
  u64(56, dataOffset);
  u64(64, dataBytes);
  u64(72, addressed);
  u64(80, entries.length);
  u64(88, blobs.length);
  // Clustered: first occurrences of contents are laid out in tile-id order.
  header.setUint8(96, 1);
  header.setUint8(97, COMPRESSION.gzip);
  header.setUint8(98, COMPRESSION[options.tileCompression ?? "gzip"]);
  header.setUint8(99, TILE_TYPE[options.tileType ?? "mvt"]);
  header.setUint8(100, options.minZoom);
  header.setUint8(101, options.maxZoom);
  const e7 = (degrees: number): number => Math.round(degrees * 1e7);
  const [west, south, east, north] = options.bounds;
  header.setInt32(102, e7(west), true);
  header.setInt32(106, e7(south), true);
  header.setInt32(110, e7(east), true);
  header.setInt32(114, e7(north), true);
  const [centerLon, centerLat, centerZoom] = options.center;
  header.setUint8(118, centerZoom);
  header.setInt32(119, e7(centerLon), true);
  header.setInt32(123, e7(centerLat), true);

  await sink.write(new Uint8Array(header.buffer));
  await sink.write(root);
  await sink.write(metadata);
  if (leaves.length > 0) await sink.write(leaves);
  for (const blob of blobs) await sink.write(blob);
  return {
    bytes: dataOffset + dataBytes,
    addressedTiles: addressed,
    tileEntries: entries.length,
    tileContents: blobs.length,
    rootDirectoryBytes: root.length,
    leafDirectories: leafCount,
    leafDirectoryBytes: leaves.length,
    metadataBytes: metadata.length,
    tileDataBytes: dataBytes,
  };
}

/**
 * Puts every entry in the root when it fits; otherwise splits entries into leaves of equal
 * entry count, growing the leaf size until the root of leaf pointers fits. Starting at 4,096
 * entries per leaf follows the reference writer's trade-off between leaf fetch size and root size.
 */
function buildDirectories(
  entries: readonly Entry[],
  maxRoot: number,
): { root: Uint8Array; leaves: Uint8Array; leafCount: number } {
  const whole = gzipBytes(serializeDirectory(entries));
  if (whole.length <= maxRoot) return { root: whole, leaves: new Uint8Array(0), leafCount: 0 };
  for (let leafSize = Math.min(4096, Math.ceil(entries.length / 2)); ; leafSize = Math.ceil(leafSize * 1.5)) {
    const leafBlobs: Uint8Array[] = [];
    const pointers: Entry[] = [];
    let offset = 0;
    for (let start = 0; start < entries.length; start += leafSize) {
      const chunk = entries.slice(start, start + leafSize);
      const blob = gzipBytes(serializeDirectory(chunk));
      pointers.push({ tileId: chunk[0]!.tileId, offset, length: blob.length, runLength: 0 });
      leafBlobs.push(blob);
      offset += blob.length;
    }
    const root = gzipBytes(serializeDirectory(pointers));
    if (root.length <= maxRoot) {
      return { root, leaves: Buffer.concat(leafBlobs), leafCount: leafBlobs.length };
    }
    if (pointers.length === 1) {
      throw new Error(`root directory must fit in ${maxRoot} bytes (got ${root.length} with one leaf)`);
    }
  }
}

/**
 * Column-wise varints: entry count, tile-id deltas, run lengths, lengths, then offsets where 0
 * means "right after the previous entry" and anything else is offset + 1.
 */
function serializeDirectory(entries: readonly Entry[]): Uint8Array {
  const out: number[] = [];
  writeVarint(out, entries.length);
  let lastId = 0;
  for (const e of entries) {
    writeVarint(out, e.tileId - lastId);
    lastId = e.tileId;
  }
  for (const e of entries) writeVarint(out, e.runLength);
  for (const e of entries) writeVarint(out, e.length);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    writeVarint(out, prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
  });
  return Uint8Array.from(out);
}

/** LEB128 with division rather than shifts: ids and offsets exceed 32 bits. */
function writeVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}
