import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { FeatureCollection } from "geojson";
import { buildTileArchive, decodeArchiveGeojson, type PointThinning } from "../src/index.ts";
import { assertGoldenJson } from "./golden-file.ts";

/**
 * The three release tilesets with their production zooms, decoded back to longitude/latitude
 * GeoJSON as `tippecanoe-decode` prints them: high (z5–11; booleans, `"1"`/`"0"` strings,
 * numbers, absent nulls, a MultiPolygon, a tract without geometry), low (z0–7, `SCORE`) and
 * tribal (z0–11; polygons and village points thinned below z3).
 */
const goldenRoot = fileURLToPath(new URL("./golden/", import.meta.url));
const cases: Array<{ name: string; minZoom: number; maxZoom: number; pointThinning?: PointThinning }> = [
  { name: "high", minZoom: 5, maxZoom: 11 },
  { name: "low", minZoom: 0, maxZoom: 7 },
  { name: "tribal", minZoom: 0, maxZoom: 11, pointThinning: { baseZoom: 3 } },
];

let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "cejst-tiles-golden-geojson-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

for (const c of cases) {
  const output = `z${c.minZoom}-${c.maxZoom}_layer-blocks${c.pointThinning ? `_base-zoom-${c.pointThinning.baseZoom}` : ""}.geojson.json`;
  test(`golden ${c.name}/out/${output}`, async () => {
    const input = JSON.parse(
      await readFile(join(goldenRoot, c.name, "in.geojson"), "utf8"),
    ) as FeatureCollection;
    const path = join(dir, `${c.name}.pmtiles`);
    await buildTileArchive({
      features: input.features,
      layer: "blocks",
      minZoom: c.minZoom,
      maxZoom: c.maxZoom,
      sink: path,
      ...(c.pointThinning && { pointThinning: c.pointThinning }),
    });
    await assertGoldenJson(join(goldenRoot, c.name, "out", output), await decodeArchiveGeojson(path));
  });
}
