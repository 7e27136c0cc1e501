/**
 * Builds the release artifacts (everything but tiles, which the tiles bench measures) from a
 * synthetic national-size score (74,134 tracts by default, every column the artifacts read)
 * and prints one JSON line: seconds per stage, total, output bytes and peak RSS.
 *
 * Run: npx tsx packages/artifacts/bench/build.bench.ts   (BENCH_TRACTS=N to change the count)
 * On a real score folder: BENCH_SCORE=<cejst score --out> BENCH_DATA=<dataset folder> (2.0);
 * BENCH_TILES=1 includes the tiles. Per stage: wall and CPU seconds and the peak RSS so far,
 * with the load average (a busy machine inflates every number). Results are also written to
 * packages/artifacts/bench/build.results.json.
 */

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { csvLine, formatPythonFloat } from "@cejst/etl";
import { buildArtifacts } from "../src/build-artifacts.ts";
import { STATES } from "../src/states.ts";
import { fixtureColumns, fixtureValue } from "../test/score-fixture.ts";

const count = Number(process.env.BENCH_TRACTS ?? 74134);
const root = await mkdtemp(join(tmpdir(), "cejst-bench-build-"));
try {
  const states = [...STATES.keys()];
  const geoids = Array.from({ length: count }, (_, i) => {
    const s = states[i % states.length] as string;
    const k = Math.floor(i / states.length);
    return `${s}${String(1 + (k % 90)).padStart(3, "0")}${String(k).padStart(6, "0")}`;
  }).sort();
  const score = join(root, "score");
  const data = join(root, "data");
  await mkdir(join(score, "score/csv/full"), { recursive: true });
  await mkdir(join(data, "census/geojson"), { recursive: true });
  const cols = fixtureColumns("2.0");
  const csv = createWriteStream(join(score, "score/csv/full/usa.csv"));
  csv.write(`${csvLine(cols.map((c) => c.name))}\n`);
  geoids.forEach((g, r) => {
    const line = cols.map((col, c) => {
      const v = fixtureValue(col.name, col.kind, g, r, c);
      if (v === null) return "";
      if (typeof v === "boolean") return v ? "True" : "False";
      if (typeof v === "string") return v;
      return col.kind === "float" ? formatPythonFloat(v) : String(v);
    });
    csv.write(`${csvLine(line)}\n`);
  });
  csv.end();
  await once(csv, "finish");
  const geo = createWriteStream(join(data, "census/geojson/us.json"));
  geo.write('{"type":"FeatureCollection","features":[');
  geoids.forEach((g, i) => {
    const x = -124 + (i % 500) * 0.1;
    const y = 25 + Math.floor(i / 500) * 0.1;
    const ring = [
      [x, y],
      [x + 0.05, y],
      [x + 0.05, y + 0.05],
      [x, y + 0.05],
      [x, y],
    ];
    const f = {
      type: "Feature",
      properties: {
        GEOID10: g,
        ALAND10: i % 97 === 0 ? 0 : 1000,
        AWATER10: 0,
        INTPTLAT10: `+${(y + 0.02).toFixed(7)}`,
        INTPTLON10: `-${(-x - 0.02).toFixed(7).padStart(11, "0")}`,
      },
      geometry: { type: "Polygon", coordinates: [ring] },
    };
    geo.write(`${i ? "," : ""}${JSON.stringify(f)}`);
  });
  geo.end("]}");
  await once(geo, "finish");
  await writeFile(join(data, "census/geojson/.keep"), "");

  const stages: Record<string, { wallS: number; cpuS: number; peakRssMB: number }> = {};
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let lastStage = "start";
  const started = last;
  const startedCpu = process.cpuUsage();
  const loadBefore = loadavg()[0];
  const real = process.env.BENCH_SCORE !== undefined && process.env.BENCH_DATA !== undefined;
  const result = await buildArtifacts({
    scoreDir: real ? (process.env.BENCH_SCORE as string) : score,
    dataDir: real ? (process.env.BENCH_DATA as string) : data,
    methodology: "2.0",
    outDir: join(root, "out"),
    skipTiles: process.env.BENCH_TILES !== "1",
    synthetic: true,
    progress: (e) => {
      if (e.unit !== "steps" || e.stage === lastStage) return;
      const now = performance.now();
      const cpu = process.cpuUsage(lastCpu);
      stages[lastStage] = {
        wallS: Math.round(now - last) / 1000,
        cpuS: Math.round((cpu.user + cpu.system) / 1000) / 1000,
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      };
      last = now;
      lastCpu = process.cpuUsage();
      lastStage = e.stage;
    },
  });
  const bytes = result.files.reduce((s, f) => s + f.bytes, 0);
  const cpu = process.cpuUsage(startedCpu);
  const report = {
    bench: "artifacts-build",
    input: real
      ? `score ${process.env.BENCH_SCORE}, data ${process.env.BENCH_DATA}`
      : `synthetic, ${count} tracts`,
    tracts: result.counts.tracts,
    tiles: process.env.BENCH_TILES === "1",
    seconds: Math.round(performance.now() - started) / 1000,
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1000) / 1000,
    loadAverage1m: { before: loadBefore, after: loadavg()[0] },
    stages,
    files: result.files.length,
    outputMB: Math.round(bytes / 1e5) / 10,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  console.log(JSON.stringify(report));
  await writeFile(new URL("./build.results.json", import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
} finally {
  await rm(root, { recursive: true, force: true });
}
