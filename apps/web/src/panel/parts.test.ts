import assert from "node:assert/strict";
import { test } from "node:test";
import { pctText } from "./parts.ts";

test("W34: percentiles read with their English ordinal ending and as 'percentil n' in Spanish", () => {
  assert.equal(pctText("en", 0.95), "95th percentile");
  assert.equal(pctText("en", 0.91), "91st percentile");
  assert.equal(pctText("en", 0.92), "92nd percentile");
  assert.equal(pctText("en", 0.93), "93rd percentile");
  assert.equal(pctText("en", 0.11), "11th percentile");
  assert.equal(pctText("en", 0.12), "12th percentile");
  assert.equal(pctText("en", 0.13), "13th percentile");
  assert.equal(pctText("en", 0.57), "57th percentile");
  assert.equal(pctText("en", 0.01), "1st percentile");
  assert.equal(pctText("es", 0.95), "percentil 95");
  assert.equal(pctText("es", 0.92), "percentil 92");
});

test("W34: the shown percentile never contradicts the full-precision test", () => {
  assert.equal(pctText("en", 0.8999, 0.9, false), "89th percentile");
  assert.equal(pctText("en", 0.8999999, 0.9, false), "89th percentile");
  assert.equal(pctText("en", 0.9, 0.9, true), "90th percentile");
  // A value within 1e-9 below the threshold floors to 90 but the test failed: it shows 89.
  assert.equal(pctText("en", 0.9 - 1e-12, 0.9, false), "89th percentile");
});
