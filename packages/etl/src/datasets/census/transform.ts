import { InputSchemaError } from "@cejst/schema";
import type { OutputFile } from "../types.ts";
import type { TigerTract } from "./extract.ts";

/**
 * The tract list (`census/csv/us.csv`: no header, one GEOID per line, sorted) and the tract
 * polygons (`census/geojson/us.json`) with the three properties the score reads. A tract
 * that occurs twice (two archives of one state) is an error.
 */
export function transformCensus(tracts: readonly TigerTract[]): OutputFile[] {
  const sorted = [...tracts].sort((a, b) => (a.geoid < b.geoid ? -1 : a.geoid > b.geoid ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as TigerTract;
    const b = sorted[i] as TigerTract;
    if (a.geoid === b.geoid)
      throw new InputSchemaError(
        { file: b.file, line: b.record, field: "GEOID10" },
        `record ${b.record}: duplicate tract ${b.geoid} (also ${a.file} record ${a.record})`,
      );
  }
  const csv = sorted.map((t) => `${t.geoid}\n`).join("");
  // One feature per line keeps the file diffable and lets readers stream it.
  const geojson = ['{"type":"FeatureCollection","features":[\n'];
  sorted.forEach((t, i) => {
    const props = JSON.stringify({ GEOID10: t.geoid, ALAND10: t.aland, AWATER10: t.awater });
    geojson.push(
      `{"type":"Feature","properties":${props},"geometry":${t.geometry}}${i + 1 < sorted.length ? "," : ""}\n`,
    );
  });
  geojson.push("]}\n");
  return [
    { path: "census/csv/us.csv", data: csv },
    { path: "census/geojson/us.json", data: geojson },
  ];
}
