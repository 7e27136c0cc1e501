import { basename, join } from "node:path";
import { InputSchemaError } from "@cejst/schema";
import { CsvError, parse } from "csv-parse/sync";
import type { CsvTable } from "../../io/csv-table.ts";
import type { ExtractContext } from "../types.ts";
import { loadTractIndex, type TractIndex } from "./tract-index.ts";

/**
 * Adapters that place points in tracts take the tract polygons from a `--source` named
 * `us.json`, or else from `<out>/census/geojson/us.json` written by `cejst etl census`.
 */
export async function tractIndexFor(ctx: ExtractContext): Promise<{ index: TractIndex; rest: string[] }> {
  const tractFile = ctx.sources.find((s) => basename(s) === "us.json");
  const index = await loadTractIndex(tractFile ?? join(ctx.out, "census/geojson/us.json"));
  ctx.progress({ stage: "extract", done: index.size, unit: "tracts", detail: "tract polygons" });
  return { index, rest: ctx.sources.filter((s) => s !== tractFile) };
}

/** Parses tab-separated text (quotes as pandas' `read_csv(sep="\t")` reads them) into a located table. */
export function parseTsvText(text: string, file: string): CsvTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, delimiter: "\t", info: true, skip_empty_lines: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
  } catch (e) {
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines;
      throw new InputSchemaError(
        { file, line },
        e.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH"
          ? "row has a different number of fields than the header (truncated or malformed file)"
          : e.message,
        { cause: e },
      );
    }
    throw e;
  }
  if (records.length === 0) throw new InputSchemaError({ file, line: 1 }, "file is empty (no header)");
  const body = records.slice(1);
  return {
    file,
    header: records[0]?.record ?? [],
    rows: body.map((r) => r.record),
    lines: body.map((r) => r.info.lines),
  };
}

/**
 * Refuses a longitude/latitude pair off the globe (a projected or swapped file would
 * otherwise join nothing, silently). `line` is the row, record or feature it came from.
 */
export function checkLonLat(
  lon: number,
  lat: number,
  where: { file: string; line: number | undefined; lonField: string; latField: string },
): void {
  const badLat = !(lat >= -90 && lat <= 90);
  if (badLat || !(lon >= -180 && lon <= 180))
    throw new InputSchemaError(
      { file: where.file, line: where.line, field: badLat ? where.latField : where.lonField },
      `coordinates are off the globe: longitude must be within ±180 and latitude within ±90 (got ${lon}, ${lat})`,
    );
}
