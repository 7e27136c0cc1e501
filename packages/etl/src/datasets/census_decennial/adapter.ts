import type { NeighbourGraph } from "@cejst/methodology";
import { InputSchemaError } from "@cejst/schema";
import { joinTractPolygons } from "../census_acs/adapter.ts";
import {
  type CensusApiTable,
  locateCensusApiFiles,
  parseCensusApi,
  stackCensusApi,
} from "../census_acs/census-api.ts";
import { imputeLocated } from "../census_acs/impute-from-neighbours.ts";
import { type FrameColumn, formatFrame } from "../support/frame.ts";
import type { DatasetAdapter } from "../types.ts";

/** Common names for the variables the two vintages read; each territory maps them to its codes. */
const KEYS = [
  "pop",
  "hhTotal",
  "hh050",
  "hh074",
  "hh099",
  "hhOver200",
  "hsMale",
  "hsFemale",
  "hsTotal",
  "lfMale",
  "unMale",
  "lfFemale",
  "unFemale",
  "median",
  "collegeTotal",
  "collegeMale",
  "collegeFemale",
  "raceTotal",
  "black",
  "aian",
  "asian",
  "nhpi",
  "two",
  "white",
  "hispanic",
  "other",
] as const;
type Key = (typeof KEYS)[number];
type Xwalk = Partial<Record<Key, string>>;

const V2_COMMON: Xwalk = {
  pop: "P1_001N",
  hsMale: "PBG19_005N",
  hsFemale: "PBG19_012N",
  collegeTotal: "PCT31_001N",
  lfMale: "PBG32_003N",
  unMale: "PBG32_007N",
  lfFemale: "PBG32_010N",
  unFemale: "PBG32_014N",
  collegeMale: "PCT34_003N",
  collegeFemale: "PCT34_016N",
  median: "PBG43_001N",
  hhTotal: "PBG74_001N",
  hh050: "PBG74_002N",
  hh074: "PBG74_003N",
  hh099: "PBG74_004N",
  hhOver200: "PBG74_010N",
};

/** 2020 DHC-A race variables differ per territory. */
const V2_RACE: Record<string, Xwalk> = {
  "60": {
    raceTotal: "PCT9_001N",
    nhpi: "PCT9_003N",
    asian: "PCT9_079N",
    white: "PCT9_130N",
    black: "PCT9_155N",
    aian: "PCT9_180N",
    other: "PCT9_205N",
    two: "PCT9_230N",
    hispanic: "P5_002N",
  },
  "66": {
    raceTotal: "PCT10_001N",
    nhpi: "PCT10_003N",
    asian: "PCT10_204N",
    black: "PCT10_330N",
    aian: "PCT10_355N",
    other: "PCT10_380N",
    two: "PCT10_405N",
    white: "P5_026N",
    hispanic: "PCT9_003N",
  },
  "69": {
    raceTotal: "PCT9_001N",
    asian: "PCT9_003N",
    nhpi: "PCT9_129N",
    black: "PCT9_330N",
    aian: "PCT9_355N",
    other: "PCT9_380N",
    two: "PCT9_405N",
    hispanic: "P5_002N",
    white: "P5_024N",
  },
  "78": {
    raceTotal: "PCT7_001N",
    black: "PCT7_003N",
    asian: "PCT7_205N",
    aian: "PCT7_230N",
    nhpi: "PCT7_255N",
    other: "PCT7_280N",
    two: "PCT7_305N",
    white: "P5_021N",
    hispanic: "PCT6_003N",
  },
};

/** 2010 island summary files: AS, GU and MP share codes; VI numbers its tables differently. */
const V1: Record<"common" | "vi", Xwalk> = {
  common: {
    pop: "P001001",
    hhTotal: "PBG083001",
    hh050: "PBG083002",
    hh074: "PBG083003",
    hh099: "PBG083004",
    hhOver200: "PBG083010",
    hsTotal: "PBG026001",
    hsMale: "PBG026005",
    hsFemale: "PBG026012",
    lfMale: "PBG038003",
    unMale: "PBG038007",
    lfFemale: "PBG038010",
    unFemale: "PBG038014",
    median: "PBG049001",
  },
  vi: {
    pop: "P001001",
    hhTotal: "PBG077001",
    hh050: "PBG077002",
    hh074: "PBG077003",
    hh099: "PBG077004",
    hhOver200: "PBG077010",
    hsTotal: "PCT032001",
    hsMale: "PCT032011",
    hsFemale: "PCT032028",
    lfMale: "PBG036003",
    unMale: "PBG036007",
    lfFemale: "PBG036010",
    unFemale: "PBG036014",
    median: "PBG047001",
  },
};

const TERRITORY_MEDIAN: Record<"1.0" | "2.0", Record<string, number>> = {
  "2.0": { "60": 26352, "66": 58289, "69": 31362, "78": 40408 },
  "1.0": { "60": 23892, "66": 48274, "69": 19958, "78": 37254 },
};

