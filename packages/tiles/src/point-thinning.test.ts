import assert from "node:assert/strict";
import { test } from "node:test";
import type { Feature } from "geojson";
import { buildTileArchive } from "./build-tile-archive.ts";
import { memoryByteSink } from "./byte-sink.ts";
import { decodeTile } from "./decode-archive.ts";

/** 240 village-like points on a jittered grid around Alaska, and one polygon. */
function villagesAndLand(): Feature[] {
  const out: Feature[] = [];
  for (let i = 0; i < 240; i++) {
    out.push({
      type: "Feature",
      properties: { tribalId: `v${i}`, landAreaName: `Village ${i}` },
      geometry: { type: "Point", coordinates: [-165 + (i % 20) * 1.3, 56 + Math.floor(i / 20) * 0.9] },
    });
  }
  out.push({
    type: "Feature",
    properties: { tribalId: "land", landAreaName: "Annette Island LAR" },
    geometry: {
      type: "Polygon",
      coordinates: [
        [
          [-131.6, 55],
          [-131.3, 55],
          [-131.3, 55.2],
          [-131.6, 55.2],
          [-131.6, 55],
        ],
      ],
    },
  });
  return out;
}

async function idsPerZoom(pointThinning?: {
  baseZoom: number;
  rate?: number;
}): Promise<Map<number, Set<string>>> {
  const perZoom = new Map<number, Set<string>>();
  await buildTileArchive({
    features: villagesAndLand(),
    layer: "blocks",
    minZoom: 0,
    maxZoom: 5,
    sink: memoryByteSink(),
    ...(pointThinning && { pointThinning }),
    onTile: ({ z, data }) => {
      const ids = perZoom.get(z) ?? new Set<string>();
      for (const f of decodeTile(data).blocks?.features ?? []) ids.add(String(f.properties.tribalId));
      perZoom.set(z, ids);
    },
  });
  return perZoom;
}

test("points are complete from the base zoom and thinned, nested, below it; polygons stay", async () => {
  const perZoom = await idsPerZoom({ baseZoom: 3 });
  const points = (z: number) => [...(perZoom.get(z) ?? [])].filter((id) => id !== "land");
  for (const z of [3, 4, 5]) assert.equal(points(z).length, 240, `all points at z${z}`);
  for (const z of [0, 1, 2, 3, 4, 5]) assert.ok(perZoom.get(z)?.has("land"), `polygon at z${z}`);
  const [z0, z1, z2] = [points(0), points(1), points(2)];
  assert.ok(
    z0.length > 0 && z0.length < z1.length && z1.length < z2.length && z2.length < 240,
    `${z0.length} < ${z1.length} < ${z2.length} < 240`,
  );
  // round(2.5^1) = 3: about one point in three survives at z2.
  assert.ok(z2.length >= 80 && z2.length <= 110, `z2 keeps about a third (got ${z2.length})`);
  for (const [lower, upper] of [
    [z0, z1],
    [z1, z2],
  ] as const) {
    const up = new Set(upper);
    for (const id of lower) assert.ok(up.has(id), `${id} shown at a shallower zoom stays deeper`);
  }
});

test("without thinning every point is in every zoom", async () => {
  const perZoom = await idsPerZoom();
  for (let z = 0; z <= 5; z++) assert.equal(perZoom.get(z)?.size, 241, `z${z}`);
});

test("a bad base zoom or rate is refused", async () => {
  const build = (pointThinning: { baseZoom: number; rate?: number }) =>
    buildTileArchive({
      features: villagesAndLand(),
      layer: "blocks",
      minZoom: 0,
      maxZoom: 2,
      sink: memoryByteSink(),
      pointThinning,
    });
  await assert.rejects(build({ baseZoom: -1 }), /baseZoom must be an integer ≥ 0 \(got -1\)/);
  await assert.rejects(build({ baseZoom: 3, rate: 1 }), /rate must be a number > 1 \(got 1\)/);
});
