import assert from "node:assert/strict";
import { test } from "node:test";
import { nri10 } from "./nri10.ts";

test("nri10 rounds exact ties at the 10th decimal half to even, as numpy's rint does", () => {
  // 2.5e-10 * 1e10 is exactly 2.5 in float64, so these are true ties.
  assert.equal(nri10(2.5e-10), 2e-10);
  assert.equal(nri10(3.5e-10), 4e-10);
  assert.equal(nri10(0.5e-10), 0);
  assert.equal(nri10(-2.5e-10), -2e-10);
  assert.equal(nri10(-3.5e-10), -4e-10);
});

test("nri10 rounds non-ties to nearest and leaves non-finite values alone", () => {
  assert.equal(nri10(0.00000350671234), 0.0000035067);
  assert.equal(nri10(18.61994018747269), 18.6199401875);
  assert.equal(nri10(Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
  assert.ok(Number.isNaN(nri10(Number.NaN)));
});
