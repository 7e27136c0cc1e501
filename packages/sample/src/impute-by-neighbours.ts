/**
 * numpy's pairwise summation (`np.add.reduce` on float64): sequential below 8 values,
 * eight accumulators up to 128, halves above. The original averaged neighbour values this
 * way; matching it keeps imputed values bit-identical to a pandas run on the same inputs.
 */
export function pairwiseSum(values: readonly number[], start = 0, n = values.length): number {
  if (n < 8) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[start + i]!;
    return s;
  }
  if (n <= 128) {
    const r = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let k = 0; k < 8; k++) r[k] = values[start + k]!;
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let k = 0; k < 8; k++) r[k]! += values[start + i + k]!;
    let s = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i++) s += values[start + i]!;
    return s;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(values, start, n2) + pairwiseSum(values, start + n2, n - n2);
}

/** What the imputation needs to know about one tract of the table. */
export interface ImputationRow {
  geoid: string;
  population: number | null;
  /** Indices (into the same row list) of touching tracts. */
  neighbours: readonly number[];
}

/**
 * Neighbour imputation of methodology.md §5.2. Each imputed column starts as a copy of its raw
 * column; a tract with any raw value missing and population ≥ `minPopulation` gets, for every
 * column, the mean of the non-missing raw values of the first candidate set that has one:
 * its touching tracts, then its county, then its state. Imputed values never feed others.
 */
export function imputeByNeighbours(
  rows: readonly ImputationRow[],
  raw: ReadonlyArray<ReadonlyArray<number | null>>,
  minPopulation = 1,
): Array<Array<number | null>> {
  const out = raw.map((col) => [...col]);
  const byPrefix = (len: number) => {
    const m = new Map<string, number[]>();
    rows.forEach((r, i) => {
      const k = r.geoid.slice(0, len);
      const list = m.get(k);
      if (list) list.push(i);
      else m.set(k, [i]);
    });
    return m;
  };
  const counties = byPrefix(5);
  const states = byPrefix(2);
  rows.forEach((row, i) => {
    const missing = raw.some((col) => col[i] === null);
    if (!missing || row.population === null || !(row.population >= minPopulation)) return;
    const sets = [row.neighbours, counties.get(row.geoid.slice(0, 5))!, states.get(row.geoid.slice(0, 2))!];
    raw.forEach((col, c) => {
      for (const set of sets) {
        // pandas' skipna mean: missing values become 0 in place, numpy sums them all, and
        // the sum is divided by the count of values present.
        const filled: number[] = [];
        let count = 0;
        for (const j of set) {
          const v = col[j];
          if (v !== null && v !== undefined) count++;
          filled.push(v ?? 0);
        }
        if (count > 0) {
          out[c]![i] = pairwiseSum(filled) / count;
          return;
        }
      }
      throw new Error(`tract ${row.geoid} has no neighbour, county or state value to impute from (got none)`);
    });
  });
  return out;
}
