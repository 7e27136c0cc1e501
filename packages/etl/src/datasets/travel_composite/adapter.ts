/// <reference path="../census/shapefile.d.ts" />
import { InputSchemaError } from "@cejst/schema";
import { openDbf } from "shapefile";
import { checkTractIds } from "../support/columns.ts";
import { type FrameColumn, formatFrame } from "../support/frame.ts";
import { locateRawFiles } from "../support/source-files.ts";
import type { DatasetAdapter } from "../types.ts";

/** The attribute table of DOT's disadvantage layer: one record per tract. */
export interface TravelRaw {
  file: string;
  fields: string[];
  records: Record<string, unknown>[];
}

const MEMBER = "DOT_Disadvantage_Layer_Final_April2022.dbf";
const COLUMNS = ["GEOID10_TRACT", "DOT Travel Barriers Score"] as const;

async function extract(ctx: { sources: readonly string[] }): Promise<TravelRaw> {
  const [file] = await locateRawFiles(ctx.sources, [
    { member: MEMBER, archives: ["Shapefile_and_Metadata.zip"] },
  ]);
  const records: Record<string, unknown>[] = [];
  try {
    const table = await openDbf(file!.bytes);
    for (let r = await table.read(); !r.done && r.value; r = await table.read()) records.push(r.value);
  } catch (e) {
    throw new InputSchemaError(
      { file: file!.name },
      `is not a readable dBASE table (${(e as Error).message})`,
      {
        cause: e,
      },
    );
  }
  return { file: file!.name, fields: Object.keys(records[0] ?? {}), records };
}

/**
 * `Transp_TH` (the average of the four transportation percentiles) per tract from `FIPS`;
 * records without a tract id are dropped, as the original's `dropna` does. Lines in errors
 * are record numbers.
 */
function transform(raw: TravelRaw): ReturnType<DatasetAdapter["transform"]> {
  for (const f of ["FIPS", "Transp_TH"])
    if (raw.records.length > 0 && !raw.fields.includes(f))
      throw new InputSchemaError({ file: raw.file, line: 1, field: f }, "required field is missing");
  const ids: string[] = [];
  const lines: number[] = [];
  const scores: (number | null)[] = [];
  raw.records.forEach((rec, i) => {
    const id = rec.FIPS;
    if (id === null || id === undefined) return;
    const score = rec.Transp_TH;
    if (score !== null && typeof score !== "number")
      throw new InputSchemaError(
        { file: raw.file, line: i + 1, field: "Transp_TH" },
        `value is not a number (got ${JSON.stringify(score)})`,
      );
    ids.push(String(id));
    lines.push(i + 1);
    scores.push(score);
  });
  checkTractIds(ids, { file: raw.file, field: "FIPS", lines });
  const columns: FrameColumn[] = [
    { name: COLUMNS[0], kind: "string", values: ids },
    { name: COLUMNS[1], kind: "float", values: scores },
  ];
  return [{ path: "dataset/travel_composite/usa.csv", data: formatFrame(columns) }];
}

/** DOT transportation disadvantage layer (April 2022): the travel barriers score. */
export const travelComposite: DatasetAdapter<TravelRaw> = {
  id: "travel_composite",
  title: "DOT transportation disadvantage: travel barriers score",
  outputs: ["dataset/travel_composite/usa.csv"],
  columns: COLUMNS,
  sourceHint: `Shapefile_and_Metadata.zip (or ${MEMBER}, or a folder holding either)`,
  extract,
  transform,
};
