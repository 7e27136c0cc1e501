import { csvField } from "../../io/atomic-write.ts";
import { formatFixed10, formatPythonFloat } from "../../io/float-format.ts";

/** Column storage kinds, mirroring the pandas dtypes the original ends up with. */
export type ColumnKind = "string" | "int" | "float" | "bool";

/** A column of an output table; `null` is a missing value (an empty cell). */
export type FrameColumn =
  | { name: string; kind: "string"; values: readonly (string | null)[] }
  | { name: string; kind: "int" | "float"; values: readonly (number | null)[] }
  | { name: string; kind: "bool"; values: readonly (boolean | null)[] };

/** How float columns are printed: pandas' default (`repr`) or `float_format="%.10f"`. */
export type FloatFormat = "repr" | "fixed10";

/**
 * Writes columns as pandas `DataFrame.to_csv(index=False)` does: `\n` line ends, minimal
 * quoting, ints without a decimal point, floats per `floatFormat`, booleans `True`/`False`,
 * missing values empty.
 */
export function formatFrame(columns: readonly FrameColumn[], floatFormat: FloatFormat = "repr"): string {
  const n = columns[0]?.values.length ?? 0;
  for (const c of columns)
    if (c.values.length !== n)
      throw new Error(
        `column "${c.name}" has a different length than the first column (got ${c.values.length})`,
      );
  const fmtFloat = floatFormat === "fixed10" ? formatFixed10 : formatPythonFloat;
  const cells = columns.map((c) => cellFormatter(c, fmtFloat));
  const lines: string[] = [columns.map((c) => csvField(c.name)).join(",")];
  for (let i = 0; i < n; i++) lines.push(cells.map((f) => f(i)).join(","));
  return `${lines.join("\n")}\n`;
}

/** A numeric column as pandas reads it: `int` when every cell is an integer literal and none is missing. */
export interface NumericColumn {
  values: (number | null)[];
  int: boolean;
}

/** Reorders a column's values by row indices (`null` index = a row the other side of a join lacked). */
export function pick<T>(values: readonly T[], order: readonly (number | null)[]): (T | null)[] {
  return order.map((i) => (i === null ? null : (values[i] ?? null)));
}

function cellFormatter(c: FrameColumn, fmtFloat: (x: number | null) => string): (i: number) => string {
  if (c.kind === "string") return (i) => csvField(c.values[i] ?? "");
  if (c.kind === "float") return (i) => fmtFloat(c.values[i] ?? null);
  if (c.kind === "int")
    return (i) => {
      const v = c.values[i];
      return v === null || v === undefined ? "" : String(v);
    };
  return (i) => {
    const v = c.values[i];
    return v === null || v === undefined ? "" : v ? "True" : "False";
  };
}
