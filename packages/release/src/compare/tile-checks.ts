import type { GateRow } from "./compute-report.ts";
import type { ScoreTable } from "./score-table.ts";
import type { TileArchiveReading, TilePropertyValue } from "./tile-archives.ts";

/** What a version holds about its tiles, read from the store (rollout.md §4.3 R23). */
export interface TileInputs {
  archives: TileArchiveReading[];
  /** Path of the detail (high) archive, the one tracts are selected on. */
  detail: string | null;
  /** Tracts drawn in the tiles (artifacts.md §2.2), from the search index; null when absent. */
  mapped: string[] | null;
  /** `tile_indexes.json`: tile code → score column. */
  tileIndex: Record<string, string> | null;
}

/**
 * The four columns the compatibility tiles write as the strings "1"/"0" instead of
 * booleans (artifacts.md §2.3 rule 3).
 */
export const STRING_FLAG_CODES: ReadonlySet<string> = new Set(["HRS_ET", "FUDS_RAW", "IMP_FLG", "SN_T"]);

const EXAMPLES = 20;

/** A small deterministic generator (mulberry32), seeded from the candidate's digest. */
function seeded(digest: string): () => number {
  let a = Number.parseInt(digest.replace(/^sha256:/, "").slice(0, 8), 16) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `k` items of `items` (sorted first, so the pick depends only on the set and the seed). */
export function seededSample(items: readonly string[], k: number, digest: string): string[] {
  const pool = [...items].sort();
  const rand = seeded(digest);
  const n = Math.min(k, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rand() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, n).sort();
}

/**
 * The tile property a score cell must become under the tile contract (artifacts.md §2.3):
 * empty → absent, booleans as booleans (or "1"/"0" for the four string flags), numbers
 * floored to 2 decimals as the build computes it, other text unchanged.
 */
export function expectedTileValue(code: string, cell: string): TilePropertyValue | undefined {
  if (cell === "") return undefined;
  if (cell === "True" || cell === "False") {
    const b = cell === "True";
    return STRING_FLAG_CODES.has(code) ? (b ? "1" : "0") : b;
  }
  const x = Number(cell);
  if (Number.isFinite(x)) return Math.floor(x * 100) / 100;
  return cell;
}

function same(expected: TilePropertyValue | undefined, got: TilePropertyValue | undefined): boolean {
  if (typeof expected === "number" && typeof got === "number") return Math.abs(expected - got) <= 1e-9;
  return expected === got;
}

/** Options of {@link tilesSection}. */
export interface TileCheckOptions {
  /** Tracts sampled for fidelity. @defaultValue 2000 */
  sample: number;
  /** Zoom at which tracts are selectable. @defaultValue 5 */
  selectableZoom: number;
}

/**
 * R23: zoom range and feature counts per archive; coverage (every declared zoom has
 * features, every drawn tract has a feature at the selectable zoom); fidelity (for a sample
 * of tracts seeded by the candidate digest, the tile properties equal the score table under
 * the tile contract's rounding). Returns the section and the gates `tiles.coverage` and
 * `tiles.fidelity` (none when the candidate has no archive).
 */
export function tilesSection(
  table: ScoreTable,
  digest: string,
  inputs: TileInputs | null,
  opts: TileCheckOptions,
): { section: Record<string, unknown>; gates: GateRow[] } {
  if (!inputs || inputs.archives.length === 0)
    return { section: { computed: false, reason: "the candidate has no PMTiles archive" }, gates: [] };
  const archives = inputs.archives.map((a) => ({
    path: a.path,
    minZoom: a.minZoom,
    maxZoom: a.maxZoom,
    zooms: a.zooms,
    emptyZooms: a.zooms.filter((z) => z.features === 0).map((z) => z.zoom),
  }));
  const emptyZooms = archives.reduce((s, a) => s + a.emptyZooms.length, 0);
  const detail = inputs.archives.find((a) => a.path === inputs.detail) ?? null;
  const features = detail?.selectable ?? null;
  const universe = inputs.mapped ?? table.geoids;
  const missing = features ? universe.filter((g) => !features.has(g)).sort() : [...universe].sort();
  const coverage = {
    detail: detail?.path ?? null,
    selectableZoom: opts.selectableZoom,
    drawnTracts: inputs.mapped?.length ?? null,
    drawnFrom: inputs.mapped ? "search index (mapped)" : "every score tract (no search index)",
    featuresAtSelectableZoom: features?.size ?? 0,
    missing: missing.length,
    missingExamples: missing.slice(0, EXAMPLES),
  };

  const codes = Object.entries(inputs.tileIndex ?? {}).filter(([code]) => code !== "GTF");
  const checkedCodes = codes.filter(([, column]) => table.has(column));
  const skippedCodes = codes.filter(([, column]) => !table.has(column)).map(([code]) => code);
  const sampled = seededSample(
    universe.filter((g) => table.index.has(g)),
    opts.sample,
    digest,
  );
  let mismatches = 0;
  const mismatchedTracts = new Set<string>();
  let checked = 0;
  const examples: { geoid: string; code: string; expected: string; got: string }[] = [];
  for (const geoid of sampled) {
    const props = features?.get(geoid);
    if (!props) continue;
    checked++;
    const row = table.index.get(geoid)!;
    for (const [code, column] of checkedCodes) {
      const want = expectedTileValue(code, table.cell(column, row) ?? "");
      const got = props[code];
      if (same(want, got)) continue;
      mismatches++;
      mismatchedTracts.add(geoid);
      if (examples.length < EXAMPLES)
        examples.push({
          geoid,
          code,
          expected: want === undefined ? "(absent)" : JSON.stringify(want),
          got: got === undefined ? "(absent)" : JSON.stringify(got),
        });
    }
  }
  const fidelity = {
    sampleRequested: opts.sample,
    sampled: sampled.length,
    checked,
    codesCompared: checkedCodes.length,
    codesNotInScoreTable: skippedCodes,
    mismatchedTracts: mismatchedTracts.size,
    mismatches,
    examples,
  };
  const gates: GateRow[] = [
    {
      id: "tiles.coverage",
      passed: emptyZooms === 0 && missing.length === 0 && detail !== null,
      value: `${missing.length} drawn tracts without a feature at z${opts.selectableZoom}; ${emptyZooms} empty zooms${detail ? "" : "; no detail archive"}`,
      threshold: "0 and 0",
    },
    {
      id: "tiles.fidelity",
      passed: mismatches === 0 && checked > 0 && checkedCodes.length > 0,
      value: `${mismatches} mismatched properties in ${checked} tracts`,
      threshold: "0 (at least one tract and code compared)",
    },
  ];
  return { section: { archives, coverage, fidelity }, gates };
}
