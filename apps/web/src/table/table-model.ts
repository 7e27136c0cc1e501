import type { Answer } from "../decode.ts";

/** The eight categories, in the tract table's column order (artifacts.md §4.4). */
export const CATEGORY_IDS = [
  "climate",
  "energy",
  "health",
  "housing",
  "legacyPollution",
  "transportation",
  "water",
  "workforce",
] as const;
/** One of the eight categories. */
export type CategoryId = (typeof CATEGORY_IDS)[number];

/** How a tract is identified (web.md §3.7.3), as far as the tract table tells. */
export type Route = "burdens" | "adjacency" | "tribal" | "territory" | "grandfathered";

/** Transition classes of the changes map (artifacts.md §4.5). */
export const TRANSITIONS = [
  "inBoth",
  "added",
  "keptByGrandfathering",
  "removed",
  "inNeither",
  "notComparable",
] as const;
/** One transition class. */
export type Transition = (typeof TRANSITIONS)[number];

/** One decoded row of the tract table, with its state's name from the shard index. */
export interface TableRow {
  geoid: string;
  state: string;
  stateName: string;
  stateAbbr: string;
  county: string | null;
  population: number | null;
  mapped: boolean;
  identified: boolean;
  grandfathered: boolean | null;
  identifiedEarlier: boolean | null;
  categoriesMet: number;
  thresholdsMet: number;
  lowIncomePercentile: number | null;
  lowIncome: boolean | null;
  tribalIdentified: boolean | null;
  tribalShare: number | null;
  alaskaTribalAreas: number | null;
  categories: Record<CategoryId, boolean>;
}

/** One entry of `api/table/index.json`. */
export interface ShardEntry {
  state: string;
  name: string;
  abbreviation: string;
  tracts: number;
  path: string;
}

const ISLAND_AREAS = new Set(["60", "66", "69", "78"]);

const bool = (v: unknown) => (typeof v === "boolean" ? v : null);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/**
 * Decodes one shard (`{columns, rows}`) by column name, so a reordered or extended table still
 * reads. A missing column or a row without an 11-digit id names the file and the row.
 */
export function parseShard(file: string, raw: unknown, entry: ShardEntry): TableRow[] {
  const doc = raw as { columns?: unknown; rows?: unknown };
  if (!doc || !Array.isArray(doc.columns) || !Array.isArray(doc.rows))
    throw new Error(`tract table ${file} has no columns or rows (got ${typeof raw})`);
  const columns = doc.columns as string[];
  const col = (name: string) => {
    const i = columns.indexOf(name);
    if (i < 0) throw new Error(`tract table ${file} column ${name} is missing (got ${columns.join(",")})`);
    return i;
  };
  const c = {
    geoid: col("geoid"),
    county: col("county"),
    population: col("population"),
    mapped: col("mapped"),
    identified: col("identified"),
    grandfathered: col("grandfathered"),
    identifiedEarlier: col("identifiedEarlier"),
    categoriesMet: col("categoriesMet"),
    thresholdsMet: col("thresholdsMet"),
    lowIncomePercentile: col("lowIncomePercentile"),
    lowIncome: col("lowIncome"),
    tribalIdentified: col("tribalIdentified"),
    tribalShare: col("tribalShare"),
    alaskaTribalAreas: col("alaskaTribalAreas"),
  };
  const cats = CATEGORY_IDS.map((id) => [id, col(id)] as const);
  return (doc.rows as unknown[][]).map((r, n) => {
    const geoid = r[c.geoid];
    if (typeof geoid !== "string" || !/^\d{11}$/.test(geoid))
      throw new Error(`tract table ${file} row ${n + 1} field geoid is not an 11-digit id (got ${geoid})`);
    const categories = {} as Record<CategoryId, boolean>;
    for (const [id, i] of cats) categories[id] = r[i] === true;
    return {
      geoid,
      state: entry.state,
      stateName: entry.name,
      stateAbbr: entry.abbreviation,
      county: typeof r[c.county] === "string" ? (r[c.county] as string) : null,
      population: num(r[c.population]),
      mapped: r[c.mapped] === true,
      identified: r[c.identified] === true,
      grandfathered: bool(r[c.grandfathered]),
      identifiedEarlier: bool(r[c.identifiedEarlier]),
      categoriesMet: num(r[c.categoriesMet]) ?? 0,
      thresholdsMet: num(r[c.thresholdsMet]) ?? 0,
      lowIncomePercentile: num(r[c.lowIncomePercentile]),
      lowIncome: bool(r[c.lowIncome]),
      tribalIdentified: bool(r[c.tribalIdentified]),
      tribalShare: num(r[c.tribalShare]),
      alaskaTribalAreas: num(r[c.alaskaTribalAreas]),
      categories,
    };
  });
}

/** Yes when identified; Partially when not, but overlapping tribal land or Alaska Native Villages. */
export function rowAnswer(r: TableRow): Answer {
  if (r.identified) return "yes";
  return (r.tribalShare ?? 0) > 0 || (r.alaskaTribalAreas ?? 0) > 0 ? "partially" : "no";
}

/**
 * The routes that identify a tract. The table has no adjacency flag: an identified tract that
 * no other route explains was identified by being surrounded.
 */
export function rowRoutes(r: TableRow): Route[] {
  if (!r.identified) return [];
  const out: Route[] = [];
  if (r.categoriesMet > 0) out.push("burdens");
  if (r.tribalIdentified === true) out.push("tribal");
  if (r.grandfathered === true) out.push("grandfathered");
  if (out.length === 0 && ISLAND_AREAS.has(r.state) && r.lowIncome === true) out.push("territory");
  if (out.length === 0) out.push("adjacency");
  return out;
}

