import { resolve } from "node:path";
import { DATASET_IDS, DATASETS, runEtl } from "@cejst/etl";
import { UsageError } from "@cejst/schema";
import type { Command } from "../command.ts";
import { requireString } from "../errors.ts";

const width = Math.max(...DATASET_IDS.map((id) => id.length));

export const etlCommand: Command = {
  name: "etl",
  summary: "Run one source adapter: raw files in, dataset/<name>/usa.csv out (original layout)",
  help: [
    "Usage: cejst etl <name> --source <raw file, archive or folder> [--source …] --out <dir>",
    "",
    "Reads a source in its published format and writes the normalized table the score reads,",
    "identical in content to what the original pipeline writes from the same input. Nothing is",
    "written when the input is bad: exit 102 names file, line and column; 101 a missing file.",
    "",
    "Datasets:",
    ...DATASET_IDS.map(
      (id) =>
        `  ${id.padEnd(width)}  ${DATASETS[id].title}\n  ${" ".repeat(width)}  source: ${DATASETS[id].sourceHint}`,
    ),
    "",
    "Options:",
    "  --source <path>   raw file, zip archive or folder (repeatable)",
    "  --out <dir>       output folder; writes <dir>/dataset/<name>/usa.csv",
    "  --json            progress as NDJSON on stderr, result as JSON on stdout",
  ].join("\n"),
  options: {
    source: { type: "string", multiple: true },
    out: { type: "string" },
  },
  async run(args, ctx) {
    const name = args.positionals[0];
    if (name === undefined)
      throw new UsageError(`a dataset name is required (one of: ${DATASET_IDS.join(", ")})`);
    const raw = args.values.source;
    const sources = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
      (s): s is string => typeof s === "string" && s !== "",
    );
    sources.push(...args.positionals.slice(1));
    if (sources.length === 0) throw new UsageError("--source is required");
    const out = resolve(ctx.cwd, requireString(args, "out"));
    const result = await runEtl({
      dataset: name,
      sources: sources.map((s) => resolve(ctx.cwd, s)),
      out,
      progress: ctx.progress,
    });
    if (ctx.json) ctx.out(`${JSON.stringify({ type: "result", ...result })}\n`);
    else for (const f of result.files) ctx.out(`${f.path} (${f.bytes} bytes)\n`);
  },
};
