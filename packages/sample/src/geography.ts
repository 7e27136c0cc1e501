import { type County, CountyIndex, loadCounties } from "./counties.ts";
import { hashString, Rng, rngFor, unitFromHash } from "./prng.ts";
import { type GridGroup, layGroupGrid } from "./tract-grid.ts";

/** The areas the methodology distinguishes (methodology.md §1.2). */
export type Area = "nation" | "PR" | "AS" | "GU" | "MP" | "VI";

/** The national tract counts per area (methodology.md §1.2) that `--tracts` scales. */
export const NATIONAL_COUNTS: Readonly<Record<Area, number>> = {
  nation: 73057,
  PR: 945,
  AS: 18,
  GU: 57,
  MP: 25,
  VI: 32,
};
const NATIONAL_TOTAL = 74134;

/** Counties of the default sample and their weight (about their real 2010 tract count). */
export const DEFAULT_COUNTIES: Readonly<Record<string, number>> = {
  // Maryland: a dense city, its suburbs, two rural Appalachian counties.
  "24510": 200,
  "24005": 214,
  "24001": 23,
  "24023": 9,
  "11001": 179, // District of Columbia
  // West Virginia coal counties (abandoned mines).
  "54005": 8,
  "54045": 14,
  // Illinois: a college town and two rural counties on the Ohio river.
  "17019": 43,
  "17151": 2,
  "17069": 2,
  // Texas: the Rio Grande valley on the Gulf coast (water-only tracts).
  "48061": 86,
  "48215": 113,
  "48489": 5,
  // Arizona: counties with large tribal lands.
  "04001": 16,
  "04017": 26,
  "04005": 28,
  // California: a dense coastal city and a tiny mountain county.
  "06075": 197,
  "06081": 158,
  "06003": 1,
  // Alaska: Annette Island lies in Ketchikan Gateway.
  "02130": 4,
  "02198": 4,
  // Puerto Rico: San Juan metro and two rural municipios.
  "72127": 110,
  "72021": 50,
  "72061": 25,
  "72141": 10,
  "72147": 2,
};

/** The most tracts a sample may have: the score rejects larger tables (methodology.md §2.2). */
export const MAX_TRACTS = 74160;

const ISLAND_WATER_SHARE = 0.04;

/** Below this many tracts the default counties are used; above it, counties of every state. */
export const DEFAULT_MAX_TRACTS = 4000;

const ISLAND_PREFIX: Readonly<Record<string, Area>> = {
  "60": "AS",
  "66": "GU",
  "69": "MP",
  "72": "PR",
  "78": "VI",
};

/** The area of a GEOID or FIPS code by its state prefix. */
export function areaOf(code: string): Area {
  return ISLAND_PREFIX[code.slice(0, 2)] ?? "nation";
}

/** One synthetic tract. */
export interface Tract {
  index: number;
  geoid: string;
  area: Area;
  state: string;
  county: County;
  /** 0 (coarse, rural) to 5 (dense, urban): the county's density level. */
  density: number;
  water: boolean;
  ring: [number, number][];
  /** [west, south, east, north]. */
  bbox: [number, number, number, number];
  centre: [number, number];
  /** Size of the tract's cell in degrees (its local scale). */
  cellDeg: number;
  aland: number;
  awater: number;
  /** Indices of touching tracts, ascending. */
  neighbours: number[];
}

const EARTH_RADIUS = 6371008.8;

function rectArea(w: number, s: number, e: number, n: number): number {
  const rad = Math.PI / 180;
  return EARTH_RADIUS ** 2 * (e - w) * rad * Math.abs(Math.sin(n * rad) - Math.sin(s * rad));
}

