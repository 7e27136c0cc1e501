import type { Cell } from "./score-table.ts";

/** A feature of `usa-low.json`: the single property `SCORE`. */
export interface LowFeature {
  type: "Feature";
  properties: { SCORE: number };
  geometry: { type: string; coordinates: unknown } | null;
}

/** What {@link lowZoomFeatures} decided, for the build's report. */
export interface LowZoomSummary {
  buckets: number;
  bucketSize: number;
  keptTracts: number;
  bucketedTracts: number;
  /** Set when every tract sits in a small prefix, so nothing is bucketed. */
  warning?: string;
}

const KEEP_LIMIT = 150;

function polygonsOf(geometry: {
  type: string;
  coordinates: unknown;
}): { type: "Polygon"; coordinates: unknown }[] {
  if (geometry.type === "Polygon") return [{ type: "Polygon", coordinates: geometry.coordinates }];
  if (geometry.type === "MultiPolygon")
    return (geometry.coordinates as unknown[]).map((c) => ({ type: "Polygon" as const, coordinates: c }));
  throw new Error(`tract geometry must be a Polygon or MultiPolygon (got ${geometry.type})`);
}

/**
 * The low-zoom features (artifacts.md §2.4). Prefixes with 150 tracts or fewer keep one
 * feature per tract with `SCORE` = `SN_C` (0/1). The other tracts are sorted by `SCORE`, ties
 * by GEOID, and cut into buckets (10 to start, more while `d mod size > 200`); each bucket's
 * `SCORE` is its mean over all its rows, rounded to 2 decimals, and every polygon of its
 * tracts becomes a single-Polygon feature carrying it. The polygons of a bucket are not
 * merged into their union: the map only fills by `SCORE`, so the picture is the same.
 */
export function lowZoomFeatures(
  geoids: readonly string[],
  snC: readonly Cell[],
  geometryOf: (geoid: string) => { type: string; coordinates: unknown } | null,
): { features: LowFeature[]; summary: LowZoomSummary } {
  const prefixCount = new Map<string, number>();
  for (const g of geoids) prefixCount.set(g.slice(0, 2), (prefixCount.get(g.slice(0, 2)) ?? 0) + 1);
  const rows = geoids.map((g, i) => ({ geoid: g, score: snC[i] === true ? 1 : 0 }));
  const kept = rows.filter((r) => (prefixCount.get(r.geoid.slice(0, 2)) ?? 0) <= KEEP_LIMIT);
  const rest = rows
    .filter((r) => (prefixCount.get(r.geoid.slice(0, 2)) ?? 0) > KEEP_LIMIT)
    .sort((a, b) => a.score - b.score || (a.geoid < b.geoid ? -1 : a.geoid > b.geoid ? 1 : 0));
  const features: LowFeature[] = [];
  let buckets = 0;
  let size = 0;
  if (rest.length > 0) {
    const n = rest.length;
    const d = rest.filter((r) => r.score === 1).length;
    buckets = 10;
    size = Math.ceil(n / buckets);
    while (d % size > 200) {
      buckets++;
      size = Math.ceil(n / buckets);
    }
    for (let start = 0; start < n; start += size) {
      const members = rest.slice(start, start + size);
      const mean = members.reduce((s, r) => s + r.score, 0) / members.length;
      const score = Math.round(mean * 100) / 100;
      for (const m of members) {
        const geometry = geometryOf(m.geoid);
        if (geometry === null) continue;
        for (const polygon of polygonsOf(geometry))
          features.push({ type: "Feature", properties: { SCORE: score }, geometry: polygon });
      }
    }
  }
  for (const k of kept)
    features.push({ type: "Feature", properties: { SCORE: k.score }, geometry: geometryOf(k.geoid) });
  const summary: LowZoomSummary = {
    buckets,
    bucketSize: size,
    keptTracts: kept.length,
    bucketedTracts: rest.length,
  };
  if (rest.length === 0)
    summary.warning = `every prefix has ${KEEP_LIMIT} tracts or fewer, so the low-zoom layer keeps one feature per tract`;
  return { features, summary };
}
