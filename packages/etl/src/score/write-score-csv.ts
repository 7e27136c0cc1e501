import { open } from "node:fs/promises";
import type { ScoreColumn } from "@cejst/methodology";
import { csvField } from "../io/atomic-write.ts";
import { formatPythonFloat } from "../io/float-format.ts";

/** Rows per write call: large enough to amortise the syscall, small enough to stay lean. */
const ROWS_PER_CHUNK = 2000;

/** One cell as the original's `to_csv` writes it (methodology.md §15.1 encodings). */
export function formatScoreCell(
  kind: ScoreColumn["kind"],
  value: number | boolean | string | null | undefined,
): string {
  if (value === null || value === undefined) return "";
  switch (kind) {
    case "float":
      return formatPythonFloat(value as number);
    case "int":
      return Number.isNaN(value as number) ? "" : String(Math.trunc(value as number));
    case "bool":
      return value ? "True" : "False";
    default:
      return csvField(String(value));
  }
}

/**
 * Writes a score table as CSV: header of column names, one row per tract, `True`/`False`
 * booleans, empty cells for missing values, floats as pandas writes them and integers for
 * `int` columns. Streams in chunks so a national table never sits in memory as one string.
 */
export async function writeScoreCsv(path: string, columns: readonly ScoreColumn[]): Promise<void> {
  const rows = columns[0]?.values.length ?? 0;
  const file = await open(path, "w");
  try {
    await file.write(`${columns.map((c) => csvField(c.name)).join(",")}\n`);
    const cells: string[] = new Array(columns.length);
    for (let start = 0; start < rows; start += ROWS_PER_CHUNK) {
      const end = Math.min(rows, start + ROWS_PER_CHUNK);
      const lines: string[] = [];
      for (let r = start; r < end; r++) {
        for (let c = 0; c < columns.length; c++) {
          const column = columns[c] as ScoreColumn;
          cells[c] = formatScoreCell(column.kind, column.values[r]);
        }
        lines.push(cells.join(","));
      }
      await file.write(`${lines.join("\n")}\n`);
    }
  } finally {
    await file.close();
  }
}
