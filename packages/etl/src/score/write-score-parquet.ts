import { type FileHandle, open } from "node:fs/promises";
import { endianness } from "node:os";
import type { ScoreColumn } from "@cejst/methodology";
import { ThriftCompactWriter } from "./thrift-compact-writer.ts";

/** Parquet physical types (parquet.thrift `Type`). */
const TYPE = { BOOLEAN: 0, INT32: 1, DOUBLE: 5, BYTE_ARRAY: 6 } as const;
const PHYSICAL = { float: TYPE.DOUBLE, int: TYPE.INT32, bool: TYPE.BOOLEAN, text: TYPE.BYTE_ARRAY } as const;
const OPTIONAL = 1;
const CONVERTED_UTF8 = 0;
const ENCODING_PLAIN = 0;
const ENCODING_RLE = 3;
const PAGE_DATA = 0;
const CODEC_UNCOMPRESSED = 0;
const MAGIC = Buffer.from("PAR1", "latin1");

/** Rows per row group: a national table (~74,000 tracts) is one group of one page per column. */
const ROWS_PER_GROUP = 1 << 17;

// Doubles are copied into pages as the bytes of a Float64Array, which are the file's
// little-endian bytes only on a little-endian machine.
const LITTLE_ENDIAN = endianness() === "LE";

type Cell = number | boolean | string | null | undefined;

interface ChunkMeta {
  column: ScoreColumn;
  offset: number;
  size: number;
  rows: number;
}

/**
 * Writes a score table as Parquet with the same column names: floats as DOUBLE, integers
 * as INT32, flags as BOOLEAN, text as STRING (UTF-8 BYTE_ARRAY); every column is OPTIONAL
 * and missing values (and NaN) are nulls. Pages are PLAIN-encoded and uncompressed, built
 * straight from the column arrays, so writing costs about one copy of the table's bytes,
 * one column at a time.
 */
export async function writeScoreParquet(
  path: string,
  columns: readonly ScoreColumn[],
  options: { rowsPerGroup?: number } = {},
): Promise<void> {
  const rows = columns[0]?.values.length ?? 0;
  const perGroup = options.rowsPerGroup ?? ROWS_PER_GROUP;
  if (!Number.isInteger(perGroup) || perGroup < 1)
    throw new Error(`rows per row group must be a positive integer (got ${perGroup})`);
  for (const c of columns)
    if (c.values.length !== rows)
      throw new Error(`parquet column ${c.name} must have ${rows} values (got ${c.values.length})`);
  const file = await open(path, "w");
  try {
    let offset = 0;
    const write = async (bytes: Uint8Array) => {
      await writeAll(file, bytes);
      offset += bytes.length;
    };
    await write(MAGIC);
    const groups: { chunks: ChunkMeta[]; rows: number; bytes: number }[] = [];
    for (let start = 0; start < rows; start += perGroup) {
      const end = Math.min(rows, start + perGroup);
      const chunks: ChunkMeta[] = [];
      let bytes = 0;
      for (const column of columns) {
        const chunk = encodeColumnChunk(column, start, end);
        chunks.push({ column, offset, size: chunk.length, rows: end - start });
        bytes += chunk.length;
        await write(chunk);
      }
      groups.push({ chunks, rows: end - start, bytes });
    }
    const footer = fileMetadata(columns, rows, groups);
    const tail = Buffer.alloc(8);
    tail.writeUInt32LE(footer.length, 0);
    MAGIC.copy(tail, 4);
    await write(footer);
    await write(tail);
  } finally {
    await file.close();
  }
}

/** A column chunk of rows `[start, end)`: one data page (v1), header included. */
function encodeColumnChunk(column: ScoreColumn, start: number, end: number): Buffer {
  const values = column.values as ArrayLike<Cell>;
  const n = end - start;
  const present = new Uint8Array(n);
  let count = 0;
  const numeric = column.kind === "float" || column.kind === "int";
  for (let i = 0; i < n; i++) {
    const v = values[start + i];
    const ok = v !== null && v !== undefined && !(numeric && Number.isNaN(v));
    if (ok) {
      present[i] = 1;
      count++;
    }
  }
  const levels = definitionLevels(present, count);
  let data: Uint8Array;
  switch (column.kind) {
    case "float":
      data = plainDoubles(values, start, present, count);
      break;
    case "int":
      data = plainInt32(values, start, present, count, column.name);
      break;
    case "bool":
      data = plainBooleans(values, start, present, count);
      break;
    default:
      data = plainStrings(values, start, present);
  }
  const bodySize = 4 + levels.length + data.length;
  const header = new ThriftCompactWriter()
    .i32(1, PAGE_DATA)
    .i32(2, bodySize)
    .i32(3, bodySize)
    .struct(5, (w) => w.i32(1, n).i32(2, ENCODING_PLAIN).i32(3, ENCODING_RLE).i32(4, ENCODING_RLE))
    .end();
  const out = Buffer.allocUnsafe(header.length + bodySize);
  out.set(header, 0);
  let at = header.length;
  out.writeUInt32LE(levels.length, at);
  at += 4;
  out.set(levels, at);
  at += levels.length;
  out.set(data, at);
  return out;
}

