import { InputSchemaError } from "@cejst/schema";
import type { Feature, Geometry } from "geojson";
import { type FrameColumn, formatFrame } from "../support/frame.ts";
import { parseJsonText } from "../support/json.ts";
import { missingNameError } from "../support/missing-name.ts";
import { checkLonLat, tractIndexFor } from "../support/point-sources.ts";
import { decodeText, locateRawFiles } from "../support/source-files.ts";
import type { TractIndex } from "../support/tract-index.ts";
import type { DatasetAdapter } from "../types.ts";

const COLUMNS = [
  "GEOID10_TRACT",
  "Count of eligible Formerly Used Defense Site (FUDS) properties centroids",
  "Count of ineligible Formerly Used Defense Site (FUDS) properties centroids",
  "Is there at least one Formerly Used Defense Site (FUDS) in the tract?",
] as const;

/** The FUDS property points and the tract polygons to place them in. */
export interface FudsRaw {
  file: string;
  features: Feature<Geometry | null>[];
  tracts: TractIndex;
}

/**
 * Per tract with at least one FUDS point: how many are eligible with projects
 * (`ELIGIBILITY == "Eligible"` and `HASPROJECTS == "Yes"`), how many are not, and whether
 * any is; rows sorted by tract (pandas `groupby`). Points without coordinates are skipped.
 */
function transform(raw: FudsRaw): ReturnType<DatasetAdapter["transform"]> {
  const counts = new Map<string, [number, number]>();
  raw.features.forEach((f, i) => {
    const p = f?.properties ?? {};
    for (const field of ["ELIGIBILITY", "HASPROJECTS"])
      if (!(field in p))
        throw missingNameError({ file: raw.file, line: i + 1 }, field, Object.keys(p), "property");
    const g = f?.geometry;
    if (!g) return;
    if (g.type !== "Point")
      throw new InputSchemaError(
        { file: raw.file, line: i + 1, field: "geometry" },
        `feature ${i + 1} is not a point (got ${g.type})`,
      );
    const eligible = p.ELIGIBILITY === "Eligible" && p.HASPROJECTS === "Yes";
    const c = g.coordinates as unknown;
    if (!Array.isArray(c) || c.length < 2)
      throw new InputSchemaError(
        { file: raw.file, line: i + 1, field: "coordinates" },
        `feature ${i + 1}: a point needs [longitude, latitude] (got ${JSON.stringify(c)})`,
      );
    const [x, y] = c as unknown[];
    if (typeof x !== "number" || typeof y !== "number")
      throw new InputSchemaError(
        { file: raw.file, line: i + 1, field: "coordinates" },
        `feature ${i + 1}: coordinates are not numbers (got ${JSON.stringify(c)})`,
      );
    checkLonLat(x, y, { file: raw.file, line: i + 1, lonField: "coordinates", latField: "coordinates" });
    for (const tract of raw.tracts.tractsAt(x, y)) {
      const c = counts.get(tract) ?? [0, 0];
      c[eligible ? 0 : 1]++;
      counts.set(tract, c);
    }
  });
  const ids = [...counts.keys()].sort();
  const eligible = ids.map((g) => counts.get(g)?.[0] ?? 0);
  const columns: FrameColumn[] = [
    { name: COLUMNS[0], kind: "string", values: ids },
    { name: COLUMNS[1], kind: "int", values: eligible },
    { name: COLUMNS[2], kind: "int", values: ids.map((g) => counts.get(g)?.[1] ?? 0) },
    { name: COLUMNS[3], kind: "bool", values: eligible.map((n) => n > 0) },
  ];
  return [{ path: "dataset/us_army_fuds/usa.csv", data: formatFrame(columns) }];
}

/** US Army Corps of Engineers Formerly Used Defense Sites, joined to 2010 tracts. */
export const usArmyFuds: DatasetAdapter<FudsRaw> = {
  id: "us_army_fuds",
  title: "US Army FUDS: formerly used defense sites per tract (needs census/geojson/us.json)",
  outputs: ["dataset/us_army_fuds/usa.csv"],
  columns: COLUMNS,
  sourceHint: "fuds.geojson (the FUDS property points); tract polygons as for eamlis",
  async extract(ctx) {
    const { index, rest } = await tractIndexFor(ctx);
    const [file] = await locateRawFiles(rest, [{ member: "fuds.geojson", archives: ["fuds.zip"] }]);
    const doc = parseJsonText(decodeText(file!, "utf8"), file!.name, "GeoJSON") as {
      type?: unknown;
      features?: unknown;
    } | null;
    if (doc?.type !== "FeatureCollection" || !Array.isArray(doc.features))
      throw new InputSchemaError(
        { file: file!.name, line: 1, field: "type" },
        `is not a GeoJSON FeatureCollection (got type ${JSON.stringify(doc?.type ?? null)}${Array.isArray(doc?.features) ? "" : ", no features array"})`,
      );
    const features = doc.features as Feature<Geometry | null>[];
    return { file: file!.name, features, tracts: index };
  },
  transform,
};
