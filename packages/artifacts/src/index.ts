/**
 * Published artifacts of a release: downloads (CSV, XLSX, Parquet, codebook, zips),
 * compatibility score tables, search indexes and per-tract JSON documents.
 */

/** The whole build (`cejst build`). */
export {
  type BuildArtifactsOptions,
  type BuildArtifactsResult,
  buildArtifacts,
  readBuildManifest,
  readCountyNames,
} from "./build-artifacts.ts";
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
export {
  type CsvFileSpec,
  csvLines,
  formatCell,
  tableToCsv,
  writeCsvFile,
  writeCsvFiles,
} from "./csv-writer.ts";
/** Download column list and formats (artifacts.md §3.1–3.2, §3.10). */
export { type DownloadField, type DownloadFormat, downloadFields } from "./download-field.ts";
/** The high GeoJSON (artifacts.md §2.3 source). */
export { FLAG_CODES, highGeojsonProperties, writeGeojsonFeatures, writeHighGeojson } from "./geojson.ts";
/** JSON-Schema subset validator used to check documents against the OpenAPI schemas. */
export { type JsonSchema, validateJson } from "./json-schema.ts";
/** The low-zoom layer (artifacts.md §2.4). */
export { type LowFeature, type LowZoomSummary, lowZoomFeatures } from "./low-zoom.ts";
/** Manifest, checksums, content types and roles (artifacts.md §1.6). */
export {
  contentTypeOf,
  type ManifestContent,
  type ManifestFile,
  roleOf,
  writeBuildManifest,
} from "./manifest.ts";
/** The OpenAPI document (artifacts.md §4.6). */
export { openApiDocument, tractDocumentSchema } from "./openapi.ts";
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
/** Search indexes (artifacts.md §4.1–4.2). */
export {
  compatSearchIndex,
  type SearchNames,
  type SearchTractRow,
  type SearchTracts,
  searchNames,
  searchTracts,
} from "./search.ts";
/** The tract shapefile (artifacts.md §3.7). */
export {
  encodeShapefile,
  type PolygonGeometry,
  type ShapefileParts,
  shapeRings,
  WGS84_PRJ,
} from "./shapefile.ts";
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
/** One tileset in every published form: pbf tree, PMTiles, MBTiles, metadata.json (artifacts.md §2.6). */
export { type TilesetOptions, tilesetMetadataJson, writeTileset } from "./tileset.ts";
/** Tract documents and their county shards (artifacts.md §4.3, README decision 1). */
export {
  readTraces,
  readTraceTexts,
  TRACT_SCHEMA_VERSION,
  type TraceText,
  type TractDocument,
  type TractDocumentInputs,
  tractDocument,
  tractShards,
} from "./tract-documents.ts";
/** TIGER tract records: internal points, bounds, drawn or not. */
export {
  type BBox,
  geometryBBox,
  readTractGeometry,
  type TractFeature,
  type TractGeometry,
  tigerCoordinate,
  unionBBox,
} from "./tract-geometry.ts";
/** Tract table shards and change totals (artifacts.md §4.4–4.5). */
export {
  type ChangeTotals,
  changeTotals,
  TRACT_TABLE_COLUMNS,
  type TractTableIndex,
  type TractTableShard,
  tractTable,
} from "./tract-table.ts";
/** Tribal areas: reading the BIA sources or the merged GeoJSON, and the tribal tileset (artifacts.md §2.5). */
export {
  readTribalAreas,
  TRIBAL_GEOJSON_IN_DATA,
  type TribalAreas,
  type TribalArtifacts,
  type TribalFeature,
  tribalSourceFiles,
  writeTribalArtifacts,
} from "./tribal-areas.ts";
/** Deterministic zips (artifacts.md §3.8). */
export { writeZip, ZIP_EPOCH, type ZipMember } from "./zip.ts";
