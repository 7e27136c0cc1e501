import assert from "node:assert/strict";
import { test } from "node:test";
import { imputeByNeighbours, pairwiseSum } from "./impute-by-neighbours.ts";

test("pairwiseSum equals a plain sum on exact values and groups like numpy above 8 values", () => {
  assert.equal(pairwiseSum([1, 2, 3]), 6);
  assert.equal(pairwiseSum([]), 0);
  const ints = Array.from({ length: 300 }, (_, i) => i);
  assert.equal(pairwiseSum(ints), (299 * 300) / 2);
  // With 8 values numpy adds ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), not left to right.
  const v = [1e16, 1, -1e16, 1, 1, 1, 1, 1];
  assert.equal(pairwiseSum(v), 1e16 + 1 + (-1e16 + 1) + (1 + 1 + (1 + 1)));
});

const rows = [
  { geoid: "01001000100", population: 100, neighbours: [1] },
  { geoid: "01001000200", population: 100, neighbours: [0, 2] },
  { geoid: "01001000300", population: 100, neighbours: [1] },
  { geoid: "01003000100", population: 0, neighbours: [] },
  { geoid: "01003000200", population: 50, neighbours: [] },
];

test("imputation prefers touching tracts, then the county, then the state", () => {
  const raw = [[0.2, null, 0.4, null, null]];
  const [out] = imputeByNeighbours(rows, raw);
  assert.ok(out);
  assert.equal(out[1], (0.2 + 0.4) / 2, "tract 2: mean of its two neighbours");
  assert.equal(out[3], null, "zero population is not imputed");
  // Tract 01003000200 has no neighbours and no county value: the state mean.
  assert.equal(out[4], (0.2 + 0.4) / 2);
  assert.equal(out[0], 0.2, "present raw values are copied");
});

test("a tract missing any column is imputed in every column, from raw values only", () => {
  const raw = [
    [0.1, 0.5, 0.3, null, null],
    [10, null, 30, null, null],
  ];
  const out = imputeByNeighbours(rows, raw);
  assert.equal(out[0]![1], (0.1 + 0.3) / 2, "column with a raw value is still replaced");
  assert.equal(out[1]![1], 20);
});

test("imputation fails loudly when no candidate set has a value", () => {
  assert.throws(
    () => imputeByNeighbours([{ geoid: "02001000100", population: 5, neighbours: [] }], [[null]]),
    /02001000100 has no neighbour, county or state value/,
  );
});