/** Chooses counties, lays the grids and names the tracts. Tracts come back sorted by GEOID. */
export function buildGeography(options: { tracts: number; seed: number; waterShare?: number }): Tract[] {
  const { tracts, seed } = options;
  const waterShare = options.waterShare ?? 0.005;
  const all = loadCounties();
  const index = new CountyIndex(all);
  const national = tracts > DEFAULT_MAX_TRACTS;
  const targets: Record<Area, number> = { nation: 0, PR: 0, AS: 0, GU: 0, MP: 0, VI: 0 };
  for (const a of ["AS", "GU", "MP", "VI"] as const)
    targets[a] = Math.max(5, Math.round((tracts * NATIONAL_COUNTS[a]) / NATIONAL_TOTAL));
  targets.PR = Math.max(40, Math.round((tracts * NATIONAL_COUNTS.PR) / NATIONAL_TOTAL));
  targets.nation = Math.max(10, tracts - targets.PR - targets.AS - targets.GU - targets.MP - targets.VI);

  const keepShare = Math.min(1, tracts / NATIONAL_TOTAL);
  const weights = new Map<string, number>();
  for (const c of all) {
    const area = areaOf(c.fips);
    const fixed = DEFAULT_COUNTIES[c.fips];
    if (area === "AS" || area === "GU" || area === "MP" || area === "VI") weights.set(c.fips, 1);
    else if (!national) {
      if (fixed !== undefined) weights.set(c.fips, fixed);
    } else {
      const h = hashString(`${seed}:county:${c.fips}`);
      if (fixed === undefined && unitFromHash(h) >= keepShare) continue;
      const rng = rngFor(seed, "county-weight", c.fips);
      weights.set(c.fips, Math.exp(1.3 * rng.normal()) * Math.max(c.areaDeg2, 1e-4) ** 0.2);
    }
  }

  const groups: GridGroup[] = [];
  for (const area of ["nation", "PR", "AS", "GU", "MP", "VI"] as const) {
    const members = all.filter((c) => weights.has(c.fips) && areaOf(c.fips) === area);
    if (members.length === 0) continue;
    const density = members.map((c) => weights.get(c.fips)! / Math.max(c.areaDeg2, 1e-6));
    const sorted = [...density].sort((a, b) => a - b);
    const low = sorted[Math.floor(sorted.length * 0.1)]!;
    const counties = new Map<string, { county: County; level: number }>();
    members.forEach((c, i) => {
      const level =
        area === "nation" || area === "PR"
          ? Math.max(0, Math.min(7, Math.round(Math.log(density[i]! / low) / Math.log(4))))
          : 0;
      counties.set(c.fips, { county: c, level });
    });
    // Water-only cells come on top of the land cells the grid is sized for.
    const share = area === "nation" || area === "PR" ? waterShare : ISLAND_WATER_SHARE;
    groups.push({ name: area, counties, target: Math.round(targets[area] / (1 + share)) });
  }

  const out: Tract[] = [];
  for (const group of groups) {
    const grid = layGroupGrid(
      group,
      index,
      seed,
      group.name === "PR" || group.name === "nation" ? waterShare : ISLAND_WATER_SHARE,
    );
    const base = out.length;
    for (const cell of grid.cells) {
      const area = group.name as Area;
      const total = rectArea(cell.west, cell.south, cell.east, cell.north);
      let awater = 0;
      if (cell.water) awater = total;
      else {
        const r = rngFor(seed, "water-share", `${cell.county.fips}:${cell.x}:${cell.y}`);
        const u = r.next();
        const share = u < 0.7 ? 0 : u < 0.95 ? r.next() * 0.05 : r.next() * 0.6;
        awater = total * share;
      }
      out.push({
        index: base + cell.id,
        geoid: "",
        area,
        state: cell.county.fips.slice(0, 2),
        county: cell.county,
        density: group.counties.get(cell.county.fips)?.level ?? 0,
        water: cell.water,
        ring: cell.ring,
        bbox: [cell.west, cell.south, cell.east, cell.north],
        centre: [(cell.west + cell.east) / 2, (cell.south + cell.north) / 2],
        cellDeg: cell.east - cell.west,
        aland: cell.water ? 0 : Math.round(total - awater),
        awater: Math.round(awater),
        neighbours: cell.neighbours.map((n) => base + n),
      });
    }
  }

  // The score rejects tables of more than MAX_TRACTS rows (methodology.md §2.2): should the
  // grid overshoot, drop water-only tracts first, then random land tracts of the states.
  const dropped = new Set<number>();
  if (out.length > MAX_TRACTS) {
    const rng = new Rng(hashString(`${seed}:trim`));
    const water = out.filter((t) => t.water && t.area === "nation");
    const land = out.filter((t) => !t.water && t.area === "nation");
    for (const pool of [water, land])
      while (out.length - dropped.size > MAX_TRACTS && pool.length > 0) {
        const k = rng.int(pool.length);
        dropped.add(pool[k]!.index);
        pool[k] = pool[pool.length - 1]!;
        pool.pop();
      }
  }
  const kept = dropped.size === 0 ? out : out.filter((t) => !dropped.has(t.index));

  // Tract codes per county, in the grid's north-to-south order.
  const byCounty = new Map<string, Tract[]>();
  for (const t of kept) {
    const list = byCounty.get(t.county.fips);
    if (list) list.push(t);
    else byCounty.set(t.county.fips, [t]);
  }
  for (const [fips, list] of byCounty) {
    const island = ["AS", "GU", "MP", "VI"].includes(areaOf(fips));
    const rng = new Rng(hashString(`${seed}:codes:${fips}`));
    let code = island ? 950100 : 100;
    let water = 990000;
    for (let i = 0; i < list.length; i++) {
      const t = list[i]!;
      if (t.water) {
        t.geoid = `${fips}${String(water++).padStart(6, "0")}`;
        continue;
      }
      if (code >= 989900)
        throw new Error(`county ${fips} has too many tracts for 6-digit codes (got ${list.length})`);
      const next = list[i + 1];
      if (next && !next.water && rng.chance(0.08)) {
        // A split tract: two codes sharing a base, as real tracts split after a census.
        t.geoid = `${fips}${String(code + 1).padStart(6, "0")}`;
        next.geoid = `${fips}${String(code + 2).padStart(6, "0")}`;
        i++;
      } else t.geoid = `${fips}${String(code).padStart(6, "0")}`;
      code += 100;
    }
  }
  const order = [...kept].sort((a, b) => (a.geoid < b.geoid ? -1 : a.geoid > b.geoid ? 1 : 0));
  const remap = new Map<number, number>();
  order.forEach((t, i) => {
    remap.set(t.index, i);
  });
  for (const t of order) {
    t.index = remap.get(t.index)!;
    t.neighbours = t.neighbours
      .filter((n) => !dropped.has(n))
      .map((n) => remap.get(n)!)
      .sort((a, b) => a - b);
  }
  return order;
}
