import { basename } from "node:path";
import { InputMissingError, InputSchemaError } from "@cejst/schema";
import type { CsvTable } from "../../io/csv-table.ts";
import { numericColumn, parseRawCsv, stringColumn } from "../support/columns.ts";
import { type FrameColumn, formatFrame } from "../support/frame.ts";
import { parseJsonText } from "../support/json.ts";
import { missingNameError } from "../support/missing-name.ts";
import { decodeText, locateRawFiles, type RawFile } from "../support/source-files.ts";
import type { DatasetAdapter } from "../types.ts";

const GEOCORR = "geocorr2014_all_states_tracts_only.csv";
const PR_TRACTS = "PR_census_tracts.csv";
const MSA_KEY = "metropolitan statistical area/micropolitan statistical area";
const MSA_INCOME = "Median household income in the past 12 months (MSA; 2019 inflation-adjusted dollars)";
const STATE_INCOME = "Median household income (State; 2019 inflation-adjusted dollars)";

const COLUMNS = [
  "GEOID10_TRACT",
  "Census Place Name",
  "County Name",
  "State Abbreviation",
  "Metropolitan/Micropolitan Statistical Area Name",
  "MSA ID",
  "MSA Type",
  MSA_INCOME,
  "GEOID2",
  STATE_INCOME,
  "AMI Reference",
  "Area Median Income (State or metropolitan)",
] as const;

/** One geocorr row per tract (after de-duplication), PR tracts, and the two income lookups (values kept as the API's text). */
export interface MedianIncomeRaw {
  tracts: {
    geoid: string;
    place: string | null;
    county: string | null;
    state: string | null;
    msaName: string | null;
    msaId: string | null;
    msaType: string | null;
  }[];
  msaIncome: Map<string, string | null>;
  stateIncome: Map<string, string | null>;
}

/**
 * geocorr lists a tract once per census place it overlaps; the tract keeps the named place
 * with the largest population (named places first), as the original's sort does.
 */
function readGeocorr(table: CsvTable): MedianIncomeRaw["tracts"] {
  // The second line of a geocorr export holds column descriptions.
  const rows = table.rows.slice(1);
  const body: CsvTable = { ...table, rows, lines: table.lines.slice(1) };
  const text = (name: string) => stringColumn(body, name);
  const [county, tract, place, cname, stab, cbsa, cbsaName, cbsaType] = [
    "county",
    "tract",
    "placenm",
    "cntyname",
    "stab",
    "cbsa10",
    "cbsaname10",
    "cbsatype10",
  ].map(text) as [string[], string[], string[], string[], string[], string[], string[], string[]];
  const pop = numericColumn(body, "pop10").values;
  const entries = rows.map((_, i) => {
    const geoid = `${county[i]}${(tract[i] as string).replaceAll(".", "")}`;
    if (!/^\d{11}$/.test(geoid))
      throw new InputSchemaError(
        {
          file: table.file,
          line: body.lines[i],
          field: /^\d{5}$/.test(county[i] as string) ? "tract" : "county",
        },
        `county and tract must form an 11-digit GEOID (got ${JSON.stringify(geoid)})`,
      );
    const p = pop[i] ?? Number.NaN;
    return { i, geoid, rank: (place[i] as string).trim() !== "" ? 100000 + p : p };
  });
  // Highest rank first; NaN population sorts last, as pandas puts missing values last.
  entries.sort(
    (a, b) => (Number.isNaN(a.rank) ? 1 : 0) - (Number.isNaN(b.rank) ? 1 : 0) || b.rank - a.rank || 0,
  );
  const seen = new Set<string>();
  const kept = entries.filter((e) => {
    if (seen.has(e.geoid)) return false;
    seen.add(e.geoid);
    return true;
  });
  kept.sort((a, b) => (a.geoid < b.geoid ? -1 : a.geoid > b.geoid ? 1 : 0));
  const orNull = (s: string) => (s === "" ? null : s);
  return kept.map(({ i, geoid }) => ({
    geoid,
    place: orNull(place[i] as string),
    county: orNull(cname[i] as string),
    state: orNull(stab[i] as string),
    msaName: orNull(cbsaName[i] as string),
    msaId: orNull(cbsa[i] as string),
    msaType: orNull(cbsaType[i] as string),
  }));
}

/** A Census API response as a key → `B19013_001E` text map (the original keeps the text). */
function readIncomeLookup(
  file: RawFile,
  key: string,
  header: string[],
  data: unknown[][],
): Map<string, string | null> {
  const k = header.indexOf(key);
  const v = header.indexOf("B19013_001E");
  if (v === -1) throw missingNameError({ file: file.name, line: 1 }, "B19013_001E", header);
  const out = new Map<string, string | null>();
  data.slice(1).forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== header.length)
      throw new InputSchemaError(
        { file: file.name, line: r + 2 },
        "row does not have as many values as the header",
      );
    const value = row[v];
    if (value !== null && !(typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)))
      throw new InputSchemaError(
        { file: file.name, line: r + 2, field: "B19013_001E" },
        `value is not a number (got ${JSON.stringify(value)})`,
      );
    out.set(String(row[k]), value as string | null);
  });
  return out;
}

