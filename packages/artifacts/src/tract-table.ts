import type { MethodologyVersion } from "@cejst/methodology";
import type { Cell, ScoreTable } from "./score-table.ts";
import { STATES } from "./states.ts";
import { isIslandArea, tileFields } from "./tile-field.ts";
import type { TractGeometry } from "./tract-geometry.ts";

/** Columns of a tract table shard, in order (artifacts.md §4.4). */
export const TRACT_TABLE_COLUMNS = [
  "geoid",
  "county",
  "population",
  "mapped",
  "identified",
  "grandfathered",
  "identifiedEarlier",
  "categoriesMet",
  "thresholdsMet",
  "lowIncomePercentile",
  "lowIncome",
  "tribalIdentified",
  "tribalShare",
  "alaskaTribalAreas",
  "climate",
  "energy",
  "health",
  "housing",
  "legacyPollution",
  "transportation",
  "water",
  "workforce",
] as const;

const FACTORS = ["N_CLT", "N_ENY", "N_HLTH", "N_HSG", "N_PLN", "N_TRN", "N_WTR", "N_WKFC"] as const;

/** `api/table/index.json`. */
export interface TractTableIndex {
  label: string;
  shards: { state: string; name: string; abbreviation: string; tracts: number; path: string }[];
}

/** `api/table/<SS>.json`. */
export interface TractTableShard {
  label: string;
  state: string;
  columns: readonly string[];
  rows: unknown[][];
}

/** `api/changes/<earlier>.json` (artifacts.md §4.5). */
export interface ChangeTotals {
  from: string;
  to: string;
  totals: {
    inBoth: number;
    keptByGrandfathering: number;
    added: number;
    removed: number;
    inNeither: number;
    notComparable: number;
  };
}

function sourceGetter(merged: ScoreTable, version: MethodologyVersion) {
  const byCode = new Map(tileFields(version).map((f) => [f.code, merged.byName.get(f.source)?.values]));
  return (code: string, i: number): Cell => byCode.get(code)?.[i] ?? null;
}

const num = (v: Cell) => (typeof v === "number" && Number.isFinite(v) ? v : null);
const bool = (v: Cell) => (typeof v === "boolean" ? v : null);

/**
 * The tract table for list views and counts (artifacts.md §4.4): one shard per state, rows
 * by tract id, full-precision numbers, and the index of shards.
 */
export function tractTable(
  label: string,
  version: MethodologyVersion,
  merged: ScoreTable,
  tracts: ReadonlyMap<string, TractGeometry>,
): { index: TractTableIndex; shards: TractTableShard[] } {
  const get = sourceGetter(merged, version);
  const county = merged.byName.get("County Name")?.values ?? [];
  const shards = new Map<string, unknown[][]>();
  merged.geoids.forEach((g, i) => {
    const li = version === "2.0" && isIslandArea(g) ? get("FPL200P", i) : get("P200_I_PFS", i);
    const row = [
      g,
      typeof county[i] === "string" ? county[i] : null,
      num(get("TPF", i)),
      tracts.get(g)?.mapped ?? false,
      get("SN_C", i) === true,
      version === "2.0" ? bool(get("SN_GRAND", i)) : null,
      version === "2.0" ? bool(get("SN_C_V10", i)) : null,
      num(get("CC", i)) ?? 0,
      num(get("TC", i)) ?? 0,
      num(li),
      bool(get("FPL200S", i)),
      bool(get("SN_T", i)),
      num(get("TA_PERC_FE", i)),
      num(get("TA_COUNT_AK", i)),
      ...FACTORS.map((c) => get(c, i) === true),
    ];
    const s = g.slice(0, 2);
    const rows = shards.get(s) ?? [];
    rows.push(row);
    shards.set(s, rows);
  });
  const states = [...shards.keys()].sort();
  return {
    index: {
      label,
      shards: states.map((s) => ({
        state: s,
        name: STATES.get(s)?.name ?? s,
        abbreviation: STATES.get(s)?.abbreviation ?? "",
        tracts: shards.get(s)?.length ?? 0,
        path: `api/table/${s}.json`,
      })),
    },
    shards: states.map((s) => ({ label, state: s, columns: TRACT_TABLE_COLUMNS, rows: shards.get(s) ?? [] })),
  };
}

/**
 * Totals per transition class against 1.0 (artifacts.md §4.5), from the published
 * `SN_C`, `SN_C_V10` and `SN_GRAND`. Classes are exclusive and sum to the tract count.
 */
export function changeTotals(label: string, merged: ScoreTable, from = "1.0"): ChangeTotals {
  const get = sourceGetter(merged, "2.0");
  const totals = { inBoth: 0, keptByGrandfathering: 0, added: 0, removed: 0, inNeither: 0, notComparable: 0 };
  merged.geoids.forEach((_, i) => {
    const now = get("SN_C", i) === true;
    const earlier = bool(get("SN_C_V10", i));
    const grand = get("SN_GRAND", i) === true;
    if (earlier === null) totals.notComparable++;
    else if (grand) totals.keptByGrandfathering++;
    else if (earlier && now) totals.inBoth++;
    else if (now) totals.added++;
    else if (earlier) totals.removed++;
    else totals.inNeither++;
  });
  return { from, to: label, totals };
}
