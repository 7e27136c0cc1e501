/// <reference path="./shapefile.d.ts" />
import { readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { InputMissingError, InputSchemaError } from "@cejst/schema";
import type { Feature, Geometry } from "geojson";
import { read as readShapefile } from "shapefile";
import { readBytes } from "../../io/read-bytes.ts";
import { checkDbfLayout, readDbf } from "../support/dbf.ts";
import { missingNameError } from "../support/missing-name.ts";
import { unzipMembers } from "../support/source-files.ts";
import type { ExtractContext } from "../types.ts";

/** One tract as read from a TIGER/Line 2010 shapefile. */
export interface TigerTract {
  geoid: string;
  aland: number;
  awater: number;
  /** The polygon as GeoJSON text: kept as a string, national geometry fits in memory. */
  geometry: string;
  /** For errors: the archive member and record number the tract came from. */
  file: string;
  record: number;
}

const TIGER_ZIP = /^tl_2010_(\d{2})_tract10\.zip$/;

/** The tract archives named by `--source`: zips themselves, or folders holding `tl_2010_<FIPS>_tract10.zip`. */
async function listArchives(sources: readonly string[]): Promise<string[]> {
  const zips: string[] = [];
  for (const s of sources) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(s);
    } catch (e) {
      throw new InputMissingError(s, "does not exist", { cause: e });
    }
    if (!info.isDirectory()) {
      zips.push(s);
      continue;
    }
    const names = (await readdir(s)).filter((n) => TIGER_ZIP.test(n)).sort();
    if (names.length === 0)
      throw new InputMissingError(s, "holds no TIGER/Line 2010 tract archive (tl_2010_<FIPS>_tract10.zip)");
    zips.push(...names.map((n) => join(s, n)));
  }
  return zips;
}

/**
 * Reads every tract of the TIGER/Line 2010 tract archives: `GEOID10`, `ALAND10`, `AWATER10`
 * and the polygon, in the lon/lat the files store.
 */
export async function extractCensus(ctx: ExtractContext): Promise<TigerTract[]> {
  const zips = await listArchives(ctx.sources);
  const tracts: TigerTract[] = [];
  for (const [i, zip] of zips.entries()) {
    let bytes: Uint8Array;
    try {
      bytes = await readBytes(zip);
    } catch (e) {
      throw new InputMissingError(zip, "cannot be read", { cause: e });
    }
    const members = unzipMembers(zip, bytes, (m) => m.endsWith(".shp") || m.endsWith(".dbf"));
    const shp = members.find((m) => m.name.endsWith(".shp"));
    const dbf = members.find((m) => m.name.endsWith(".dbf"));
    if (!shp || !dbf)
      throw new InputSchemaError(
        { file: zip },
        `must hold a .shp and a .dbf (got ${members.map((m) => basename(m.name)).join(", ") || "neither"})`,
      );
    // The shapefile reader trusts the .dbf header; a cut or inconsistent one would shift records.
    checkDbfLayout(dbf);
    let features: Feature<Geometry | null, Record<string, unknown>>[];
    try {
      features = (await readShapefile(shp.bytes, dbf.bytes)).features;
    } catch (e) {
      throw new InputSchemaError(
        { file: shp.name },
        `is not a readable shapefile (${(e as Error).message})`,
        { cause: e },
      );
    }
    try {
      for (const [r, f] of features.entries()) tracts.push(tractOf(f, dbf.name, r + 1));
    } catch (e) {
      // The shapefile reader turns a numeric cell it cannot parse into null; the strict reader
      // names the text that was there.
      readDbf(dbf);
      throw e;
    }
    ctx.progress({ stage: "extract", done: i + 1, total: zips.length, unit: "files", detail: zip });
  }
  return tracts;
}

function tractOf(
  f: Feature<Geometry | null, Record<string, unknown>>,
  file: string,
  record: number,
): TigerTract {
  const p = f.properties ?? {};
  const field = (name: string) => {
    if (!(name in p)) throw missingNameError({ file, line: record }, name, Object.keys(p), "field");
    return p[name];
  };
  const geoid = field("GEOID10");
  const number = (name: string) => {
    const v = field(name);
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new InputSchemaError(
        { file, line: record, field: name },
        `record ${record}: value is not a number (got ${JSON.stringify(v)})`,
      );
    return v;
  };
  if (typeof geoid !== "string" || !/^\d{11}$/.test(geoid))
    throw new InputSchemaError(
      { file, line: record, field: "GEOID10" },
      `record ${record}: tract GEOID must be 11 digits (got ${JSON.stringify(geoid)})`,
    );
  if (!f.geometry || (f.geometry.type !== "Polygon" && f.geometry.type !== "MultiPolygon"))
    throw new InputSchemaError(
      { file, line: record, field: "geometry" },
      `record ${record}: tract ${geoid} has no polygon (got ${f.geometry?.type ?? "null"})`,
    );
  return {
    geoid,
    aland: number("ALAND10"),
    awater: number("AWATER10"),
    geometry: JSON.stringify(f.geometry),
    file,
    record,
  };
}
