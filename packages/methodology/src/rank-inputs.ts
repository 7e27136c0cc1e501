import {
  COMBINED_POPULATION_COLUMN,
  INDICATORS,
  type IndicatorDropRule,
  type IndicatorSpec,
  ISLAND_RACE_2009_COLUMNS,
  NUMERIC_INPUT_COLUMNS,
  type ProgressSink,
  percentileColumnName,
  REVERSE_PERCENTILE_COLUMNS,
  REVERSE_PERCENTILE_SOURCE_COLUMNS,
  V2_ONLY_COLUMNS,
} from "@cejst/schema";
import { COL } from "./column-names.ts";
import { createRankScratch, rankPercentilesInto } from "./percentile-rank.ts";
import { INPUT_COLUMNS } from "./score-columns.ts";
import type { MethodologyVersion, ScoreTableInput } from "./score-table.ts";

/** The score's inputs after §2.2 steps 5–8: raw columns, their percentiles, typed flags. */
export interface RankedTable {
  version: MethodologyVersion;
  geoids: readonly string[];
  /**
   * Raw numeric columns (as given), percentile columns (plain arrays, handed to the output
   * without a copy) and the combined population; `NaN` is missing.
   */
  numeric: Map<string, ArrayLike<number>>;
  /** Tri-state columns: 1 true, 0 false, -1 missing. */
  flags: Map<string, Int8Array>;
  text: Map<string, ReadonlyArray<string | null>>;
}

/** Which source column each drop list (§6.3) applies to, read from the indicator catalog. */
const DROP_BY_COLUMN: ReadonlyMap<string, IndicatorDropRule> = new Map(
  (Object.values(INDICATORS) as IndicatorSpec[])
    .filter((s) => s.drop !== "none")
    .map((s) => [s.sourceColumn, s.drop] as const),
);

/** Converts a tri-state column to 1/0/-1. */
export function toTriState(
  values: ReadonlyArray<boolean | null> | undefined,
  n: number,
  name: string,
): Int8Array {
  const out = new Int8Array(n).fill(-1);
  if (values === undefined) return out;
  if (values.length !== n)
    throw new Error(`flag column ${name} must have one value per tract (got ${values.length})`);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    out[i] = v === true ? 1 : v === false ? 0 : -1;
  }
  return out;
}

/**
 * Ranks every numeric input (methodology.md §2.2 steps 5–8, §6): national percentiles with the
 * drop lists of §6.3, the three reverse percentiles of §6.5, and the combined population.
 */
export function rankScoreInputs(input: ScoreTableInput, onProgress?: ProgressSink): RankedTable {
  const { version, geoids } = input;
  const n = geoids.length;
  if (input.aland10.length !== n)
    throw new Error(`aland10 must have one value per tract (got ${input.aland10.length})`);
  const cols = INPUT_COLUMNS[version];
  const numeric = new Map<string, ArrayLike<number>>();
  for (const name of cols.numeric) {
    const col = input.numeric.get(name);
    if (col !== undefined && col.length !== n)
      throw new Error(`numeric column ${name} must have one value per tract (got ${col.length})`);
    numeric.set(name, col ?? new Float64Array(n).fill(Number.NaN));
  }
  const flags = new Map<string, Int8Array>();
  for (const name of cols.flags) flags.set(name, toTriState(input.flags.get(name), n, name));
  const text = new Map<string, ReadonlyArray<string | null>>();
  for (const name of cols.text) {
    const col = input.text.get(name);
    if (col !== undefined && col.length !== n)
      throw new Error(`text column ${name} must have one value per tract (got ${col.length})`);
    text.set(name, col ?? new Array<string | null>(n).fill(null));
  }

  // §6.3 drop lists. A tract missing from NRI has a missing agricultural flag, which the
  // original turns into true, so only an explicit false excludes it.
  const agri = flags.get(COL.containsAgriculturalValue)!;
  const pop = numeric.get(COL.totalPopulation)!;
  const drops: Record<Exclude<IndicatorDropRule, "none">, Uint8Array> = {
    no_agricultural_value: new Uint8Array(n),
    puerto_rico: new Uint8Array(n),
    population_20_or_less: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    drops.no_agricultural_value[i] = agri[i] === 0 ? 1 : 0;
    drops.puerto_rico[i] = geoids[i]!.startsWith("72") ? 1 : 0;
    const p = pop[i]!;
    drops.population_20_or_less[i] = Number.isNaN(p) || p <= 20 ? 1 : 0;
  }

  const ranked = [...NUMERIC_INPUT_COLUMNS, ...ISLAND_RACE_2009_COLUMNS].filter(
    (c) => version === "2.0" || !V2_ONLY_COLUMNS.has(c),
  );
  const total = ranked.length + REVERSE_PERCENTILE_COLUMNS.length;
  const scratch = createRankScratch(n);
  // Percentiles are written straight into double arrays, the form the output needs.
  const newColumn = (): number[] => new Array<number>(n).fill(Number.NaN);
  let done = 0;
  for (const name of ranked) {
    const out = newColumn();
    const drop = DROP_BY_COLUMN.get(name);
    rankPercentilesInto(
      numeric.get(name)!,
      out,
      true,
      drop && drop !== "none" ? drops[drop] : undefined,
      scratch,
    );
    numeric.set(percentileColumnName(name), out);
    onProgress?.({ stage: "percentiles", done: ++done, total, unit: "columns" });
  }
  // §6.5: the lowest income share or life expectancy ranks highest.
  REVERSE_PERCENTILE_SOURCE_COLUMNS.forEach((source, k) => {
    const out = newColumn();
    rankPercentilesInto(numeric.get(source)!, out, false, undefined, scratch);
    numeric.set(REVERSE_PERCENTILE_COLUMNS[k]!, out);
    onProgress?.({ stage: "percentiles", done: ++done, total, unit: "columns" });
  });

  // §2.2 step 8: mean of the two population columns, skipping missing ones.
  const pop2009 = numeric.get(COL.totalPopulation2009)!;
  const combined = newColumn();
  for (let i = 0; i < n; i++) {
    const a = pop[i]!;
    const b = pop2009[i]!;
    combined[i] = Number.isNaN(a) ? b : Number.isNaN(b) ? a : (a + b) / 2;
  }
  numeric.set(COMBINED_POPULATION_COLUMN, combined);
  return { version, geoids, numeric, flags, text };
}
