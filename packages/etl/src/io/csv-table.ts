import { readFile } from "node:fs/promises";
import { InputMissingError, InputSchemaError } from "@cejst/schema";
import { CsvError, parse } from "csv-parse/sync";

/** A CSV file read whole: header, rows of strings, and each row's 1-based line number. */
export interface CsvTable {
  file: string;
  header: string[];
  rows: string[][];
  /** `lines[i]` is the line (1-based, header = line 1) where `rows[i]` starts. */
  lines: number[];
}

/**
 * Parses CSV text (RFC 4180, optional UTF-8 BOM) into a table. A row with a different number
 * of fields than the header (a truncated or ragged file) or an unclosed quote is an
 * `InputSchemaError` naming the file and line.
 */
export function parseCsvText(text: string, file: string, options: { header?: boolean } = {}): CsvTable {
  const hasHeader = options.header ?? true;
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: false,
      skip_empty_lines: true,
    }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
  } catch (e) {
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines;
      const what =
        e.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH"
          ? "row has a different number of fields than the header (truncated or malformed file)"
          : e.code === "CSV_QUOTE_NOT_CLOSED"
            ? "unclosed quote (truncated file?)"
            : e.message;
      throw new InputSchemaError({ file, line }, what, { cause: e });
    }
    throw e;
  }
  if (hasHeader && records.length === 0)
    throw new InputSchemaError({ file, line: 1 }, "file is empty (no header)");
  const header = hasHeader ? (records[0]?.record ?? []) : [];
  const body = hasHeader ? records.slice(1) : records;
  return { file, header, rows: body.map((r) => r.record), lines: body.map((r) => r.info.lines) };
}

/** Reads and parses a CSV file; a missing file is an `InputMissingError`. */
export async function readCsvFile(
  path: string,
  options: { header?: boolean; encoding?: "utf8" | "latin1" } = {},
) {
  let text: string;
  try {
    text = await readFile(path, options.encoding ?? "utf8");
  } catch (e) {
    throw new InputMissingError(path, "cannot be read", { cause: e });
  }
  return parseCsvText(text, path, options);
}

/** Index of a column in the header, or an `InputSchemaError` naming the missing column. */
export function requireColumn(table: CsvTable, name: string): number {
  const i = table.header.indexOf(name);
  if (i === -1)
    throw new InputSchemaError({ file: table.file, line: 1, field: name }, "required column is missing");
  return i;
}

const numberRE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const nullTokens = new Set(["", "nan", "NaN", "NA", "N/A", "None", "null", "NULL", "<NA>"]);

/**
 * Parses a numeric cell. Empty and the null spellings pandas reads as NaN give `null`;
 * `inf`/`-inf` give ±Infinity; anything else non-numeric is an `InputSchemaError`.
 * Numbers are parsed correctly rounded (spec README, decision 6).
 */
export function parseNumberCell(value: string, table: CsvTable, row: number, column: number): number | null {
  // Numbers first: no null spelling looks like a number, and hashing every cell for the
  // set lookup costs more than the pattern test on a national table.
  if (value === "") return null;
  if (numberRE.test(value)) return Number(value);
  if (nullTokens.has(value)) return null;
  const lower = value.toLowerCase();
  if (lower === "inf" || lower === "+inf" || lower === "infinity") return Number.POSITIVE_INFINITY;
  if (lower === "-inf" || lower === "-infinity") return Number.NEGATIVE_INFINITY;
  throw new InputSchemaError(
    { file: table.file, line: table.lines[row], field: table.header[column] },
    `value is not a number (got ${JSON.stringify(value)})`,
  );
}

/** Parses a tri-state boolean cell (`True`/`False`/empty, as pandas writes them). */
export function parseBoolCell(value: string, table: CsvTable, row: number, column: number): boolean | null {
  switch (value) {
    case "True":
    case "true":
    case "TRUE":
    case "1":
    case "1.0":
      return true;
    case "False":
    case "false":
    case "FALSE":
    case "0":
    case "0.0":
      return false;
    default:
      if (nullTokens.has(value)) return null;
      throw new InputSchemaError(
        { file: table.file, line: table.lines[row], field: table.header[column] },
        `value is not a boolean (got ${JSON.stringify(value)})`,
      );
  }
}
