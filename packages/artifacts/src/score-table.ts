import { isAscii } from "node:buffer";
import { readFile } from "node:fs/promises";
import { scanQuotedRecord } from "@cejst/etl";
import { InputMissingError, InputSchemaError } from "@cejst/schema";

/** Type of a table column, which decides how its values print (artifacts.md §3.3). */
export type CellKind = "float" | "int" | "bool" | "text";

/** A cell value; `null` is missing. */
export type Cell = number | boolean | string | null;

/** One column of a table, `values[i]` belonging to row i. */
export interface TableColumn {
  name: string;
  kind: CellKind;
  values: Cell[];
}

/** A score table read from `score/csv/full/usa.csv`, rows sorted by tract id. */
export interface ScoreTable {
  file: string;
  geoids: string[];
  columns: TableColumn[];
  byName: Map<string, TableColumn>;
}

const TEXT_COLUMNS = new Set(["GEOID10_TRACT", "Names of Tribal areas within Census tract"]);
const INT_COLUMNS = new Set(["Total threshold criteria exceeded", "Definition N (communities) (percentile)"]);
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Whether a column that is empty in every row holds booleans. The CSV cannot say, and
 * only the typed outputs (Parquet) care; the names of the score's flag columns follow
 * these patterns (methodology.md §15.1).
 */
function looksBoolean(name: string): boolean {
  return (
    name.endsWith("?") ||
    /^(Greater than or equal|Is |Identified as|At least one|Both |Low high school|Tract-level redlining|There is at least|Does the tract|Contains agricultural|Income data has been|Grandfathered|Meets the)/.test(
      name,
    ) ||
    / exceeds /.test(name) ||
    name.startsWith("Definition N community") ||
    name.endsWith("(Definition N)") ||
    name === "Definition N (communities)" ||
    name === "Definition N (communities) (based on adjacency index and low income alone)"
  );
}

function parseCell(raw: string, kind: CellKind | undefined): { value: Cell; kind: CellKind } | string {
  if (raw === "") return { value: null, kind: kind ?? "float" };
  if (kind === "text") return { value: raw, kind };
  if (raw === "True" || raw === "False") {
    if (kind !== undefined && kind !== "bool") return `expected a number, got ${raw}`;
    return { value: raw === "True", kind: "bool" };
  }
  if (kind === "bool") return `expected True or False, got ${raw}`;
  let n: number;
  if (raw === "inf") n = Number.POSITIVE_INFINITY;
  else if (raw === "-inf") n = Number.NEGATIVE_INFINITY;
  else if (raw === "nan") return { value: null, kind: kind ?? "float" };
  else if (NUMBER_RE.test(raw)) n = Number(raw);
  else return `expected a number or True/False, got ${JSON.stringify(raw)}`;
  if (kind === "int" && !Number.isInteger(n)) return `expected an integer, got ${raw}`;
  return { value: n, kind: kind ?? "float" };
}

/**
 * Reads the full score CSV (pandas output: `True`/`False`, empty for missing, floats as
 * `4781.0`) into typed columns. A column's type comes from its first non-empty cell; a
 * later cell of another type is an `InputSchemaError` naming file, line and column.
 * Rows come back sorted by `GEOID10_TRACT`; duplicate or malformed ids are errors.
 */
