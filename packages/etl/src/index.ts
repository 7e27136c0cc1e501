/** The ACS 2015–2019 variables the census_acs adapter reads from each Census API response. */
export { ACS_VARIABLES } from "./datasets/census_acs/adapter.ts";
/** numpy `round(x, 10)`, as the NRI adapter applies it (methodology §6.4). */
export { nri10 } from "./datasets/national_risk_index/nri10.ts";
/** Source adapters: one per dataset, keyed by the original's ETL name. */
export { DATASET_IDS, DATASETS, isDatasetId } from "./datasets/registry.ts";
/** Runs one adapter: raw files in, `dataset/<name>/usa.csv` (or `census/…`) out. */
export { type RunEtlOptions, type RunEtlResult, runEtl } from "./datasets/run-etl.ts";
/** The adapter contract and dataset names. */
export type { DatasetAdapter, DatasetId, ExtractContext, OutputFile } from "./datasets/types.ts";
/** Errors across worker threads: flattened for `postMessage`, revived as the class thrown. */
export {
  reviveWorkerError,
  type SerializedWorkerError,
  serializeWorkerError,
} from "./fetch/etl-worker.ts";
/** Sources: pinned, cached, resumable downloads of the raw files, and `cejst etl all`. */
export {
  type FetchedFile,
  type FetchedSource,
  type FetchOptions,
  fetchFile,
  fetchSource,
  sha256File,
} from "./fetch/fetch-source.ts";
/** `cejst etl all`: every configured source fetched, then every adapter run, `census` first. */
export {
  type EtlAllDataset,
  type EtlAllOptions,
  type EtlAllResult,
  etlOrder,
  runEtlAll,
} from "./fetch/run-etl-all.ts";
/** The sources configuration: per dataset its pinned files, licence and notes; an optional mirror. */
export {
  mirrorBase,
  mirroredUrl,
  PLACEHOLDER_SHA256,
  parseSourcesConfig,
  readSourcesConfig,
  type SourceFile,
  type SourceItem,
  type SourcesConfig,
} from "./fetch/sources-config.ts";
export { csvField, csvLine, writeFileAtomic } from "./io/atomic-write.ts";
/** Writes a large text file from many small strings through one reused buffer. */
export { BufferedTextWriter } from "./io/buffered-text-writer.ts";
export {
  type CsvTable,
  parseBoolCell,
  parseCsvText,
  parseNumberCell,
  readCsvFile,
  requireColumn,
} from "./io/csv-table.ts";
export { formatFixed10, formatPythonFloat } from "./io/float-format.ts";
/** One CSV record that holds quotes, scanned from a text under the rules of the fast readers. */
export { scanQuotedRecord } from "./io/scan-csv-text.ts";
/** Score stage: the touching-neighbour graph of tract polygons (methodology §11.2). */
export { computeTouchingNeighbours } from "./score/compute-touching-neighbours.ts";
/** Score stage: the dataset files each methodology reads. */
export { type DatasetFileSpec, datasetFilesFor, GEOID_COLUMN } from "./score/dataset-files.ts";
/** Score stage: `census/geojson/us.json` aligned with the tract universe. */
export { parseTractPolygons, readTractPolygons, type UniverseGeometry } from "./score/read-tract-polygons.ts";
/** Score stage: the 1.0 results used for 2.0 grandfathering. */
export { readV1Results, V1_FINAL_COLUMN, V1_FLAG_COLUMN } from "./score/read-v1-results.ts";
/** Score stage: `cejst score` end to end, from a dataset folder to `<out>/score/`. */
export {
  type ComputeScoreTable,
  type PreparedScoreInput,
  prepareScoreInput,
  runScore,
  type ScoreOptions,
  type ScoreSummary,
  TRACT_LIST_PATH,
  TRACT_POLYGONS_PATH,
} from "./score/run-score.ts";
/** Score stage: tract polygons packed into typed arrays. */
export { packTractPolygons, type Ring, type TractPolygons } from "./score/tract-polygons.ts";
/** Score stage: one score-table cell as the original's CSV writes it. */
export { formatScoreCell } from "./score/write-score-csv.ts";
