/** Raw-or-imputed ACS counts of one tract (methodology.md §4.1); `null` is missing. */
export interface LowIncomeCountsV2 {
  /** `C17002_001E`: the poverty universe. */
  nTot: number | null;
  /** `C17002_002E + C17002_003E`: below 100 % FPL. */
  n100: number | null;
  /** `C17002_002E + … + C17002_007E`: below 200 % FPL. */
  n200: number | null;
  /** `B14006_009E + B14006_010E`: off-campus students below poverty. */
  uPov: number | null;
  /** `B14006_009E + B14006_010E + B14006_019E + B14006_020E`: off-campus students. */
  uOff: number | null;
}

/** The v2.0 adjusted rate and the estimated off-campus students below 200 % FPL. */
export interface AdjustedLowIncomeV2 {
  /** `Percent of individuals below 200% Federal Poverty Line, imputed and adjusted`. */
  adjusted: number | null;
  /** `Estimated population count of off-campus university students <200% FPL` (U200). */
  u200: number | null;
}

const isMissing = (x: number | null): x is null => x === null || Number.isNaN(x);

/**
 * v2.0 "interpolated" student adjustment (methodology.md §5.3): off-campus students leave both
 * numerator and denominator, and how many of them are below 200 % FPL is estimated from the
 * tract's 200 %/100 % ratio. Missing values propagate, except that a missing `uOff` drops
 * only the upper bound of U200 (as pandas `clip` does with a missing bound). Zero counts give
 * an adjusted rate of exactly 0, not missing.
 */
export function computeAdjustedLowIncomeV2(counts: LowIncomeCountsV2): AdjustedLowIncomeV2 {
  const { nTot, n100, n200, uPov, uOff } = counts;
  let u200: number | null = null;
  if (!isMissing(n200) && !isMissing(n100) && !isMissing(uPov)) {
    const ratio = Math.max(Math.max(n200, 1) / Math.max(n100, 1), 1);
    u200 = Math.max(ratio * uPov, 0);
    if (!isMissing(uOff)) u200 = Math.min(u200, uOff);
  }
  if (u200 === null || isMissing(n200) || isMissing(nTot) || isMissing(uOff)) return { adjusted: null, u200 };
  const num = Math.max(n200 - u200, 0);
  const den = Math.max(nTot - uOff, 1);
  return { adjusted: Math.min(Math.max(num / den, 0), 1), u200 };
}
