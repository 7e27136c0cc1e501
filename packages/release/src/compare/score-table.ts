import { InputSchemaError } from "@cejst/schema";
import { parse } from "csv-parse/sync";

/**
 * The columns of a full score table (`data/score/csv/full/usa.csv`) the change report
 * reads, by role. Role → column string per methodology (rollout.md §4.2 field map).
 */
export const FIELD_MAP = {
  geoid: "GEOID10_TRACT",
  final: "Definition N community, including adjacency index tracts",
  withoutAdjacency: "Definition N (communities)",
  adjacency: "Definition N (communities) (based on adjacency index and low income alone)",
  surrounded: "Is the tract surrounded by disadvantaged communities?",
  grandfathered: "Grandfathered Definition N (communities) from v1.0",
  tribal: "Identified as disadvantaged due to tribal overlap",
  lowIncome: "Is low income (imputed and adjusted)?",
  rate: "Percent of individuals below 200% Federal Poverty Line, imputed and adjusted",
  unadjustedRate: "Percent of individuals below 200% Federal Poverty Line",
  ratePercentile: "Percent of individuals below 200% Federal Poverty Line, imputed and adjusted (percentile)",
  islandPercentile:
    "Percentage households below 200% of federal poverty line in 2009, adjusted and imputed for island areas (percentile)",
  population: "Total population",
  urban: "Urban Heuristic Flag",
  college: "Percent enrollment in college or graduate school",
  categoriesExceeded: "Total categories exceeded",
  thresholdsExceeded: "Total threshold criteria exceeded",
  students: "Estimated population count of off-campus university students <200% FPL",
  under10: "Percent age under 10",
  over64: "Percent age over 64",
  noHighSchool: "Percent individuals age 25 or over with less than high school degree",
} as const;

/** The eight category factor columns, by category id. */
export const CATEGORY_COLUMNS = {
  climate: "Climate Factor (Definition N)",
  energy: "Energy Factor (Definition N)",
  transportation: "Transportation Factor (Definition N)",
  housing: "Housing Factor (Definition N)",
  pollution: "Pollution Factor (Definition N)",
  water: "Water Factor (Definition N)",
  health: "Health Factor (Definition N)",
  workforce: "Workforce Factor (Definition N)",
} as const;

/** A score table held as raw text columns, keyed by column name. */
export interface ScoreTable {
  header: string[];
  geoids: string[];
  index: Map<string, number>;
  cell(column: string, row: number): string | undefined;
  has(column: string): boolean;
}

/** Parses a score CSV; every row must have the header's width and a unique GEOID. */
export function parseScoreTable(text: string, file: string): ScoreTable {
  const rows = parse(text, { bom: true, relax_column_count: false, skip_empty_lines: true }) as string[][];
  const header = rows[0] ?? [];
  const g = header.indexOf(FIELD_MAP.geoid);
  if (g === -1)
    throw new InputSchemaError({ file, line: 1, field: FIELD_MAP.geoid }, "required column is missing");
  const body = rows.slice(1);
  const geoids = body.map((r) => r[g] ?? "");
  const index = new Map<string, number>();
  geoids.forEach((id, i) => {
    if (index.has(id))
      throw new InputSchemaError(
        { file, line: i + 2, field: FIELD_MAP.geoid },
        `duplicate tract (got ${id})`,
      );
    index.set(id, i);
  });
  const col = new Map(header.map((h, i) => [h, i]));
  return {
    header,
    geoids,
    index,
    has: (c) => col.has(c),
    cell: (c, r) => {
      const i = col.get(c);
      return i === undefined ? undefined : body[r]?.[i];
    },
  };
}

/** A boolean cell: `True` → true, `False` → false, anything else (empty, absent) → null. */
export function boolAt(t: ScoreTable, column: string, row: number): boolean | null {
  const v = t.cell(column, row);
  return v === "True" ? true : v === "False" ? false : null;
}

/** A numeric cell, or null when empty or absent. */
export function numAt(t: ScoreTable, column: string, row: number): number | null {
  const v = t.cell(column, row);
  if (v === undefined || v === "") return null;
  const n = Number(v);
  return Number.isNaN(n) ? null : n;
}
