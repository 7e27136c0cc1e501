import { createHash } from "node:crypto";
import { noProgress, type ProgressSink } from "@cejst/schema";
import type { Feature } from "geojson";
import { type ByteSink, fileByteSink } from "./byte-sink.ts";
import { encodeTile, gzipBytes } from "./encode.ts";
import { type AttributeStats, type FieldType, normalizeFeatures, type PropertyMapper } from "./features.ts";
import { startGzipPool } from "./gzip-pool.ts";
import { type ArchiveTile, type PmtilesWriteResult, writePmtiles } from "./pmtiles-writer.ts";
import { type PointThinning, type Simplification, sliceTiles } from "./slice.ts";

/** A tile as the archive stores it, before gzip: what a `{z}/{x}/{y}.pbf` file holds. */
export interface EncodedTile {
  z: number;
  x: number;
  y: number;
  /** Uncompressed MVT bytes. */
  data: Uint8Array;
  /** The gzipped bytes the archive stores for this tile (what an MBTiles file holds too). */
  gzipped: Uint8Array;
}

/** The `vector_layers` entry of TileJSON / PMTiles metadata. */
export interface VectorLayer {
  id: string;
  fields: Record<string, FieldType>;
  minzoom: number;
  maxzoom: number;
}

/** Input, zooms, destination and hooks of one {@link buildTileArchive} run. */
export interface BuildTileArchiveOptions {
  /** WGS84 features; null geometries are dropped. */
  features: AsyncIterable<Feature> | Iterable<Feature>;
  /** The single MVT layer's name. */
  layer: string;
  minZoom: number;
  maxZoom: number;
  /** geojson-vt tolerance and buffer. */
  simplification?: Simplification;
  /** Thin point features below a base zoom (the tribal villages); other geometries are kept. */
  pointThinning?: PointThinning;
  /** @defaultValue 4096 */
  extent?: number;
  /** Picks each feature's tile properties; null values are omitted. @defaultValue the feature's properties */
  properties?: PropertyMapper;
  /**
   * Archive destination: a sink, or a file path written atomically. The build owns the sink:
   * it calls `close` on success and `abort` on failure.
   */
  sink: ByteSink | string;
  onProgress?: ProgressSink;
  /**
   * Receives every tile, uncompressed, in archive order, before it is gzipped for the archive,
   * so `{z}/{x}/{y}.pbf` files can be written from the same bytes.
   */
  onTile?: (tile: EncodedTile) => void | Promise<void>;
  /**
   * Gzip the tiles on a second thread while the next ones are sliced and encoded. Same bytes
   * either way. @defaultValue false
   */
  gzipThread?: boolean;
  /** Merged into the archive's JSON metadata (`name`, `attribution`, …). */
  metadata?: Record<string, unknown>;
  /** Names the input in error messages. */
  sourceName?: string;
}

/** Layer statistics in tippecanoe's `tilestats` layout (counted over the input features). */
export interface TileStats {
  layerCount: number;
  layers: Array<{
    layer: string;
    count: number;
    geometry: "Point" | "LineString" | "Polygon";
    attributeCount: number;
    attributes: AttributeStats[];
  }>;
}

/** Per-zoom totals of an archive. */
export interface ZoomSummary {
  zoom: number;
  tiles: number;
  /** Gzipped tile bytes at this zoom, counting duplicates each time. */
  bytes: number;
}

/** What {@link buildTileArchive} produced. */
export interface TileArchiveSummary {
  /** Tiles in the archive (addressable). */
  tiles: number;
  /** Distinct tile contents stored. */
  tileContents: number;
  /** Archive length in bytes. */
  bytes: number;
  perZoom: ZoomSummary[];
  /** [west, south, east, north] of the input geometry. */
  bounds: [number, number, number, number];
  /** [lon, lat, zoom]. */
  center: [number, number, number];
  features: number;
  droppedNullGeometry: number;
  vectorLayers: VectorLayer[];
  tilestats: TileStats;
  /** The metadata JSON as stored. */
  metadata: Record<string, unknown>;
  archive: PmtilesWriteResult;
  durationMs: number;
}

const WEB_MERCATOR_MAX_LAT = 85.0511287798066;

/**
 * Builds a PMTiles archive of MVT tiles from GeoJSON, in four stages:
 * normalise features (drop null geometries, omit null properties), slice them with geojson-vt,
 * encode each tile with vt-pbf and gzip it, and write the archive with our PMTiles v3 writer.
 * The same input gives a byte-identical archive. On failure the sink is aborted.
 */
