export { nri10 } from "./nri10.ts";
export { percentileRank, rankPercentilesInto } from "./percentile-rank.ts";
export type {
  MethodologyVersion,
  NeighbourGraph,
  ScoreColumn,
  ScoreColumnKind,
  ScoreTableInput,
} from "./score-table.ts";
export { computeAdjustedLowIncomeV1 } from "./versions/v1/adjusted-low-income.ts";
export {
  type AdjustedLowIncomeV2,
  computeAdjustedLowIncomeV2,
  type LowIncomeCountsV2,
} from "./versions/v2/adjusted-low-income.ts";
