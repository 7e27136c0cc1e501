import { InputSchemaError } from "@cejst/schema";
import type { Feature, Geometry, Position } from "geojson";

/** A property value an MVT feature can carry. */
export type TileValue = string | number | boolean;

/** Properties of one tile feature: nulls already removed. */
export type TileProperties = Record<string, TileValue>;

/** Chooses the tile properties of one input feature (default: the feature's own properties). */
export type PropertyMapper = (feature: Feature) => Record<string, unknown> | null | undefined;

/** A feature ready for slicing: a geometry and clean properties, in input order. */
export interface TileFeature {
  type: "Feature";
  geometry: Geometry;
  properties: TileProperties;
}

/** The MVT field type of a property, as tippecanoe names it in `vector_layers`. */
export type FieldType = "Number" | "String" | "Boolean" | "Mixed";

/** What normalising saw, for the summary and the archive metadata. */
export interface FeatureSetStats {
  /** Features kept (with a geometry). */
  features: number;
  /** Features dropped because their geometry was null or empty. */
  droppedNullGeometry: number;
  /** [west, south, east, north] over every kept coordinate, or undefined when nothing was kept. */
  bounds: [number, number, number, number] | undefined;
  /** Property name → field type, keys in order of first appearance. */
  fields: Record<string, FieldType>;
  /** Per-property value statistics, in the same order: the `tilestats` of tippecanoe metadata. */
  attributes: AttributeStats[];
  /** Kept features per geometry kind (Multi* counted with their single kind). */
  geometries: Record<"Point" | "LineString" | "Polygon", number>;
}

/** One attribute's entry in tippecanoe `tilestats` (mapbox-geostats layout). */
export interface AttributeStats {
  attribute: string;
  /** Distinct values seen, counted up to {@link MAX_DISTINCT}. */
  count: number;
  type: "string" | "number" | "boolean" | "mixed";
  /** Up to 100 distinct values, sorted. */
  values: TileValue[];
  min?: number;
  max?: number;
}

/** Distinct values counted per attribute, as tippecanoe caps them. */
export const MAX_DISTINCT = 1000;
const MAX_LISTED = 100;

/** Result of {@link normalizeFeatures}. */
export interface FeatureSet {
  features: TileFeature[];
  stats: FeatureSetStats;
}

export interface NormalizeOptions {
  properties?: PropertyMapper;
  /** Names the input in error messages. */
  sourceName?: string;
}

const FIELD_TYPE = { string: "String", number: "Number", boolean: "Boolean" } as const;

/**
 * Turns caller features into slice-ready ones: null geometries are dropped, null and undefined
 * properties are omitted (the original map tests `hasOwnProperty`), strings, numbers and
 * booleans pass through unchanged, so a caller that encodes booleans as `"1"`/`"0"` keeps them.
 * Input order is kept: geojson-vt writes features in that order, and the original tiles kept
 * the tile CSV's row order. Feature ids are dropped, since the maps promote a property instead.
 * Non-finite numbers and nested values are rejected because MVT cannot hold them faithfully.
 */
