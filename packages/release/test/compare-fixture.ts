/**
 * Two generated versions of a few hundred tracts for the change report, deterministic from a
 * seed: every column the field map names, the eight categories, a text column with commas,
 * doubled quotes and a line break, tracts added and removed, flags flipped both ways,
 * grandfathering, adjacency, missing values in states and territories, and a candidate tile
 * archive over several zooms. Used to check that the report stays the same when its code is
 * made faster.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { buildTileArchive, memoryByteSink } from "@cejst/tiles";
import type { Feature } from "geojson";
import { createBuildManifest } from "../src/build-manifest.ts";
import { SCORE_TABLE_PATH, TILE_INDEX_PATH } from "../src/compare/compare-versions.ts";
import { CATEGORY_COLUMNS, FIELD_MAP } from "../src/compare/score-table.ts";
import type { MemoryStore } from "../src/memory-store.ts";
import { publish } from "../src/publish.ts";

/** mulberry32: a small generator, so the fixture is the same on every run. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATES = ["01", "06", "11", "36", "48", "60", "66", "69", "72", "78"];
const TEXT = "County Name";
const STATE = "State/Territory";
const INDICATOR = "Tract-level redlining score meets or exceeds 3.25";

const NUMERIC = [
  FIELD_MAP.rate,
  FIELD_MAP.unadjustedRate,
  FIELD_MAP.ratePercentile,
  FIELD_MAP.islandPercentile,
  FIELD_MAP.population,
  FIELD_MAP.urban,
  FIELD_MAP.college,
  FIELD_MAP.categoriesExceeded,
  FIELD_MAP.thresholdsExceeded,
  FIELD_MAP.under10,
  FIELD_MAP.over64,
  FIELD_MAP.noHighSchool,
] as const;
const FLAGS = [
  FIELD_MAP.final,
  FIELD_MAP.withoutAdjacency,
  FIELD_MAP.adjacency,
  FIELD_MAP.surrounded,
  FIELD_MAP.tribal,
  FIELD_MAP.lowIncome,
  INDICATOR,
  ...Object.values(CATEGORY_COLUMNS),
] as const;

type Row = Record<string, string>;

function rows(n: number, seed: number): Row[] {
  const rand = generator(seed);
  const out: Row[] = [];
  for (let i = 0; i < n; i++) {
    const st = STATES[i % STATES.length]!;
    const geoid = `${st}${String(1 + (i % 7)).padStart(3, "0")}${String(100 + i).padStart(6, "0")}`;
    const r: Row = { [FIELD_MAP.geoid]: geoid };
    for (const c of NUMERIC) {
      const x = rand();
      r[c] = x < 0.06 ? "" : c === FIELD_MAP.population ? `${Math.floor(x * 8000)}.0` : String(x);
    }
    r[FIELD_MAP.categoriesExceeded] = String(Math.floor(rand() * 9));
    for (const c of FLAGS) {
      const x = rand();
      r[c] = x < 0.03 ? "" : x < 0.5 ? "True" : "False";
    }
    if (r[FIELD_MAP.final] === "") r[FIELD_MAP.final] = "False";
    const q = rand();
    r[TEXT] =
      q < 0.1 ? `Name "${i}", quoted` : q < 0.15 ? `Two\nlines ${i}` : q < 0.3 ? `Comma, ${i}` : `Plain ${i}`;
    r[STATE] = st === "72" ? "Puerto Rico" : `State ${st}`;
    out.push(r);
  }
  return out;
}

/** The candidate: some tracts gone, some new, many cells changed, finals flipped both ways. */
function candidateOf(base: Row[], seed: number): Row[] {
  const rand = generator(seed);
  const out: Row[] = [];
  for (const b of base) {
    if (rand() < 0.02) continue;
    const r: Row = { ...b };
    for (const c of NUMERIC) {
      const x = rand();
      if (x < 0.3 && r[c] !== "") r[c] = String(Number(r[c]) + (rand() - 0.5) * 0.2);
      else if (x < 0.33) r[c] = r[c] === "" ? String(rand()) : "";
      else if (x < 0.36 && r[c] !== "") r[c] = String(Number(r[c]) + 1e-15);
    }
    for (const c of FLAGS) if (rand() < 0.15) r[c] = r[c] === "True" ? "False" : "True";
    if (rand() < 0.1) r[TEXT] = `${r[TEXT]} (renamed, "again")`;
    r[FIELD_MAP.grandfathered] =
      b[FIELD_MAP.final] === "True" && r[FIELD_MAP.final] === "False" ? "True" : "False";
    if (r[FIELD_MAP.grandfathered] === "True" && rand() < 0.8) r[FIELD_MAP.final] = "True";
    r[FIELD_MAP.students] = rand() < 0.1 ? "" : String(Math.floor(rand() * 300));
    out.push(r);
  }
  const extra = rows(12, seed + 1).map((r, i) => ({
    ...r,
    [FIELD_MAP.geoid]: `${STATES[i % STATES.length]}900${String(100 + i).padStart(6, "0")}`,
    [FIELD_MAP.grandfathered]: "False",
    [FIELD_MAP.students]: "7",
  }));
  return [...out, ...extra];
}

