import type { County, CountyIndex } from "./counties.ts";
import { Rng } from "./prng.ts";

/** Finest quadtree level: a root cell splits into at most 2^6 × 2^6 cells. */
export const MAX_LEVEL = 8;
const FINE = 1 << MAX_LEVEL;

/** One group of counties sharing one grid (the nation, Puerto Rico, one island area). */
export interface GridGroup {
  name: string;
  /** Counties of the group with their density level (0 = coarsest cells). */
  counties: ReadonlyMap<string, { county: County; level: number }>;
  /** Land tracts wanted. */
  target: number;
}

/** A quadtree leaf that became a tract. */
export interface GridCell {
  /** Index in the built cell list. */
  id: number;
  county: County;
  water: boolean;
  /** South-west corner and size in fine units of the group grid. */
  x: number;
  y: number;
  size: number;
  /** Lon/lat of the corners. */
  west: number;
  south: number;
  east: number;
  north: number;
  /** Closed exterior ring, counter-clockwise, with every vertex a neighbour puts on an edge. */
  ring: [number, number][];
  /** Ids of cells sharing at least one boundary point (queen contiguity), ascending. */
  neighbours: number[];
}

interface Leaf {
  level: number;
  x: number;
  y: number;
  kind: "tract" | "water" | "empty";
  county?: County;
  cellId?: number;
}

/** Result of laying one group's grid. */
export interface GroupGrid {
  group: string;
  step: number;
  cells: GridCell[];
}

const key = (level: number, i: number, j: number) => (level * 4194304 + i) * 4194304 + j;

/** Lays a quadtree grid for one step and returns its leaves. */
function buildLeaves(
  group: GridGroup,
  index: CountyIndex,
  origin: [number, number],
  step: number,
  extent: [number, number],
): Leaf[] {
  const unit = step / FINE;
  const leaves: Leaf[] = [];
  const entryLevel = (c: County) => group.counties.get(c.fips)?.level ?? 0;
  const groupLevel = (c: County) => group.counties.get(c.fips)?.level ?? -1;
  const visit = (level: number, x: number, y: number) => {
    const size = FINE >> level;
    const w = origin[0] + x * unit;
    const s = origin[1] + y * unit;
    const e = origin[0] + (x + size) * unit;
    const n = origin[1] + (y + size) * unit;
    const need = index.maxIntersecting(w, s, e, n, groupLevel);
    if (need < 0) return; // nothing of this group near: leave a hole
    const split = () => {
      const half = size >> 1;
      visit(level + 1, x, y);
      visit(level + 1, x + half, y);
      visit(level + 1, x, y + half);
      visit(level + 1, x + half, y + half);
    };
    if (level < need) return split();
    const cx = (w + e) / 2;
    const cy = (s + n) / 2;
    const at = index.locate(cx, cy);
    if (at) {
      const entry = group.counties.get(at.fips);
      if (!entry) return leaves.push({ level, x, y, kind: "empty" }) && undefined;
      const [bw, bs, be, bn] = at.bbox;
      if (w >= bw && e <= be && s >= bs && n <= bn) {
        leaves.push({ level, x, y, kind: "tract", county: at });
        return;
      }
      // A tract must lie inside its county's bounding box: refine a little where a cell
      // overhangs it (so small counties keep some tracts), then give up on that corner.
      if (level < Math.min(MAX_LEVEL, entryLevel(at) + 2)) return split();
      leaves.push({ level, x, y, kind: "empty" });
      return;
    }
    leaves.push({ level, x, y, kind: "water" });
  };
  for (let i = 0; i < extent[0]; i++) for (let j = 0; j < extent[1]; j++) visit(0, i * FINE, j * FINE);
  return leaves;
}

function groupBBox(group: GridGroup): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const { county } of group.counties.values()) {
    w = Math.min(w, county.bbox[0]);
    s = Math.min(s, county.bbox[1]);
    e = Math.max(e, county.bbox[2]);
    n = Math.max(n, county.bbox[3]);
  }
  return [w, s, e, n];
}