function xwalkFor(version: "1.0" | "2.0", state: string, file: string): Xwalk {
  if (!(state in TERRITORY_MEDIAN["2.0"]))
    throw new InputSchemaError(
      { file, line: 2, field: "state" },
      `is not an island area (AS 60, GU 66, MP 69, VI 78) (got ${JSON.stringify(state)})`,
    );
  if (version === "1.0") return state === "78" ? V1.vi : V1.common;
  return { ...V2_COMMON, ...V2_RACE[state] };
}

const RACES: readonly (readonly [Key, string])[] = [
  ["black", "Black or African American"],
  ["aian", "American Indian / Alaska Native"],
  ["asian", "Asian"],
  ["nhpi", "Native Hawaiian or Pacific"],
  ["two", "two or more races"],
  ["white", "White"],
  ["hispanic", "Hispanic or Latino"],
  ["other", "other races"],
];

const P100 = "Percentage households below 100% of federal poverty line in 2009";
const P200 = "Percentage households below 200% of federal poverty line in 2009";
const HEAD = [
  "GEOID10_TRACT",
  "Total population in 2009",
  "Median household income in 2009 ($)",
  "Territory Median Income",
  "Median household income as a percent of territory median income in 2009",
  P100,
  P200,
] as const;
const RACE_COLUMNS = RACES.map(([, n]) => `Percent ${n} in 2009`);
const HS = "Percent individuals age 25 or over with less than high school degree in 2009";
const UNEMPLOYMENT = "Unemployment (percent) in 2009";
const COLUMNS_V2 = [
  ...HEAD,
  `${P200}, imputed`,
  `${P200}, adjusted and imputed`,
  UNEMPLOYMENT,
  HS,
  "Percent enrollment in college, graduate or professional school",
  "Percent of population not currently enrolled in college, graduate or professional school",
  "Population enrolled in college, graduate or professional school",
  "Income data has been estimated based on neighbor income in 2009 (island areas)",
  ...RACE_COLUMNS,
];

type Col = (number | null)[];

/** The island tracts, with common-named variables, and (2.0) their touching neighbours. */
export interface CensusDecennialRaw {
  version: "1.0" | "2.0";
  files: string[];
  lines: number[];
  geoids: string[];
  values: Map<Key, Col>;
  neighbours: NeighbourGraph | null;
}

const add = (...xs: (number | null | undefined)[]): number | null => {
  let s = 0;
  for (const x of xs) {
    if (x === null || x === undefined) return null;
    s += x;
  }
  return s;
};
const div = (a: number | null, b: number | null | undefined): number | null => {
  if (a === null || b === null || b === undefined) return null;
  const q = a / b;
  return Number.isNaN(q) ? null : q;
};
const num = (name: string, values: Col, forceFloat = false): FrameColumn => ({
  name,
  kind: !forceFloat && values.every((v) => v !== null && Number.isInteger(v)) ? "int" : "float",
  values,
});

/**
 * Island-area indicators from the decennial census (methodology.md §4.4): 2020 DHC-A for 2.0
 * (with the §5.5 neighbour-imputed 200 % share), the 2010 island files for 1.0.
 */
export function transformCensusDecennial(raw: CensusDecennialRaw): ReturnType<DatasetAdapter["transform"]> {
  const n = raw.geoids.length;
  const rows = Array.from({ length: n }, (_, i) => i);
  const v = (k: Key): Col => raw.values.get(k) ?? rows.map(() => null);
  const pop = v("pop");
  const medians = TERRITORY_MEDIAN[raw.version];
  const territory = raw.geoids.map((g, i) => {
    const m = medians[g.slice(0, 2)] ?? null;
    if (raw.version === "1.0") return m;
    const p = pop[i] ?? null;
    return p !== null && p > 0 ? m : null;
  });
  const median = v("median");
  const hhTotal = v("hhTotal");
  const p100 = rows.map((i) => div(add(v("hh050")[i], v("hh074")[i], v("hh099")[i]), hhTotal[i]));
  const p200 = rows.map((i) => {
    const t = hhTotal[i] ?? null;
    const over = v("hhOver200")[i] ?? null;
    return t === null || over === null ? null : div(t - over, t);
  });
  const hsDen = raw.version === "2.0" ? pop : v("hsTotal");
  const hs = rows.map((i) => div(add(v("hsMale")[i], v("hsFemale")[i]), hsDen[i]));
  const unemployment = rows.map((i) =>
    div(add(v("unMale")[i], v("unFemale")[i]), add(v("lfMale")[i], v("lfFemale")[i])),
  );
  const race = RACES.map(([k, name]) =>
    num(
      `Percent ${name} in 2009`,
      rows.map((i) => div(v(k)[i] ?? null, v("raceTotal")[i])),
      true,
    ),
  );
  const head: FrameColumn[] = [
    { name: "GEOID10_TRACT", kind: "string", values: raw.geoids },
    num("Total population in 2009", pop),
    num("Median household income in 2009 ($)", median),
    num("Territory Median Income", territory),
    num(
      "Median household income as a percent of territory median income in 2009",
      rows.map((i) => div(median[i] ?? null, territory[i])),
      true,
    ),
    num(P100, p100, true),
    num(P200, p200, true),
  ];
  if (raw.version === "1.0") {
    const columns = [...head, num(HS, hs, true), num(UNEMPLOYMENT, unemployment, true), ...race];
    return [{ path: "dataset/census_decennial_2010/usa.csv", data: formatFrame(columns) }];
  }
  const imputed = imputeLocated(
    {
      geoids: raw.geoids,
      population: pop,
      raw: [p200],
      neighbours: raw.neighbours ?? { offsets: new Uint32Array(n + 1), indices: new Uint32Array(0) },
    },
    raw,
  ).imputed[0] as Col;
  const adjusted = rows.map((i) => {
    const x = p200[i] ?? imputed[i] ?? null;
    return x === null ? null : Math.max(x, 0);
  });
  const enrolled = rows.map((i) => add(v("collegeMale")[i], v("collegeFemale")[i]));
  const college = rows.map((i) => div(enrolled[i] ?? null, v("collegeTotal")[i]));
  const columns: FrameColumn[] = [
    ...head,
    num(`${P200}, imputed`, imputed, true),
    num(`${P200}, adjusted and imputed`, adjusted, true),
    num(UNEMPLOYMENT, unemployment, true),
    num(HS, hs, true),
    num("Percent enrollment in college, graduate or professional school", college, true),
    num(
      "Percent of population not currently enrolled in college, graduate or professional school",
      college.map((c) => (c === null ? null : 1 - c)),
      true,
    ),
    num("Population enrolled in college, graduate or professional school", enrolled),
    {
      name: "Income data has been estimated based on neighbor income in 2009 (island areas)",
      kind: "bool",
      values: rows.map((i) => adjusted[i] !== null && p200[i] === null),
    },
    ...race,
  ];
  return [{ path: "dataset/census_decennial_2020/usa.csv", data: formatFrame(columns) }];
}

