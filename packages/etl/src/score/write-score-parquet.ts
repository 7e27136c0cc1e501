import { writeFile } from "node:fs/promises";
import type { ScoreColumn } from "@cejst/methodology";
import { type ColumnSource, parquetWriteBuffer } from "hyparquet-writer";

const PARQUET_TYPE = { float: "DOUBLE", int: "INT32", bool: "BOOLEAN", text: "STRING" } as const;

/**
 * Writes a score table as Parquet with the same column names: floats as DOUBLE, integers
 * as INT32, flags as BOOLEAN, text as STRING; missing values (and NaN) are nulls.
 */
export async function writeScoreParquet(path: string, columns: readonly ScoreColumn[]): Promise<void> {
  const columnData: ColumnSource[] = columns.map((c) => ({
    name: c.name,
    type: PARQUET_TYPE[c.kind],
    nullable: true,
    data: c.values.map((v) => (v === undefined || (typeof v === "number" && Number.isNaN(v)) ? null : v)),
  }));
  await writeFile(path, new Uint8Array(parquetWriteBuffer({ columnData })));
}