function csv(table: Row[]): string {
  const header = Object.keys(table[0]!);
  const q = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return `${[header, ...table.map((r) => header.map((h) => r[h] ?? ""))].map((l) => l.map(q).join(",")).join("\n")}\n`;
}

const TILE_INDEX: Record<string, string> = {
  GTF: FIELD_MAP.geoid,
  TPF: FIELD_MAP.population,
  P200_I_PFS: FIELD_MAP.ratePercentile,
  SN_C: FIELD_MAP.final,
  HRS_ET: INDICATOR,
  SF: STATE,
};

/** Tile properties as the tile contract writes them; one tract in 17 is written wrong. */
function tileProps(r: Row, k: number): Record<string, string | number | boolean> {
  const p: Record<string, string | number | boolean> = { GEOID10: r[FIELD_MAP.geoid]! };
  for (const [code, column] of Object.entries(TILE_INDEX)) {
    if (code === "GTF") continue;
    const cell = r[column] ?? "";
    if (cell === "") continue;
    if (cell === "True" || cell === "False")
      p[code] = code === "HRS_ET" ? (cell === "True" ? "1" : "0") : cell === "True";
    else if (Number.isFinite(Number(cell))) p[code] = Math.floor(Number(cell) * 100) / 100;
    else p[code] = cell;
  }
  if (k % 17 === 0 && typeof p.TPF === "number") p.TPF += 1;
  return p;
}

function square(k: number, props: Record<string, unknown>): Feature {
  const d = 0.15;
  const lon = -120 + (k % 40) * 1.3;
  const lat = 25 + Math.floor(k / 40) * 1.1;
  return {
    type: "Feature",
    properties: props,
    geometry: {
      type: "Polygon",
      coordinates: [
        [
          [lon, lat],
          [lon + d, lat],
          [lon + d, lat + d],
          [lon, lat + d],
          [lon, lat],
        ],
      ],
    },
  };
}

async function put(dir: string, path: string, body: string | Uint8Array) {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), body);
}

async function publishTable(store: MemoryStore, label: string, table: Row[], tiles: boolean) {
  const dir = await mkdtemp(join(tmpdir(), "cejst-compare-fixture-"));
  try {
    await put(dir, SCORE_TABLE_PATH, csv(table));
    await put(dir, `data/score/downloadable/${label}-communities.csv`, `x,${label}\n`);
    const fileFields: Record<string, Record<string, unknown>> = {};
    if (tiles) {
      // Every seventh tract is left out of the archive, and every eleventh is not drawn.
      const drawn = table.filter((_, k) => k % 11 !== 5);
      const features = drawn.filter((_, k) => k % 7 !== 3).map((r, k) => square(k, tileProps(r, k)));
      const sink = memoryByteSink();
      await buildTileArchive({ features, layer: "blocks", minZoom: 2, maxZoom: 7, sink });
      await put(dir, "data/score/tiles/high/usa_high.pmtiles", sink.bytes());
      await put(dir, TILE_INDEX_PATH, JSON.stringify(TILE_INDEX));
      await put(
        dir,
        "api/search/tracts.json",
        JSON.stringify({
          label,
          columns: ["geoid", "lat", "lon", "bbox", "mapped"],
          rows: table.map((r, k) => [r[FIELD_MAP.geoid], 0, 0, null, k % 11 !== 5]),
        }),
      );
      fileFields["data/score/tiles/high/usa_high.pmtiles"] = { role: "tiles-detail" };
      fileFields["api/search/tracts.json"] = { role: "search-tracts" };
    }
    await createBuildManifest(dir, { label, methodology: label, synthetic: true }, { fileFields });
    await publish(store, { version: label, buildDir: dir, allowUnfrozen: true, actor: { name: "Test" } });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Publishes the generated 1.0 (`tracts` tracts) and 2.0 (with tiles) into `store`. */
export async function publishGeneratedVersions(store: MemoryStore, tracts = 400, seed = 20): Promise<void> {
  const base = rows(tracts, seed);
  await publishTable(store, "1.0", base, false);
  await publishTable(store, "2.0", candidateOf(base, seed + 7), true);
}
