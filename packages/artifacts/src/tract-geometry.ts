import { access } from "node:fs/promises";
import { InputMissingError, InputSchemaError } from "@cejst/schema";
import { streamFeatures } from "./feature-stream.ts";

/** `[west, south, east, north]` in degrees. */
export type BBox = [number, number, number, number];

/** What the artifacts need from a TIGER 2010 tract record. */
export interface TractGeometry {
  geoid: string;
  aland: number;
  /** `INTPTLAT10` / `INTPTLON10` exactly as TIGER spells them (`+32.4771112`, `-086.4903033`). */
  lat: string;
  lon: string;
  /** Bounds of the geometry (5 decimals, outwards), null when the tract is not drawn. */
  bbox: BBox | null;
  /** Drawn in the tiles: `ALAND10 > 0` and a geometry (artifacts.md §2.2). */
  mapped: boolean;
}

interface Feature {
  properties?: Record<string, unknown> | null;
  geometry?: { type: string; coordinates: unknown } | null;
}

/** A tract polygon as read, for the steps that need the geometry itself (tiles). */
export interface TractFeature {
  geoid: string;
  geometry: { type: string; coordinates: unknown } | null;
}

function eachPosition(coords: unknown, visit: (lon: number, lat: number) => void): void {
  if (!Array.isArray(coords)) return;
  if (typeof coords[0] === "number") {
    visit(coords[0] as number, coords[1] as number);
    return;
  }
  for (const c of coords) eachPosition(c, visit);
}

const outFloor = (x: number) => Math.floor(x * 1e5) / 1e5;
const outCeil = (x: number) => Math.ceil(x * 1e5) / 1e5;

/**
 * Bounds of a geometry, rounded outwards to 5 decimals. A shape that crosses the
 * antimeridian (the Aleutians) is measured with continuous longitudes, so `west` goes
 * below −180 instead of the box spanning the globe.
 */
export function geometryBBox(geometry: Feature["geometry"]): BBox | null {
  if (!geometry) return null;
  const lons: number[] = [];
  let south = Number.POSITIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  eachPosition(geometry.coordinates, (lon, lat) => {
    lons.push(lon);
    if (lat < south) south = lat;
    if (lat > north) north = lat;
  });
  if (lons.length === 0) return null;
  let west = Math.min(...lons);
  let east = Math.max(...lons);
  if (east - west > 180) {
    const shifted = lons.map((l) => (l > 0 ? l - 360 : l));
    west = Math.min(...shifted);
    east = Math.max(...shifted);
  }
  return [outFloor(west), outFloor(south), outCeil(east), outCeil(north)];
}

/** Union of boxes (null entries ignored); null when none. */
export function unionBBox(boxes: Iterable<BBox | null>): BBox | null {
  let out: BBox | null = null;
  for (const b of boxes) {
    if (b === null) continue;
    out =
      out === null
        ? [...b]
        : [Math.min(out[0], b[0]), Math.min(out[1], b[1]), Math.max(out[2], b[2]), Math.max(out[3], b[3])];
  }
  return out;
}

/** TIGER's signed, zero-padded coordinate text, for inputs that lack the internal point. */
export function tigerCoordinate(value: number, intDigits: number): string {
  return `${value < 0 ? "-" : "+"}${Math.abs(value)
    .toFixed(7)
    .padStart(intDigits + 8, "0")}`;
}

/**
 * Reads the tract polygons (`census/geojson/us.json`, properties `GEOID10`, `ALAND10`,
 * `INTPTLAT10`, `INTPTLON10`). When a record has no internal point, the centre of its box
 * stands in, written in TIGER's form, and `warnings` says how often that happened.
 */
export async function readTractGeometry(
  path: string,
): Promise<{ tracts: Map<string, TractGeometry>; features: TractFeature[]; warnings: string[] }> {
  try {
    await access(path);
  } catch (e) {
    throw new InputMissingError(path, "cannot be read", { cause: e });
  }
  const tracts = new Map<string, TractGeometry>();
  const features: TractFeature[] = [];
  let missingPoint = 0;
  let i = -1;
  for await (const raw of wrapErrors(streamFeatures(path), path)) {
    i++;
    const f = raw as Feature;
    const p = f.properties ?? {};
    const geoid = p.GEOID10;
    if (typeof geoid !== "string" || !/^\d{11}$/.test(geoid))
      throw new InputSchemaError(
        { file: path, field: `features[${i}].properties.GEOID10` },
        `must be an 11-digit string (got ${JSON.stringify(geoid)})`,
      );
    const aland = Number(p.ALAND10);
    if (!Number.isFinite(aland))
      throw new InputSchemaError(
        { file: path, field: `features[${i}].properties.ALAND10` },
        `must be a number (got ${JSON.stringify(p.ALAND10)})`,
      );
    const geometry = f.geometry ?? null;
    const mapped = aland > 0 && geometry !== null;
    const box = geometryBBox(geometry);
    let lat = typeof p.INTPTLAT10 === "string" ? p.INTPTLAT10 : null;
    let lon = typeof p.INTPTLON10 === "string" ? p.INTPTLON10 : null;
    if (lat === null || lon === null) {
      missingPoint++;
      const b = box ?? [0, 0, 0, 0];
      lat = tigerCoordinate((b[1] + b[3]) / 2, 2);
      lon = tigerCoordinate((b[0] + b[2]) / 2, 3);
    }
    tracts.set(geoid, { geoid, aland, lat, lon, bbox: mapped ? box : null, mapped });
    features.push({ geoid, geometry: mapped ? geometry : null });
  }
  if (i === -1)
    throw new InputSchemaError(
      { file: path, field: "features" },
      "no features (not a GeoJSON FeatureCollection?)",
    );
  const warnings =
    missingPoint > 0
      ? [`${path}: ${missingPoint} tracts have no INTPTLAT10/INTPTLON10; used the centre of their bounds`]
      : [];
  return { tracts, features, warnings };
}

async function* wrapErrors(features: AsyncGenerator<unknown>, path: string): AsyncGenerator<unknown> {
  try {
    yield* features;
  } catch (e) {
    if (e instanceof InputSchemaError) throw e;
    throw new InputSchemaError({ file: path }, `not valid GeoJSON: ${(e as Error).message}`, { cause: e });
  }
}
