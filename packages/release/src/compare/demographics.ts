import { FIELD_MAP, numAt, type ScoreTable } from "./score-table.ts";
import { histogram } from "./statistics.ts";

/** The shares R15 compares, by key, with their score columns (rollout.md §4.3 R15). */
export const DEMOGRAPHIC_VARIABLES = [
  { key: "under10", label: "share of people under 10", short: "under 10", column: FIELD_MAP.under10 },
  { key: "over64", label: "share of people 65 and over", short: "65 and over", column: FIELD_MAP.over64 },
  {
    key: "noHighSchool",
    label: "share of adults without a high school diploma",
    short: "no high school diploma",
    column: FIELD_MAP.noHighSchool,
  },
  {
    key: "college",
    label: "share enrolled in college or graduate school",
    short: "in college",
    column: FIELD_MAP.college,
  },
] as const;

/** Bins of 5 points on [0, 1]. */
export const DEMOGRAPHIC_BINS = 20;

/** One group's histogram of one share. */
export interface DensityHistogram {
  /** Tracts in the group with a value. */
  n: number;
  /** Tracts in the group without a value. */
  missing: number;
  counts: number[];
  /** `count / (n · bin width)`: the area under the histogram is 1. */
  density: number[];
}

/** A group of tracts of one version. */
export interface TractGroup {
  label: string;
  table: ScoreTable;
  /** Row numbers in `table`. */
  rows: number[];
}

function densityOf(group: TractGroup, column: string): DensityHistogram | null {
  if (!group.table.has(column)) return null;
  const values = group.rows.map((r) => numAt(group.table, column, r));
  const counts = histogram(values, DEMOGRAPHIC_BINS, 0, 1);
  const n = counts.reduce((s, c) => s + c, 0);
  const width = 1 / DEMOGRAPHIC_BINS;
  return {
    n,
    missing: values.length - n,
    counts,
    density: counts.map((c) => (n === 0 ? 0 : Number((c / (n * width)).toFixed(6)))),
  };
}

/** One comparison of R15: two groups, each variable's histogram for both. */
export interface DemographicComparison {
  id: string;
  first: string;
  second: string;
  variables: Record<string, { first: DensityHistogram | null; second: DensityHistogram | null }>;
}

/**
 * R15: density histograms (5-point bins) of the four shares for pairs of groups. A group
 * that does not exist (no baseline) gives null histograms, so the section keeps its shape.
 */
export function demographicsSection(
  comparisons: { id: string; first: TractGroup; second: TractGroup | null; secondLabel: string }[],
): Record<string, unknown> {
  return {
    binWidthPoints: 100 / DEMOGRAPHIC_BINS,
    bins: DEMOGRAPHIC_BINS,
    variables: DEMOGRAPHIC_VARIABLES.map((v) => ({
      key: v.key,
      label: v.label,
      short: v.short,
      column: v.column,
    })),
    comparisons: comparisons.map(
      (c): DemographicComparison => ({
        id: c.id,
        first: c.first.label,
        second: c.secondLabel,
        variables: Object.fromEntries(
          DEMOGRAPHIC_VARIABLES.map((v) => [
            v.key,
            { first: densityOf(c.first, v.column), second: c.second ? densityOf(c.second, v.column) : null },
          ]),
        ),
      }),
    ),
  };
}
