import { basename, join } from "node:path";
import { classifyTribalOverlap } from "@cejst/methodology";
import { InputMissingError, InputSchemaError } from "@cejst/schema";
import Flatbush from "flatbush";
import { intersection } from "polyclip-ts";
import { readBytes } from "../../io/read-bytes.ts";
import { segmentsIntersect } from "../../score/orient2d.ts";
import { type FrameColumn, formatFrame } from "../support/frame.ts";
import { parseJsonText } from "../support/json.ts";
import { nearMiss } from "../support/missing-name.ts";
import { decodeText } from "../support/source-files.ts";
import type { DatasetAdapter } from "../types.ts";

type Ring = [number, number][];
type Poly = Ring[];

/** A shape with its parts in EPSG:3857 metres. */
interface Shape {
  polys: Poly[];
  points: [number, number][];
}

/** A tribal area: its id (areas are counted once however many parts), display name and shape. */
interface TribalArea extends Shape {
  id: string;
  name: string;
}

/** Tract polygons and tribal areas, both projected to web Mercator as the original does. */
export interface TribalOverlapRaw {
  tracts: { geoid: string; shape: Shape }[];
  areas: TribalArea[];
}

const COLUMNS = [
  "GEOID10_TRACT",
  "Number of Tribal areas within Census tract for Alaska",
  "Number of Tribal areas within Census tract",
  "Percent of the Census tract that is within Tribal areas",
  "Names of Tribal areas within Census tract",
  "Percent of the Census tract that is within Tribal areas, for display",
  "Identified as disadvantaged due to tribal overlap",
] as const;

const R = 6378137;
const mercator = ([lon, lat]: number[]): [number, number] => [
  (R * (lon as number) * Math.PI) / 180,
  R * Math.log(Math.tan(Math.PI / 4 + ((lat as number) * Math.PI) / 360)),
];

interface GeoFeature {
  properties?: Record<string, unknown> | null;
  geometry?: { type?: string; coordinates?: unknown } | null;
}

/** A position as `[lon, lat]` numbers on the globe, or a located error. */
function position(p: unknown, fail: (why: string) => never): [number, number] {
  if (!Array.isArray(p) || p.length < 2)
    fail(`a position needs [longitude, latitude] (got ${JSON.stringify(p)})`);
  const [x, y] = p as unknown[];
  if (typeof x !== "number" || typeof y !== "number" || !Number.isFinite(x) || !Number.isFinite(y))
    fail(`coordinates are not numbers (got ${JSON.stringify(p)})`);
  const [lon, lat] = [x as number, y as number];
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90)
    fail(
      `coordinates are off the globe: longitude must be within ±180 and latitude within ±90 (got ${lon}, ${lat})`,
    );
  return mercator([lon, lat]);
}

/**
 * Checks and projects a geometry. A polygon needs at least one ring and every ring at least
 * four positions (closed): a polygon with a ring missing would otherwise count as no area.
 */
function toShape(g: GeoFeature["geometry"], file: string, line: number): Shape {
  const fail = (why: string): never => {
    throw new InputSchemaError({ file, line, field: "geometry" }, `feature ${line}: ${why}`);
  };
  const shape: Shape = { polys: [], points: [] };
  const list = (c: unknown, what: string): unknown[] =>
    Array.isArray(c) ? c : fail(`${what} coordinates are not an array (got ${JSON.stringify(c ?? null)})`);
  const poly = (c: unknown, where: string) => {
    const rings = list(c, `${g?.type}${where}`);
    if (rings.length === 0) fail(`polygon${where} has no rings (a shell is required)`);
    shape.polys.push(
      rings.map((r, k) => {
        const ring = list(r, `ring ${k + 1}${where}`);
        if (ring.length < 4)
          fail(`ring ${k + 1}${where} has ${ring.length} positions (a closed ring needs at least 4)`);
        return ring.map((p) => position(p, fail));
      }),
    );
  };
  const c = g?.coordinates;
  switch (g?.type) {
    case "Polygon":
      poly(c, "");
      break;
    case "MultiPolygon":
      list(c, "MultiPolygon").forEach((p, k) => {
        poly(p, ` of polygon ${k + 1}`);
      });
      break;
    case "Point":
      shape.points.push(position(c, fail));
      break;
    case "MultiPoint":
      for (const p of list(c, "MultiPoint")) shape.points.push(position(p, fail));
      break;
    case undefined:
      break;
    default:
      throw new InputSchemaError(
        { file, line, field: "geometry" },
        `unsupported geometry type (got ${g?.type})`,
      );
  }
  return shape;
}

