import type { ScoreColumn } from "@cejst/methodology";
import { csvField } from "../io/atomic-write.ts";
import { BufferedTextWriter } from "../io/buffered-text-writer.ts";
import { formatPythonFloat } from "../io/float-format.ts";

type Cell = number | boolean | string | null | undefined;

/** One cell as the original's `to_csv` writes it (methodology.md §15.1 encodings). */
export function formatScoreCell(kind: ScoreColumn["kind"], value: Cell): string {
  if (value === null || value === undefined) return "";
  switch (kind) {
    case "float":
      return formatPythonFloat(value as number);
    case "int":
      return formatInt(value);
    case "bool":
      return value ? "True" : "False";
    default:
      return csvField(String(value));
  }
}

const formatInt = (value: Cell): string =>
  value === null || value === undefined || Number.isNaN(value as number)
    ? ""
    : String(Math.trunc(value as number));
const formatBool = (value: Cell): string =>
  value === null || value === undefined ? "" : value ? "True" : "False";
const formatText = (value: Cell): string =>
  value === null || value === undefined ? "" : csvField(String(value));
const formatFloat = (value: Cell): string =>
  value === null || value === undefined ? "" : formatPythonFloat(value as number);

/** The cell formatter of a column kind, chosen once per column instead of once per cell. */
function cellFormatter(kind: ScoreColumn["kind"]): (value: Cell) => string {
  switch (kind) {
    case "float":
      return formatFloat;
    case "int":
      return formatInt;
    case "bool":
      return formatBool;
    default:
      return formatText;
  }
}

/**
 * Writes a score table as CSV: header of column names, one row per tract, `True`/`False`
 * booleans, empty cells for missing values, floats as pandas writes them and integers for
 * `int` columns. Rows are encoded into one reused buffer, so a national table never sits in
 * memory as text.
 */
export async function writeScoreCsv(path: string, columns: readonly ScoreColumn[]): Promise<void> {
  const rows = columns[0]?.values.length ?? 0;
  const values = columns.map((c) => c.values);
  const formats = columns.map((c) => cellFormatter(c.kind));
  const out = await BufferedTextWriter.open(path);
  try {
    await out.write(`${columns.map((c) => csvField(c.name)).join(",")}\n`);
    const width = columns.length;
    for (let r = 0; r < rows; r++) {
      let line = (formats[0] as (v: Cell) => string)((values[0] as readonly Cell[])[r]);
      for (let c = 1; c < width; c++)
        line += `,${(formats[c] as (v: Cell) => string)((values[c] as readonly Cell[])[r])}`;
      const pending = out.write(`${line}\n`);
      if (pending) await pending;
    }
  } finally {
    await out.close();
  }
}
