import { type RankScratch, rankPercentilesInto } from "./percentile-rank.ts";

/** The three columns §6.6 writes. */
export interface IslandCombinedPercentile {
  /** Mean of the island and states values, skipping missing ones. */
  combined: Float64Array;
  /** The joint rank, kept only where the states value is missing (the island tracts). */
  islandPercentile: Float64Array;
  /** `islandPercentile >= cutoff` (1/0). */
  exceeds: Uint8Array;
}

/**
 * Ranks island tracts jointly with the states, DC and PR (methodology.md §6.6): island values
 * and states values share one ranking, but only tracts without a states value keep the
 * result. The original stores the mean of the two columns and ranks that.
 */
export function computeIslandCombinedPercentile(
  islandValues: ArrayLike<number>,
  statesValues: ArrayLike<number>,
  cutoff: number,
  scratch?: RankScratch,
): IslandCombinedPercentile {
  const n = islandValues.length;
  const combined = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = islandValues[i]!;
    const b = statesValues[i]!;
    const hasA = !Number.isNaN(a);
    const hasB = !Number.isNaN(b);
    combined[i] = hasA && hasB ? (a + b) / 2 : hasA ? a : hasB ? b : Number.NaN;
  }
  const rank = new Float64Array(n);
  rankPercentilesInto(combined, rank, true, undefined, scratch);
  const islandPercentile = new Float64Array(n);
  const exceeds = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = Number.isNaN(statesValues[i]!) ? rank[i]! : Number.NaN;
    islandPercentile[i] = p;
    exceeds[i] = p >= cutoff ? 1 : 0;
  }
  return { combined, islandPercentile, exceeds };
}
