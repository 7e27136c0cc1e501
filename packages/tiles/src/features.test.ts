import assert from "node:assert/strict";
import { test } from "node:test";
import { InputSchemaError } from "@cejst/schema";
import type { Feature, Polygon } from "geojson";
import { normalizeFeatures } from "./features.ts";

const square: Polygon = {
  type: "Polygon",
  coordinates: [
    [
      [-1, -1],
      [1, -1],
      [1, 1],
      [-1, 1],
      [-1, -1],
    ],
  ],
};
const feature = (properties: Record<string, unknown> | null, geometry: Polygon | null = square): Feature =>
  ({ type: "Feature", geometry, properties }) as Feature;

test("null and undefined properties are omitted, not written as null", async () => {
  const { features } = await normalizeFeatures([feature({ a: null, b: undefined, c: "x" })]);
  assert.deepEqual(features[0]?.properties, { c: "x" });
  assert.equal(Object.hasOwn(features[0]!.properties, "a"), false);
});

test("null geometries are dropped and counted", async () => {
  const { features, stats } = await normalizeFeatures([feature({ n: 1 }, null), feature({ n: 2 })]);
  assert.deepEqual(
    features.map((f) => f.properties.n),
    [2],
  );
  assert.equal(stats.droppedNullGeometry, 1);
  assert.equal(stats.features, 1);
});

test("strings, integral and fractional numbers and booleans pass through unchanged", async () => {
  const { features, stats } = await normalizeFeatures([
    feature({ GEOID10: "01001020100", TPF: 4781, SCORE: 0.65, SN_C: true, HRS_ET: "1" }),
  ]);
  assert.deepEqual(features[0]?.properties, {
    GEOID10: "01001020100",
    TPF: 4781,
    SCORE: 0.65,
    SN_C: true,
    HRS_ET: "1",
  });
  assert.deepEqual(stats.fields, {
    GEOID10: "String",
    TPF: "Number",
    SCORE: "Number",
    SN_C: "Boolean",
    HRS_ET: "String",
  });
});

test("a property seen with two types is Mixed", async () => {
  const { stats } = await normalizeFeatures([feature({ v: 1 }), feature({ v: "1" })]);
  assert.equal(stats.fields.v, "Mixed");
});

test("input order is kept and bounds cover every coordinate", async () => {
  const moved: Polygon = {
    type: "Polygon",
    coordinates: [
      [
        [10, 20],
        [12, 20],
        [12, 25],
        [10, 20],
      ],
    ],
  };
  const { features, stats } = await normalizeFeatures(
    (async function* () {
      yield feature({ i: 0 }, moved);
      yield feature({ i: 1 });
    })(),
  );
  assert.deepEqual(
    features.map((f) => f.properties.i),
    [0, 1],
  );
  assert.deepEqual(stats.bounds, [-1, -1, 12, 25]);
});

test("the property mapper decides the properties", async () => {
  const { features } = await normalizeFeatures([feature({ keep: 1, drop: 2 })], {
    properties: (f) => ({ keep: f.properties?.keep, extra: null }),
  });
  assert.deepEqual(features[0]?.properties, { keep: 1 });
});

test("NaN and nested values are rejected with the feature number and property name", async () => {
  await assert.rejects(
    normalizeFeatures([feature({ ok: 1 }), feature({ SCORE: Number.NaN })], { sourceName: "usa-high.json" }),
    (error: unknown) =>
      error instanceof InputSchemaError &&
      error.file === "usa-high.json" &&
      error.line === 2 &&
      error.field === "SCORE" &&
      /finite number or null \(got NaN\)/.test(error.message),
  );
  await assert.rejects(
    normalizeFeatures([feature({ nested: { a: 1 } })]),
    /column "nested" property must be a string, number or boolean \(got an object\)/,
  );
});

test("attribute statistics: distinct count, sorted values, numeric range, geometry kinds", async () => {
  const { stats } = await normalizeFeatures([
    feature({ SCORE: 0.5, SF: "Guam", SN_C: true }),
    feature({ SCORE: 0.1, SF: "Alabama", SN_C: false }),
    feature({ SCORE: 0.5, SF: null, SN_C: true }),
  ]);
  assert.deepEqual(stats.attributes, [
    { attribute: "SCORE", count: 2, type: "number", values: [0.1, 0.5], min: 0.1, max: 0.5 },
    { attribute: "SF", count: 2, type: "string", values: ["Alabama", "Guam"] },
    { attribute: "SN_C", count: 2, type: "boolean", values: [false, true] },
  ]);
  assert.deepEqual(stats.geometries, { Point: 0, LineString: 0, Polygon: 3 });
});
