export { computeScoreTable, type ScoreTableResult } from "./compute-score-table.ts";
export type {
  CategoryTrace,
  DecisionTrace,
  IndicatorTrace,
  TraceArea,
  TraceReason,
  TraceVersion,
} from "./explain.ts";
export { explainTrace, renderTraceText } from "./explain.ts";
export {
  computeIslandCombinedPercentile,
  type IslandCombinedPercentile,
} from "./island-combined-percentile.ts";
export { computeNeighbourAverage } from "./neighbour-average.ts";
export { nri10 } from "./nri10.ts";
export { percentileRank, rankPercentilesInto } from "./percentile-rank.ts";
export { INPUT_COLUMNS, SCORE_COLUMNS, type ScoreInputColumns } from "./score-columns.ts";
export type {
  MethodologyVersion,
  NeighbourGraph,
  ScoreColumn,
  ScoreColumnKind,
  ScoreTableInput,
} from "./score-table.ts";
export { THRESHOLDS } from "./thresholds.ts";
export { classifyTribalOverlap } from "./tribal-overlap.ts";
export { computeAdjustedLowIncomeV1 } from "./versions/v1/adjusted-low-income.ts";
export {
  type AdjustedLowIncomeV2,
  computeAdjustedLowIncomeV2,
  type LowIncomeCountsV2,
} from "./versions/v2/adjusted-low-income.ts";
