/**
 * Percentiles as the original computed them: pandas `Series.rank(pct=True)` with the default
 * `method="average"` and `na_option="keep"` (methodology.md §6.1). A tract's percentile is its
 * average rank among the ranked tracts divided by how many tracts were ranked, so the lowest
 * value gets `1/n` (never 0) and the highest exactly `1.0`.
 */

/**
 * Ranks `values` into `out` (same length). `NaN` is missing; missing and excluded tracts get
 * `NaN` and do not count. Sorting a copy of the values natively and locating each tract's tie
 * group by binary search is several times faster than sorting row indices with a comparator,
 * and it yields the same half-integer average ranks.
 */
export function rankPercentilesInto(
  values: ArrayLike<number>,
  out: Float64Array,
  ascending = true,
  excluded?: ArrayLike<number | boolean>,
): number {
  const len = values.length;
  if (out.length !== len)
    throw new Error(`percentile output length must equal input length (got ${out.length})`);
  const sorted = new Float64Array(len);
  let n = 0;
  for (let i = 0; i < len; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v) && !excluded?.[i]) sorted[n++] = v;
  }
  const ranked = sorted.subarray(0, n);
  // TypedArray sort is numeric; -0 sorts just before +0, and both compare equal below, so a
  // tie group stays contiguous.
  ranked.sort();
  for (let i = 0; i < len; i++) {
    const v = values[i]!;
    if (Number.isNaN(v) || excluded?.[i]) {
      out[i] = Number.NaN;
      continue;
    }
    // first index with ranked[k] >= v
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ranked[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    const first = lo;
    // first index with ranked[k] > v
    hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ranked[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    // 1-based ranks first+1 .. lo; their mean is an exact half-integer.
    const avgAscending = (first + 1 + lo) / 2;
    out[i] = (ascending ? avgAscending : n + 1 - avgAscending) / n;
  }
  return n;
}

/**
 * pandas `Series.rank(pct=True, method="average", na_option="keep")`, methodology.md §6.1.
 * `null` and `NaN` are missing; tracts flagged in `excluded` are treated as missing (§6.3).
 * With `ascending = false` the lowest value gets 1.0 (the reverse percentiles of §6.5).
 */
export function percentileRank(
  values: ArrayLike<number | null>,
  ascending = true,
  excluded: ArrayLike<boolean> = [],
): Array<number | null> {
  const len = values.length;
  const input = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const v = values[i];
    input[i] = v === null || v === undefined ? Number.NaN : v;
  }
  const out = new Float64Array(len);
  rankPercentilesInto(input, out, ascending, excluded);
  const result = new Array<number | null>(len);
  for (let i = 0; i < len; i++) {
    const p = out[i]!;
    result[i] = Number.isNaN(p) ? null : p;
  }
  return result;
}
