import { InputSchemaError } from "@cejst/schema";
import type { CsvTable } from "../../io/csv-table.ts";
import type { ExtractContext, OutputFile } from "../types.ts";
import { checkTractIds, numericColumn, parseRawCsv, stringColumn } from "./columns.ts";
import { type FrameColumn, formatFrame, type NumericColumn } from "./frame.ts";
import { locateRawFiles } from "./source-files.ts";

/** First Street's tract files count at most this few properties when computing shares. */
export const PROPERTY_COUNT_FLOOR = 250;

/** How one First Street hazard file maps onto the output table. */
export interface FirstStreetSpec {
  dataset: "fsf_flood_risk" | "fsf_wildfire_risk";
  member: string;
  archive: string;
  /** Raw columns: at risk today, at risk in 30 years. */
  today: string;
  in30: string;
  /** Output columns after GEOID10_TRACT, in order: floored count, today, 30 years, share today, share 30 years. */
  columns: readonly [string, string, string, string, string];
}

/** Reads the hazard's tract CSV from First Street's archive (or the CSV itself). */
export async function extractFirstStreet(spec: FirstStreetSpec, ctx: ExtractContext): Promise<CsvTable> {
  const [file] = await locateRawFiles(ctx.sources, [{ member: spec.member, archives: [spec.archive] }]);
  ctx.progress({ stage: "extract", done: 1, total: 1, unit: "files", detail: file!.name });
  return parseRawCsv(file!);
}

/**
 * Shares of properties at risk: counts over `max(count_properties, 250)`. The files were
 * written with GEOIDs as numbers, so 10-digit ids get their leading zero back (`zfill(11)`);
 * ids of any other length are refused. Rows keep file order.
 */
export function transformFirstStreet(spec: FirstStreetSpec, table: CsvTable): OutputFile[] {
  const geoidCol = table.header.indexOf("GEOID");
  const raw = stringColumn(table, "GEOID");
  raw.forEach((id, r) => {
    if (!/^\d{10,11}$/.test(id))
      throw new InputSchemaError(
        { file: table.file, line: table.lines[r], field: table.header[geoidCol] },
        `tract GEOID must be 10 or 11 digits (got ${JSON.stringify(id)})`,
      );
  });
  const ids = raw.map((id) => id.padStart(11, "0"));
  checkTractIds(ids, { file: table.file, field: "GEOID", lines: table.lines });
  const count = numericColumn(table, "count_properties");
  const today = numericColumn(table, spec.today);
  const in30 = numericColumn(table, spec.in30);
  const floored = count.values.map((v) => (v === null ? null : Math.max(v, PROPERTY_COUNT_FLOOR)));
  const share = (c: NumericColumn) =>
    c.values.map((v, i) => {
      const d = floored[i] ?? null;
      return v === null || d === null ? null : v / d;
    });
  const numeric = (name: string, values: (number | null)[], int: boolean): FrameColumn =>
    int ? { name, kind: "int", values } : { name, kind: "float", values };
  const [cFloor, cToday, c30, sToday, s30] = spec.columns;
  const columns: FrameColumn[] = [
    { name: "GEOID10_TRACT", kind: "string", values: ids },
    numeric(cFloor, floored, count.int),
    numeric(cToday, today.values, today.int),
    numeric(c30, in30.values, in30.int),
    { name: sToday, kind: "float", values: share(today) },
    { name: s30, kind: "float", values: share(in30) },
  ];
  return [{ path: `dataset/${spec.dataset}/usa.csv`, data: formatFrame(columns) }];
}
