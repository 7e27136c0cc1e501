import { InputSchemaError } from "@cejst/schema";
import type { CsvTable } from "../../io/csv-table.ts";
import { numericColumn } from "../support/columns.ts";
import { type FrameColumn, formatFrame } from "../support/frame.ts";
import { checkLonLat, parseTsvText, tractIndexFor } from "../support/point-sources.ts";
import { decodeText, locateRawFiles } from "../support/source-files.ts";
import type { TractIndex } from "../support/tract-index.ts";
import type { DatasetAdapter } from "../types.ts";

const MEMBER = "eAMLIS export of all data.tsv";
const COLUMNS = ["GEOID10_TRACT", "Is there at least one abandoned mine in this census tract?"] as const;

/** The eAMLIS export and the tract polygons to place its points in. */
export interface EamlisRaw {
  table: CsvTable;
  tracts: TractIndex;
}

/**
 * Abandoned mine land points (WGS84 `Longitude`/`Latitude`): points at the same location
 * count once (the last is kept), each is joined to every tract it intersects (a point on a
 * shared boundary marks both), and each such tract is flagged true once, in the order the
 * points come. Tracts without a mine are absent (null in the score).
 */
function transform(raw: EamlisRaw): ReturnType<DatasetAdapter["transform"]> {
  const lon = numericColumn(raw.table, "Longitude").values;
  const lat = numericColumn(raw.table, "Latitude").values;
  const lastAt = new Map<string, number>();
  const where = { file: raw.table.file, lonField: "Longitude", latField: "Latitude" };
  lon.forEach((x, i) => {
    const y = lat[i] ?? null;
    const line = raw.table.lines[i];
    // A row without a location is skipped, as the original's spatial join drops it; half of one is an error.
    if ((x === null) !== (y === null))
      throw new InputSchemaError(
        { file: where.file, line, field: x === null ? "Longitude" : "Latitude" },
        `a point needs both coordinates (got longitude ${x}, latitude ${y})`,
      );
    if (x === null || y === null) return;
    checkLonLat(x, y, { ...where, line });
    lastAt.set(`${x},${y}`, i);
  });
  const kept = [...lastAt.values()].sort((a, b) => a - b);
  const seen = new Set<string>();
  const ids: string[] = [];
  for (const i of kept)
    for (const g of raw.tracts.tractsAt(lon[i] as number, lat[i] as number))
      if (!seen.has(g)) {
        seen.add(g);
        ids.push(g);
      }
  const columns: FrameColumn[] = [
    { name: COLUMNS[0], kind: "string", values: ids },
    { name: COLUMNS[1], kind: "bool", values: ids.map(() => true) },
  ];
  return [{ path: "dataset/eamlis/usa.csv", data: formatFrame(columns) }];
}

/** OSMRE eAMLIS abandoned mine lands, joined to 2010 tracts. */
export const eamlis: DatasetAdapter<EamlisRaw> = {
  id: "eamlis",
  title: "OSMRE eAMLIS: abandoned mine lands per tract (needs census/geojson/us.json)",
  outputs: ["dataset/eamlis/usa.csv"],
  columns: COLUMNS,
  sourceHint: `"${MEMBER}.zip" (or the TSV); tract polygons from <out>/census/geojson/us.json or a us.json --source`,
  async extract(ctx) {
    const { index, rest } = await tractIndexFor(ctx);
    const [file] = await locateRawFiles(rest, [{ member: MEMBER, archives: [`${MEMBER}.zip`] }]);
    return { table: parseTsvText(decodeText(file!, "utf8"), file!.name), tracts: index };
  },
  transform,
};
