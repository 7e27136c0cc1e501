import { ISLAND_AREA } from "../../area.ts";
import { computeIslandCombinedPercentile } from "../../island-combined-percentile.ts";
import { THRESHOLDS } from "../../thresholds.ts";
import type { VersionRules } from "../../version-rules.ts";

const ISLAND_P200 = "Percentage households below 200% of federal poverty line in 2009, adjusted and imputed";
const STATES_P200 = "Percent of individuals below 200% Federal Poverty Line, imputed and adjusted";

/** The three columns of the v2.0 island low-income ranking (§5.4, §6.6). */
export const ISLAND_LOW_INCOME_COLUMNS = {
  combined:
    "Percentage households below 200% of federal poverty line in 2009 (island areas) and 2010 (states and PR)",
  percentile:
    "Percentage households below 200% of federal poverty line in 2009, adjusted and imputed for island areas (percentile)",
  exceeds:
    "Percentage households below 200% of federal poverty line in 2009, adjusted and imputed exceeds 65th percentile",
} as const;

/**
 * Methodology 2.0 (methodology.md §16): island tracts get a low-income flag from the joint
 * island/states ranking and can be disadvantaged by it alone (territory rule); neighbours
 * without land do not count; every v1.0 result is kept.
 */
export const V2_RULES: VersionRules = {
  version: "2.0",
  classifyLowIncome(source, area, adjustedPercentile, scratch) {
    const n = adjustedPercentile.length;
    const isLowIncome = new Uint8Array(n);
    for (let i = 0; i < n; i++) isLowIncome[i] = adjustedPercentile[i]! >= THRESHOLDS.lowIncome ? 1 : 0;
    const missing = new Float64Array(n).fill(Number.NaN);
    const joint = computeIslandCombinedPercentile(
      source.numeric(ISLAND_P200) ?? missing,
      source.numeric(STATES_P200) ?? missing,
      THRESHOLDS.lowIncome,
      scratch,
    );
    for (let i = 0; i < n; i++) if (area[i] === ISLAND_AREA) isLowIncome[i] = joint.exceeds[i]!;
    const columns = new Map<string, Float64Array | Uint8Array>([
      [ISLAND_LOW_INCOME_COLUMNS.combined, joint.combined],
      [ISLAND_LOW_INCOME_COLUMNS.percentile, joint.islandPercentile],
      [ISLAND_LOW_INCOME_COLUMNS.exceeds, joint.exceeds],
    ]);
    return { isLowIncome, islandPercentile: joint.islandPercentile, columns };
  },
  // §5.6: a present ACS percentile wins, otherwise the island percentile (FPL200P).
  donutLowIncomePercentile: (adjusted, island) => (Number.isNaN(adjusted) ? island : adjusted),
  territoryRule: true,
  excludeWaterNeighbours: true,
  grandfathering: true,
};
