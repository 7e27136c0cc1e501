import assert from "node:assert/strict";
import { test } from "node:test";
import { ind, trace } from "@cejst/methodology/testing";
import { traceMatchesTile } from "./consistency.ts";

test("the trace is compared with the tiles' flag and counts", () => {
  const tr = trace([ind("pm25", "energy", 0.95), ind("asthma", "health", 0.97)], 0.8);
  assert.equal(traceMatchesTile(tr, { SN_C: true, TC: 2, CC: 2 }), true);
  assert.equal(traceMatchesTile(tr, { SN_C: "1" }), true);
  assert.equal(traceMatchesTile(tr, { SN_C: false, TC: 2, CC: 2 }), false);
  assert.equal(traceMatchesTile(tr, { SN_C: true, TC: 3, CC: 2 }), false);
  assert.equal(traceMatchesTile(tr, { SN_C: true, TC: 2, CC: 1 }), false);
});
