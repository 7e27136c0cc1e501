import assert from "node:assert/strict";
import { test } from "node:test";
import type { Feature } from "geojson";
import { buildTileArchive } from "./build-tile-archive.ts";
import { memoryByteSink } from "./byte-sink.ts";
import { formatTippecanoeMetadata } from "./tippecanoe-metadata.ts";

const features: Feature[] = [
  {
    type: "Feature",
    properties: { GEOID10: "66010950100", SN_C: true, TPF: 120 },
    geometry: {
      type: "Polygon",
      coordinates: [
        [
          [144.7, 13.4],
          [144.8, 13.4],
          [144.8, 13.5],
          [144.7, 13.4],
        ],
      ],
    },
  },
];

test("metadata.json: every value a string, vector_layers and tilestats inside json", async () => {
  const summary = await buildTileArchive({
    features,
    layer: "blocks",
    minZoom: 5,
    maxZoom: 11,
    sink: memoryByteSink(),
  });
  const meta = formatTippecanoeMetadata(summary, { name: "usa_high", extra: { attribution: "CEJST" } });
  for (const [key, value] of Object.entries(meta)) assert.equal(typeof value, "string", key);
  for (const key of [
    "name",
    "description",
    "version",
    "minzoom",
    "maxzoom",
    "center",
    "bounds",
    "type",
    "format",
    "generator",
    "generator_options",
    "json",
  ]) {
    assert.ok(Object.hasOwn(meta, key), key);
  }
  assert.equal(meta.minzoom, "5");
  assert.equal(meta.maxzoom, "11");
  assert.equal(meta.format, "pbf");
  assert.equal(meta.bounds, "144.700000,13.400000,144.800000,13.500000");
  assert.equal(meta.center, "144.750000,13.450000,5");
  assert.equal(meta.attribution, "CEJST");
  const json = JSON.parse(meta.json!);
  assert.equal(json.vector_layers[0].id, "blocks");
  assert.deepEqual(json.vector_layers[0].fields, { GEOID10: "String", SN_C: "Boolean", TPF: "Number" });
  assert.equal(json.tilestats.layers[0].count, 1);
  assert.equal(json.tilestats.layers[0].geometry, "Polygon");
  assert.equal(json.tilestats.layers[0].attributeCount, 3);
});
