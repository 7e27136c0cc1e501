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

/** A score table held as raw text cells, keyed by column name. */
export interface ScoreTable {
  header: string[];
  geoids: string[];
  index: Map<string, number>;
  cell(column: string, row: number): string | undefined;
  has(column: string): boolean;
  /** Every row's cell of `column`, in row order (built once per column); undefined when absent. */
  column(column: string): readonly string[] | undefined;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * Splits CSV text into records. A line without a quote is split on commas directly, which
 * is what nearly every line of a score table is; a record with quotes (a column name with a
 * comma, a quoted text cell, possibly over several lines) goes to `csv-parse`, so the CSV
 * grammar stays the library's. The record ends where the quotes seen so far balance.
 */
function splitRecords(text: string, file: string): { rows: string[][]; lines: number[] } {
  const rows: string[][] = [];
  const lines: number[] = [];
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const end = text.length;
  let line = 1;
  let nextQuote = -1;
  while (pos < end) {
    let nl = text.indexOf("\n", pos);
    if (nl === -1) nl = end;
    const lineEnd = nl > pos && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
    if (nextQuote < pos) {
      nextQuote = text.indexOf('"', pos);
      if (nextQuote === -1) nextQuote = end;
    }
    if (nextQuote >= lineEnd) {
      if (lineEnd > pos) {
        rows.push(text.slice(pos, lineEnd).split(","));
        lines.push(line);
      }
      pos = nl + 1;
      line++;
      continue;
    }
    // Extend over whole lines until the quotes balance (a quoted newline leaves them odd).
    const startLine = line;
    let quotes = 0;
    let stop = pos;
    for (;;) {
      let nlq = text.indexOf("\n", stop);
      if (nlq === -1) nlq = end;
      for (let i = stop; i < nlq; i++) if (text.charCodeAt(i) === QUOTE) quotes++;
      stop = nlq;
      line++;
      if (quotes % 2 === 0 || nlq >= end) break;
      stop = nlq + 1;
    }
    let record: string[][];
    try {
      record = parse(text.slice(pos, stop), { relax_column_count: false }) as string[][];
    } catch (e) {
      throw new InputSchemaError(
        { file, line: startLine },
        `malformed quoted record (got ${(e as Error).message})`,
      );
    }
    if (record.length !== 1)
      throw new InputSchemaError(
        { file, line: startLine },
        `malformed quoted record (got ${record.length} records)`,
      );
    rows.push(record[0]!);
    lines.push(startLine);
    pos = stop + 1;
    if (text.charCodeAt(stop) !== LF) pos = end;
  }
  return { rows, lines };
}

/** Parses a score CSV; every row must have the header's width and a unique GEOID. */
export function parseScoreTable(text: string, file: string): ScoreTable {
  const { rows, lines } = splitRecords(text, file);
  const header = rows[0] ?? [];
  const g = header.indexOf(FIELD_MAP.geoid);
  if (g === -1)
    throw new InputSchemaError({ file, line: 1, field: FIELD_MAP.geoid }, "required column is missing");
  const body = rows.slice(1);
  for (let r = 0; r < body.length; r++)
    if (body[r]!.length !== header.length)
      throw new InputSchemaError(
        { file, line: lines[r + 1] ?? r + 2 },
        `row has ${body[r]!.length} fields, the header ${header.length} (truncated or malformed file)`,
      );
  const geoids = body.map((r) => r[g] ?? "");
  const index = new Map<string, number>();
  geoids.forEach((id, i) => {
    if (index.has(id))
      throw new InputSchemaError(
        { file, line: lines[i + 1] ?? i + 2, field: FIELD_MAP.geoid },
        `duplicate tract (got ${id})`,
      );
    index.set(id, i);
  });
  const col = new Map(header.map((h, i) => [h, i]));
  const columns = new Map<number, string[]>();
  return {
    header,
    geoids,
    index,
    has: (c) => col.has(c),
    cell: (c, r) => {
      const i = col.get(c);
      return i === undefined ? undefined : body[r]?.[i];
    },
    column: (c) => {
      const i = col.get(c);
      if (i === undefined) return undefined;
      let values = columns.get(i);
      if (!values) {
        values = body.map((row) => row[i]!);
        columns.set(i, values);
      }
      return values;
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
