import { InputSchemaError } from "@cejst/schema";
import { missingNameError } from "./missing-name.ts";
import type { RawFile } from "./source-files.ts";

/** One field descriptor of a dBASE table. */
export interface DbfField {
  name: string;
  /** dBASE type letter: C text, N/F number, L logical, D date, … */
  type: string;
  length: number;
}

/** A cell as read: text trimmed (`null` when blank), numbers parsed, logicals as booleans. */
export type DbfValue = string | number | boolean | null;

/** A dBASE table read whole; `recordNumbers[i]` is the 1-based position of `records[i]` in the file. */
export interface DbfTable {
  file: string;
  fields: DbfField[];
  records: Record<string, DbfValue>[];
  recordNumbers: number[];
}

const WINDOWS_1252 = new TextDecoder("windows-1252");
const numberRE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Where a dBASE table's parts are, once its header has been checked against the file. */
export interface DbfLayout {
  fields: DbfField[];
  count: number;
  headerLength: number;
  recordLength: number;
}

/**
 * Checks a dBASE header against the file without reading the records: the header length
 * must match the field descriptors, the record length the fields, and the file must hold
 * every record the header declares. Each failure is an `InputSchemaError` naming the file
 * (and, for a file cut short, the first incomplete record as the line).
 */
export function checkDbfLayout(file: RawFile): DbfLayout {
  const b = file.bytes;
  const fail = (message: string, line?: number): never => {
    throw new InputSchemaError({ file: file.name, line }, message);
  };
  if (b.length < 33) fail(`is not a dBASE table (only ${b.length} bytes, shorter than a header)`);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const fields: DbfField[] = [];
  let at = 32;
  for (; at < b.length && b[at] !== 0x0d; at += 32) {
    if (at + 32 > b.length) fail("is not a dBASE table (field descriptors run past the end of the file)");
    let end = at;
    while (end < at + 11 && b[end] !== 0) end++;
    fields.push({
      name: WINDOWS_1252.decode(b.subarray(at, end)),
      type: String.fromCharCode(b[at + 11] as number),
      length: b[at + 16] as number,
    });
  }
  if (b[at] !== 0x0d) fail("is not a dBASE table (no end of the field descriptors)");
  // Visual FoxPro appends a 263-byte backlink after the terminator; nothing else may sit there.
  if (headerLength !== at + 1 && headerLength !== at + 1 + 263)
    fail(
      `has a header length that does not match its ${fields.length} field descriptors (expected ${at + 1}, got ${headerLength})`,
    );
  const width = 1 + fields.reduce((s, f) => s + f.length, 0);
  if (recordLength !== width)
    fail(`has a record length that does not match its fields (expected ${width}, got ${recordLength})`);
  const available = Math.floor((b.length - headerLength) / recordLength);
  if (available < count)
    fail(
      `is truncated: the header declares ${count} records of ${recordLength} bytes, the file holds ${available} whole ones`,
      available + 1,
    );
  return { fields, count, headerLength, recordLength };
}

/**
 * Reads a dBASE III table (a shapefile's `.dbf`) strictly. The generic readers trust the
 * record area, so a file cut short or with a header length that does not match its field
 * descriptors yields shifted or missing records, and a numeric cell that is not a number
 * reads as empty; here each is an `InputSchemaError` naming the file, the record number
 * (as the line) and the field. Text is Windows-1252, as the readers assume for a `.dbf`
 * without a code page. Deleted records (`*`) are skipped, as GDAL skips them.
 */
export function readDbf(file: RawFile): DbfTable {
  const b = file.bytes;
  const fail = (message: string, line?: number, field?: string): never => {
    throw new InputSchemaError({ file: file.name, line, field }, message);
  };
  const { fields, count, headerLength, recordLength } = checkDbfLayout(file);
  const decoder = WINDOWS_1252;
  const table: DbfTable = { file: file.name, fields, records: [], recordNumbers: [] };
  for (let r = 0; r < count; r++) {
    const start = headerLength + r * recordLength;
    const flag = b[start];
    if (flag === 0x2a) continue;
    if (flag !== 0x20) fail(`record ${r + 1} has no deletion flag (got byte 0x${flag?.toString(16)})`, r + 1);
    const record: Record<string, DbfValue> = {};
    let p = start + 1;
    for (const f of fields) {
      const text = decoder.decode(b.subarray(p, p + f.length)).trim();
      p += f.length;
      record[f.name] = cell(text, f, () =>
        fail(`record ${r + 1}: value is not a number (got ${JSON.stringify(text)})`, r + 1, f.name),
      );
    }
    table.records.push(record);
    table.recordNumbers.push(r + 1);
  }
  return table;
}

function cell(text: string, f: DbfField, notNumber: () => never): DbfValue {
  if (text === "") return null;
  switch (f.type) {
    case "N":
    case "F":
      // Some writers fill a numeric cell that overflowed its width with asterisks: no value.
      if (/^\*+$/.test(text)) return null;
      return numberRE.test(text) ? Number(text) : notNumber();
    case "L":
      return /^[YyTt]$/.test(text) ? true : /^[NnFf]$/.test(text) ? false : null;
    default:
      return text;
  }
}

/** The field's descriptor, or an `InputSchemaError` naming the expected field (and a near miss, if any). */
export function requireDbfField(table: DbfTable, name: string): DbfField {
  const f = table.fields.find((x) => x.name === name);
  if (f) return f;
  throw missingNameError(
    { file: table.file, line: 1 },
    name,
    table.fields.map((x) => x.name),
    "field",
  );
}
