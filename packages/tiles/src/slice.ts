import { GeoJSONVT, type GeoJSONVTTile } from "@maplibre/geojson-vt";
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
}

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
    yield* sliceGroup(features, zoom, last, { maxZoom, extent, buffer, tolerance: groupTolerance });
    zoom = last + 1;
  }
}

function* sliceGroup(
  features: readonly TileFeature[],
  fromZoom: number,
  toZoom: number,
  options: { maxZoom: number; extent: number; buffer: number; tolerance: number },
): Generator<SlicedTile> {
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
    for (const { x, y, tileId } of ordered) {
      const tile = index.getTile(z, x, y) as (GeoJSONVTTile & { numFeatures?: number }) | null;
      if (tile === null) continue;
      if ((tile.numFeatures ?? tile.features.length) > 0) next.push([x, y]);
      if (z >= fromZoom && tile.features.length > 0) yield { z, x, y, tileId, tile };
    }
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
