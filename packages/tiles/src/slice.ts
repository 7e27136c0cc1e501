import { GeoJSONVT, type GeoJSONVTFeature, type GeoJSONVTTile } from "@maplibre/geojson-vt";
import type { Geometry, Position } from "geojson";
import type { TileFeature } from "./features.ts";
import { zxyToTileId } from "./tile-id.ts";

/** Geometry simplification, in tile units of a 4096 extent (geojson-vt's `tolerance`). */
export interface Simplification {
  /**
   * Douglas–Peucker tolerance, either one value or one per zoom. geojson-vt scales it to the
   * zoom, and never simplifies at `maxZoom`. Rings smaller than the tolerance vanish at that
   * zoom unless `keepSmallPolygons` puts them back.
   * @defaultValue 3
   */
  tolerance?: number | ((zoom: number) => number);
  /**
   * Margin around each tile, in tile units, so that strokes do not show seams.
   * @defaultValue 64
   */
  buffer?: number;
  /**
   * Keep every polygon feature at every zoom: one that simplification removed entirely at a
   * zoom is written there as its bounding box (at least one tile unit square) in the tile
   * holding its centre. The high tiles must draw every tract from z5 to z11 (artifacts.md
   * §2.3), and tippecanoe also keeps tiny polygons as small squares rather than dropping them.
   * @defaultValue true
   */
  keepSmallPolygons?: boolean;
}

/**
 * Fewer point features below a base zoom, as tippecanoe's `--base-zoom` and drop rate do:
 * every point is in every tile from `baseZoom` up, and each zoom below keeps about one point
 * in `rate^(baseZoom - z)`, chosen evenly along the Hilbert curve so the survivors stay spread
 * out. A point shown at one zoom is shown at every deeper zoom. Lines and polygons are kept.
 */
export interface PointThinning {
  baseZoom: number;
  /** @defaultValue 2.5 (tippecanoe's default drop rate) */
  rate?: number;
}

/** Zoom range, tile extent and simplification of {@link sliceTiles}. */
export interface SliceOptions extends Simplification {
  minZoom: number;
  maxZoom: number;
  /** @defaultValue 4096 */
  extent?: number;
  pointThinning?: PointThinning;
}

/** One non-empty tile as geojson-vt gives it, with its PMTiles id. */
export interface SlicedTile {
  z: number;
  x: number;
  y: number;
  tileId: number;
  tile: GeoJSONVTTile;
}

/** geojson-vt's private tile cache; reached only to free zooms we are done with. */
type InternalIndex = { tileIndex?: { tiles?: Record<string, unknown> } };

/**
 * Cuts features into tiles with geojson-vt and yields every tile holding at least one feature,
 * zoom by zoom and in Hilbert order within a zoom (ascending PMTiles tile id), so a writer can
 * take them as they come. The first zoom's tiles come from feature bounding boxes; below it
 * only children of tiles that received some source feature are visited, so a tile whose
 * features were all simplified away still leads to its children.
 */
export function* sliceTiles(features: readonly TileFeature[], options: SliceOptions): Generator<SlicedTile> {
  const { minZoom, maxZoom } = options;
  if (!Number.isInteger(minZoom) || minZoom < 0)
    throw new Error(`minZoom must be an integer ≥ 0 (got ${minZoom})`);
  if (!Number.isInteger(maxZoom) || maxZoom < minZoom || maxZoom > 24) {
    throw new Error(`maxZoom must be an integer in ${minZoom}..24 (got ${maxZoom})`);
  }
  if (features.length === 0) return;
  const extent = options.extent ?? 4096;
  const buffer = options.buffer ?? 64;
  const tolerance = options.tolerance ?? 3;
  const keepSmall = options.keepSmallPolygons ?? true;
  const toleranceAt = typeof tolerance === "function" ? tolerance : () => tolerance;

  const boxes = features.map((f) => mercatorBox(f.geometry));
  const keeper = keepSmall ? new SmallPolygonKeeper(features, boxes, extent, maxZoom) : undefined;
  const pointZoom = options.pointThinning ? pointMinZooms(features, boxes, options.pointThinning) : undefined;
  // Zooms sharing one tolerance share one geojson-vt index; a new tolerance needs a new index.
  let zoom = minZoom;
  while (zoom <= maxZoom) {
    const groupTolerance = toleranceAt(zoom);
    if (!Number.isFinite(groupTolerance) || groupTolerance < 0) {
      throw new Error(`tolerance at z${zoom} must be a finite number ≥ 0 (got ${groupTolerance})`);
    }
    let last = zoom;
    while (last < maxZoom && toleranceAt(last + 1) === groupTolerance) last++;
    const index = new GeoJSONVT(
      { type: "FeatureCollection", features: features as TileFeature[] },
      // wrap: false keeps each feature in the one world; US data never crosses the antimeridian.
      { maxZoom, extent, buffer, tolerance: groupTolerance, indexMaxZoom: 0, wrap: false },
    );
    const start = startTiles(boxes, zoom, buffer / extent);
    yield* sliceGroup(index, start, zoom, last, keeper, () => groupTolerance, pointZoom);
    zoom = last + 1;
  }
}

