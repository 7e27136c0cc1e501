import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { percentileRank } from "../src/percentile-rank.ts";

/** The reference of methodology.md §6.1, written the slow, obvious way. */
function referenceRank(values: ReadonlyArray<number | null>, ascending = true, excluded: boolean[] = []) {
  const idx: number[] = [];
  values.forEach((v, i) => {
    if (v !== null && !Number.isNaN(v) && !excluded[i]) idx.push(i);
  });
  const n = idx.length;
  const cmp = (x: number, y: number) => (x < y ? -1 : x > y ? 1 : 0);
  idx.sort((a, b) => (ascending ? cmp(values[a]!, values[b]!) : cmp(values[b]!, values[a]!)));
  const out = new Array<number | null>(values.length).fill(null);
  for (let s = 0; s < n; ) {
    let e = s;
    while (e + 1 < n && values[idx[e + 1]!] === values[idx[s]!]) e++;
    const avgRank = (s + 1 + (e + 1)) / 2;
    for (let k = s; k <= e; k++) out[idx[k]!] = avgRank / n;
    s = e + 1;
  }
  return out;
}

const cell = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -5, max: 5 }).map((x) => x / 2) },
  { weight: 3, arbitrary: fc.double({ noNaN: true }) },
  { weight: 1, arbitrary: fc.constant(null) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0),
  },
);
const column = fc.array(cell, { maxLength: 60 });

test("percentileRank equals the §6.1 reference (ties, nulls, infinities, exclusions, both directions)", () => {
  fc.assert(
    fc.property(column, fc.boolean(), fc.array(fc.boolean(), { maxLength: 60 }), (values, asc, excl) => {
      assert.deepEqual(percentileRank(values, asc, excl), referenceRank(values, asc, excl));
    }),
    { numRuns: 300 },
  );
});

test("percentiles lie in (0, 1], a unique maximum gets exactly 1 and they sum to (n+1)/2", () => {
  fc.assert(
    fc.property(column, (values) => {
      const ranked = percentileRank(values).filter((p): p is number => p !== null);
      const n = values.filter((v) => v !== null && !Number.isNaN(v)).length;
      assert.equal(ranked.length, n);
      if (n === 0) return;
      for (const p of ranked) assert.ok(p > 0 && p <= 1, `percentile ${p} outside (0, 1]`);
      const present = values.filter((v): v is number => v !== null && !Number.isNaN(v));
      const top = Math.max(...present);
      const ties = present.filter((v) => v === top).length;
      // The top tie group shares ranks n-ties+1 .. n, so only a unique maximum reaches 1.0.
      assert.equal(Math.max(...ranked), (2 * n - ties + 1) / 2 / n);
      const sum = ranked.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - (n + 1) / 2) < 1e-9 * n, `sum ${sum} != ${(n + 1) / 2}`);
    }),
    { numRuns: 300 },
  );
});

test("equal values share a percentile and a larger value never ranks lower", () => {
  fc.assert(
    fc.property(column, (values) => {
      const p = percentileRank(values);
      for (let i = 0; i < values.length; i++)
        for (let j = 0; j < values.length; j++) {
          const a = values[i];
          const b = values[j];
          if (a === null || b === null || a === undefined || b === undefined) continue;
          if (Number.isNaN(a) || Number.isNaN(b)) continue;
          if (a === b) assert.equal(p[i], p[j]);
          if (a < b) assert.ok(p[i]! < p[j]!, `${a} < ${b} but ${p[i]} >= ${p[j]}`);
        }
    }),
    { numRuns: 200 },
  );
});

test("reverse percentiles give the lowest value 1.0", () => {
  assert.deepEqual(percentileRank([3, 1, 2, null], false), [1 / 3, 1, 2 / 3, null]);
  assert.deepEqual(percentileRank([1, 1, 2], false), [2.5 / 3, 2.5 / 3, 1 / 3]);
});

test("excluded tracts get null and do not count", () => {
  assert.deepEqual(percentileRank([10, 20, 30, 40], true, [true, false, false, false]), [
    null,
    1 / 3,
    2 / 3,
    1,
  ]);
});
