import type { DecisionTrace } from "@cejst/methodology/explain";
import type { TileProps } from "../data/release.ts";
import { decodeBool, decodeNumber } from "../decode.ts";

/**
 * Whether a trace agrees with the published tile properties (web.md §4.2): the final flag and,
 * where the tiles carry them, the counts of thresholds (`TC`) and categories (`CC`). A
 * comparison of published values, not a re-evaluation.
 */
export function traceMatchesTile(trace: DecisionTrace, tile: TileProps): boolean {
  const flag = decodeBool(tile.SN_C);
  if (flag !== undefined && flag !== trace.disadvantaged) return false;
  const tc = decodeNumber(tile.TC);
  if (tc !== undefined && tc !== trace.totalThresholdsExceeded) return false;
  const cc = decodeNumber(tile.CC);
  if (cc !== undefined && cc !== trace.totalCategoriesExceeded) return false;
  return true;
}