/**
 * The tiles at `z` that a feature's bounding box, grown by the tile buffer, touches. Starting
 * there rather than at z0 spares geojson-vt from transforming every feature at every zoom
 * above the range, which dominated the time and garbage of a z5–11 build.
 */
function startTiles(
  boxes: ReadonlyArray<Box | undefined>,
  z: number,
  bufferShare: number,
): Array<[number, number]> {
  const n = 2 ** z;
  const seen = new Set<number>();
  const out: Array<[number, number]> = [];
  const pad = bufferShare / n;
  const cell = (v: number): number => Math.min(n - 1, Math.max(0, Math.floor(v * n)));
  for (const box of boxes) {
    if (box === undefined) continue;
    const [minX, minY, maxX, maxY] = box;
    for (let x = cell(minX - pad); x <= cell(maxX + pad); x++) {
      for (let y = cell(minY - pad); y <= cell(maxY + pad); y++) {
        const key = y * n + x;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push([x, y]);
      }
    }
  }
  return out;
}

function* sliceGroup(
  index: GeoJSONVT,
  start: Array<[number, number]>,
  fromZoom: number,
  toZoom: number,
  keeper: SmallPolygonKeeper | undefined,
  zoomTolerance: (z: number) => number,
  pointZoom: WeakMap<object, number> | undefined,
): Generator<SlicedTile> {
  const cache = (index as unknown as InternalIndex).tileIndex?.tiles;
  let candidates = start;
  for (let z = fromZoom; z <= toZoom && candidates.length > 0; z++) {
    const patches = keeper?.patches(z, zoomTolerance(z)) ?? new Map<number, Patch>();
    const ordered = candidates.map(([x, y]) => ({ x, y, tileId: zxyToTileId(z, x, y), visit: true }));
    const visited = new Set(ordered.map((t) => t.tileId));
    for (const [tileId, patch] of patches) {
      if (!visited.has(tileId)) ordered.push({ x: patch.x, y: patch.y, tileId, visit: false });
    }
    ordered.sort((a, b) => a.tileId - b.tileId);
    const next: Array<[number, number]> = [];
    for (const { x, y, tileId, visit } of ordered) {
      const tile = visit
        ? (index.getTile(z, x, y) as (GeoJSONVTTile & { numFeatures?: number }) | null)
        : null;
      if (tile && (tile.numFeatures ?? tile.features.length) > 0) next.push([x, y]);
      // The last zoom has no children, so its clipped source geometry can go at once.
      if (tile && z === toZoom) tile.source = null;
      const patch = patches.get(tileId);
      const all: GeoJSONVTFeature[] =
        patch && keeper ? keeper.apply(tile?.features ?? [], patch) : (tile?.features ?? []);
      const features = pointZoom ? all.filter((f) => z >= (pointZoom.get(f.tags as object) ?? 0)) : all;
      if (features.length > 0) {
        // A copy goes out, so the cached tile can drop its features once they are consumed.
        const out = { ...(tile ?? { x, y, z, transformed: true, source: null }), features } as GeoJSONVTTile;
        yield { z, x, y, tileId, tile: out };
      }
      // Children are cut from the source geometry, never from the transformed features.
      if (tile) tile.features = [];
    }
    // Shallower tiles were only needed to split zoom z: drop them so memory holds about two zooms.
    if (cache) releaseBelow(cache, z === toZoom ? z + 1 : z);
    candidates = childrenOf(next);
  }
}

