import { InputSchemaError } from "@cejst/schema";
import type { CsvTable } from "../../io/csv-table.ts";
import { checkTractIds, numericColumn, requireColumn, stringColumn } from "../support/columns.ts";
import { type FrameColumn, formatFrame } from "../support/frame.ts";
import type { OutputFile } from "../types.ts";

/** Source measure → output column, in output order. Lack of insurance keeps its name. */
const MEASURES: readonly (readonly [string, string])[] = [
  [
    "Diagnosed diabetes among adults aged >=18 years",
    "Diagnosed diabetes among adults aged greater than or equal to 18 years",
  ],
  [
    "Current asthma among adults aged >=18 years",
    "Current asthma among adults aged greater than or equal to 18 years",
  ],
  [
    "Coronary heart disease among adults aged >=18 years",
    "Coronary heart disease among adults aged greater than or equal to 18 years",
  ],
  [
    "Cancer (excluding skin cancer) among adults aged >=18 years",
    "Cancer (excluding skin cancer) among adults aged greater than or equal to 18 years",
  ],
  [
    "Current lack of health insurance among adults aged 18-64 years",
    "Current lack of health insurance among adults aged 18-64 years",
  ],
  [
    "Physical health not good for >=14 days among adults aged >=18 years",
    "Physical health not good for greater than or equal to 14 days among adults aged greater than or equal to 18 years",
  ],
];

export const CDC_PLACES_COLUMNS = ["GEOID10_TRACT", ...MEASURES.map(([, out]) => out)] as const;

/**
 * Pivots the long file to one column per measure holding `Data_Value` (rows sorted by
 * tract, as `DataFrame.pivot` does). A tract listed twice for one measure is an error, as the
 * original's pivot refuses duplicate entries; so is a measure absent from the file.
 */
export function transformCdcPlaces(table: CsvTable): OutputFile[] {
  const ids = stringColumn(table, "LocationID");
  const measures = stringColumn(table, "Measure");
  const value = numericColumn(table, "Data_Value");
  const measureCol = requireColumn(table, "Measure");
  const cells = new Map<string, Map<string, number>>();
  const firstLine = new Map<string, number>();
  ids.forEach((id, r) => {
    let row = cells.get(id);
    if (!row) {
      row = new Map();
      cells.set(id, row);
      firstLine.set(id, r);
    }
    const m = measures[r] ?? "";
    if (row.has(m))
      throw new InputSchemaError(
        { file: table.file, line: table.lines[r], field: table.header[measureCol] },
        `tract ${id} has a second row for measure ${JSON.stringify(m)}`,
      );
    row.set(m, r);
  });
  const present = new Set(measures);
  for (const [m] of MEASURES)
    if (!present.has(m))
      throw new InputSchemaError(
        { file: table.file, field: "Measure" },
        `measure ${JSON.stringify(m)} does not occur in the file`,
      );
  const tracts = [...cells.keys()].sort();
  checkTractIds(tracts, {
    file: table.file,
    field: "LocationID",
    lines: tracts.map((t) => table.lines[firstLine.get(t) ?? -1]),
  });
  // pandas' pivot fills absent (tract, measure) pairs with NaN, which makes every column float.
  const complete = tracts.every((t) => [...present].every((m) => cells.get(t)?.has(m)));
  const int = value.int && complete;
  const columns: FrameColumn[] = [
    { name: CDC_PLACES_COLUMNS[0], kind: "string", values: tracts },
    ...MEASURES.map(([m, name]): FrameColumn => {
      const values = tracts.map((t) => {
        const r = cells.get(t)?.get(m);
        return r === undefined ? null : (value.values[r] ?? null);
      });
      return int ? { name, kind: "int", values } : { name, kind: "float", values };
    }),
  ];
  return [{ path: "dataset/cdc_places/usa.csv", data: formatFrame(columns) }];
}
