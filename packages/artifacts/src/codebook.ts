import type { MethodologyVersion } from "@cejst/methodology";
import { downloadFields } from "./download-field.ts";
import type { TableColumn } from "./score-table.ts";
import { type TileFieldKind, tileFields } from "./tile-field.ts";

/** One DBF field of the shapefile and the tile code it carries. */
export interface ShapefileField {
  name: string;
  code: string;
  /** Long score column, or a description for the computed `UI_EXP`/`THRHLD`. */
  source: string;
  kind: TileFieldKind;
}

const UI_EXP_DESCRIPTION =
  "User interface experience: Nation, Puerto Rico (FIPS 72) or Island Areas (FIPS 60, 66, 69, 78); decides which indicators the side panel shows";
const THRHLD_DESCRIPTION =
  "Number of burden thresholds shown for the tract: 21 in the Nation, 10 in Puerto Rico, 3 in the Island Areas";

/**
 * The shapefile's fields (artifacts.md §3.7): `GEOID10`, the tile codes other than `GTF`,
 * `UI_EXP`, `THRHLD`. DBF names hold 10 characters, so a longer code at position i
 * (counting from `SF` = 0) becomes its first 6 characters + `_` + i. The rule is the
 * original's, so it is computed rather than listed.
 */
export function shapefileFields(version: MethodologyVersion): ShapefileField[] {
  const tiles = tileFields(version);
  const gtf = tiles[0];
  const rest = [
    ...tiles.slice(1),
    { code: "UI_EXP", source: UI_EXP_DESCRIPTION, kind: "text" as const },
    { code: "THRHLD", source: THRHLD_DESCRIPTION, kind: "int" as const },
  ];
  return [
    { name: "GEOID10", code: gtf?.code ?? "GTF", source: gtf?.source ?? "GEOID10_TRACT", kind: "text" },
    ...rest.map((f, i) => ({
      name: f.code.length > 10 ? `${f.code.slice(0, 6)}_${i}` : f.code,
      code: f.code,
      source: f.source,
      kind: f.kind,
    })),
  ];
}

/** The fixed explanation texts of the original (`etl/score/constants.py`). */
export const PERCENTILE_EXPLANATION =
  "All percentiles are floored (rounded down to the nearest percentile). For example, 89.7th percentile is rounded down to 89 for this field.";
export const LOW_PERCENTILE_EXPLANATION =
  "This percentile is reversed, meaning the lowest raw numbers become the highest percentiles.";
export const ISLAND_AREAS_EXPLANATION =
  "Because not all data is available for the Nation, Puerto Rico, and the Island Areas, this uses different underlying data for the island areas.";

function fieldType(description: string, format: string): string {
  if (description.includes(" (percentile)")) return "percentile";
  // The original typed the "… loss rate and is low income?" flags `rate`; they are booleans.
  if (format === "bool") return "bool";
  if (description.includes("loss rate")) return "rate";
  return format;
}

function calculationNotes(description: string): string {
  const notes: string[] = [];
  if (description.includes(" (percentile)")) notes.push(PERCENTILE_EXPLANATION);
  if (description.includes("Low ")) notes.push(LOW_PERCENTILE_EXPLANATION);
  if (description.includes("island areas")) notes.push(ISLAND_AREAS_EXPLANATION);
  return notes.join(" ");
}

const KIND_FORMAT: Record<TileFieldKind, string> = {
  text: "string",
  float: "float",
  int: "int64",
  bool: "bool",
  flag: "bool",
};

/** The codebook's columns, in order (artifacts.md §3.6). */
export const CODEBOOK_COLUMNS = [
  "csv_label",
  "excel_label",
  "shapefile_label",
  "Description",
  "csv_field_type",
  "calculation_notes",
  "threshold_category",
  "notes",
] as const;

/**
 * The one codebook of a version (artifacts.md §3.6): the download columns in download order,
 * then the shapefile fields that are not download columns, in shapefile order. It is written
 * once and copied byte for byte into every zip.
 */
export function codebookTable(version: MethodologyVersion): TableColumn[] {
  const shp = shapefileFields(version);
  const shpBySource = new Map(shp.map((f) => [f.source, f]));
  const rows: string[][] = [];
  const used = new Set<string>();
  for (const f of downloadFields(version)) {
    const s = shpBySource.get(f.score);
    if (s) used.add(s.name);
    rows.push([
      f.label,
      f.label,
      s?.name ?? "",
      f.score,
      fieldType(f.score, f.format),
      calculationNotes(f.score),
      "",
      "",
    ]);
  }
  for (const s of shp) {
    if (used.has(s.name)) continue;
    rows.push([
      "",
      "",
      s.name,
      s.source,
      fieldType(s.source, KIND_FORMAT[s.kind]),
      calculationNotes(s.source),
      "",
      "",
    ]);
  }
  return CODEBOOK_COLUMNS.map((name, c) => ({
    name,
    kind: "text" as const,
    values: rows.map((r) => (r[c] === "" ? null : (r[c] ?? null))),
  }));
}
