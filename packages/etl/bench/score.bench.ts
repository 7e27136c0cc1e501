/**
 * Times `runScore` end to end (read CSVs → write usa.csv, usa.parquet, traces) on a
 * national-size synthetic dataset folder, for methodology 1.0 and 2.0, and prints wall
 * time per stage and peak RSS as JSON. Goal: under 5 s and 1 GB for 2.0.
 *
 * Usage: npx tsx packages/etl/bench/score.bench.ts [--tracts 74134] [--keep <dir>]
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { runScore } from "../src/score/run-score.ts";
import { seededRandom, writeSyntheticDataset } from "../test/score/synthetic-dataset.ts";

const { values } = parseArgs({ options: { tracts: { type: "string" }, keep: { type: "string" } } });
const tracts = Number(values.tracts ?? 74_134);

/** GEOIDs spread over states and counties like the real list, sorted, unique. */
function syntheticGeoids(n: number): string[] {
  const rnd = seededRandom(42);
  const out = new Set<string>();
  const states = ["01", "06", "12", "24", "36", "48", "72", "60", "66", "69", "78"];
  while (out.size < n) {
    const state = states[Math.floor(rnd() * states.length)] as string;
    const county = String(1 + Math.floor(rnd() * 200)).padStart(3, "0");
    const tract = String(Math.floor(rnd() * 999_999)).padStart(6, "0");
    out.add(`${state}${county}${tract}`);
  }
  return [...out].sort();
}

const dir = values.keep ?? (await mkdtemp(join(tmpdir(), "cejst-score-bench-")));
const t0 = performance.now();
const geoids = syntheticGeoids(tracts);
await writeSyntheticDataset(join(dir, "data"), geoids, { seed: 11 });
const generateMs = performance.now() - t0;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);
const results = [];
for (const version of ["1.0", "2.0"] as const) {
  const start = performance.now();
  const rssBefore = peakRss;
  const summary = await runScore({
    dataDir: join(dir, "data"),
    version,
    outDir: join(dir, `out-${version}`),
  });
  results.push({
    version,
    tracts: summary.tracts,
    columns: summary.columns,
    totalMs: Math.round(performance.now() - start),
    stagesMs: Object.fromEntries(Object.entries(summary.timingsMs).map(([k, v]) => [k, Math.round(v)])),
    writeMs: Object.fromEntries(Object.entries(summary.writeMs).map(([k, v]) => [k, Math.round(v)])),
    peakRssMB: Math.round(Math.max(peakRss, rssBefore) / 2 ** 20),
  });
}
clearInterval(sampler);
console.log(JSON.stringify({ generateMs: Math.round(generateMs), results }, null, 2));
if (!values.keep) await rm(dir, { recursive: true, force: true });
