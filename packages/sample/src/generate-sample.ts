import { mkdir, open, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { csvLine, runEtl } from "@cejst/etl";
import { noProgress, type ProgressSink } from "@cejst/schema";
import { datasetFilesFor, deriveShared, type SampleVersion, tribalAreasGeoJson } from "./dataset-files.ts";
import { type Area, buildGeography, MAX_TRACTS, type Tract } from "./geography.ts";
import { drawTractValues } from "./tract-values.ts";

/** Options of {@link generateSample}. */
export interface GenerateSampleOptions {
  /** Folder that receives `1.0/` and `2.0/` (each replaced whole if present). */
  outDir: string;
  /** About how many tracts (default 1,500; ~74,000 is national size; at most 74,160). */
  tracts?: number;
  /** PRNG seed (default 1); the same seed gives byte-identical folders. */
  seed?: number;
  onProgress?: ProgressSink;
}

/** What {@link generateSample} wrote. */
export interface SampleSummary {
  seed: number;
  tracts: number;
  /** Tracts per area of methodology.md §1.2. */
  byArea: Record<Area, number>;
  /** Tracts with `ALAND10 = 0` (codes 9900xx). */
  waterOnly: number;
  /** Tracts with a total population of 0 (water-only included). */
  zeroPopulation: number;
  counties: number;
  /** The two dataset folders, by version. */
  folders: Record<SampleVersion, string>;
  /** Rows per file path (relative to a version folder), per version. */
  rows: Record<SampleVersion, Record<string, number>>;
}

/** Default number of tracts of the bundled sample. */
export const DEFAULT_SAMPLE_TRACTS = 1500;

const VERSIONS: readonly SampleVersion[] = ["1.0", "2.0"];

/**
 * Writes two dataset folders in the original pipeline's layout (`<outDir>/1.0/`,
 * `<outDir>/2.0/`) with the same synthetic tracts, geometry and values; they differ only
 * where the two methodologies' ETL differs (the student-adjusted low-income rate and the
 * island decennial file). Each folder is written under a temporary name and renamed into
 * place, so a reader never sees half a folder.
 */
export async function generateSample(options: GenerateSampleOptions): Promise<SampleSummary> {
  const seed = options.seed ?? 1;
  const wanted = options.tracts ?? DEFAULT_SAMPLE_TRACTS;
  if (!Number.isInteger(wanted) || wanted < 100 || wanted > MAX_TRACTS)
    throw new RangeError(`tracts must be an integer from 100 to ${MAX_TRACTS} (got ${wanted})`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new RangeError(`seed must be an integer from 0 to 4294967295 (got ${seed})`);
  const progress = options.onProgress ?? noProgress;

  progress({ stage: "geography", done: 0, total: wanted, unit: "tracts" });
  const tracts = buildGeography({ tracts: wanted, seed });
  progress({ stage: "geography", done: tracts.length, total: tracts.length, unit: "tracts" });
  progress({ stage: "values", done: 0, total: tracts.length, unit: "tracts" });
  const values = drawTractValues(tracts, seed);
  const shared = deriveShared(tracts, values);
  progress({ stage: "values", done: tracts.length, total: tracts.length, unit: "tracts" });

  const tractList = `${tracts.map((t) => t.geoid).join("\n")}\n`;
  const geojson = tractGeoJson(tracts);
  const synthetic = syntheticNote(seed, tracts.length);
  const tribal = tribalAreasGeoJson(
    tracts.filter((t) => !t.water),
    seed,
  );

  const byArea: Record<Area, number> = { nation: 0, PR: 0, AS: 0, GU: 0, MP: 0, VI: 0 };
  for (const t of tracts) byArea[t.area]++;
  const summary: SampleSummary = {
    seed,
    tracts: tracts.length,
    byArea,
    waterOnly: tracts.filter((t) => t.aland === 0).length,
    zeroPopulation: values.filter((v) => v.zeroPopulation).length,
    counties: new Set(tracts.map((t) => t.county.fips)).size,
    folders: { "1.0": join(options.outDir, "1.0"), "2.0": join(options.outDir, "2.0") },
    rows: { "1.0": {}, "2.0": {} },
  };

  await mkdir(options.outDir, { recursive: true });
  let done = 0;
  for (const version of VERSIONS) {
    const files = datasetFilesFor(version, tracts, values, shared, seed);
    const tmp = join(options.outDir, `.${version}.tmp-${process.pid}`);
    await rm(tmp, { recursive: true, force: true });
    try {
      // Tract polygons first: the tribal overlap is computed from them by its adapter.
      await put(tmp, "census/csv/us.csv", tractList);
      summary.rows[version]["census/csv/us.csv"] = tracts.length;
      await put(tmp, "census/geojson/us.json", geojson);
      summary.rows[version]["census/geojson/us.json"] = tracts.length;
      await put(tmp, "SYNTHETIC.md", synthetic);
      done += 3;
      for (const build of files) {
        const f = build();
        await putLines(tmp, f.path, [csvLine(f.header), ...f.lines]);
        summary.rows[version][f.path] = f.lines.length;
        progress({
          stage: `write ${version}`,
          done: ++done,
          total: 2 * (files.length + 4),
          unit: "files",
          detail: f.path,
        });
      }
      summary.rows[version]["dataset/tribal_overlap/usa.csv"] = await writeTribalOverlap(tmp, tribal, tracts);
      done++;
      progress({ stage: `write ${version}`, done, total: 2 * (files.length + 4), unit: "files" });
      const target = join(options.outDir, version);
      const old = join(options.outDir, `.${version}.old-${process.pid}`);
      await rm(old, { recursive: true, force: true });
      await rename(target, old).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== "ENOENT") throw e;
      });
      await rename(tmp, target);
      await rm(old, { recursive: true, force: true });
    } catch (e) {
      await rm(tmp, { recursive: true, force: true });
      throw e;
    }
  }
  return summary;
}

