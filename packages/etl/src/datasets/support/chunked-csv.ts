import { InputSchemaError } from "@cejst/schema";
import { parse } from "csv-parse/sync";
import { type CsvTable, parseCsvText } from "../../io/csv-table.ts";
import { decodeText, type RawFile } from "./source-files.ts";

/** Files above this size are parsed in record-aligned pieces (V8 strings stop at ~512 MB). */
export const CHUNK_BYTES = 32 * 1024 * 1024;

/**
 * Parses a CSV file of any size, keeping only the columns `keep` accepts, so national files
 * (FEMA's tract table is larger than one JavaScript string can be) fit in memory. Pieces end
 * at a newline outside quotes, so no record or character is split; line numbers in errors
 * count from the start of the file.
 */
export function parseCsvColumns(
  file: RawFile,
  encoding: "utf8" | "latin1",
  keep: (name: string) => boolean = () => true,
  chunkBytes = CHUNK_BYTES,
): CsvTable {
  const bytes = file.bytes;
  const headerEnd = recordBoundary(bytes, 0, 0);
  const head = parseCsvText(
    decodeText({ name: file.name, bytes: bytes.subarray(0, headerEnd) }, encoding),
    file.name,
  );
  const wanted = head.header.flatMap((h, i) => (keep(h) ? [i] : []));
  const table: CsvTable = {
    file: file.name,
    header: wanted.map((i) => head.header[i] ?? ""),
    rows: [],
    lines: [],
  };
  let line = 1 + count(bytes, 0, headerEnd);
  for (let start = headerEnd; start < bytes.length; ) {
    const end = recordBoundary(bytes, start, chunkBytes);
    const piece = bytes.subarray(start, end);
    let text: string;
    try {
      text = decodeText({ name: file.name, bytes: piece }, encoding);
    } catch (e) {
      if (e instanceof InputSchemaError && e.line !== undefined)
        throw new InputSchemaError(
          { file: file.name, line: e.line + line - 1 },
          e.message.replace(/^.*?: /, ""),
        );
      throw e;
    }
    let records: { record: string[]; info: { lines: number } }[];
    try {
      records = parse(text, {
        info: true,
        skip_empty_lines: true,
        relax_column_count: true,
      }) as unknown as typeof records;
    } catch (e) {
      const at = (e as { lines?: number }).lines;
      throw new InputSchemaError(
        { file: file.name, line: at === undefined ? undefined : at + line - 1 },
        `unreadable CSV (${(e as Error).message})`,
        { cause: e },
      );
    }
    for (const r of records) {
      const at = r.info.lines + line - 1;
      if (r.record.length !== head.header.length)
        throw new InputSchemaError(
          { file: file.name, line: at },
          "row has a different number of fields than the header (truncated or malformed file)",
        );
      table.rows.push(wanted.map((i) => r.record[i] ?? ""));
      table.lines.push(at);
    }
    line += count(bytes, start, end);
    start = end;
  }
  return table;
}

/** The offset just past the first newline at or after `from + min` that is outside quotes (or the end). */
function recordBoundary(b: Uint8Array, from: number, min: number): number {
  let quoted = false;
  for (let i = from; i < b.length; i++) {
    const c = b[i];
    if (c === 0x22) quoted = !quoted;
    else if (c === 0x0a && !quoted && i >= from + min) return i + 1;
  }
  return b.length;
}

function count(b: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (b[i] === 0x0a) n++;
  return n;
}
