import { open } from "node:fs/promises";
import { VectorTile } from "@mapbox/vector-tile";
import type { Feature, FeatureCollection, Geometry, Position } from "geojson";
import { PbfReader } from "pbf";
import { type Header, PMTiles, type Source, tileIdToZxy } from "pmtiles";

/** One tile read back from an archive, decompressed. */
export interface ArchiveTileBytes {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

/** A decoded feature: type name, properties with sorted keys, rings/lines/points in tile units. */
export interface DecodedFeature {
  type: "Unknown" | "Point" | "LineString" | "Polygon";
  properties: Record<string, string | number | boolean>;
  geometry: Array<Array<[number, number]>>;
}

/** A decoded layer of one tile. */
export interface DecodedLayer {
  version: number;
  extent: number;
  features: DecodedFeature[];
}

/** A decoded tile; `layers` keys are sorted. */
export interface DecodedTile {
  z: number;
  x: number;
  y: number;
  layers: Record<string, DecodedLayer>;
}

/** A whole archive as plain, comparable JSON. */
export interface DecodedArchive {
  header: Omit<Header, "etag">;
  metadata: unknown;
  tiles: DecodedTile[];
}

const TYPE_NAMES = ["Unknown", "Point", "LineString", "Polygon"] as const;

/** A pmtiles `Source` over a local file, read with positioned reads. */
export function fileSource(path: string): Source & { close(): Promise<void> } {
  const handle = open(path, "r");
  return {
    getKey: () => path,
    async getBytes(offset, length) {
      const file = await handle;
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, offset);
      const view = buffer.subarray(0, bytesRead);
      return { data: view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) as ArrayBuffer };
    },
    async close() {
      await (await handle).close();
    },
  };
}

/**
 * Lists every tile of an archive through the reference `pmtiles` reader: directories are
 * walked with its cache (so its directory decoder parses what we wrote), and each tile is
 * fetched with `PMTiles.getZxy`, exactly as a map client would fetch it.
 */
export async function* readArchiveTiles(path: string): AsyncGenerator<ArchiveTileBytes> {
  const source = fileSource(path);
  try {
    const archive = new PMTiles(source);
    const header = await archive.getHeader();
    const ids: number[] = [];
    const walk = async (offset: number, length: number): Promise<void> => {
      const entries = await archive.cache.getDirectory(source, offset, length, header);
      for (const entry of entries) {
        if (entry.runLength === 0) await walk(header.leafDirectoryOffset + entry.offset, entry.length);
        else for (let i = 0; i < entry.runLength; i++) ids.push(entry.tileId + i);
      }
    };
    await walk(header.rootDirectoryOffset, header.rootDirectoryLength);
    for (const id of ids) {
      const [z, x, y] = tileIdToZxy(id);
      const response = await archive.getZxy(z, x, y);
      if (response === undefined)
        throw new Error(`archive tile ${z}/${x}/${y} must be readable (got undefined)`);
      yield { z, x, y, data: new Uint8Array(response.data) };
    }
  } finally {
    await source.close();
  }
}

/** Decodes one MVT tile into plain JSON with sorted layer and property keys. */
export function decodeTile(data: Uint8Array): Record<string, DecodedLayer> {
  const tile = new VectorTile(new PbfReader(data));
  const layers: Record<string, DecodedLayer> = {};
  for (const name of Object.keys(tile.layers).sort()) {
    const layer = tile.layers[name]!;
    const features: DecodedFeature[] = [];
    for (let i = 0; i < layer.length; i++) {
      const feature = layer.feature(i);
      const properties: Record<string, string | number | boolean> = {};
      for (const key of Object.keys(feature.properties).sort()) properties[key] = feature.properties[key]!;
      features.push({
        type: TYPE_NAMES[feature.type],
        properties,
        geometry: feature.loadGeometry().map((ring) => ring.map((p): [number, number] => [p.x, p.y])),
      });
    }
    layers[name] = { version: layer.version, extent: layer.extent, features };
  }
  return layers;
}

/**
 * Reads a PMTiles archive back with the reference reader and decodes every tile with
 * `@mapbox/vector-tile`: header, metadata and tiles sorted by z, x, y. Used by golden tests,
 * in the way `tippecanoe-decode` output is compared.
 */
export async function decodeArchive(path: string): Promise<DecodedArchive> {
  const source = fileSource(path);
  let header: Header;
  let metadata: unknown;
  try {
    const archive = new PMTiles(source);
    header = await archive.getHeader();
    metadata = await archive.getMetadata();
  } finally {
    await source.close();
  }
  const tiles: DecodedTile[] = [];
  for await (const { z, x, y, data } of readArchiveTiles(path))
    tiles.push({ z, x, y, layers: decodeTile(data) });
  tiles.sort((a, b) => a.z - b.z || a.x - b.x || a.y - b.y);
  const { etag: _etag, ...rest } = header;
  return { header: rest, metadata, tiles };
}

/** One tile decoded to longitude/latitude GeoJSON, as `tippecanoe-decode` prints it. */
export interface GeojsonTile {
  z: number;
  x: number;
  y: number;
  /** Layer name → its features, coordinates rounded to 7 decimals (about 1 cm). */
  layers: Record<string, FeatureCollection>;
}

/**
 * Reads an archive back to GeoJSON: every tile's features with their coordinates turned from
 * tile units into WGS84 longitude/latitude (tiles sorted by z, x, y; layer and property keys
 * sorted). The form golden files compare, so that a reader sees places, not tile units.
 */
export async function decodeArchiveGeojson(path: string): Promise<GeojsonTile[]> {
  const tiles: GeojsonTile[] = [];
  for await (const { z, x, y, data } of readArchiveTiles(path)) {
    const tile = new VectorTile(new PbfReader(data));
    const layers: Record<string, FeatureCollection> = {};
    for (const name of Object.keys(tile.layers).sort()) {
      const layer = tile.layers[name]!;
      const features: Feature[] = [];
      for (let i = 0; i < layer.length; i++) {
        const feature = layer.feature(i).toGeoJSON(x, y, z);
        const properties: Record<string, unknown> = {};
        for (const key of Object.keys(feature.properties ?? {}).sort())
          properties[key] = feature.properties?.[key];
        features.push({ type: "Feature", properties, geometry: roundGeometry(feature.geometry) });
      }
      layers[name] = { type: "FeatureCollection", features };
    }
    tiles.push({ z, x, y, layers });
  }
  return tiles.sort((a, b) => a.z - b.z || a.x - b.x || a.y - b.y);
}

function roundGeometry(geometry: Geometry): Geometry {
  const r = (v: number): number => Math.round(v * 1e7) / 1e7;
  const p = (pos: Position): Position => pos.map(r);
  switch (geometry.type) {
    case "Point":
      return { type: "Point", coordinates: p(geometry.coordinates) };
    case "MultiPoint":
      return { type: "MultiPoint", coordinates: geometry.coordinates.map(p) };
    case "LineString":
      return { type: "LineString", coordinates: geometry.coordinates.map(p) };
    case "MultiLineString":
      return { type: "MultiLineString", coordinates: geometry.coordinates.map((l) => l.map(p)) };
    case "Polygon":
      return { type: "Polygon", coordinates: geometry.coordinates.map((l) => l.map(p)) };
    case "MultiPolygon":
      return { type: "MultiPolygon", coordinates: geometry.coordinates.map((q) => q.map((l) => l.map(p))) };
    default:
      return geometry;
  }
}
