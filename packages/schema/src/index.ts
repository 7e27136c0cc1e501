export {
  CejstError,
  ChecksumMismatch,
  DiffExceeds,
  type ErrorCode,
  GateFailed,
  type InputLocation,
  InputMissingError,
  InputSchemaError,
  NotApproved,
  PreconditionFailed,
  ReleaseExists,
  StoreError,
  ToolFailed,
  UsageError,
} from "./errors.ts";
/** The publisher and years of every burden indicator, for the methodology page. */
export { INDICATOR_SOURCES, type IndicatorSource } from "./indicator-sources.ts";
export {
  CATEGORIES,
  CATEGORY_IDS,
  type CategoryId,
  type CategorySpec,
  INDICATOR_IDS,
  INDICATORS,
  type IndicatorArea,
  type IndicatorDirection,
  type IndicatorDropRule,
  type IndicatorId,
  type IndicatorSpec,
  type SocioeconomicGate,
} from "./indicators.ts";
export { noProgress, type ProgressEvent, type ProgressSink } from "./progress.ts";
export {
  COMBINED_POPULATION_COLUMN,
  ISLAND_RACE_2009_COLUMNS,
  NON_NUMERIC_INPUT_COLUMNS,
  NUMERIC_INPUT_COLUMNS,
  percentileColumnName,
  REVERSE_PERCENTILE_COLUMNS,
  REVERSE_PERCENTILE_SOURCE_COLUMNS,
  SCORE_COLUMNS_V1,
  SCORE_COLUMNS_V2,
  SCORING_COLUMNS,
  TRI_STATE_INPUT_COLUMNS,
  V2_ONLY_COLUMNS,
} from "./score-columns.ts";
