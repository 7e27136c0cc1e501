import assert from "node:assert/strict";
import { test } from "node:test";
import { answerOf, decodeBool, statusClass } from "./decode.ts";
import { distancePoints, formatBytes, normaliseTractId, wholePercent } from "./format.ts";

test("wholePercent floors exactly: 0.57 is 57, not 56", () => {
  assert.equal(wholePercent(0.57), 57);
  assert.equal(wholePercent(0.8999), 89);
  assert.equal(wholePercent(0.9), 90);
});

test("wholePercent never shows the threshold when the full-precision test failed", () => {
  assert.equal(wholePercent(0.9 - 1e-12, 0.9, false), 89);
  assert.equal(wholePercent(0.9, 0.9, true), 90);
});

test("distance to a threshold in points, with 'at' under 0.05", () => {
  assert.deepEqual(distancePoints(-0.034), { dir: "below", points: 3.4 });
  assert.deepEqual(distancePoints(0.004), { dir: "above", points: 0.4 });
  assert.deepEqual(distancePoints(0.0004), { dir: "at", points: 0 });
});

test("tract ids: 10 digits get a leading zero; separators ignored; other input refused", () => {
  assert.equal(normaliseTractId("1001020100"), "01001020100");
  assert.equal(normaliseTractId("11001-000100"), "11001000100");
  assert.equal(normaliseTractId("11001 000.100"), "11001000100");
  assert.equal(normaliseTractId("1100"), undefined);
  assert.equal(normaliseTractId("abc"), undefined);
});

test("file sizes use the page locale", () => {
  assert.equal(formatBytes(2623890, "en-US"), "2.6 MB");
  assert.equal(formatBytes(2623890, "es-US"), "2.6 MB");
  assert.equal(formatBytes(417, "en-US"), "417 byte");
});

test("tile booleans decode from every published form", () => {
  for (const v of [true, 1, "1", "True"]) assert.equal(decodeBool(v), true);
  for (const v of [false, 0, "0", "False"]) assert.equal(decodeBool(v), false);
  assert.equal(decodeBool(undefined), undefined);
  assert.equal(decodeBool(null), undefined);
});

test("answer and status class from tile properties", () => {
  assert.equal(answerOf({ SN_C: "1" }), "yes");
  assert.equal(answerOf({ SN_C: false, TA_PERC: 0.004 }), "partially");
  assert.equal(answerOf({ SN_C: false, TA_COUNT_AK: 2 }), "partially");
  assert.equal(answerOf({ SN_C: false }), "no");
  assert.equal(statusClass({ SN_C: true, SN_GRAND: true }), "grandfathered");
  assert.equal(statusClass({ SN_C: true, SN_GRAND: false }), "identified");
  assert.equal(statusClass({ SN_C: "0" }), "not-identified");
});
