import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import {
  computeAdjustedLowIncomeV1,
  computeAdjustedLowIncomeV2,
  type NeighbourGraph,
} from "@cejst/methodology";
import { InputMissingError } from "@cejst/schema";
import { computeTouchingNeighbours } from "../../score/compute-touching-neighbours.ts";
import { parseTractPolygons } from "../../score/read-tract-polygons.ts";
import { type FrameColumn, formatFrame } from "../support/frame.ts";
import type { DatasetAdapter, ExtractContext } from "../types.ts";
import { locateCensusApiFiles, parseCensusApi, stackCensusApi } from "./census-api.ts";
import { imputeLocated } from "./impute-from-neighbours.ts";

const range = (table: string, from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, k) => `${table}_${String(from + k).padStart(3, "0")}E`);

const POVERTY = range("C17002", 1, 7);
const EDUCATION = range("B15003", 1, 16);
const LINGUISTIC = ["C16002_001E", "C16002_004E", "C16002_007E", "C16002_010E", "C16002_013E"];
const COLLEGE = ["B14004_001E", "B14004_003E", "B14004_008E", "B14004_019E", "B14004_024E"];
const STUDENTS = ["B14006_009E", "B14006_010E", "B14006_019E", "B14006_020E"];
const RACE = ["B02001_001E", ...range("B02001", 3, 8), "B03002_003E", "B03003_003E"];
const AGE_UNDER_10 = ["B01001_003E", "B01001_004E", "B01001_027E", "B01001_028E"];
const AGE_10_TO_64 = [...range("B01001", 5, 19), ...range("B01001", 29, 43)];
const AGE_OVER_64 = [...range("B01001", 20, 25), ...range("B01001", 44, 49)];

/** The ACS 2015–2019 variables read, as the Census API names them. */
export const ACS_VARIABLES: readonly string[] = [
  "B01001_001E",
  "B19013_001E",
  "B25077_001E",
  "B23025_003E",
  "B23025_005E",
  ...LINGUISTIC,
  ...POVERTY,
  ...EDUCATION,
  ...COLLEGE,
  ...STUDENTS,
  ...RACE,
  ...AGE_UNDER_10,
  ...AGE_10_TO_64,
  ...AGE_OVER_64,
];

/** Race columns: output name → Census variable, in output order. */
const RACE_OUTPUT: readonly (readonly [string, string])[] = [
  ["Black or African American", "B02001_003E"],
  ["American Indian / Alaska Native", "B02001_004E"],
  ["Asian", "B02001_005E"],
  ["Native Hawaiian or Pacific", "B02001_006E"],
  ["two or more races", "B02001_008E"],
  ["White", "B03002_003E"],
  ["Hispanic or Latino", "B03003_003E"],
  ["other races", "B02001_007E"],
];

const P200 = "Percent of individuals below 200% Federal Poverty Line";
const ADJ = "Percent of individuals below 200% Federal Poverty Line, imputed and adjusted";
const P200_IMPUTED = "Percent of individuals < 200% Federal Poverty Line, imputed";
const COLLEGE_RATE = "Percent enrollment in college or graduate school";
const ESTIMATED = "Income data has been estimated based on neighbor income";
const N200 = "Total population of individuals < 200% Federal Poverty Line";
const N100 = "Total population of individuals < 100% Federal Poverty Line";
const UOFF =
  "Population enrolled in an undergraduate, graduate, or professional program (excluding students living in university housing)";
const UPOV =
  "Population below poverty line enrolled in an undergraduate, graduate, or professional program (excluding students living in university housing)";

const HEAD = [
  "GEOID10_TRACT",
  "Total population",
  "Unemployment (percent)",
  "Linguistic isolation (percent)",
  "Median household income in the past 12 months",
  "Percent of individuals < 100% Federal Poverty Line",
  "Percent of individuals < 150% Federal Poverty Line",
  P200_IMPUTED,
];
const DEMOGRAPHICS = [
  ...RACE_OUTPUT.map(([n]) => n),
  ...RACE_OUTPUT.map(([n]) => `Percent ${n}`),
  "Percent age under 10",
  "Percent age 10 to 64",
  "Percent age over 64",
];

