import type { NeighbourGraph } from "@cejst/methodology";
import { InputSchemaError } from "@cejst/schema";

/**
 * numpy's float64 `sum`: pairwise over blocks of 128, eight interleaved accumulators inside
 * a block. Reproduced because the mean of neighbours must match the original to the last
 * bit where two tracts would otherwise tie.
 */
export function numpySum(a: readonly number[], lo = 0, hi = a.length): number {
  const n = hi - lo;
  if (n < 8) {
    let s = -0;
    for (let i = lo; i < hi; i++) s += a[i] as number;
    return s;
  }
  if (n <= 128) {
    const r = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => a[lo + k] as number);
    let i = 8;
    for (; i < n - (n % 8); i += 8)
      for (let k = 0; k < 8; k++) r[k] = (r[k] as number) + (a[lo + i + k] as number);
    let s =
      (r[0] as number) +
      (r[1] as number) +
      ((r[2] as number) + (r[3] as number)) +
      ((r[4] as number) + (r[5] as number) + ((r[6] as number) + (r[7] as number)));
    for (; i < n; i++) s += a[lo + i] as number;
    return s;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return numpySum(a, lo, lo + n2) + numpySum(a, lo + n2, hi);
}

/** pandas `Series.mean()` (skipna): nulls become 0 in place, numpy sums, divided by the count. */
function pandasMean(values: readonly (number | null)[]): number | null {
  let count = 0;
  const filled = values.map((v) => {
    if (v === null) return 0;
    count++;
    return v;
  });
  return count === 0 ? null : numpySum(filled) / count;
}

/** What the imputation reads: tract ids, the population gate, and the raw columns to impute. */
export interface ImputationInput {
  geoids: readonly string[];
  population: readonly (number | null)[];
  raw: readonly (readonly (number | null)[])[];
  /** Touching neighbours per row (the row itself excluded). */
  neighbours: NeighbourGraph;
}

/** Thrown when a tract has no candidate set with a value; the caller names the file. */
export class NoImputationCandidates extends Error {
  readonly geoid: string;
  readonly pair: number;
  constructor(geoid: string, pair: number) {
    super(`tract ${geoid} has no neighbour, county or state value to impute from (pair ${pair + 1})`);
    this.geoid = geoid;
    this.pair = pair;
  }
}

/**
 * Neighbour imputation of methodology.md §5.2. Each imputed column starts as a copy of its
 * raw column; a tract with any raw value missing and population ≥ 1 gets, for every pair,
 * the mean of the raw values of its touching neighbours, else its county, else its state —
 * the first set holding a value, chosen per pair. Returns the imputed columns and which rows
 * were imputed.
 */
export function imputeFromNeighbours(input: ImputationInput): {
  imputed: (number | null)[][];
  rows: number[];
} {
  const { geoids, population, raw, neighbours } = input;
  const imputed = raw.map((c) => [...c]);
  const byPrefix = (len: number) => {
    const m = new Map<string, number[]>();
    geoids.forEach((g, i) => {
      const k = g.slice(0, len);
      const l = m.get(k);
      if (l) l.push(i);
      else m.set(k, [i]);
    });
    return m;
  };
  const counties = byPrefix(5);
  const states = byPrefix(2);
  const rows: number[] = [];
  for (let t = 0; t < geoids.length; t++) {
    const pop = population[t] ?? null;
    if (pop === null || !(pop >= 1) || !raw.some((c) => c[t] === null)) continue;
    rows.push(t);
    const touching: number[] = [];
    for (let k = neighbours.offsets[t] as number; k < (neighbours.offsets[t + 1] as number); k++) {
      const j = neighbours.indices[k] as number;
      if (j !== t) touching.push(j);
    }
    touching.sort((a, b) => a - b);
    const g = geoids[t] as string;
    const sets = [touching, counties.get(g.slice(0, 5)) ?? [], states.get(g.slice(0, 2)) ?? []];
    raw.forEach((column, p) => {
      for (const set of sets) {
        const m = pandasMean(set.map((j) => column[j] ?? null));
        if (m !== null) {
          (imputed[p] as (number | null)[])[t] = m;
          return;
        }
      }
      throw new NoImputationCandidates(g, p);
    });
  }
  return { imputed, rows };
}

/**
 * `imputeFromNeighbours`, with a tract that has nothing to impute from reported as an
 * `InputSchemaError` at the file and line its row came from.
 */
export function imputeLocated(
  input: ImputationInput,
  where: { files: readonly string[]; lines: readonly (number | undefined)[] },
): ReturnType<typeof imputeFromNeighbours> {
  try {
    return imputeFromNeighbours(input);
  } catch (e) {
    if (!(e instanceof NoImputationCandidates)) throw e;
    const i = input.geoids.indexOf(e.geoid);
    throw new InputSchemaError(
      { file: where.files[i] ?? "", line: where.lines[i], field: "tract" },
      e.message,
      {
        cause: e,
      },
    );
  }
}
