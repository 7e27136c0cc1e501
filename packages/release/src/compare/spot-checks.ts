import { boolAt, FIELD_MAP, numAt, type ScoreTable } from "./score-table.ts";

/** The parts of a tract document (artifacts.md §4.3) the spot checks read. */
export interface TractDocumentView {
  state?: { fips?: string; name?: string } | null;
  county?: { fips?: string; name?: string | null } | null;
  trace?: {
    reasons?: { kind?: string; category?: string }[];
    indicators?: { id?: string; exceeded?: boolean }[];
  } | null;
}

/** How many tracts the default list takes, and the enrolment share they need. */
export const DEFAULT_SPOT_CHECKS = { count: 10, minCollegeShare: 0.5 } as const;

/**
 * The default spot-check list, modelled on the original's list of university tracts: the
 * candidate's tracts with the highest college-enrolment share (at least 50 %), ties by GEOID.
 */
export function defaultSpotChecks(table: ScoreTable): string[] {
  return table.geoids
    .map((g, i) => ({ g, share: numAt(table, FIELD_MAP.college, i) }))
    .filter(
      (x): x is { g: string; share: number } =>
        x.share !== null && x.share >= DEFAULT_SPOT_CHECKS.minCollegeShare,
    )
    .sort((a, b) => b.share - a.share || (a.g < b.g ? -1 : a.g > b.g ? 1 : 0))
    .slice(0, DEFAULT_SPOT_CHECKS.count)
    .map((x) => x.g);
}

/** Why a tract is identified, from its decision trace, or from the score flags without one. */
export function reasonsOf(table: ScoreTable, row: number, doc: TractDocumentView | undefined): string[] {
  if (boolAt(table, FIELD_MAP.final, row) !== true) return [];
  const trace = doc?.trace;
  if (trace?.reasons) {
    const out: string[] = [];
    const categories = trace.reasons.filter((r) => r.kind === "category").map((r) => r.category ?? "?");
    if (categories.length) out.push(`own criteria (${categories.join(", ")})`);
    for (const r of trace.reasons) if (r.kind && r.kind !== "category") out.push(r.kind);
    return out;
  }
  const out: string[] = [];
  if (boolAt(table, FIELD_MAP.withoutAdjacency, row) === true) out.push("own criteria");
  else if (boolAt(table, FIELD_MAP.adjacency, row) === true) out.push("adjacency");
  if (boolAt(table, FIELD_MAP.tribal, row) === true) out.push("tribal");
  if (boolAt(table, FIELD_MAP.grandfathered, row) === true) out.push("grandfathered");
  return out;
}

function sideOf(table: ScoreTable | null, geoid: string, doc: TractDocumentView | undefined) {
  const row = table?.index.get(geoid);
  if (!table || row === undefined) return null;
  return {
    identified: boolAt(table, FIELD_MAP.final, row),
    reasons: reasonsOf(table, row, doc),
    population: numAt(table, FIELD_MAP.population, row),
    lowIncomePercentile:
      numAt(table, FIELD_MAP.ratePercentile, row) ?? numAt(table, FIELD_MAP.islandPercentile, row),
    lowIncome: boolAt(table, FIELD_MAP.lowIncome, row),
    collegeShare: numAt(table, FIELD_MAP.college, row),
    categoriesExceeded: numAt(table, FIELD_MAP.categoriesExceeded, row),
    thresholdsExceeded: numAt(table, FIELD_MAP.thresholdsExceeded, row),
    indicatorsExceeded: (doc?.trace?.indicators ?? [])
      .filter((i) => i.exceeded === true && typeof i.id === "string")
      .map((i) => i.id as string),
  };
}

/**
 * R20: for each tract, where it is, both final flags, the reasons for each and its key
 * indicators. `docs` hold the tract documents of each version that were found.
 */
export function spotChecksSection(
  geoids: readonly string[],
  source: string,
  base: { table: ScoreTable; docs: ReadonlyMap<string, TractDocumentView> } | null,
  cand: { table: ScoreTable; docs: ReadonlyMap<string, TractDocumentView> },
): Record<string, unknown> {
  const tracts = geoids.map((geoid) => {
    const cd = cand.docs.get(geoid);
    const bd = base?.docs.get(geoid);
    const doc = cd ?? bd;
    const b = base ? sideOf(base.table, geoid, bd) : null;
    const c = sideOf(cand.table, geoid, cd);
    return {
      geoid,
      state: doc?.state?.name ?? geoid.slice(0, 2),
      county: doc?.county?.name ?? doc?.county?.fips ?? geoid.slice(0, 5),
      baseIdentified: b?.identified ?? null,
      candIdentified: c?.identified ?? null,
      changed: b !== null && c !== null && b.identified !== c.identified,
      base: b,
      cand: c,
    };
  });
  return { source, tracts };
}
