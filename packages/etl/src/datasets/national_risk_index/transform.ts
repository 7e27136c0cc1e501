import { InputSchemaError } from "@cejst/schema";
import type { CsvTable } from "../../io/csv-table.ts";
import { checkTractIds, numericColumn, rowSum, stringColumn } from "../support/columns.ts";
import { type FrameColumn, formatFrame } from "../support/frame.ts";
import type { OutputFile } from "../types.ts";
import { nri10 } from "./nri10.ts";

/** Hazards linked to climate change, in the order the original sums them. */
const HAZARDS = [
  "AVLN",
  "CFLD",
  "CWAV",
  "DRGT",
  "HAIL",
  "HWAV",
  "HRCN",
  "ISTM",
  "LNDS",
  "RFLD",
  "SWND",
  "TRND",
  "WFIR",
  "WNTW",
];
/** FEMA publishes no agricultural loss for these hazards, and no building or population loss for drought. */
const NO_AGRICULTURE = new Set(["AVLN", "CFLD", "ISTM", "LNDS"]);
const NO_BUILDING_OR_POPULATION = new Set(["DRGT"]);
/** Roughly the 10th percentile of agricultural value among rural tracts; a hard-coded floor in the original. */
export const AGRIVALUE_LOWER_BOUND = 408000;

export const NRI_COLUMNS = [
  "GEOID10_TRACT",
  "FEMA Risk Index Expected Annual Loss Score",
  "Expected population loss rate (Natural Hazards Risk Index)",
  "Expected agricultural loss rate (Natural Hazards Risk Index)",
  "Expected building loss rate (Natural Hazards Risk Index)",
  "Contains agricultural value",
] as const;

/**
 * Loss rates per tract: the sum of the climate hazards' expected annual losses divided by
 * population, building value and agricultural value (floored at 408,000); every float
 * rounded to 10 decimals half to even and written with `%.10f`.
 */
export function transformNationalRiskIndex(table: CsvTable): OutputFile[] {
  const geoids = stringColumn(table, "TRACTFIPS");
  checkTractIds(geoids, { file: table.file, field: "TRACTFIPS", lines: table.lines });
  const eal = numericColumn(table, "EAL_SCORE");
  const population = numericColumn(table, "POPULATION");
  const buildings = numericColumn(table, "BUILDVALUE");
  const agrivalue = numericColumn(table, "AGRIVALUE");
  const sumOf = (suffix: string, skip: Set<string>) =>
    HAZARDS.filter((h) => !skip.has(h)).map((h) => numericColumn(table, `${h}_${suffix}`));
  const agriLoss = sumOf("EALA", NO_AGRICULTURE);
  const popLoss = sumOf("EALP", NO_BUILDING_OR_POPULATION);
  const buildLoss = sumOf("EALB", NO_BUILDING_OR_POPULATION);
  for (const h of NO_AGRICULTURE)
    if (table.header.includes(`${h}_EALA`))
      throw new InputSchemaError(
        { file: table.file, line: 1, field: `${h}_EALA` },
        "unexpected column: this NRI release has no agricultural loss for this hazard (a different table layout?)",
      );

  const n = table.rows.length;
  const rate = (num: (number | null)[], den: (number | null)[]) =>
    num.map((x, i) => {
      const d = den[i] ?? null;
      return x === null || d === null ? null : nri10(x / d);
    });
  const sums = (cols: typeof agriLoss) => Array.from({ length: n }, (_, i) => rowSum(cols, i));
  const agriFloor = agrivalue.values.map((v) => (v === null ? null : Math.max(v, AGRIVALUE_LOWER_BOUND)));
  const columns: FrameColumn[] = [
    { name: NRI_COLUMNS[0], kind: "string", values: geoids },
    eal.int
      ? { name: NRI_COLUMNS[1], kind: "int", values: eal.values }
      : {
          name: NRI_COLUMNS[1],
          kind: "float",
          values: eal.values.map((v) => (v === null ? null : nri10(v))),
        },
    { name: NRI_COLUMNS[2], kind: "float", values: rate(sums(popLoss), population.values) },
    { name: NRI_COLUMNS[3], kind: "float", values: rate(sums(agriLoss), agriFloor) },
    { name: NRI_COLUMNS[4], kind: "float", values: rate(sums(buildLoss), buildings.values) },
    { name: NRI_COLUMNS[5], kind: "bool", values: agrivalue.values.map((v) => v !== null && v > 0) },
  ];
  return [{ path: "dataset/national_risk_index/usa.csv", data: formatFrame(columns, "fixed10") }];
}