/**
 * The first zoom at which each point feature is drawn, keyed by its properties object (the
 * `tags` geojson-vt hands back). Point k (0-based, in Hilbert order of its position) is kept at
 * zoom z below the base when k is a multiple of `round(rate^(base - z))`, or was kept at a
 * shallower zoom.
 */
function pointMinZooms(
  features: readonly TileFeature[],
  boxes: ReadonlyArray<Box | undefined>,
  thinning: PointThinning,
): WeakMap<object, number> {
  const { baseZoom } = thinning;
  const rate = thinning.rate ?? 2.5;
  if (!Number.isInteger(baseZoom) || baseZoom < 0)
    throw new Error(`pointThinning.baseZoom must be an integer ≥ 0 (got ${baseZoom})`);
  if (!Number.isFinite(rate) || rate <= 1)
    throw new Error(`pointThinning.rate must be a number > 1 (got ${rate})`);
  const grid = 2 ** 16;
  const points: Array<{ tags: object; key: number; index: number }> = [];
  features.forEach((f, index) => {
    const box = boxes[index];
    if (box === undefined || (f.geometry.type !== "Point" && f.geometry.type !== "MultiPoint")) return;
    const cell = (v: number): number => Math.min(grid - 1, Math.max(0, Math.floor(v * grid)));
    points.push({ tags: f.properties, key: zxyToTileId(16, cell(box[0]), cell(box[1])), index });
  });
  points.sort((a, b) => a.key - b.key || a.index - b.index);
  const out = new WeakMap<object, number>();
  points.forEach(({ tags }, k) => {
    let first = baseZoom;
    for (let z = 0; z < baseZoom; z++) {
      if (k % Math.round(rate ** (baseZoom - z)) === 0) {
        first = z;
        break;
      }
    }
    out.set(tags, first);
  });
  return out;
}

function childrenOf(parents: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [x, y] of parents) {
    out.push([2 * x, 2 * y], [2 * x + 1, 2 * y], [2 * x, 2 * y + 1], [2 * x + 1, 2 * y + 1]);
  }
  return out;
}

/** geojson-vt keys its cache by `((2^z * y + x) * 32 + z)`, so the zoom is the key mod 32. */
function releaseBelow(cache: Record<string, unknown>, z: number): void {
  for (const key of Object.keys(cache)) if (Number(key) % 32 < z) delete cache[key];
}

type Ring = Array<[number, number]>;

/** Small polygons to add to one tile: feature indices and their stand-in rings. */
interface Patch {
  x: number;
  y: number;
  items: Array<{ index: number; ring: Ring }>;
}

/**
 * Puts back polygon features that simplification would remove from a whole zoom. geojson-vt
 * drops a ring when its area, measured once on the whole unclipped ring, is under the squared
 * tolerance of the zoom, and never simplifies at `maxZoom`; so which features vanish at a zoom
 * is known before slicing it, and tiles can still stream in order.
 */
class SmallPolygonKeeper {
  readonly #order = new Map<object, number>();
  readonly #tags: ReadonlyArray<TileFeature["properties"]>;
  /** Largest ring area as geojson-vt computes it, per feature; undefined for non-polygons. */
  readonly #areas: Array<number | undefined>;
  readonly #boxes: ReadonlyArray<Box | undefined>;
  readonly #extent: number;
  readonly #maxZoom: number;