export async function readScoreTable(file: string): Promise<ScoreTable> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new InputMissingError(file, "cannot be read", { cause: e });
  }
  // A score table is ASCII but for a few place names; Latin-1 decodes ASCII to the same
  // string at a fraction of UTF-8's cost.
  const text = isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
  let header: string[] | undefined;
  const kinds: (CellKind | undefined)[] = [];
  const values: Cell[][] = [];
  const lines: number[] = [];
  const end = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  // Position of the next quote at or after `pos` (`end` when none), found once, not per line.
  let nextQuote = -1;
  const row: string[] = [];
  while (pos < end) {
    let nl = text.indexOf("\n", pos);
    if (nl === -1) nl = end;
    const startLine = line;
    const lineEnd = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (nextQuote < pos) {
      nextQuote = text.indexOf('"', pos);
      if (nextQuote === -1) nextQuote = end;
    }
    let fields: string[];
    if (nextQuote >= lineEnd) {
      if (lineEnd === pos) {
        pos = nl + 1;
        line++;
        continue;
      }
      // Most rows have no quotes: their fields are the text between commas.
      row.length = 0;
      let p = pos;
      for (;;) {
        let q = text.indexOf(",", p);
        if (q === -1 || q > lineEnd) q = lineEnd;
        row.push(text.slice(p, q));
        if (q >= lineEnd) break;
        p = q + 1;
      }
      fields = row;
      pos = nl + 1;
      line++;
    } else {
      const scanned = scanQuotedRecord(text, pos, file, line);
      fields = scanned.fields;
      pos = scanned.next;
      line = scanned.line;
    }
    if (header === undefined) {
      header = [...fields];
      if (!header.includes("GEOID10_TRACT"))
        throw new InputSchemaError({ file, line: 1, field: "GEOID10_TRACT" }, "required column is missing");
      for (const name of header) {
        kinds.push(TEXT_COLUMNS.has(name) ? "text" : INT_COLUMNS.has(name) ? "int" : undefined);
        values.push([]);
      }
      continue;
    }
    if (fields.length !== header.length)
      throw new InputSchemaError(
        { file, line: startLine },
        `malformed CSV: row has ${fields.length} fields, the header ${header.length}`,
      );
    for (let c = 0; c < fields.length; c++) {
      const raw = fields[c] as string;
      // Fast path for the bulk of a score table: a float cell of a float column. Same
      // result as parseCell without allocating a result object per cell.
      if (kinds[c] === "float") {
        if (raw === "") {
          values[c]?.push(null);
          continue;
        }
        if (NUMBER_RE.test(raw)) {
          values[c]?.push(Number(raw));
          continue;
        }
      }
      const parsed = parseCell(raw, kinds[c]);
      if (typeof parsed === "string")
        throw new InputSchemaError({ file, line: startLine, field: header[c] ?? `column ${c + 1}` }, parsed);
      if (raw !== "" && kinds[c] === undefined) kinds[c] = parsed.kind;
      values[c]?.push(parsed.value);
    }
    lines.push(startLine);
  }
  if (header === undefined) throw new InputSchemaError({ file, line: 1 }, "file is empty (no header)");
  const columns: TableColumn[] = header.map((name, c) => ({
    name,
    kind: kinds[c] ?? (looksBoolean(name) ? "bool" : "float"),
    values: values[c] ?? [],
  }));
  const geoidColumn = columns.find((col) => col.name === "GEOID10_TRACT");
  if (geoidColumn === undefined) throw new Error("unreachable: GEOID10_TRACT checked above");
  const seen = new Set<string>();
  geoidColumn.values.forEach((g, i) => {
    if (typeof g !== "string" || !/^\d{11}$/.test(g))
      throw new InputSchemaError(
        { file, line: lines[i], field: "GEOID10_TRACT" },
        `tract id must be 11 digits (got ${JSON.stringify(g)})`,
      );
    if (seen.has(g))
      throw new InputSchemaError(
        { file, line: lines[i], field: "GEOID10_TRACT" },
        `duplicate tract id (got ${g})`,
      );
    seen.add(g);
  });
  return sortTable(file, columns);
}

/** Builds a table from in-memory columns, sorted by tract id. */
export function sortTable(file: string, columns: TableColumn[]): ScoreTable {
  const geoidColumn = columns.find((col) => col.name === "GEOID10_TRACT");
  if (geoidColumn === undefined) throw new Error("score table has no GEOID10_TRACT column (got none)");
  const ids = geoidColumn.values as string[];
  const order = ids.map((_, i) => i).sort((a, b) => ((ids[a] as string) < (ids[b] as string) ? -1 : 1));
  const isSorted = order.every((v, i) => v === i);
  const sorted = isSorted
    ? columns
    : columns.map((col) => ({ ...col, values: order.map((i) => col.values[i] ?? null) }));
  const byName = new Map(sorted.map((col) => [col.name, col]));
  return { file, geoids: (byName.get("GEOID10_TRACT")?.values ?? []) as string[], columns: sorted, byName };
}
