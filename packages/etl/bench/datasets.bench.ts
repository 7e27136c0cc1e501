/**
 * Times `runEtl` for each source adapter on the real files in ../shared/fixtures/original
 * (skipping any that are absent) and on a synthetic national-size NRI table (74,134 tracts,
 * the hand-written fixture's layout, large enough to take the piecewise CSV path). Prints one
 * JSON line per run: wall time, output bytes, peak RSS.
 *
 * Usage: npx tsx packages/etl/bench/datasets.bench.ts [--tracts 74134]
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sharedFixture } from "@cejst/testing";
import { runEtl } from "../src/datasets/run-etl.ts";

const { values } = parseArgs({ options: { tracts: { type: "string" } } });
const tracts = Number(values.tracts ?? 74_134);
const here = dirname(fileURLToPath(import.meta.url));
const out = await mkdtemp(join(tmpdir(), "cejst-etl-bench-"));

async function time(dataset: string, sources: string[], label = dataset): Promise<void> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  const result = await runEtl({ dataset, sources, out });
  const ms = performance.now() - t0;
  clearInterval(sampler);
  const bytes = result.files.reduce((s, f) => s + f.bytes, 0);
  console.log(
    JSON.stringify({
      run: label,
      ms: Math.round(ms),
      outputBytes: bytes,
      peakRssMB: Math.round(peak / 2 ** 20),
    }),
  );
}

for (const [dataset, rel] of [
  ["national_risk_index", "sources/national_risk_index"],
  ["hud_housing", "sources/hud_housing"],
  ["cdc_places", "sources/cdc_places"],
  ["ejscreen", "sources/ejscreen"],
  ["fsf_flood_risk", "sources-full/fsf_flood.zip"],
  ["fsf_wildfire_risk", "sources-full/fsf_fire.zip"],
  ["census", "tiger2010"],
] as const) {
  const path = sharedFixture(rel);
  if (path) await time(dataset, [path]);
  else console.log(JSON.stringify({ run: dataset, skipped: `${rel} absent` }));
}

// A national-size NRI table: the fixture's rows repeated with fresh tract ids.
const fixture = readFileSync(
  join(here, "../src/datasets/national_risk_index/fixtures/NRI_Table_CensusTracts.csv"),
  "utf8",
);
const [header, ...rows] = fixture.trimEnd().split("\r\n");
const geoidAt = header!.split(",").indexOf("TRACTFIPS");
const lines = [header];
for (let i = 0; i < tracts; i++) {
  const fields = rows[i % rows.length]!.split(",");
  fields[geoidAt] = `${String(1 + (i % 56)).padStart(2, "0")}${String(i).padStart(9, "0")}`;
  lines.push(fields.join(","));
}
const big = join(out, "NRI_Table_CensusTracts.csv");
await writeFile(big, `${lines.join("\r\n")}\r\n`);
await time("national_risk_index", [big], `national_risk_index synthetic ${tracts} tracts`);
await rm(out, { recursive: true, force: true });
