import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { missingFixtureMessage, sharedFixture } from "@cejst/testing";
import { computeTouchingNeighbours } from "../../src/score/compute-touching-neighbours.ts";
import { bruteForcePairs, loadGeometry, neighbourAverages, pairsOf } from "./geometry-helpers.ts";

const HOWARD = "geometry/howard-county-md-tracts-2010.geojson";
const SCORES = "score_rules/scores.csv";
const ISLANDS = "geometry/island-areas-tracts-2010.geojson";
const howard = sharedFixture(HOWARD);
const scores = sharedFixture(SCORES);
const islands = sharedFixture(ISLANDS);

test("Howard County: exactly the 16 touching pairs of methodology.md §18.6, and their averages", {
  skip: howard && scores ? false : missingFixtureMessage(howard ? SCORES : HOWARD),
}, () => {
  const { geoids, geometry } = loadGeometry(howard as string);
  const graph = computeTouchingNeighbours(geometry.polygons);
  const ring = ["602100", "602201", "602303", "605503", "605502", "605104", "603003", "603001"];
  const expected = [
    ...ring.map((a) => ["603004", a]),
    ...ring.map((a, i) => [a, ring[(i + 1) % ring.length] as string]),
  ].map(([a, b]) => {
    const [x, y] = [`24027${a}`, `24027${b}`].sort();
    return `${x}-${y}`;
  });
  assert.deepEqual(pairsOf(geoids, graph), expected.sort());

  const lines = readFileSync(scores as string, "utf8")
    .trim()
    .split("\n")
    .slice(1);
  const included = new Map(lines.map((l) => [l.split(",")[0], l.split(",")[1] === "True"]));
  const flags = geoids.map((g) => included.get(g) === true);
  const avg = neighbourAverages(graph, flags);
  for (let t = 0; t < geoids.length; t++) {
    if (geoids[t] === "24027603004") assert.equal(avg[t], 1.0);
    else assert.equal(avg[t], 2 / 3, `ring tract ${geoids[t]}`);
  }
  const none = neighbourAverages(
    graph,
    geoids.map(() => false),
  );
  assert.equal(none[geoids.indexOf("24027603004")], 0);
});

const WATER_ONLY = [
  "66010990000",
  "69100990000",
  "69110990000",
  "69120990000",
  "78010990000",
  "78020990000",
  "78030990000",
];

test("island areas: the graph equals a brute-force check; isolated tracts; the 2.0 water exclusion", {
  skip: islands ? false : missingFixtureMessage(ISLANDS),
}, () => {
  const { geoids, geometry } = loadGeometry(islands as string);
  assert.equal(geoids.length, 132);
  const graph = computeTouchingNeighbours(geometry.polygons);
  const pairs = pairsOf(geoids, graph);
  assert.deepEqual(pairs, bruteForcePairs(geoids, geometry.polygons));

  const water = geoids.filter((_, t) => geometry.aland10[t] === 0);
  assert.deepEqual(water, WATER_ONLY);

  const degree = (t: number) => (graph.offsets[t + 1] as number) - (graph.offsets[t] as number);
  const isolated = geoids.filter((_, t) => degree(t) === 0);
  assert.ok(isolated.length > 0, "some island tracts touch nothing");
  // An isolated tract has no average in either version: never a donut.
  const everyone = geoids.map(() => true);
  const v1 = neighbourAverages(graph, everyone);
  const v2 = neighbourAverages(graph, everyone, geometry.aland10);
  for (const g of isolated) {
    assert.equal(v1[geoids.indexOf(g)], null);
    assert.equal(v2[geoids.indexOf(g)], null);
  }

  // Land tracts touching a water-only tract: their 2.0 neighbour set loses it.
  const touchingWater = new Set<string>();
  for (const p of pairs) {
    const [a, b] = p.split("-") as [string, string];
    if (WATER_ONLY.includes(a) && !WATER_ONLY.includes(b)) touchingWater.add(b);
    if (WATER_ONLY.includes(b) && !WATER_ONLY.includes(a)) touchingWater.add(a);
  }
  assert.ok(touchingWater.size > 0, "some land tracts touch a water-only tract");
  // With only the water-only tracts flagged, a land tract touching one averages > 0 in
  // 1.0 and exactly 0 (or null) in 2.0.
  const waterFlags = geoids.map((g) => WATER_ONLY.includes(g));
  const w1 = neighbourAverages(graph, waterFlags);
  const w2 = neighbourAverages(graph, waterFlags, geometry.aland10);
  for (const g of touchingWater) {
    const t = geoids.indexOf(g);
    assert.ok((w1[t] as number) > 0, g);
    assert.ok(w2[t] === null || w2[t] === 0, g);
  }
  // A water-only tract with land neighbours still gets its own average in 2.0.
  const waterWithLand = WATER_ONLY.filter((g) => {
    const t = geoids.indexOf(g);
    for (let k = graph.offsets[t] as number; k < (graph.offsets[t + 1] as number); k++)
      if ((geometry.aland10[graph.indices[k] as number] as number) > 0) return true;
    return false;
  });
  for (const g of waterWithLand) assert.notEqual(v2[geoids.indexOf(g)], null, g);
  // Facts of this file, confirmed by the brute-force check above: 334 touching pairs; the
  // remote islands (Swains, Rose Atoll, Manu'a group, the Northern Islands) touch nothing;
  // 62 land tracts touch a water-only one; all seven water-only tracts touch land.
  assert.equal(pairs.length, 334);
  assert.deepEqual(isolated, ["60020951800", "60030951900", "60040952000", "69085950100"]);
  assert.equal(touchingWater.size, 62);
  assert.deepEqual(waterWithLand, WATER_ONLY);
});
