import assert from "node:assert/strict";
import { test } from "node:test";
import { zxyToTileId as referenceTileId } from "pmtiles";
import { zxyToTileId } from "./tile-id.ts";

test("tile ids equal the pmtiles reader's for every tile of z0–6", () => {
  for (let z = 0; z <= 6; z++) {
    for (let x = 0; x < 2 ** z; x++) {
      for (let y = 0; y < 2 ** z; y++)
        assert.equal(zxyToTileId(z, x, y), referenceTileId(z, x, y), `${z}/${x}/${y}`);
    }
  }
});

test("tile ids equal the pmtiles reader's at deep zooms, beyond 32 bits", () => {
  for (let z = 7; z <= 26; z++) {
    const n = 2 ** z;
    for (const [fx, fy] of [
      [0, 0],
      [0.999, 0.001],
      [0.3, 0.7],
      [0.61, 0.42],
      [1, 1],
    ] as const) {
      const x = Math.min(n - 1, Math.floor(fx * n));
      const y = Math.min(n - 1, Math.floor(fy * n));
      assert.equal(zxyToTileId(z, x, y), referenceTileId(z, x, y), `${z}/${x}/${y}`);
    }
  }
});

test("rejects coordinates outside the zoom", () => {
  assert.throws(() => zxyToTileId(2, 4, 0), /tile x\/y must be within 0..3 at z2 \(got 4\/0\)/);
  assert.throws(() => zxyToTileId(27, 0, 0), /tile zoom must be 0..26 \(got 27\)/);
});
