import { access } from "node:fs/promises";
import { parseNumberCell, readCsvFile, requireColumn } from "@cejst/etl";
import { InputSchemaError } from "@cejst/schema";
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
  places: readonly CensusPlace[] = [],
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
    places: searchPlaces(places, tracts),
  };
}

/** A census place as `census/csv/places.csv` (the `census_places` ETL output) lists it. */
export interface CensusPlace {
  geoid: string;
  name: string;
  lat: number;
  lon: number;
  /** Land area in square metres. */
  aland: number;
}

/**
 * Reads `census/csv/places.csv` (`GEOID,NAME,state,INTPTLAT,INTPTLONG,ALAND`); an absent
 * file is no places (the release simply has no places source), a malformed one an
 * `InputSchemaError` naming file, line and column.
 */
export async function readPlaces(path: string): Promise<CensusPlace[]> {
  try {
    await access(path);
  } catch {
    return [];
  }
  const table = await readCsvFile(path);
  const [g, n, la, lo, al] = ["GEOID", "NAME", "INTPTLAT", "INTPTLONG", "ALAND"].map((c) =>
    requireColumn(table, c),
  ) as [number, number, number, number, number];
  return table.rows.map((r, i) => {
    const geoid = r[g] ?? "";
    if (!/^\d{7}$/.test(geoid))
      throw new InputSchemaError(
        { file: path, line: table.lines[i], field: "GEOID" },
        `place GEOID must be 7 digits (got ${JSON.stringify(geoid)})`,
      );
    const number = (c: number, field: string) => {
      const v = parseNumberCell(r[c] ?? "", table, i, c);
      if (v === null || !Number.isFinite(v))
        throw new InputSchemaError(
          { file: path, line: table.lines[i], field },
          `must be a number (got ${JSON.stringify(r[c])})`,
        );
      return v;
    };
    return {
      geoid,
      name: r[n] ?? "",
      lat: number(la, "INTPTLAT"),
      lon: number(lo, "INTPTLONG"),
      aland: number(al, "ALAND"),
    };
  });
}

const METRES_PER_DEGREE = 111_320;
/** The smallest half-width a place box gets, so a place with no land still frames its street grid. */
const MIN_RADIUS_M = 500;

/**
 * Places for the name index, each with an approximate box: the gazetteer has no place
 * polygons, only an internal point and a land area. The place is taken as a disc of its
 * land area (radius `sqrt(ALAND / π)`, at least 500 m); the box is the union of the boxes of
 * the drawn tracts of its state whose internal point lies in that disc, so a camera fitted
 * to it shows whole tracts. When no tract point falls inside (a place smaller than its
 * tract), the box is the internal point ± `sqrt(ALAND) / 2` (a square of the place's area,
 * at least ± 500 m). Boxes are rounded outwards to 5 decimals, like the other boxes.
 */
export function searchPlaces(
  places: readonly CensusPlace[],
  tracts: ReadonlyMap<string, TractGeometry>,
): SearchNames["places"] {
  // Tracts bucketed by whole degree of their internal point, so each place looks only at
  // the few cells its disc touches.
  const grid = new Map<string, TractGeometry[]>();
  for (const t of tracts.values()) {
    if (!t.mapped || t.bbox === null) continue;
    const key = `${Math.floor(Number(t.lat))}:${Math.floor(Number(t.lon))}`;
    const list = grid.get(key);
    if (list) list.push(t);
    else grid.set(key, [t]);
  }
  const out = places.map((p) => {
    const state = p.geoid.slice(0, 2);
    const cos = Math.max(0.01, Math.cos((p.lat * Math.PI) / 180));
    const radius = Math.max(MIN_RADIUS_M, Math.sqrt(Math.max(0, p.aland) / Math.PI));
    const dLat = radius / METRES_PER_DEGREE;
    const dLon = radius / (METRES_PER_DEGREE * cos);
    const boxes: BBox[] = [];
    for (let y = Math.floor(p.lat - dLat); y <= Math.floor(p.lat + dLat); y++)
      for (let x = Math.floor(p.lon - dLon); x <= Math.floor(p.lon + dLon); x++)
        for (const t of grid.get(`${y}:${x}`) ?? []) {
          if (t.geoid.slice(0, 2) !== state) continue;
          const ny = (Number(t.lat) - p.lat) / dLat;
          const nx = (Number(t.lon) - p.lon) / dLon;
          if (nx * nx + ny * ny <= 1) boxes.push(t.bbox as BBox);
        }
    let bbox = unionBBox(boxes);
    if (bbox === null) {
      const half = Math.max(MIN_RADIUS_M, Math.sqrt(Math.max(0, p.aland)) / 2);
      const hy = half / METRES_PER_DEGREE;
      const hx = half / (METRES_PER_DEGREE * cos);
      bbox = [outFloor(p.lon - hx), outFloor(p.lat - hy), outCeil(p.lon + hx), outCeil(p.lat + hy)];
    }
    return { geoid: p.geoid, name: p.name, state, bbox };
  });
  return out.sort((a, b) => (a.geoid < b.geoid ? -1 : a.geoid > b.geoid ? 1 : 0));
}

const outFloor = (x: number) => Math.floor(x * 1e5) / 1e5;
const outCeil = (x: number) => Math.ceil(x * 1e5) / 1e5;
