import assert from "node:assert/strict";
import { test } from "node:test";
import { nri10 } from "../src/nri10.ts";

test("nri10 rounds to 10 decimals, half to even on the float64 product", () => {
  assert.equal(nri10(2.80394e-6), 0.0000028039);
  assert.equal(nri10(0.12345678905), 0.123456789); // product is exactly 1234567890.5 → even
  assert.equal(nri10(0.12345678915), 0.1234567892);
  assert.equal(nri10(2.5e-10), 2e-10); // exact tie → even
  assert.equal(nri10(3.5e-10), 4e-10);
  assert.equal(nri10(Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
  assert.ok(Number.isNaN(nri10(Number.NaN)));
});
