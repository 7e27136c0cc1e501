import { gunzipSync } from "node:zlib";
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
  selectable: SelectableFeatures | null;
}

/** Features at the selectable zoom by id; a `Map` of properties satisfies it. */
export interface SelectableFeatures {
  readonly size: number;
  has(id: string): boolean;
  /** The feature's properties, decoded when asked. */
  get(id: string): Record<string, TilePropertyValue> | undefined;
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

/** A vector tile value message (MVT 2.1 §4.1), read as `@mapbox/vector-tile` reads it. */
function readValue(pbf: PbfReader): TilePropertyValue {
  let value: TilePropertyValue | null = null;
  const end = pbf.readVarint() + pbf.pos;
  while (pbf.pos < end) {
    const tag = pbf.readVarint();
    if (tag === 10) value = pbf.readString();
    else if (tag === 21) value = pbf.readFloat();
    else if (tag === 25) value = pbf.readDouble();
    else if (tag === 32) value = pbf.readVarint(true);
    else if (tag === 40) value = pbf.readVarint();
    else if (tag === 48) value = pbf.readSVarint();
    else if (tag === 56) value = pbf.readBoolean();
    else {
      pbf.skip(tag);
      value = null;
    }
  }
  if (value === null) throw new Error("vector tile value has no known type (got none)");
  return value;
}

/**
 * One layer of a tile with its keys decoded and its values and features only located.
 * `VectorTile` decodes every value of a layer up front; at the selectable zoom of a
 * national archive that is millions of values, of which fidelity reads a few thousand.
 */
class LazyLayer {
  readonly name: string;
  readonly keys: string[] = [];
  readonly values: number[] = [];
  readonly features: number[] = [];
  readonly #pbf: PbfReader;
  constructor(pbf: PbfReader, end: number) {
    this.#pbf = pbf;
    let name = "";
    while (pbf.pos < end) {
      const tag = pbf.readVarint();
      if (tag === 10) name = pbf.readString();
      else if (tag === 18) {
        this.features.push(pbf.pos);
        pbf.skip(tag);
      } else if (tag === 26) this.keys.push(pbf.readString());
      else if (tag === 34) {
        this.values.push(pbf.pos);
        pbf.skip(tag);
      } else pbf.skip(tag);
    }
    this.name = name;
  }

  /** Calls `each(key, valueIndex)` for each tag of feature `f`, in order. */
  #tags(f: number, each: (key: string | undefined, value: number) => void): void {
    const pbf = this.#pbf;
    pbf.pos = this.features[f]!;
    const end = pbf.readVarint() + pbf.pos;
    while (pbf.pos < end) {
      const tag = pbf.readVarint();
      if (tag === 18) {
        const tagsEnd = pbf.readVarint() + pbf.pos;
        while (pbf.pos < tagsEnd) {
          const key = this.keys[pbf.readVarint()];
          each(key, pbf.readVarint());
        }
      } else pbf.skip(tag);
    }
  }

  #value(v: number): TilePropertyValue | undefined {
    const at = this.values[v];
    if (at === undefined) return undefined;
    const pbf = this.#pbf;
    const saved = pbf.pos;
    pbf.pos = at;
    const value = readValue(pbf);
    pbf.pos = saved;
    return value;
  }

  /** The value of property `key` of feature `f` (the last tag naming it wins). */
  idOf(f: number, key: string): TilePropertyValue | undefined {
    let at = -1;
    this.#tags(f, (k, v) => {
      if (k === key) at = v;
    });
    return at === -1 ? undefined : this.#value(at);
  }

  properties(f: number): Record<string, TilePropertyValue> {
    const out: Record<string, TilePropertyValue> = {};
    this.#tags(f, (k, v) => {
      out[String(k)] = this.#value(v)!;
    });
    return out;
  }
}

/** The layers of a tile that have features, by name (a later layer of the same name wins), sorted by name. */
function readLayers(data: Uint8Array): LazyLayer[] {
  const pbf = new PbfReader(data);
  const byName = new Map<string, LazyLayer>();
  while (pbf.pos < pbf.length) {
    const tag = pbf.readVarint();
    if (tag === 26) {
      const layer = new LazyLayer(pbf, pbf.readVarint() + pbf.pos);
      if (layer.features.length > 0) byName.set(layer.name, layer);
    } else pbf.skip(tag);
  }
  return [...byName.keys()].sort().map((name) => byName.get(name)!);
}

class LazyFeatures implements SelectableFeatures {
  readonly #at = new Map<string, { layer: LazyLayer; feature: number }>();
  get size(): number {
    return this.#at.size;
  }
  has(id: string): boolean {
    return this.#at.has(id);
  }
  set(id: string, where: { layer: LazyLayer; feature: number }): void {
    this.#at.set(id, where);
  }
  get(id: string): Record<string, TilePropertyValue> | undefined {
    const where = this.#at.get(id);
    return where ? where.layer.properties(where.feature) : undefined;
  }
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
 * `pmtiles` reader; every tile's features counted from its protobuf framing. At the
 * selectable zoom each feature's id is read, and its other properties only when asked
 * (fidelity reads a sample): decoding every value of every tile costs far more than
 * counting features.
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
  const selectable = wantsSelectable ? new LazyFeatures() : null;
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
    let layers: LazyLayer[] | null = null;
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
      layers ??= readLayers(data);
      for (const layer of layers)
        for (let f = 0; f < layer.features.length; f++) {
          const id = layer.idOf(f, opts.idProperty);
          if (typeof id !== "string" || selectable.has(id)) continue;
          selectable.set(id, { layer, feature: f });
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
