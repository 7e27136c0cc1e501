import { InputMissingError, InputSchemaError } from "@cejst/schema";
import { csvLine } from "../../io/atomic-write.ts";
import { missingNameError } from "../support/missing-name.ts";
import { decodeText, locateRawFiles, type RawFile } from "../support/source-files.ts";
import type { DatasetAdapter } from "../types.ts";

/** One census place as the search index needs it; numbers kept as the gazetteer spells them. */
export interface CensusPlace {
  geoid: string;
  name: string;
  usps: string;
  lat: string;
  lon: string;
  aland: string;
}

/** Columns of `census/csv/places.csv`. */
export const CENSUS_PLACES_COLUMNS = ["GEOID", "NAME", "state", "INTPTLAT", "INTPTLONG", "ALAND"] as const;

/** The names the 2010 national places gazetteer is published under (the zip holds the `.txt`). */
const NAMES = [
  { member: "Gaz_places_national.txt", archives: ["Gaz_places_national.zip"] },
  { member: "2010_Gaz_place_national.txt", archives: ["2010_Gaz_place_national.zip"] },
] as const;

const REQUIRED = ["USPS", "GEOID", "NAME", "ALAND", "INTPTLAT", "INTPTLONG"] as const;
const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

async function locate(sources: readonly string[]): Promise<RawFile> {
  let first: unknown;
  for (const spec of NAMES) {
    try {
      const [f] = await locateRawFiles(sources, [spec]);
      return f as RawFile;
    } catch (e) {
      if (!(e instanceof InputMissingError)) throw e;
      first ??= e;
    }
  }
  throw first;
}

/**
 * Parses the gazetteer's tab-separated text. Cells and header names are trimmed: the
 * published file pads the last column (`INTPTLONG`, header included) with trailing blanks,
 * and latitudes carry a leading blank where the sign would be.
 */
export function parseGazetteerPlaces(file: string, text: string): CensusPlace[] {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === "") lines.pop();
  const header = (lines[0] ?? "").split("\t").map((h) => h.trim());
  const col = Object.fromEntries(
    REQUIRED.map((name) => {
      const i = header.indexOf(name);
      if (i === -1) throw missingNameError({ file, line: 1 }, name, header);
      return [name, i];
    }),
  ) as Record<(typeof REQUIRED)[number], number>;
  const seen = new Map<string, number>();
  const places: CensusPlace[] = [];
  for (let r = 1; r < lines.length; r++) {
    const line = r + 1;
    const raw = lines[r] as string;
    if (raw.trim() === "") continue;
    const cells = raw.split("\t").map((c) => c.trim());
    if (cells.length !== header.length)
      throw new InputSchemaError(
        { file, line, field: header[Math.min(cells.length, header.length - 1)] ?? "" },
        `row has ${cells.length} tab-separated cells, the header ${header.length} (truncated row?)`,
      );
    const cell = (name: (typeof REQUIRED)[number]) => cells[col[name]] as string;
    const geoid = cell("GEOID");
    if (!/^\d{7}$/.test(geoid))
      throw new InputSchemaError(
        { file, line, field: "GEOID" },
        `place GEOID must be 7 digits, state and place FIPS (got ${JSON.stringify(geoid)})`,
      );
    const previous = seen.get(geoid);
    if (previous !== undefined)
      throw new InputSchemaError(
        { file, line, field: "GEOID" },
        `place ${geoid} is repeated (first on line ${previous})`,
      );
    seen.set(geoid, line);
    for (const name of ["INTPTLAT", "INTPTLONG"] as const)
      if (!DECIMAL.test(cell(name)))
        throw new InputSchemaError(
          { file, line, field: name },
          `is not a number (got ${JSON.stringify(cell(name))})`,
        );
    if (!/^\d+$/.test(cell("ALAND")))
      throw new InputSchemaError(
        { file, line, field: "ALAND" },
        `land area must be whole square metres (got ${JSON.stringify(cell("ALAND"))})`,
      );
    const lat = Number(cell("INTPTLAT"));
    const lon = Number(cell("INTPTLONG"));
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180)
      throw new InputSchemaError(
        { file, line, field: Math.abs(lat) > 90 ? "INTPTLAT" : "INTPTLONG" },
        `internal point is outside the globe (got ${lat}, ${lon})`,
      );
    if (cell("NAME") === "")
      throw new InputSchemaError({ file, line, field: "NAME" }, `place ${geoid} has no name (got "")`);
    places.push({
      geoid,
      name: cell("NAME"),
      usps: cell("USPS"),
      lat: cell("INTPTLAT").replace(/^\+/, ""),
      lon: cell("INTPTLONG").replace(/^\+/, ""),
      aland: cell("ALAND").replace(/^0+(?=\d)/, ""),
    });
  }
  return places;
}

/** `census/csv/places.csv`: one row per place, ascending by GEOID. */
function transform(places: CensusPlace[]): ReturnType<DatasetAdapter["transform"]> {
  const rows = [...places].sort((a, b) => (a.geoid < b.geoid ? -1 : a.geoid > b.geoid ? 1 : 0));
  const lines = [
    csvLine(CENSUS_PLACES_COLUMNS),
    ...rows.map((p) => csvLine([p.geoid, p.name, p.usps, p.lat, p.lon, p.aland])),
  ];
  return [{ path: "census/csv/places.csv", data: `${lines.join("\n")}\n` }];
}

/** Census places (cities, towns, CDPs) from the 2010 Gazetteer, for the search index. */
export const censusPlaces: DatasetAdapter<CensusPlace[]> = {
  id: "census_places",
  title: "Census 2010 Gazetteer places: names and internal points for search",
  outputs: ["census/csv/places.csv"],
  columns: CENSUS_PLACES_COLUMNS,
  sourceHint:
    "Gaz_places_national.zip (or the Gaz_places_national.txt / 2010_Gaz_place_national.txt inside it, tab-separated, Latin-1)",
  async extract(ctx) {
    const file = await locate(ctx.sources);
    const places = parseGazetteerPlaces(file.name, decodeText(file, "latin1"));
    ctx.progress({ stage: "extract", done: places.length, total: places.length, unit: "places" });
    return places;
  },
  transform,
};
