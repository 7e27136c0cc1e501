import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import type { TableColumn } from "./score-table.ts";

/** The four nullable booleans that the compatibility GeoJSON, tiles and shapefile write as "1"/"0". */
export const FLAG_CODES: ReadonlySet<string> = new Set(["HRS_ET", "FUDS_RAW", "IMP_FLG", "SN_T"]);

/**
 * The properties of a tract in `usa-high.json` (artifacts.md §2.3): `GEOID10`, then the tile
 * columns other than `GTF` with their published values; the four flag columns as `"1"`/`"0"`;
 * missing values as `null`.
 */
export function highGeojsonProperties(
  tile: readonly TableColumn[],
  row: number,
  geoid: string,
): Record<string, unknown> {
  const props: Record<string, unknown> = { GEOID10: geoid };
  for (const col of tile) {
    if (col.name === "GTF") continue;
    const v = col.values[row] ?? null;
    if (typeof v === "number" && !Number.isFinite(v)) props[col.name] = null;
    else if (FLAG_CODES.has(col.name) && typeof v === "boolean") props[col.name] = v ? "1" : "0";
    else props[col.name] = v;
  }
  return props;
}

/** A feature already printed as JSON, written as it is. */
class FeatureText {
  readonly json: string;
  constructor(json: string) {
    this.json = json;
  }
}

/**
 * Streams `data/score/geojson/usa-high.json`: one feature per tile-table row, in order, with
 * `geometry: null` for tracts that are not drawn.
 */
export async function writeHighGeojson(
  path: string,
  tile: readonly TableColumn[],
  geoids: readonly string[],
  geometryOf: (geoid: string) => unknown,
): Promise<void> {
  const columns = tile.filter((c) => c.name !== "GTF");
  const names = ["GEOID10", ...columns.map((c) => c.name)];
  // Array-index names or repeated names would print in another order than spliced here.
  const spliceable = new Set(names).size === names.length && !names.some((n) => /^(0|[1-9]\d*)$/.test(n));
  const keys = columns.map((c) => `,${JSON.stringify(c.name)}:`);
  const flags = columns.map((c) => FLAG_CODES.has(c.name));
  const values = columns.map((c) => c.values);
  // The feature's JSON text as JSON.stringify prints the feature object of
  // highGeojsonProperties, with each key printed once for all features.
  const featureJson = (i: number, g: string): string => {
    let out = `{"type":"Feature","properties":{"GEOID10":${JSON.stringify(g)}`;
    for (let k = 0; k < keys.length; k++) {
      const v = (values[k] as TableColumn["values"])[i] ?? null;
      let text: string;
      if (v === null) text = "null";
      else if (typeof v === "number") text = Number.isFinite(v) ? String(v) : "null";
      else if (typeof v === "boolean") text = flags[k] ? (v ? '"1"' : '"0"') : v ? "true" : "false";
      else text = JSON.stringify(v);
      out += `${keys[k]}${text}`;
    }
    return `${out}},"geometry":${JSON.stringify(geometryOf(g) ?? null)}}`;
  };
  function* features() {
    for (let i = 0; i < geoids.length; i++) {
      const g = geoids[i] as string;
      if (spliceable) yield new FeatureText(featureJson(i, g));
      else
        yield {
          type: "Feature",
          properties: highGeojsonProperties(tile, i, g),
          geometry: geometryOf(g) ?? null,
        };
    }
  }
  await writeGeojsonFeatures(path, features());
}

/** Streams a FeatureCollection, one feature at a time, and renames it into place when complete. */
export async function writeGeojsonFeatures(path: string, features: Iterable<unknown>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const out = createWriteStream(tmp);
  try {
    let chunk = '{"type":"FeatureCollection","features":[';
    let first = true;
    for (const f of features) {
      chunk += `${first ? "" : ","}${f instanceof FeatureText ? f.json : JSON.stringify(f)}`;
      first = false;
      if (chunk.length > 1 << 20) {
        if (!out.write(chunk)) await once(out, "drain");
        chunk = "";
      }
    }
    out.end(`${chunk}]}`);
    await once(out, "finish");
    await rename(tmp, path);
  } catch (e) {
    out.destroy();
    await rm(tmp, { force: true });
    throw e;
  }
}
