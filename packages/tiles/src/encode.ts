import type { GeoJSONVTTile } from "@maplibre/geojson-vt";
import { fromGeojsonVt } from "@maplibre/vt-pbf";
import { gzipSync } from "fflate";

/**
 * Encodes one geojson-vt tile as an MVT v2 protobuf with a single layer. vt-pbf writes integral
 * numbers as varints (sint for negatives) and others as doubles, and skips null values.
 */
export function encodeTile(layer: string, tile: GeoJSONVTTile, extent = 4096): Uint8Array {
  for (const feature of tile.features) {
    // Features carry no ids: the maps promote a property instead, and ids would only add bytes.
    delete (feature as { id?: unknown }).id;
  }
  return fromGeojsonVt({ [layer]: tile }, { version: 2, extent });
}

/**
 * Gzips tile or directory bytes. fflate rather than node:zlib because Node's bundled zlib picks
 * CPU-specific code paths whose output can differ between machines, and archives must be
 * byte-identical wherever they are built. `mtime: 0` keeps the wall clock out of the header.
 */
export function gzipBytes(data: Uint8Array): Uint8Array {
  return gzipSync(data, { level: 6, mtime: 0 });
}
