import { GeoJSONVT, type GeoJSONVTFeature, type GeoJSONVTTile } from "@maplibre/geojson-vt";
import type { Geometry } from "geojson";
import type { TileFeature } from "./features.ts";
import { zxyToTileId } from "./tile-id.ts";

/** Geometry simplification, in tile units of a 4096 extent (geojson-vt's `tolerance`). */
export interface Simplification {
  /**
   * Douglas–Peucker tolerance, either one value or one per zoom. geojson-vt scales it to the
   * zoom, and never simplifies at `maxZoom`. Rings smaller than the tolerance vanish at that zoom.
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

/** Zoom range, tile extent and simplification of {@link sliceTiles}. */
export interface SliceOptions extends Simplification {
  minZoom: number;
  maxZoom: number;
  /** @defaultValue 4096 */
  extent?: number;
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
 * take them as they come. Only children of tiles that received some source feature are
 * visited; a tile whose features were all simplified away still leads to its children.
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

  // Zooms sharing one tolerance share one geojson-vt index; a new tolerance needs a new index.
  let zoom = minZoom;
  while (zoom <= maxZoom) {
    const groupTolerance = toleranceAt(zoom);
    if (!Number.isFinite(groupTolerance) || groupTolerance < 0) {
      throw new Error(`tolerance at z${zoom} must be a finite number ≥ 0 (got ${groupTolerance})`);
    }
    let last = zoom;
    while (last < maxZoom && toleranceAt(last + 1) === groupTolerance) last++;
    yield* sliceGroup(
      features,
      zoom,
      last,
      { maxZoom, extent, buffer, tolerance: groupTolerance },
      keepSmall,
    );
    zoom = last + 1;
  }
}

function* sliceGroup(
  features: readonly TileFeature[],
  fromZoom: number,
  toZoom: number,
  options: { maxZoom: number; extent: number; buffer: number; tolerance: number },
  keepSmall: boolean,
): Generator<SlicedTile> {
  const keeper = keepSmall ? new SmallPolygonKeeper(features, options.extent) : undefined;
  const index = new GeoJSONVT(
    { type: "FeatureCollection", features: features as TileFeature[] },
    { ...options, indexMaxZoom: 0, wrap: true },
  );
  const cache = (index as unknown as InternalIndex).tileIndex?.tiles;
  let parents: Array<[number, number]> = [[0, 0]];
  for (let z = 0; z <= toZoom && parents.length > 0; z++) {
    const candidates = z === 0 ? parents : childrenOf(parents);
    const ordered = candidates
      .map(([x, y]) => ({ x, y, tileId: zxyToTileId(z, x, y) }))
      .sort((a, b) => a.tileId - b.tileId);
    const next: Array<[number, number]> = [];
    const emitted: SlicedTile[] = [];
    for (const { x, y, tileId } of ordered) {
      const tile = index.getTile(z, x, y) as (GeoJSONVTTile & { numFeatures?: number }) | null;
      if (tile === null) continue;
      if ((tile.numFeatures ?? tile.features.length) > 0) next.push([x, y]);
      if (z >= fromZoom && tile.features.length > 0) emitted.push({ z, x, y, tileId, tile });
    }
    if (z >= fromZoom) yield* keeper ? keeper.restore(z, emitted) : emitted;
    // Tiles of zoom z-1 were only needed to split zoom z: drop them so memory holds two zooms.
    if (cache && z > 0) releaseZoom(cache, z - 1);
    parents = next;
  }
}

function childrenOf(parents: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [x, y] of parents) {
    out.push([2 * x, 2 * y], [2 * x + 1, 2 * y], [2 * x, 2 * y + 1], [2 * x + 1, 2 * y + 1]);
  }
  return out;
}

/** geojson-vt keys its cache by `((2^z * y + x) * 32 + z)`, so the zoom is the key mod 32. */
function releaseZoom(cache: Record<string, unknown>, z: number): void {
  for (const key of Object.keys(cache)) if (Number(key) % 32 === z) delete cache[key];
}

type Ring = Array<[number, number]>;

/** Finds polygon features that simplification removed from a whole zoom and puts them back. */
class SmallPolygonKeeper {
  readonly #order = new Map<object, number>();
  /** Web Mercator bounding box in the unit square, per feature index; undefined for non-polygons. */
  readonly #boxes: Array<[number, number, number, number] | undefined>;
  readonly #features: readonly TileFeature[];
  readonly #extent: number;

  constructor(features: readonly TileFeature[], extent: number) {
    this.#features = features;
    this.#extent = extent;
    this.#boxes = features.map((f, i) => {
      this.#order.set(f.properties, i);
      return mercatorBox(f.geometry);
    });
  }

  /** Returns the zoom's tiles with missing polygons added, in tile-id order, features in input order. */
  restore(z: number, tiles: SlicedTile[]): SlicedTile[] {
    const present = new Set<number>();
    for (const { tile } of tiles) {
      for (const feature of tile.features) {
        const i = feature.tags ? this.#order.get(feature.tags) : undefined;
        if (i !== undefined) present.add(i);
      }
    }
    if (present.size === this.#features.length) return tiles;
    const byId = new Map(tiles.map((t) => [t.tileId, t]));
    const touched = new Set<SlicedTile>();
    const n = 2 ** z;
    this.#boxes.forEach((box, i) => {
      if (box === undefined || present.has(i)) return;
      const [minX, minY, maxX, maxY] = box;
      const x = Math.min(n - 1, Math.max(0, Math.floor(((minX + maxX) / 2) * n)));
      const y = Math.min(n - 1, Math.max(0, Math.floor(((minY + maxY) / 2) * n)));
      const tileId = zxyToTileId(z, x, y);
      let target = byId.get(tileId);
      if (target === undefined) {
        const tile = { features: [], numPoints: 0, numSimplified: 0, numFeatures: 0, source: null, x, y, z };
        target = { z, x, y, tileId, tile: tile as unknown as GeoJSONVTTile };
        byId.set(tileId, target);
      }
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
      target.tile.features.push({ type: 3, tags: this.#features[i]!.properties, geometry: [ring] });
      touched.add(target);
    });
    for (const { tile } of touched) {
      const rank = (tags: unknown): number => this.#order.get(tags as object) ?? -1;
      (tile.features as GeoJSONVTFeature[]).sort((a, b) => rank(a.tags) - rank(b.tags));
    }
    return [...byId.values()].sort((a, b) => a.tileId - b.tileId);
  }
}

/** Bounding box in Web Mercator unit-square coordinates (y down), as geojson-vt projects. */
function mercatorBox(geometry: Geometry): [number, number, number, number] | undefined {
  const polygons =
    geometry.type === "Polygon"
      ? [geometry.coordinates]
      : geometry.type === "MultiPolygon"
        ? geometry.coordinates
        : geometry.type === "GeometryCollection"
          ? geometry.geometries.flatMap((g) =>
              g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [],
            )
          : [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const polygon of polygons) {
    for (const [lon, lat] of polygon[0] ?? []) {
      if (lon === undefined || lat === undefined) continue;
      const x = lon / 360 + 0.5;
      const sin = Math.sin((lat * Math.PI) / 180);
      const y = Math.min(1, Math.max(0, 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI));
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return minX <= maxX ? [minX, minY, maxX, maxY] : undefined;
}
