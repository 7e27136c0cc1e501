import { writeFileAtomic } from "@cejst/etl";
import { parquetWriteBuffer } from "hyparquet-writer";
import type { TableColumn } from "./score-table.ts";

/** Key-value metadata every Parquet sibling carries (artifacts.md §3.9). */
export interface ParquetLabels {
  label: string;
  methodology: string;
}

function toInt64(values: TableColumn["values"], name: string): (bigint | null)[] {
  return values.map((v) => {
    if (v === null || (typeof v === "number" && Number.isNaN(v))) return null;
    if (typeof v !== "number" || !Number.isInteger(v))
      throw new Error(`column ${name} is not integral (got ${String(v)})`);
    return BigInt(v);
  });
}

/**
 * Encodes a table as Parquet (artifacts.md §3.9): text → STRING, booleans → nullable
 * BOOLEAN, integer columns (and `asInt64`) → INT64, other numbers → DOUBLE, Snappy, one
 * row group, no writer version or time inside, so equal tables give equal bytes.
 */
export function tableToParquet(
  columns: readonly TableColumn[],
  labels: ParquetLabels,
  asInt64: ReadonlySet<string> = new Set(),
): Uint8Array {
  const columnData = columns.map((c) => {
    if (c.kind === "int" || asInt64.has(c.name))
      return { name: c.name, data: toInt64(c.values, c.name), type: "INT64" as const };
    if (c.kind === "bool")
      return {
        name: c.name,
        data: c.values.map((v) => (typeof v === "boolean" ? v : null)),
        type: "BOOLEAN" as const,
      };
    if (c.kind === "text")
      return {
        name: c.name,
        data: c.values.map((v) => (v === null ? null : String(v))),
        type: "STRING" as const,
      };
    return {
      name: c.name,
      data: c.values.map((v) => (typeof v === "number" && !Number.isNaN(v) ? v : null)),
      type: "DOUBLE" as const,
    };
  });
  const rows = columns[0]?.values.length ?? 0;
  const buffer = parquetWriteBuffer({
    columnData,
    codec: "SNAPPY",
    rowGroupSize: Math.max(rows, 1),
    createdBy: "cejst",
    kvMetadata: [
      { key: "cejst.label", value: labels.label },
      { key: "cejst.methodology", value: labels.methodology },
    ],
  });
  return new Uint8Array(buffer);
}

/** Writes a table's Parquet sibling atomically. */
export async function writeParquetFile(
  path: string,
  columns: readonly TableColumn[],
  labels: ParquetLabels,
  asInt64?: ReadonlySet<string>,
): Promise<void> {
  await writeFileAtomic(path, tableToParquet(columns, labels, asInt64));
}
