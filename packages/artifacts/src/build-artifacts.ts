import { copyFile, mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import {
  readCsvFile,
  reviveWorkerError,
  type SerializedWorkerError,
  serializeWorkerError,
  writeFileAtomic,
} from "@cejst/etl";
import type { MethodologyVersion } from "@cejst/methodology";
import {
  GateFailed,
  noProgress,
  PreconditionFailed,
  type ProgressEvent,
  type ProgressSink,
} from "@cejst/schema";
import type { Feature, Geometry } from "geojson";
import {
  packTables,
  readTraceBytesInWorker,
  runTilesetJobs,
  startModuleWorker,
  type TilesetJob,
  writeTilesetsInWorker,
} from "./build-worker.ts";
import { codebookTable, shapefileFields } from "./codebook.ts";
import { writeCommunitiesXlsx } from "./communities-xlsx.ts";
import { tableToCsv, writeCsvFile } from "./csv-writer.ts";
import { downloadFields } from "./download-field.ts";
import { highGeojsonProperties, writeGeojsonFeatures, writeHighGeojson } from "./geojson.ts";
import { lowZoomFeatures } from "./low-zoom.ts";
import { type ManifestFile, writeBuildManifest } from "./manifest.ts";
import { openApiDocument } from "./openapi.ts";
import { readScoreTable, type TableColumn } from "./score-table.ts";
import { compatSearchIndex, readPlaces, searchNames, searchTracts } from "./search.ts";
import { encodeShapefile, type PolygonGeometry } from "./shapefile.ts";
import { communitiesTable, countiesTable, mergeCounties, tileIndexesJson, tileTable } from "./tables.ts";
import { isIslandArea, tileFields } from "./tile-field.ts";
import { readTraceBytes, type TraceBytes, traceMismatches, writeTractShards } from "./tract-documents.ts";
import { readTractGeometry, type TractFeature } from "./tract-geometry.ts";
import { changeTotals, tractTable } from "./tract-table.ts";
import { readTribalAreas, TRIBAL_GEOJSON_IN_DATA } from "./tribal-areas.ts";
import { writeZip } from "./zip.ts";

/** Inputs and options of {@link buildArtifacts}. */
export interface BuildArtifactsOptions {
  /** Folder written by the score stage (`score/csv/full/usa.csv`, `score/traces/usa.jsonl`). */
  scoreDir: string;
  /** Dataset folder (`census/geojson/us.json`, county names). */
  dataDir: string;
  methodology: MethodologyVersion;
  /** Version label used in file names; defaults to the methodology. */
  label?: string;
  /** Output folder; must not exist yet. Written in a sibling temp folder, renamed at the end. */
  outDir: string;
  /** Operator-supplied documents (PDFs, `readme-version-<V>.md`) copied into `downloadable/`. */
  documentsDir?: string;
  /** Marks the manifest content as synthetic data. */
  synthetic?: boolean;
  /**
   * Tribal areas (a GeoJSON file, a folder of them, or a data folder holding
   * `tribal/geographic_data/usa.json`). Defaults to that file in `dataDir` when it exists.
   */
  tribal?: string;
  /**
   * Also write each tileset's `{z}/{x}/{y}.pbf` tree (raw MVT, the same tiles as the PMTiles
   * archive) into this folder, at the release's paths (`<tileDirs>/data/score/tiles/high/…`).
   * It is not part of the release: the release stores the archives, and the edge answers the
   * tree's URLs from them. Must not exist; written to a temporary sibling like `outDir`.
   */
  tileDirs?: string;
  /**
   * Build in worker threads (the default): the build itself in one with a young generation
   * sized for it, the traces, the tiles and the big tables each in another, concurrently.
   * `false` keeps everything on the calling thread. Same bytes either way.
   */
  tileWorker?: boolean;
  /** Skip the tile archive (tests of the other stages). */
  skipTiles?: boolean;
  progress?: ProgressSink;
}

/** What {@link buildArtifacts} produced. */
export interface BuildArtifactsResult {
  outDir: string;
  files: ManifestFile[];
  counts: { tracts: number; mappedTracts: number; identifiedTracts: number };
  /** Data problems that did not stop the build (missing county names, internal points…). */
  warnings: string[];
  /** Files of the contract this build does not produce, and why. */
  gaps: string[];
}

/**
 * County names by 5-digit FIPS: from `census/csv/counties.csv` (`GEOID`, `NAME`, as in the
 * 2010 gazetteer) when present, else from the `County Name` column of the ACS median income
 * dataset. Returns an empty map and a warning when neither exists.
 */
export async function readCountyNames(
  dataDir: string,
): Promise<{ names: Map<string, string>; warning?: string }> {
  const names = new Map<string, string>();
  const gazetteer = join(dataDir, "census", "csv", "counties.csv");
  if (await exists(gazetteer)) {
    const t = await readCsvFile(gazetteer);
    const g = t.header.indexOf("GEOID");
    const n = t.header.indexOf("NAME");
    if (g === -1 || n === -1)
      return { names, warning: `${gazetteer}: expected columns GEOID and NAME; county names left empty` };
    for (const r of t.rows) if (r[g] && r[n]) names.set((r[g] as string).padStart(5, "0"), r[n] as string);
    return { names };
  }
  const acs = join(dataDir, "dataset", "census_acs_median_income_2019", "usa.csv");
  if (await exists(acs)) {
    const t = await readCsvFile(acs);
    const g = t.header.indexOf("GEOID10_TRACT");
    const n = t.header.indexOf("County Name");
    if (g !== -1 && n !== -1)
      for (const r of t.rows) {
        const county = (r[g] ?? "").slice(0, 5);
        if (county.length === 5 && r[n] && !names.has(county)) names.set(county, r[n] as string);
      }
    return { names };
  }
  return { names, warning: `no county names found (${gazetteer} or ${acs}); County Name left empty` };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function defaultReadme(
  label: string,
  methodology: string,
  counts: BuildArtifactsResult["counts"],
  synthetic: boolean,
): string {
  return [
    `# Climate and Economic Justice Screening Tool data, version ${label}`,
    "",
    `Methodology ${methodology}. ${counts.tracts} census tracts (2010 boundaries), ${counts.identifiedTracts} identified as disadvantaged.`,
    synthetic
      ? "\nThis release is built from SYNTHETIC sample data. It does not describe any real place.\n"
      : "",
    "Files: the communities list as CSV, XLSX and Parquet; the codebook describing every column;",
    "the full score tables under data/score/csv; checksums of every file in SHA256SUMS.",
    "",
  ].join("\n");
}

/** MVT properties of a tract (artifacts.md §2.3): the GeoJSON properties with nulls omitted. */
function highTileProperties(
  tile: readonly TableColumn[],
  row: number,
  geoid: string,
): Record<string, unknown> {
  const props = highGeojsonProperties(tile, row, geoid);
  for (const k of Object.keys(props)) if (props[k] === null) delete props[k];
  return props;
}

/**
 * Builds every artifact of a release from a score folder and a dataset folder: the
 * compatibility tables and downloads, Parquet siblings, search indexes, tract document
 * shards, the OpenAPI document, the high-zoom tile archive, `SHA256SUMS` and the manifest.
 * Everything is written into a temporary sibling of `outDir` that is renamed into place at
 * the end, so a failed build leaves nothing that looks complete. No file records when or
 * where it was built: the same inputs give the same bytes.
 */
export async function buildArtifacts(options: BuildArtifactsOptions): Promise<BuildArtifactsResult> {
  // The calling thread's young generation is fixed when the process starts, at a few MiB: the
  // build runs in a worker whose young generation is sized for it, unless asked to stay here.
  if (options.tileWorker === false) return buildHere(options);
  const { progress, ...rest } = options;
  const worker = startModuleWorker(import.meta.url, { [BUILD_FLAG]: rest });
  return new Promise<BuildArtifactsResult>((resolve, reject) => {
    let settled = false;
    worker.on("message", (m: BuildMessage) => {
      if (m.type === "progress") progress?.(m.event);
      else {
        settled = true;
        if (m.type === "done") resolve(m.result);
        else reject(reviveWorkerError(m.error));
      }
    });
    worker.on("error", (e) => {
      settled = true;
      reject(e);
    });
    worker.on("exit", (code) => {
      if (!settled) reject(new Error(`build worker exited before finishing (got exit code ${code})`));
    });
  });
}

const BUILD_FLAG = "cejstBuildArtifacts";

type BuildMessage =
  | { type: "progress"; event: ProgressEvent }
  | { type: "done"; result: BuildArtifactsResult }
  | { type: "error"; error: SerializedWorkerError };

const buildFlags = workerData as Record<string, unknown> | null;
if (!isMainThread && parentPort !== null && buildFlags?.[BUILD_FLAG] !== undefined) {
  const port = parentPort;
  buildHere({
    ...(buildFlags[BUILD_FLAG] as BuildArtifactsOptions),
    progress: (event) => port.postMessage({ type: "progress", event } satisfies BuildMessage),
  }).then(
    (result) => port.postMessage({ type: "done", result } satisfies BuildMessage),
    (e: unknown) =>
      port.postMessage({ type: "error", error: serializeWorkerError(e) } satisfies BuildMessage),
  );
}

/** {@link buildArtifacts} on the calling thread (its tiles, tables and traces still in workers). */
async function buildHere(options: BuildArtifactsOptions): Promise<BuildArtifactsResult> {
  const progress = options.progress ?? noProgress;
  const version = options.methodology;
  const label = options.label ?? version;
  const warnings: string[] = [];
  const gaps: string[] = [];
  if (await exists(options.outDir))
    throw new PreconditionFailed(`output folder ${options.outDir} already exists (got an existing path)`);
  if (options.tileDirs !== undefined && (await exists(options.tileDirs)))
    throw new PreconditionFailed(`tile folder ${options.tileDirs} already exists (got an existing path)`);
  const tmp = `${options.outDir}.tmp-${process.pid}`;
  const treeTmp = options.tileDirs === undefined ? undefined : `${options.tileDirs}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  let tileWork: TileWork = { done: Promise.resolve(), cancel: async () => {} };
  let tableWork: TileWork = { done: Promise.resolve(), cancel: async () => {} };
  let traceWork: { done: Promise<TraceBytes | null>; cancel: () => Promise<void> } = {
    done: Promise.resolve(null),
    cancel: async () => {},
  };
  try {
    // The traces are the largest input and need nothing else: they are read first, in a
    // worker, while this thread reads the rest.
    const tracesPath = join(options.scoreDir, "score", "traces", "usa.jsonl");
    if (await exists(tracesPath)) traceWork = readTraces(tracesPath, options.tileWorker ?? true);
    if (treeTmp !== undefined) {
      await rm(treeTmp, { recursive: true, force: true });
      await mkdir(treeTmp, { recursive: true });
    }
    const step = (stage: string, done: number, total: number) =>
      progress({ stage, done, total, unit: "steps" });
    const total = 9;
    step("read inputs", 0, total);
    const score = await readScoreTable(join(options.scoreDir, "score", "csv", "full", "usa.csv"));
    const geo = await readTractGeometry(join(options.dataDir, "census", "geojson", "us.json"));
    warnings.push(...geo.warnings);
    const county = await readCountyNames(options.dataDir);
    if (county.warning) warnings.push(county.warning);
    const missingCounty = new Set(
      score.geoids
        .filter((g) => !isIslandArea(g) && !county.names.has(g.slice(0, 5)))
        .map((g) => g.slice(0, 5)),
    );
    if (county.names.size > 0 && missingCounty.size > 0)
      warnings.push(`${missingCounty.size} counties have no name (first: ${[...missingCounty].sort()[0]})`);
    const tribalSource = options.tribal ?? (await defaultTribalSource(options.dataDir));
    // Read before any output is written, so bad tribal input fails the build at once.
    const tribal = tribalSource === undefined ? undefined : await readTribalAreas(tribalSource);
    let traces = await traceWork.done;
    if (traces === null) warnings.push(`${tracesPath} not found; tract documents carry "trace": null`);
    const notInTiger = score.geoids.filter((g) => !geo.tracts.has(g));
    if (notInTiger.length > 0)
      warnings.push(
        `${notInTiger.length} score tracts are absent from the tract polygons (first: ${notInTiger[0]}); they are not drawn`,
      );

    const merged = mergeCounties(score, county.names);
    const labels = { label, methodology: version };
    const d = (p: string) => join(tmp, p);
    const dl = (name: string) => d(`data/score/downloadable/${name}`);

    step("score tables", 1, total);
    const counties = countiesTable(merged);
    const tile = tileTable(merged, version);
    // artifacts.md §2.3 rule 4: a boolean tile column other than the four flags should never be
    // missing; the tiles omit such values, and the operator hears about it.
    for (const f of tileFields(version))
      if (f.kind === "bool") {
        const nulls = tile.find((c) => c.name === f.code)?.values.filter((v) => v === null).length ?? 0;
        if (nulls > 0)
          warnings.push(
            `tile column ${f.code} (${f.source}) has ${nulls} missing values; they are omitted from the tiles`,
          );
      }
    // The tiles need only the tile table, the polygons and the tribal areas: they start now, in
    // a worker, and the rest of the release is written meanwhile.
    const sn = tile.find((c) => c.name === "SN_C")?.values ?? [];
    const geometryById = new Map(geo.features.map((f) => [f.geoid, f.geometry]));
    const low = lowZoomFeatures(merged.geoids, sn, (g) => geometryById.get(g) ?? null);
    const jobs: TilesetJob[] = [];
    if (options.skipTiles) gaps.push("tiles skipped on request");
    else {
      const tiles = { labels, sourceName: "census/geojson/us.json", minZoom: 5, maxZoom: 11 };
      const dir = (set: string) => d(`data/score/tiles/${set}`);
      const tree = (set: string) =>
        treeTmp === undefined ? {} : { treeDir: join(treeTmp, `data/score/tiles/${set}`) };
      jobs.push({
        kind: "tileset",
        options: {
          ...tiles,
          ...tree("high"),
          dir: dir("high"),
          name: "usa_high",
          archive: "usa_high",
          features: highTileFeatures(geo.features, tile, merged.geoids),
        },
      });
      const drawnLow = low.features.filter((f) => f.geometry !== null) as unknown as Feature[];
      if (drawnLow.length > 0)
        jobs.push({
          kind: "tileset",
          options: {
            ...tiles,
            ...tree("low"),
            dir: dir("low"),
            name: "usa_low",
            archive: "usa_low",
            features: drawnLow,
            minZoom: 0,
            maxZoom: 7,
          },
        });
    }
    if (tribal === undefined)
      gaps.push(`data/tribal/*: no tribal areas (pass --tribal or add <data>/${TRIBAL_GEOJSON_IN_DATA})`);
    else if (options.skipTiles) gaps.push("data/tribal/*: tiles skipped on request");
    else
      jobs.push({
        kind: "tribal",
        root: tmp,
        tribal,
        labels,
        ...(treeTmp !== undefined && { treeRoot: treeTmp }),
      });
    tileWork = runTileJobs(jobs, progress, options.tileWorker ?? true);
    // A worker got its own copy of the tile features: this thread's go as soon as nothing
    // holds them (locals of this function live until it returns).
    if (options.tileWorker ?? true) jobs.length = 0;

    const communities = communitiesTable(merged, version);
    const int64 = downloadFields(version)
      .filter((f) => f.format === "int64")
      .map((f) => f.label);
    // The big score tables and every Parquet file go to a second worker; the files the zips
    // need (communities CSV and workbook, codebook) are written here meanwhile.
    const tableJobs: TilesetJob[] = [
      {
        kind: "csv",
        files: [
          { path: d("data/score/csv/full/usa.csv"), table: 0 },
          { path: d("data/score/csv/full/usa_counties.csv"), table: 1, bom: true },
        ],
      },
      { kind: "parquet", path: d("data/score/csv/full/usa_score.parquet"), table: 0, labels },
      { kind: "parquet", path: d("data/score/csv/full/usa_counties.parquet"), table: 1, labels },
      { kind: "parquet", path: d("data/score/csv/tiles/usa.parquet"), table: 2, labels },
      {
        kind: "parquet",
        path: d(`data/score/downloadable/${label}-communities.parquet`),
        table: 3,
        labels,
        asInt64: int64,
      },
    ];
    tableWork = runTableJobs(
      tableJobs,
      [score.columns, counties, tile, communities],
      progress,
      options.tileWorker ?? true,
    );
    await writeCsvFile(d("data/score/csv/tiles/usa.csv"), tile);
    await writeFileAtomic(d("data/score/csv/tiles/tile_indexes.json"), tileIndexesJson(version));

    step("downloads", 2, total);
    await writeCsvFile(dl(`${label}-communities.csv`), communities);
    await writeCommunitiesXlsx(dl(`${label}-communities.xlsx`), communities);
    await writeFileAtomic(dl(`${label}-codebook.csv`), tableToCsv(codebookTable(version)));

    const counts = {
      tracts: score.geoids.length,
      mappedTracts: score.geoids.filter((g) => geo.tracts.get(g)?.mapped === true).length,
      identifiedTracts: sn.filter((v) => v === true).length,
    };

    step("documents", 3, total);
    if (options.documentsDir !== undefined) {
      for (const name of (await readdir(options.documentsDir)).sort()) {
        const src = join(options.documentsDir, name);
        if ((await stat(src)).isFile()) {
          await mkdir(dl(""), { recursive: true });
          await copyFile(src, dl(name));
        }
      }
    }
    const readme = `readme-version-${label}.md`;
    if (!(await exists(dl(readme))))
      await writeFileAtomic(dl(readme), defaultReadme(label, version, counts, options.synthetic ?? false));

    step("zips", 4, total);
    const codebook = `${label}-codebook.csv`;
    const member = (name: string) => ({ name, path: dl(name) });
    await writeZip(dl(`${label}-communities-csv.zip`), [
      member(`${label}-communities.csv`),
      member(codebook),
      member(readme),
    ]);
    await writeZip(dl(`${label}-communities-xls.zip`), [
      member(`${label}-communities.xlsx`),
      member(codebook),
      member(readme),
    ]);
    const pdfs = ["draft-communities-list.pdf", "cejst-technical-support-document.pdf"];
    const missingPdfs = [];
    for (const p of pdfs) if (!(await exists(dl(p)))) missingPdfs.push(p);
    if (missingPdfs.length === 0)
      await writeZip(dl(`${label}-data-documentation.zip`), [
        member(`${label}-communities.xlsx`),
        member(`${label}-communities.csv`),
        ...pdfs.map(member),
        member(readme),
      ]);
    else
      gaps.push(
        `${label}-data-documentation.zip: operator documents missing (${missingPdfs.join(", ")}); pass --documents`,
      );
    const shp = encodeShapefile(
      shapefileFields(version),
      tile,
      merged.geoids,
      (g) => (geometryById.get(g) ?? null) as PolygonGeometry | null,
    );
    const sd = (ext: string) => d(`data/score/shapefile/usa.${ext}`);
    await writeFileAtomic(sd("shp"), shp.shp);
    await writeFileAtomic(sd("shx"), shp.shx);
    await writeFileAtomic(sd("dbf"), shp.dbf);
    await writeFileAtomic(sd("prj"), shp.prj);
    await writeFileAtomic(sd("cpg"), shp.cpg);
    await writeZip(sd("zip"), [
      ...["shp", "shx", "dbf", "prj", "cpg"].map((ext) => ({ name: `usa.${ext}`, path: sd(ext) })),
      member(codebook),
    ]);
    await writeZip(dl(`${label}-shapefile-codebook.zip`), [
      { name: "usa.zip", path: sd("zip") },
      member(codebook),
      member(readme),
    ]);
    await writeHighGeojson(
      d("data/score/geojson/usa-high.json"),
      tile,
      merged.geoids,
      (g) => geometryById.get(g) ?? null,
    );
    if (low.summary.warning) warnings.push(low.summary.warning);
    await writeGeojsonFeatures(d("data/score/geojson/usa-low.json"), low.features);

    step("search", 5, total);
    await writeFileAtomic(d("data/score/search/tracts.json"), compatSearchIndex(geo.tracts));
    await writeFileAtomic(
      d("api/search/tracts.json"),
      JSON.stringify(searchTracts(label, score.geoids, geo.tracts)),
    );
    const places = await readPlaces(join(options.dataDir, "census", "csv", "places.csv"));
    await writeFileAtomic(
      d("api/search/names.json"),
      JSON.stringify(searchNames(label, merged, geo.tracts, places)),
    );

    step("tract documents", 6, total);
    if (traces !== null) {
      const check = traceMismatches(traces.traces, merged.geoids, tile);
      if (check.mismatches.length > 0)
        throw new GateFailed(
          `${check.mismatches.length} decision traces disagree with the score table (first: ${check.mismatches[0]})`,
        );
      if (check.missing > 0)
        warnings.push(
          `${check.missing} score tracts have no decision trace; their documents carry "trace": null`,
        );
    }
    const docInputs = {
      label,
      methodology: version,
      merged,
      tile,
      tracts: geo.tracts,
      traces: null,
    };
    // The whole tree is a temp folder renamed at the end, so shards need no atomic writes.
    await mkdir(d("api/tracts"), { recursive: true });
    await writeTractShards(d("api/tracts"), docInputs, traces);
    traces = null;
    await writeFileAtomic(d("api/openapi.json"), JSON.stringify(openApiDocument(label, version)));
    const table = tractTable(label, version, merged, geo.tracts);
    await writeFileAtomic(d("api/table/index.json"), JSON.stringify(table.index));
    for (const shard of table.shards)
      await writeFileAtomic(d(`api/table/${shard.state}.json`), JSON.stringify(shard));
    if (version === "2.0")
      await writeFileAtomic(d("api/changes/1.0.json"), JSON.stringify(changeTotals(label, merged)));

    step("tiles", 7, total);
    await tileWork.done;
    await tableWork.done;
    step("manifest", 8, total);
    const files = await writeBuildManifest(tmp, {
      label,
      methodology: version,
      synthetic: options.synthetic ?? false,
      counts,
      comparisons: version === "2.0" ? ["1.0"] : [],
    });
    await rename(tmp, options.outDir);
    if (treeTmp !== undefined && options.tileDirs !== undefined) await rename(treeTmp, options.tileDirs);
    step("done", total, total);
    return { outDir: options.outDir, files, counts, warnings, gaps };
  } catch (e) {
    await traceWork.cancel();
    await tileWork.cancel();
    await tableWork.cancel();
    await rm(tmp, { recursive: true, force: true });
    if (treeTmp !== undefined) await rm(treeTmp, { recursive: true, force: true });
    throw e;
  }
}

const noop = () => {};

interface TileWork {
  done: Promise<void>;
  cancel: () => Promise<void>;
}

/**
 * Starts the tile jobs, in a worker or on this thread. A failure surfaces when `done` is
 * awaited, never as an unhandled rejection in between.
 */
function runTileJobs(jobs: readonly TilesetJob[], progress: ProgressSink, inWorker: boolean): TileWork {
  if (jobs.length === 0) return { done: Promise.resolve(), cancel: async () => {} };
  let work: TileWork;
  if (inWorker) work = writeTilesetsInWorker(jobs, progress);
  else {
    const done = runTilesetJobs(jobs, progress);
    work = { done, cancel: () => done.then(noop, noop) };
  }
  work.done.catch(noop);
  return work;
}

/** Starts reading the decision traces, in a worker or on this thread. */
function readTraces(
  path: string,
  inWorker: boolean,
): { done: Promise<TraceBytes | null>; cancel: () => Promise<void> } {
  let work: { done: Promise<TraceBytes | null>; cancel: () => Promise<void> };
  if (inWorker) work = readTraceBytesInWorker(path);
  else {
    const done = readTraceBytes(path);
    work = { done, cancel: () => done.then(noop, noop) };
  }
  work.done.catch(noop);
  return work;
}

/** Starts the CSV and Parquet jobs of {@link buildArtifacts}, in a worker or on this thread. */
function runTableJobs(
  jobs: readonly TilesetJob[],
  tables: ReadonlyArray<readonly TableColumn[]>,
  progress: ProgressSink,
  inWorker: boolean,
): TileWork {
  let work: TileWork;
  if (inWorker) work = writeTilesetsInWorker(jobs, progress, packTables(tables));
  else {
    const done = runTilesetJobs(jobs, progress, tables);
    work = { done, cancel: () => done.then(noop, noop) };
  }
  work.done.catch(noop);
  return work;
}

/** The high-zoom tileset (artifacts.md §2.3): drawn tracts in table order with their tile properties. */
function highTileFeatures(
  features: readonly TractFeature[],
  tile: readonly TableColumn[],
  geoids: readonly string[],
) {
  const rowOf = new Map(geoids.map((g, i) => [g, i]));
  const drawn = features
    .filter((f) => f.geometry !== null && rowOf.has(f.geoid))
    .sort((a, b) => (rowOf.get(a.geoid) as number) - (rowOf.get(b.geoid) as number));
  if (drawn.length === 0) throw new Error("tiles need at least one drawn tract (got none)");
  return drawn.map((f) => ({
    type: "Feature" as const,
    properties: highTileProperties(tile, rowOf.get(f.geoid) as number, f.geoid),
    geometry: f.geometry as unknown as Geometry,
  }));
}

/** `<data>/tribal/geographic_data/usa.json`, the original pipeline's place for tribal areas, if present. */
async function defaultTribalSource(dataDir: string): Promise<string | undefined> {
  const path = join(dataDir, TRIBAL_GEOJSON_IN_DATA);
  return (await exists(path)) ? path : undefined;
}

/** Reads a built folder's manifest (for checks and the CLI's summary). */
export async function readBuildManifest(outDir: string): Promise<{ content: { files: ManifestFile[] } }> {
  return JSON.parse(await readFile(join(outDir, "manifest.json"), "utf8")) as {
    content: { files: ManifestFile[] };
  };
}
