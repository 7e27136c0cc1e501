import { InputSchemaError } from "@cejst/schema";
import type { CsvTable } from "../../io/csv-table.ts";
import type { DatasetId, OutputFile } from "../types.ts";
import { checkTractIds, numericColumn, requireColumn, stringColumn } from "./columns.ts";
import { type FrameColumn, formatFrame, type NumericColumn } from "./frame.ts";

/**
 * Sources whose adapter is a rename plus a little arithmetic share this shape: one or more
 * tables stacked in order (`pd.concat`), a tract id column, and output columns taken or
 * derived from source fields.
 */
export interface SimpleTableSpec {
  dataset: DatasetId;
  geoid: {
    field: string;
    /** Left-pad with zeros to 11 (`str.zfill(11)`), for files that stored ids as numbers. */
    zfill: boolean;
    /** Drop rows without an id (`dropna(subset=…)`) instead of failing. */
    dropMissing?: boolean;
  };
  columns: readonly SimpleColumn[];
}

/** An output column: a source field as read, or a value derived from numeric source fields. */
export type SimpleColumn =
  | { name: string; from: string }
  | { name: string; derive: (field: (name: string) => NumericColumn) => DerivedColumn };

/** A derived column's kind and values (its name comes from the spec). */
export type DerivedColumn =
  | { kind: "bool"; values: (boolean | null)[] }
  | { kind: "int" | "float"; values: (number | null)[] };

type Cell = { kind: "bool"; values: (boolean | null)[] } | ({ kind: "number" } & NumericColumn);

/** A field that holds either numbers or `True`/`False` (geocorr's flag, for one), typed as pandas would. */
function valueColumn(table: CsvTable, name: string): Cell {
  const c = requireColumn(table, name);
  const cells = table.rows.map((r) => r[c] ?? "");
  if (cells.every((v) => v === "True" || v === "False" || v === ""))
    if (cells.some((v) => v !== ""))
      return { kind: "bool", values: cells.map((v) => (v === "" ? null : v === "True")) };
  return { kind: "number", ...numericColumn(table, name) };
}

function concatNumeric(parts: NumericColumn[]): NumericColumn {
  return { values: parts.flatMap((p) => p.values), int: parts.every((p) => p.int) };
}

/** Runs a `SimpleTableSpec` over the tables (in order) and formats `dataset/<name>/usa.csv`. */
export function transformSimpleTable(spec: SimpleTableSpec, tables: readonly CsvTable[]): OutputFile[] {
  const keep: boolean[][] = [];
  const ids: string[] = [];
  const lines: (number | undefined)[] = [];
  const files: string[] = [];
  for (const t of tables) {
    const raw = stringColumn(t, spec.geoid.field);
    keep.push(raw.map((id) => !(spec.geoid.dropMissing && id === "")));
    raw.forEach((id, r) => {
      if (spec.geoid.dropMissing && id === "") return;
      if (spec.geoid.zfill && !/^\d{1,11}$/.test(id))
        throw new InputSchemaError(
          { file: t.file, line: t.lines[r], field: spec.geoid.field },
          `tract GEOID must be up to 11 digits (got ${JSON.stringify(id)})`,
        );
      ids.push(spec.geoid.zfill ? id.padStart(11, "0") : id);
      lines.push(t.lines[r]);
      files.push(t.file);
    });
  }
  checkTractIds(ids, { file: tables[0]?.file ?? "", files, field: spec.geoid.field, lines });
  const kept = <T>(values: T[], part: number) => values.filter((_, r) => keep[part]?.[r]);
  const numeric = new Map<string, NumericColumn>();
  const field = (name: string): NumericColumn => {
    let c = numeric.get(name);
    if (!c) {
      c = concatNumeric(
        tables.map((t, i) => {
          const col = numericColumn(t, name);
          return { values: kept(col.values, i), int: col.int };
        }),
      );
      numeric.set(name, c);
    }
    return c;
  };
  const columns: FrameColumn[] = [{ name: "GEOID10_TRACT", kind: "string", values: ids }];
  for (const col of spec.columns) {
    if ("derive" in col) {
      columns.push({ name: col.name, ...col.derive(field) });
      continue;
    }
    const parts = tables.map((t, i) => {
      const v = valueColumn(t, col.from);
      return { ...v, values: kept<number | boolean | null>(v.values, i) } as Cell;
    });
    if (parts.every((p) => p.kind === "bool"))
      columns.push({
        name: col.name,
        kind: "bool",
        values: parts.flatMap((p) => p.values as (boolean | null)[]),
      });
    else {
      // A table of True/False stacked on one of numbers: reading it as numbers reports the first flag.
      const num = concatNumeric(
        parts.map((p, i) => (p.kind === "number" ? p : numericColumn(tables[i] as CsvTable, col.from))),
      );
      columns.push(
        num.int
          ? { name: col.name, kind: "int", values: num.values }
          : { name: col.name, kind: "float", values: num.values },
      );
    }
  }
  return [{ path: `dataset/${spec.dataset}/usa.csv`, data: formatFrame(columns) }];
}
