import type { MethodologyVersion } from "@cejst/methodology";
import { InputSchemaError, type ProgressSink } from "@cejst/schema";
import { type DownloadField, downloadFields } from "./download-field.ts";
import type { Cell, ScoreTable, TableColumn } from "./score-table.ts";
import { stateOf } from "./states.ts";
import { isIslandArea, thresholdCount, tileFields, uiExperience } from "./tile-field.ts";

/** `Math.floor(x * 10**n) / 10**n` in doubles, as the original computes it. */
export function floorTo(x: number, n: number): number {
  const f = 10 ** n;
  return Math.floor(x * f) / f;
}

function column(table: ScoreTable, name: string): TableColumn {
  const col = table.byName.get(name);
  if (col === undefined)
    throw new InputSchemaError({ file: table.file, line: 1, field: name }, "required column is missing");
  return col;
}

/**
 * The score with the five county/state columns the original's post-processing appends
 * (artifacts.md §3.5): `GEOID`, `County Name`, `State Code`, `State/Territory`,
 * `State Abbreviation`. County names come from `counties` (5-digit FIPS → name); the Island
 * Areas never get one, as the 2010 gazetteer does not cover them.
 */
export function mergeCounties(score: ScoreTable, counties: ReadonlyMap<string, string>): ScoreTable {
  const geoids = score.geoids;
  const states = geoids.map((g) => stateOf(g));
  const extra: TableColumn[] = [
    { name: "GEOID", kind: "text", values: geoids.map((g) => g.slice(0, 5)) },
    {
      name: "County Name",
      kind: "text",
      values: geoids.map((g) => (isIslandArea(g) ? null : (counties.get(g.slice(0, 5)) ?? null))),
    },
    { name: "State Code", kind: "text", values: geoids.map((g) => g.slice(0, 2)) },
    { name: "State/Territory", kind: "text", values: states.map((s) => s.name) },
    { name: "State Abbreviation", kind: "text", values: states.map((s) => s.abbreviation) },
  ];
  const columns = [...score.columns.filter((c) => !extra.some((e) => e.name === c.name)), ...extra];
  return { file: score.file, geoids, columns, byName: new Map(columns.map((c) => [c.name, c])) };
}

/** Applies one download `format` to a full-precision value (artifacts.md §3.2). */
export function formatDownloadValue(format: DownloadField["format"], x: Cell): Cell {
  const finite = typeof x === "number" && Number.isFinite(x);
  switch (format) {
    case "percentage":
      return finite ? Math.floor((x as number) * 100) : null;
    case "loss_rate_percentage":
      return finite ? floorTo((x as number) * 100, 4) : null;
    case "float":
      return finite ? floorTo(x as number, 2) : null;
    default:
      return x;
  }
}

/**
 * The communities table (`<V>-communities.csv`, `.xlsx`, `.parquet`): the download columns
 * of the version, formatted, under their output labels, rows by tract id.
 */
export function communitiesTable(merged: ScoreTable, version: MethodologyVersion): TableColumn[] {
  return downloadFields(version).map((f) => {
    const src = column(merged, f.score);
    const kind =
      f.format === "percentage"
        ? "int"
        : f.format === "float" || f.format === "loss_rate_percentage"
          ? "float"
          : src.kind;
    return { name: f.label, kind, values: src.values.map((v) => formatDownloadValue(f.format, v)) };
  });
}

/**
 * The tile CSV table (artifacts.md §3.5): the tile codes' source columns with floats floored
 * to 2 dp, then `UI_EXP` and `THRHLD`, renamed to the short codes.
 */
export function tileTable(
  merged: ScoreTable,
  version: MethodologyVersion,
  progress?: ProgressSink,
): TableColumn[] {
  const fields = tileFields(version);
  const out: TableColumn[] = fields.map((f, i) => {
    progress?.({ stage: "tile-table", done: i, total: fields.length, unit: "columns" });
    const src = column(merged, f.source);
    if (src.kind !== "float") return { name: f.code, kind: src.kind, values: src.values };
    return {
      name: f.code,
      kind: "float",
      values: src.values.map((v) => (typeof v === "number" && Number.isFinite(v) ? floorTo(v, 2) : v)),
    };
  });
  out.push({ name: "UI_EXP", kind: "text", values: merged.geoids.map(uiExperience) });
  out.push({ name: "THRHLD", kind: "int", values: merged.geoids.map(thresholdCount) });
  return out;
}

/** JSON text with every non-ASCII character escaped, as Python's `json.dumps` writes it. */
export function asciiJson(text: string): string {
  return text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * `tile_indexes.json`: one line, `{"<code>": "<source column>", …}` with Python's default
 * separators and ASCII escaping (artifacts.md §3.5).
 */
export function tileIndexesJson(version: MethodologyVersion): string {
  const parts = tileFields(version).map((f) => `${JSON.stringify(f.code)}: ${JSON.stringify(f.source)}`);
  return asciiJson(`{${parts.join(", ")}}`);
}

/**
 * `usa_counties.csv`'s table: the merged score, unrounded, with `Total population` as an
 * integer column when it has no missing value (as pandas converted it).
 */
export function countiesTable(merged: ScoreTable): TableColumn[] {
  return merged.columns.map((c) =>
    c.name === "Total population" && c.values.every((v) => typeof v === "number" && Number.isFinite(v))
      ? { ...c, kind: "int" as const }
      : c,
  );
}
