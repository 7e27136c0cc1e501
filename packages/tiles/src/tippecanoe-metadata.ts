import type { TileArchiveSummary } from "./build-tile-archive.ts";

/** The descriptive fields of a tippecanoe `metadata.json`; the rest comes from the build summary. */
export interface TippecanoeMetadataOptions {
  name: string;
  /** @defaultValue the name */
  description?: string;
  /** @defaultValue "2" (tippecanoe's tileset version field) */
  version?: string;
  /** @defaultValue "@cejst/tiles" */
  generator?: string;
  /** How the tiles were made, for people reading the file. @defaultValue "" */
  generatorOptions?: string;
  /** @defaultValue "overlay" */
  type?: string;
  /** Extra string fields (`attribution`, …). */
  extra?: Record<string, string>;
}

/**
 * The `metadata.json` of a `{z}/{x}/{y}.pbf` tileset in tippecanoe's layout (artifacts.md §2.1):
 * one flat object whose values are all strings, with `vector_layers` and `tilestats` inside the
 * string-valued `json` field. Bounds and center use six decimals, as tippecanoe prints them.
 */
export function formatTippecanoeMetadata(
  summary: TileArchiveSummary,
  options: TippecanoeMetadataOptions,
): Record<string, string> {
  const [west, south, east, north] = summary.bounds.map((v) => v.toFixed(6));
  const [lon, lat, zoom] = summary.center;
  const layer = summary.vectorLayers[0];
  return {
    name: options.name,
    description: options.description ?? options.name,
    version: options.version ?? "2",
    minzoom: String(layer?.minzoom ?? summary.perZoom[0]?.zoom ?? 0),
    maxzoom: String(layer?.maxzoom ?? summary.perZoom.at(-1)?.zoom ?? 0),
    center: `${lon.toFixed(6)},${lat.toFixed(6)},${zoom}`,
    bounds: `${west},${south},${east},${north}`,
    type: options.type ?? "overlay",
    format: "pbf",
    generator: options.generator ?? "@cejst/tiles",
    generator_options: options.generatorOptions ?? "",
    ...options.extra,
    json: JSON.stringify({ vector_layers: summary.vectorLayers, tilestats: summary.tilestats }),
  };
}
