import assert from "node:assert/strict";
import { test } from "node:test";
import {
  CATEGORIES,
  CATEGORY_IDS,
  INDICATOR_IDS,
  INDICATORS,
  type IndicatorId,
  type IndicatorSpec,
  SCORE_COLUMNS_V1,
  SCORE_COLUMNS_V2,
  V2_ONLY_COLUMNS,
} from "../src/index.ts";

test("the score tables have 272 (v2.0) and 261 (v1.0) unique columns", () => {
  assert.equal(SCORE_COLUMNS_V2.length, 272);
  assert.equal(SCORE_COLUMNS_V1.length, 261);
  assert.equal(new Set(SCORE_COLUMNS_V2).size, 272);
  assert.equal(V2_ONLY_COLUMNS.size, 11);
  for (const c of V2_ONLY_COLUMNS) assert.ok(SCORE_COLUMNS_V2.includes(c), c);
  assert.equal(SCORE_COLUMNS_V2[0], "GEOID10_TRACT");
  assert.equal(SCORE_COLUMNS_V2.at(-1), "Percentage of tract that is disadvantaged");
});

test("every indicator names columns that exist in the v2.0 table, and a category that exists", () => {
  assert.equal(INDICATOR_IDS.length, 33);
  for (const id of INDICATOR_IDS) {
    const s: IndicatorSpec = INDICATORS[id];
    assert.ok(CATEGORY_IDS.includes(s.category), `${id} category`);
    for (const col of [s.sourceColumn, s.testedColumn, s.burdenColumn, s.countedColumn])
      assert.ok(SCORE_COLUMNS_V2.includes(col), `${id}: ${col}`);
    assert.ok(s.tileCode.length > 0);
    assert.ok(s.threshold > 0 && s.threshold <= 1, `${id} threshold ${s.threshold}`);
  }
  for (const id of CATEGORY_IDS) {
    assert.ok(SCORE_COLUMNS_V2.includes(CATEGORIES[id].factorColumn));
    assert.ok(SCORE_COLUMNS_V2.includes(CATEGORIES[id].anyBurdenColumn));
    assert.ok(
      INDICATOR_IDS.some((i) => INDICATORS[i].category === id),
      `${id} has indicators`,
    );
  }
});

test("tile codes of burdens are unique", () => {
  const codes = INDICATOR_IDS.map((id) => INDICATORS[id].tileCode);
  assert.equal(new Set(codes).size, codes.length);
});

test("the catalog type rejects an indicator without a threshold or tile code (checked by tsc)", () => {
  const partial = {
    category: "health",
    label: "x",
    area: "states",
    sourceColumn: "x",
    test: "percentile",
    testedColumn: "x (percentile)",
    testedTileCode: null,
    direction: "normal",
    gate: "low_income",
    drop: "none",
    burdenColumn: "b",
    countedColumn: "c",
    countedTileCode: null,
  } as const;
  // @ts-expect-error: `threshold` and `tileCode` are required
  const bad: IndicatorSpec = partial;
  const good: IndicatorSpec = { ...partial, threshold: 0.9, tileCode: "X_ET" };
  assert.equal(good.threshold, 0.9);
  assert.equal((bad as { threshold?: number }).threshold, undefined);
  // A registry missing an id fails `satisfies Record<IndicatorId, IndicatorSpec>`:
  const { diabetes: _omitted, ...rest } = INDICATORS;
  // @ts-expect-error: `diabetes` is missing
  const incomplete = rest satisfies Record<IndicatorId, IndicatorSpec>;
  assert.ok(!("diabetes" in incomplete));
});
