import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { MultiPolygon, Polygon, Position } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";

/** A real county (or county equivalent) from the `us-atlas` package. */
export interface County {
  /** 5-digit FIPS code: state (2) + county (3). */
  fips: string;
  name: string;
  /** Outer and inner rings of every part, lon/lat. */
  rings: Position[][];
  /** [west, south, east, north]. */
  bbox: [number, number, number, number];
  /** Area of the bbox-clipped shape in square degrees (shoelace on lon/lat; only for ratios). */
  areaDeg2: number;
}

let cache: County[] | undefined;

/**
 * Every county of `us-atlas/counties-10m.json` (Census cartographic boundaries at 1:10m,
 * including Puerto Rico and the island areas AS, GU, MP and VI), sorted by FIPS code.
 */
export function loadCounties(): County[] {
  if (cache) return cache;
  const require = createRequire(import.meta.url);
  const path = require.resolve("us-atlas/counties-10m.json");
  const topo = JSON.parse(readFileSync(path, "utf8")) as Topology<{
    counties: GeometryCollection<{ name: string }>;
  }>;
  const fc = feature(topo, topo.objects.counties);
  const out: County[] = [];
  for (const f of fc.features) {
    const g = f.geometry as Polygon | MultiPolygon | null;
    if (!g || f.id === undefined) continue;
    const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    const rings = polys.flat();
    let w = Infinity;
    let s = Infinity;
    let e = -Infinity;
    let n = -Infinity;
    let area = 0;
    for (const ring of rings) {
      let a = 0;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi = 0, yi = 0] = ring[i]!;
        const [xj = 0, yj = 0] = ring[j]!;
        a += (xj - xi) * (yj + yi);
        if (xi < w) w = xi;
        if (xi > e) e = xi;
        if (yi < s) s = yi;
        if (yi > n) n = yi;
      }
      area += a / 2;
    }
    out.push({
      fips: String(f.id),
      name: f.properties?.name ?? String(f.id),
      rings,
      bbox: [w, s, e, n],
      areaDeg2: Math.abs(area),
    });
  }
  out.sort((a, b) => (a.fips < b.fips ? -1 : a.fips > b.fips ? 1 : 0));
  cache = out;
  return out;
}

/** Even–odd point-in-polygon over all rings (holes and parts handled alike). */
export function countyContains(county: County, x: number, y: number): boolean {
  const [w, s, e, n] = county.bbox;
  if (x < w || x > e || y < s || y > n) return false;
  let inside = false;
  for (const ring of county.rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const xi = ring[i]![0]!;
      const yi = ring[i]![1]!;
      const xj = ring[j]![0]!;
      const yj = ring[j]![1]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** A bucket index of county bounding boxes for point look-ups. */
export class CountyIndex {
  readonly counties: readonly County[];
  #buckets = new Map<number, number[]>();
  #cell: number;
  constructor(counties: readonly County[], cellDeg = 1) {
    this.counties = counties;
    this.#cell = cellDeg;
    counties.forEach((c, idx) => {
      const [w, s, e, n] = c.bbox;
      for (let i = Math.floor(w / cellDeg); i <= Math.floor(e / cellDeg); i++)
        for (let j = Math.floor(s / cellDeg); j <= Math.floor(n / cellDeg); j++) {
          const key = i * 100000 + j;
          const list = this.#buckets.get(key);
          if (list) list.push(idx);
          else this.#buckets.set(key, [idx]);
        }
    });
  }
  /** The county containing the point, or undefined. */
  locate(x: number, y: number): County | undefined {
    const key = Math.floor(x / this.#cell) * 100000 + Math.floor(y / this.#cell);
    for (const idx of this.#buckets.get(key) ?? []) {
      const c = this.counties[idx]!;
      if (countyContains(c, x, y)) return c;
    }
    return undefined;
  }
  /**
   * The highest `score` among counties whose bbox intersects the rectangle (`-1` when none
   * scores): `intersecting` without building the list, for the grid's hot loop. A county
   * in several buckets is scored more than once, which the maximum does not mind.
   */
  maxIntersecting(w: number, s: number, e: number, n: number, score: (c: County) => number): number {
    let best = -1;
    for (let i = Math.floor(w / this.#cell); i <= Math.floor(e / this.#cell); i++)
      for (let j = Math.floor(s / this.#cell); j <= Math.floor(n / this.#cell); j++) {
        const list = this.#buckets.get(i * 100000 + j);
        if (list === undefined) continue;
        for (const idx of list) {
          const c = this.counties[idx]!;
          const [cw, cs, ce, cn] = c.bbox;
          if (cw <= e && ce >= w && cs <= n && cn >= s) {
            const v = score(c);
            if (v > best) best = v;
          }
        }
      }
    return best;
  }
  /** Counties whose bbox intersects the rectangle. */
  intersecting(w: number, s: number, e: number, n: number): County[] {
    const seen = new Set<number>();
    const out: County[] = [];
    for (let i = Math.floor(w / this.#cell); i <= Math.floor(e / this.#cell); i++)
      for (let j = Math.floor(s / this.#cell); j <= Math.floor(n / this.#cell); j++)
        for (const idx of this.#buckets.get(i * 100000 + j) ?? []) {
          if (seen.has(idx)) continue;
          seen.add(idx);
          const [cw, cs, ce, cn] = this.counties[idx]!.bbox;
          if (cw <= e && ce >= w && cs <= n && cn >= s) out.push(this.counties[idx]!);
        }
    return out;
  }
}
