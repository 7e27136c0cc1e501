/**
 * Times `runScore` end to end (read CSVs → write usa.csv, usa.parquet, traces) for
 * methodology 1.0 and then 2.0 (grandfathered from the 1.0 usa.csv, as the main job runs
 * them), each in its own process so each peak RSS is its own. Reports per stage wall time,
 * CPU time (user + system, every thread) and the peak RSS so far, with the load average
 * next to them (numbers measured on a busy machine are inflated). Goal: under 5 s and 1 GB
 * for 2.0 on ~74,000 tracts.
 *
 * Usage:
 *   npx tsx packages/etl/bench/score.bench.ts --sample /tmp/cejst-perf/sample   (a `cejst sample` folder)
 *   npx tsx packages/etl/bench/score.bench.ts [--tracts 74134]                  (synthetic columns)
 * Results are printed and written to packages/etl/bench/score.results.json.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runScore } from "../src/score/run-score.ts";
import { seededRandom, writeSyntheticDataset } from "../test/score/synthetic-dataset.ts";

const { values } = parseArgs({
  options: {
    tracts: { type: "string" },
    keep: { type: "string" },
    sample: { type: "string" },
    child: { type: "string" },
    data: { type: "string" },
    out: { type: "string" },
    v1: { type: "string" },
  },
});

const round = (x: number) => Math.round(x);
const peakRssMB = () => round(process.resourceUsage().maxRSS / 1024);

/** One version in this process: prints its result as JSON on stdout. */
async function child(version: "1.0" | "2.0", dataDir: string, outDir: string, v1?: string) {
  const stages: { stage: string; wallMs: number; cpuMs: number; peakRssMB: number }[] = [];
  let current = "start";
  let wall = performance.now();
  let cpu = process.cpuUsage();
  const close = (next: string) => {
    const now = performance.now();
    const used = process.cpuUsage(cpu);
    stages.push({
      stage: current,
      wallMs: round(now - wall),
      cpuMs: round((used.user + used.system) / 1000),
      peakRssMB: peakRssMB(),
    });
    current = next;
    wall = now;
    cpu = process.cpuUsage();
  };
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const loadBefore = loadavg()[0] as number;
  const summary = await runScore({
    dataDir,
    version,
    outDir,
    ...(v1 ? { v1ResultsPath: v1 } : {}),
    progress: (e) => {
      if (e.stage !== current) close(e.stage);
    },
  });
  close("end");
  const cpuAll = process.cpuUsage(cpuStart);
  return {
    version,
    tracts: summary.tracts,
    columns: summary.columns,
    totalWallMs: round(performance.now() - start),
    totalCpuMs: round((cpuAll.user + cpuAll.system) / 1000),
    peakRssMB: peakRssMB(),
    loadAverage1m: { before: loadBefore, after: loadavg()[0] as number },
    stages: stages.filter((s) => s.stage !== "start"),
    stagesMs: Object.fromEntries(Object.entries(summary.timingsMs).map(([k, v]) => [k, round(v)])),
    /** The CSV and Parquet files are written in a worker while the traces are written. */
    writeMs: Object.fromEntries(Object.entries(summary.writeMs).map(([k, v]) => [k, round(v)])),
  };
}

if (values.child) {
  const result = await child(
    values.child as "1.0" | "2.0",
    values.data as string,
    values.out as string,
    values.v1,
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const tracts = Number(values.tracts ?? 74_134);
  /** GEOIDs spread over states and counties like the real list, sorted, unique. */
  const syntheticGeoids = (n: number): string[] => {
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
  };
  const dir = values.keep ?? (await mkdtemp(join(tmpdir(), "cejst-score-bench-")));
  const dataDirOf = (version: string) => (values.sample ? join(values.sample, version) : join(dir, "data"));
  let generateMs = 0;
  if (!values.sample) {
    const t0 = performance.now();
    await writeSyntheticDataset(join(dir, "data"), syntheticGeoids(tracts), { seed: 11 });
    generateMs = performance.now() - t0;
  }
  const self = fileURLToPath(import.meta.url);
  const results = [];
  for (const version of ["1.0", "2.0"] as const) {
    const args = [
      "--import",
      import.meta.resolve("tsx"),
      self,
      "--child",
      version,
      "--data",
      dataDirOf(version),
    ];
    args.push("--out", join(dir, `out-${version}`));
    if (version === "2.0") args.push("--v1", join(dir, "out-1.0", "score", "csv", "full", "usa.csv"));
    const stdout = execFileSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 24 });
    results.push(JSON.parse(stdout.trim().split("\n").at(-1) as string));
  }
  const report = {
    bench: "score",
    input: values.sample ? `cejst sample folder ${values.sample}` : `synthetic, ${tracts} tracts`,
    generateMs: round(generateMs),
    results,
  };
  console.log(JSON.stringify(report, null, 2));
  await writeFile(new URL("./score.results.json", import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  if (!values.keep) await rm(dir, { recursive: true, force: true });
}