/**
 * Lays the grid of one group: finds a root step giving about `group.target` land tracts
 * (cell counts scale with 1/step², so a few proportional corrections converge), then turns
 * leaves into tract cells with exact shared edges and their neighbour lists. Up to
 * `waterShare` of the land count is added as water-only cells from leaves beside the coast.
 */
export function layGroupGrid(
  group: GridGroup,
  index: CountyIndex,
  seed: number,
  waterShare: number,
): GroupGrid {
  const [w, s, e, n] = groupBBox(group);
  let weighted = 0;
  for (const { county, level } of group.counties.values()) weighted += county.areaDeg2 * 4 ** level;
  let step = Math.sqrt(weighted / Math.max(group.target, 1));
  let best: { step: number; leaves: Leaf[]; err: number } | undefined;
  // Small groups are cheap to lay out again, and their counts jump more between steps.
  const iterations = group.target < 2000 ? 30 : 10;
  for (let iter = 0; iter < iterations; iter++) {
    const origin: [number, number] = [Math.floor(w / step) * step, Math.floor(s / step) * step];
    const extent: [number, number] = [Math.ceil((e - origin[0]) / step), Math.ceil((n - origin[1]) / step)];
    const leaves = buildLeaves(group, index, origin, step, extent);
    const count = leaves.reduce((k, l) => k + (l.kind === "tract" ? 1 : 0), 0);
    // Overshooting costs more than falling short: the score accepts at most 74,160 tracts.
    const overshoot = group.name === "nation" ? 3 : 1.5;
    const err = count <= group.target ? group.target - count : overshoot * (count - group.target);
    if (!best || err < best.err) best = { step, leaves, err };
    if (count <= group.target && err <= Math.max(1, group.target * 0.006)) break;
    step *= Math.sqrt(Math.max(count, 1) / group.target) ** (iter < 4 ? 1 : iter < 12 ? 0.5 : 0.25);
  }
  const chosen = best!;
  return {
    group: group.name,
    step: chosen.step,
    cells: toCells(chosen.leaves, chosen.step, [w, s], seed, waterShare),
  };
}

