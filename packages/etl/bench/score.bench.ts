/**
 * Times `runScore` end to end (read CSVs → write usa.csv, usa.parquet, traces) for
 * methodology 1.0 and 2.0 and reports, per stage, wall time, CPU time (user + system) and
 * the peak RSS seen so far, with the load average next to them (numbers measured on a busy
 * machine are inflated). Goal: under 5 s and 1 GB for 2.0 on ~74,000 tracts.
 *
 * Usage:
 *   npx tsx packages/etl/bench/score.bench.ts --sample /tmp/cejst-perf/sample   (a `cejst sample` folder)
 *   npx tsx packages/etl/bench/score.bench.ts [--tracts 74134]                  (synthetic columns)
 * Results are printed and written to packages/etl/bench/score.results.json.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { runScore } from "../src/score/run-score.ts";
import { seededRandom, writeSyntheticDataset } from "../test/score/synthetic-dataset.ts";

const { values } = parseArgs({
  options: { tracts: { type: "string" }, keep: { type: "string" }, sample: { type: "string" } },
});
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
const dataDirOf = (version: string) => (values.sample ? join(values.sample, version) : join(dir, "data"));
let generateMs = 0;
if (!values.sample) {
  const t0 = performance.now();
  await writeSyntheticDataset(join(dir, "data"), syntheticGeoids(tracts), { seed: 11 });
  generateMs = performance.now() - t0;
}

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);
const round = (x: number) => Math.round(x);
const results = [];
for (const version of ["1.0", "2.0"] as const) {
  const stages: { stage: string; wallMs: number; cpuMs: number; peakRssMB: number }[] = [];
  let current = "start";
  let wall = performance.now();
  let cpu = process.cpuUsage();
  const close = (next: string) => {
    const now = performance.now();
    const used = process.cpuUsage(cpu);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    stages.push({
      stage: current,
      wallMs: round(now - wall),
      cpuMs: round((used.user + used.system) / 1000),
      peakRssMB: round(peakRss / 2 ** 20),
    });
    current = next;
    wall = now;
    cpu = process.cpuUsage();
  };
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const loadBefore = loadavg()[0] as number;
  // The write stage is split per file by its `detail`; other stages by name.
  const summary = await runScore({
    dataDir: dataDirOf(version),
    version,
    outDir: join(dir, `out-${version}`),
    progress: (e) => {
      const name = e.stage === "write" && e.detail ? `write ${e.detail}` : e.stage;
      if (name !== current && !(e.stage === "write" && !e.detail && current.startsWith("write"))) close(name);
    },
  });
  close("end");
  const cpuAll = process.cpuUsage(cpuStart);
  results.push({
    version,
    tracts: summary.tracts,
    columns: summary.columns,
    totalWallMs: round(performance.now() - start),
    totalCpuMs: round((cpuAll.user + cpuAll.system) / 1000),
    peakRssMB: round(peakRss / 2 ** 20),
    loadAverage1m: { before: loadBefore, after: loadavg()[0] as number },
    stages: stages.filter((s) => s.stage !== "start"),
    stagesMs: Object.fromEntries(Object.entries(summary.timingsMs).map(([k, v]) => [k, round(v)])),
    writeMs: Object.fromEntries(Object.entries(summary.writeMs).map(([k, v]) => [k, round(v)])),
  });
}
clearInterval(sampler);
const report = {
  bench: "score",
  input: values.sample ? `cejst sample folder ${values.sample}` : `synthetic, ${tracts} tracts`,
  generateMs: round(generateMs),
  results,
};
console.log(JSON.stringify(report, null, 2));
await writeFile(new URL("./score.results.json", import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
if (!values.keep) await rm(dir, { recursive: true, force: true });
