import { InputSchemaError } from "@cejst/schema";
import { checkTractIds } from "../support/columns.ts";
import { type DbfTable, readDbf, requireDbfField } from "../support/dbf.ts";
import { type FrameColumn, formatFrame } from "../support/frame.ts";
import { locateRawFiles } from "../support/source-files.ts";
import type { DatasetAdapter } from "../types.ts";

/** The attribute table of DOT's disadvantage layer: one record per tract. */
export type TravelRaw = DbfTable;

const MEMBER = "DOT_Disadvantage_Layer_Final_April2022.dbf";
const COLUMNS = ["GEOID10_TRACT", "DOT Travel Barriers Score"] as const;

async function extract(ctx: { sources: readonly string[] }): Promise<TravelRaw> {
  const [file] = await locateRawFiles(ctx.sources, [
    { member: MEMBER, archives: ["Shapefile_and_Metadata.zip"] },
  ]);
  return readDbf(file!);
}

/**
 * `Transp_TH` (the average of the four transportation percentiles) per tract from `FIPS`;
 * records without a tract id are dropped, as the original's `dropna` does. Lines in errors
 * are record numbers.
 */
function transform(raw: TravelRaw): ReturnType<DatasetAdapter["transform"]> {
  requireDbfField(raw, "FIPS");
  requireDbfField(raw, "Transp_TH");
  const ids: string[] = [];
  const lines: number[] = [];
  const scores: (number | null)[] = [];
  raw.records.forEach((rec, i) => {
    const line = raw.recordNumbers[i];
    const id = rec.FIPS;
    if (id === null || id === undefined) return;
    const score = rec.Transp_TH ?? null;
    if (score !== null && typeof score !== "number")
      throw new InputSchemaError(
        { file: raw.file, line, field: "Transp_TH" },
        `record ${line}: value is not a number (got ${JSON.stringify(score)})`,
      );
    ids.push(String(id));
    lines.push(line ?? i + 1);
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
