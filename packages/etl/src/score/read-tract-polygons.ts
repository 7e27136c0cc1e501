import { readFile } from "node:fs/promises";
import { InputMissingError, InputSchemaError } from "@cejst/schema";
import type { TractPolygons } from "./tract-polygons.ts";

/** Tract polygons and land areas aligned with the rows of the tract universe. */
export interface UniverseGeometry {
  polygons: TractPolygons;
  /** `ALAND10` in m² per universe row; `NaN` when the tract has no feature. */
  aland10: Float64Array;
  /** Universe rows that have no feature in the file. */
  missing: number;
}

interface Feature {
  properties?: Record<string, unknown> | null;
  geometry?: { type?: string; coordinates?: unknown } | null;
}

/**
 * Reads `census/geojson/us.json` (a GeoJSON FeatureCollection with `GEOID10`, `ALAND10`,
 * `AWATER10`) and aligns it with the universe. Features of tracts outside the universe are
 * ignored; a tract split over several features keeps every part. A malformed file, a
 * feature without an 11-character `GEOID10`, a non-numeric `ALAND10` or a non-polygon
 * geometry is an `InputSchemaError` naming the file, the feature and the field.
 *
 * The national file can be larger than the longest string JavaScript allows, so it is
 * read as bytes and parsed one feature at a time, with coordinates packed into typed
 * arrays as they come.
 */
export async function readTractPolygons(
  path: string,
  universe: ReadonlyMap<string, number>,
): Promise<UniverseGeometry> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new InputMissingError(path, "cannot be read", { cause: e });
  }
  return parseTractPolygons(bytes, path, universe);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Calls `onFeature` with the byte range of each element of the `features` array. */
function scanFeatures(
  bytes: Uint8Array,
  file: string,
  onFeature: (start: number, end: number) => void,
): void {
  const key = Buffer.from('"features"');
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = buffer.indexOf(key);
  if (at === -1)
    throw new InputSchemaError({ file }, "is not a GeoJSON FeatureCollection (no features array)");
  let i = at + key.length;
  while (i < bytes.length && bytes[i] !== OPEN_BRACKET) {
    const c = bytes[i] as number;
    if (c !== 0x3a && c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09)
      throw new InputSchemaError({ file }, "is not a GeoJSON FeatureCollection (features is not an array)");
    i++;
  }
  i++;
  let depth = 0;
  let start = -1;
  for (; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      for (i++; i < bytes.length && bytes[i] !== QUOTE; i++) if (bytes[i] === BACKSLASH) i++;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth === 0) start = i;
      depth++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 0) return;
      depth--;
      if (depth === 0) onFeature(start, i + 1);
    }
  }
  throw new InputSchemaError({ file }, "ends inside the features array (truncated file?)");
}

