/**
 * @cejst/tiles: GeoJSON → geojson-vt → vt-pbf → our own PMTiles v3 writer.
 *
 * The pipeline knows nothing of CEJST columns: callers choose the layer name, zooms and the
 * properties of each feature.
 */

export {
  type BuildTileArchiveOptions,
  buildTileArchive,
  type EncodedTile,
  type TileArchiveSummary,
  type TileStats,
  type VectorLayer,
  type ZoomSummary,
} from "./build-tile-archive.ts";
export { type ByteSink, fileByteSink, memoryByteSink } from "./byte-sink.ts";
export {
  type ArchiveTileBytes,
  type DecodedArchive,
  type DecodedFeature,
  type DecodedLayer,
  type DecodedTile,
  decodeArchive,
  decodeArchiveGeojson,
  decodeTile,
  fileSource,
  type GeojsonTile,
  readArchiveTiles,
} from "./decode-archive.ts";
export { encodeTile, gzipBytes } from "./encode.ts";
export {
  type AttributeStats,
  type FeatureSet,
  type FeatureSetStats,
  type FieldType,
  normalizeFeatures,
  type PropertyMapper,
  type TileFeature,
  type TileProperties,
  type TileValue,
} from "./features.ts";
export {
  type MbtilesContents,
  type MbtilesTile,
  type MbtilesWriteResult,
  type MbtilesWriter,
  openMbtilesWriter,
  readMbtiles,
} from "./mbtiles.ts";
export {
  type ArchiveTile,
  type PmtilesWriteOptions,
  type PmtilesWriteResult,
  writePmtiles,
} from "./pmtiles-writer.ts";
export {
  type PointThinning,
  type Simplification,
  type SlicedTile,
  type SliceOptions,
  sliceTiles,
} from "./slice.ts";
export { zxyToTileId } from "./tile-id.ts";
export { formatTippecanoeMetadata, type TippecanoeMetadataOptions } from "./tippecanoe-metadata.ts";
