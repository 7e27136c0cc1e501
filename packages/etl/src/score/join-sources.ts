import type { SourceTable } from "./read-source-table.ts";
import { V1_FLAG_COLUMN } from "./read-v1-results.ts";

/** The tract universe with every source column aligned to it. */
export interface JoinedSources {
  /** The universe, sorted (output order). */
  geoids: string[];
  numeric: Map<string, Float64Array>;
  flags: Map<string, (boolean | null)[]>;
  text: Map<string, (string | null)[]>;
}

/** Derived columns of methodology.md §2.2 step 4: `[name, numerator, denominator]`. */
const DERIVED_RATIOS = [
  [
    "Median household income (% of state median household income)",
    "Median household income in the past 12 months",
    "Median household income (State; 2019 inflation-adjusted dollars)",
  ],
  [
    "Median household income as a percent of area median income",
    "Median household income in the past 12 months",
    "Area Median Income (State or metropolitan)",
  ],
] as const;

/**
 * Joins the source tables as the original does (methodology.md §2.2 steps 2–4): a full
 * outer join on `GEOID10_TRACT`, then an inner join with the national tract list, so the
 * universe is every listed tract present in at least one source. A tract missing from a
 * source gets null in that source's columns. With `v1`, the 1.0 final flag is joined like
 * a source as `Definition N community, including adjacency index tracts v1.0`; tracts it
 * lacks get null. Adds the two derived income ratios (IEEE division).
 */
export function joinSources(
  tractList: readonly string[],
  sources: readonly SourceTable[],
  v1?: ReadonlyMap<string, boolean | null>,
): JoinedSources {
  const geoids = tractList.filter((g) => sources.some((s) => s.rowOf.has(g)) || (v1?.has(g) ?? false));
  const n = geoids.length;
  const numeric = new Map<string, Float64Array>();
  const flags = new Map<string, (boolean | null)[]>();
  const text = new Map<string, (string | null)[]>();
  for (const source of sources) {
    const rows = geoids.map((g) => source.rowOf.get(g) ?? -1);
    for (const [name, column] of source.columns) {
      if (numeric.has(name) || flags.has(name) || text.has(name)) continue;
      if (column.kind === "numeric") {
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const r = rows[i] as number;
          out[i] = r < 0 ? Number.NaN : (column.values[r] as number);
        }
        numeric.set(name, out);
      } else if (column.kind === "flag") {
        flags.set(
          name,
          rows.map((r) => (r < 0 ? null : (column.values[r] ?? null))),
        );
      } else {
        text.set(
          name,
          rows.map((r) => (r < 0 ? null : (column.values[r] ?? null))),
        );
      }
    }
  }
  if (v1)
    flags.set(
      V1_FLAG_COLUMN,
      geoids.map((g) => v1.get(g) ?? null),
    );
  for (const [name, num, den] of DERIVED_RATIOS) {
    const a = numeric.get(num);
    const b = numeric.get(den);
    const out = new Float64Array(n).fill(Number.NaN);
    if (a && b) for (let i = 0; i < n; i++) out[i] = (a[i] as number) / (b[i] as number);
    numeric.set(name, out);
  }
  return { geoids, numeric, flags, text };
}
