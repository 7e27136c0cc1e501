/**
 * Times the raw-source sample and `etl all` on it (folder mirror) at a given size:
 *   npx tsx packages/sample/bench/generate-raw-sample.bench.ts --tracts 74000
 * Prints wall times and sizes; record `uptime` next to them (the machine is shared).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readSourcesConfig, runEtlAll } from "@cejst/etl";
import { generateRawSample } from "../src/index.ts";

const { values } = parseArgs({ options: { tracts: { type: "string" }, "no-etl": { type: "boolean" } } });
const tracts = Number(values.tracts ?? 1500);
const root = await mkdtemp(join(tmpdir(), "cejst-raw-bench-"));
try {
  const t0 = performance.now();
  const s = await generateRawSample({ outDir: join(root, "raw"), tracts });
  const t1 = performance.now();
  console.log(
    `raw sample: ${s.tracts} tracts, ${s.files} files, ${(s.bytes / 1e6).toFixed(1)} MB in ${((t1 - t0) / 1000).toFixed(1)} s (load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")})`,
  );
  if (values["no-etl"] !== true) {
    const config = await readSourcesConfig(s.sources);
    await runEtlAll({ config, out: join(root, "data"), cacheDir: join(root, "cache") });
    const t2 = performance.now();
    console.log(
      `etl all (2.0, folder mirror): ${((t2 - t1) / 1000).toFixed(1)} s (load ${loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")})`,
    );
    // 1.0 as the main job runs it: every version-independent dataset taken from the 2.0 run.
    await runEtlAll({
      config: await readSourcesConfig(s.sources10),
      out: join(root, "data-1.0"),
      cacheDir: join(root, "cache"),
      methodology: "1.0",
      reuse: join(root, "data"),
    });
    const t3 = performance.now();
    console.log(
      `etl all (1.0, --reuse of 2.0): ${((t3 - t2) / 1000).toFixed(1)} s (load ${loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")})`,
    );
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
