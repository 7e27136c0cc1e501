import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { streamFeatures } from "./feature-stream.ts";

test("streams features of any layout, across chunk boundaries, with tricky strings", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cejst-stream-"));
  try {
    const features = Array.from({ length: 3000 }, (_, i) => ({
      type: "Feature",
      properties: {
        GEOID10: String(i).padStart(11, "0"),
        name: i % 7 === 0 ? 'a "quoted" {brace} [x] \\ features' : `t${i}`,
      },
      geometry:
        i % 5 === 0
          ? null
          : {
              type: "Polygon",
              coordinates: [
                [
                  [i, 0],
                  [i + 1, 0],
                  [i, 1],
                  [i, 0],
                ],
              ],
            },
    }));
    const doc = {
      type: "FeatureCollection",
      name: "features",
      crs: { properties: { features: [1, 2] } },
      features,
    };
    const path = join(dir, "fc.json");
    await writeFile(path, JSON.stringify(doc, null, 2));
    const got: unknown[] = [];
    for await (const f of streamFeatures(path)) got.push(f);
    assert.deepEqual(got, features);
    await writeFile(path, '{"type":"FeatureCollection","features":[{"type":"Feature"');
    await assert.rejects(async () => {
      for await (const _ of streamFeatures(path)) {
        // drain
      }
    }, /ends inside a value/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
