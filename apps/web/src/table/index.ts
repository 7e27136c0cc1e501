export { TABLE_MESSAGES, type TableKey, tt } from "./messages.ts";
export { csvFileName, csvHeader, tableCsv } from "./table-csv.ts";
export { type JsonFetcher, type TablePage, type TableRelease, TractTable } from "./table-data.ts";
export {
  answerTotals,
  CATEGORY_IDS,
  type CategoryId,
  parseShard,
  type Route,
  rowAnswer,
  rowRoutes,
  rowTransition,
  type ShardEntry,
  type Sort,
  type SortKey,
  sortRows,
  type TableFilter,
  type TableRow,
  type Transition,
  transitionTotals,
} from "./table-model.ts";
export {
  mountTableView,
  readTableState,
  TABLE_PARAMS,
  type TableSelection,
  type TableView,
  type TableViewContext,
} from "./table-view.ts";
