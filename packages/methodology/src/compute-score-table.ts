import { ISLAND_RACE_2009_COLUMNS, type ProgressSink } from "@cejst/schema";
import { ISLAND_AREA } from "./area.ts";
import { buildTrace, type TraceSource } from "./build-trace.ts";
import { COL } from "./column-names.ts";
import { type DecideResult, decideScores } from "./decide-scores.ts";
import type { DecisionTrace } from "./explain.ts";
import { computeNeighbourAverage } from "./neighbour-average.ts";
import { type RankedTable, rankScoreInputs } from "./rank-inputs.ts";
import { classifyColumnKind, SCORE_COLUMNS } from "./score-columns.ts";
import type { ScoreColumn, ScoreTableInput } from "./score-table.ts";

/** The score table of one version and the decision trace of any tract. */
export interface ScoreTableResult {
  /** Exactly the columns of methodology.md §15.1, in output order (272 for 2.0, 261 for 1.0). */
  columns: ScoreColumn[];
  /** The decision trace of row `row` (computed on demand). */
  trace(row: number): DecisionTrace;
}

/**
 * Computes the score table (methodology.md §2.2 steps 5–8, §2.3, §2.4): percentiles, the
 * rules, donut holes over the neighbour graph, grandfathering (2.0) and the island backfill.
 */
export function computeScoreTable(
  input: ScoreTableInput,
  options: { onProgress?: ProgressSink } = {},
): ScoreTableResult {
  const n = input.geoids.length;
  if (input.neighbours.offsets.length !== n + 1)
    throw new Error(
      `neighbour graph offsets must have one entry per tract plus one (got ${input.neighbours.offsets.length})`,
    );
  const ranked = rankScoreInputs(input, options.onProgress);
  const aland = input.version === "2.0" ? input.aland10 : null;
  const decided = decideRanked(ranked, (scoreN) => computeNeighbourAverage(scoreN, input.neighbours, aland));
  options.onProgress?.({ stage: "rules", done: n, total: n, unit: "tracts" });
  return assembleScoreTable(ranked, decided, { neighbours: input.neighbours, aland10: input.aland10 });
}

/** Runs the rules over a ranked table (the percentiles are taken as they are). */
export function decideRanked(
  ranked: RankedTable,
  neighbourAverage: (scoreN: Uint8Array) => Float64Array,
): DecideResult {
  return decideScores({
    version: ranked.version,
    geoids: ranked.geoids,
    numeric: (name) => ranked.numeric.get(name),
    flag: (name) => ranked.flags.get(name),
    neighbourAverage,
  });
}

// Numeric columns leave as plain arrays of doubles with NaN for missing: V8 then stores them
// unboxed, while a single `null` would box every value. Arrays are pre-filled with a value of
// the final element kind and then written, the fastest way V8 offers to build them.
const toFloats = (col: ArrayLike<number>): number[] => {
  if (Array.isArray(col)) return col as number[];
  const out = new Array<number>(col.length).fill(0.5);
  for (let i = 0; i < col.length; i++) out[i] = col[i]!;
  return out;
};
const toBools = (col: Uint8Array): boolean[] => {
  const out = new Array<boolean>(col.length).fill(false);
  for (let i = 0; i < col.length; i++) out[i] = col[i] === 1;
  return out;
};
const toTri = (col: Int8Array): Array<boolean | null> => {
  const out = new Array<boolean | null>(col.length).fill(null);
  for (let i = 0; i < col.length; i++) out[i] = col[i] === 1 ? true : col[i] === 0 ? false : null;
  return out;
};

/** §2.4: island tracts take their population and race shares from the decennial census. */
const BACKFILL: ReadonlyArray<readonly [target: string, source: string]> = [
  [COL.totalPopulation, "Total population in 2009 (island areas) and 2019 (states and PR)"],
  ...ISLAND_RACE_2009_COLUMNS.map((c) => [c.replace(/ in 2009$/, ""), c] as const),
];

/** Orders the ranked and decided columns as §15.1 requires and encodes them. */
export function assembleScoreTable(
  ranked: RankedTable,
  decided: DecideResult,
  graph: Pick<TraceSource, "neighbours" | "aland10">,
): ScoreTableResult {
  const n = ranked.geoids.length;
  const backfilled = new Map<string, number[]>();
  for (const [target, source] of BACKFILL) {
    const t = ranked.numeric.get(target);
    const s = ranked.numeric.get(source);
    if (t === undefined || s === undefined) continue;
    const copy = toFloats(t).slice();
    for (let i = 0; i < n; i++) if (decided.area[i] === ISLAND_AREA) copy[i] = s[i]!;
    backfilled.set(target, copy);
  }
  const columns: ScoreColumn[] = SCORE_COLUMNS[ranked.version].map((name): ScoreColumn => {
    if (name === "GEOID10_TRACT") return { name, kind: "text", values: ranked.geoids };
    const own = decided.columns.get(name);
    const numeric = backfilled.get(name) ?? ranked.numeric.get(name);
    const flag = ranked.flags.get(name);
    const text = ranked.text.get(name);
    if (text !== undefined) return { name, kind: "text", values: text };
    if (flag !== undefined) return { name, kind: "bool", values: toTri(flag) };
    const col = own ?? numeric;
    if (col === undefined) throw new Error(`score column ${name} was not computed (got no value for it)`);
    const kind = classifyColumnKind(name, !(col instanceof Uint8Array));
    if (kind === "bool") return { name, kind, values: toBools(col as Uint8Array) };
    return { name, kind, values: toFloats(col) };
  });
  const source: TraceSource = { ranked, decided, neighbours: graph.neighbours, aland10: graph.aland10 };
  return { columns, trace: (row) => buildTrace(source, row) };
}
