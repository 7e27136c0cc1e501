/**
 * Builds small score tables for tests: real column names (every column the artifacts read),
 * a handful of tracts across the Nation, Puerto Rico and the Island Areas, and synthetic
 * values with nulls, ties and the floating-point edge cases the formats must reproduce.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { csvLine, formatPythonFloat } from "@cejst/etl";
import type { MethodologyVersion } from "@cejst/methodology";
import { downloadFields } from "../src/download-field.ts";
import { tileFields } from "../src/tile-field.ts";

export type FixtureKind = "text" | "int" | "bool" | "float";

/** Tracts of the fixture, deliberately out of order. */
export const FIXTURE_GEOIDS = [
  "72001956300",
  "01073001100",
  "60010950100",
  "02013000100",
  "10001040100",
  "01073001400",
];

/** The tract that is water only (not drawn). */
export const WATER_GEOID = "10001040100";

/** Columns the artifacts read, with their score type. */
export function fixtureColumns(version: MethodologyVersion): { name: string; kind: FixtureKind }[] {
  const cols = new Map<string, FixtureKind>();
  cols.set("GEOID10_TRACT", "text");
  for (const f of downloadFields(version)) {
    if (f.score === "County Name" || f.score === "State/Territory" || cols.has(f.score)) continue;
    cols.set(f.score, f.format === "bool" ? "bool" : f.format === "string" ? "text" : "float");
  }
  for (const t of tileFields(version)) {
    if (t.source === "County Name" || t.source === "State/Territory" || cols.has(t.source)) continue;
    cols.set(t.source, t.kind === "bool" || t.kind === "flag" ? "bool" : t.kind === "int" ? "int" : "float");
  }
  cols.set("Total threshold criteria exceeded", "int");
  return [...cols].map(([name, kind]) => ({ name, kind }));
}

/** Special values put in the first fixture row (after sorting: 01073001100). */
export const SPECIAL: Record<string, number> = {
  "Percent Black or African American": 0.29,
  "Expected agricultural loss rate (Natural Hazards Risk Index)": 5.6328e-5,
  "Total population": 4781,
  "Total categories exceeded": 4,
  "Percent of individuals below 200% Federal Poverty Line, imputed and adjusted (percentile)": 0.6542392127176382,
  "Energy burden (percentile)": 0.57,
  "Diesel particulate matter exposure": 1e-5,
};

/** A deterministic value for row r, column c (nulls every few cells). */
export function fixtureValue(
  name: string,
  kind: FixtureKind,
  geoid: string,
  r: number,
  c: number,
): number | boolean | string | null {
  if (name === "GEOID10_TRACT") return geoid;
  if (geoid === "01073001100" && name in SPECIAL) return SPECIAL[name] ?? null;
  if (name === "Names of Tribal areas within Census tract") return r === 3 ? 'Knik, "Eklutna"' : null;
  if (name === "Number of Tribal areas within Census tract for Alaska")
    return geoid.startsWith("02") ? 2 : null;
  if (name === "Number of Tribal areas within Census tract") return null;
  if (kind === "int") return (r * 3 + c) % 11;
  // The final flag and the grandfathering flag are never missing in a score.
  if (name === "Definition N community, including adjacency index tracts") return r % 2 === 1;
  if (name === "Grandfathered Definition N (communities) from v1.0") return r === 3;
  if (kind === "bool") return (r + c) % 7 === 0 ? null : (r * 5 + c) % 3 === 0;
  if (kind === "text") return `t${r}`;
  if ((r + c) % 9 === 0) return null;
  if (name === "Total population") return 1000 + r * 137;
  if (name === "Total categories exceeded") return r % 4;
  return ((r * 7919 + c * 104729) % 1000) / 997;
}

