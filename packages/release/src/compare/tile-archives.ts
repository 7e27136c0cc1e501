import { gunzipSync } from "node:zlib";
import { VectorTile } from "@mapbox/vector-tile";
import { PbfReader } from "pbf";
import { Compression, type Entry, PMTiles, type Source, tileIdToZxy } from "pmtiles";

/** A decoded feature property value. */
export type TilePropertyValue = string | number | boolean;

/** Tiles and features of one zoom level of an archive. */
export interface ZoomCount {
  zoom: number;
  /** Addressed tiles (a run of identical tiles counts each tile). */
  tiles: number;
  /** Features summed over those tiles (a feature cut by tile edges counts once per tile). */
  features: number;
}

/** What the change report needs from one PMTiles archive (rollout.md §4.3 R23). */
export interface TileArchiveReading {
  path: string;
  minZoom: number;
  maxZoom: number;
  /** Every zoom from `minZoom` to `maxZoom`, including empty ones. */
  zooms: ZoomCount[];
  /**
   * At the selectable zoom: the properties of each feature carrying the id property, keyed
   * by that id (the first feature met; the tile contract makes every piece equal). Null when
   * the archive does not reach that zoom.
   */
  selectable: Map<string, Record<string, TilePropertyValue>> | null;
}

/** Options of {@link readTileArchive}. */
export interface ReadTileArchiveOptions {
  /** Zoom whose features are collected by id. */
  selectableZoom: number;
  /** Property naming a feature, e.g. `GEOID10`. */
  idProperty: string;
}

function bytesSource(key: string, bytes: Uint8Array): Source {
  return {
    getKey: () => key,
    async getBytes(offset, length) {
      const start = bytes.byteOffset + offset;
      return { data: bytes.buffer.slice(start, start + length) as ArrayBuffer };
    },
  };
}

const countLayerFeatures = (tag: number, acc: { n: number }) => {
  if (tag === 2) acc.n++;
};

/**
 * Features in a vector tile (summed over its layers), counted from the protobuf framing
 * alone: a layer's features are its field-2 messages (MVT 2.1 §4.1), so nothing is decoded.
 * `VectorTile` would also decode every layer's keys and values, which is most of the cost
 * of reading a national archive tile by tile.
 */
export function countFeatures(data: Uint8Array): number {
  const acc = { n: 0 };
  new PbfReader(data).readFields((tag, a, pbf) => {
    if (tag === 3) pbf.readMessage(countLayerFeatures, a);
  }, acc);
  return acc.n;
}

/**
 * Reads a whole PMTiles v3 archive held in memory: directories through the reference
 * `pmtiles` reader, tiles decoded with `@mapbox/vector-tile`. Feature properties are decoded
 * only at the selectable zoom, since that is where selection and fidelity are checked and
 * decoding every property at every zoom costs far more than counting features.
 */
export async function readTileArchive(
  path: string,
  bytes: Uint8Array,
  opts: ReadTileArchiveOptions,
): Promise<TileArchiveReading> {
  const source = bytesSource(path, bytes);
  const archive = new PMTiles(source);
  const header = await archive.getHeader();
  const entries: Entry[] = [];
  const walk = async (offset: number, length: number): Promise<void> => {
    for (const entry of await archive.cache.getDirectory(source, offset, length, header)) {
      if (entry.runLength === 0) await walk(header.leafDirectoryOffset + entry.offset, entry.length);
      else entries.push(entry);
    }
  };
  await walk(header.rootDirectoryOffset, header.rootDirectoryLength);

  const counts = new Map<number, ZoomCount>();
  for (let z = header.minZoom; z <= header.maxZoom; z++) counts.set(z, { zoom: z, tiles: 0, features: 0 });
  const wantsSelectable = opts.selectableZoom >= header.minZoom && opts.selectableZoom <= header.maxZoom;
  const selectable = wantsSelectable ? new Map<string, Record<string, TilePropertyValue>>() : null;
  for (const entry of entries) {
    const start = header.tileDataOffset + entry.offset;
    if (start + entry.length > bytes.byteLength)
      throw new Error(
        `${path}: tile ${entry.tileId} lies past the end of the archive (got ${bytes.byteLength} bytes)`,
      );
    const raw = bytes.subarray(start, start + entry.length);
    const data =
      header.tileCompression === Compression.Gzip
        ? new Uint8Array(gunzipSync(raw))
        : header.tileCompression === Compression.None
          ? raw
          : (() => {
              throw new Error(`${path}: tile compression ${header.tileCompression} is not readable (got it)`);
            })();
    const features = countFeatures(data);
    let tile: VectorTile | null = null;
    for (let i = 0; i < entry.runLength; i++) {
      const [z] = tileIdToZxy(entry.tileId + i);
      let c = counts.get(z);
      if (!c) {
        c = { zoom: z, tiles: 0, features: 0 };
        counts.set(z, c);
      }
      c.tiles++;
      c.features += features;
      if (z !== opts.selectableZoom || !selectable) continue;
      tile ??= new VectorTile(new PbfReader(data));
      for (const name of Object.keys(tile.layers).sort()) {
        const layer = tile.layers[name]!;
        for (let f = 0; f < layer.length; f++) {
          const props = layer.feature(f).properties;
          const id = props[opts.idProperty];
          if (typeof id !== "string" || selectable.has(id)) continue;
          const clean: Record<string, TilePropertyValue> = {};
          for (const k of Object.keys(props)) clean[k] = props[k]!;
          selectable.set(id, clean);
        }
      }
    }
  }
  return {
    path,
    minZoom: header.minZoom,
    maxZoom: header.maxZoom,
    zooms: [...counts.values()].sort((a, b) => a.zoom - b.zoom),
    selectable,
  };
}
