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

/** One CSV file of {@link writeCsvFiles}. */
export interface CsvFileSpec {
  path: string;
  columns: readonly TableColumn[];
  bom?: boolean;
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
  await writeCsvFiles([{ path, columns, bom: options.bom ?? false }]);
}

/**
 * Writes several tables of the same rows in one pass, each file as {@link writeCsvFile}
 * writes it. A column that several tables share (the same values printed the same way, as
 * the full score and its county-merged copy do) is printed once per row for all of them.
 */
export async function writeCsvFiles(files: readonly CsvFileSpec[]): Promise<void> {
  const rows = files[0]?.columns[0]?.values.length ?? 0;
  for (const f of files)
    if ((f.columns[0]?.values.length ?? 0) !== rows)
      throw new Error(`tables written together must have equal rows (got ${f.path} with another count)`);
  // The distinct (values, kind) pairs, and each file's columns as indexes into them.
  const distinct: { kind: CellKind; values: Cell[] }[] = [];
  const known = new Map<Cell[], Map<CellKind, number>>();
  const slots = files.map((f) =>
    f.columns.map((c) => {
      let byKind = known.get(c.values);
      if (byKind === undefined) {
        byKind = new Map();
        known.set(c.values, byKind);
      }
      let k = byKind.get(c.kind);
      if (k === undefined) {
        k = distinct.length;
        distinct.push({ kind: c.kind, values: c.values });
        byKind.set(c.kind, k);
      }
      return k;
    }),
  );
  const done: string[] = [];
  const outs: BufferedTextWriter[] = [];
  try {
    try {
      for (const f of files) {
        await mkdir(dirname(f.path), { recursive: true });
        const tmp = `${f.path}.${process.pid}.tmp`;
        outs.push(await BufferedTextWriter.open(tmp));
        done.push(tmp);
      }
      for (let i = 0; i < files.length; i++) {
        const f = files[i] as CsvFileSpec;
        await (outs[i] as BufferedTextWriter).write(
          `${f.bom ? "\uFEFF" : ""}${csvLine(f.columns.map((c) => c.name))}\n`,
        );
      }
      const texts = new Array<string>(distinct.length);
      for (let r = 0; r < rows; r++) {
        for (let k = 0; k < distinct.length; k++) {
          const d = distinct[k] as { kind: CellKind; values: Cell[] };
          texts[k] = csvCell(d.kind, d.values[r] ?? null);
        }
        for (let i = 0; i < files.length; i++) {
          const slot = slots[i] as number[];
          let line = texts[slot[0] as number] as string;
          for (let c = 1; c < slot.length; c++) line += `,${texts[slot[c] as number]}`;
          const pending = (outs[i] as BufferedTextWriter).write(`${line}\n`);
          if (pending) await pending;
        }
      }
    } finally {
      for (const out of outs) await out.close();
    }
    for (let i = 0; i < files.length; i++) await rename(done[i] as string, (files[i] as CsvFileSpec).path);
  } catch (e) {
    for (const tmp of done) await rm(tmp, { force: true });
    throw e;
  }
}
