import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { InputMissingError, InputSchemaError, type ProgressSink } from "@cejst/schema";
import type { Feature, Geometry } from "geojson";
import { writeGeojsonFeatures } from "./geojson.ts";
import { writeTileset } from "./tileset.ts";

/** A tribal area as published (artifacts.md §2.5): only `tribalId` and `landAreaName`. */
export interface TribalFeature {
  type: "Feature";
  properties: { tribalId: string; landAreaName: string };
  geometry: Geometry | null;
}

/** Tribal areas read from one or more GeoJSON files, in file and feature order. */
export interface TribalAreas {
  features: TribalFeature[];
  /** The files read, in order. */
  files: string[];
}

/**
 * The four BIA sources of artifacts.md §2.5 and the published form itself, told apart by
 * their id field (checked in this order: the TSA layer also carries an `OBJECTID`).
 */
const SOURCES: ReadonlyArray<{ id: string; name: string }> = [
  { id: "tribalId", name: "landAreaName" },
  { id: "GlobalID", name: "TRIBALOFFICENAME" },
  { id: "TSAID", name: "LARName" },
  { id: "LARID", name: "LARName" },
  { id: "OBJECTID", name: "Land_Area_" },
];

const GEOMETRY_TYPES = new Set(["Point", "MultiPoint", "Polygon", "MultiPolygon"]);

/** Where the original pipeline keeps the merged tribal areas inside its data folder. */
export const TRIBAL_GEOJSON_IN_DATA = join("tribal", "geographic_data", "usa.json");

/**
 * The GeoJSON files a tribal input names: a file is itself; a folder is its
 * `tribal/geographic_data/usa.json` when it is a data folder, else every `*.json` and
 * `*.geojson` directly inside it (the members of the BIA archives), sorted by name.
 */
export async function tribalSourceFiles(source: string): Promise<string[]> {
  const info = await stat(source).catch(() => undefined);
  if (info === undefined) throw new InputMissingError(source, "tribal areas input does not exist");
  if (info.isFile()) return [source];
  const merged = join(source, TRIBAL_GEOJSON_IN_DATA);
  if ((await stat(merged).catch(() => undefined))?.isFile()) return [merged];
  const files = (await readdir(source))
    .filter((n) => /\.(geo)?json$/i.test(n))
    .sort()
    .map((n) => join(source, n));
  if (files.length === 0)
    throw new InputMissingError(
      source,
      `holds no tribal areas (expected ${TRIBAL_GEOJSON_IN_DATA} or *.json / *.geojson files)`,
    );
  return files;
}

/**
 * Reads tribal areas and keeps exactly `tribalId` (always a string, even where the source id
 * is a number) and `landAreaName` (artifacts.md §2.5, quirks 17 and 22). Each feature's source
 * is recognised by its id field, so the merged file and the raw BIA layers read alike.
 * Coordinates must be WGS84 longitude/latitude, as GeoJSON requires.
 */
export async function readTribalAreas(source: string): Promise<TribalAreas> {
  const files = await tribalSourceFiles(source);
  const features: TribalFeature[] = [];
  for (const file of files) {
    let parsed: { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } };
    try {
      parsed = JSON.parse(await readFile(file, "utf8"));
    } catch (e) {
      throw new InputSchemaError({ file }, `is not valid JSON (${(e as Error).message})`, { cause: e });
    }
    if (parsed?.type !== "FeatureCollection" || !Array.isArray(parsed.features))
      throw new InputSchemaError(
        { file, field: "type" },
        `must be a GeoJSON FeatureCollection (got ${String(parsed?.type)})`,
      );
    const crs = parsed.crs?.properties?.name;
    if (crs !== undefined && !/(CRS84|EPSG::?4326)$/i.test(String(crs)))
      throw new InputSchemaError(
        { file, field: "crs" },
        `coordinates must be WGS84 longitude/latitude (got ${String(crs)})`,
      );
    (parsed.features as Feature[]).forEach((feature, i) => {
      features.push(normalize(feature, file, i + 1));
    });
  }
  if (!features.some((f) => f.geometry !== null))
    throw new InputSchemaError(
      { file: files.join(", "), field: "geometry" },
      `tribal areas must include at least one geometry (got ${features.length} features without one)`,
    );
  return { features, files };
}

