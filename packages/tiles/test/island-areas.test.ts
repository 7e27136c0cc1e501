import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { missingFixtureMessage, sharedFixture } from "@cejst/testing";
import type { FeatureCollection } from "geojson";
import { buildTileArchive, decodeTile, readArchiveTiles } from "../src/index.ts";

const rel = "geometry/island-areas-tracts-2010.geojson";
const path = sharedFixture(rel);

test("island-area tracts tiled z0–11: every tract with land has a z11 feature with its exact properties", {
  skip: path ? false : missingFixtureMessage(rel),
}, async () => {
  const input = JSON.parse(await readFile(path!, "utf8")) as FeatureCollection;
  assert.equal(input.features.length, 132);
  // The tiles draw only tracts with land (artifacts.md §2.2); the caller filters, as the pipeline will.
  const drawn = input.features.filter((f) => Number(f.properties?.ALAND10) > 0);
  const water = input.features.filter((f) => !(Number(f.properties?.ALAND10) > 0));
  assert.ok(drawn.length > 100 && water.length > 0);

  const dir = await mkdtemp(join(tmpdir(), "cejst-tiles-islands-"));
  try {
    const archive = join(dir, "islands.pmtiles");
    const summary = await buildTileArchive({
      features: drawn,
      layer: "blocks",
      minZoom: 0,
      maxZoom: 11,
      sink: archive,
    });
    assert.deepEqual(
      summary.perZoom.map((z) => z.zoom),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );

    const atZ11 = new Map<string, Array<Record<string, unknown>>>();
    for await (const tile of readArchiveTiles(archive)) {
      if (tile.z !== 11) continue;
      for (const feature of decodeTile(tile.data).blocks?.features ?? []) {
        const id = String(feature.properties.GEOID10);
        atZ11.set(id, [...(atZ11.get(id) ?? []), feature.properties]);
      }
    }
    for (const tract of drawn) {
      const id = String(tract.properties?.GEOID10);
      const found = atZ11.get(id);
      assert.ok(found, `tract ${id} has a z11 feature`);
      assert.ok(
        found.some((p) => isDeepStrictEqual(p, tract.properties)),
        `tract ${id}: some z11 feature's properties equal the input's`,
      );
    }
    for (const tract of water) {
      assert.equal(atZ11.has(String(tract.properties?.GEOID10)), false, "water-only tracts are not drawn");
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}
