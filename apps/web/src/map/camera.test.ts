import assert from "node:assert/strict";
import { test } from "node:test";
import { cameraHash, DEFAULT_CAMERA, parseCameraHash } from "./camera.ts";

test("the default camera is written as the original's #3/33.47/-97.5", () => {
  assert.equal(cameraHash(DEFAULT_CAMERA), "#3/33.47/-97.5");
});

test("a deep link's camera is written back with the same digits", () => {
  for (const hash of ["#12.05/41.40965/-75.65978", "#9.5/33.52/-86.8", "#4/40/-100"]) {
    const c = parseCameraHash(hash);
    assert.ok(c, hash);
    assert.equal(cameraHash(c), hash);
  }
});

test("precision grows with zoom and float noise is rounded away", () => {
  assert.equal(cameraHash({ zoom: 3.0000001, lat: 33.470000004, lon: -97.49999999 }), "#3/33.47/-97.5");
  assert.equal(cameraHash({ zoom: 16, lat: 1.123456789, lon: -0.0000001 }), "#16/1.123457/0");
});

test("a malformed or out-of-range hash is no camera", () => {
  for (const bad of ["", "#", "#3/33", "#a/b/c", "#3/95/0", "#3/0/181"])
    assert.equal(parseCameraHash(bad), undefined);
});
