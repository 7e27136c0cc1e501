import assert from "node:assert/strict";
import { test } from "node:test";
import { lowZoomFeatures } from "./low-zoom.ts";

const square = (i: number) => ({
  type: "Polygon",
  coordinates: [
    [
      [i, 0],
      [i + 0.5, 0],
      [i + 0.5, 0.5],
      [i, 0.5],
      [i, 0],
    ],
  ],
});

test("small prefixes keep their tracts; the rest is bucketed by score with GEOID tie-break", () => {
  // 1000 tracts in 01 (300 identified), 20 in 56 (one not drawn)
  const geoids = [
    ...Array.from({ length: 1000 }, (_, i) => `01001${String(i).padStart(6, "0")}`),
    ...Array.from({ length: 20 }, (_, i) => `56001${String(i).padStart(6, "0")}`),
  ];
  const snC = geoids.map((g, i) => (g.startsWith("01") ? i % 10 < 3 : i % 2 === 0));
  const notDrawn = "56001000003";
  const { features, summary } = lowZoomFeatures(geoids, snC, (g) =>
    g === notDrawn
      ? null
      : g === "01001000005"
        ? { type: "MultiPolygon", coordinates: [square(0).coordinates, square(2).coordinates] }
        : square(Number(g.slice(5))),
  );
  assert.equal(summary.keptTracts, 20);
  assert.equal(summary.bucketedTracts, 1000);
  // n = 1000, d = 300: size 100 gives 300 mod 100 = 0, so 10 buckets
  assert.equal(summary.buckets, 10);
  assert.equal(summary.bucketSize, 100);
  const bucketed = features.slice(0, features.length - 20);
  assert.equal(bucketed.length, 1001, "the MultiPolygon tract gives two features");
  assert.ok(bucketed.every((f) => f.geometry?.type === "Polygon"));
  const scores = [...new Set(bucketed.map((f) => f.properties.SCORE))].sort();
  assert.deepEqual(scores, [0, 1]);
  const kept = features.slice(-20);
  kept.forEach((f, i) => {
    assert.equal(f.properties.SCORE, i % 2 === 0 ? 1 : 0);
  });
  assert.equal(kept[3]?.geometry, null);
});

test("a mixed bucket gets the mean score rounded to 2 decimals; more buckets while d mod size > 200", () => {
  const geoids = Array.from({ length: 2000 }, (_, i) => `06001${String(i).padStart(6, "0")}`);
  // 750 zeros then 1250 ones; size 200 (1250 mod 200 = 50): bucket 3 holds 150 zeros and 50 ones
  const snC = geoids.map((_, i) => i < 1250);
  const { features, summary } = lowZoomFeatures(geoids, snC, (g) => square(Number(g.slice(5))));
  assert.equal(summary.buckets, 10);
  const counts = new Map<number, number>();
  for (const f of features) counts.set(f.properties.SCORE, (counts.get(f.properties.SCORE) ?? 0) + 1);
  assert.deepEqual([...counts].sort(), [
    [0, 600],
    [0.25, 200],
    [1, 1200],
  ]);
  const n = 50000;
  const many = Array.from({ length: n }, (_, i) => `48001${String(i).padStart(6, "0")}`);
  const r = lowZoomFeatures(
    many,
    many.map((_, i) => i < 4900),
    () => null,
  );
  // size 5000 leaves 4900 identified rows in a mixed bucket (> 200), so buckets grow
  let buckets = 10;
  let size = Math.ceil(n / buckets);
  while (4900 % size > 200) size = Math.ceil(n / ++buckets);
  assert.equal(r.summary.buckets, buckets);
  assert.ok(r.summary.buckets > 10);
});

test("all tracts in small prefixes: no buckets and a warning", () => {
  const { summary } = lowZoomFeatures(["60010950100", "66010950100"], [true, false], () => null);
  assert.equal(summary.buckets, 0);
  assert.match(summary.warning ?? "", /150/);
});
