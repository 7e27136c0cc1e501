import { randomBytes } from "node:crypto";
import { access, mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import {
  computeScoreTable,
  INPUT_COLUMNS,
  type MethodologyVersion,
  type ScoreTableInput,
  type ScoreTableResult,
} from "@cejst/methodology";
import { InputMissingError, noProgress, type ProgressSink } from "@cejst/schema";
import { computeTouchingNeighbours } from "./compute-touching-neighbours.ts";
import { datasetFilesFor } from "./dataset-files.ts";
import { type InputColumnKind, inputColumnKind } from "./input-column-kind.ts";
import { joinSources } from "./join-sources.ts";
import { readSourceTable, type SourceTable } from "./read-source-table.ts";
import { readTractList } from "./read-tract-list.ts";
import { readTractPolygons } from "./read-tract-polygons.ts";
import { readV1Results } from "./read-v1-results.ts";
import { writeScoreCsv } from "./write-score-csv.ts";
import { writeScoreParquet } from "./write-score-parquet.ts";
import { writeScoreTablesInWorker } from "./write-tables-in-worker.ts";
import { writeTraces } from "./write-traces.ts";

/** The tract list and polygons, relative to the dataset folder. */
export const TRACT_LIST_PATH = "census/csv/us.csv";
export const TRACT_POLYGONS_PATH = "census/geojson/us.json";

/** The final flag, counted in the summary. */
const FINAL_COLUMN = "Definition N community, including adjacency index tracts";

/** The methodology core: `computeScoreTable` of `@cejst/methodology` unless replaced. */
export type ComputeScoreTable = (
  input: ScoreTableInput,
  options: { onProgress?: ProgressSink },
) => Pick<ScoreTableResult, "columns" | "trace">;

/** Options of one score run. */
export interface ScoreOptions {
  /** The dataset folder in the original's layout (`dataset/…`, `census/…`). */
  dataDir: string;
  version: MethodologyVersion;
  /** Output folder; the run writes `<outDir>/score/`. */
  outDir: string;
  /** 1.0 results for grandfathering (2.0 only). */
  v1ResultsPath?: string;
  /** Replaces the methodology (tests of the I/O around it). */
  compute?: ComputeScoreTable;
  progress?: ProgressSink;
  /** Write the CSV and Parquet files in a worker thread while the traces are written (default). */
  tablesInWorker?: boolean;
}

/** Paths written and what a run found. */
export interface ScoreSummary {
  version: MethodologyVersion;
  tracts: number;
  columns: number;
  /** Tracts whose final flag is true (`null` when the table has no such column). */
  disadvantaged: number | null;
  /** Tracts of the universe without polygons (no neighbours). */
  tractsWithoutGeometry: number;
  files: { csv: string; parquet: string; traces: string };
  /** Wall time of each stage in milliseconds. */
  timingsMs: Record<"read" | "join" | "adjacency" | "score" | "write", number>;
  /** Wall time of each file of the write stage in milliseconds. */
  writeMs: { csv: number; parquet: number; traces: number };
}

/** What `prepareScoreInput` produces: the methodology's input and what reading found. */
export interface PreparedScoreInput {
  input: ScoreTableInput;
  /** Tracts of the universe without polygons (no neighbours). */
  tractsWithoutGeometry: number;
  timingsMs: { read: number; join: number; adjacency: number };
}

/**
 * Everything before scoring: checks that every file is present, reads and validates the
 * sources, the tract list and the 1.0 results, joins them on the universe and computes the
 * neighbour graph. Same errors as `runScore`; writes nothing.
 */
export async function prepareScoreInput(
  options: Pick<ScoreOptions, "dataDir" | "version" | "v1ResultsPath" | "progress">,
): Promise<PreparedScoreInput> {
  const progress = options.progress ?? noProgress;
  const timingsMs = { read: 0, join: 0, adjacency: 0 };
  let clock = performance.now();
  const lap = (stage: keyof typeof timingsMs) => {
    const now = performance.now();
    timingsMs[stage] = now - clock;
    clock = now;
  };

  const specs = datasetFilesFor(options.version);
  const inputs = INPUT_COLUMNS[options.version];
  const flags = new Set(inputs.flags);
  const texts = new Set(inputs.text);
  const kindOf = (name: string): InputColumnKind =>
    flags.has(name) ? "flag" : texts.has(name) ? "text" : inputColumnKind(name);
  const needed = [...specs.map((s) => s.path), TRACT_LIST_PATH, TRACT_POLYGONS_PATH].map((p) =>
    join(options.dataDir, p),
  );
  if (options.v1ResultsPath !== undefined) needed.push(options.v1ResultsPath);
  const missing: string[] = [];
  for (const path of needed) if (!(await exists(path))) missing.push(path);
  if (missing.length > 0)
    throw new InputMissingError(
      missing[0] as string,
      `file the score needs is missing${missing.length > 1 ? ` (and ${missing.length - 1} more: ${missing.slice(1).join(", ")})` : ""}`,
    );

  const total = specs.length + 2 + (options.v1ResultsPath ? 1 : 0);
  let done = 0;
  const sources: SourceTable[] = [];
  for (const spec of specs) {
    progress({ stage: "read", done: done++, total, unit: "files", detail: spec.path });
    sources.push(await readSourceTable(options.dataDir, spec, kindOf));
  }
  progress({ stage: "read", done: done++, total, unit: "files", detail: TRACT_LIST_PATH });
  const tractList = await readTractList(join(options.dataDir, TRACT_LIST_PATH));
  let v1: Map<string, boolean | null> | undefined;
  if (options.v1ResultsPath !== undefined) {
    progress({ stage: "read", done: done++, total, unit: "files", detail: options.v1ResultsPath });
    v1 = await readV1Results(options.v1ResultsPath);
  }
  lap("read");

  const joined = joinSources(tractList, sources, v1);
  sources.length = 0;
  progress({ stage: "join", done: joined.geoids.length, total: joined.geoids.length, unit: "tracts" });
  lap("join");

  progress({ stage: "read", done: done++, total, unit: "files", detail: TRACT_POLYGONS_PATH });
  const universe = new Map(joined.geoids.map((g, i) => [g, i]));
  const geometry = await readTractPolygons(join(options.dataDir, TRACT_POLYGONS_PATH), universe);
  const neighbours = computeTouchingNeighbours(geometry.polygons, progress);
  lap("adjacency");

  return {
    input: {
      version: options.version,
      geoids: joined.geoids,
      numeric: joined.numeric,
      flags: joined.flags,
      text: joined.text,
      neighbours,
      aland10: geometry.aland10,
    },
    tractsWithoutGeometry: geometry.missing,
    timingsMs,
  };
}

/**
 * The score stage: reads the dataset folder, validates and joins the sources on the tract
 * universe, computes the touching-neighbour graph, runs the methodology and writes
 * `<out>/score/csv/full/usa.csv`, `<out>/score/parquet/usa.parquet` and
 * `<out>/score/traces/usa.jsonl`. Everything is written into a temporary folder beside
 * `<out>/score` and renamed into place at the end, so a failing run leaves no partial
 * output (a previous `<out>/score` is replaced only by a complete one).
 *
 * @throws InputMissingError when a file the score needs is absent
 * @throws InputSchemaError when a file fails validation (file, line and column named)
 */
export async function runScore(options: ScoreOptions): Promise<ScoreSummary> {
  const progress = options.progress ?? noProgress;
  const prepared = await prepareScoreInput(options);
  const { input } = prepared;
  const timingsMs = { ...prepared.timingsMs, score: 0, write: 0 };
  let clock = performance.now();
  const lap = (stage: "score" | "write") => {
    const now = performance.now();
    timingsMs[stage] = now - clock;
    clock = now;
  };

  progress({ stage: "score", done: 0, total: input.geoids.length, unit: "tracts" });
  const compute = options.compute ?? computeScoreTable;
  const result = compute(input, { onProgress: progress });
  progress({ stage: "score", done: input.geoids.length, total: input.geoids.length, unit: "tracts" });
  lap("score");
  const final = result.columns.find((c) => c.name === FINAL_COLUMN);
  const disadvantaged = final ? final.values.filter((v) => v === true).length : null;
  const columnCount = result.columns.length;

  const scoreDir = join(options.outDir, "score");
  const tmp = join(options.outDir, `.score-${process.pid}-${randomBytes(4).toString("hex")}`);
  const writeMs = { csv: 0, parquet: 0, traces: 0 };
  const rel = { csv: "csv/full/usa.csv", parquet: "parquet/usa.parquet", traces: "traces/usa.jsonl" };
  try {
    for (const p of Object.values(rel)) await mkdir(join(tmp, p, ".."), { recursive: true });
    const paths = { csv: join(tmp, rel.csv), parquet: join(tmp, rel.parquet) };
    let written = 0;
    // `detail` names the file just finished.
    const wrote = (detail: string) =>
      progress({ stage: "write", done: ++written, total: 3, unit: "files", detail });
    progress({ stage: "write", done: 0, total: 3, unit: "files" });
    // The table goes to a worker (second core) while this thread writes the traces.
    const tables =
      options.tablesInWorker === false
        ? null
        : writeScoreTablesInWorker(result.columns, paths).then((ms) => {
            writeMs.csv = ms.csv;
            writeMs.parquet = ms.parquet;
            wrote(rel.csv);
            wrote(rel.parquet);
          });
    // Keep the rejection handled while the traces are written; it is awaited below.
    tables?.catch(() => {});
    // The worker has its own copy; dropping ours keeps the peak at one copy of the table.
    if (tables !== null) result.columns.length = 0;
    if (tables === null) {
      let t = performance.now();
      await writeScoreCsv(paths.csv, result.columns);
      writeMs.csv = performance.now() - t;
      wrote(rel.csv);
      t = performance.now();
      await writeScoreParquet(paths.parquet, result.columns);
      writeMs.parquet = performance.now() - t;
      wrote(rel.parquet);
    }
    const t = performance.now();
    await writeTraces(join(tmp, rel.traces), input.geoids, (row) => result.trace(row));
    writeMs.traces = performance.now() - t;
    wrote(rel.traces);
    if (tables !== null) await tables;
    await replaceDirectory(tmp, scoreDir);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  lap("write");

  return {
    version: options.version,
    tracts: input.geoids.length,
    columns: columnCount,
    disadvantaged,
    tractsWithoutGeometry: prepared.tractsWithoutGeometry,
    files: {
      csv: join(scoreDir, rel.csv),
      parquet: join(scoreDir, rel.parquet),
      traces: join(scoreDir, rel.traces),
    },
    timingsMs,
    writeMs,
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Moves `from` to `to`; an existing `to` is moved aside first and removed after. */
async function replaceDirectory(from: string, to: string): Promise<void> {
  const old = `${from}-previous`;
  const hadOld = await exists(to);
  if (hadOld) await rename(to, old);
  try {
    await rename(from, to);
  } catch (e) {
    if (hadOld) await rename(old, to);
    throw e;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
}
