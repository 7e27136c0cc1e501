import type { RankScratch } from "./percentile-rank.ts";
import type { MethodologyVersion } from "./score-table.ts";

/** Columns the decision stage reads by name; `NaN`/-1 is missing. */
export interface ColumnSource {
  /** A numeric column (raw, percentile or computed), or `undefined` when absent. */
  numeric(name: string): ArrayLike<number> | undefined;
  /** A tri-state column: 1 true, 0 false, -1 missing; `undefined` when absent. */
  flag(name: string): Int8Array | undefined;
}

/** The low-income flag and any columns its computation creates. */
export interface LowIncomeResult {
  /** `Is low income (imputed and adjusted)?` (1/0). */
  isLowIncome: Uint8Array;
  /** Percentile an island tract's low income is judged on (v2.0, §5.4); `NaN` elsewhere. */
  islandPercentile: Float64Array | null;
  /** Extra output columns by name (v2.0: the three §6.6 low-income columns). */
  columns: Map<string, Float64Array | Uint8Array>;
}

/** What differs between v1.0 and v2.0 (methodology.md §16); everything else is shared. */
export interface VersionRules {
  version: MethodologyVersion;
  /** §5.4 */
  classifyLowIncome(
    source: ColumnSource,
    area: Uint8Array,
    adjustedPercentile: ArrayLike<number>,
    scratch: RankScratch,
  ): LowIncomeResult;
  /** §5.6: the percentile the donut's relaxed low-income test reads for one tract. */
  donutLowIncomePercentile(adjustedPercentile: number, islandPercentile: number): number;
  /** §9: island tracts with low income are disadvantaged on their own. */
  territoryRule: boolean;
  /** §11.2: neighbours without land do not count. */
  excludeWaterNeighbours: boolean;
  /** §12: v1.0 results stay disadvantaged. */
  grandfathering: boolean;
}
