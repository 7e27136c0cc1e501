/**
 * Writes a dataset folder in the original's layout with synthetic values: every file and
 * column of spec datasets.md for both methodologies, `census/csv/us.csv` and square tract
 * polygons on a grid (each tract touches up to eight others). Deterministic for a seed.
 * Used by the end-to-end tests (small) and the benchmark (national size).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { MethodologyVersion } from "@cejst/methodology";
import { csvLine } from "../../src/io/atomic-write.ts";
import { type DatasetFileSpec, datasetFilesFor } from "../../src/score/dataset-files.ts";
import { inputColumnKind } from "../../src/score/input-column-kind.ts";

export interface SyntheticOptions {
  seed?: number;
  /** Share of numeric cells left empty. */
  missingShare?: number;
  /** Only the files this methodology reads (default: both methodologies' files). */
  version?: MethodologyVersion;
  /** Tracts (by GEOID) written with `ALAND10 = 0`. Default: tract codes 9900xx. */
  isWaterOnly?: (geoid: string) => boolean;
}

/** Mulberry32: a tiny, well-mixed 32-bit generator, enough for test data. */
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

/** Every source table of both methodologies (the two decennial folders included). */
export function allDatasetFiles(): DatasetFileSpec[] {
  const seen = new Map<string, DatasetFileSpec>();
  for (const spec of [...datasetFilesFor("1.0"), ...datasetFilesFor("2.0")]) seen.set(spec.path, spec);
  return [...seen.values()];
}

const round6 = (x: number) => Number(x.toPrecision(6));

/** A plausible value for a numeric column, by what its name says it holds. */
function numericValue(name: string, rnd: () => number): number {
  const u = rnd();
  if (/^Total population|population|count|Count|^B14006|C17002|Number of/.test(name))
    return Math.floor(u * 8000);
  if (/income|Income|value \(\$\)/.test(name) && !/percent|%/.test(name))
    return Math.round(15000 + u * 135000);
  if (/Life expectancy/.test(name)) return round6(65 + u * 25);
  if (/Tribal areas/.test(name)) return u < 0.9 ? 0 : u < 0.95 ? 1 : round6(u);
  if (/Ratio/.test(name)) return round6(1 + u * 3);
  if (/Urban Heuristic/.test(name)) return u < 0.7 ? 1 : 0;
  if (/DOT Travel|score|Score/.test(name)) return round6(u * 100);
  if (
    /percent|Percent|Percentage|Share|rate|share|Unemployment|Poverty|Linguistic|Energy burden|Housing burden/.test(
      name,
    )
  )
    return round6(u * u);
  return round6(-Math.log(1 - u) * 10);
}

function flagValue(rnd: () => number): string {
  const u = rnd();
  return u < 0.15 ? "True" : u < 0.9 ? "False" : "";
}

/**
 * Writes the folder. `geoids` is the tract list; every source holds every tract except
 * that each source skips about 1 % of them (tracts missing from a source get nulls).
 */
export async function writeSyntheticDataset(
  dir: string,
  geoids: readonly string[],
  options: SyntheticOptions = {},
): Promise<void> {
  const rnd = seededRandom(options.seed ?? 1);
  const missingShare = options.missingShare ?? 0.03;
  const isWaterOnly = options.isWaterOnly ?? ((g: string) => g.slice(5, 9) === "9900");
  for (const spec of options.version ? datasetFilesFor(options.version) : allDatasetFiles()) {
    const lines = [csvLine(["GEOID10_TRACT", ...spec.columns])];
    for (const geoid of geoids) {
      if (rnd() < 0.01) continue;
      const cells = [geoid];
      for (const name of spec.columns) {
        const kind = inputColumnKind(name);
        if (kind === "flag") cells.push(flagValue(rnd));
        else if (kind === "text") cells.push(rnd() < 0.05 ? `Area ${Math.floor(rnd() * 50)}, "north"` : "");
        else cells.push(rnd() < missingShare ? "" : String(numericValue(name, rnd)));
      }
      if (spec.name === "tribal_overlap") tribalCells(spec, cells, rnd);
      lines.push(csvLine(cells));
    }
    await writeText(join(dir, spec.path), `${lines.join("\n")}\n`);
  }
  await writeText(join(dir, "census/csv/us.csv"), `${geoids.join("\n")}\n`);
  await writeText(join(dir, "census/geojson/us.json"), gridGeoJson(geoids, isWaterOnly));
}

/** Unit squares on a grid, row-major, one per tract, lon/lat around the origin of `x0, y0`. */
export function gridGeoJson(geoids: readonly string[], isWaterOnly: (g: string) => boolean): string {
  const side = 0.01;
  const columns = Math.max(1, Math.ceil(Math.sqrt(geoids.length)));
  const features = geoids.map((geoid, i) => {
    const x = -100 + (i % columns) * side;
    const y = 30 + Math.floor(i / columns) * side;
    const ring = [
      [x, y],
      [x + side, y],
      [x + side, y + side],
      [x, y + side],
      [x, y],
    ].map(([a, b]) => [round6(a as number), round6(b as number)]);
    return {
      type: "Feature",
      properties: { GEOID10: geoid, ALAND10: isWaterOnly(geoid) ? 0 : 1_000_000, AWATER10: 0 },
      geometry: { type: "Polygon", coordinates: [ring] },
    };
  });
  return JSON.stringify({ type: "FeatureCollection", features });
}

/**
 * Tribal overlap as the adapter writes it: most tracts have no tribal land (empty share),
 * and the flag is exactly "share > 0.995" (methodology.md §10).
 */
function tribalCells(spec: DatasetFileSpec, cells: string[], rnd: () => number): void {
  const u = rnd();
  const share = u < 0.85 ? null : u < 0.93 ? 1 : round6(rnd());
  const set = (name: string, value: string) => {
    cells[1 + spec.columns.indexOf(name)] = value;
  };
  set("Percent of the Census tract that is within Tribal areas", share === null ? "" : String(share));
  set(
    "Percent of the Census tract that is within Tribal areas, for display",
    share === null ? "" : String(share),
  );
  set("Number of Tribal areas within Census tract", share === null ? "" : String(1 + Math.floor(rnd() * 3)));
  set("Number of Tribal areas within Census tract for Alaska", "");
  set(
    "Names of Tribal areas within Census tract",
    share === null ? "" : `Area ${Math.floor(rnd() * 50)}, "north"`,
  );
  set(
    "Identified as disadvantaged due to tribal overlap",
    share === null ? "" : share > 0.995 ? "True" : "False",
  );
}

async function writeText(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}
