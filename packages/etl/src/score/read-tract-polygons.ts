import { readFile } from "node:fs/promises";
import { InputMissingError, InputSchemaError } from "@cejst/schema";
import { packTractPolygons, type Ring, type TractPolygons } from "./tract-polygons.ts";

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
 */
export async function readTractPolygons(
  path: string,
  universe: ReadonlyMap<string, number>,
): Promise<UniverseGeometry> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new InputMissingError(path, "cannot be read", { cause: e });
  }
  return parseTractPolygons(text, path, universe);
}

/** `readTractPolygons` on text already in memory. */
export function parseTractPolygons(
  text: string,
  file: string,
  universe: ReadonlyMap<string, number>,
): UniverseGeometry {
  let doc: { type?: unknown; features?: unknown };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch (e) {
    throw new InputSchemaError({ file }, `is not valid JSON (${(e as Error).message})`, { cause: e });
  }
  if (doc === null || typeof doc !== "object" || !Array.isArray(doc.features))
    throw new InputSchemaError({ file }, "is not a GeoJSON FeatureCollection (no features array)");
  const rings: Ring[][] = Array.from({ length: universe.size }, () => []);
  const aland10 = new Float64Array(universe.size).fill(Number.NaN);
  const features = doc.features as Feature[];
  for (let f = 0; f < features.length; f++) {
    const feature = features[f];
    const where = (field: string) => ({ file: `${file} (feature ${f})`, field });
    const props = feature?.properties ?? {};
    const geoid = props.GEOID10;
    if (typeof geoid !== "string" || geoid.length !== 11)
      throw new InputSchemaError(
        where("GEOID10"),
        `GEOID10 must be an 11-character string (got ${JSON.stringify(geoid)})`,
      );
    const row = universe.get(geoid);
    if (row === undefined) continue;
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
    if (geometry === null || geometry === undefined) continue;
    const parts = polygonParts(geometry, where("geometry"));
    for (const part of parts) for (const ring of part) (rings[row] as Ring[]).push(ring);
  }
  let missing = 0;
  for (let r = 0; r < universe.size; r++) if (Number.isNaN(aland10[r] as number)) missing++;
  return { polygons: packTractPolygons(rings), aland10, missing };
}

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
