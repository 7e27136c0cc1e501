import { resolve } from "node:path";
import { DEFAULT_SAMPLE_TRACTS, generateRawSample, generateSample, MAX_TRACTS } from "@cejst/sample";
import { UsageError } from "@cejst/schema";
import type { Command } from "../command.ts";
import { optionalInt, requireString } from "../errors.ts";

export const sampleCommand: Command = {
  name: "sample",
  summary: "Write the synthetic sample: <out>/1.0 and <out>/2.0 dataset folders (original layout)",
  help: [
    "Usage: cejst sample --out <dir> [--tracts N] [--seed S] [--json]",
    "       cejst sample --raw --out <dir> [--tracts N] [--seed S] [--json]",
    "",
    "Generates a deterministic, synthetic dataset folder for each methodology, in the original",
    "pipeline's layout (dataset/<name>/usa.csv, census/csv/us.csv, census/geojson/us.json), ready",
    "for `cejst score --data <dir>/<version>`. Tracts are cells of a grid inside real counties",
    "(us-atlas boundaries) of several states, Puerto Rico and the island areas AS, GU, MP and VI;",
    "their values are synthetic but realistically distributed (skew, ties, missing values,",
    "zero-population and water-only tracts). The two folders share tracts, geometry and values",
    "and differ only where the 1.0 and 2.0 data preparation differs. Each folder carries a",
    "SYNTHETIC.md. The same seed always writes the same bytes.",
    "",
    "With --raw it writes the same sample as raw source files in each source's published",
    "format (TIGER shapefile zips, CSV/TSV/XLSX/DBF archives, GeoJSON, Census API JSON), each at",
    "its origin URL's path, so <dir> is a mirror, plus sources.json (methodology 2.0) and",
    "sources-1.0.json with the sha256 and size of every file, and a README.md. Then",
    "`cejst etl all --sources <dir>/sources.json --out <data>` rebuilds the dataset folder.",
    "",
    "Options:",
    "  --out <dir>     output folder; <dir>/1.0 and <dir>/2.0 are replaced whole",
    `  --tracts <N>    about how many tracts (default ${DEFAULT_SAMPLE_TRACTS}; 74000 is national size,`,
    "                  with counties of every state, ~945 in Puerto Rico and ~132 in the island areas;",
    `                  at most ${MAX_TRACTS}, the most tracts the score accepts)`,
    "  --seed <S>      random seed, 0 to 4294967295 (default 1)",
    "  --raw           write raw source files (a mirror) instead of dataset folders",
    "  --json          progress as NDJSON on stderr, result as JSON on stdout",
    "",
    "Exit codes: 2 bad flags.",
  ].join("\n"),
  options: {
    out: { type: "string" },
    tracts: { type: "string" },
    seed: { type: "string" },
    raw: { type: "boolean" },
  },
  async run(args, ctx) {
    const outDir = resolve(ctx.cwd, requireString(args, "out"));
    const tracts = optionalInt(args, "tracts") ?? DEFAULT_SAMPLE_TRACTS;
    if (tracts < 100 || tracts > MAX_TRACTS)
      throw new UsageError(`--tracts must be from 100 to ${MAX_TRACTS} (got ${tracts})`);
    const seed = optionalInt(args, "seed") ?? 1;
    if (seed > 0xffffffff) throw new UsageError(`--seed must be from 0 to 4294967295 (got ${seed})`);
    if (args.values.raw === true) {
      const raw = await generateRawSample({ outDir, tracts, seed, onProgress: ctx.progress });
      ctx.out(
        ctx.json
          ? `${JSON.stringify({ type: "result", synthetic: true, ...raw })}\n`
          : [
              `synthetic raw sources (seed ${raw.seed}): ${raw.tracts} tracts, ${raw.files} files, ${raw.bytes} bytes`,
              `  ${raw.sources}`,
              `  ${raw.sources10}`,
              "",
            ].join("\n"),
      );
      return;
    }
    const summary = await generateSample({ outDir, tracts, seed, onProgress: ctx.progress });
    if (ctx.json) {
      ctx.out(`${JSON.stringify({ type: "result", ...summary })}\n`);
      return;
    }
    const areas = Object.entries(summary.byArea)
      .map(([a, n]) => `${a} ${n}`)
      .join(", ");
    ctx.out(
      [
        `synthetic sample (seed ${summary.seed}): ${summary.tracts} tracts in ${summary.counties} counties`,
        `  by area: ${areas}`,
        `  water-only: ${summary.waterOnly}, zero population: ${summary.zeroPopulation}`,
        `  ${summary.folders["1.0"]}`,
        `  ${summary.folders["2.0"]}`,
        "",
      ].join("\n"),
    );
  },
};
