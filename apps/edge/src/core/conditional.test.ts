import assert from "node:assert/strict";
import { test } from "node:test";
import { etagOf, ifRangeAllows, noneMatch } from "./conditional.ts";

const A = "a".repeat(64);
const B = "b".repeat(64);

test("If-None-Match matches by weak comparison, lists and *", () => {
  assert.equal(noneMatch(`"${A}"`, A), true);
  assert.equal(noneMatch(`W/"${A}"`, A), true);
  assert.equal(noneMatch(`"${B}", "${A}"`, A), true);
  assert.equal(noneMatch("*", A), true);
  assert.equal(noneMatch(`"${B}"`, A), false);
  assert.equal(noneMatch(undefined, A), false);
});

test("an encoded variant's tag matches the same bytes", () => {
  assert.equal(noneMatch(etagOf(A, "br"), A), true);
  assert.equal(noneMatch(etagOf(B, "gzip"), A), false);
});

test("If-Range needs an exact strong tag; dates never match", () => {
  assert.equal(ifRangeAllows(undefined, A), true);
  assert.equal(ifRangeAllows(`"${A}"`, A), true);
  assert.equal(ifRangeAllows(`W/"${A}"`, A), false);
  assert.equal(ifRangeAllows(etagOf(A, "br"), A), false);
  assert.equal(ifRangeAllows("Wed, 21 Oct 2015 07:28:00 GMT", A), false);
});
