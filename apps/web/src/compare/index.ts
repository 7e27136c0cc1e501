export {
  applyCompareStyle,
  compareLegendContent,
  renderVersionStatus,
  transitionLabel,
} from "./compare-mode.ts";
export { COMPARE_MESSAGES, type CompareKey, ct } from "./messages.ts";
export {
  type ChangeTotals,
  type ComparisonProblem,
  findComparison,
  MAP_TRANSITIONS,
  parseChangeTotals,
  TRANSITION_STYLE,
  type TransitionClass,
  transitionExpression,
  transitionOfTile,
} from "./transition.ts";
