// The shapefile package ships no types; this declares the one call the census adapter makes.
declare module "shapefile" {
  import type { FeatureCollection, Geometry } from "geojson";
  export function read(
    shp: ArrayBuffer | Uint8Array,
    dbf?: ArrayBuffer | Uint8Array | null,
    options?: { encoding?: string },
  ): Promise<FeatureCollection<Geometry | null, Record<string, unknown>>>;
}
