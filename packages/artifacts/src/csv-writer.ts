import { mkdir, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { BufferedTextWriter, csvField, csvLine, formatPythonFloat } from "@cejst/etl";
import type { Cell, CellKind, TableColumn } from "./score-table.ts";

/**
 * Prints one cell as the original's pandas `to_csv` did (artifacts.md §3.3): floats as
 * Python `repr` (`4781.0`, `1e-05`), integers without a decimal point, `True`/`False`,
 * empty for missing.
 */
export function formatCell(kind: CellKind, value: Cell): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "string") return value;
  if (kind === "float") return formatPythonFloat(value);
  if (Number.isNaN(value)) return "";
  return String(value);
}

/** The CSV text lines (header first, no terminators) of a table. */
export function* csvLines(columns: readonly TableColumn[]): Generator<string> {
  yield csvLine(columns.map((c) => c.name));
  const rows = columns[0]?.values.length ?? 0;
  const fields = new Array<string>(columns.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns.length; c++) {
      const col = columns[c] as TableColumn;
      fields[c] = formatCell(col.kind, col.values[r] ?? null);
    }
    yield csvLine(fields);
  }
}

/** The whole CSV of a table as a string (`\n` line endings, optional BOM). */
export function tableToCsv(columns: readonly TableColumn[], options: { bom?: boolean } = {}): string {
  let out = options.bom ? "\uFEFF" : "";
  for (const line of csvLines(columns)) out += `${line}\n`;
  return out;
}

/** A cell as CSV text: only text can need quotes (numbers and `True`/`False` never do). */
function csvCell(kind: CellKind, value: Cell): string {
  return typeof value === "string" ? csvField(value) : formatCell(kind, value);
}

/**
 * Streams a table to a CSV file through one reused buffer, so a national table never has to
 * exist as one string, and renames it into place only when complete. Same bytes as
 * {@link tableToCsv}.
 */
export async function writeCsvFile(
  path: string,
  columns: readonly TableColumn[],
  options: { bom?: boolean } = {},
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const out = await BufferedTextWriter.open(tmp);
  try {
    try {
      await out.write(`${options.bom ? "\uFEFF" : ""}${csvLine(columns.map((c) => c.name))}\n`);
      const rows = columns[0]?.values.length ?? 0;
      const kinds = columns.map((c) => c.kind);
      const values = columns.map((c) => c.values);
      for (let r = 0; r < rows; r++) {
        let line = csvCell(kinds[0] as CellKind, (values[0] as Cell[])[r] ?? null);
        for (let c = 1; c < columns.length; c++)
          line += `,${csvCell(kinds[c] as CellKind, (values[c] as Cell[])[r] ?? null)}`;
        const pending = out.write(`${line}\n`);
        if (pending) await pending;
      }
    } finally {
      await out.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
