import { gunzipSync } from "node:zlib";
import { Compression, type Entry, PMTiles, type Source, tileIdToZxy } from "pmtiles";
import { sha256Hex } from "./bytes.ts";
import type { ReleaseManifest } from "./manifest.ts";
import type { Store } from "./store.ts";

/** A tile URL of a compatibility tree and what the edge must answer for it. */
export interface SampledTile {
  /** Path inside the version, e.g. `data/score/tiles/high/9/150/200.pbf`. */
  path: string;
  /** sha256 and size of the gunzipped tile (the body the edge sends). */
  sha256: string;
  bytes: number;
  /** The edge's strong ETag: sha256 of `<archive sha256>:<tile id>`, quoted. */
  etag: string;
}

/** The `.pbf` tree each archive role stands for (artifacts.md §2.6). */
export const TILE_TREES: Readonly<Record<string, string>> = {
  "tiles-detail": "data/score/tiles/high",
  "tiles-overview": "data/score/tiles/low",
  "tiles-tribal": "data/tribal/tiles",
};

type Files = ReleaseManifest["content"]["files"];

function storeSource(store: Store, key: string, size: number): Source {
  return {
    getKey: () => key,
    async getBytes(offset, length) {
      const end = Math.min(size, offset + length) - 1;
      const obj = await store.get(key, { start: offset, end });
      if (obj === undefined) throw new Error(`tile archive ${key} is missing (got no object)`);
      const b = obj.body;
      return { data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer };
    },
  };
}

async function gunzip(buf: ArrayBuffer, compression: Compression): Promise<ArrayBuffer> {
  if (compression === Compression.None || compression === Compression.Unknown) return buf;
  if (compression !== Compression.Gzip)
    throw new Error(`tile archive compression is not readable (got ${compression})`);
  const out = gunzipSync(new Uint8Array(buf));
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
}

/**
 * A deterministic sample of the tile URLs the edge serves from a version's archives: for
 * each tileset whose `.pbf` tree the manifest does not list, `perTileset` tiles spread
 * evenly over the archive's tile ids (so every zoom band is met), read from the stored
 * archive through the reference `pmtiles` reader. The same manifest always yields the same
 * URLs, so two verifications of one version check the same tiles.
 */
export async function sampleArchiveTiles(
  store: Store,
  version: string,
  files: Files,
  perTileset = 24,
): Promise<SampledTile[]> {
  const out: SampledTile[] = [];
  const listed = new Set(files.map((f) => f.path));
  for (const f of files) {
    const tree = typeof f.role === "string" ? TILE_TREES[f.role] : undefined;
    if (tree === undefined) continue;
    if (files.some((g) => g.path.startsWith(`${tree}/`) && g.path.endsWith(".pbf"))) continue;
    const key = `data-versions/${version}/${f.path}`;
    const source = storeSource(store, key, f.bytes);
    const archive = new PMTiles(source, undefined, gunzip);
    const header = await archive.getHeader();
    const entries: Entry[] = [];
    const walk = async (offset: number, length: number, depth: number): Promise<void> => {
      if (depth > 3) throw new Error(`tile archive ${key} nests directories too deep (got ${depth})`);
      for (const e of await archive.cache.getDirectory(source, offset, length, header)) {
        if (e.runLength === 0) await walk(header.leafDirectoryOffset + e.offset, e.length, depth + 1);
        else entries.push(e);
      }
    };
    await walk(header.rootDirectoryOffset, header.rootDirectoryLength, 0);
    const n = Math.min(perTileset, entries.length);
    const picked = new Set<number>();
    for (let i = 0; i < n; i++) picked.add(n === 1 ? 0 : Math.floor((i * (entries.length - 1)) / (n - 1)));
    for (const i of [...picked].sort((a, b) => a - b)) {
      const e = entries[i]!;
      const [z, x, y] = tileIdToZxy(e.tileId);
      const path = `${tree}/${z}/${x}/${y}.pbf`;
      if (listed.has(path)) continue;
      const raw = await source.getBytes(header.tileDataOffset + e.offset, e.length);
      const data = new Uint8Array(await gunzip(raw.data, header.tileCompression));
      out.push({
        path,
        sha256: sha256Hex(data),
        bytes: data.byteLength,
        etag: `"${sha256Hex(new TextEncoder().encode(`${f.sha256}:${e.tileId}`))}"`,
      });
    }
  }
  return out;
}
