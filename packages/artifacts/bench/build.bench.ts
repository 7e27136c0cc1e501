/**
 * The whole release build (`buildArtifacts`, tiles included) timed per stage: wall seconds,
 * CPU seconds (all threads of the process) and peak RSS sampled every 20 ms and reset at each
 * stage, plus the tile archive sizes, the total wall and CPU time and the overall peak RSS.
 * Prints one JSON line and writes `build.results.json` next to this file with the 1-minute
 * load average before and after (a busy machine inflates every number).
 *
 * Run on a real score folder (the question: the national build on this machine):
 *   BENCH_SCORE=/tmp/cejst-bench-national/score BENCH_DATA=/tmp/cejst-bench-national/sample/2.0 \
 *     npx tsx packages/artifacts/bench/build.bench.ts
 * Without them it builds from a synthetic national-size score (BENCH_TRACTS=N, default
 * 74,134, square tracts). BENCH_TILES=0 skips the tiles. BENCH_KEEP=<dir> keeps the built
 * release there (it must not exist) instead of deleting it, e.g. to compare its manifest
 * with another build of the same inputs.
 */

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { csvLine, formatPythonFloat } from "@cejst/etl";
import { buildArtifacts } from "../src/build-artifacts.ts";
import { STATES } from "../src/states.ts";
import { fixtureColumns, fixtureValue } from "../test/score-fixture.ts";

const count = Number(process.env.BENCH_TRACTS ?? 74134);
const root = await mkdtemp(join(tmpdir(), "cejst-bench-build-"));
try {
  const score = join(root, "score");
  const data = join(root, "data");
  if (process.env.BENCH_SCORE === undefined || process.env.BENCH_DATA === undefined)
    await writeSyntheticInputs(score, data);

  const stages: Record<string, { wallS: number; cpuS: number; peakRssMB: number }> = {};
  const stageStarts: Record<string, number> = {};
  const mb = (bytes: number) => Math.round(bytes / 1048576);
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let lastStage = "start";
  let stagePeak = process.memoryUsage().rss;
  let peak = stagePeak;
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    if (rss > stagePeak) stagePeak = rss;
    if (rss > peak) peak = rss;
  }, 20);
  const started = last;
  const startedCpu = process.cpuUsage();
  const loadBefore = loadavg()[0];
  const real = process.env.BENCH_SCORE !== undefined && process.env.BENCH_DATA !== undefined;
  const tiles = process.env.BENCH_TILES !== "0";
  const endStage = (next: string) => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const rss = process.memoryUsage().rss;
    stages[lastStage] = {
      wallS: Math.round(now - last) / 1000,
      cpuS: Math.round((cpu.user + cpu.system) / 1000) / 1000,
      peakRssMB: mb(Math.max(stagePeak, rss)),
    };
    stageStarts[next] = Math.round(now - started) / 1000;
    last = now;
    lastCpu = process.cpuUsage();
    lastStage = next;
    stagePeak = rss;
  };
  const result = await buildArtifacts({
    scoreDir: real ? (process.env.BENCH_SCORE as string) : score,
    dataDir: real ? (process.env.BENCH_DATA as string) : data,
    methodology: "2.0",
    outDir: process.env.BENCH_KEEP ?? join(root, "out"),
    skipTiles: !tiles,
    synthetic: true,
    progress: (e) => {
      if (e.unit !== "steps" || e.stage === lastStage) return;
      endStage(e.stage);
    },
  });
  clearInterval(sampler);
  const wallS = Math.round(performance.now() - started) / 1000;
  const bytes = result.files.reduce((s, f) => s + f.bytes, 0);
  const cpu = process.cpuUsage(startedCpu);
  const archives = Object.fromEntries(
    result.files
      .filter((f) => /\.(pmtiles|mbtiles)$/.test(f.path))
      .map((f) => [f.path, { bytes: f.bytes, MB: Math.round(f.bytes / 1e5) / 10 }]),
  );
  const report = {
    bench: "artifacts-build",
    input: real
      ? `score ${process.env.BENCH_SCORE}, data ${process.env.BENCH_DATA}`
      : `synthetic, ${count} tracts`,
    tracts: result.counts.tracts,
    tiles,
    seconds: wallS,
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1000) / 1000,
    peakRssMB: Math.max(mb(peak), Math.round(process.resourceUsage().maxRSS / 1024)),
    loadAverage1m: { before: loadBefore, after: loadavg()[0] },
    stages,
    stageStartsS: stageStarts,
    tileArchives: archives,
    files: result.files.length,
    outputMB: Math.round(bytes / 1e5) / 10,
    cores: availableParallelism(),
    node: process.version,
  };
  console.log(JSON.stringify(report));
  await writeFile(new URL("./build.results.json", import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
} finally {
  await rm(root, { recursive: true, force: true });
}

/** A national-size score CSV and square tract polygons, every column the artifacts read. */
async function writeSyntheticInputs(score: string, data: string): Promise<void> {
  const states = [...STATES.keys()];
  const geoids = Array.from({ length: count }, (_, i) => {
    const s = states[i % states.length] as string;
    const k = Math.floor(i / states.length);
    return `${s}${String(1 + (k % 90)).padStart(3, "0")}${String(k).padStart(6, "0")}`;
  }).sort();
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
}
