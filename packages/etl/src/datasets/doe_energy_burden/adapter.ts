import type { CsvTable } from "../../io/csv-table.ts";
import { parseRawCsv } from "../support/columns.ts";
import { type SimpleTableSpec, transformSimpleTable } from "../support/simple-table.ts";
import { locateRawFiles } from "../support/source-files.ts";
import type { DatasetAdapter } from "../types.ts";

const SPEC: SimpleTableSpec = {
  dataset: "doe_energy_burden",
  // LEAD stores tract ids as numbers, so states 01–09 lost their leading zero.
  geoid: { field: "FIP", zfill: true },
  columns: [{ name: "Energy burden", from: "BURDEN" }],
};

/** DOE Low-Income Energy Affordability Data (LEAD) 2018, tracts: `BURDEN` as `Energy burden`. */
export const doeEnergyBurden: DatasetAdapter<CsvTable> = {
  id: "doe_energy_burden",
  title: "DOE LEAD 2018: energy burden",
  outputs: ["dataset/doe_energy_burden/usa.csv"],
  columns: ["GEOID10_TRACT", "Energy burden"],
  sourceHint: "DOE_LEAD_AMI_TRACT_2018_ALL.csv.zip (or the CSV inside it, or a folder holding either)",
  async extract(ctx) {
    const [file] = await locateRawFiles(ctx.sources, [
      { member: "DOE_LEAD_AMI_TRACT_2018_ALL.csv", archives: ["DOE_LEAD_AMI_TRACT_2018_ALL.csv.zip"] },
    ]);
    return parseRawCsv(file!);
  },
  transform: (table) => transformSimpleTable(SPEC, [table]),
};
