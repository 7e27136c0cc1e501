import type { CsvTable } from "../../io/csv-table.ts";
import { parseRawCsv } from "../support/columns.ts";
import { type SimpleTableSpec, transformSimpleTable } from "../support/simple-table.ts";
import { locateRawFiles } from "../support/source-files.ts";
import type { DatasetAdapter } from "../types.ts";

/** Tracts smaller than this many acres are flagged; the score does not use the flag (methodology §6.3). */
export const TRACT_ACRES_LOWER_BOUND = 35;

const COLUMNS = [
  "GEOID10_TRACT",
  "Does the tract have at least 35 acres in it?",
  "Share of the tract's land area that is covered by impervious surface as a percent",
  "Share of the tract's land area that is covered by impervious surface or cropland as a percent",
  "Share of the tract's land area that is covered by cropland as a percent",
] as const;

const SPEC: SimpleTableSpec = {
  dataset: "nlcd_nature_deprived",
  geoid: { field: "GEOID10_TRACT", zfill: false },
  columns: [
    {
      name: COLUMNS[1],
      derive: (f) => ({
        kind: "bool",
        values: f("TractAcres").values.map((v) => v !== null && v >= TRACT_ACRES_LOWER_BOUND),
      }),
    },
    { name: COLUMNS[2], from: "PctImperv" },
    {
      name: COLUMNS[3],
      // An integer column stays integer through `100 - x`, as in pandas.
      derive: (f) => {
        const natural = f("PctNatural");
        return {
          kind: natural.int ? "int" : "float",
          values: natural.values.map((v) => (v === null ? null : 100 - v)),
        };
      },
    },
    { name: COLUMNS[4], from: "PctCrops" },
  ],
};

/** NLCD land cover as compiled by TPL (contiguous US): impervious, non-natural and cropland shares. */
export const nlcdNatureDeprived: DatasetAdapter<CsvTable> = {
  id: "nlcd_nature_deprived",
  title: "NLCD via TPL: nature-deprived land cover shares",
  outputs: ["dataset/nlcd_nature_deprived/usa.csv"],
  columns: COLUMNS,
  sourceHint: "usa_conus_nat_dep__compiled_by_TPL.csv.zip (or the CSV inside it, or a folder holding either)",
  async extract(ctx) {
    const [file] = await locateRawFiles(ctx.sources, [
      {
        member: "usa_conus_nat_dep__compiled_by_TPL.csv",
        archives: ["usa_conus_nat_dep__compiled_by_TPL.csv.zip"],
      },
    ]);
    return parseRawCsv(file!);
  },
  transform: (table) => transformSimpleTable(SPEC, [table]),
};