export async function buildTileArchive(options: BuildTileArchiveOptions): Promise<TileArchiveSummary> {
  const started = performance.now();
  const progress = options.onProgress ?? noProgress;
  const extent = options.extent ?? 4096;
  const { layer, minZoom, maxZoom } = options;
  if (layer.length === 0) throw new Error('layer must be a non-empty name (got "")');

  const sink = typeof options.sink === "string" ? fileByteSink(options.sink) : options.sink;
  const pool = options.gzipThread ? startGzipPool() : undefined;
  try {
    progress({ stage: "features", done: 0, unit: "features" });
    const { features, stats } = await normalizeFeatures(options.features, {
      ...(options.properties && { properties: options.properties }),
      ...(options.sourceName !== undefined && { sourceName: options.sourceName }),
    });
    progress({ stage: "features", done: stats.features, total: stats.features, unit: "features" });
    if (stats.bounds === undefined) throw new Error("features must include at least one geometry (got none)");

    const bounds = clampBounds(stats.bounds);
    const center: [number, number, number] = [
      (bounds[0] + bounds[2]) / 2,
      (bounds[1] + bounds[3]) / 2,
      minZoom,
    ];
    const vectorLayers: VectorLayer[] = [
      { id: layer, fields: stats.fields, minzoom: minZoom, maxzoom: maxZoom },
    ];
    const metadata: Record<string, unknown> = {
      name: layer,
      format: "pbf",
      type: "overlay",
      generator: "@cejst/tiles",
      ...options.metadata,
      minzoom: minZoom,
      maxzoom: maxZoom,
      bounds,
      center,
      vector_layers: vectorLayers,
    };

    const perZoom = new Map<number, ZoomSummary>();
    let done = 0;
    async function* archiveTiles(): AsyncGenerator<ArchiveTile> {
      const sliced = sliceTiles(features, {
        ...options.simplification,
        minZoom,
        maxZoom,
        extent,
        ...(options.pointThinning && { pointThinning: options.pointThinning }),
      });
      // Tiles repeat (a tract's interior at several tiles, ocean): a repeat is gzipped once.
      // gzip is deterministic, so the bytes are those a second gzip would give.
      const gzippedByRaw = new Map<string, Promise<Uint8Array> | Uint8Array>();
      // With a gzip thread, tiles wait in a window while it compresses them, and leave in
      // order: the archive is the same as when each is gzipped here.
      const window: Array<
        Omit<EncodedTile, "gzipped"> & { tileId: number; gzipped: Promise<Uint8Array> | Uint8Array }
      > = [];
      const depth = pool === undefined ? 0 : 256;
      const emit = async (t: (typeof window)[number]): Promise<ArchiveTile> => {
        let data = t.gzipped;
        if (data instanceof Promise) {
          pool?.flush();
          data = await data;
        }
        if (options.onTile) await options.onTile({ z: t.z, x: t.x, y: t.y, data: t.data, gzipped: data });
        const zoom = perZoom.get(t.z) ?? { zoom: t.z, tiles: 0, bytes: 0 };
        zoom.tiles++;
        zoom.bytes += data.length;
        perZoom.set(t.z, zoom);
        if (++done % 512 === 0) progress({ stage: "tiles", done, unit: "tiles", detail: `z${t.z}` });
        return { tileId: t.tileId, data };
      };
      for (const { z, x, y, tileId, tile } of sliced) {
        const raw = encodeTile(layer, tile, extent);
        const key = createHash("sha256").update(raw).digest("base64");
        let gzipped = gzippedByRaw.get(key);
        if (gzipped === undefined) {
          gzipped = pool === undefined ? gzipBytes(raw) : pool.gzip(raw);
          gzippedByRaw.set(key, gzipped);
        }
        window.push({ z, x, y, tileId, data: raw, gzipped });
        while (window.length > depth) yield await emit(window.shift() as (typeof window)[number]);
      }
      while (window.length > 0) yield await emit(window.shift() as (typeof window)[number]);
      progress({ stage: "tiles", done, total: done, unit: "tiles" });
    }

    const archive = await writePmtiles(archiveTiles(), sink, {
      minZoom,
      maxZoom,
      bounds,
      center,
      metadata,
      tileType: "mvt",
      tileCompression: "gzip",
    });
    await sink.close();
    progress({ stage: "write", done: archive.bytes, total: archive.bytes, unit: "bytes" });
    return {
      tiles: archive.addressedTiles,
      tileContents: archive.tileContents,
      bytes: archive.bytes,
      perZoom: [...perZoom.values()],
      bounds,
      center,
      features: stats.features,
      droppedNullGeometry: stats.droppedNullGeometry,
      vectorLayers,
      tilestats: {
        layerCount: 1,
        layers: [
          {
            layer,
            count: stats.features,
            geometry: mostCommon(stats.geometries),
            attributeCount: stats.attributes.length,
            attributes: stats.attributes,
          },
        ],
      },
      metadata,
      archive,
      durationMs: performance.now() - started,
    };
  } catch (error) {
    await sink.abort();
    throw error;
  } finally {
    await pool?.close();
  }
}

function mostCommon<K extends string>(counts: Record<K, number>): K {
  const entries = Object.entries(counts) as Array<[K, number]>;
  return entries.reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}

/** Header bounds must stay on the Web Mercator square that tiles cover. */
function clampBounds([west, south, east, north]: [number, number, number, number]): [
  number,
  number,
  number,
  number,
] {
  const lon = (v: number): number => Math.min(180, Math.max(-180, v));
  const lat = (v: number): number => Math.min(WEB_MERCATOR_MAX_LAT, Math.max(-WEB_MERCATOR_MAX_LAT, v));
  return [lon(west), lat(south), lon(east), lat(north)];
}
