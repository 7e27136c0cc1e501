import assert from "node:assert/strict";
import { test } from "node:test";
import { parseRange } from "./range.ts";

test("a closed range is partial and clamped to the last byte", () => {
  assert.deepEqual(parseRange("bytes=0-99", 1000), { kind: "partial", start: 0, end: 99 });
  assert.deepEqual(parseRange("bytes=900-5000", 1000), { kind: "partial", start: 900, end: 999 });
});

test("open and suffix ranges", () => {
  assert.deepEqual(parseRange("bytes=10-", 100), { kind: "partial", start: 10, end: 99 });
  assert.deepEqual(parseRange("bytes=-10", 100), { kind: "partial", start: 90, end: 99 });
  assert.deepEqual(parseRange("bytes=-500", 100), { kind: "partial", start: 0, end: 99 });
});

test("a start at or past the end, or an empty suffix, is unsatisfiable", () => {
  assert.deepEqual(parseRange("bytes=100-", 100), { kind: "unsatisfiable" });
  assert.deepEqual(parseRange("bytes=-0", 100), { kind: "unsatisfiable" });
  assert.deepEqual(parseRange("bytes=0-0", 0), { kind: "unsatisfiable" });
  assert.deepEqual(parseRange("bytes=99999999999999999999-", 100), { kind: "unsatisfiable" });
});

test("multi-range, malformed, reversed and oversized headers are ignored", () => {
  for (const h of [
    undefined,
    "bytes=0-1,3-4",
    "bytes=",
    "bytes=-",
    "pages=1-2",
    "bytes=5-1",
    "bytes=a-b",
    `bytes=0-${"9".repeat(300)}`,
  ]) {
    assert.deepEqual(parseRange(h, 100), { kind: "full" }, String(h));
  }
});
