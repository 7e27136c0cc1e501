import {
  CATEGORY_IDS,
  type CategoryId,
  rowAnswer,
  rowRoutes,
  rowTransition,
  type TableRow,
} from "./table-model.ts";

const CATEGORY_COLUMNS: Record<CategoryId, string> = {
  climate: "climate_met",
  energy: "energy_met",
  health: "health_met",
  housing: "housing_met",
  legacyPollution: "legacy_pollution_met",
  transportation: "transportation_met",
  water: "water_met",
  workforce: "workforce_met",
};

/**
 * Header of the export: the documented columns of web.md §4.4, then `routes`, then, in
 * comparison mode, `change_from_<version>`, then `synthetic` for a synthetic release. Headers
 * are English in every UI language so files compare byte for byte.
 */
export function csvHeader(opts: { compareWith?: string; synthetic: boolean }): string[] {
  return [
    "version",
    "tract_id",
    "state",
    "county",
    "population",
    "identified",
    "grandfathered",
    "partially_tribal",
    "categories_met",
    "thresholds_met",
    "low_income_percentile",
    "tribal_share",
    ...CATEGORY_IDS.map((c) => CATEGORY_COLUMNS[c]),
    "routes",
    ...(opts.compareWith ? [`change_from_${opts.compareWith}`] : []),
    ...(opts.synthetic ? ["synthetic"] : []),
  ];
}

function cell(v: string | number | boolean | null): string {
  if (v === null) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The CSV text of `rows`: UTF-8 with a byte-order mark (spreadsheets then read accents), comma
 * separated, `.` decimals and no thousands separators in every language, CRLF line ends.
 */
export function tableCsv(
  version: string,
  rows: readonly TableRow[],
  opts: { compareWith?: string; synthetic: boolean },
): string {
  const lines = [csvHeader(opts).join(",")];
  for (const r of rows) {
    const values: (string | number | boolean | null)[] = [
      version,
      r.geoid,
      r.stateName,
      r.county,
      r.population,
      r.identified,
      r.grandfathered,
      rowAnswer(r) === "partially",
      r.categoriesMet,
      r.thresholdsMet,
      r.lowIncomePercentile,
      r.tribalShare,
      ...CATEGORY_IDS.map((c) => r.categories[c]),
      rowRoutes(r).join(";"),
      ...(opts.compareWith ? [rowTransition(r)] : []),
      ...(opts.synthetic ? [true] : []),
    ];
    lines.push(values.map(cell).join(","));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** `cejst-{version}-{n}-tracts.csv` (web.md §4.4). */
export const csvFileName = (version: string, n: number): string => `cejst-${version}-${n}-tracts.csv`;
