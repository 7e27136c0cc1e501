import { join, resolve } from "node:path";
import { DATASET_IDS, DATASETS, mirrorBase, readSourcesConfig, runEtl, runEtlAll } from "@cejst/etl";
import { UsageError } from "@cejst/schema";
import type { Command, CommandArgs, CommandContext } from "../command.ts";
import { optionalInt, optionalString, requireString } from "../errors.ts";

const width = Math.max(...DATASET_IDS.map((id) => id.length));

export const etlCommand: Command = {
  name: "etl",
  summary: "Run one source adapter: raw files in, dataset/<name>/usa.csv out (original layout)",
  help: [
    "Usage: cejst etl <name> --source <raw file, archive or folder> [--source …] --out <dir>",
    "       cejst etl all --sources <config.json> --out <dir> [--cache <dir>] [--mirror <url>]",
    "                     [--reuse <dir>] [--jobs N]",
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
    "  --methodology <v> 1.0 or 2.0 (default 2.0): census_acs, census_decennial",
    "  --json            progress as NDJSON on stderr, result as JSON on stdout",
    "",
    "etl all: fetches every source of the configuration (sha256-pinned; see",
    "config/sources.example.json) into a content-addressed cache, resuming and retrying",
    "downloads, then runs each adapter, census first. A digest mismatch exits 102 and keeps",
    "nothing; a source that cannot be fetched exits 101; the first failure stops the run.",
    "  --sources <file>  sources configuration (JSON)",
    "  --cache <dir>     download cache (default <out>/.cache/sources)",
    "  --mirror <url>    base URL or folder replacing the origin of every URL",
    "  --reuse <dir>     output folder of an earlier etl all: datasets made there from the",
    "                    same pinned files are hard-linked instead of fetched and run (census_acs",
    "                    and census_decennial only from a run of the same --methodology)",
    "  --jobs <N>        adapters run at once after census (default 1; worker threads)",
  ].join("\n"),
  options: {
    source: { type: "string", multiple: true },
    out: { type: "string" },
    sources: { type: "string" },
    cache: { type: "string" },
    mirror: { type: "string" },
    methodology: { type: "string" },
    reuse: { type: "string" },
    jobs: { type: "string" },
  },
  async run(args, ctx) {
    const name = args.positionals[0];
    if (name === undefined)
      throw new UsageError(`a dataset name is required (one of: ${DATASET_IDS.join(", ")})`);
    if (name === "all") return runAll(args, ctx);
    const raw = args.values.source;
    const sources = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
      (s): s is string => typeof s === "string" && s !== "",
    );
    sources.push(...args.positionals.slice(1));
    if (sources.length === 0) throw new UsageError("--source is required");
    const out = resolve(ctx.cwd, requireString(args, "out"));
    const methodology = args.values.methodology ?? "2.0";
    if (methodology !== "1.0" && methodology !== "2.0")
      throw new UsageError(`--methodology must be 1.0 or 2.0 (got ${JSON.stringify(methodology)})`);
    const result = await runEtl({
      dataset: name,
      sources: sources.map((s) => resolve(ctx.cwd, s)),
      out,
      progress: ctx.progress,
      methodology,
    });
    if (ctx.json) ctx.out(`${JSON.stringify({ type: "result", ...result })}\n`);
    else for (const f of result.files) ctx.out(`${f.path} (${f.bytes} bytes)\n`);
  },
};

/** `cejst etl all`: every configured source fetched and verified, then every adapter run. */
async function runAll(args: CommandArgs, ctx: CommandContext): Promise<void> {
  if (args.positionals.length > 1 || args.values.source !== undefined)
    throw new UsageError("etl all takes its sources from --sources <config.json>, not --source");
  const configPath = resolve(ctx.cwd, requireString(args, "sources"));
  const out = resolve(ctx.cwd, requireString(args, "out"));
  const cache = optionalString(args, "cache");
  const mirror = optionalString(args, "mirror");
  const reuse = optionalString(args, "reuse");
  const jobs = optionalInt(args, "jobs") ?? 1;
  if (jobs < 1 || jobs > 8) throw new UsageError(`--jobs must be from 1 to 8 (got ${jobs})`);
  const methodology = args.values.methodology ?? "2.0";
  if (methodology !== "1.0" && methodology !== "2.0")
    throw new UsageError(`--methodology must be 1.0 or 2.0 (got ${JSON.stringify(methodology)})`);
  const config = await readSourcesConfig(configPath);
  const result = await runEtlAll({
    config,
    out,
    methodology,
    cacheDir: cache === undefined ? join(out, ".cache", "sources") : resolve(ctx.cwd, cache),
    ...(mirror === undefined ? {} : { mirror: mirrorBase(mirror, ctx.cwd) }),
    ...(reuse === undefined ? {} : { reuse: resolve(ctx.cwd, reuse) }),
    jobs,
    progress: ctx.progress,
  });
  if (ctx.json) {
    ctx.out(`${JSON.stringify({ type: "result", ...result })}\n`);
    return;
  }
  for (const d of result.datasets) {
    if (d.reusedFrom !== undefined) {
      ctx.out(`${d.name}: reused from ${d.reusedFrom}\n`);
      for (const f of d.outputs) ctx.out(`  ${f.path} (${f.bytes} bytes)\n`);
      continue;
    }
    const cached = d.fetched.filter((f) => f.cached).length;
    const bytes = d.fetched.reduce((n, f) => n + f.bytes, 0);
    ctx.out(`${d.name}: ${d.fetched.length} source file(s), ${bytes} bytes (${cached} from cache)\n`);
    for (const f of d.outputs) ctx.out(`  ${f.path} (${f.bytes} bytes)\n`);
  }
  if (result.notConfigured.length > 0)
    ctx.err(`not in ${configPath} (not run): ${result.notConfigured.join(", ")}\n`);
}
