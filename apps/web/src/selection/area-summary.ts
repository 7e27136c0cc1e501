import { CATEGORY_IDS, type CategoryId, type TableRow } from "../table/table-model.ts";

/** The area summary of web.md §4.4, from the tract table: whole tracts, no area weighting. */
export interface AreaSummary {
  tracts: number;
  identified: number;
  grandfathered: number;
  /** Tracts overlapping tribal land or Alaska Native Villages. */
  tribalOverlap: number;
  /** Total population of the tracts whose population is published. */
  population: number;
  /** Population of the identified tracts among them. */
  identifiedPopulation: number;
  /** Tracts whose population is not published: left out of both sums and named. */
  unknownPopulation: string[];
  /** Tracts meeting each category. */
  categories: Record<CategoryId, number>;
  /** Tracts identified in the earlier version, counting only tracts that existed in it. */
  identifiedEarlier: number;
  /** Tracts the earlier version can be compared on (`identifiedEarlier` not null). */
  comparable: number;
}

/** Sums the summary over `rows`; a tract listed twice counts once. */
export function areaSummary(rows: readonly TableRow[]): AreaSummary {
  const s: AreaSummary = {
    tracts: 0,
    identified: 0,
    grandfathered: 0,
    tribalOverlap: 0,
    population: 0,
    identifiedPopulation: 0,
    unknownPopulation: [],
    categories: Object.fromEntries(CATEGORY_IDS.map((c) => [c, 0])) as Record<CategoryId, number>,
    identifiedEarlier: 0,
    comparable: 0,
  };
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.geoid)) continue;
    seen.add(r.geoid);
    s.tracts++;
    if (r.identified) s.identified++;
    if (r.grandfathered === true) s.grandfathered++;
    if ((r.tribalShare ?? 0) > 0 || (r.alaskaTribalAreas ?? 0) > 0) s.tribalOverlap++;
    if (r.population === null) s.unknownPopulation.push(r.geoid);
    else {
      s.population += r.population;
      if (r.identified) s.identifiedPopulation += r.population;
    }
    for (const c of CATEGORY_IDS) if (r.categories[c]) s.categories[c]++;
    if (r.identifiedEarlier !== null) {
      s.comparable++;
      if (r.identifiedEarlier) s.identifiedEarlier++;
    }
  }
  return s;
}

/** `k / n` as a fraction for a percent format; 0 when `n` is 0 rather than NaN. */
export const share = (k: number, n: number): number => (n === 0 ? 0 : k / n);

/** One county of a roll-up. */
export interface CountySummary {
  /** 5-digit state and county code. */
  code: string;
  county: string | null;
  state: string;
  summary: AreaSummary;
}

/**
 * The roll-up by county (web.md §4.4, R2): the summary of each county's tracts among `rows`,
 * in county code order.
 */
export function countyRollup(rows: readonly TableRow[]): CountySummary[] {
  const groups = new Map<string, TableRow[]>();
  for (const r of rows) {
    const code = r.geoid.slice(0, 5);
    const g = groups.get(code);
    if (g) g.push(r);
    else groups.set(code, [r]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, g]) => ({
      code,
      county: (g[0] as TableRow).county,
      state: (g[0] as TableRow).stateName,
      summary: areaSummary(g),
    }));
}