/**
 * Definition levels (bit width 1) in the RLE/bit-packed hybrid: one RLE run when every
 * value is present, otherwise one bit-packed run of all levels.
 */
function definitionLevels(present: Uint8Array, count: number): Uint8Array {
  const n = present.length;
  if (count === n) return Uint8Array.from([...varint(n * 2), 1]);
  const groups = Math.ceil(n / 8);
  const head = varint(groups * 2 + 1);
  const out = new Uint8Array(head.length + groups);
  out.set(head, 0);
  for (let i = 0; i < n; i++) if (present[i] === 1) out[head.length + (i >> 3)]! |= 1 << (i & 7);
  return out;
}

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return out;
}

function plainDoubles(
  values: ArrayLike<Cell>,
  start: number,
  present: Uint8Array,
  count: number,
): Uint8Array {
  const out = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < present.length; i++) if (present[i] === 1) out[k++] = values[start + i] as number;
  if (LITTLE_ENDIAN) return new Uint8Array(out.buffer);
  const bytes = new Uint8Array(count * 8);
  const view = new DataView(bytes.buffer);
  for (let j = 0; j < count; j++) view.setFloat64(j * 8, out[j] as number, true);
  return bytes;
}

function plainInt32(
  values: ArrayLike<Cell>,
  start: number,
  present: Uint8Array,
  count: number,
  name: string,
): Uint8Array {
  const bytes = new Uint8Array(count * 4);
  const view = new DataView(bytes.buffer);
  let k = 0;
  for (let i = 0; i < present.length; i++) {
    if (present[i] !== 1) continue;
    const v = values[start + i] as number;
    if (!Number.isInteger(v) || v < -(2 ** 31) || v >= 2 ** 31)
      throw new Error(`parquet INT32 column ${name} holds a value that is not a 32-bit integer (got ${v})`);
    view.setInt32(k, v, true);
    k += 4;
  }
  return bytes;
}

function plainBooleans(
  values: ArrayLike<Cell>,
  start: number,
  present: Uint8Array,
  count: number,
): Uint8Array {
  const bytes = new Uint8Array(Math.ceil(count / 8));
  let k = 0;
  for (let i = 0; i < present.length; i++) {
    if (present[i] !== 1) continue;
    if (values[start + i]) bytes[k >> 3]! |= 1 << (k & 7);
    k++;
  }
  return bytes;
}

function plainStrings(values: ArrayLike<Cell>, start: number, present: Uint8Array): Uint8Array {
  let size = 0;
  for (let i = 0; i < present.length; i++)
    if (present[i] === 1) size += 4 + Buffer.byteLength(String(values[start + i]), "utf8");
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (let i = 0; i < present.length; i++) {
    if (present[i] !== 1) continue;
    const written = out.write(String(values[start + i]), at + 4, "utf8");
    out.writeUInt32LE(written, at);
    at += 4 + written;
  }
  return out;
}

/** The footer: `FileMetaData` of parquet.thrift. */
function fileMetadata(
  columns: readonly ScoreColumn[],
  rows: number,
  groups: readonly { chunks: ChunkMeta[]; rows: number; bytes: number }[],
): Uint8Array {
  return new ThriftCompactWriter()
    .i32(1, 2)
    .structList(2, [null, ...columns], (w, c) => {
      if (c === null) {
        w.string(4, "schema").i32(5, columns.length);
        return;
      }
      w.i32(1, PHYSICAL[c.kind]).i32(3, OPTIONAL).string(4, c.name);
      if (c.kind === "text") w.i32(6, CONVERTED_UTF8).struct(10, (l) => l.struct(1, () => {}));
    })
    .i64(3, rows)
    .structList(4, groups, (w, g) =>
      w
        .structList(1, g.chunks, (cw, chunk) =>
          cw
            .i64(2, chunk.offset)
            .struct(3, (m) =>
              m
                .i32(1, PHYSICAL[chunk.column.kind])
                .i32List(2, [ENCODING_PLAIN, ENCODING_RLE])
                .stringList(3, [chunk.column.name])
                .i32(4, CODEC_UNCOMPRESSED)
                .i64(5, chunk.rows)
                .i64(6, chunk.size)
                .i64(7, chunk.size)
                .i64(9, chunk.offset),
            ),
        )
        .i64(2, g.bytes)
        .i64(3, g.rows),
    )
    .string(6, "cejst")
    .end();
}

async function writeAll(file: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await file.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}