/** Output columns for methodology 2.0 (datasets.md). */
const COLUMNS_V2 = [
  ...HEAD,
  N200,
  `${N200}, imputed`,
  "Median value ($) of owner-occupied housing units",
  "Percent individuals age 25 or over with less than high school degree",
  ...STUDENTS,
  "Ratio <200% FPL to <100% FPL, overall",
  "Estimated population count of off-campus university students <200% FPL",
  "Estimated population count of people in a househould with income <200% FPL, excluding all university students",
  "Everyone in poverty dataset, minus all off-campus university students",
  COLLEGE_RATE,
  "Percent of population not currently enrolled in college or graduate school",
  `${COLLEGE_RATE}, imputed`,
  UOFF,
  `${UOFF}, imputed`,
  N100,
  `${N100}, imputed`,
  UPOV,
  `${UPOV}, imputed`,
  "C17002_001E",
  "Total population in poverty dataset (all income levels), imputed",
  ESTIMATED,
  ...DEMOGRAPHICS,
  P200,
  ADJ,
] as const;

/**
 * The 1.0 original's `COLUMNS_TO_KEEP`. The 1.0 output is a superset: it has the 2.0 layout
 * (the score reads the count columns for both versions), the student-adjustment columns empty.
 */
const COLUMNS_V1 = [
  ...HEAD,
  "Median value ($) of owner-occupied housing units",
  "Percent individuals age 25 or over with less than high school degree",
  COLLEGE_RATE,
  "Percent of population not currently enrolled in college or graduate school",
  `${COLLEGE_RATE}, imputed`,
  ESTIMATED,
  ...DEMOGRAPHICS,
  P200,
  ADJ,
] as const;

type Col = (number | null)[];

/** The ACS rows that have a tract polygon, in source order, with their touching neighbours. */
export interface CensusAcsRaw {
  version: "1.0" | "2.0";
  /** For errors: where each row came from. */
  files: string[];
  lines: number[];
  geoids: string[];
  values: Map<string, Col>;
  neighbours: NeighbourGraph;
}

/**
 * Reads tract polygons from a `us.json` `--source` or `<out>/census/geojson/us.json`, keeps
 * the rows that have one (the original inner-joins before anything else; `drop: false`
 * keeps every row) and computes the touching-neighbour graph among them.
 */
export async function joinTractPolygons(
  ctx: ExtractContext,
  geoids: readonly string[],
  drop = true,
): Promise<{ keep: number[]; neighbours: NeighbourGraph }> {
  const path = ctx.sources.find((s) => basename(s) === "us.json") ?? join(ctx.out, "census/geojson/us.json");
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new InputMissingError(
      path,
      "cannot be read (run `cejst etl census` first, or pass the tract GeoJSON as a --source)",
      { cause: e },
    );
  }
  const all = parseTractPolygons(bytes, path, new Map(geoids.map((g, i) => [g, i])));
  const rings = all.polygons.tractRingOffsets;
  const graph = computeTouchingNeighbours(all.polygons, ctx.progress);
  if (!drop) return { keep: geoids.map((_, i) => i), neighbours: graph };
  const keep = geoids.map((_, i) => i).filter((i) => (rings[i + 1] as number) > (rings[i] as number));
  // Renumber the graph onto the kept rows; a neighbour always has a polygon, so is kept.
  const newIndex = new Int32Array(geoids.length).fill(-1);
  keep.forEach((r, k) => {
    newIndex[r] = k;
  });
  const offsets = new Uint32Array(keep.length + 1);
  const indices: number[] = [];
  keep.forEach((r, k) => {
    for (let e = graph.offsets[r] as number; e < (graph.offsets[r + 1] as number); e++) {
      const j = newIndex[graph.indices[e] as number] as number;
      if (j >= 0) indices.push(j);
    }
    offsets[k + 1] = indices.length;
  });
  ctx.progress({
    stage: "extract",
    done: keep.length,
    total: geoids.length,
    unit: "tracts",
    detail: "joined to polygons",
  });
  return { keep, neighbours: { offsets, indices: Uint32Array.from(indices) } };
}

const add = (...xs: (number | null | undefined)[]): number | null => {
  let s = 0;
  for (const x of xs) {
    if (x === null || x === undefined) return null;
    s += x;
  }
  return s;
};
/** pandas `sum(axis=1)`: nulls skipped. */
const sumSkip = (...xs: (number | null | undefined)[]): number => {
  let s = 0;
  for (const x of xs) if (x !== null && x !== undefined) s += x;
  return s;
};
const div = (a: number | null, b: number | null | undefined): number | null => {
  if (a === null || b === null || b === undefined) return null;
  const q = a / b;
  return Number.isNaN(q) ? null : q;
};
const isInt = (c: Col) => c.every((v) => v !== null && Number.isInteger(v));
const num = (name: string, values: Col, forceFloat = false): FrameColumn => ({
  name,
  kind: !forceFloat && isInt(values) ? "int" : "float",
  values,
});

