import {
  type CensusApiTable,
  locateCensusApiFiles,
  parseCensusApi,
  stackCensusApi,
} from "../census_acs/census-api.ts";
import { type FrameColumn, formatFrame } from "../support/frame.ts";
import type { DatasetAdapter } from "../types.ts";

const LABOR_FORCE = ["B23006_005E", "B23006_010E", "B23006_017E", "B23006_024E"];
const UNEMPLOYED = ["B23006_007E", "B23006_014E", "B23006_021E", "B23006_028E"];
const POVERTY = [
  "C17002_001E",
  "C17002_002E",
  "C17002_003E",
  "C17002_004E",
  "C17002_005E",
  "C17002_006E",
  "C17002_007E",
];
const VARIABLES = [...LABOR_FORCE, ...UNEMPLOYED, ...POVERTY];

const COLUMNS = [
  "GEOID10_TRACT",
  "Unemployment (percent) in 2010",
  "Percent of individuals less than 100% Federal Poverty Line in 2010",
  "Percent of individuals < 150% Federal Poverty Line in 2010",
  "Percent of individuals < 200% Federal Poverty Line in 2010",
] as const;

const add = (xs: readonly (number | null | undefined)[]): number | null => {
  let s = 0;
  for (const x of xs) {
    if (x === null || x === undefined) return null;
    s += x;
  }
  return s;
};
const div = (a: number | null, b: number | null): number | null => {
  if (a === null || b === null) return null;
  const q = a / b;
  return Number.isNaN(q) ? null : q;
};

/** ACS 2006–2010 shares (methodology.md §4.3), used only to rank the island areas. */
function transform(raw: CensusApiTable): ReturnType<DatasetAdapter["transform"]> {
  const v = (name: string) => raw.values.get(name) as (number | null)[];
  const rows = raw.geoids.map((_, i) => i);
  const at = (names: readonly string[], i: number) => names.map((n) => v(n)[i]);
  const total = v("C17002_001E");
  const share = (upTo: number) => rows.map((i) => div(add(at(POVERTY.slice(1, upTo), i)), total[i] ?? null));
  const columns: FrameColumn[] = [
    { name: COLUMNS[0], kind: "string", values: raw.geoids },
    {
      name: COLUMNS[1],
      kind: "float",
      values: rows.map((i) => div(add(at(UNEMPLOYED, i)), add(at(LABOR_FORCE, i)))),
    },
    { name: COLUMNS[2], kind: "float", values: share(3) },
    { name: COLUMNS[3], kind: "float", values: share(5) },
    { name: COLUMNS[4], kind: "float", values: share(7) },
  ];
  return [{ path: "dataset/census_acs_2010/usa.csv", data: formatFrame(columns) }];
}

/** Census ACS 5-year 2006–2010 unemployment and poverty shares for states and PR. */
export const censusAcs2010: DatasetAdapter<CensusApiTable> = {
  id: "census_acs_2010",
  title: "Census ACS 2006–2010 unemployment and poverty shares (ranks the island areas)",
  outputs: ["dataset/census_acs_2010/usa.csv"],
  columns: COLUMNS,
  sourceHint: "Census API responses (.json, one per state, or a folder of them)",
  async extract(ctx) {
    const files = await locateCensusApiFiles(ctx.sources);
    const all = stackCensusApi(
      files.map((f) => parseCensusApi(f, VARIABLES)),
      VARIABLES,
    );
    ctx.progress({ stage: "extract", done: all.geoids.length, unit: "tracts", detail: "ACS 2010 rows" });
    return all;
  },
  transform,
};
