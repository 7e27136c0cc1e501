/**
 * Tiles a synthetic national-size polygon set (~74,000 hexagons over the contiguous US, about
 * the number of 2010 census tracts) at the high (z5–11) and low (z0–7) zoom ranges, and prints
 * one JSON line per case: duration, tile counts, archive size and peak RSS. Each case runs in
 * its own child process so peak RSS is that case's alone.
 *
 * Each case also writes the MBTiles file from the same tiles, as the release build does, and
 * reports the time spent in it separately (`mbtilesMs`: inserts plus index and close).
 *
 * Run: npx tsx packages/tiles/bench/tiles.bench.ts   (BENCH_FEATURES=N to change the count)
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Feature } from "geojson";
import { buildTileArchive, openMbtilesWriter } from "../src/index.ts";

const cases = {
  "high-z5-11": { minZoom: 5, maxZoom: 11 },
  "low-z0-7": { minZoom: 0, maxZoom: 7 },
} as const;
type CaseName = keyof typeof cases;

const WEST = -124.7;
const EAST = -67.0;
const SOUTH = 25.1;
const NORTH = 49.4;

/** Hexagons on a grid over the US bounding box, with tract-like properties. */
function* hexagons(count: number): Generator<Feature> {
  const aspect = (EAST - WEST) / (NORTH - SOUTH);
  const columns = Math.ceil(Math.sqrt(count * aspect));
  const rows = Math.ceil(count / columns);
  const dx = (EAST - WEST) / columns;
  const dy = (NORTH - SOUTH) / rows;
  const r = Math.min(dx, dy) * 0.45;
  for (let i = 0; i < count; i++) {
    const col = i % columns;
    const row = Math.floor(i / columns);
    const cx = WEST + (col + 0.5) * dx;
    const cy = SOUTH + (row + 0.5) * dy;
    const ring: Array<[number, number]> = [];
    for (let k = 0; k <= 6; k++) {
      const a = ((k % 6) * Math.PI) / 3;
      ring.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
    }
    yield {
      type: "Feature",
      geometry: { type: "Polygon", coordinates: [ring] },
      properties: {
        GEOID10: String(10_000_000_000 + i).padStart(11, "0"),
        SF: "State",
        CF: "County",
        TPF: 1000 + (i % 5000),
        DF_PFS: (i % 100) / 100,
        AF_PFS: ((i * 7) % 100) / 100,
        SN_C: i % 3 === 0,
        SN_GRAND: i % 11 === 0,
        HRS_ET: i % 4 === 0 ? null : i % 2 === 0 ? "1" : "0",
        UI_EXP: "Nation",
        THRHLD: 21,
      },
    };
  }
}

async function runCase(name: CaseName, count: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "cejst-tiles-bench-"));
  const cpuBefore = process.cpuUsage();
  try {
    const mbtiles = openMbtilesWriter(join(dir, `${name}.mbtiles`));
    let mbtilesMs = 0;
    const summary = await buildTileArchive({
      features: hexagons(count),
      layer: "blocks",
      ...cases[name],
      sink: join(dir, `${name}.pmtiles`),
      onTile: (t) => {
        const started = performance.now();
        mbtiles.put({ z: t.z, x: t.x, y: t.y, data: t.gzipped });
        mbtilesMs += performance.now() - started;
      },
    });
    const closing = performance.now();
    const mb = await mbtiles.close({ name, format: "pbf" });
    mbtilesMs += performance.now() - closing;
    console.log(
      JSON.stringify({
        case: name,
        features: summary.features,
        durationMs: Math.round(summary.durationMs),
        // CPU time as well as wall time: on a shared machine wall time mostly measures the neighbours.
        cpuMs: Math.round(cpuMs(process.cpuUsage(cpuBefore))),
        tiles: summary.tiles,
        tileContents: summary.tileContents,
        archiveBytes: summary.bytes,
        mbtilesMs: Math.round(mbtilesMs),
        mbtilesBytes: mb.bytes,
        leafDirectories: summary.archive.leafDirectories,
        perZoom: summary.perZoom,
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

const count = Number(process.env.BENCH_FEATURES ?? 74_000);
const only = process.argv[2] as CaseName | undefined;
if (only !== undefined) {
  if (!(only in cases))
    throw new Error(`bench case must be one of ${Object.keys(cases).join(", ")} (got ${only})`);
  await runCase(only, count);
} else {
  const self = fileURLToPath(import.meta.url);
  for (const name of Object.keys(cases)) {
    const child = spawnSync(process.execPath, ["--import", "tsx", self, name], { stdio: "inherit" });
    if (child.status !== 0) throw new Error(`bench case ${name} must succeed (got exit ${child.status})`);
  }
}