/**
 * ACS 2015–2019 tract indicators (methodology.md §4.1), neighbour imputation (§5.2) and the
 * adjusted low-income rate (§5.3) for the chosen methodology version.
 */
export function transformCensusAcs(raw: CensusAcsRaw): ReturnType<DatasetAdapter["transform"]> {
  const n = raw.geoids.length;
  const v = (name: string): Col => raw.values.get(name) as Col;
  const rows = Array.from({ length: n }, (_, i) => i);
  const at = (names: readonly string[], i: number) => names.map((x) => v(x)[i]);
  const sentinel = (c: Col): Col => c.map((x) => (x === -666666666 ? null : x));

  const population = v("B01001_001E");
  const unemployment = rows.map((i) => div(v("B23025_005E")[i] ?? null, v("B23025_003E")[i]));
  const linguistic = rows.map((i) => div(sumSkip(...at(LINGUISTIC.slice(1), i)), v("C16002_001E")[i]));
  const nTot = v("C17002_001E");
  const n100 = rows.map((i) => add(...at(POVERTY.slice(1, 3), i)));
  const n150 = rows.map((i) => add(...at(POVERTY.slice(1, 5), i)));
  const n200 = rows.map((i) => add(...at(POVERTY.slice(1, 7), i)));
  const p100 = rows.map((i) => div(n100[i] ?? null, nTot[i]));
  const p150 = rows.map((i) => div(n150[i] ?? null, nTot[i]));
  const p200 = rows.map((i) => div(n200[i] ?? null, nTot[i]));
  const highSchool = rows.map((i) => div(sumSkip(...at(EDUCATION.slice(1), i)), v("B15003_001E")[i]));
  const college = rows.map((i) => div(add(...at(COLLEGE.slice(1), i)), v("B14004_001E")[i]));
  const notCollege = college.map((x) => (x === null ? null : 1 - x));
  const [s9, s10, s19, s20] = STUDENTS.map(v) as [Col, Col, Col, Col];
  const uPov = rows.map((i) => add(s9[i], s10[i]));
  const uOff = rows.map((i) => add(s9[i], s10[i], s19[i], s20[i]));
  const undergrad = rows.map((i) => add(s9[i], s19[i]));

  // The 2.0 pairs; 1.0 imputes only the 200 % share and the college rate, so a tract is
  // imputed there when one of those two is missing (its other imputed columns come from the
  // 2.0 pairs, which the score reads for both versions).
  const pairs: Col[] = [p200, n200, s9, undergrad, uPov, uOff, college, nTot, n100];
  const impute = (cols: Col[]) =>
    imputeLocated({ geoids: raw.geoids, population, raw: cols, neighbours: raw.neighbours }, raw);
  const v2 = impute(pairs);
  const imputed: Col[] = v2.imputed;
  const anyImputed = v2.rows.length > 0;
  if (raw.version === "1.0") {
    const v1 = impute([p200, college]);
    imputed[0] = v1.imputed[0] as Col;
    imputed[6] = v1.imputed[1] as Col;
  }
  // pandas upcasts an int column to float as soon as one imputed mean is written into it.
  const imp = (name: string, p: number): FrameColumn => num(name, imputed[p] as Col, anyImputed);
  const filled = (p: number, i: number): number | null => pairs[p]?.[i] ?? imputed[p]?.[i] ?? null;

  const demographics: FrameColumn[] = [
    ...RACE_OUTPUT.map(([name, code]) => num(name, v(code))),
    ...RACE_OUTPUT.map(([name, code]) =>
      num(
        `Percent ${name}`,
        rows.map((i) => div(v(code)[i] ?? null, v("B02001_001E")[i])),
        true,
      ),
    ),
    ...(
      [
        ["Percent age under 10", AGE_UNDER_10],
        ["Percent age 10 to 64", AGE_10_TO_64],
        ["Percent age over 64", AGE_OVER_64],
      ] as const
    ).map(([name, cols]) =>
      num(
        name,
        rows.map((i) => div(sumSkip(...at(cols, i)), population[i])),
        true,
      ),
    ),
  ];
  const head: FrameColumn[] = [
    { name: "GEOID10_TRACT", kind: "string", values: raw.geoids },
    num("Total population", population),
    num("Unemployment (percent)", unemployment, true),
    num("Linguistic isolation (percent)", linguistic, true),
    num("Median household income in the past 12 months", sentinel(v("B19013_001E"))),
    num("Percent of individuals < 100% Federal Poverty Line", p100, true),
    num("Percent of individuals < 150% Federal Poverty Line", p150, true),
    num(P200_IMPUTED, imputed[0] as Col, true),
  ];
  const houseValue = num("Median value ($) of owner-occupied housing units", sentinel(v("B25077_001E")));
  const hs = num("Percent individuals age 25 or over with less than high school degree", highSchool, true);

  // The versions differ only in the adjusted rate and the 2.0 student-adjustment quantities.
  let adjusted: Col;
  let student: { ratio: Col; u200: Col; numerator: Col; denominator: Col };
  if (raw.version === "1.0") {
    adjusted = rows.map((i) => computeAdjustedLowIncomeV1(filled(0, i), filled(6, i)));
    const none = rows.map(() => null);
    student = { ratio: none, u200: none, numerator: none, denominator: none };
  } else {
    const counts = rows.map((i) => ({
      n200: filled(1, i),
      uPov: filled(4, i),
      uOff: filled(5, i),
      nTot: filled(7, i),
      n100: filled(8, i),
    }));
    const results = counts.map((c) => computeAdjustedLowIncomeV2(c));
    adjusted = results.map((r) => r.adjusted);
    const u200 = results.map((r) => r.u200);
    student = {
      ratio: counts.map((c) =>
        c.n200 === null || c.n100 === null ? null : Math.max(Math.max(c.n200, 1) / Math.max(c.n100, 1), 1),
      ),
      u200,
      numerator: counts.map((c, i) =>
        c.n200 === null || u200[i] === null ? null : Math.max(c.n200 - (u200[i] as number), 0),
      ),
      denominator: counts.map((c) =>
        c.nTot === null || c.uOff === null ? null : Math.max(c.nTot - c.uOff, 1),
      ),
    };
  }
  const estimated = rows.map((i) => adjusted[i] !== null && p200[i] === null);
  const columns: FrameColumn[] = [
    ...head,
    num(N200, n200),
    imp(`${N200}, imputed`, 1),
    houseValue,
    hs,
    ...STUDENTS.map((s) => num(s, v(s))),
    num("Ratio <200% FPL to <100% FPL, overall", student.ratio, true),
    num("Estimated population count of off-campus university students <200% FPL", student.u200, true),
    num(
      "Estimated population count of people in a househould with income <200% FPL, excluding all university students",
      student.numerator,
      true,
    ),
    num("Everyone in poverty dataset, minus all off-campus university students", student.denominator, true),
    num(COLLEGE_RATE, college, true),
    num("Percent of population not currently enrolled in college or graduate school", notCollege, true),
    num(`${COLLEGE_RATE}, imputed`, imputed[6] as Col, true),
    num(UOFF, uOff),
    imp(`${UOFF}, imputed`, 5),
    num(N100, n100),
    imp(`${N100}, imputed`, 8),
    num(UPOV, uPov),
    imp(`${UPOV}, imputed`, 4),
    num("C17002_001E", nTot),
    imp("Total population in poverty dataset (all income levels), imputed", 7),
    { name: ESTIMATED, kind: "bool", values: estimated },
    ...demographics,
    num(P200, p200, true),
    num(ADJ, adjusted, true),
  ];
  return [{ path: "dataset/census_acs/usa.csv", data: formatFrame(columns) }];
}

