/**
 * Published artifacts of a release: downloads (CSV, XLSX, Parquet, codebook, zips),
 * compatibility score tables, search indexes and per-tract JSON documents.
 */

/** The codebook and the shapefile field names (artifacts.md §3.6–3.7). */
export {
  CODEBOOK_COLUMNS,
  codebookTable,
  ISLAND_AREAS_EXPLANATION,
  LOW_PERCENTILE_EXPLANATION,
  PERCENTILE_EXPLANATION,
  type ShapefileField,
  shapefileFields,
} from "./codebook.ts";
/** The communities workbook (artifacts.md §3.4). */
export { writeCommunitiesXlsx } from "./communities-xlsx.ts";
/** CSV rendering with the original's number formatting (artifacts.md §3.3). */
export { csvLines, formatCell, tableToCsv, writeCsvFile } from "./csv-writer.ts";
/** Download column list and formats (artifacts.md §3.1–3.2, §3.10). */
export { type DownloadField, type DownloadFormat, downloadFields } from "./download-field.ts";
/** Parquet siblings (artifacts.md §3.9). */
export { type ParquetLabels, tableToParquet, writeParquetFile } from "./parquet.ts";
/** Reading the full score CSV into typed columns. */
export {
  type Cell,
  type CellKind,
  readScoreTable,
  type ScoreTable,
  sortTable,
  type TableColumn,
} from "./score-table.ts";
/** State FIPS table (2010). */
export { STATES, type StateInfo, stateOf } from "./states.ts";
/** Derived tables: county merge, communities, tile table, tile index. */
export {
  asciiJson,
  communitiesTable,
  countiesTable,
  floorTo,
  formatDownloadValue,
  mergeCounties,
  tileIndexesJson,
  tileTable,
} from "./tables.ts";
/** High-tile property table and the computed UI columns (artifacts.md §2.3). */
export {
  isIslandArea,
  type TileField,
  type TileFieldKind,
  thresholdCount,
  tileFields,
  uiExperience,
} from "./tile-field.ts";
/** Deterministic zips (artifacts.md §3.8). */
export { writeZip, ZIP_EPOCH, type ZipMember } from "./zip.ts";