/** Renames a response's variables to the common keys and applies the vintage's missing-value rule. */
function normalise(table: CensusApiTable, xwalk: Xwalk, version: "1.0" | "2.0"): CensusApiTable {
  const values = new Map<string, Col>();
  for (const key of KEYS) {
    const code = xwalk[key];
    const col = code === undefined ? table.geoids.map(() => null) : (table.values.get(code) as Col);
    // 2.0: negative API sentinels (< -999) are missing; 1.0: the original treats every 0 as missing.
    values.set(
      key,
      col.map((x) => (x === null ? null : version === "2.0" ? (x < -999 ? null : x) : x === 0 ? null : x)),
    );
  }
  if (version === "2.0") {
    // The 2020 split of 2010 tract 69120950200: the empty half is dropped, the other renamed.
    const keep = table.geoids.map((_, i) => i).filter((i) => table.geoids[i] !== "69120950202");
    return {
      file: table.file,
      geoids: keep.map((i) =>
        table.geoids[i] === "69120950201" ? "69120950200" : (table.geoids[i] as string),
      ),
      lines: keep.map((i) => table.lines[i] as number),
      values: new Map([...values].map(([k, c]) => [k, keep.map((i) => c[i] ?? null)])),
    };
  }
  return { ...table, values };
}

/** Island areas' decennial census: 2020 (methodology 2.0) or 2010 (1.0) tract indicators. */
export const censusDecennial: DatasetAdapter<CensusDecennialRaw> = {
  id: "census_decennial",
  title: "Decennial census for AS, GU, MP, VI (2020 for --methodology 2.0, 2010 for 1.0)",
  outputs: ["dataset/census_decennial_2020/usa.csv", "dataset/census_decennial_2010/usa.csv"],
  columns: COLUMNS_V2,
  sourceHint:
    "Census API responses (.json, one per territory or county, or a folder of them); for 2.0 also tract polygons from <out>/census/geojson/us.json or a us.json --source",
  async extract(ctx) {
    const version = ctx.methodology ?? "2.0";
    const files = await locateCensusApiFiles(ctx.sources);
    const tables = files.map((f) => {
      const xwalk: { value: Xwalk } = { value: {} };
      const t = parseCensusApi(f, (state) => {
        xwalk.value = xwalkFor(version, state, f.name);
        return Object.values(xwalk.value);
      });
      t.geoids.forEach((g, i) => {
        if (!g.startsWith(t.geoids[0]?.slice(0, 2) ?? ""))
          throw new InputSchemaError(
            { file: t.file, line: t.lines[i], field: "state" },
            `mixes territories in one response (got ${g.slice(0, 2)})`,
          );
      });
      return normalise(t, xwalk.value, version);
    });
    const all = stackCensusApi(tables, KEYS);
    ctx.progress({ stage: "extract", done: all.geoids.length, unit: "tracts", detail: "island tracts" });
    const neighbours =
      version === "2.0" ? (await joinTractPolygons(ctx, all.geoids, false)).neighbours : null;
    return {
      version,
      files: all.files,
      lines: all.lines,
      geoids: all.geoids,
      values: all.values as Map<Key, Col>,
      neighbours,
    };
  },
  transform: transformCensusDecennial,
};
