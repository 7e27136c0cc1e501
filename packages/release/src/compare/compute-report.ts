import { demographicsSection, type TractGroup } from "./demographics.ts";
import {
  divisionOf,
  ENROLMENT_BUCKETS,
  enrolmentBucket,
  RATE_CHANGE_BUCKETS,
  rateChangeBucket,
  regionOf,
} from "./groupings.ts";
import { boolAt, CATEGORY_COLUMNS, FIELD_MAP, numAt, type ScoreTable } from "./score-table.ts";
import { type SiteInputs, siteReferences } from "./site-references.ts";
import { defaultSpotChecks, spotChecksSection, type TractDocumentView } from "./spot-checks.ts";
import { histogram, pearson, spearman, summarize } from "./statistics.ts";
import { type TileInputs, tilesSection } from "./tile-checks.ts";

/** Version of the report code; part of the report's identity (rollout.md §4.1). */
export const REPORT_CODE_VERSION = "cejst.compare/2";

/** One side of a comparison: a committed version and its score table. */
export interface ReportSide {
  version: string;
  manifestDigest: string;
  /** The manifest's `content` (label, methodology, code, freeze, inputs, dependsOn, files). */
  content: {
    label: string;
    methodology: string;
    synthetic?: boolean;
    code?: unknown;
    freeze?: unknown;
    inputs?: unknown;
    toolchain?: unknown;
    dependsOn?: { version: string; manifest: string; files?: { path: string; sha256: string }[] }[];
    files: { path: string; sha256: string; bytes: number; role?: string }[];
  };
  table: ScoreTable;
  /** Tract documents read for the spot checks, by GEOID (R20). */
  documents?: ReadonlyMap<string, TractDocumentView>;
  /** Tile archives, drawn tracts and tile index (R23; read for the candidate only). */
  tiles?: TileInputs | null;
}

/** Inputs that belong to neither version. */
export interface ReportExtras {
  /** The site build R22 checks; null with a reason when there is none. */
  site?: SiteInputs | null;
  siteMissingReason?: string;
}

/** Report configuration; its canonical digest is part of the report's identity. */
export interface ReportConfig {
  /** Maximum identified share of population (gate `dac.populationShareMax`). @defaultValue 0.4 */
  populationShareMax?: number;
  /** The expected tract universe; defaults to the baseline's tracts (none: not checked). */
  universe?: string[];
  /** Numeric tolerance for R21: |a−b| ≤ absTol + relTol·max(|a|,|b|). @defaultValue 0, 1e-12 */
  absTol?: number;
  relTol?: number;
  /** GEOIDs of R20; @defaultValue the candidate's 10 tracts with the highest college enrolment (≥ 50 %) */
  spotChecks?: string[];
  /** Tracts sampled for tile fidelity (R23). @defaultValue 2000 */
  tileSample?: number;
  /** The zoom from which tracts are selectable on the map (web.md). @defaultValue 5 */
  selectableZoom?: number;
}

