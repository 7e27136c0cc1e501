import assert from "node:assert/strict";
import { test } from "node:test";
import { GeoJSONVT } from "@maplibre/geojson-vt";
import { fromGeojsonVt } from "@maplibre/vt-pbf";
import { gunzipSync } from "fflate";
import type { FeatureCollection } from "geojson";
import { PbfReader } from "pbf";
import { decodeTile } from "./decode-archive.ts";
import { encodeTile, gzipBytes } from "./encode.ts";

const collection: FeatureCollection = {
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      id: 7,
      properties: { count: 4781, negative: -3, share: 0.25, flag: false, code: "0" },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [-10, -10],
            [10, -10],
            [10, 10],
            [-10, 10],
            [-10, -10],
          ],
        ],
      },
    },
  ],
};

/** The wire tag of every value in the first layer: 3 double, 5 uint, 6 sint, 7 bool, 1 string. */
function valueTags(tile: Uint8Array): Map<unknown, number> {
  const tags = new Map<unknown, number>();
  new PbfReader(tile).readFields((tag, _: unknown, pbf) => {
    if (tag !== 3) return;
    const end = pbf.readVarint() + pbf.pos;
    pbf.readFields(
      (layerTag, __, layerPbf) => {
        if (layerTag !== 4) return;
        const valueEnd = layerPbf.readVarint() + layerPbf.pos;
        layerPbf.readFields(
          (valueTag, ___, v) => {
            const value =
              valueTag === 1
                ? v.readString()
                : valueTag === 3
                  ? v.readDouble()
                  : valueTag === 5
                    ? v.readVarint()
                    : valueTag === 6
                      ? v.readSVarint()
                      : v.readBoolean();
            tags.set(value, valueTag);
          },
          undefined,
          valueEnd,
        );
      },
      undefined,
      end,
    );
  }, undefined);
  return tags;
}

function encodedSample(): Uint8Array {
  const index = new GeoJSONVT(structuredClone(collection), { maxZoom: 0 });
  return encodeTile("blocks", index.getTile(0, 0, 0)!);
}

test("integral numbers are stored as integers, fractions as doubles, booleans as booleans", () => {
  const tags = valueTags(encodedSample());
  assert.equal(tags.get(4781), 5, "uint for 4781");
  assert.equal(tags.get(-3), 6, "sint for -3");
  assert.equal(tags.get(0.25), 3, "double for 0.25");
  assert.equal(tags.get(false), 7, "bool for false");
  assert.equal(tags.get("0"), 1, 'string for "0"');
});

test("one layer with the given name and extent, no feature ids", () => {
  const layers = decodeTile(encodedSample());
  assert.deepEqual(Object.keys(layers), ["blocks"]);
  assert.equal(layers.blocks?.extent, 4096);
  assert.equal(layers.blocks?.version, 2);
  assert.deepEqual(layers.blocks?.features[0]?.properties, {
    code: "0",
    count: 4781,
    flag: false,
    negative: -3,
    share: 0.25,
  });
  assert.equal(hasFeatureId(encodedSample()), false);
});

test("the id check sees ids that vt-pbf writes", () => {
  const index = new GeoJSONVT(structuredClone(collection), { maxZoom: 0 });
  assert.equal(hasFeatureId(fromGeojsonVt({ blocks: index.getTile(0, 0, 0)! })), true);
});

function hasFeatureId(tile: Uint8Array): boolean {
  let found = false;
  new PbfReader(tile).readFields((tag, _: unknown, pbf) => {
    if (tag !== 3) return;
    const end = pbf.readVarint() + pbf.pos;
    pbf.readFields(
      (layerTag, __, layerPbf) => {
        if (layerTag !== 2) return;
        const featureEnd = layerPbf.readVarint() + layerPbf.pos;
        layerPbf.readFields(
          (featureTag) => {
            if (featureTag === 1) found = true;
          },
          undefined,
          featureEnd,
        );
      },
      undefined,
      end,
    );
  }, undefined);
  return found;
}

test("gzip output is deterministic and carries no timestamp", () => {
  const data = new TextEncoder().encode("same bytes every time");
  const a = gzipBytes(data);
  const b = gzipBytes(data);
  assert.deepEqual(a, b);
  assert.deepEqual([...a.subarray(4, 8)], [0, 0, 0, 0], "gzip MTIME is zero");
  assert.deepEqual(gunzipSync(a), data);
});

test("the bytes equal vt-pbf's for points, lines, polygons and every value type", () => {
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const values = [
    0,
    -0,
    1,
    -1,
    0.5,
    -2.25,
    4781,
    1e-7,
    2 ** 40,
    -(2 ** 33),
    true,
    false,
    "",
    "0",
    "a:b",
    null,
  ];
  const features: FeatureCollection["features"] = [];
  for (let i = 0; i < 60; i++) {
    const x = -120 + rand() * 60;
    const y = 25 + rand() * 20;
    const properties: Record<string, unknown> = {};
    for (const k of ["SN_C", "CC", "NAME", "10", "x"])
      properties[k] = values[Math.floor(rand() * values.length)];
    properties.nested = i % 7 === 0 ? { a: i } : i;
    const kind = i % 3;
    features.push({
      type: "Feature",
      id: i,
      properties,
      geometry:
        kind === 0
          ? { type: "Point", coordinates: [x, y] }
          : kind === 1
            ? {
                type: "LineString",
                coordinates: [
                  [x, y],
                  [x + 1, y + 0.5],
                  [x + 2, y - 0.3],
                ],
              }
            : {
                type: "Polygon",
                coordinates: [
                  [
                    [x, y],
                    [x + 1.5, y],
                    [x + 1.5, y + 1],
                    [x, y + 1],
                    [x, y],
                  ],
                ],
              },
    });
  }
  const fc: FeatureCollection = { type: "FeatureCollection", features };
  for (const [z, x, y] of [
    [0, 0, 0],
    [3, 1, 3],
    [4, 3, 6],
  ] as const) {
    const a = new GeoJSONVT(structuredClone(fc), { maxZoom: 4, indexMaxZoom: 4 }).getTile(z, x, y);
    const b = new GeoJSONVT(structuredClone(fc), { maxZoom: 4, indexMaxZoom: 4 }).getTile(z, x, y);
    assert.ok(a && b && a.features.length > 0, `tile ${z}/${x}/${y} has features`);
    for (const f of b.features) delete (f as { id?: unknown }).id;
    assert.deepEqual(encodeTile("blocks", a), fromGeojsonVt({ blocks: b }, { version: 2, extent: 4096 }));
  }
});