async function readGeoJson(path: string, hint: string): Promise<GeoFeature[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(path);
  } catch (e) {
    throw new InputMissingError(path, `cannot be read (${hint})`, { cause: e });
  }
  const fc = parseJsonText(decodeText({ name: path, bytes }, "utf8"), path, "GeoJSON") as {
    type?: unknown;
    features?: unknown;
  } | null;
  if (fc?.type !== "FeatureCollection" || !Array.isArray(fc.features))
    throw new InputSchemaError(
      { file: path, line: 1, field: "type" },
      `is not a GeoJSON FeatureCollection (got type ${JSON.stringify(fc?.type ?? null)}${Array.isArray(fc?.features) ? "" : ", no features array"})`,
    );
  return (fc.features as (GeoFeature | null)[]).map((f) => f ?? {});
}

const NAME_KEYS = ["landAreaName", "LARName", "TSAName", "NAMELSAD", "NAME", "name"];
const ID_KEYS = ["tribalId", "LARID", "TSAID", "GEOID", "id"];

/** The tribal area name without the layer suffixes the sources append. */
const cleanName = (s: string) => s.replace(/ (LAR|TSA|IRA|AK)$/, "");

const ringArea = (r: Ring): number => {
  let s = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) s += (r[j]![0] + r[i]![0]) * (r[j]![1] - r[i]![1]);
  return Math.abs(s) / 2;
};
const polyArea = (p: Poly): number => p.reduce((s, r, k) => s + (k === 0 ? ringArea(r) : -ringArea(r)), 0);

function bbox(s: Shape): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = ([x, y]: [number, number]) => {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  };
  for (const p of s.polys) for (const v of p[0] ?? []) visit(v);
  for (const v of s.points) visit(v);
  return [x0, y0, x1, y1];
}

function pointInPoly(p: Poly, x: number, y: number): boolean {
  let inside = false;
  for (const [k, ring] of p.entries()) {
    let c = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (segmentsIntersect(xi, yi, xj, yj, x, y, x, y)) return true;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
    }
    if (k === 0) inside = c;
    else if (c) inside = false;
  }
  return inside;
}

/** Whether two polygons share any point (boundaries cross or touch, or one holds the other). */
function polysTouch(a: Poly, b: Poly): boolean {
  for (const ra of a)
    for (let i = 1; i < ra.length; i++)
      for (const rb of b)
        for (let j = 1; j < rb.length; j++) {
          const [p, q] = [ra[i - 1]!, ra[i]!];
          const [r, s] = [rb[j - 1]!, rb[j]!];
          if (segmentsIntersect(p[0], p[1], q[0], q[1], r[0], r[1], s[0], s[1])) return true;
        }
  const a0 = a[0]?.[0];
  const b0 = b[0]?.[0];
  return (
    (a0 !== undefined && pointInPoly(b, a0[0], a0[1])) || (b0 !== undefined && pointInPoly(a, b0[0], b0[1]))
  );
}

/**
 * Tribal overlap per tract (methodology.md §10): the share of the tract's area inside tribal
 * polygons, summed over polygons (so it can exceed 1), the tribal areas it touches, and the
 * > 99.5 % flag. Alaskan tracts keep a share only when their one area is Annette Island.
 */