export async function normalizeFeatures(
  input: AsyncIterable<Feature> | Iterable<Feature>,
  options: NormalizeOptions = {},
): Promise<FeatureSet> {
  const file = options.sourceName ?? "<features>";
  const features: TileFeature[] = [];
  const fields: Record<string, FieldType> = {};
  const values = new Map<string, { distinct: Set<TileValue>; min: number; max: number }>();
  const geometries = { Point: 0, LineString: 0, Polygon: 0 };
  const box = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
  let dropped = 0;
  let index = 0;
  for await (const feature of input) {
    index++;
    const geometry = feature?.geometry;
    if (geometry == null || !extendBounds(box, geometry)) {
      dropped++;
      continue;
    }
    const source = options.properties ? options.properties(feature) : feature.properties;
    const properties: TileProperties = {};
    for (const [key, value] of Object.entries(source ?? {})) {
      if (value === null || value === undefined) continue;
      const kind = typeof value;
      if (kind !== "string" && kind !== "number" && kind !== "boolean") {
        throw new InputSchemaError(
          { file, line: index, field: key },
          `property must be a string, number or boolean (got ${describe(value)})`,
        );
      }
      if (kind === "number" && !Number.isFinite(value)) {
        throw new InputSchemaError(
          { file, line: index, field: key },
          `property must be a finite number or null (got ${String(value)})`,
        );
      }
      const type = FIELD_TYPE[kind as keyof typeof FIELD_TYPE];
      const seen = fields[key];
      fields[key] = seen === undefined || seen === type ? type : "Mixed";
      properties[key] = value as TileValue;
      let stat = values.get(key);
      if (stat === undefined) {
        stat = { distinct: new Set(), min: Infinity, max: -Infinity };
        values.set(key, stat);
      }
      if (stat.distinct.size < MAX_DISTINCT) stat.distinct.add(value as TileValue);
      if (kind === "number") {
        if ((value as number) < stat.min) stat.min = value as number;
        if ((value as number) > stat.max) stat.max = value as number;
      }
    }
    const kind = geometryKind(geometry);
    if (kind) geometries[kind]++;
    features.push({ type: "Feature", geometry, properties });
  }
  const bounds: FeatureSetStats["bounds"] =
    features.length === 0 ? undefined : [box.west, box.south, box.east, box.north];
  const attributes = Object.entries(fields).map(([attribute, type]): AttributeStats => {
    const stat = values.get(attribute)!;
    const out: AttributeStats = {
      attribute,
      count: stat.distinct.size,
      type: type.toLowerCase() as AttributeStats["type"],
      values: [...stat.distinct].sort(compareValues).slice(0, MAX_LISTED),
    };
    if (stat.min <= stat.max) {
      out.min = stat.min;
      out.max = stat.max;
    }
    return out;
  });
  return {
    features,
    stats: {
      features: features.length,
      droppedNullGeometry: dropped,
      bounds,
      fields,
      attributes,
      geometries,
    },
  };
}

/** Numbers before strings before booleans; each kind in its natural order. */
function compareValues(a: TileValue, b: TileValue): number {
  const rank = (v: TileValue): number => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function geometryKind(geometry: Geometry): "Point" | "LineString" | "Polygon" | undefined {
  switch (geometry.type) {
    case "Point":
    case "MultiPoint":
      return "Point";
    case "LineString":
    case "MultiLineString":
      return "LineString";
    case "Polygon":
    case "MultiPolygon":
      return "Polygon";
    default:
      return geometry.geometries[0] ? geometryKind(geometry.geometries[0]) : undefined;
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : typeof value;
}

type Box = { west: number; south: number; east: number; north: number };

/** Extends the box by every position of the geometry; false when it has none. */
function extendBounds(box: Box, geometry: Geometry): boolean {
  let any = false;
  const visit = (p: Position): void => {
    const [lon, lat] = p;
    if (lon === undefined || lat === undefined) return;
    any = true;
    if (lon < box.west) box.west = lon;
    if (lon > box.east) box.east = lon;
    if (lat < box.south) box.south = lat;
    if (lat > box.north) box.north = lat;
  };
  switch (geometry.type) {
    case "Point":
      visit(geometry.coordinates);
      break;
    case "MultiPoint":
    case "LineString":
      geometry.coordinates.forEach(visit);
      break;
    case "MultiLineString":
    case "Polygon":
      for (const line of geometry.coordinates) line.forEach(visit);
      break;
    case "MultiPolygon":
      for (const polygon of geometry.coordinates) for (const ring of polygon) ring.forEach(visit);
      break;
    case "GeometryCollection":
      for (const part of geometry.geometries) if (extendBounds(box, part)) any = true;
      break;
  }
  return any;
}
