/**
 * Percentiles as the original computed them: pandas `Series.rank(pct=True)` with the default
 * `method="average"` and `na_option="keep"` (methodology.md §6.1). A tract's percentile is its
 * average rank among the ranked tracts divided by how many tracts were ranked, so the lowest
 * value gets `1/n` (never 0) and the highest exactly `1.0`.
 */

/** A writable array of numbers: a `Float64Array` or a plain `number[]`. */
export interface MutableNumbers {
  readonly length: number;
  [index: number]: number;
}

/** Buffers one ranking needs; reusing them across columns avoids reallocating ~2 MB each. */
export interface RankScratch {
  f64: Float64Array;
  u32: Uint32Array;
  keyHi: Uint32Array;
  keyLo: Uint32Array;
  order: Uint32Array;
  spare: Uint32Array;
  counts: Uint32Array;
}

/** Scratch buffers for ranking columns of up to `size` values. */
export function createRankScratch(size: number): RankScratch {
  const f64 = new Float64Array(1);
  return {
    f64,
    u32: new Uint32Array(f64.buffer),
    keyHi: new Uint32Array(size),
    keyLo: new Uint32Array(size),
    order: new Uint32Array(size),
    spare: new Uint32Array(size),
    counts: new Uint32Array(65536),
  };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = 1 - LO;

/**
 * Ranks `values` into `out` (same length) and returns how many tracts were ranked. `NaN` is
 * missing; missing and excluded tracts get `NaN` and do not count. The tracts are ordered by
 * an LSD radix sort on the IEEE bits of their values (mapped so that unsigned order equals
 * numeric order), which is several times faster nationally than a comparison sort; ties are
 * then found by value equality, so -0 and +0 (adjacent in that order) tie as pandas ties them.
 */
export function rankPercentilesInto(
  values: ArrayLike<number>,
  out: MutableNumbers,
  ascending = true,
  excluded?: ArrayLike<number | boolean>,
  scratch: RankScratch = createRankScratch(values.length),
): number {
  const len = values.length;
  if (out.length !== len)
    throw new Error(`percentile output length must equal input length (got ${out.length})`);
  if (scratch.keyHi.length < len)
    throw new Error(`rank scratch must hold every value (got ${scratch.keyHi.length})`);
  const { f64, u32, keyHi, keyLo, counts } = scratch;
  let order = scratch.order;
  let spare = scratch.spare;
  let n = 0;
  for (let i = 0; i < len; i++) {
    const v = values[i]!;
    out[i] = Number.NaN;
    if (Number.isNaN(v) || excluded?.[i]) continue;
    f64[0] = v;
    let h = u32[HI]!;
    let l = u32[LO]!;
    // Negative numbers: invert every bit; others: set the sign bit. Unsigned order then
    // equals numeric order, with -Infinity first and +Infinity last.
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    keyHi[i] = h;
    keyLo[i] = l;
    order[n++] = i;
  }
  for (let pass = 0; pass < 4; pass++) {
    const keys = pass < 2 ? keyLo : keyHi;
    const shift = pass % 2 === 0 ? 0 : 16;
    counts.fill(0);
    for (let k = 0; k < n; k++) counts[(keys[order[k]!]! >>> shift) & 0xffff]!++;
    // A digit shared by every value (common in the low bits of round numbers) orders nothing.
    if (n === 0 || counts[(keys[order[0]!]! >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const row = order[k]!;
      spare[counts[(keys[row]! >>> shift) & 0xffff]!++] = row;
    }
    const t = order;
    order = spare;
    spare = t;
  }
  for (let s = 0; s < n; ) {
    const v = values[order[s]!]!;
    let e = s;
    while (e + 1 < n && values[order[e + 1]!] === v) e++;
    // 1-based ranks s+1 .. e+1; their mean is an exact half-integer.
    const avgAscending = (s + 1 + (e + 1)) / 2;
    const p = (ascending ? avgAscending : n + 1 - avgAscending) / n;
    for (let k = s; k <= e; k++) out[order[k]!] = p;
    s = e + 1;
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