/** The score CSV text (pandas encodings) for a version. */
export function fixtureScoreCsv(version: MethodologyVersion): string {
  const cols = fixtureColumns(version);
  const lines = [csvLine(cols.map((c) => c.name))];
  const sorted = [...FIXTURE_GEOIDS].sort();
  for (const geoid of FIXTURE_GEOIDS) {
    const r = sorted.indexOf(geoid);
    lines.push(
      csvLine(
        cols.map((col, c) => {
          const v = fixtureValue(col.name, col.kind, geoid, r, c);
          if (v === null) return "";
          if (typeof v === "boolean") return v ? "True" : "False";
          if (typeof v === "string") return v;
          return col.kind === "float" ? formatPythonFloat(v) : String(v);
        }),
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** A square polygon around a point (degrees). */
function square(lon: number, lat: number, d: number): number[][][] {
  return [
    [
      [lon - d, lat - d],
      [lon + d, lat - d],
      [lon + d, lat + d],
      [lon - d, lat + d],
      [lon - d, lat - d],
    ],
  ];
}

/** Tract polygons as the census stage writes them (`census/geojson/us.json`). */
export function fixtureTractsGeojson(): string {
  const features = [...FIXTURE_GEOIDS].sort().map((g, i) => {
    const lon = -86.8 + i;
    const lat = 33.5 - i * 0.5;
    const water = g === WATER_GEOID;
    return {
      type: "Feature",
      properties: {
        GEOID10: g,
        ALAND10: water ? 0 : 1000000 + i,
        AWATER10: water ? 500000 : 0,
        INTPTLAT10: `${lat >= 0 ? "+" : "-"}${Math.abs(lat).toFixed(7).padStart(10, "0")}`,
        INTPTLON10: `${lon >= 0 ? "+" : "-"}${Math.abs(lon).toFixed(7).padStart(11, "0")}`,
      },
      geometry: water ? null : { type: "Polygon", coordinates: square(lon, lat, 0.01) },
    };
  });
  return JSON.stringify({ type: "FeatureCollection", features });
}

/**
 * Decision traces as the score stage writes them, one JSON line per tract, consistent with the
 * fixture's `SN_C`, `CC` and `TC` (the fields the build cross-checks).
 */
export function fixtureTraces(version: MethodologyVersion = "2.0"): string {
  const cols = fixtureColumns(version);
  const sorted = [...FIXTURE_GEOIDS].sort();
  const value = (name: string, g: string) => {
    const c = cols.findIndex((col) => col.name === name);
    const col = cols[c];
    return col ? fixtureValue(col.name, col.kind, g, sorted.indexOf(g), c) : null;
  };
  return `${sorted
    .map((g) =>
      JSON.stringify({
        geoid: g,
        disadvantaged: value("Definition N community, including adjacency index tracts", g) === true,
        totalCategoriesExceeded: value("Total categories exceeded", g),
        totalThresholdsExceeded: value("Total threshold criteria exceeded", g),
      }),
    )
    .join("\n")}\n`;
}

/** Writes a score folder and a data folder for a version; returns their paths. */
export async function writeFixtureFolders(root: string, version: MethodologyVersion) {
  const score = join(root, "score-out");
  const data = join(root, "data");
  await mkdir(join(score, "score", "csv", "full"), { recursive: true });
  await mkdir(join(score, "score", "traces"), { recursive: true });
  await mkdir(join(data, "census", "geojson"), { recursive: true });
  await mkdir(join(data, "census", "csv"), { recursive: true });
  await writeFile(join(score, "score", "csv", "full", "usa.csv"), fixtureScoreCsv(version));
  await writeFile(join(score, "score", "traces", "usa.jsonl"), fixtureTraces(version));
  await writeFile(join(data, "census", "geojson", "us.json"), fixtureTractsGeojson());
  await writeFile(
    join(data, "census", "csv", "counties.csv"),
    "GEOID,NAME\n01073,Jefferson County\n02013,Aleutians East Borough\n10001,Kent County\n72001,Adjuntas Municipio\n",
  );
  return { score, data };
}
