import assert from "node:assert/strict";
import { test } from "node:test";
import { hashInts, Rng, rngFor, valueNoise } from "./prng.ts";

test("Rng is deterministic per seed and differs between seeds", () => {
  const a = new Rng(42);
  const b = new Rng(42);
  const c = new Rng(43);
  const xs = Array.from({ length: 100 }, () => a.next());
  assert.deepEqual(
    xs,
    Array.from({ length: 100 }, () => b.next()),
  );
  assert.notDeepEqual(
    xs,
    Array.from({ length: 100 }, () => c.next()),
  );
  for (const x of xs) assert.ok(x >= 0 && x < 1, `draw out of [0, 1): ${x}`);
});

test("Rng draws are roughly uniform and normal draws have unit variance", () => {
  const r = new Rng(7);
  const n = 20000;
  let below = 0;
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    if (r.next() < 0.25) below++;
    const z = r.normal();
    sum += z;
    sq += z * z;
  }
  assert.ok(Math.abs(below / n - 0.25) < 0.02, `share below 0.25: ${below / n}`);
  assert.ok(Math.abs(sum / n) < 0.05, `mean ${sum / n}`);
  assert.ok(Math.abs(sq / n - 1) < 0.06, `variance ${sq / n}`);
});

test("rngFor keys streams by purpose and entity", () => {
  assert.equal(rngFor(1, "a", "x").next(), rngFor(1, "a", "x").next());
  assert.notEqual(rngFor(1, "a", "x").next(), rngFor(1, "b", "x").next());
  assert.notEqual(rngFor(1, "a", "x").next(), rngFor(2, "a", "x").next());
  assert.notEqual(hashInts(1, 2), hashInts(2, 1));
});

test("valueNoise is continuous: nearby points get close values, lattice points are reproduced", () => {
  for (let i = 0; i < 200; i++) {
    const x = i * 0.173;
    const y = i * 0.311;
    const d = Math.abs(valueNoise(5, x, y) - valueNoise(5, x + 1e-4, y + 1e-4));
    assert.ok(d < 1e-2, `jump of ${d} at (${x}, ${y})`);
  }
  assert.equal(valueNoise(5, 3, 4), valueNoise(5, 3, 4));
});
