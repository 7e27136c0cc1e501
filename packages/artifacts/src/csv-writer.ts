import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { csvLine, formatPythonFloat } from "@cejst/etl";
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

/**
 * Streams a table to a CSV file in chunks, so a national table never has to exist as one
 * string, and renames it into place only when complete.
 */
export async function writeCsvFile(
  path: string,
  columns: readonly TableColumn[],
  options: { bom?: boolean } = {},
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const stream = createWriteStream(tmp);
  try {
    let chunk = options.bom ? "\uFEFF" : "";
    for (const line of csvLines(columns)) {
      chunk += `${line}\n`;
      if (chunk.length > 1 << 20) {
        if (!stream.write(chunk)) await once(stream, "drain");
        chunk = "";
      }
    }
    stream.end(chunk);
    await once(stream, "finish");
    await rename(tmp, path);
  } catch (e) {
    stream.destroy();
    await rm(tmp, { force: true });
    throw e;
  }
}
