/**
 * The contract between the score stage (which reads the dataset folder, builds the tract
 * universe and the neighbour graph) and the methodology core (which computes every column
 * of methodology.md §15.1 and a decision trace per tract). Pure data, no I/O.
 */

/** The two published methodologies. */
export type MethodologyVersion = "1.0" | "2.0";

/** Neighbour lists in compressed sparse row form: row i's neighbours are
 * `indices[offsets[i] .. offsets[i+1])`, as row indices of the same table. */
export interface NeighbourGraph {
  offsets: Uint32Array;
  indices: Uint32Array;
}

/** Everything the methodology needs, column by column, one row per tract of the universe. */
export interface ScoreTableInput {
  version: MethodologyVersion;
  /** The tract universe (methodology.md §3), in output order (sorted by GEOID). */
  geoids: readonly string[];
  /** Numeric source columns under their exact names (incl. the derived columns of §2.2
   * step 4); `NaN` is missing. Columns absent from the map are treated as all-missing. */
  numeric: ReadonlyMap<string, Float64Array>;
  /** Tri-state source booleans (§1.3) under their exact names. */
  flags: ReadonlyMap<string, ReadonlyArray<boolean | null>>;
  /** Text source columns (e.g. `Names of Tribal areas within Census tract`). */
  text: ReadonlyMap<string, ReadonlyArray<string | null>>;
  /** Touching neighbours of each tract (§11.2), the tract itself excluded. */
  neighbours: NeighbourGraph;
  /** `ALAND10` of each tract in m² (`NaN` when unknown); 0 = water-only. */
  aland10: Float64Array;
}

/** How a column is written in CSV (§15.1 encodings). */
export type ScoreColumnKind = "float" | "int" | "bool" | "text";

/**
 * One output column. `values[i]` belongs to `geoids[i]`. Missing is `null`, except in `float`
 * and `int` columns, which hold only numbers and mark missing with `NaN` (so a national column
 * stays an unboxed array of doubles).
 */
export interface ScoreColumn {
  name: string;
  kind: ScoreColumnKind;
  values: ReadonlyArray<number | boolean | string | null>;
}