/**
 * Tribal overlap as the tribal_overlap adapter computes it from the synthetic tribal areas
 * and the folder's tract polygons; returns the number of rows.
 */
async function writeTribalOverlap(root: string, tribal: string, tracts: readonly Tract[]): Promise<number> {
  const source = join(root, ".tribal-areas.geojson");
  // The tract polygons as TIGER stores them (exterior rings clockwise), so the overlap is the
  // one the adapter computes from the census shapefiles, to the last bit.
  const tiger = join(root, ".tiger", "us.json");
  await writeFile(source, tribal);
  await mkdir(dirname(tiger), { recursive: true });
  await writeFile(tiger, tractGeoJson(tracts, true));
  try {
    await runEtl({ dataset: "tribal_overlap", sources: [source, tiger], out: root });
  } finally {
    await rm(source, { force: true });
    await rm(dirname(tiger), { recursive: true, force: true });
  }
  const text = await readFile(join(root, "dataset/tribal_overlap/usa.csv"), "utf8");
  return text.split("\n").length - 2;
}

async function put(root: string, rel: string, data: string): Promise<void> {
  const path = join(root, rel);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, data);
}

/** Writes lines in chunks, so a national file is never held twice as one big string. */
async function putLines(root: string, rel: string, lines: readonly string[]): Promise<void> {
  const path = join(root, rel);
  await mkdir(dirname(path), { recursive: true });
  const handle = await open(path, "w");
  try {
    for (let i = 0; i < lines.length; i += 5000)
      await handle.write(`${lines.slice(i, i + 5000).join("\n")}\n`);
  } finally {
    await handle.close();
  }
}

/** TIGER writes internal points as signed, zero-padded text (`+39.2708640`, `-076.8512340`). */
function tigerCoordinate(value: number, intDigits: number): string {
  const [int = "0", frac = ""] = Math.abs(value).toFixed(7).split(".");
  return `${value < 0 ? "-" : "+"}${int.padStart(intDigits, "0")}.${frac}`;
}

function tractGeoJson(tracts: readonly Tract[], clockwise = false): string {
  const features = tracts.map((t) => {
    // Every tract is a grid cell (a rectangle with extra edge vertices), so the centre of
    // its bounds lies inside it, as TIGER's internal point must.
    const lons = t.ring.map((p) => p[0]);
    const lats = t.ring.map((p) => p[1]);
    const lon = (Math.min(...lons) + Math.max(...lons)) / 2;
    const lat = (Math.min(...lats) + Math.max(...lats)) / 2;
    return JSON.stringify({
      type: "Feature",
      properties: {
        GEOID10: t.geoid,
        ALAND10: t.aland,
        AWATER10: t.awater,
        INTPTLAT10: tigerCoordinate(lat, 2),
        INTPTLON10: tigerCoordinate(lon, 3),
      },
      geometry: { type: "Polygon", coordinates: [clockwise ? [...t.ring].reverse() : t.ring] },
    });
  });
  return `{"type":"FeatureCollection","features":[\n${features.join(",\n")}\n]}\n`;
}

function syntheticNote(seed: number, count: number): string {
  return `# Synthetic sample data

Every value in this folder is **synthetic**. It was generated by \`cejst sample\` (seed ${seed},
${count} tracts) to exercise the CEJST pipeline without network access. It describes no real
place or person and must not be used to make decisions.

- County and municipio boundaries are real (Census cartographic boundaries from the \`us-atlas\`
  package), but the tracts inside them are cells of a synthetic grid, and their GEOIDs,
  areas, populations and indicator values are drawn from a seeded random generator.
- The files follow the layout and column names of the original CEJST pipeline's dataset folder,
  so \`cejst score\` reads them as it reads real data.
- \`1.0/\` and \`2.0/\` hold the same tracts and values; they differ only where the two
  methodologies' data preparation differs (the student-adjusted low-income rate and the island
  areas' decennial census file).
`;
}
