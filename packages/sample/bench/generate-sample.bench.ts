/**
 * Times `generateSample` (both version folders) and prints wall time per stage, CPU time and
 * peak RSS as JSON. Goal: national size (74,000 tracts) well under a minute on 2 cores.
 *
 * Usage: npx tsx packages/sample/bench/generate-sample.bench.ts [--tracts 74000] [--seed 1] [--keep <dir>]
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { generateSample } from "../src/index.ts";

const { values } = parseArgs({
  options: { tracts: { type: "string" }, seed: { type: "string" }, keep: { type: "string" } },
});
const tracts = Number(values.tracts ?? 74_000);
const seed = Number(values.seed ?? 1);
const outDir = values.keep ?? (await mkdtemp(join(tmpdir(), "cejst-sample-bench-")));

const stages: Record<string, number> = {};
let stage = "";
let since = performance.now();
const start = since;
const cpu = process.cpuUsage();
const summary = await generateSample({
  outDir,
  tracts,
  seed,
  onProgress: (e) => {
    const name = e.stage;
    if (name !== stage) {
      const now = performance.now();
      if (stage) stages[stage] = Math.round(now - since);
      stage = name;
      since = now;
    }
  },
});
stages[stage] = Math.round(performance.now() - since);
const used = process.cpuUsage(cpu);
console.log(
  JSON.stringify({
    tracts: summary.tracts,
    byArea: summary.byArea,
    wallMs: Math.round(performance.now() - start),
    cpuMs: Math.round((used.user + used.system) / 1000),
    stagesMs: stages,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
if (!values.keep) await rm(outDir, { recursive: true, force: true });