/** The transition class between the earlier version and this one (artifacts.md §4.5). */
export function rowTransition(r: TableRow): Transition {
  if (r.grandfathered === true) return "keptByGrandfathering";
  if (r.identifiedEarlier === null) return "notComparable";
  if (r.identifiedEarlier && r.identified) return "inBoth";
  if (r.identified) return "added";
  if (r.identifiedEarlier) return "removed";
  return "inNeither";
}

/** Filters of the table view; absent means "any". */
export interface TableFilter {
  state?: string;
  answer?: Answer;
  category?: CategoryId;
  transition?: Transition;
  /** Tract id prefix (digits, spaces and dashes ignored) or part of a county name. */
  q?: string;
}

/** Sortable columns. */
export const SORT_KEYS = [
  "geoid",
  "county",
  "state",
  "population",
  "answer",
  "routes",
  "categoriesMet",
  "thresholdsMet",
  "lowIncomePercentile",
  "transition",
] as const;
/** One sortable column. */
export type SortKey = (typeof SORT_KEYS)[number];
/** Column and direction. */
export interface Sort {
  key: SortKey;
  dir: "asc" | "desc";
}
/** The table's natural order, which the published shards already have. */
export const DEFAULT_SORT: Sort = { key: "geoid", dir: "asc" };

/** Case- and accent-insensitive text for matching names. */
export const fold = (s: string): string =>
  s
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

/** Whether a filter needs only the natural order of whole shards (no row-level predicate). */
export function isRangeFilter(f: TableFilter): boolean {
  return !f.answer && !f.category && !f.transition && !f.q?.trim();
}

/** A predicate for `f`. */
export function rowMatcher(f: TableFilter): (r: TableRow) => boolean {
  const q = f.q?.trim() ?? "";
  const digits = /^[\d\s-]+$/.test(q) ? q.replace(/[\s-]/g, "") : undefined;
  const text = digits === undefined ? fold(q) : "";
  return (r) =>
    (!f.state || r.state === f.state) &&
    (!f.answer || rowAnswer(r) === f.answer) &&
    (!f.category || r.categories[f.category]) &&
    (!f.transition || rowTransition(r) === f.transition) &&
    (digits !== undefined
      ? r.geoid.startsWith(digits) || (digits.length === 10 && r.geoid === `0${digits}`)
      : !text || fold(r.county ?? "").includes(text) || fold(r.stateName).includes(text));
}

const ANSWER_ORDER: Record<Answer, number> = { yes: 0, partially: 1, no: 2 };
const ROUTE_ORDER: Record<Route, number> = {
  burdens: 0,
  tribal: 1,
  adjacency: 2,
  territory: 3,
  grandfathered: 4,
};

function sortValue(r: TableRow, key: SortKey): string | number | null {
  switch (key) {
    case "geoid":
      return r.geoid;
    case "county":
      return r.county === null ? null : fold(r.county);
    case "state":
      return fold(r.stateName);
    case "population":
      return r.population;
    case "answer":
      return ANSWER_ORDER[rowAnswer(r)];
    case "routes": {
      const routes = rowRoutes(r);
      return routes.length === 0 ? null : routes.reduce((a, x) => a * 8 + ROUTE_ORDER[x] + 1, 0);
    }
    case "categoriesMet":
      return r.categoriesMet;
    case "thresholdsMet":
      return r.thresholdsMet;
    case "lowIncomePercentile":
      return r.lowIncomePercentile;
    case "transition":
      return TRANSITIONS.indexOf(rowTransition(r));
  }
}

/** Sorted copy; missing values go last in both directions, ties keep tract id order. */
export function sortRows(rows: readonly TableRow[], s: Sort): TableRow[] {
  const sign = s.dir === "asc" ? 1 : -1;
  const keyed = rows.map((r) => ({ r, v: sortValue(r, s.key) }));
  keyed.sort((a, b) => {
    if (a.v === null || b.v === null) {
      if (a.v !== b.v) return a.v === null ? 1 : -1;
    } else if (a.v !== b.v) return (a.v < b.v ? -1 : 1) * sign;
    return a.r.geoid < b.r.geoid ? -1 : a.r.geoid > b.r.geoid ? 1 : 0;
  });
  return keyed.map((k) => k.r);
}

/** Counts by answer, for the summary line and the W66 totals. */
export function answerTotals(rows: readonly TableRow[]): Record<Answer, number> {
  const out: Record<Answer, number> = { yes: 0, partially: 0, no: 0 };
  for (const r of rows) out[rowAnswer(r)]++;
  return out;
}

/** Counts by transition class. */
export function transitionTotals(rows: readonly TableRow[]): Record<Transition, number> {
  const out = Object.fromEntries(TRANSITIONS.map((t) => [t, 0])) as Record<Transition, number>;
  for (const r of rows) out[rowTransition(r)]++;
  return out;
}

/** Page sizes offered (web.md §4.5). */
export const PAGE_SIZES = [25, 50, 100] as const;

/** The 1-based page clamped into range, and the number of pages (at least 1). */
export function clampPage(page: number, total: number, size: number): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(total / size));
  const p = Number.isFinite(page) ? Math.trunc(page) : 1;
  return { page: Math.min(Math.max(1, p), pages), pages };
}