/** One gate row (rollout.md §4.4). */
export interface GateRow {
  id: string;
  passed: boolean;
  value: string;
  threshold: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The report (rollout.md §4.3); every section key is present. */
export interface Report {
  schema: "cejst.report/1";
  gates: GateRow[];
  sections: Record<string, Json>;
  lists: {
    added: string[];
    removed: string[];
    grandfathered: string[];
    adjacencyOnly: string[];
    deltas: [geoid: string, column: string, base: string, cand: string][];
  };
}

interface Flags {
  final: (boolean | null)[];
  population: (number | null)[];
  rate: (number | null)[];
  unadjusted: (number | null)[];
  percentile: (number | null)[];
  adjacencyOnly: boolean[];
  grandfathered: boolean[];
}

function flagsOf(t: ScoreTable): Flags {
  const n = t.geoids.length;
  const out: Flags = {
    final: [],
    population: [],
    rate: [],
    unadjusted: [],
    percentile: [],
    adjacencyOnly: [],
    grandfathered: [],
  };
  for (let i = 0; i < n; i++) {
    out.final.push(boolAt(t, FIELD_MAP.final, i));
    out.population.push(numAt(t, FIELD_MAP.population, i));
    out.rate.push(numAt(t, FIELD_MAP.rate, i));
    out.unadjusted.push(numAt(t, FIELD_MAP.unadjustedRate, i));
    out.percentile.push(numAt(t, FIELD_MAP.ratePercentile, i) ?? numAt(t, FIELD_MAP.islandPercentile, i));
    out.adjacencyOnly.push(
      boolAt(t, FIELD_MAP.adjacency, i) === true && boolAt(t, FIELD_MAP.withoutAdjacency, i) !== true,
    );
    out.grandfathered.push(boolAt(t, FIELD_MAP.grandfathered, i) === true);
  }
  return out;
}

const round = (x: number | null, digits = 6) => (x === null ? null : Number(x.toFixed(digits)));
const share = (a: number, b: number) => (b === 0 ? null : round(a / b));

function groupStats(
  side: ReportSide,
  f: Flags,
  keyOf: (row: number) => string | null,
  other?: { table: ScoreTable; f: Flags },
) {
  const groups = new Map<
    string,
    {
      tracts: number;
      identified: number;
      pop: number;
      popIdentified: number;
      popAdded: number;
      popGrandfathered: number;
      added: number;
    }
  >();
  side.table.geoids.forEach((g, i) => {
    const key = keyOf(i);
    if (key === null) return;
    let s = groups.get(key);
    if (!s) {
      s = { tracts: 0, identified: 0, pop: 0, popIdentified: 0, popAdded: 0, popGrandfathered: 0, added: 0 };
      groups.set(key, s);
    }
    const pop = f.population[i] ?? 0;
    s.tracts++;
    s.pop += pop;
    if (f.final[i] === true) {
      s.identified++;
      s.popIdentified += pop;
    }
    if (f.grandfathered[i]) s.popGrandfathered += pop;
    if (other) {
      const j = other.table.index.get(g);
      const before = j === undefined ? false : other.f.final[j] === true;
      if (f.final[i] === true && !before) {
        s.added++;
        s.popAdded += pop;
      }
    }
  });
  return groups;
}

function geographySection(
  base: { side: ReportSide; f: Flags } | null,
  cand: { side: ReportSide; f: Flags },
  keyOf: (g: string) => string,
) {
  const c = groupStats(
    cand.side,
    cand.f,
    (i) => keyOf(cand.side.table.geoids[i]!),
    base ? { table: base.side.table, f: base.f } : undefined,
  );
  const b = base ? groupStats(base.side, base.f, (i) => keyOf(base.side.table.geoids[i]!)) : undefined;
  const keys = [...new Set([...c.keys(), ...(b?.keys() ?? [])])].sort();
  return keys.map((k) => {
    const cs = c.get(k);
    const bs = b?.get(k);
    return {
      group: k,
      population: cs?.pop ?? 0,
      tractsIdentifiedShareBase: bs ? share(bs.identified, bs.tracts) : null,
      tractsIdentifiedShareCand: cs ? share(cs.identified, cs.tracts) : null,
      populationIdentifiedShareBase: bs ? share(bs.popIdentified, bs.pop) : null,
      populationIdentifiedShareCand: cs ? share(cs.popIdentified, cs.pop) : null,
      populationAddedShare: cs && b ? share(cs.popAdded, cs.pop) : null,
      populationGrandfatheredShare: cs ? share(cs.popGrandfathered, cs.pop) : null,
      tractsNewlyIdentifiedShare: cs && b ? share(cs.added, cs.tracts) : null,
      tracts: cs?.tracts ?? 0,
    };
  });
}

function fileGroup(path: string): string {
  if (path.includes("/tiles/") || path.endsWith(".pmtiles")) return "tiles";
  if (path.startsWith("data/tribal/")) return "tribal";
  if (path.includes("/downloadable/")) return "downloadable";
  if (path.includes("/search/") || path.startsWith("api/search/")) return "search";
  if (path.startsWith("api/")) return "api";
  if (path.includes("/shapefile/")) return "shapefile";
  if (path.includes("/csv/")) return "csv";
  return "other";
}

/**
 * Computes the change report of `cand` against `base` (or against nothing). Pure and
 * deterministic: the same inputs always give the same JSON.
 */
export function computeReport(
  base: ReportSide | null,
  cand: ReportSide,
  config: ReportConfig = {},
  extras: ReportExtras = {},
): Report {
  const cf = flagsOf(cand.table);
  const bf = base ? flagsOf(base.table) : null;
  const B = base && bf ? { side: base, f: bf } : null;
  const C = { side: cand, f: cf };
  const sections: Record<string, Json> = {};

  // R0 provenance
  const dependsOn = cand.content.dependsOn ?? [];
  const dependsOnBase = base
    ? dependsOn.find((d) => d.version === base.version || d.manifest === base.manifestDigest)
    : undefined;
  const baseFiles = new Map((base?.content.files ?? []).map((f) => [f.path, f.sha256]));
  const dependsOnOk =
    dependsOnBase === undefined
      ? null
      : dependsOnBase.manifest === base?.manifestDigest &&
        (dependsOnBase.files ?? []).every((f) => baseFiles.get(f.path) === f.sha256);
  const side = (s: ReportSide) => ({
    version: s.version,
    label: s.content.label,
    methodology: s.content.methodology,
    manifest: s.manifestDigest,
    synthetic: s.content.synthetic === true,
    code: (s.content.code ?? null) as Json,
    freeze: (s.content.freeze ?? null) as Json,
    inputs: (s.content.inputs ?? null) as Json,
    toolchain: (s.content.toolchain ?? null) as Json,
  });
  sections.provenance = {
    baseline: base ? side(base) : null,
    candidate: side(cand),
    reportCode: REPORT_CODE_VERSION,
    fieldMap: FIELD_MAP as unknown as Json,
    dependsOn: dependsOnOk,
  };

  // R2 artifacts
  const norm = (s: ReportSide | null, p: string) => (s ? p.split(`${s.content.label}-`).join("<label>-") : p);
  const groupsOf = (s: ReportSide | null) => {
    const m = new Map<string, Map<string, { sha256: string; bytes: number }>>();
    for (const f of s?.content.files ?? []) {
      const g = fileGroup(f.path);
      if (!m.has(g)) m.set(g, new Map());
      m.get(g)!.set(norm(s, f.path), { sha256: f.sha256, bytes: f.bytes });
    }
    return m;
  };
  const ga = groupsOf(base);
  const gc = groupsOf(cand);
  const removedPaths: string[] = [];
  sections.artifacts = {
    groups: [...new Set([...ga.keys(), ...gc.keys()])].sort().map((g) => {
      const a = ga.get(g) ?? new Map();
      const c = gc.get(g) ?? new Map();
      let added = 0;
      let removed = 0;
      let changed = 0;
      for (const [p, f] of c) {
        const old = a.get(p);
        if (!old) added++;
        else if (old.sha256 !== f.sha256) changed++;
      }
      for (const p of a.keys())
        if (!c.has(p)) {
          removed++;
          removedPaths.push(p);
        }
      const bytes = (m: Map<string, { bytes: number }>) => [...m.values()].reduce((s, f) => s + f.bytes, 0);
      return {
        group: g,
        filesBase: a.size,
        filesCand: c.size,
        added,
        removed,
        changed,
        bytesBase: bytes(a),
        bytesCand: bytes(c),
      };
    }),
    removedPaths: removedPaths.sort(),
  };

  // R3 schema (full score table)
  const bh = new Set(base?.table.header ?? []);
  const ch = new Set(cand.table.header);
  sections.schema = {
    scoreTable: {
      added: base ? cand.table.header.filter((h) => !bh.has(h)) : [],
      removed: base ? (base.table.header.filter((h) => !ch.has(h)) as Json) : [],
    },
  };

  // R4 tracts
  const added = base ? cand.table.geoids.filter((g) => !base.table.index.has(g)) : [];
  const removedTracts = base ? base.table.geoids.filter((g) => !cand.table.index.has(g)) : [];
  sections.tracts = {
    base: base?.table.geoids.length ?? null,
    cand: cand.table.geoids.length,
    added: added.length,
    removed: removedTracts.length,
  };

  // R5 population
  const sum = (xs: (number | null)[]) => xs.reduce<number>((s, x) => s + (x ?? 0), 0);
  const popC = sum(cf.population);
  const popB = bf ? sum(bf.population) : null;
  sections.population = { base: popB, cand: popC, difference: popB === null ? null : popC - popB };

  // R6 dac
  const count = (xs: (boolean | null)[]) => xs.filter((x) => x === true).length;
  const popWhere = (f: Flags, pred: (i: number) => boolean) =>
    f.population.reduce<number>((s, p, i) => s + (pred(i) ? (p ?? 0) : 0), 0);
  const matrix = { tt: 0, tf: 0, ft: 0, ff: 0, ttPop: 0, tfPop: 0, ftPop: 0, ffPop: 0 };
  const addedDac: string[] = [];
  const removedDac: string[] = [];
  if (base && bf) {
    cand.table.geoids.forEach((g, i) => {
      const j = base.table.index.get(g);
      if (j === undefined) return;
      const was = bf.final[j] === true;
      const is = cf.final[i] === true;
      const pop = cf.population[i] ?? 0;
      const k = `${was ? "t" : "f"}${is ? "t" : "f"}` as "tt" | "tf" | "ft" | "ff";
      matrix[k]++;
      matrix[`${k}Pop`] += pop;
      if (is && !was) addedDac.push(g);
      if (was && !is) removedDac.push(g);
    });
  }
  const grandfathered = cand.table.geoids.filter((_, i) => cf.grandfathered[i]);
  const adjacencyOnly = cand.table.geoids.filter((_, i) => cf.adjacencyOnly[i]);
  const byState = (ids: string[]) => {
    const m = new Map<string, number>();
    for (const g of ids) m.set(g.slice(0, 2), (m.get(g.slice(0, 2)) ?? 0) + 1);
    return Object.fromEntries([...m].sort());
  };
  const tribalOnly = cand.table.geoids.filter(
    (_, i) =>
      boolAt(cand.table, FIELD_MAP.tribal, i) === true &&
      (numAt(cand.table, FIELD_MAP.categoriesExceeded, i) ?? 0) === 0,
  );
  const shareC = popC === 0 ? null : popWhere(cf, (i) => cf.final[i] === true) / popC;
  const shareB = bf && popB ? popWhere(bf, (i) => bf.final[i] === true) / popB : null;
  sections.dac = {
    base: bf ? count(bf.final) : null,
    cand: count(cf.final),
    difference: bf ? count(cf.final) - count(bf.final) : null,
    transition: base ? matrix : null,
    added: base ? addedDac.length : null,
    removed: base ? removedDac.length : null,
    grandfathered: grandfathered.length,
    adjacencyOnly: adjacencyOnly.length,
    tribalWithoutCategory: tribalOnly.length,
    addedByState: byState(addedDac),
    grandfatheredByState: byState(grandfathered),
    populationShareBase: round(shareB),
    populationShareCand: round(shareC),
  };

  // R7 geography, R8 urban/rural, R9 university
  sections.geography = {
    region: geographySection(B, C, regionOf),
    division: geographySection(B, C, divisionOf),
    state: geographySection(B, C, (g) => g.slice(0, 2)),
  };
  const urbanKey = (t: ScoreTable) => (g: string) => {
    const i = t.index.get(g);
    const v =
      i === undefined
        ? null
        : (numAt(t, FIELD_MAP.urban, i) ??
          (boolAt(t, FIELD_MAP.urban, i) === null ? null : boolAt(t, FIELD_MAP.urban, i) ? 1 : 0));
    return v === null ? "unknown" : v >= 1 ? "urban" : "rural";
  };
  sections.urbanRural = geographySection(B, C, urbanKey(cand.table));
  const bucketKey = (g: string) => {
    const i = cand.table.index.get(g);
    return (i === undefined ? null : enrolmentBucket(numAt(cand.table, FIELD_MAP.college, i))) ?? "missing";
  };
  sections.university = {
    buckets: [...ENROLMENT_BUCKETS, "missing"],
    rows: geographySection(B, C, bucketKey),
  };

  // R10 categories
  const catRows = Object.entries(CATEGORY_COLUMNS).map(([id, col]) => {
    let inBase = 0;
    let inCand = 0;
    let gained = 0;
    let lost = 0;
    cand.table.geoids.forEach((g, i) => {
      const is = boolAt(cand.table, col, i) === true;
      if (is) inCand++;
      if (!base) return;
      const j = base.table.index.get(g);
      const was = j !== undefined && boolAt(base.table, col, j) === true;
      if (is && !was) gained++;
      if (was && !is) lost++;
    });
    if (base)
      base.table.geoids.forEach((_, j) => {
        if (boolAt(base.table, col, j) === true) inBase++;
      });
    return {
      category: id,
      column: col,
      base: base ? inBase : null,
      cand: inCand,
      gained: base ? gained : null,
      lost: base ? lost : null,
    };
  });
  const hist = (t: ScoreTable, col: string) => {
    const h = new Array<number>(9).fill(0);
    t.geoids.forEach((_, i) => {
      const v = numAt(t, col, i);
      if (v !== null) h[Math.min(8, Math.max(0, Math.round(v)))]!++;
    });
    return h;
  };
  sections.categories = {
    categories: catRows,
    lowIncome: {
      base: base
        ? base.table.geoids.filter((_, i) => boolAt(base.table, FIELD_MAP.lowIncome, i) === true).length
        : null,
      cand: cand.table.geoids.filter((_, i) => boolAt(cand.table, FIELD_MAP.lowIncome, i) === true).length,
    },
    categoriesExceededHistogram: {
      base: base ? hist(base.table, FIELD_MAP.categoriesExceeded) : null,
      cand: hist(cand.table, FIELD_MAP.categoriesExceeded),
    },
  };

  // R11–R13 low income
  sections["lowIncome.rate"] = {
    base: bf ? (summarize(bf.rate) as unknown as Json) : null,
    cand: summarize(cf.rate) as unknown as Json,
    histogramBase: bf ? histogram(bf.rate, 25, 0, 1) : null,
    histogramCand: histogram(cf.rate, 25, 0, 1),
  };
  sections["lowIncome.percentile"] = {
    base: bf ? (summarize(bf.percentile) as unknown as Json) : null,
    cand: summarize(cf.percentile) as unknown as Json,
    histogramBase: bf ? histogram(bf.percentile, 25, 0, 1) : null,
    histogramCand: histogram(cf.percentile, 25, 0, 1),
  };
  // `pick` may build a whole column (the finals as 0/1), so it runs once per side, never per row.
  const paired = (pick: (f: Flags) => (number | null)[]) => {
    const a: (number | null)[] = [];
    const b: (number | null)[] = [];
    if (base && bf) {
      const pb = pick(bf);
      const pc = pick(cf);
      cand.table.geoids.forEach((g, i) => {
        const j = base.table.index.get(g);
        if (j === undefined) return;
        b.push(pb[j] ?? null);
        a.push(pc[i] ?? null);
      });
    }
    return { cand: a, base: b };
  };
  const rates = paired((f) => f.rate);
  const changes = rates.cand.map((c, k) =>
    c === null || rates.base[k] === null ? null : (c - rates.base[k]!) * 100,
  );
  const buckets = Object.fromEntries(RATE_CHANGE_BUCKETS.map((b) => [b, 0]));
  for (const d of changes) if (d !== null) buckets[rateChangeBucket(d)]!++;
  sections["lowIncome.changes"] = {
    candMinusBasePoints: base ? (summarize(changes) as unknown as Json) : null,
    buckets: base ? buckets : null,
    candMinusUnadjusted: summarize(
      cf.rate.map((r, i) => (r === null || cf.unadjusted[i] === null ? null : r - cf.unadjusted[i]!)),
    ) as unknown as Json,
  };

  // R14 correlations
  const finals = paired((f) => f.final.map((x) => (x === null ? null : x ? 1 : 0)));
  sections.correlations = {
    rate: {
      pearson: round(pearson(rates.base, rates.cand)),
      spearman: round(spearman(rates.base, rates.cand)),
    },
    finalPhi: round(pearson(finals.base, finals.cand)),
    percentileVsFinalBase: bf
      ? round(
          pearson(
            bf.percentile,
            bf.final.map((x) => (x === null ? null : x ? 1 : 0)),
          ),
        )
      : null,
    percentileVsFinalCand: round(
      pearson(
        cf.percentile,
        cf.final.map((x) => (x === null ? null : x ? 1 : 0)),
      ),
    ),
  };

  // R15, R18, R20, R22, R23: sections that need inputs this report does not read yet
  const notComputed = (why: string) => ({ computed: false, reason: why });
  const rowsWhere = (s: ReportSide, f: Flags, pred: (i: number) => boolean) =>
    s.table.geoids.map((_, i) => i).filter((i) => pred(i) && f.final[i] !== null);
  const group = (label: string, s: ReportSide, rows: number[]): TractGroup => ({
    label,
    table: s.table,
    rows,
  });
  const addedRows = new Set(addedDac.map((g) => cand.table.index.get(g)!));
  sections.demographics = demographicsSection([
    {
      id: "identified",
      first: group(
        "candidate identified",
        cand,
        rowsWhere(cand, cf, (i) => cf.final[i] === true),
      ),
      second:
        base && bf
          ? group(
              "baseline identified",
              base,
              rowsWhere(base, bf, (i) => bf.final[i] === true),
            )
          : null,
      secondLabel: "baseline identified",
    },
    {
      id: "notIdentified",
      first: group(
        "candidate not identified",
        cand,
        rowsWhere(cand, cf, (i) => cf.final[i] === false),
      ),
      second:
        base && bf
          ? group(
              "baseline not identified",
              base,
              rowsWhere(base, bf, (i) => bf.final[i] === false),
            )
          : null,
      secondLabel: "baseline not identified",
    },
    {
      id: "addedVsGrandfathered",
      first: group("added", cand, base ? [...addedRows].sort((a, b) => a - b) : []),
      second: group(
        "grandfathered",
        cand,
        rowsWhere(cand, cf, (i) => cf.grandfathered[i] === true),
      ),
      secondLabel: "grandfathered",
    },
  ]) as Json;
  const thresholds = [1, 5, 10].map((pts) => {
    const addedSet = new Set(addedDac);
    let n = 0;
    let k = 0;
    cand.table.geoids.forEach((g, i) => {
      if (!addedSet.has(g) || !base || !bf) return;
      const j = base.table.index.get(g);
      const r0 = j === undefined ? null : bf.rate[j];
      const r1 = cf.rate[i];
      if (r0 === null || r0 === undefined || r1 === null || r1 === undefined) return;
      n++;
      if ((r1 - r0) * 100 < pts) k++;
    });
    return { points: pts, share: n ? round(k / n) : null, tracts: n };
  });
  sections.thresholdShift = base ? thresholds : null;

  // R17 nulls
  const isTerritory = (g: string) => ["60", "66", "69", "78", "72"].includes(g.slice(0, 2));
  const nulls = (s: ReportSide, f: Flags) => {
    let states = 0;
    let territories = 0;
    let withPopulation = 0;
    s.table.geoids.forEach((g, i) => {
      if (f.rate[i] !== null) return;
      if (isTerritory(g)) territories++;
      else states++;
      if ((f.population[i] ?? 0) > 0) withPopulation++;
    });
    return {
      missingRate: states + territories,
      states,
      territories,
      withPopulation,
      missingFinal: f.final.filter((x) => x === null).length,
    };
  };
  sections.nulls = { base: B ? nulls(B.side, B.f) : null, cand: nulls(cand, cf) };
  sections.students = cand.table.has(FIELD_MAP.students)
    ? {
        offCampusBelow200: cf.population.length
          ? sum(cand.table.geoids.map((_, i) => numAt(cand.table, FIELD_MAP.students, i)))
          : 0,
      }
    : notComputed("the candidate's methodology has no student estimate");
  const adjBase = bf ? bf.adjacencyOnly.filter(Boolean).length : null;
  sections.adjacency = {
    base: adjBase,
    cand: adjacencyOnly.length,
    byArea: {
      states: adjacencyOnly.filter((g) => !isTerritory(g)).length,
      puertoRico: adjacencyOnly.filter((g) => g.startsWith("72")).length,
      otherTerritories: adjacencyOnly.filter((g) => isTerritory(g) && !g.startsWith("72")).length,
    },
  };
  const spotIds = config.spotChecks ?? defaultSpotChecks(cand.table);
  sections.spotChecks = spotChecksSection(
    spotIds,
    config.spotChecks
      ? "config"
      : "default: the candidate's 10 tracts with the highest college enrolment (at least 50 %)",
    base ? { table: base.table, docs: base.documents ?? new Map() } : null,
    { table: cand.table, docs: cand.documents ?? new Map() },
  ) as Json;
  const site = extras.site ?? null;
  const references = site
    ? siteReferences(site, { version: cand.version, label: cand.content.label, files: cand.content.files })
    : null;
  sections.siteReferences =
    site && references
      ? ({
          source: site.source,
          requiredDataRecorded: site.requiredData !== null,
          checked: references.length,
          missing: references.filter((r) => r.present === "no").length,
          items: references,
        } as unknown as Json)
      : notComputed(
          extras.siteMissingReason ?? "no site build given (--site DIR or --site sha256:<site digest>)",
        );
  const tiles = tilesSection(cand.table, cand.manifestDigest, cand.tiles ?? null, {
    sample: config.tileSample ?? 2000,
    selectableZoom: config.selectableZoom ?? 5,
  });
  sections.tiles = tiles.section as Json;

  // R21 cells
  const absTol = config.absTol ?? 0;
  const relTol = config.relTol ?? 1e-12;
  const deltas: Report["lists"]["deltas"] = [];
  const cellRows: Json[] = [];
  if (base) {
    const shared = cand.table.header.filter((h) => bh.has(h) && h !== FIELD_MAP.geoid);
    const ci = shared.map((h) => cand.table.columnIndex(h)!);
    const bi = shared.map((h) => base.table.columnIndex(h)!);
    const changed = new Int32Array(shared.length);
    const maxAbs = new Float64Array(shared.length);
    const byColumn: Report["lists"]["deltas"][] = shared.map(() => []);
    // Row by row: each pair of rows is split once and its cells are dropped right after,
    // which keeps millions of cell strings out of the long-lived heap.
    cand.table.geoids.forEach((g, i) => {
      const j = base.table.index.get(g);
      if (j === undefined) return;
      const br = base.table.row(j);
      const cr = cand.table.row(i);
      for (let k = 0; k < shared.length; k++) {
        const a = br[bi[k]!] ?? "";
        const c = cr[ci[k]!] ?? "";
        if (a === c) continue;
        const x = Number(a);
        const y = Number(c);
        if (a !== "" && c !== "" && !Number.isNaN(x) && !Number.isNaN(y)) {
          const d = Math.abs(x - y);
          if (d <= absTol + relTol * Math.max(Math.abs(x), Math.abs(y))) continue;
          maxAbs[k] = Math.max(maxAbs[k]!, d);
        }
        changed[k]!++;
        byColumn[k]!.push([g, shared[k]!, a, c]);
      }
    });
    shared.forEach((col, k) => {
      for (const d of byColumn[k]!) deltas.push(d);
      if (changed[k]) cellRows.push({ column: col, changed: changed[k]!, maxAbsDifference: maxAbs[k]! });
    });
  }
  sections.cells = { tolerance: { absTol, relTol }, columns: cellRows };

  // R1 gates
  const gates: GateRow[] = [];
  const universe = config.universe ?? base?.table.geoids;
  if (universe) {
    const want = new Set(universe);
    const ok = want.size === cand.table.geoids.length && cand.table.geoids.every((g) => want.has(g));
    gates.push({
      id: "tracts.complete",
      passed: ok,
      value: `${cand.table.geoids.length} tracts`,
      threshold: `${want.size} tracts of the universe`,
    });
  }
  const nullFinal = cf.final.filter((x) => x === null).length;
  gates.push({ id: "dac.noNullFlag", passed: nullFinal === 0, value: String(nullFinal), threshold: "0" });
  const grandfathers =
    base !== null && (dependsOnBase !== undefined || cand.table.has(FIELD_MAP.grandfathered));
  if (grandfathers)
    gates.push({
      id: "dac.noneRemoved",
      passed: removedDac.length === 0,
      value: String(removedDac.length),
      threshold: "0",
    });
  const maxShare = config.populationShareMax ?? 0.4;
  gates.push({
    id: "dac.populationShareMax",
    passed: shareC === null || shareC <= maxShare,
    value: String(round(shareC)),
    threshold: `<= ${maxShare}`,
  });
  if (dependsOnOk !== null)
    gates.push({
      id: "dependsOn.matches",
      passed: dependsOnOk,
      value: String(dependsOnOk),
      threshold: "true",
    });
  gates.push({
    id: "artifacts.noUnexpectedRemoval",
    passed: removedPaths.length === 0,
    value: `${removedPaths.length} removed`,
    threshold: "0",
  });
  if (references) {
    const missing = references.filter((r) => r.present === "no");
    gates.push({
      id: "site.referencesPresent",
      passed: missing.length === 0,
      value: missing.length
        ? `missing: ${missing.map((r) => r.item).join(", ")}`
        : `${references.length} present`,
      threshold: "all present",
    });
  }
  gates.push(...tiles.gates);
  const nb = bf ? nulls(base!, bf).withPopulation : null;
  const nc = nulls(cand, cf).withPopulation;
  gates.push({
    id: "nulls.stable",
    passed: nb === null || nc <= nb,
    value: String(nc),
    threshold: nb === null ? "n/a" : `<= ${nb}`,
  });

  sections.gates = gates as unknown as Json;
  return {
    schema: "cejst.report/1",
    gates,
    sections,
    lists: { added: addedDac, removed: removedDac, grandfathered, adjacencyOnly, deltas },
  };
}

/** Every section key the report carries (rollout.md §4.3 R0–R23). */
export const REPORT_KEYS = [
  "provenance",
  "gates",
  "artifacts",
  "schema",
  "tracts",
  "population",
  "dac",
  "geography",
  "urbanRural",
  "university",
  "categories",
  "lowIncome.rate",
  "lowIncome.percentile",
  "lowIncome.changes",
  "correlations",
  "demographics",
  "thresholdShift",
  "nulls",
  "students",
  "adjacency",
  "spotChecks",
  "cells",
  "siteReferences",
  "tiles",
] as const;
