import {
  ISLAND_RACE_2009_COLUMNS,
  NUMERIC_INPUT_COLUMNS,
  REVERSE_PERCENTILE_SOURCE_COLUMNS,
  SCORE_COLUMNS_V1,
  SCORE_COLUMNS_V2,
  TRI_STATE_INPUT_COLUMNS,
  V2_ONLY_COLUMNS,
} from "@cejst/schema";
import { COL } from "./column-names.ts";
import type { MethodologyVersion, ScoreColumnKind } from "./score-table.ts";

/** The output column order of each version (methodology.md §15.1): 272 for 2.0, 261 for 1.0. */
export const SCORE_COLUMNS: Record<MethodologyVersion, readonly string[]> = {
  "1.0": SCORE_COLUMNS_V1,
  "2.0": SCORE_COLUMNS_V2,
};

/** The source columns the score reads, by how the score stage must parse them. */
export interface ScoreInputColumns {
  /** Parse as float64 (`NaN` when empty); includes the derived columns of §2.2 step 4. */
  numeric: readonly string[];
  /** Tri-state booleans: `True`/`False`/empty (§1.3). */
  flags: readonly string[];
  /** Kept as text. */
  text: readonly string[];
}

const forVersion = (version: MethodologyVersion, names: readonly string[]) =>
  version === "2.0" ? [...names] : names.filter((c) => !V2_ONLY_COLUMNS.has(c));

const inputsOf = (version: MethodologyVersion): ScoreInputColumns => ({
  numeric: forVersion(version, [
    ...NUMERIC_INPUT_COLUMNS,
    ...ISLAND_RACE_2009_COLUMNS,
    ...REVERSE_PERCENTILE_SOURCE_COLUMNS,
  ]),
  flags: forVersion(version, [
    "Does the tract have at least 35 acres in it?",
    COL.containsAgriculturalValue,
    ...TRI_STATE_INPUT_COLUMNS,
  ]),
  text: ["Names of Tribal areas within Census tract"],
});

/** Which source columns the score reads for each version, numeric vs tri-state vs text. */
export const INPUT_COLUMNS: Record<MethodologyVersion, ScoreInputColumns> = {
  "1.0": inputsOf("1.0"),
  "2.0": inputsOf("2.0"),
};

const INT_COLUMNS: ReadonlySet<string> = new Set([COL.totalThresholds, COL.scoreNPercentile]);
const FLAG_COLUMNS: ReadonlySet<string> = new Set([...INPUT_COLUMNS["2.0"].flags]);
const TEXT_COLUMNS: ReadonlySet<string> = new Set(["GEOID10_TRACT", ...INPUT_COLUMNS["2.0"].text]);

/**
 * How a column is encoded (§15.1): booleans `bool`, TC and `Definition N (communities)
 * (percentile)` `int`, text `text`, everything else `float`. Scoring columns written as 1/0
 * typed arrays are booleans unless listed here as numbers.
 */
export function classifyColumnKind(name: string, isNumericArray: boolean): ScoreColumnKind {
  if (TEXT_COLUMNS.has(name)) return "text";
  if (INT_COLUMNS.has(name)) return "int";
  if (FLAG_COLUMNS.has(name)) return "bool";
  return isNumericArray ? "float" : "bool";
}
