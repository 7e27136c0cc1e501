/**
 * Builds the release artifacts (everything but tiles, which the tiles bench measures) from a
 * synthetic national-size score (74,134 tracts by default, every column the artifacts read)
 * and prints one JSON line: seconds per stage, total, output bytes and peak RSS.
 *
 * Run: npx tsx packages/artifacts/bench/build.bench.ts   (BENCH_TRACTS=N to change the count)
 */

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
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

  const stages: Record<string, number> = {};
  let last = performance.now();
  let lastStage = "start";
  const started = last;
  const result = await buildArtifacts({
    scoreDir: score,
    dataDir: data,
    methodology: "2.0",
    outDir: join(root, "out"),
    skipTiles: true,
    progress: (e) => {
      if (e.unit !== "steps" || e.stage === lastStage) return;
      const now = performance.now();
      stages[lastStage] = Math.round(now - last) / 1000;
      last = now;
      lastStage = e.stage;
    },
  });
  const bytes = result.files.reduce((s, f) => s + f.bytes, 0);
  console.log(
    JSON.stringify({
      bench: "artifacts-build",
      tracts: count,
      seconds: Math.round(performance.now() - started) / 1000,
      stages,
      files: result.files.length,
      outputMB: Math.round(bytes / 1e5) / 10,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
} finally {
  await rm(root, { recursive: true, force: true });
}
