import { THRESHOLDS } from "../../thresholds.ts";
import type { VersionRules } from "../../version-rules.ts";

/**
 * Methodology 1.0 (methodology.md §16): low income from the ACS percentile alone, so every
 * island tract is not low income; no territory rule; every touching neighbour counts; no
 * grandfathering.
 */
export const V1_RULES: VersionRules = {
  version: "1.0",
  classifyLowIncome(_source, _area, adjustedPercentile) {
    const n = adjustedPercentile.length;
    const isLowIncome = new Uint8Array(n);
    for (let i = 0; i < n; i++) isLowIncome[i] = adjustedPercentile[i]! >= THRESHOLDS.lowIncome ? 1 : 0;
    return { isLowIncome, islandPercentile: null, columns: new Map() };
  },
  donutLowIncomePercentile: (adjusted) => adjusted,
  territoryRule: false,
  excludeWaterNeighbours: false,
  grandfathering: false,
};