/** A growable list of doubles. */
class DoubleList {
  data = new Float64Array(1 << 16);
  length = 0;
  push2(a: number, b: number): void {
    if (this.length + 2 > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = a;
    this.data[this.length++] = b;
  }
}

/** `readTractPolygons` on the file's bytes (or text) already in memory. */
export function parseTractPolygons(
  content: Uint8Array | string,
  file: string,
  universe: ReadonlyMap<string, number>,
): UniverseGeometry {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const aland10 = new Float64Array(universe.size).fill(Number.NaN);
  const coords = new DoubleList();
  const ringStart: number[] = [];
  const ringEnd: number[] = [];
  const ringTract: number[] = [];
  let f = 0;
  scanFeatures(bytes, file, (start, end) => {
    const where = (field: string) => ({ file: `${file} (feature ${f})`, field });
    let feature: Feature;
    try {
      feature = JSON.parse(buffer.toString("utf8", start, end)) as Feature;
    } catch (e) {
      throw new InputSchemaError(where("geometry"), `is not valid JSON (${(e as Error).message})`, {
        cause: e,
      });
    }
    const props = feature?.properties ?? {};
    const geoid = props.GEOID10;
    if (typeof geoid !== "string" || geoid.length !== 11)
      throw new InputSchemaError(
        where("GEOID10"),
        `GEOID10 must be an 11-character string (got ${JSON.stringify(geoid)})`,
      );
    const row = universe.get(geoid);
    f++;
    if (row === undefined) return;
    const aland = props.ALAND10;
    const land =
      typeof aland === "number"
        ? aland
        : typeof aland === "string" && aland !== ""
          ? Number(aland)
          : Number.NaN;
    if (!Number.isFinite(land))
      throw new InputSchemaError(where("ALAND10"), `ALAND10 is not a number (got ${JSON.stringify(aland)})`);
    aland10[row] = Number.isNaN(aland10[row] as number) ? land : (aland10[row] as number) + land;
    const geometry = feature?.geometry;
    if (geometry === null || geometry === undefined) return;
    for (const part of polygonParts(geometry, where("geometry")))
      for (const ring of part) {
        if (ring.length < 2) continue;
        const first = ring[0] as number[];
        const last = ring[ring.length - 1] as number[];
        ringStart.push(coords.length / 2);
        for (const p of ring) coords.push2(p[0] as number, p[1] as number);
        if (first[0] !== last[0] || first[1] !== last[1])
          coords.push2(first[0] as number, first[1] as number);
        ringEnd.push(coords.length / 2);
        ringTract.push(row);
      }
  });
  let missing = 0;
  for (let r = 0; r < universe.size; r++) if (Number.isNaN(aland10[r] as number)) missing++;
  return { polygons: orderByTract(coords, ringStart, ringEnd, ringTract, universe.size), aland10, missing };
}

/** Reorders rings (in file order) into tract order, as `TractPolygons` stores them. */
function orderByTract(
  coords: DoubleList,
  ringStart: readonly number[],
  ringEnd: readonly number[],
  ringTract: readonly number[],
  tracts: number,
): TractPolygons {
  const tractRingOffsets = new Uint32Array(tracts + 1);
  for (const t of ringTract) tractRingOffsets[t + 1] = (tractRingOffsets[t + 1] as number) + 1;
  for (let t = 0; t < tracts; t++)
    tractRingOffsets[t + 1] = (tractRingOffsets[t + 1] as number) + (tractRingOffsets[t] as number);
  const next = tractRingOffsets.slice(0, tracts);
  const order = new Uint32Array(ringTract.length);
  for (let r = 0; r < ringTract.length; r++) {
    const t = ringTract[r] as number;
    order[next[t] as number] = r;
    next[t] = (next[t] as number) + 1;
  }
  const ringOffsets = new Uint32Array(ringTract.length + 1);
  const out = new Float64Array(coords.length);
  let v = 0;
  for (let k = 0; k < order.length; k++) {
    const r = order[k] as number;
    ringOffsets[k] = v;
    const from = 2 * (ringStart[r] as number);
    const to = 2 * (ringEnd[r] as number);
    out.set(coords.data.subarray(from, to), 2 * v);
    v += (to - from) / 2;
  }
  ringOffsets[order.length] = v;
  return { coords: out, ringOffsets, tractRingOffsets };
}

type Ring = number[][];

function polygonParts(
  geometry: { type?: string; coordinates?: unknown },
  where: { file: string; field: string },
): Ring[][] {
  const parts =
    geometry.type === "Polygon"
      ? [geometry.coordinates]
      : geometry.type === "MultiPolygon"
        ? (geometry.coordinates as unknown[])
        : undefined;
  if (!Array.isArray(parts))
    throw new InputSchemaError(
      where,
      `geometry must be a Polygon or MultiPolygon (got ${JSON.stringify(geometry.type)})`,
    );
  for (const part of parts) {
    if (!Array.isArray(part)) throw new InputSchemaError(where, "polygon is not an array of rings");
    for (const ring of part) {
      if (!Array.isArray(ring)) throw new InputSchemaError(where, "ring is not an array of positions");
      for (const p of ring)
        if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))
          throw new InputSchemaError(
            where,
            `position is not a pair of finite numbers (got ${JSON.stringify(p)})`,
          );
    }
  }
  return parts as Ring[][];
}