/** Area median income per tract (methodology.md §4.2): MSA median for Metro tracts, else the state's. */
function transform(raw: MedianIncomeRaw): ReturnType<DatasetAdapter["transform"]> {
  const rows = [...raw.tracts];
  // The original's final outer join on the state code orders rows by state; within a state the
  // tracts stay sorted, so the whole table is sorted by GEOID.
  rows.sort((a, b) => (a.geoid < b.geoid ? -1 : a.geoid > b.geoid ? 1 : 0));
  const msaIncome = rows.map((t) => (t.msaId === null ? null : (raw.msaIncome.get(t.msaId) ?? null)));
  const stateCode = rows.map((t) => t.geoid.slice(0, 2));
  const stateIncome = stateCode.map((s) => raw.stateIncome.get(s) ?? null);
  const reference = rows.map((t) => (t.msaType === "Metro" ? "MSA" : "State"));
  const col = (name: string, values: (string | null)[]): FrameColumn => ({ name, kind: "string", values });
  const columns: FrameColumn[] = [
    col(
      COLUMNS[0],
      rows.map((t) => t.geoid),
    ),
    col(
      COLUMNS[1],
      rows.map((t) => t.place),
    ),
    col(
      COLUMNS[2],
      rows.map((t) => t.county),
    ),
    col(
      COLUMNS[3],
      rows.map((t) => t.state),
    ),
    col(
      COLUMNS[4],
      rows.map((t) => t.msaName),
    ),
    col(
      COLUMNS[5],
      rows.map((t) => t.msaId),
    ),
    col(
      COLUMNS[6],
      rows.map((t) => t.msaType),
    ),
    col(COLUMNS[7], msaIncome),
    col(COLUMNS[8], stateCode),
    col(COLUMNS[9], stateIncome),
    col(COLUMNS[10], reference),
    col(
      COLUMNS[11],
      reference.map((r, i) => (r === "MSA" ? msaIncome[i] : stateIncome[i]) ?? null),
    ),
  ];
  return [{ path: "dataset/census_acs_median_income_2019/usa.csv", data: formatFrame(columns) }];
}

/** ACS 2019 area median income per tract, from geocorr's tract→CBSA file, MSA and state medians. */
export const censusAcsMedianIncome: DatasetAdapter<MedianIncomeRaw> = {
  id: "census_acs_median_income",
  title: "ACS 2019 area median income per tract (metro MSA median, else state; PR from its tract list)",
  outputs: ["dataset/census_acs_median_income_2019/usa.csv"],
  columns: COLUMNS,
  sourceHint: `"${GEOCORR}" (or .zip), "${PR_TRACTS}", and the Census API responses for B19013_001E by MSA and by state (.json)`,
  async extract(ctx) {
    const jsonPaths = ctx.sources.filter((s) => s.toLowerCase().endsWith(".json"));
    const rest = ctx.sources.filter((s) => !s.toLowerCase().endsWith(".json"));
    const [geocorr, pr] = await locateRawFiles(rest, [
      { member: GEOCORR, archives: [`${GEOCORR}.zip`] },
      { member: PR_TRACTS, archives: [] },
    ]);
    const tracts = readGeocorr(parseRawCsv(geocorr!, "utf8"));
    const prTable = parseRawCsv(pr!, "utf8");
    const prIds = stringColumn(prTable, "GEOID10_TRACT");
    prIds.forEach((g, i) => {
      if (!/^72\d{9}$/.test(g))
        throw new InputSchemaError(
          { file: prTable.file, line: prTable.lines[i], field: "GEOID10_TRACT" },
          `is not an 11-digit Puerto Rico tract GEOID (got ${JSON.stringify(g)})`,
        );
    });
    const known = new Set(tracts.map((t) => t.geoid));
    for (const g of prIds)
      if (!known.has(g)) {
        known.add(g);
        tracts.push({
          geoid: g,
          place: null,
          county: null,
          state: "PR",
          msaName: null,
          msaId: null,
          msaType: null,
        });
      }
    let msaIncome: Map<string, string | null> | undefined;
    let stateIncome: Map<string, string | null> | undefined;
    for (const p of jsonPaths) {
      const [file] = await locateRawFiles([p], [{ member: basename(p), archives: [] }]);
      const data = parseJsonText(decodeText(file!, "utf8"), file!.name);
      if (!Array.isArray(data) || !Array.isArray(data[0]))
        throw new InputSchemaError(
          { file: file!.name, line: 1 },
          "is not a Census API response (array of rows)",
        );
      const header = (data[0] as unknown[]).map(String);
      if (header.includes(MSA_KEY)) msaIncome = readIncomeLookup(file!, MSA_KEY, header, data as unknown[][]);
      else if (header.includes("state") && !header.includes("county"))
        stateIncome = readIncomeLookup(file!, "state", header, data as unknown[][]);
      else
        throw new InputSchemaError(
          { file: file!.name, line: 1 },
          `is neither the MSA nor the state median income response (no "${MSA_KEY}" or "state" column)`,
        );
    }
    if (msaIncome === undefined || stateIncome === undefined)
      throw new InputMissingError(
        ctx.sources.join(", "),
        `must include the Census API responses for B19013_001E by ${msaIncome === undefined ? "MSA" : "state"} (.json)`,
      );
    ctx.progress({ stage: "extract", done: tracts.length, unit: "tracts", detail: "geocorr + PR" });
    return { tracts, msaIncome, stateIncome };
  },
  transform,
};
