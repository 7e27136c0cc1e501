import assert from "node:assert/strict";
import { test } from "node:test";
import { GeoJSONVT, type GeoJSONVTFeature } from "@maplibre/geojson-vt";
import type { Polygon } from "geojson";
import type { TileFeature } from "./features.ts";
import { sliceTiles } from "./slice.ts";

function square(
  west: number,
  south: number,
  size: number,
  properties: TileFeature["properties"],
): TileFeature {
  const geometry: Polygon = {
    type: "Polygon",
    coordinates: [
      [
        [west, south],
        [west + size, south],
        [west + size, south + size],
        [west, south + size],
        [west, south],
      ],
    ],
  };
  return { type: "Feature", geometry, properties };
}

const features = [
  square(-100, 30, 4, { id: "a" }),
  // Straddles the prime meridian and the equator: one piece in each z1 tile.
  square(-1, -1, 2, { id: "b" }),
  square(120, -40, 0.5, { id: "c" }),
];

test("tiles come zoom by zoom in ascending tile id, within the zoom range, each non-empty", () => {
  const tiles = [...sliceTiles(features, { minZoom: 2, maxZoom: 6 })];
  assert.ok(tiles.length > 10);
  for (let i = 1; i < tiles.length; i++) assert.ok(tiles[i]!.tileId > tiles[i - 1]!.tileId);
  for (const t of tiles) {
    assert.ok(t.z >= 2 && t.z <= 6);
    assert.ok(t.tile.features.length > 0);
  }
});

for (const minZoom of [0, 3]) {
  test(`the walk from z${minZoom} finds exactly the non-empty tiles a full scan finds`, () => {
    const walked = [...sliceTiles(features, { minZoom, maxZoom: 5 })].map((t) => `${t.z}/${t.x}/${t.y}`);
    const index = new GeoJSONVT(
      { type: "FeatureCollection", features: structuredClone(features) },
      { maxZoom: 5, indexMaxZoom: 0, wrap: false },
    );
    const scanned = new Set<string>();
    for (let z = minZoom; z <= 5; z++) {
      for (let x = 0; x < 2 ** z; x++) {
        for (let y = 0; y < 2 ** z; y++)
          if (index.getTile(z, x, y)?.features.length) scanned.add(`${z}/${x}/${y}`);
      }
    }
    assert.deepEqual(new Set(walked), scanned);
  });
}

test("a feature crossing tile boundaries appears in every tile it touches", () => {
  const z1 = [...sliceTiles([features[1]!], { minZoom: 1, maxZoom: 1 })];
  assert.deepEqual(z1.map((t) => `${t.x}/${t.y}`).sort(), ["0/0", "0/1", "1/0", "1/1"]);
  for (const t of z1) assert.deepEqual(t.tile.features[0]?.tags, { id: "b" });
});

test("without keepSmallPolygons a polygon under the tolerance vanishes at low zooms, found below", () => {
  // About 10 m across: under 3 tile units until roughly z12.
  const tiny = [square(2.35, 48.85, 0.0001, { id: "tiny" })];
  const tiles = [...sliceTiles(tiny, { minZoom: 0, maxZoom: 14, keepSmallPolygons: false })];
  const zooms = tiles.map((t) => t.z);
  assert.ok(!zooms.includes(0), "dropped at z0");
  assert.ok(zooms.includes(14), "present at max zoom, where geojson-vt never simplifies");
});

test("by default a polygon under the tolerance is kept at every zoom as a small box", () => {
  const tiny = [square(-74.0, 40.7, 0.0001, { id: "tiny" }), square(-100, 30, 4, { id: "big" })];
  const tiles = [...sliceTiles(tiny, { minZoom: 0, maxZoom: 10 })];
  for (let z = 0; z <= 10; z++) {
    const atZoom = tiles.filter((t) => t.z === z);
    const found = atZoom.flatMap((t) => t.tile.features).filter((f) => f.tags?.id === "tiny");
    assert.ok(found.length >= 1, `tiny polygon at z${z}`);
  }
  const z0 = tiles.find((t) => t.z === 0)!;
  // Input order is kept: the tiny square came first.
  assert.deepEqual(
    (z0.tile.features as GeoJSONVTFeature[]).map((f) => f.tags?.id),
    ["tiny", "big"],
  );
  const ring = z0.tile.features[0]!.geometry[0] as Array<[number, number]>;
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  assert.equal(Math.max(...xs) - Math.min(...xs), 1, "one tile unit wide");
  assert.equal(Math.max(...ys) - Math.min(...ys), 1, "one tile unit high");
  // Clockwise in tile coordinates (y down) is a positive shoelace sum: an MVT exterior ring.
  let area = 0;
  for (let i = 0; i + 1 < ring.length; i++)
    area += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  assert.ok(area > 0);
  for (let i = 1; i < tiles.length; i++)
    assert.ok(tiles[i]!.tileId > tiles[i - 1]!.tileId, "still in tile-id order");
});

test("a per-zoom tolerance of 0 keeps a tiny polygon at every zoom", () => {
  const tiny = [square(2.35, 48.85, 0.0001, { id: "tiny" })];
  const tiles = [...sliceTiles(tiny, { minZoom: 0, maxZoom: 8, tolerance: (z) => (z < 8 ? 0 : 3) })];
  // Near a tile edge the buffer puts it in two tiles at some zooms, so compare the set of zooms.
  assert.deepEqual([...new Set(tiles.map((t) => t.z))], [0, 1, 2, 3, 4, 5, 6, 7, 8]);
});

test("rejects bad zoom ranges and tolerances", () => {
  assert.throws(
    () => [...sliceTiles(features, { minZoom: 3, maxZoom: 2 })],
    /maxZoom must be an integer in 3..24 \(got 2\)/,
  );
  assert.throws(
    () => [...sliceTiles(features, { minZoom: -1, maxZoom: 2 })],
    /minZoom must be an integer ≥ 0/,
  );
  assert.throws(
    () => [...sliceTiles(features, { minZoom: 0, maxZoom: 2, tolerance: -1 })],
    /tolerance at z0 must be a finite number ≥ 0 \(got -1\)/,
  );
});

test("stand-ins are added exactly for the features geojson-vt drops, never beside a real one", () => {
  // Squares from about 10 m to 10 km across, so each zoom has some under and some over the tolerance.
  const squares = Array.from({ length: 40 }, (_, i) =>
    square(-100 + (i % 8) * 1.5, 30 + Math.floor(i / 8) * 1.5, 10 ** (-4 + (i % 13) / 4), { id: `s${i}` }),
  );
  const count = (keepSmallPolygons: boolean): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const t of sliceTiles(squares, { minZoom: 0, maxZoom: 8, keepSmallPolygons })) {
      for (const f of t.tile.features as GeoJSONVTFeature[]) {
        const key = `${t.z}:${f.tags?.id}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    return counts;
  };
  const plain = count(false);
  const kept = count(true);
  let added = 0;
  for (let z = 0; z <= 8; z++) {
    for (const f of squares) {
      const key = `${z}:${f.properties.id}`;
      const before = plain.get(key) ?? 0;
      if (before === 0) added++;
      assert.equal(kept.get(key), before === 0 ? 1 : before, key);
    }
  }
  assert.ok(added > 20, `some features needed a stand-in (got ${added})`);
});
