import type { ScoreColumn } from "@cejst/methodology";
import { type ColumnSource, fileWriter, ParquetWriter, schemaFromColumnData } from "hyparquet-writer";

const PARQUET_TYPE = { float: "DOUBLE", int: "INT32", bool: "BOOLEAN", text: "STRING" } as const;

/** Rows per row group: bounds the memory of the null-aware copies the writer needs. */
const ROWS_PER_GROUP = 16_384;

/**
 * Writes a score table as Parquet with the same column names: floats as DOUBLE, integers
 * as INT32, flags as BOOLEAN, text as STRING; missing values (and NaN) are nulls. Written
 * one row group at a time, so only one group's copy of the table is in memory.
 */
export async function writeScoreParquet(path: string, columns: readonly ScoreColumn[]): Promise<void> {
  const rows = columns[0]?.values.length ?? 0;
  const slice = (start: number, end: number): ColumnSource[] =>
    columns.map((c) => {
      const data: (number | boolean | string | null)[] = new Array(end - start);
      for (let r = start; r < end; r++) {
        const v = c.values[r];
        data[r - start] = v === undefined || (typeof v === "number" && Number.isNaN(v)) ? null : v;
      }
      return { name: c.name, type: PARQUET_TYPE[c.kind], nullable: true, data };
    });
  const schema = schemaFromColumnData({ columnData: slice(0, Math.min(rows, 1)) });
  const writer = new ParquetWriter({ writer: fileWriter(path), schema });
  for (let start = 0; start < rows; start += ROWS_PER_GROUP) {
    const end = Math.min(rows, start + ROWS_PER_GROUP);
    await writer.write({ columnData: slice(start, end), rowGroupSize: end - start });
  }
  await writer.finish();
}
