/**
 * The published v1.0 results (methodology.md §18.1) as the grandfathering input of a v2.0
 * run over the real 74,134-tract universe with no other data: every v1.0 tract stays
 * disadvantaged, all of them through grandfathering, and the areas count as §1.2 says.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { missingFixtureMessage, sharedFixture } from "@cejst/testing";
import { classifyAreas, ISLAND_AREA, NATION, PUERTO_RICO } from "../src/area.ts";
import { COL } from "../src/column-names.ts";
import { decideScores } from "../src/decide-scores.ts";
import { parseBool, readCsvRows } from "./helpers/csv.ts";

const REL = "static_data/v1.0-score-results-usa.csv";
const path = sharedFixture(REL);

test("v1.0 results grandfather into v2.0 over the real tract universe", {
  skip: path ? false : missingFixtureMessage(REL),
}, () => {
  const { header, rows } = readCsvRows(path!);
  const geoids = rows.map((r) => r[header.indexOf("GEOID10_TRACT")]!);
  assert.equal(geoids.length, 74_134);
  const areas = classifyAreas(geoids);
  const count = (code: number, prefix?: string) =>
    geoids.filter((g, i) => areas[i] === code && (prefix === undefined || g.startsWith(prefix))).length;
  assert.equal(count(NATION), 73_057);
  assert.equal(count(PUERTO_RICO), 945);
  assert.deepEqual(
    ["60", "66", "69", "78"].map((p) => count(ISLAND_AREA, p)),
    [18, 57, 25, 32],
  );
  const k = header.indexOf(COL.final);
  const v1 = Int8Array.from(rows, (r) => {
    const b = parseBool(r[k]!);
    return b === null ? -1 : b ? 1 : 0;
  });
  const { columns } = decideScores({
    version: "2.0",
    geoids,
    numeric: () => undefined,
    flag: (name) => (name === COL.v1Final ? v1 : undefined),
    neighbourAverage: (s) => new Float64Array(s.length).fill(Number.NaN),
  });
  const final = columns.get(COL.final)!;
  const grand = columns.get(COL.grandfathered)!;
  let nFinal = 0;
  let nGrand = 0;
  for (let i = 0; i < geoids.length; i++) {
    if (v1[i] === 1) assert.equal(final[i], 1, `${geoids[i]} was disadvantaged in v1.0`);
    nFinal += final[i]!;
    nGrand += grand[i]!;
  }
  assert.equal(nFinal, 27_248);
  assert.equal(nGrand, 27_248);
  assert.equal(final[geoids.indexOf("48061012305")], 0, "the §11.2 example is not disadvantaged in v1.0");
});
