import { createHash } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { DATASET_IDS } from "@cejst/etl";
import { noProgress, type ProgressSink } from "@cejst/schema";
import { deriveShared } from "../dataset-files.ts";
import { DEFAULT_SAMPLE_TRACTS } from "../generate-sample.ts";
import { buildGeography, MAX_TRACTS } from "../geography.ts";
import { drawTractValues } from "../tract-values.ts";
import { type RawSourceFile, rawSourceFiles } from "./raw-sources.ts";

/** Options of {@link generateRawSample}. */
export interface GenerateRawSampleOptions {
  /** Folder that receives the raw files (replaced whole if present). */
  outDir: string;
  /** About how many tracts (default 1,500; ~74,000 is national size). */
  tracts?: number;
  /** PRNG seed (default 1): the same seed gives the same tracts and values as `generateSample`. */
  seed?: number;
  onProgress?: ProgressSink;
}

/** What {@link generateRawSample} wrote. */
export interface RawSampleSummary {
  seed: number;
  tracts: number;
  /** Raw files written (sources configurations and notes excluded). */
  files: number;
  bytes: number;
  /** The sources configuration for methodology 2.0 (every dataset). */
  sources: string;
  /** The same for 1.0: the island areas' 2010 decennial files instead of the 2020 ones. */
  sources10: string;
}

/**
 * Writes the bundled sample as *raw source files* in each source's published format, laid out
 * as a mirror (each file at its origin URL's path), plus `sources.json` / `sources-1.0.json`
 * (the configuration `cejst etl all` reads) with the sha256 and size of every file. Running the
 * adapters on them yields the dataset folders `generateSample` writes for the same seed. Every
 * value is synthetic; `README.md` says so, and so do the files wherever their format allows.
 */
