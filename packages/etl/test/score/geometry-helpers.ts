import { readFileSync } from "node:fs";
import { segmentsIntersect } from "../../src/score/orient2d.ts";
import { parseTractPolygons, type UniverseGeometry } from "../../src/score/read-tract-polygons.ts";
import type { TractPolygons } from "../../src/score/tract-polygons.ts";

/** Reads a GeoJSON file of tracts with its own GEOIDs, sorted, as the universe. */
export function loadGeometry(path: string): { geoids: string[]; geometry: UniverseGeometry } {
  const text = readFileSync(path, "utf8");
  const doc = JSON.parse(text) as { features: { properties: { GEOID10: string } }[] };
  const geoids = doc.features.map((f) => f.properties.GEOID10).sort();
  const universe = new Map(geoids.map((g, i) => [g, i]));
  return { geoids, geometry: parseTractPolygons(text, path, universe) };
}

/** Neighbour pairs `a–b` (a < b by GEOID) from a CSR graph. */
export function pairsOf(
  geoids: readonly string[],
  g: { offsets: Uint32Array; indices: Uint32Array },
): string[] {
  const pairs: string[] = [];
  for (let t = 0; t < geoids.length; t++)
    for (let k = g.offsets[t] as number; k < (g.offsets[t + 1] as number); k++) {
      const u = g.indices[k] as number;
      if (u > t) pairs.push(`${geoids[t]}-${geoids[u]}`);
    }
  return pairs.sort();
}

/**
 * The obvious quadratic definition, for cross-checking: two tracts touch when any segment
 * of one meets any segment of the other. Only the closed bounding boxes prune the work.
 */
export function bruteForcePairs(geoids: readonly string[], p: TractPolygons): string[] {
  const segs: Float64Array[] = [];
  const boxes: number[][] = [];
  for (let t = 0; t < geoids.length; t++) {
    const list: number[] = [];
    for (let r = p.tractRingOffsets[t] as number; r < (p.tractRingOffsets[t + 1] as number); r++)
      for (let v = p.ringOffsets[r] as number; v < (p.ringOffsets[r + 1] as number) - 1; v++)
        list.push(
          p.coords[2 * v] as number,
          p.coords[2 * v + 1] as number,
          p.coords[2 * v + 2] as number,
          p.coords[2 * v + 3] as number,
        );
    segs.push(Float64Array.from(list));
    const xs = list.filter((_, i) => i % 2 === 0);
    const ys = list.filter((_, i) => i % 2 === 1);
    boxes.push([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
  }
  const pairs: string[] = [];
  for (let a = 0; a < geoids.length; a++)
    for (let b = a + 1; b < geoids.length; b++) {
      const A = boxes[a] as number[];
      const B = boxes[b] as number[];
      if ((A[2] as number) < (B[0] as number) || (B[2] as number) < (A[0] as number)) continue;
      if ((A[3] as number) < (B[1] as number) || (B[3] as number) < (A[1] as number)) continue;
      if (anySegmentsMeet(segs[a] as Float64Array, segs[b] as Float64Array))
        pairs.push(`${geoids[a]}-${geoids[b]}`);
    }
  return pairs.sort();
}

function anySegmentsMeet(s: Float64Array, l: Float64Array): boolean {
  for (let i = 0; i < s.length; i += 4) {
    const x1 = s[i] as number;
    const y1 = s[i + 1] as number;
    const x2 = s[i + 2] as number;
    const y2 = s[i + 3] as number;
    const minX = Math.min(x1, x2);
    const maxX = Math.max(x1, x2);
    const minY = Math.min(y1, y2);
    const maxY = Math.max(y1, y2);
    for (let j = 0; j < l.length; j += 4) {
      const u1 = l[j] as number;
      const v1 = l[j + 1] as number;
      const u2 = l[j + 2] as number;
      const v2 = l[j + 3] as number;
      if ((u1 < minX && u2 < minX) || (u1 > maxX && u2 > maxX)) continue;
      if ((v1 < minY && v2 < minY) || (v1 > maxY && v2 > maxY)) continue;
      if (segmentsIntersect(x1, y1, x2, y2, u1, v1, u2, v2)) return true;
    }
  }
  return false;
}

/**
 * Mean of a flag over each tract's neighbours (methodology.md §11.1), optionally dropping
 * water-only neighbours as 2.0 does; `null` when a tract has none. A test oracle only: the
 * score table itself is computed by `@cejst/methodology`.
 */
export function neighbourAverages(
  g: { offsets: Uint32Array; indices: Uint32Array },
  flags: readonly boolean[],
  aland10?: Float64Array,
): (number | null)[] {
  const out: (number | null)[] = [];
  for (let t = 0; t + 1 < g.offsets.length; t++) {
    let n = 0;
    let yes = 0;
    for (let k = g.offsets[t] as number; k < (g.offsets[t + 1] as number); k++) {
      const u = g.indices[k] as number;
      if (aland10 && aland10[u] === 0) continue;
      n++;
      if (flags[u]) yes++;
    }
    out.push(n === 0 ? null : yes / n);
  }
  return out;
}