function toCells(
  leaves: Leaf[],
  step: number,
  sw: [number, number],
  seed: number,
  waterShare: number,
): GridCell[] {
  const origin: [number, number] = [Math.floor(sw[0] / step) * step, Math.floor(sw[1] / step) * step];
  const unit = step / FINE;
  const byKey = new Map<number, Leaf>();
  for (const l of leaves)
    byKey.set(key(l.level, l.x >> (MAX_LEVEL - l.level), l.y >> (MAX_LEVEL - l.level)), l);
  const find = (fx: number, fy: number): Leaf | undefined => {
    if (fx < 0 || fy < 0) return undefined;
    for (let level = 0; level <= MAX_LEVEL; level++) {
      const l = byKey.get(key(level, fx >> (MAX_LEVEL - level), fy >> (MAX_LEVEL - level)));
      if (l) return l;
    }
    return undefined;
  };
  const lon = (fx: number) => Math.round((origin[0] + fx * unit) * 1e7) / 1e7;
  const lat = (fy: number) => Math.round((origin[1] + fy * unit) * 1e7) / 1e7;

  // Which water leaves to keep: those touching a land tract of a county whose bbox holds them.
  const touching = (l: Leaf): Leaf[] => {
    const size = FINE >> l.level;
    const out: Leaf[] = [];
    const seen = new Set<Leaf>();
    const add = (m: Leaf | undefined) => {
      if (m && !seen.has(m)) {
        seen.add(m);
        out.push(m);
      }
    };
    for (let t = l.x - 1; t <= l.x + size; ) {
      const m = find(t, l.y - 1);
      add(m);
      t = m ? Math.max(t + 1, m.x + (FINE >> m.level)) : t + 1;
    }
    for (let t = l.y; t <= l.y + size; ) {
      const m = find(l.x + size, t);
      add(m);
      t = m ? Math.max(t + 1, m.y + (FINE >> m.level)) : t + 1;
    }
    for (let t = l.x - 1; t <= l.x + size; ) {
      const m = find(t, l.y + size);
      add(m);
      t = m ? Math.max(t + 1, m.x + (FINE >> m.level)) : t + 1;
    }
    for (let t = l.y; t < l.y + size; ) {
      const m = find(l.x - 1, t);
      add(m);
      t = m ? Math.max(t + 1, m.y + (FINE >> m.level)) : t + 1;
    }
    return out;
  };

  const land = leaves.filter((l) => l.kind === "tract");
  const waterCandidates: { leaf: Leaf; county: County }[] = [];
  for (const l of leaves) {
    if (l.kind !== "water") continue;
    const size = FINE >> l.level;
    const w = origin[0] + l.x * unit;
    const s = origin[1] + l.y * unit;
    const e = origin[0] + (l.x + size) * unit;
    const n = origin[1] + (l.y + size) * unit;
    const owner = touching(l).find((m) => {
      if (m.kind !== "tract" || !m.county) return false;
      const [bw, bs, be, bn] = m.county.bbox;
      return w >= bw && e <= be && s >= bs && n <= bn;
    });
    if (owner?.county) waterCandidates.push({ leaf: l, county: owner.county });
  }
  const rng = new Rng(seed ^ 0x3c6ef372);
  for (let i = waterCandidates.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [waterCandidates[i], waterCandidates[j]] = [waterCandidates[j]!, waterCandidates[i]!];
  }
  const wanted = Math.min(waterCandidates.length, Math.max(1, Math.round(land.length * waterShare)));
  const keptWater = new Set<Leaf>();
  const perCounty = new Map<string, number>();
  for (const { leaf, county } of waterCandidates) {
    if (keptWater.size >= wanted) break;
    const k = perCounty.get(county.fips) ?? 0;
    if (k >= 99) continue;
    perCounty.set(county.fips, k + 1);
    leaf.county = county;
    keptWater.add(leaf);
  }
  for (const l of leaves) if (l.kind === "water" && !keptWater.has(l)) l.kind = "empty";

  const kept = leaves.filter((l) => l.kind === "tract" || l.kind === "water");
  // North to south, west to east: the order tract codes follow.
  kept.sort((a, b) => b.y + (FINE >> b.level) - (a.y + (FINE >> a.level)) || a.x - b.x || b.level - a.level);
  kept.forEach((l, i) => {
    l.cellId = i;
  });
  return kept.map((l, id) => {
    const size = FINE >> l.level;
    const x0 = l.x;
    const y0 = l.y;
    const x1 = x0 + size;
    const y1 = y0 + size;
    const nb = touching(l)
      .filter((m) => m.cellId !== undefined)
      .map((m) => m.cellId!)
      .sort((a, b) => a - b);
    // Vertices other leaves put on each edge, so shared edges have identical coordinates.
    const bottom = new Set<number>();
    const right = new Set<number>();
    const top = new Set<number>();
    const left = new Set<number>();
    for (const m of touching(l)) {
      const ms = FINE >> m.level;
      if (m.y + ms === y0 || m.y === y1) {
        const edge = m.y + ms === y0 ? bottom : top;
        for (const t of [m.x, m.x + ms]) if (t > x0 && t < x1) edge.add(t);
      }
      if (m.x === x1 || m.x + ms === x0) {
        const edge = m.x === x1 ? right : left;
        for (const t of [m.y, m.y + ms]) if (t > y0 && t < y1) edge.add(t);
      }
    }
    const ring: [number, number][] = [[lon(x0), lat(y0)]];
    for (const t of [...bottom].sort((a, b) => a - b)) ring.push([lon(t), lat(y0)]);
    ring.push([lon(x1), lat(y0)]);
    for (const t of [...right].sort((a, b) => a - b)) ring.push([lon(x1), lat(t)]);
    ring.push([lon(x1), lat(y1)]);
    for (const t of [...top].sort((a, b) => b - a)) ring.push([lon(t), lat(y1)]);
    ring.push([lon(x0), lat(y1)]);
    for (const t of [...left].sort((a, b) => b - a)) ring.push([lon(x0), lat(t)]);
    ring.push([lon(x0), lat(y0)]);
    return {
      id,
      county: l.county!,
      water: l.kind === "water",
      x: x0,
      y: y0,
      size,
      west: lon(x0),
      south: lat(y0),
      east: lon(x1),
      north: lat(y1),
      ring,
      neighbours: nb,
    };
  });
}
