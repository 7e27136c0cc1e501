import type { CsvTable } from "../../io/csv-table.ts";
import { checkTractIds, numericColumn, stringColumn } from "../support/columns.ts";
import { type FrameColumn, formatFrame } from "../support/frame.ts";
import type { OutputFile } from "../types.ts";

/** EJSCREEN field → output column, in output order. */
const RENAMES: readonly (readonly [string, string])[] = [
  ["CANCER", "Air toxics cancer risk"],
  ["RESP", "Respiratory hazard index"],
  ["DSLPM", "Diesel particulate matter exposure"],
  ["PM25", "PM2.5 in the air"],
  ["OZONE", "Ozone"],
  ["PTRAF", "Traffic proximity and volume"],
  ["PRMP", "Proximity to Risk Management Plan (RMP) facilities"],
  ["PTSDF", "Proximity to hazardous waste sites"],
  ["PNPL", "Proximity to NPL sites"],
  ["PWDIS", "Wastewater discharge"],
  ["LINGISOPCT", "Percent of households in linguistic isolation"],
  ["LOWINCPCT", "Poverty (Less than 200% of federal poverty line)"],
  ["OVER64PCT", "Individuals over 64 years old"],
  ["UNDER5PCT", "Individuals under 5 years old"],
  ["PRE1960PCT", "Percent pre-1960s housing (lead paint indicator)"],
  ["UST", "Leaky underground storage tanks"],
];

export const EJSCREEN_COLUMNS = ["GEOID10_TRACT", ...RENAMES.map(([, out]) => out)] as const;

/** Renames the indicators the score reads; `ID` is the tract, `None` a missing value; rows keep file order. */
export function transformEjscreen(table: CsvTable): OutputFile[] {
  const ids = stringColumn(table, "ID");
  checkTractIds(ids, { file: table.file, field: "ID", lines: table.lines });
  const columns: FrameColumn[] = [
    { name: EJSCREEN_COLUMNS[0], kind: "string", values: ids },
    ...RENAMES.map(([field, name]): FrameColumn => {
      const c = numericColumn(table, field);
      return c.int ? { name, kind: "int", values: c.values } : { name, kind: "float", values: c.values };
    }),
  ];
  return [{ path: "dataset/ejscreen/usa.csv", data: formatFrame(columns) }];
}
