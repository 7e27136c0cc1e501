/**
 * The cut-offs of the score (methodology.md §5.1; identical in v1.0 and v2.0). Every test is
 * `>=` except the house-value test (`<=`) and the tribal test (`>`, §10).
 */
export const THRESHOLDS = {
  /** §5.1 `LOW_INCOME_THRESHOLD`: low-income percentile `>=`. */
  lowIncome: 0.65,
  /** §5.1 `ENVIRONMENTAL_BURDEN_THRESHOLD`: every burden percentile `>=`. */
  burden: 0.9,
  /** §5.1 `MEDIAN_HOUSE_VALUE_THRESHOLD`: house-value percentile `<=` (lead paint). */
  medianHouseValue: 0.9,
  /** §5.1 `LACK_OF_HIGH_SCHOOL_MINIMUM_THRESHOLD`: raw share `>=`, not a percentile. */
  highSchool: 0.1,
  /** §5.1 `LOW_INCOME_THRESHOLD_DONUT`: donut low-income percentile `>=`. */
  donutLowIncome: 0.5,
  /** §5.1 `SCORE_THRESHOLD_DONUT`: neighbour average `>=`. */
  donutNeighbours: 1.0,
  /** §10: tribal share strictly `>` (the TSD's "99.5 percent or more" is not what ran). */
  tribalShare: 0.995,
} as const;
