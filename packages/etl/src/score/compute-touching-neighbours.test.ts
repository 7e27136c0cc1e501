import assert from "node:assert/strict";
import { test } from "node:test";
import { computeTouchingNeighbours } from "./compute-touching-neighbours.ts";
import { orient2d, segmentsIntersect } from "./orient2d.ts";
import { packTractPolygons, type Ring } from "./tract-polygons.ts";

const square = (x: number, y: number, s = 1): Ring => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];

function neighbours(tracts: Ring[][]): number[][] {
  const g = computeTouchingNeighbours(packTractPolygons(tracts));
  return tracts.map((_, t) => Array.from(g.indices.subarray(g.offsets[t], g.offsets[t + 1])));
}

test("orient2d is exact where the rounded cross product is not", () => {
  // A point on a line of slope 2^-30 through lon/lat-sized values: the products are ~1e2 but
  // the determinant is exactly zero, inside the rounding error of the fast path.
  const k = 2 ** -30;
  assert.equal(orient2d(-77, 39, -76, 39 + k, -76.5, 39 + k / 2), 0);
  assert.equal(orient2d(-77, 39, -76, 39 + k, -76.5, 39 + k / 2 + 2 ** -47), 1);
  assert.equal(orient2d(0, 0, 1, 1, 0.5, 0.5), 0);
  assert.equal(orient2d(0, 0, 1, 0, 0.5, 1e-300), 1);
  assert.equal(orient2d(0, 0, 1, 0, 0.5, -1e-300), -1);
  // 1 ulp off a long, nearly horizontal edge.
  const y = -76.8;
  const above = y + 2 ** -46;
  assert.equal(orient2d(-77, y, -76, y, -76.5, above), 1);
  assert.equal(orient2d(-77, y, -76, y, -76.5, y), 0);
});

test("segmentsIntersect covers crossings, endpoints, T-junctions, overlaps and near misses", () => {
  assert.equal(segmentsIntersect(0, 0, 2, 2, 0, 2, 2, 0), true);
  assert.equal(segmentsIntersect(0, 0, 1, 0, 1, 0, 2, 5), true);
  assert.equal(segmentsIntersect(0, 0, 2, 0, 1, 0, 1, 3), true);
  assert.equal(segmentsIntersect(0, 0, 2, 0, 1, 0, 3, 0), true);
  assert.equal(segmentsIntersect(0, 0, 1, 0, 2, 0, 3, 0), false);
  assert.equal(segmentsIntersect(0, 0, 2, 0, 1, 1e-15, 1, 3), false);
});

test("edge sharing, single-corner contact and separation", () => {
  const n = neighbours([[square(0, 0)], [square(1, 0)], [square(1, 1)], [square(3, 3)]]);
  assert.deepEqual(n, [[1, 2], [0, 2], [0, 1], []]);
});

test("a vertex of one tract lying on an edge of the other counts, with no shared vertex", () => {
  // Tract 1's corner (1, 0.5) lies inside tract 0's right edge, which has no vertex there.
  const leaning: Ring = [
    [1, 0.5],
    [2, 0.2],
    [2, 0.8],
    [1, 0.5],
  ];
  assert.deepEqual(neighbours([[square(0, 0)], [leaning]]), [[1], [0]]);
  // The same shape moved right by a tiny amount touches nothing.
  const apart: Ring = leaning.map(([x, y]) => [(x as number) + 1e-12, y as number]);
  assert.deepEqual(neighbours([[square(0, 0)], [apart]]), [[], []]);
});

test("multi-part tracts touch through any part; holes are boundary too; no geometry, no neighbours", () => {
  const twoParts = [square(10, 10), square(2, 0)];
  assert.deepEqual(neighbours([[square(0, 0)], twoParts, [square(1, 0)]]), [[2], [2], [0, 1]]);
  const donut: Ring[] = [square(0, 0, 3), [...square(1, 1)].reverse()];
  assert.deepEqual(neighbours([donut, [square(1, 1)], []]), [[1], [0], []]);
});

test("open rings are closed before testing", () => {
  const open: Ring = [
    [1, 0],
    [2, 0],
    [2, 1],
    [1, 1],
  ];
  // The closing edge (1,1)–(1,0) is the shared one.
  assert.deepEqual(neighbours([[square(0, 0)], [open]]), [[1], [0]]);
});

test("long shared boundaries go through the per-pair segment index", () => {
  const steps = 200;
  const zigzag: [number, number][] = [];
  for (let i = 0; i <= steps; i++) zigzag.push([i % 2 === 0 ? 1 : 1.01, i / steps]);
  const left: Ring = [[0, 0], ...zigzag, [0, 1], [0, 0]];
  const right: Ring = [[2, 0], [2, 1], ...[...zigzag].reverse(), [2, 0]];
  const offset: Ring = right.map(([x, y]) => [(x as number) + 0.02, y as number]);
  assert.deepEqual(neighbours([[left], [right]]), [[1], [0]]);
  assert.deepEqual(neighbours([[left], [offset]]), [[], []]);
});