function normalize(feature: Feature, file: string, line: number): TribalFeature {
  const props = (feature?.properties ?? {}) as Record<string, unknown>;
  const present = (k: string) => props[k] !== undefined && props[k] !== null && props[k] !== "";
  const source = SOURCES.find((s) => present(s.id));
  if (source === undefined)
    throw new InputSchemaError(
      { file, line, field: "tribalId" },
      `feature ${line} has no tribal area id (${SOURCES.map((s) => s.id).join(", ")})`,
    );
  const id = props[source.id];
  if (typeof id !== "string" && typeof id !== "number")
    throw new InputSchemaError(
      { file, line, field: source.id },
      `tribal area id must be a string or a number (got ${JSON.stringify(id)})`,
    );
  const name = props[source.name];
  if (typeof name !== "string" || name === "")
    throw new InputSchemaError(
      { file, line, field: source.name },
      `tribal area name must be a non-empty string (got ${JSON.stringify(name ?? null)})`,
    );
  const geometry = feature.geometry ?? null;
  if (geometry !== null && !GEOMETRY_TYPES.has(geometry.type))
    throw new InputSchemaError(
      { file, line, field: "geometry" },
      `tribal area geometry must be a Point, MultiPoint, Polygon or MultiPolygon (got ${geometry.type})`,
    );
  return { type: "Feature", properties: { tribalId: String(id), landAreaName: name }, geometry };
}

/** What {@link writeTribalArtifacts} wrote. */
export interface TribalArtifacts {
  /** Tribal areas in the GeoJSON (one per source record). */
  areas: number;
  /** Of which drawn as points (Alaska Native Villages). */
  points: number;
  /** Tiles in the tileset. */
  tiles: number;
  files: string[];
}

/**
 * The tribal part of a release (artifacts.md §2.5): `data/tribal/geographic_data/usa.json`
 * and the tileset `data/tribal/tiles/` (z0–11, layer `blocks`; `usa.pmtiles`, `usa.mbtiles`,
 * `metadata.json`, and the `{z}/{x}/{y}.pbf` tree only under `treeRoot`). Points are complete from z3 and thinned
 * below it, as the original's base zoom 3 made them.
 */
export async function writeTribalArtifacts(
  root: string,
  tribal: TribalAreas,
  options: {
    labels?: { label: string; methodology: string };
    progress: ProgressSink;
    /** Also write the `{z}/{x}/{y}.pbf` tree under `<treeRoot>/data/tribal/tiles`. */
    treeRoot?: string;
  },
): Promise<TribalArtifacts> {
  await writeGeojsonFeatures(join(root, "data", "tribal", "geographic_data", "usa.json"), tribal.features);
  const drawn = tribal.features.filter((f) => f.geometry !== null) as Feature[];
  const summary = await writeTileset({
    dir: join(root, "data", "tribal", "tiles"),
    name: "usa",
    archive: "usa",
    features: drawn,
    minZoom: 0,
    maxZoom: 11,
    progress: options.progress,
    sourceName: tribal.files.join(", "),
    pointThinning: { baseZoom: 3 },
    ...(options.labels && { labels: options.labels }),
    ...(options.treeRoot !== undefined && { treeDir: join(options.treeRoot, "data", "tribal", "tiles") }),
  });
  return {
    areas: tribal.features.length,
    points: drawn.filter((f) => f.geometry?.type === "Point" || f.geometry?.type === "MultiPoint").length,
    tiles: summary.tiles,
    files: tribal.files,
  };
}
