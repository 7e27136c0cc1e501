import type { GeoJSONVTFeature, GeoJSONVTTile } from "@maplibre/geojson-vt";
import { gzipSync } from "fflate";
import { PbfWriter } from "pbf";

type Value = string | number | boolean;

/** Key and value tables of one layer, filled in order of first use as vt-pbf fills them. */
interface LayerContext {
  feature: GeoJSONVTFeature | undefined;
  keys: string[];
  values: Value[];
  keyIndex: Map<string, number>;
  strings: Map<string, number>;
  numbers: Map<number, number>;
  booleans: Map<boolean, number>;
}

/**
 * Encodes one geojson-vt tile as an MVT v2 protobuf with a single layer, byte for byte as
 * `@maplibre/vt-pbf`'s `fromGeojsonVt` does (tested against it): integral numbers as varints
 * (sint for negatives), others as doubles, null values skipped, no feature ids. vt-pbf finds a
 * value's index by the string `typeof + ":" + value`, which prints every number of every
 * feature; here the same equality (numbers by value, with 0 and -0 alike as their text is)
 * is a lookup in one map per type, the tile's hottest loop when features carry 125 properties.
 */
export function encodeTile(layer: string, tile: GeoJSONVTTile, extent = 4096): Uint8Array {
  for (const feature of tile.features) {
    // Features carry no ids: the maps promote a property instead, and ids would only add bytes.
    delete (feature as { id?: unknown }).id;
  }
  const pbf = new PbfWriter();
  pbf.writeMessage(3, writeLayer, { name: layer, extent, features: tile.features });
  return pbf.finish();
}

function writeLayer(
  layer: { name: string; extent: number; features: readonly GeoJSONVTFeature[] },
  pbf: PbfWriter,
): void {
  pbf.writeVarintField(15, 2);
  pbf.writeStringField(1, layer.name || "");
  pbf.writeVarintField(5, layer.extent || 4096);
  const context: LayerContext = {
    feature: undefined,
    keys: [],
    values: [],
    keyIndex: new Map(),
    strings: new Map(),
    numbers: new Map(),
    booleans: new Map(),
  };
  for (const feature of layer.features) {
    context.feature = feature;
    pbf.writeMessage(2, writeFeature, context);
  }
  for (const key of context.keys) pbf.writeStringField(3, key);
  for (const value of context.values) pbf.writeMessage(4, writeValue, value);
}

function writeFeature(context: LayerContext, pbf: PbfWriter): void {
  const feature = context.feature;
  if (!feature) return;
  pbf.writeMessage(2, writeProperties, context);
  pbf.writeVarintField(3, feature.type);
  pbf.writeMessage(4, writeGeometry, feature);
}

function valueIndex<K extends Value>(context: LayerContext, cache: Map<K, number>, value: K): number {
  let index = cache.get(value);
  if (index === undefined) {
    context.values.push(value);
    index = context.values.length - 1;
    cache.set(value, index);
  }
  return index;
}

function writeProperties(context: LayerContext, pbf: PbfWriter): void {
  const properties = (context.feature?.tags ?? {}) as Record<string, unknown>;
  for (const key in properties) {
    let value = properties[key];
    if (value == null) continue;
    let keyIndex = context.keyIndex.get(key);
    if (keyIndex === undefined) {
      context.keys.push(key);
      keyIndex = context.keys.length - 1;
      context.keyIndex.set(key, keyIndex);
    }
    pbf.writeVarint(keyIndex);
    if (typeof value !== "string" && typeof value !== "boolean" && typeof value !== "number")
      value = JSON.stringify(value);
    if (typeof value === "number") pbf.writeVarint(valueIndex(context, context.numbers, value));
    else if (typeof value === "boolean") pbf.writeVarint(valueIndex(context, context.booleans, value));
    else pbf.writeVarint(valueIndex(context, context.strings, value as string));
  }
}

function command(cmd: number, length: number): number {
  return (length << 3) + (cmd & 7);
}

function zigzag(num: number): number {
  return (num << 1) ^ (num >> 31);
}

function writeGeometry(feature: GeoJSONVTFeature, pbf: PbfWriter): void {
  const type = feature.type;
  const rings = (type === 1 ? [feature.geometry] : feature.geometry) as unknown as number[][][];
  let x = 0;
  let y = 0;
  for (const ring of rings) {
    let count = 1;
    if (type === 1) count = ring.length;
    pbf.writeVarint(command(1, count));
    const first = ring[0] as number[];
    const last = ring[ring.length - 1] as number[];
    const lineCount =
      type === 3 && ring.length > 1 && last[0] === first[0] && last[1] === first[1]
        ? ring.length - 1
        : ring.length;
    for (let i = 0; i < lineCount; i++) {
      if (i === 1 && type !== 1) pbf.writeVarint(command(2, lineCount - 1));
      const point = ring[i] as number[];
      const dx = (point[0] as number) - x;
      const dy = (point[1] as number) - y;
      pbf.writeVarint(zigzag(dx));
      pbf.writeVarint(zigzag(dy));
      x += dx;
      y += dy;
    }
    if (type === 3) pbf.writeVarint(command(7, 1));
  }
}

function writeValue(value: Value, pbf: PbfWriter): void {
  if (typeof value === "string") pbf.writeStringField(1, value);
  else if (typeof value === "boolean") pbf.writeBooleanField(7, value);
  else if (value % 1 !== 0) pbf.writeDoubleField(3, value);
  else if (value < 0) pbf.writeSVarintField(6, value);
  else pbf.writeVarintField(5, value);
}

/**
 * Gzips tile or directory bytes. fflate rather than node:zlib because Node's bundled zlib picks
 * CPU-specific code paths whose output can differ between machines, and archives must be
 * byte-identical wherever they are built. `mtime: 0` keeps the wall clock out of the header.
 */
export function gzipBytes(data: Uint8Array): Uint8Array {
  return gzipSync(data, GZIP_OPTIONS);
}

/** The fflate options of {@link gzipBytes}; the gzip thread uses the same. */
export const GZIP_OPTIONS = { level: 6, mtime: 0 } as const;
