import { INPUT_COLUMNS } from "../../src/score-columns.ts";
import type { MethodologyVersion, ScoreTableInput } from "../../src/score-table.ts";

/** mulberry32: a small deterministic generator, so synthetic tables are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ISLAND = new Set(["60", "66", "69", "78"]);
const ISLAND_ONLY = (name: string) => / in 2009|territory median income in 2009/.test(name);

/**
 * A national-size synthetic score input: GEOIDs spread over states, PR and the island areas,
 * every numeric column filled with coarse values (so ties occur) and ~5 % missing, island-only
 * columns only on island tracts, tri-state flags, and a neighbour graph linking each tract to
 * the next few in GEOID order (with ~0.5 % water-only tracts).
 */
export function syntheticScoreInput(version: MethodologyVersion, tracts: number, seed = 7): ScoreTableInput {
  const rnd = seededRandom(seed);
  const states = ["01", "06", "12", "24", "36", "48", "72", "60", "66", "69", "78"];
  const ids = new Set<string>();
  while (ids.size < tracts) {
    const s = states[Math.floor(rnd() * states.length)]!;
    ids.add(
      `${s}${String(1 + Math.floor(rnd() * 200)).padStart(3, "0")}${String(Math.floor(rnd() * 999_999)).padStart(6, "0")}`,
    );
  }
  const geoids = [...ids].sort();
  const n = geoids.length;
  const island = geoids.map((g) => ISLAND.has(g.slice(0, 2)));
  const cols = INPUT_COLUMNS[version];
  const numeric = new Map<string, Float64Array>();
  for (const name of cols.numeric) {
    const col = new Float64Array(n);
    const islandOnly = ISLAND_ONLY(name);
    for (let i = 0; i < n; i++) {
      const present = islandOnly ? island[i] : !island[i];
      col[i] = present && rnd() > 0.05 ? Math.round(rnd() * 2000) / 2000 : Number.NaN;
    }
    numeric.set(name, col);
  }
  // Population drives two drop lists; give it realistic magnitudes with some tiny tracts.
  const pop = numeric.get("Total population")!;
  for (let i = 0; i < n; i++)
    if (!Number.isNaN(pop[i]!)) pop[i] = Math.floor(rnd() * 8000) * (rnd() < 0.02 ? 0 : 1);
  const flags = new Map<string, Array<boolean | null>>();
  for (const name of cols.flags)
    flags.set(
      name,
      geoids.map(() => (rnd() < 0.3 ? null : rnd() < 0.1)),
    );
  // The tribal flag follows the share, as the tribal adapter writes it.
  const share = numeric.get("Percent of the Census tract that is within Tribal areas")!;
  flags.set(
    "Identified as disadvantaged due to tribal overlap",
    Array.from(share, (s) => (Number.isNaN(s) ? null : s > 0.995)),
  );
  const offsets = new Uint32Array(n + 1);
  const indices: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const d of [-3, -2, -1, 1, 2, 3]) {
      const j = i + d;
      if (j >= 0 && j < n) indices.push(j);
    }
    offsets[i + 1] = indices.length;
  }
  const aland10 = Float64Array.from(geoids, () => (rnd() < 0.005 ? 0 : 1e6 * (1 + rnd())));
  return {
    version,
    geoids,
    numeric,
    flags,
    text: new Map(),
    neighbours: { offsets, indices: Uint32Array.from(indices) },
    aland10,
  };
}
