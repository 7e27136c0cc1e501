import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { InputMissingError, InputSchemaError } from "@cejst/schema";
import Flatbush from "flatbush";
import type { Feature, Geometry, Position } from "geojson";
import { readBytes } from "../../io/read-bytes.ts";
import { parseJsonText } from "./json.ts";
import { decodeText } from "./source-files.ts";

type Rings = Position[][];

/** Tract polygons with a bounding-box index, for joining points to the tracts they fall in. */
export interface TractIndex {
  /** GEOIDs of the tracts a point intersects (inside or on the boundary), in tract order. */
  tractsAt(lon: number, lat: number): string[];
  size: number;
}

/**
 * Reads tract polygons from a `census/geojson/us.json` (ours: one feature per line; or any
 * GeoJSON FeatureCollection with a `GEOID10` property) and indexes them.
 */
export async function loadTractIndex(path: string): Promise<TractIndex> {
  const features = await readFeatures(path);
  const tracts: { geoid: string; polygons: Rings[] }[] = [];
  features.forEach((f, i) => {
    const geoid = f?.properties?.GEOID10;
    if (typeof geoid !== "string" || !/^\d{11}$/.test(geoid))
      throw new InputSchemaError(
        { file: path, line: i + 1, field: "GEOID10" },
        `feature ${i + 1} has no 11-digit GEOID10 (got ${JSON.stringify(geoid)})`,
      );
    const g = f?.geometry;
    if (g?.type === "Polygon") tracts.push({ geoid, polygons: [g.coordinates] });
    else if (g?.type === "MultiPolygon") tracts.push({ geoid, polygons: g.coordinates });
  });
  const index = new Flatbush(Math.max(tracts.length, 1));
  for (const t of tracts) {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const p of t.polygons)
      for (const [x = 0, y = 0] of p[0] ?? []) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
    index.add(x0, y0, x1, y1);
  }
  if (tracts.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  return {
    size: tracts.length,
    tractsAt(lon, lat) {
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) return [];
      return index
        .search(lon, lat, lon, lat)
        .filter((i) => i < tracts.length)
        .sort((a, b) => a - b)
        .filter((i) => tracts[i]!.polygons.some((p) => intersects(p, lon, lat)))
        .map((i) => tracts[i]!.geoid);
    },
  };
}

/** Point-polygon intersection: on any ring's boundary, or inside the shell and outside every hole. */
function intersects(rings: Rings, x: number, y: number): boolean {
  for (const ring of rings) if (onBoundary(ring, x, y)) return true;
  const [shell, ...holes] = rings;
  return shell !== undefined && inside(shell, x, y) && !holes.some((h) => inside(h, x, y));
}

function inside(ring: Position[], x: number, y: number): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i]!;
    const [xj = 0, yj = 0] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

function onBoundary(ring: Position[], x: number, y: number): boolean {
  for (let i = 1; i < ring.length; i++) {
    const [ax = 0, ay = 0] = ring[i - 1]!;
    const [bx = 0, by = 0] = ring[i]!;
    if (x < Math.min(ax, bx) || x > Math.max(ax, bx) || y < Math.min(ay, by) || y > Math.max(ay, by))
      continue;
    if ((bx - ax) * (y - ay) - (by - ay) * (x - ax) === 0) return true;
  }
  return false;
}

const OUR_HEAD = '{"type":"FeatureCollection","features":[';

/**
 * Our us.json holds one feature per line, so it is read line by line: the national file is
 * larger than the longest string V8 can hold. Other GeoJSON is parsed whole.
 */
async function readFeatures(path: string): Promise<Feature<Geometry | null>[]> {
  try {
    await stat(path);
  } catch (e) {
    throw new InputMissingError(
      path,
      "cannot be read (run `cejst etl census` first, or pass the tract GeoJSON as a --source)",
      { cause: e },
    );
  }
  const lines = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Infinity });
  const features: Feature<Geometry | null>[] = [];
  let n = 0;
  let ours = false;
  for await (const line of lines) {
    n++;
    if (n === 1) {
      ours = line === OUR_HEAD;
      if (!ours) break;
      continue;
    }
    if (line === "]}" || line === "") continue;
    try {
      features.push(JSON.parse(line.endsWith(",") ? line.slice(0, -1) : line) as Feature<Geometry | null>);
    } catch (e) {
      throw new InputSchemaError({ file: path, line: n }, `is not valid GeoJSON (${(e as Error).message})`, {
        cause: e,
      });
    }
  }
  lines.close();
  if (ours) return features;
  const doc = parseJsonText(
    decodeText({ name: path, bytes: await readBytes(path) }, "utf8"),
    path,
    "GeoJSON",
  ) as { type?: unknown; features?: unknown } | null;
  // Anything else would join no point to any tract, silently.
  if (doc?.type !== "FeatureCollection" || !Array.isArray(doc.features))
    throw new InputSchemaError(
      { file: path, line: 1, field: "type" },
      `is not a GeoJSON FeatureCollection of tract polygons (got type ${JSON.stringify(doc?.type ?? null)})`,
    );
  return doc.features as Feature<Geometry | null>[];
}
