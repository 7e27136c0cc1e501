import type { CsvTable } from "../../io/csv-table.ts";
import { checkTractIds, numericColumn, rowSum, stringColumn } from "../support/columns.ts";
import { type FrameColumn, formatFrame, type NumericColumn } from "../support/frame.ts";
import type { OutputFile } from "../types.ts";
import type { HudHousingRaw } from "./extract.ts";

export const HUD_COLUMNS = [
  "GEOID10_TRACT",
  "HOUSING_BURDEN_NUMERATOR",
  "HOUSING_BURDEN_DENOMINATOR",
  "Housing burden (percent)",
  "Share of homes with no kitchen or indoor plumbing (percent)",
  "DENOM INCL NOT COMPUTED",
] as const;

/** Owner- then renter-occupied households under 80% HAMFI paying more than 30% or 50% of income. */
const BURDENED = ["T8_est7", "T8_est10", "T8_est20", "T8_est23", "T8_est33", "T8_est36"];
const BURDENED_RENTERS = ["T8_est73", "T8_est76", "T8_est86", "T8_est89", "T8_est99", "T8_est102"];
/** Households whose cost burden was not computed (no or negative income), owners then renters. */
const NOT_COMPUTED = ["T8_est13", "T8_est26", "T8_est39", "T8_est52", "T8_est65"];
const NOT_COMPUTED_RENTERS = ["T8_est79", "T8_est92", "T8_est105", "T8_est118", "T8_est131"];

/** `14000US06027000800` → `06027000800`: everything up to and including the first `US` goes. */
const tractOf = (geoid: string) => geoid.replace(/^.*?US/, "");

interface Side {
  table: CsvTable;
  ids: string[];
  rowOf: Map<string, number>;
}

function side(table: CsvTable): Side {
  const ids = stringColumn(table, "geoid").map(tractOf);
  checkTractIds(ids, { file: table.file, field: "geoid", lines: table.lines });
  return { table, ids, rowOf: new Map(ids.map((id, i) => [id, i])) };
}

/** A column re-indexed onto the joined rows; a row missing on this side makes it float, as pandas does. */
function joined(s: Side, name: string, keys: readonly string[]): NumericColumn {
  const col = numericColumn(s.table, name);
  const values = keys.map((k) => {
    const r = s.rowOf.get(k);
    return r === undefined ? null : (col.values[r] ?? null);
  });
  return { values, int: col.int && keys.every((k) => s.rowOf.has(k)) };
}

/**
 * Housing burden and the plumbing share from CHAS: the two tables are outer joined on the
 * tract (rows sorted by tract, as pandas' outer merge does), sums skip missing values and
 * integer columns stay integers unless the join leaves holes.
 */
export function transformHudHousing(raw: HudHousingRaw): OutputFile[] {
  const t8 = side(raw.table8);
  const t3 = side(raw.table3);
  const keys = [...new Set([...t8.ids, ...t3.ids])].sort();
  const cols = (s: Side, names: string[]) => names.map((n) => joined(s, n, keys));
  const burdened = [...cols(t8, BURDENED), ...cols(t8, BURDENED_RENTERS)];
  const notComputed = [...cols(t8, NOT_COMPUTED), ...cols(t8, NOT_COMPUTED_RENTERS)];
  const [owners, renters] = cols(t8, ["T8_est2", "T8_est68"]) as [NumericColumn, NumericColumn];
  const [t3Owners, t3NoPlumbing, t3Renters, t3RentersNoPlumbing] = cols(t3, [
    "T3_est2",
    "T3_est3",
    "T3_est45",
    "T3_est46",
  ]) as [NumericColumn, NumericColumn, NumericColumn, NumericColumn];

  const add = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
  const n = keys.length;
  const numerator = Array.from({ length: n }, (_, i) => rowSum(burdened, i));
  const households = keys.map((_, i) => add(owners.values[i] ?? null, renters.values[i] ?? null));
  const denominator = households.map((h, i) =>
    h === null ? null : h - rowSum(notComputed.slice(0, 5), i) - rowSum(notComputed.slice(5), i),
  );
  const ratio = (a: (number | null)[], b: (number | null)[]) =>
    a.map((x, i) => {
      const d = b[i] ?? null;
      return x === null || d === null ? null : x / d;
    });
  const noPlumbing = keys.map((_, i) =>
    add(t3NoPlumbing.values[i] ?? null, t3RentersNoPlumbing.values[i] ?? null),
  );
  const t3Households = keys.map((_, i) => add(t3Owners.values[i] ?? null, t3Renters.values[i] ?? null));
  const allInt = (cs: NumericColumn[]) => cs.every((c) => c.int);
  const intOrFloat = (name: string, values: (number | null)[], int: boolean): FrameColumn =>
    int ? { name, kind: "int", values } : { name, kind: "float", values };

  const columns: FrameColumn[] = [
    { name: HUD_COLUMNS[0], kind: "string", values: keys },
    intOrFloat(HUD_COLUMNS[1], numerator, allInt(burdened)),
    intOrFloat(HUD_COLUMNS[2], denominator, allInt([owners, renters, ...notComputed])),
    { name: HUD_COLUMNS[3], kind: "float", values: ratio(numerator, denominator) },
    { name: HUD_COLUMNS[4], kind: "float", values: ratio(noPlumbing, t3Households) },
    intOrFloat(HUD_COLUMNS[5], households, allInt([owners, renters])),
  ];
  return [{ path: "dataset/hud_housing/usa.csv", data: formatFrame(columns) }];
}
