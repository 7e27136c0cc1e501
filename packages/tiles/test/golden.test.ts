import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { FeatureCollection } from "geojson";
import { buildTileArchive, decodeArchive } from "../src/index.ts";
import { assertGoldenJson } from "./golden-file.ts";

/**
 * Each case folder holds `in.geojson`; each output file name lists the options that produced
 * it, as tippecanoe's golden files do.
 */
const goldenRoot = fileURLToPath(new URL("./golden/", import.meta.url));
const cases: Array<{ name: string; output: string; minZoom: number; maxZoom: number; layer: string }> = [
  { name: "squares", output: "z0-6_layer-blocks.json", minZoom: 0, maxZoom: 6, layer: "blocks" },
  { name: "squares", output: "z3-5_layer-tracts.json", minZoom: 3, maxZoom: 5, layer: "tracts" },
];

let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "cejst-tiles-golden-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

for (const c of cases) {
  test(`golden ${c.name}/out/${c.output}`, async () => {
    const input = JSON.parse(
      await readFile(join(goldenRoot, c.name, "in.geojson"), "utf8"),
    ) as FeatureCollection;
    const path = join(dir, `${c.name}-${c.output}.pmtiles`);
    await buildTileArchive({
      features: input.features,
      layer: c.layer,
      minZoom: c.minZoom,
      maxZoom: c.maxZoom,
      sink: path,
      metadata: { attribution: "test" },
    });
    const decoded = await decodeArchive(path);
    // The generator names the software, not the output, as tippecanoe-decode -x generator does.
    const { generator: _generator, ...metadata } = decoded.metadata as Record<string, unknown>;
    await assertGoldenJson(join(goldenRoot, c.name, "out", c.output), { ...decoded, metadata });
  });
}
