import { isAscii } from "node:buffer";
import { readFile } from "node:fs/promises";
import { InputMissingError, InputSchemaError } from "@cejst/schema";
import { type CsvTable, parseBoolCell, parseNumberCell } from "./csv-table.ts";
import { scanQuotedRecord } from "./scan-csv-text.ts";

/** How one wanted column is kept: as parsed numbers, tri-state booleans or text. */
export type CsvColumnKind = "numeric" | "flag" | "text";

/** A wanted column: its index in the header and how to keep it. */
export interface CsvColumnPlan {
  index: number;
  kind: CsvColumnKind;
}

/** A kept column, one value per data row. Text keeps `""` (empty cells) as read. */
export type CsvColumnValues =
  | { kind: "numeric"; values: Float64Array }
  | { kind: "flag"; values: (boolean | null)[] }
  | { kind: "text"; values: string[] };

/** What `scanCsvColumns` read: the header, each row's line and the wanted columns only. */
export interface CsvColumns {
  file: string;
  header: string[];
  /** Number of data rows. */
  rows: number;
  /** `lines[i]` is the line (1-based, header = line 1) where data row `i` starts. */
  lines: number[];
  /** In the order of the plans. */
  columns: CsvColumnValues[];
}

const CR = 13;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

// The result of `fastNumber`, kept outside so the hot loop allocates nothing.
let parsed = 0;

/**
 * Parses the number that fills `[from, end)` (a field) when it is a plain decimal, the
 * syntax `parseNumberCell` accepts as a number. With at most 15 significant digits and a
 * power of ten within ±22, `m / 10^k` (or `m * 10^k`) of two exact doubles is the
 * correctly rounded value, the same double `Number(text)` gives; other decimals go through
 * `Number`. Anything else (null spellings, `inf`, junk) returns false and is left to the
 * general parser.
 */
function fastNumber(text: string, from: number, end: number): boolean {
  let i = from;
  let c = text.charCodeAt(i);
  let negative = false;
  if (c === 45) {
    negative = true;
    i++;
  } else if (c === 43) i++;
  let m = 0;
  let significant = 0;
  let scale = 0;
  let digits = 0;
  while (i < end) {
    c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    m = m * 10 + c;
    if (m !== 0) significant++;
    digits++;
    i++;
  }
  if (i < end && text.charCodeAt(i) === 46) {
    i++;
    while (i < end) {
      c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      m = m * 10 + c;
      if (m !== 0) significant++;
      digits++;
      scale++;
      i++;
    }
  }
  if (digits === 0) return false;
  let exponent = 0;
  if (i < end) {
    c = text.charCodeAt(i);
    if (c !== 101 && c !== 69) return false;
    i++;
    let expNegative = false;
    c = text.charCodeAt(i);
    if (c === 45) {
      expNegative = true;
      i++;
    } else if (c === 43) i++;
    let expDigits = 0;
    while (i < end) {
      c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9 || expDigits > 4) return false;
      exponent = exponent * 10 + c;
      expDigits++;
      i++;
    }
    if (expDigits === 0) return false;
    if (expNegative) exponent = -exponent;
  }
  const e10 = exponent - scale;
  if (significant > 15 || e10 < -22 || e10 > 22) {
    // Valid syntax (the pattern parseNumberCell checks) but beyond the exact fast path.
    parsed = Number(text.slice(from, end));
    return true;
  }
  const value = e10 < 0 ? m / (POW10[-e10] as number) : m * (POW10[e10] as number);
  parsed = negative ? -value : value;
  return true;
}

/**
 * Reads only the wanted columns of a CSV text, column-wise, without building a string per
 * cell: numeric cells are parsed from the text in place into a `Float64Array` (`NaN` for
 * empty and the null spellings), flags into `true`/`false`/`null`, text as strings.
 * The CSV rules and structural errors are those of `scanCsvText` (the same reader
 * underneath for quoted records). Cell errors are reported as a row-wise parse followed by
 * a column-by-column check would: the first bad cell of the first column (in plan order)
 * that has one, so callers can run their own row checks first with `failCells`.
 *
 * `plan` receives the header and returns the wanted columns.
 */
