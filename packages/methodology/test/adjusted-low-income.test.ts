import assert from "node:assert/strict";
import { test } from "node:test";
import { computeAdjustedLowIncomeV1 } from "../src/versions/v1/adjusted-low-income.ts";
import { computeAdjustedLowIncomeV2 } from "../src/versions/v2/adjusted-low-income.ts";

test("v1.0 subtracts the college rate and floors at 0; a missing side is null", () => {
  assert.equal(computeAdjustedLowIncomeV1(0.5, 0.2), 0.5 - 0.2);
  assert.equal(computeAdjustedLowIncomeV1(0.1, 0.3), 0);
  assert.equal(computeAdjustedLowIncomeV1(null, 0.3), null);
  assert.equal(computeAdjustedLowIncomeV1(0.4, Number.NaN), null);
});

test("v2.0 removes off-campus students, interpolating how many are below 200 % FPL", () => {
  // ratio = 400/200 = 2, U200 = min(2*30, 50) = 50, num = 350, den = 1000-50 = 950
  const r = computeAdjustedLowIncomeV2({ nTot: 1000, n100: 200, n200: 400, uPov: 30, uOff: 50 });
  assert.equal(r.u200, 50);
  assert.equal(r.adjusted, 350 / 950);
  // U200 below its cap: ratio 1.5, U200 = 15
  const s = computeAdjustedLowIncomeV2({ nTot: 1000, n100: 200, n200: 300, uPov: 10, uOff: 50 });
  assert.equal(s.u200, 15);
  assert.equal(s.adjusted, 285 / 950);
});

test("v2.0 zero counts give an adjusted rate of exactly 0, not null", () => {
  assert.deepEqual(computeAdjustedLowIncomeV2({ nTot: 0, n100: 0, n200: 0, uPov: 0, uOff: 0 }), {
    adjusted: 0,
    u200: 0,
  });
});

test("v2.0 clips to [0, 1] and propagates missing counts", () => {
  assert.equal(computeAdjustedLowIncomeV2({ nTot: 10, n100: 5, n200: 50, uPov: 0, uOff: 9 }).adjusted, 1);
  assert.deepEqual(computeAdjustedLowIncomeV2({ nTot: 100, n100: null, n200: 50, uPov: 1, uOff: 2 }), {
    adjusted: null,
    u200: null,
  });
  // A missing uOff drops only the upper bound of U200; the rate itself is then missing.
  assert.deepEqual(computeAdjustedLowIncomeV2({ nTot: 100, n100: 10, n200: 20, uPov: 3, uOff: null }), {
    adjusted: null,
    u200: 6,
  });
});