export async function generateRawSample(options: GenerateRawSampleOptions): Promise<RawSampleSummary> {
  const seed = options.seed ?? 1;
  const wanted = options.tracts ?? DEFAULT_SAMPLE_TRACTS;
  if (!Number.isInteger(wanted) || wanted < 100 || wanted > MAX_TRACTS)
    throw new RangeError(`tracts must be an integer from 100 to ${MAX_TRACTS} (got ${wanted})`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new RangeError(`seed must be an integer from 0 to 4294967295 (got ${seed})`);
  const progress = options.onProgress ?? noProgress;
  progress({ stage: "geography", done: 0, total: wanted, unit: "tracts" });
  const tracts = buildGeography({ tracts: wanted, seed });
  const values = drawTractValues(tracts, seed);
  const shared = deriveShared(tracts, values);
  progress({ stage: "geography", done: tracts.length, total: tracts.length, unit: "tracts" });
  const files = rawSourceFiles({ tracts, values, shared, seed });

  const tmp = `${options.outDir.replace(/\/+$/, "")}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  let bytes = 0;
  try {
    for (const [i, f] of files.entries()) {
      const path = join(tmp, f.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, f.bytes);
      bytes += f.bytes.length;
      progress({ stage: "write raw", done: i + 1, total: files.length, unit: "files", detail: f.path });
    }
    const digests = new Map(files.map((f) => [f, createHash("sha256").update(f.bytes).digest("hex")]));
    await writeFile(join(tmp, "sources.json"), sourcesConfig(files, digests, "2.0"));
    await writeFile(join(tmp, "sources-1.0.json"), sourcesConfig(files, digests, "1.0"));
    await writeFile(join(tmp, "README.md"), readme(seed, tracts.length, files));
    await rm(options.outDir, { recursive: true, force: true });
    await mkdir(dirname(options.outDir), { recursive: true });
    await rename(tmp, options.outDir);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  return {
    seed,
    tracts: tracts.length,
    files: files.length,
    bytes,
    sources: join(options.outDir, "sources.json"),
    sources10: join(options.outDir, "sources-1.0.json"),
  };
}

const SOURCE_NOTES: Partial<Record<string, string>> = {
  census: "TIGER/Line 2010 tract shapefiles, one archive per state",
  national_risk_index: "FEMA National Risk Index, census tracts",
  hud_housing: "HUD CHAS 2014-2018, summary level 140 (Table3.csv, Table8.csv, Latin-1)",
  cdc_places: "CDC PLACES census tract data (long format)",
  ejscreen: "EPA EJScreen 2021, tracts, US and Puerto Rico",
  fsf_flood_risk: "First Street flood risk by 2010 tract",
  fsf_wildfire_risk: "First Street wildfire risk by 2010 tract",
  doe_energy_burden: "DOE LEAD 2018 energy burden by tract",
  cdc_life_expectancy: "NCHS USALEEP life expectancy (national file plus Maine and Wisconsin)",
  geocorr: "urban/rural flag per tract from Geocorr 2014",
  nlcd_nature_deprived: "NLCD land cover shares compiled by TPL (contiguous US)",
  travel_composite: "DOT transportation disadvantage layer (its .dbf)",
  eamlis: "OSMRE eAMLIS abandoned mine land export (TSV)",
  us_army_fuds: "USACE Formerly Used Defense Sites property points (GeoJSON)",
  historic_redlining: "NCRC historic redlining score by 2010 tract (XLSX)",
  census_acs:
    "Census API responses, ACS 2015-2019 5-year, one per state (local files: no single published file)",
  census_acs_2010: "Census API responses, ACS 2006-2010 5-year, one per state (local files)",
  census_decennial: "Census API responses for the island areas, one per territory (local files)",
  census_acs_median_income:
    "geocorr 2014 tract-to-CBSA file, the PR tract list, and B19013_001E by MSA and by state",
  tribal_overlap: "tribal areas GeoJSON (local file: assembled from several BIA layers)",
  census_places: "2010 Census Gazetteer national places file (tab-separated, Latin-1)",
};

/** A sources configuration listing the files one methodology's ETL reads. */
function sourcesConfig(
  files: readonly RawSourceFile[],
  digests: ReadonlyMap<RawSourceFile, string>,
  version: "1.0" | "2.0",
): string {
  const sources = DATASET_IDS.flatMap((name) => {
    const mine = files.filter(
      (f) => f.dataset === name && (f.methodology === undefined || f.methodology === version),
    );
    if (mine.length === 0) return [];
    return [
      {
        name,
        licence: "synthetic sample data generated by cejst sample (no rights reserved)",
        notes: `SYNTHETIC stand-in for: ${SOURCE_NOTES[name] ?? name}.`,
        files: mine.map((f) => ({
          url: f.url ?? f.path,
          sha256: digests.get(f),
          bytes: f.bytes.length,
          ...(f.file === undefined ? {} : { file: f.file }),
        })),
      },
    ];
  });
  return `${JSON.stringify(
    {
      notes: `SYNTHETIC raw sources of the cejst sample, for methodology ${version}. Remote URLs are the origins the files stand in for; "mirror" (this folder) serves them, or pass --mirror with an HTTP server of this folder. Census API responses and the tribal layer are local paths.`,
      mirror: ".",
      sources,
    },
    null,
    2,
  )}\n`;
}

function readme(seed: number, count: number, files: readonly RawSourceFile[]): string {
  const list = files
    .map((f) => `- \`${f.path}\` (${f.dataset}${f.url ? `; stands in for ${f.url}` : ""})`)
    .join("\n");
  return `# Synthetic raw sources (cejst sample)

Every file in this folder is **synthetic**. It was generated by \`cejst sample --raw\` (seed ${seed},
${count} tracts) to exercise the CEJST ETL without network access. It describes no real place or
person and must not be used to make decisions. County boundaries are real (us-atlas); tracts,
GEOIDs and every value are drawn from a seeded generator.

The files have the formats and column names of the published sources and sit at the paths of
their origin URLs, so this folder (or an HTTP server of it) is a mirror:

\`\`\`sh
cejst etl all --sources sources.json --out data/2.0                      # reads this folder
cejst etl all --sources sources.json --mirror http://127.0.0.1:8080/ --out data/2.0
cejst etl all --sources sources-1.0.json --methodology 1.0 --out data/1.0
\`\`\`

\`sources-1.0.json\` differs only for \`census_decennial\` (the 2010 island files).

${list}
`;
}
