/**
 * The original's rule fixtures (methodology.md §18.3–§18.6), read from ../shared when present.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { missingFixtureMessage, sharedFixture } from "@cejst/testing";
import { classifyAreas } from "../src/area.ts";
import { COL } from "../src/column-names.ts";
import { decideScores } from "../src/decide-scores.ts";
import { computeNeighbourAverage } from "../src/neighbour-average.ts";
import { percentileRank } from "../src/percentile-rank.ts";
import type { NeighbourGraph } from "../src/score-table.ts";
import { applyTerritoryRule } from "../src/versions/v2/territory-rule.ts";
import { parseBool, parseNum, readCsvRows } from "./helpers/csv.ts";

const fixture = (rel: string) => {
  const path = sharedFixture(rel);
  return { path: path!, skip: path ? false : missingFixtureMessage(rel) };
};

const DROP = fixture("score_rules/test_drop_tracts_from_percentile.csv");
test("percentiles with exclusions: excluded rows are null, the rest ranked as if they were absent", {
  skip: DROP.skip,
}, () => {
  const { header, rows } = readCsvRows(DROP.path);
  const ids = rows.map((r) => r[header.indexOf("GEOID10_TRACT")]!);
  const values = rows.map((r) => parseNum(r[header.indexOf("to_rank")]!));
  assert.equal(values.length, 100);
  const cases: Array<[string, string[]]> = [
    ["none", []],
    ["1", ["1"]],
    ["1 and 2", ["1", "2"]],
    ["first five", ids.slice(0, 5)],
    ["all", ids],
  ];
  for (const [label, drop] of cases) {
    const excluded = ids.map((id) => drop.includes(id));
    const got = percentileRank(values, true, excluded);
    const kept = values.filter((_, i) => !excluded[i]).sort((a, b) => a - b);
    got.forEach((p, i) => {
      if (excluded[i]) assert.equal(p, null, `${label}: excluded row ${ids[i]} must be null`);
      else assert.equal(p, (kept.indexOf(values[i]!) + 1) / kept.length, `${label}: row ${ids[i]}`);
    });
  }
  const two = percentileRank(
    values,
    true,
    ids.map((id) => id === "1" || id === "2"),
  );
  assert.equal(two[2], 1 / 98);
  assert.equal(two[99], 1.0);
});

const POVERTY = fixture("score_rules/test_mark_poverty_flag.csv");
test("v2.0 low income: island tracts are ranked jointly with the states (§5.4, §6.6)", {
  skip: POVERTY.skip,
}, () => {
  const { header, rows } = readCsvRows(POVERTY.path);
  const geoids = rows.map((r) => r[0]!);
  const numeric = new Map<string, Float64Array>();
  for (const name of header.slice(1, 4)) {
    const k = header.indexOf(name);
    numeric.set(
      name,
      Float64Array.from(rows, (r) => parseNum(r[k]!)),
    );
  }
  const liIn = rows.map((r) => parseBool(r[4]!));
  assert.ok(
    liIn.every((b) => b === false),
    "the fixture's LI column starts all false",
  );
  const { columns } = decideScores({
    version: "2.0",
    geoids,
    numeric: (name) => numeric.get(name),
    flag: () => undefined,
    neighbourAverage: (s) => new Float64Array(s.length).fill(Number.NaN),
  });
  const li = columns.get(COL.isLowIncome)!;
  const lowIncome = geoids.filter((_, i) => li[i] === 1);
  assert.deepEqual(lowIncome, ["36087011302", "66010951100", "78010990000"]);
  const pct = columns.get(
    "Percentage households below 200% of federal poverty line in 2009, adjusted and imputed for island areas (percentile)",
  ) as Float64Array;
  const at = (g: string) => pct[geoids.indexOf(g)];
  assert.equal(at("66010951100"), 5.5 / 7);
  assert.equal(at("60050951100"), 1.5 / 7);
  assert.equal(at("69110001100"), 3.5 / 7);
  assert.equal(at("78010990000"), 1);
  assert.ok(Number.isNaN(at("36087011302")!), "states tracts keep no island percentile");
});

const TERRITORY = fixture("score_rules/test_mark_territory_dacs.csv");
test("v2.0 territory rule: only island-area tracts with low income become disadvantaged (§9)", {
  skip: TERRITORY.skip,
}, () => {
  const { header, rows } = readCsvRows(TERRITORY.path);
  const geoids = rows.map((r) => r[header.indexOf("GEOID10_TRACT")]!);
  const li = Uint8Array.from(rows, (r) => (parseBool(r[header.indexOf(COL.isLowIncome)]!) ? 1 : 0));
  const scoreN = Uint8Array.from(rows, (r) => (parseBool(r[header.indexOf(COL.scoreN)]!) ? 1 : 0));
  assert.ok(scoreN.every((s) => s === 0));
  applyTerritoryRule(scoreN, li, classifyAreas(geoids));
  assert.deepEqual(
    geoids.filter((_, i) => scoreN[i] === 1),
    ["60050951100", "66010951100", "69110001101", "78010990000"],
  );
});

const SCORES = fixture("score_rules/scores.csv");
const HOWARD = fixture("geometry/howard-county-md-tracts-2010.geojson");
/** The touching pairs of §18.6 (a ring of eight around 603004), prefix 24027 omitted. */
const RING = ["602100", "602201", "602303", "605503", "605502", "605104", "603003", "603001"];