  constructor(
    features: readonly TileFeature[],
    boxes: ReadonlyArray<Box | undefined>,
    extent: number,
    maxZoom: number,
  ) {
    this.#boxes = boxes;
    this.#tags = features.map((f) => f.properties);
    this.#extent = extent;
    this.#maxZoom = maxZoom;
    this.#areas = features.map((f, i) => {
      this.#order.set(f.properties, i);
      return largestRingArea(f.geometry);
    });
  }

  /** Stand-ins for the features that vanish at zoom z, keyed by the tile holding their centre. */
  patches(z: number, tolerance: number): Map<number, Patch> {
    const patches = new Map<number, Patch>();
    if (tolerance === 0 || z === this.#maxZoom) return patches;
    const zoomTolerance = tolerance / (2 ** z * this.#extent);
    const sqTolerance = zoomTolerance * zoomTolerance;
    const n = 2 ** z;
    this.#areas.forEach((area, index) => {
      const box = this.#boxes[index];
      if (area === undefined || box === undefined || area >= sqTolerance) return;
      const [minX, minY, maxX, maxY] = box;
      const x = Math.min(n - 1, Math.max(0, Math.floor(((minX + maxX) / 2) * n)));
      const y = Math.min(n - 1, Math.max(0, Math.floor(((minY + maxY) / 2) * n)));
      const toTile = (v: number, t: number): number => (v * n - t) * this.#extent;
      const x0 = Math.floor(toTile(minX, x));
      const y0 = Math.floor(toTile(minY, y));
      const x1 = Math.max(x0 + 1, Math.ceil(toTile(maxX, x)));
      const y1 = Math.max(y0 + 1, Math.ceil(toTile(maxY, y)));
      // Clockwise with y pointing down: an exterior ring in MVT.
      const ring: Ring = [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ];
      const tileId = zxyToTileId(z, x, y);
      const patch = patches.get(tileId) ?? { x, y, items: [] };
      patch.items.push({ index, ring });
      patches.set(tileId, patch);
    });
    return patches;
  }

  /** The tile's features plus the patch's stand-ins, in input order. */
  apply(features: readonly GeoJSONVTFeature[], patch: Patch): GeoJSONVTFeature[] {
    const added: GeoJSONVTFeature[] = patch.items.map(({ index, ring }) => ({
      type: 3,
      tags: this.#tags[index] ?? null,
      geometry: [ring],
    }));
    const rank = (f: GeoJSONVTFeature): number => this.#order.get(f.tags as object) ?? -1;
    return [...features, ...added].sort((a, b) => rank(a) - rank(b));
  }
}

/**
 * The largest ring area of a polygon feature in the projected unit square, computed exactly as
 * geojson-vt's convert step does (same projection, same summation order), so the comparison
 * with its tolerance agrees to the last bit.
 */
function largestRingArea(geometry: Geometry): number | undefined {
  const rings =
    geometry.type === "Polygon"
      ? geometry.coordinates
      : geometry.type === "MultiPolygon"
        ? geometry.coordinates.flat()
        : undefined;
  if (rings === undefined) return undefined;
  let largest = 0;
  for (const ring of rings) {
    let size = 0;
    let x0 = 0;
    let y0 = 0;
    ring.forEach((p, j) => {
      const x = projectX(p[0]!);
      const y = projectY(p[1]!);
      if (j > 0) size += (x0 * y - x * y0) / 2;
      x0 = x;
      y0 = y;
    });
    largest = Math.max(largest, Math.abs(size));
  }
  return largest;
}

function projectX(lon: number): number {
  return lon / 360 + 0.5;
}

function projectY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return Math.min(1, Math.max(0, y));
}

/** [minX, minY, maxX, maxY] in Web Mercator unit-square coordinates, y down. */
type Box = [number, number, number, number];

/** Bounding box of every position, projected as geojson-vt projects (latitude clamped to the square). */
function mercatorBox(geometry: Geometry): Box | undefined {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (p: Position): void => {
    const [lon, lat] = p;
    if (lon === undefined || lat === undefined) return;
    const x = projectX(lon);
    const y = projectY(lat);
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
  };
  const walk = (g: Geometry): void => {
    switch (g.type) {
      case "Point":
        visit(g.coordinates);
        break;
      case "MultiPoint":
      case "LineString":
        g.coordinates.forEach(visit);
        break;
      case "MultiLineString":
      case "Polygon":
        for (const line of g.coordinates) line.forEach(visit);
        break;
      case "MultiPolygon":
        for (const polygon of g.coordinates) for (const ring of polygon) ring.forEach(visit);
        break;
      case "GeometryCollection":
        g.geometries.forEach(walk);
        break;
    }
  };
  walk(geometry);
  return box[0] <= box[2] ? box : undefined;
}
