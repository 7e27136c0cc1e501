import assert from "node:assert/strict";
import { test } from "node:test";
import { InputSchemaError } from "@cejst/schema";
import { parseTractPolygons } from "./read-tract-polygons.ts";

const square = (x: number) => [
  [
    [x, 0],
    [x + 1, 0],
    [x + 1, 1],
    [x, 1],
    [x, 0],
  ],
];
const feature = (geoid: unknown, aland: unknown, geometry: unknown) => ({
  type: "Feature",
  properties: { GEOID10: geoid, ALAND10: aland, AWATER10: 0 },
  geometry,
});
const doc = (features: unknown[]) =>
  JSON.stringify({ type: "FeatureCollection", name: 'features "quoted" {x}', features });

const universe = new Map([
  ["01001020100", 0],
  ["01001020200", 1],
  ["01001020300", 2],
]);

test("aligns features with universe rows, merges split tracts, ignores others", () => {
  const g = parseTractPolygons(
    doc([
      feature("01001020200", "5", { type: "Polygon", coordinates: square(1) }),
      feature("99999999999", 1, { type: "Polygon", coordinates: square(9) }),
      feature("01001020100", 0, { type: "MultiPolygon", coordinates: [square(0), square(4)] }),
      feature("01001020200", 7, { type: "Polygon", coordinates: square(6) }),
    ]),
    "us.json",
    universe,
  );
  assert.deepEqual(Array.from(g.aland10), [0, 12, Number.NaN]);
  assert.equal(g.missing, 1);
  assert.deepEqual(Array.from(g.polygons.tractRingOffsets), [0, 2, 4, 4]);
  // Tract 0's rings come first although its feature came second in the file.
  assert.equal(g.polygons.coords[0], 0);
  assert.equal(g.polygons.coords[2 * (g.polygons.ringOffsets[2] as number)], 1);
});

test("bad features are located errors", () => {
  const cases: [string, RegExp][] = [
    [
      doc([feature("0100102010", 1, null)]),
      /us\.json \(feature 0\):.*"GEOID10" GEOID10 must be an 11-character string/,
    ],
    [doc([feature("01001020100", "x", null)]), /"ALAND10" ALAND10 is not a number \(got "x"\)/],
    [
      doc([feature("01001020100", 1, { type: "Point", coordinates: [0, 0] })]),
      /must be a Polygon or MultiPolygon/,
    ],
    [
      doc([feature("01001020100", 1, { type: "Polygon", coordinates: [[[0, "a"]]] })]),
      /position is not a pair/,
    ],
    [doc([feature("01001020100", 1, null)]).slice(0, -10), /ends inside the features array/],
    ['{"type":"FeatureCollection"}', /no features array/],
  ];
  for (const [text, message] of cases)
    assert.throws(
      () => parseTractPolygons(text, "us.json", universe),
      (e) => e instanceof InputSchemaError && message.test(e.message),
      text,
    );
});
