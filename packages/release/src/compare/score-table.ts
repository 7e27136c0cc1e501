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

/**
 * A score table held as its row lines. Cells are raw text. The columns the report reads
 * (the field map and the categories) are cut out once, when the table is read; any other
 * cell is split out of its row line when asked. A national table has some 20 million cells:
 * kept as strings they would cost gigabytes and most of the run in garbage collection.
 */
export interface ScoreTable {
  header: string[];
  geoids: string[];
  index: Map<string, number>;
  cell(column: string, row: number): string | undefined;
  has(column: string): boolean;
  /** Position of `column` in `header` (its last occurrence), or undefined when absent. */
  columnIndex(column: string): number | undefined;
  /** Every row's cell of `column`, in row order; undefined when absent. */
  column(column: string): readonly string[] | undefined;
  /** Every cell of one row, in header order; split anew on each call. */
  row(row: number): readonly string[];
}

const CR = 13;
const QUOTE = 34;

/** The columns the report reads row after row, cut out when the table is read. */
const WORKING_SET: readonly string[] = [...Object.values(FIELD_MAP), ...Object.values(CATEGORY_COLUMNS)];

interface Records {
  /** Text of each record without a quote; "" for a quoted one (see `quoted`). */
  lines: string[];
  /** Line number (1-based) where each record starts. */
  starts: number[];
  /** Cells of the records with quotes, by record number. */
  quoted: Map<number, string[]>;
}

/**
 * Splits CSV text into records. A line without a quote is kept as its text, split on
 * commas when its cells are wanted, which is nearly every line of a score table. Records
 * with quotes (a column name with a comma, a quoted cell, possibly over several lines) go to
 * `csv-parse`, all in one call, so the CSV grammar stays the library's. Such a record ends
 * where the quotes seen so far balance.
 */
function splitRecords(text: string, file: string): Records {
  const lines: string[] = [];
  const starts: number[] = [];
  const quotedAt: number[] = [];
  const quotedText: string[] = [];
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
        lines.push(text.slice(pos, lineEnd));
        starts.push(line);
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
    const recordEnd = stop > pos && text.charCodeAt(stop - 1) === CR ? stop - 1 : stop;
    quotedAt.push(lines.length);
    quotedText.push(text.slice(pos, recordEnd));
    lines.push("");
    starts.push(startLine);
    pos = stop + 1;
  }
  const quoted = new Map<number, string[]>();
  if (quotedText.length > 0) {
    const parseOne = (k: number): string[][] => {
      try {
        return parse(quotedText[k]!, { relax_column_count: true }) as string[][];
      } catch (e) {
        throw new InputSchemaError(
          { file, line: starts[quotedAt[k]!]! },
          `malformed quoted record (got ${(e as Error).message})`,
        );
      }
    };
    let all: string[][] | null = null;
    try {
      all = parse(quotedText.join("\n"), { relax_column_count: true }) as string[][];
    } catch {
      all = null;
    }
    if (all === null || all.length !== quotedText.length) {
      // Find the record at fault, to name its line.
      for (let k = 0; k < quotedText.length; k++)
        if (parseOne(k).length !== 1)
          throw new InputSchemaError(
            { file, line: starts[quotedAt[k]!]! },
            "malformed quoted record (not one record)",
          );
      throw new InputSchemaError({ file, line: 1 }, "malformed quoted records");
    }
    for (let k = 0; k < all.length; k++) quoted.set(quotedAt[k]!, all[k]!);
  }
  return { lines, starts, quoted };
}

/** Parses a score CSV; every row must have the header's width and a unique GEOID. */
export function parseScoreTable(text: string, file: string): ScoreTable {
  const { lines, starts, quoted } = splitRecords(text, file);
  const rowOf = (record: number): string[] => quoted.get(record) ?? lines[record]!.split(",");
  const header = lines.length > 0 ? rowOf(0) : [];
  const g = header.indexOf(FIELD_MAP.geoid);
  if (g === -1)
    throw new InputSchemaError({ file, line: 1, field: FIELD_MAP.geoid }, "required column is missing");
  const col = new Map(header.map((h, i) => [h, i]));
  const rows = lines.length - 1;
  // One pass over the rows: widths checked, GEOIDs and the working set cut out.
  const kept = new Map<number, string[]>();
  for (const c of WORKING_SET) {
    const i = col.get(c);
    if (i !== undefined) kept.set(i, new Array<string>(rows));
  }
  kept.set(g, new Array<string>(rows));
  const keptIndexes = [...kept.keys()];
  const keptColumns = keptIndexes.map((i) => kept.get(i)!);
  for (let r = 0; r < rows; r++) {
    const cells = rowOf(r + 1);
    if (cells.length !== header.length)
      throw new InputSchemaError(
        { file, line: starts[r + 1]! },
        `row has ${cells.length} fields, the header ${header.length} (truncated or malformed file)`,
      );
    for (let k = 0; k < keptIndexes.length; k++) keptColumns[k]![r] = cells[keptIndexes[k]!]!;
  }
  const geoids = kept.get(g)!;
  const index = new Map<string, number>();
  geoids.forEach((id, i) => {
    if (index.has(id))
      throw new InputSchemaError(
        { file, line: starts[i + 1]!, field: FIELD_MAP.geoid },
        `duplicate tract (got ${id})`,
      );
    index.set(id, i);
  });
  const row = (r: number): string[] => (r >= 0 && r < rows ? rowOf(r + 1) : []);
  // The last row split for `cell`: callers read several cells of one row in turn.
  let lastRow = -1;
  let lastCells: string[] = [];
  const columnAt = (i: number): string[] => {
    let values = kept.get(i);
    if (!values) {
      values = new Array<string>(rows);
      for (let r = 0; r < rows; r++) values[r] = row(r)[i]!;
      kept.set(i, values);
    }
    return values;
  };
  return {
    header,
    geoids,
    index,
    has: (c) => col.has(c),
    columnIndex: (c) => col.get(c),
    cell: (c, r) => {
      const i = col.get(c);
      if (i === undefined) return undefined;
      const values = kept.get(i);
      if (values) return values[r];
      if (r !== lastRow) {
        lastCells = row(r);
        lastRow = r;
      }
      return lastCells[i];
    },
    column: (c) => {
      const i = col.get(c);
      return i === undefined ? undefined : columnAt(i);
    },
    row,
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