/** Census ACS 5-year 2015–2019 tract table, imputed and student-adjusted per methodology version. */
export const censusAcs: DatasetAdapter<CensusAcsRaw> = {
  id: "census_acs",
  title: "Census ACS 2015–2019 tract indicators, neighbour-imputed low income (needs census/geojson/us.json)",
  outputs: ["dataset/census_acs/usa.csv"],
  columns: COLUMNS_V2,
  sourceHint:
    "Census API responses (.json, one per state, or a folder of them); tract polygons from <out>/census/geojson/us.json or a us.json --source; --methodology 1.0|2.0",
  async extract(ctx) {
    const files = await locateCensusApiFiles(ctx.sources);
    const tables = files.map((f) => parseCensusApi(f, ACS_VARIABLES));
    const all = stackCensusApi(tables, ACS_VARIABLES);
    ctx.progress({ stage: "extract", done: all.geoids.length, unit: "tracts", detail: "ACS rows" });
    const { keep, neighbours } = await joinTractPolygons(ctx, all.geoids);
    const pick = <T>(xs: readonly T[]) => keep.map((i) => xs[i] as T);
    return {
      version: ctx.methodology ?? "2.0",
      files: pick(all.files),
      lines: pick(all.lines),
      geoids: pick(all.geoids),
      values: new Map([...all.values].map(([k, c]) => [k, pick(c)])),
      neighbours,
    };
  },
  transform: transformCensusAcs,
};

export { COLUMNS_V1 as CENSUS_ACS_COLUMNS_V1 };
