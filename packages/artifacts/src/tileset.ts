import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "@cejst/etl";
import type { ProgressSink } from "@cejst/schema";
import {
  buildTileArchive,
  openMbtilesWriter,
  type PointThinning,
  type TileArchiveSummary,
} from "@cejst/tiles";
import type { Feature } from "geojson";

/** One tileset of a release: where it goes, its zooms and what it is made of. */
export interface TilesetOptions {
  /** Folder of the tileset (`data/score/tiles/high`, `data/tribal/tiles`). */
  dir: string;
  /**
   * Also write the `{z}/{x}/{y}.pbf` tree (raw MVT) under this folder. A release stores the
   * PMTiles archive only (spec decision 2; the edge serves the tree's URLs from it), so the
   * tree is for people who want plain files locally.
   */
  treeDir?: string;
  /** Tileset name in the metadata (`usa_high`, `usa_low`, `usa`). */
  name: string;
  /** Archive file names inside `dir`, without extension: `<archive>.pmtiles`, `<archive>.mbtiles`. */
  archive: string;
  features: Feature[];
  minZoom: number;
  maxZoom: number;
  progress: ProgressSink;
  /** Names the input in error messages. */
  sourceName: string;
  /** Version label and methodology, recorded in the PMTiles metadata (artifacts.md §2.6). */
  labels?: { label: string; methodology: string };
  pointThinning?: PointThinning;
}

/**
 * Writes one tileset in every stored form from a single tile stream (artifacts.md §2.6,
 * quirk 21): `<archive>.pmtiles` and `<archive>.mbtiles` (the archive's gzipped bytes), and
 * `metadata.json`, whose entries are also the MBTiles metadata rows, as in tippecanoe's
 * output; with `treeDir`, also the `{z}/{x}/{y}.pbf` tree (raw MVT) from the same tiles.
 */
export async function writeTileset(options: TilesetOptions): Promise<TileArchiveSummary> {
  const { dir, name, minZoom, maxZoom, treeDir } = options;
  await mkdir(dir, { recursive: true });
  const made = new Set<string>();
  const mbtiles = openMbtilesWriter(join(dir, `${options.archive}.mbtiles`));
  try {
    const summary = await buildTileArchive({
      features: options.features,
      layer: "blocks",
      minZoom,
      maxZoom,
      sink: join(dir, `${options.archive}.pmtiles`),
      onProgress: options.progress,
      gzipThread: true,
      ...(options.pointThinning && { pointThinning: options.pointThinning }),
      ...(options.labels && {
        metadata: {
          name,
          attribution: "Climate and Economic Justice Screening Tool",
          cejst: { label: options.labels.label, methodology: options.labels.methodology },
        },
      }),
      onTile: async (t) => {
        mbtiles.put({ z: t.z, x: t.x, y: t.y, data: t.gzipped });
        if (treeDir === undefined) return;
        const p = join(treeDir, String(t.z), String(t.x));
        if (!made.has(p)) {
          await mkdir(p, { recursive: true });
          made.add(p);
        }
        await writeFile(join(p, `${t.y}.pbf`), t.data);
      },
      sourceName: options.sourceName,
    });
    const metadata = tilesetMetadataJson(summary, name, minZoom, maxZoom);
    await writeFileAtomic(join(dir, "metadata.json"), metadata);
    await mbtiles.close(JSON.parse(metadata) as Record<string, string>);
    return summary;
  } catch (error) {
    await mbtiles.abort();
    throw error;
  }
}

/**
 * `metadata.json` in tippecanoe's layout (artifacts.md §2.1): a flat object of strings whose
 * `json` member holds `vector_layers` and `tilestats`. Built from the archive summary only,
 * so it is as reproducible as the tiles.
 */
export function tilesetMetadataJson(
  summary: TileArchiveSummary,
  name: string,
  minzoom: number,
  maxzoom: number,
): string {
  const layer = summary.vectorLayers[0];
  const fields = layer?.fields ?? {};
  const json = {
    vector_layers: [{ id: "blocks", description: "", minzoom, maxzoom, fields }],
    tilestats: {
      layerCount: 1,
      layers: [
        {
          layer: "blocks",
          count: summary.features,
          geometry: summary.tilestats.layers[0]?.geometry ?? "Polygon",
          attributeCount: Object.keys(fields).length,
          attributes: Object.entries(fields).map(([attribute, type]) => ({
            attribute,
            type: type.toLowerCase(),
          })),
        },
      ],
    },
  };
  const metadata = {
    name,
    description: name,
    version: "2",
    minzoom: String(minzoom),
    maxzoom: String(maxzoom),
    center: summary.center.join(","),
    bounds: summary.bounds.join(","),
    type: "overlay",
    format: "pbf",
    generator: "cejst",
    generator_options: "",
    json: JSON.stringify(json),
  };
  return JSON.stringify(metadata, null, 4);
}