export function scanCsvColumns(
  text: string,
  file: string,
  plan: (header: string[]) => readonly CsvColumnPlan[],
): CsvColumns & { failCells(): void } {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const end = text.length;
  let line = 1;
  // Header: the first non-blank record.
  let header: string[] | undefined;
  while (pos < end && header === undefined) {
    let nl = text.indexOf("\n", pos);
    if (nl === -1) nl = end;
    const lineEnd = nl > pos && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
    if (lineEnd === pos) {
      pos = nl + 1;
      line++;
      continue;
    }
    const q = text.indexOf('"', pos);
    if (q !== -1 && q < lineEnd) {
      const scanned = scanQuotedRecord(text, pos, file, line);
      header = scanned.fields;
      pos = scanned.next;
      line = scanned.line;
    } else {
      header = text.slice(pos, lineEnd).split(",");
      pos = nl + 1;
      line++;
    }
  }
  if (header === undefined) throw new InputSchemaError({ file, line: 1 }, "file is empty (no header)");
  const width = header.length;
  const plans = plan(header);
  // Per field index: -1 skipped, else the plan's position.
  const slot = new Int32Array(width).fill(-1);
  plans.forEach((p, k) => {
    if (slot[p.index] !== -1) throw new Error(`csv column ${p.index} must be planned once (got it twice)`);
    slot[p.index] = k;
  });
  const kinds = plans.map((p) => p.kind);
  // Every data row starts on its own line, so the line count bounds the row count.
  let capacity = 1;
  for (let at = text.indexOf("\n", pos); at !== -1; at = text.indexOf("\n", at + 1)) capacity++;
  const numeric: Float64Array[] = plans.map((p) =>
    p.kind === "numeric" ? new Float64Array(capacity) : EMPTY,
  );
  const flags: (boolean | null)[][] = plans.map(() => []);
  const strings: string[][] = plans.map(() => []);
  const firstBad = new Int32Array(plans.length).fill(-1);
  const badText: string[] = new Array(plans.length).fill("");
  const lines: number[] = [];
  let row = 0;

  const bad = (k: number, value: string) => {
    if (firstBad[k] !== -1) return;
    firstBad[k] = row;
    badText[k] = value;
  };
  const keepNumber = (k: number, value: string) => {
    const column = numeric[k] as Float64Array;
    if (value === "") column[row] = Number.NaN;
    else if (fastNumber(value, 0, value.length)) column[row] = parsed;
    else {
      let v: number | null = null;
      try {
        v = parseNumberCell(value, lookupTable, 0, 0);
      } catch {
        bad(k, value);
      }
      column[row] = v ?? Number.NaN;
    }
  };
  const keepFlag = (k: number, value: string) => {
    let v: boolean | null = null;
    if (value === "True") v = true;
    else if (value === "False") v = false;
    else if (value !== "")
      try {
        v = parseBoolCell(value, lookupTable, 0, 0);
      } catch {
        bad(k, value);
      }
    (flags[k] as (boolean | null)[]).push(v);
  };
  const keep = (k: number, value: string) => {
    const kind = kinds[k];
    if (kind === "numeric") keepNumber(k, value);
    else if (kind === "flag") keepFlag(k, value);
    else (strings[k] as string[]).push(value);
  };

  let nextQuote = -1;
  while (pos < end) {
    let nl = text.indexOf("\n", pos);
    if (nl === -1) nl = end;
    const startLine = line;
    const lineEnd = nl > pos && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
    if (nextQuote < pos) {
      nextQuote = text.indexOf('"', pos);
      if (nextQuote === -1) nextQuote = end;
    }
    if (nextQuote >= lineEnd && lineEnd === pos) {
      pos = nl + 1;
      line++;
      continue;
    }
    let fields = 0;
    if (nextQuote >= lineEnd) {
      let p = pos;
      for (;;) {
        const k = fields < width ? (slot[fields] as number) : -1;
        let q = text.indexOf(",", p);
        if (q === -1 || q > lineEnd) q = lineEnd;
        if (k >= 0) {
          if (kinds[k] === "numeric") {
            if (q === p) (numeric[k] as Float64Array)[row] = Number.NaN;
            else if (fastNumber(text, p, q)) (numeric[k] as Float64Array)[row] = parsed;
            else keepNumber(k, text.slice(p, q));
          } else keep(k, text.slice(p, q));
        }
        fields++;
        if (q >= lineEnd) break;
        p = q + 1;
      }
      pos = nl + 1;
      line++;
    } else {
      const scanned = scanQuotedRecord(text, pos, file, line);
      fields = scanned.fields.length;
      if (fields === width)
        for (let f = 0; f < width; f++) {
          const k = slot[f] as number;
          if (k >= 0) keep(k, scanned.fields[f] as string);
        }
      pos = scanned.next;
      line = scanned.line;
    }
    if (fields !== width)
      throw new InputSchemaError(
        { file, line: startLine },
        `row has a different number of fields than the header (truncated or malformed file; got ${fields} fields, expected ${width})`,
      );
    lines.push(startLine);
    row++;
  }

  const rows = row;
  const table: CsvTable = { file, header, rows: [], lines };
  const columns = plans.map((p, k): CsvColumnValues => {
    if (p.kind === "numeric") {
      const values = numeric[k] as Float64Array;
      return { kind: "numeric", values: values.subarray(0, rows) };
    }
    if (p.kind === "flag") return { kind: "flag", values: flags[k] as (boolean | null)[] };
    return { kind: "text", values: strings[k] as string[] };
  });
  return {
    file,
    header,
    rows,
    lines,
    columns,
    failCells() {
      for (let k = 0; k < plans.length; k++) {
        const r = firstBad[k] as number;
        if (r < 0) continue;
        const { index, kind } = plans[k] as CsvColumnPlan;
        if (kind === "flag") parseBoolCell(badText[k] as string, table, r, index);
        else parseNumberCell(badText[k] as string, table, r, index);
      }
    },
  };
}

const EMPTY = new Float64Array(0);

const lookupTable: CsvTable = { file: "", header: [""], rows: [], lines: [0] };

/** Reads a CSV file with `scanCsvColumns`; a missing file is an `InputMissingError`. */
export async function readCsvColumns(
  path: string,
  plan: (header: string[]) => readonly CsvColumnPlan[],
): Promise<CsvColumns & { failCells(): void }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new InputMissingError(path, "cannot be read", { cause: e });
  }
  // ASCII (nearly every dataset file) decodes as Latin-1 to the same string, much faster.
  const text = isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
  return scanCsvColumns(text, path, plan);
}
