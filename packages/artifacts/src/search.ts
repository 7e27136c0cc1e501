import type { ScoreTable } from "./score-table.ts";
import { STATES } from "./states.ts";
import { type BBox, type TractGeometry, unionBBox } from "./tract-geometry.ts";

/**
 * `data/score/search/tracts.json` (artifacts.md §4.1): every TIGER tract, drawn or not,
 * `{"GEOID10","INTPTLAT10","INTPTLON10"}` with the strings as TIGER has them, compact,
 * ascending by id.
 */
export function compatSearchIndex(tracts: ReadonlyMap<string, TractGeometry>): string {
  const ids = [...tracts.keys()].sort();
  const rows = ids.map((id) => {
    const t = tracts.get(id) as TractGeometry;
    return { GEOID10: id, INTPTLAT10: t.lat, INTPTLON10: t.lon };
  });
  return JSON.stringify(rows);
}

/** One row of `api/search/tracts.json`. */
export type SearchTractRow = [
  geoid: string,
  lat: number | null,
  lon: number | null,
  bbox: BBox | null,
  mapped: boolean,
];

/** `api/search/tracts.json` (artifacts.md §4.2). */
export interface SearchTracts {
  label: string;
  columns: ["geoid", "lat", "lon", "bbox", "mapped"];
  rows: SearchTractRow[];
}

/**
 * The improved tract index: every score tract with its point, box and whether it is drawn.
 * A score tract missing from TIGER has no point and is not drawn.
 */
export function searchTracts(
  label: string,
  geoids: readonly string[],
  tracts: ReadonlyMap<string, TractGeometry>,
): SearchTracts {
  return {
    label,
    columns: ["geoid", "lat", "lon", "bbox", "mapped"],
    rows: [...geoids].sort().map((g) => {
      const t = tracts.get(g);
      return [g, t ? Number(t.lat) : null, t ? Number(t.lon) : null, t?.bbox ?? null, t?.mapped ?? false];
    }),
  };
}

/** `api/search/names.json` (artifacts.md §4.2). */
export interface SearchNames {
  label: string;
  states: { fips: string; name: string; abbreviation: string; bbox: BBox | null }[];
  counties: { fips: string; name: string; state: string; bbox: BBox | null }[];
  places: { geoid: string; name: string; state: string; bbox: BBox | null }[];
}

/**
 * States present in the score and named counties (from the county-merged table), each with
 * the bounds of its drawn tracts.
 */
export function searchNames(
  label: string,
  merged: ScoreTable,
  tracts: ReadonlyMap<string, TractGeometry>,
): SearchNames {
  const countyNames = merged.byName.get("County Name")?.values ?? [];
  const stateBoxes = new Map<string, (BBox | null)[]>();
  const counties = new Map<string, { name: string; boxes: (BBox | null)[] }>();
  merged.geoids.forEach((g, i) => {
    const box = tracts.get(g)?.bbox ?? null;
    const s = g.slice(0, 2);
    const list = stateBoxes.get(s) ?? [];
    list.push(box);
    stateBoxes.set(s, list);
    const name = countyNames[i];
    if (typeof name === "string" && name !== "") {
      const c = counties.get(g.slice(0, 5)) ?? { name, boxes: [] };
      c.boxes.push(box);
      counties.set(g.slice(0, 5), c);
    }
  });
  return {
    label,
    states: [...stateBoxes.keys()].sort().map((fips) => {
      const s = STATES.get(fips);
      return {
        fips,
        name: s?.name ?? fips,
        abbreviation: s?.abbreviation ?? "",
        bbox: unionBBox(stateBoxes.get(fips) ?? []),
      };
    }),
    counties: [...counties.keys()].sort().map((fips) => {
      const c = counties.get(fips) as { name: string; boxes: (BBox | null)[] };
      return { fips, name: c.name, state: fips.slice(0, 2), bbox: unionBBox(c.boxes) };
    }),
    places: [],
  };
}
