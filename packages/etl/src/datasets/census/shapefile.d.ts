// The shapefile package ships no types; this declares the one call the census adapter makes.
declare module "shapefile" {
  import type { FeatureCollection, Geometry } from "geojson";
  export function read(
    shp: ArrayBuffer | Uint8Array,
    dbf?: ArrayBuffer | Uint8Array | null,
    options?: { encoding?: string },
  ): Promise<FeatureCollection<Geometry | null, Record<string, unknown>>>;
  /** Reads a dBASE table on its own; `read()` yields one record (field name to value) at a time. */
  export function openDbf(
    dbf: ArrayBuffer | Uint8Array,
    options?: { encoding?: string },
  ): Promise<{ read(): Promise<{ done: boolean; value: Record<string, unknown> | undefined }> }>;
}
