/**
 * Times `computeScoreTable` on a national-size synthetic input (74,134 tracts, every numeric
 * column of the score) for methodology 1.0 and 2.0, and prints JSON: rank + rules + encoding
 * time per version (median of a few runs) and the time of 20 decision traces.
 *
 * Usage: npx tsx packages/methodology/bench/score.bench.ts [tracts] [runs]
 * Goal: well under 2 s per version on an idle core.
 */
import { performance } from "node:perf_hooks";
import { computeScoreTable } from "../src/compute-score-table.ts";
import { INPUT_COLUMNS } from "../src/score-columns.ts";
import { syntheticScoreInput } from "../test/helpers/synthetic-input.ts";

const tracts = Number(process.argv[2] ?? 74_134);
const runs = Number(process.argv[3] ?? 5);
/** A fixed CPU loop, timed alongside: on a shared machine it shows how loaded the CPU was
 * (about 100 ms on an idle core), so the numbers below can be read relative to it. */
function calibrationMs(): number {
  const t0 = performance.now();
  let s = 0;
  for (let i = 0; i < 1e8; i++) s += i;
  if (s < 0) console.log(s);
  return Math.round(performance.now() - t0);
}

const results = [];
const calibrationBefore = calibrationMs();
for (const version of ["1.0", "2.0"] as const) {
  const input = syntheticScoreInput(version, tracts);
  const times: number[] = [];
  const cpu: number[] = [];
  let columns = 0;
  let disadvantaged = 0;
  let traceMs = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const result = computeScoreTable(input);
    const dc = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    // CPU time of this process (user + system): on a shared machine closer to what an idle
    // one would take than wall time; it includes the garbage collector's threads.
    cpu.push((dc.user + dc.system) / 1000);
    columns = result.columns.length;
    const final = result.columns.find(
      (c) => c.name === "Definition N community, including adjacency index tracts",
    )!;
    disadvantaged = final.values.filter((v) => v === true).length;
    const t1 = performance.now();
    for (let k = 0; k < 20; k++) result.trace(Math.floor((k * tracts) / 20));
    traceMs = performance.now() - t1;
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  results.push({
    version,
    tracts,
    numericInputs: INPUT_COLUMNS[version].numeric.length,
    outputColumns: columns,
    disadvantaged,
    medianMs: Math.round(times[Math.floor(times.length / 2)]!),
    minMs: Math.round(times[0]!),
    maxMs: Math.round(times[times.length - 1]!),
    medianCpuMs: Math.round(cpu[Math.floor(cpu.length / 2)]!),
    twentyTracesMs: Math.round(traceMs * 10) / 10,
  });
}
console.log(
  JSON.stringify(
    {
      bench: "methodology.computeScoreTable",
      node: process.version,
      calibrationLoopMs: [calibrationBefore, calibrationMs()],
      results,
    },
    null,
    2,
  ),
);