function graphOf(ids: string[], pairs: Array<[string, string]>): NeighbourGraph {
  const lists = ids.map(() => [] as number[]);
  for (const [a, b] of pairs) {
    const i = ids.indexOf(a);
    const j = ids.indexOf(b);
    assert.ok(i >= 0 && j >= 0, `pair ${a}-${b} names a tract outside the table`);
    lists[i]!.push(j);
    lists[j]!.push(i);
  }
  const offsets = new Uint32Array(ids.length + 1);
  lists.forEach((l, i) => {
    offsets[i + 1] = offsets[i]! + l.length;
  });
  return { offsets, indices: Uint32Array.from(lists.flat()) };
}

test("neighbour averages over a given graph, v1.0 and v2.0, with and without a water-only neighbour (§11)", {
  skip: SCORES.skip || HOWARD.skip,
}, () => {
  const { header, rows } = readCsvRows(SCORES.path);
  const ids = rows.map((r) => r[header.indexOf("GEOID10_TRACT")]!);
  const included = Uint8Array.from(rows, (r) => (parseBool(r[header.indexOf("included")]!) ? 1 : 0));
  const geo = JSON.parse(readFileSync(HOWARD.path, "utf8")) as {
    features: Array<{ properties: { GEOID10: string; ALAND10: number } }>;
  };
  const aland = Float64Array.from(ids, (id) => {
    const f = geo.features.find((g) => g.properties.GEOID10 === id);
    assert.ok(f, `no polygon for ${id}`);
    return f.properties.ALAND10;
  });
  const full = (s: string) => `24027${s}`;
  const pairs: Array<[string, string]> = [];
  RING.forEach((t, k) => {
    pairs.push([full("603004"), full(t)]);
    pairs.push([full(t), full(RING[(k + 1) % RING.length]!)]);
  });
  assert.equal(pairs.length, 16);
  const graph = graphOf(ids, pairs);
  const centre = ids.indexOf(full("603004"));
  for (const aland10 of [null, aland]) {
    const avg = computeNeighbourAverage(included, graph, aland10);
    assert.equal(avg[centre], 1.0);
    ids.forEach((_, i) => {
      if (i !== centre) assert.equal(avg[i], 2 / 3, `ring tract ${ids[i]}`);
    });
    const none = computeNeighbourAverage(new Uint8Array(ids.length), graph, aland10);
    assert.equal(none[centre], 0);
  }

  // A water-only tract touching the centre: v1.0 counts it, v2.0 drops it (§11.2); the water
  // tract itself still gets an average over its land neighbours.
  const withWater = [...ids, "24027990000"];
  const g2 = graphOf(withWater, [...pairs, [full("603004"), "24027990000"], ["24027990000", full("602100")]]);
  const scoreN = Uint8Array.from([...included, 0]);
  const landW = Float64Array.from([...aland, 0]);
  const v1 = computeNeighbourAverage(scoreN, g2, null);
  const v2 = computeNeighbourAverage(scoreN, g2, landW);
  assert.equal(v1[centre], 8 / 9);
  assert.equal(v2[centre], 1.0);
  assert.equal(
    v2[withWater.length - 1],
    0.5,
    "water tract averages its two land neighbours (603004 false, 602100 true)",
  );
});