function transform(raw: TribalOverlapRaw): ReturnType<DatasetAdapter["transform"]> {
  const index = new Flatbush(Math.max(raw.areas.length, 1));
  for (const a of raw.areas) index.add(...bbox(a));
  if (raw.areas.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  const out: { geoid: string; count: number; share: number | null; names: string }[] = [];
  for (const t of raw.tracts) {
    if (t.shape.polys.length === 0) continue;
    const tractArea = t.shape.polys.reduce((s, p) => s + polyArea(p), 0);
    const hits = new Map<string, string>();
    let overlap = 0;
    for (const k of index.search(...bbox(t.shape)).sort((x, y) => x - y)) {
      const area = raw.areas[k];
      if (area === undefined) continue;
      let touches = false;
      for (const ap of area.polys) {
        const parts = intersection(t.shape.polys, ap);
        const a = parts.reduce((s, p) => s + polyArea(p), 0);
        overlap += a;
        if (parts.length > 0 || t.shape.polys.some((tp) => polysTouch(tp, ap))) touches = true;
      }
      for (const [x, y] of area.points) if (t.shape.polys.some((tp) => pointInPoly(tp, x, y))) touches = true;
      if (touches) hits.set(area.id, area.name);
    }
    if (hits.size === 0) continue;
    const names = [...new Set(hits.values())].sort().join(", ");
    const alaska = t.geoid.startsWith("02");
    out.push({
      geoid: t.geoid,
      count: hits.size,
      share: alaska && names !== "Annette Island" ? null : overlap / tractArea,
      names,
    });
  }
  out.sort((a, b) => (a.geoid < b.geoid ? -1 : a.geoid > b.geoid ? 1 : 0));
  const share = out.map((r) => r.share);
  const columns: FrameColumn[] = [
    { name: COLUMNS[0], kind: "string", values: out.map((r) => r.geoid) },
    { name: COLUMNS[1], kind: "float", values: out.map((r) => (r.geoid.startsWith("02") ? r.count : null)) },
    { name: COLUMNS[2], kind: "float", values: out.map(() => null) },
    { name: COLUMNS[3], kind: "float", values: share },
    { name: COLUMNS[4], kind: "string", values: out.map((r) => r.names) },
    {
      name: COLUMNS[5],
      kind: "float",
      values: share.map((s) => (s === null ? null : s < 0.01 ? 0 : s > 0.995 ? 1 : s)),
    },
    { name: COLUMNS[6], kind: "bool", values: share.map((s) => classifyTribalOverlap(s)) },
  ];
  return [{ path: "dataset/tribal_overlap/usa.csv", data: formatFrame(columns) }];
}

/** Share of each tract inside BIA/AIAN tribal areas, and the tribal-overlap flag. */
export const tribalOverlap: DatasetAdapter<TribalOverlapRaw> = {
  id: "tribal_overlap",
  title: "Tribal areas per tract: overlap share and names (needs census/geojson/us.json)",
  outputs: ["dataset/tribal_overlap/usa.csv"],
  columns: COLUMNS,
  sourceHint:
    "tribal areas GeoJSON (BIA LAR/TSA, AIAN supplemental, Alaska Native Villages; name in landAreaName); tract polygons from <out>/census/geojson/us.json or a us.json --source",
  async extract(ctx) {
    const tractFile =
      ctx.sources.find((s) => basename(s) === "us.json") ?? join(ctx.out, "census/geojson/us.json");
    const tribalFiles = ctx.sources.filter((s) => basename(s) !== "us.json");
    if (tribalFiles.length === 0)
      throw new InputMissingError("--source", "must name the tribal areas GeoJSON");
    const areas: TribalArea[] = [];
    for (const f of tribalFiles) {
      const features = await readGeoJson(f, "the tribal areas GeoJSON");
      features.forEach((feat, i) => {
        const props = feat.properties ?? {};
        const nameKey = NAME_KEYS.find((k) => typeof props[k] === "string" && props[k] !== "");
        if (nameKey === undefined) {
          const near = NAME_KEYS.map((k) => nearMiss(k, Object.keys(props))).find((k) => k !== undefined);
          throw new InputSchemaError(
            { file: f, line: i + 1, field: "landAreaName" },
            `feature ${i + 1} has no tribal area name (a non-empty ${NAME_KEYS.join(", ")})${near ? ` (found "${near}" instead: renamed?)` : ""}`,
          );
        }
        const name = cleanName(props[nameKey] as string);
        const idKey = ID_KEYS.find((k) => props[k] !== undefined && props[k] !== null);
        areas.push({
          id: idKey === undefined ? name : String(props[idKey]),
          name,
          ...toShape(feat.geometry, f, i + 1),
        });
      });
    }
    const tracts = (
      await readGeoJson(tractFile, "run `cejst etl census` first, or pass the tract GeoJSON as a --source")
    ).map((feat, i) => {
      const geoid = feat.properties?.GEOID10;
      if (typeof geoid !== "string" || !/^\d{11}$/.test(geoid))
        throw new InputSchemaError(
          { file: tractFile, line: i + 1, field: "GEOID10" },
          `feature ${i + 1} has no 11-digit GEOID10 (got ${JSON.stringify(geoid)})`,
        );
      return { geoid, shape: toShape(feat.geometry, tractFile, i + 1) };
    });
    ctx.progress({
      stage: "extract",
      done: areas.length,
      unit: "tribal areas",
      detail: `${tracts.length} tracts`,
    });
    return { tracts, areas };
  },
  transform,
};
