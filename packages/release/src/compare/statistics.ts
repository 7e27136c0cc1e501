/** Summary statistics of the non-null values (rollout.md §4.3 R11). */
export interface Summary {
  n: number;
  missing: number;
  mean: number | null;
  sd: number | null;
  min: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  max: number | null;
}

function quantile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  // Linear interpolation between closest ranks (numpy's default).
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Summary of values; nulls and NaN count as missing. */
export function summarize(values: readonly (number | null)[]): Summary {
  const xs = values.filter((v): v is number => v !== null && !Number.isNaN(v)).sort((a, b) => a - b);
  const n = xs.length;
  const mean = n ? xs.reduce((s, x) => s + x, 0) / n : null;
  const sd = n > 1 && mean !== null ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : null;
  return {
    n,
    missing: values.length - n,
    mean,
    sd,
    min: n ? xs[0]! : null,
    q1: quantile(xs, 0.25),
    median: quantile(xs, 0.5),
    q3: quantile(xs, 0.75),
    max: n ? xs[n - 1]! : null,
  };
}

/** Counts of values in `bins` equal-width bins over [lo, hi]; values outside are clamped. */
export function histogram(
  values: readonly (number | null)[],
  bins: number,
  lo: number,
  hi: number,
): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    if (v === null || Number.isNaN(v)) continue;
    const i = Math.min(bins - 1, Math.max(0, Math.floor(((v - lo) / (hi - lo)) * bins)));
    counts[i]!++;
  }
  return counts;
}

/** Pearson correlation of paired values (pairs with a null are skipped); null if undefined. */
export function pearson(xs: readonly (number | null)[], ys: readonly (number | null)[]): number | null {
  const a: number[] = [];
  const b: number[] = [];
  xs.forEach((x, i) => {
    const y = ys[i];
    if (x !== null && y !== null && y !== undefined && !Number.isNaN(x) && !Number.isNaN(y)) {
      a.push(x);
      b.push(y);
    }
  });
  const n = a.length;
  if (n < 2) return null;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? null : sab / Math.sqrt(saa * sbb);
}

function averageRanks(values: number[]): number[] {
  const idx = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]!);
  const ranks = new Array<number>(values.length);
  for (let s = 0; s < idx.length; ) {
    let e = s;
    while (e + 1 < idx.length && values[idx[e + 1]!] === values[idx[s]!]) e++;
    for (let k = s; k <= e; k++) ranks[idx[k]!] = (s + e) / 2 + 1;
    s = e + 1;
  }
  return ranks;
}

/** Spearman rank correlation (average ranks for ties) of the complete pairs. */
export function spearman(xs: readonly (number | null)[], ys: readonly (number | null)[]): number | null {
  const a: number[] = [];
  const b: number[] = [];
  xs.forEach((x, i) => {
    const y = ys[i];
    if (x !== null && y !== null && y !== undefined && !Number.isNaN(x) && !Number.isNaN(y)) {
      a.push(x);
      b.push(y);
    }
  });
  return pearson(averageRanks(a), averageRanks(b));
}
