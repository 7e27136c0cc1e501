import { rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { UsageError } from "@cejst/schema";
import type { Command, CommandContext } from "../command.ts";
import { optionalInt, optionalString } from "../errors.ts";

/**
 * The main job on the bundled synthetic sample, as a newcomer runs it: every step is the
 * same command an operator would type, run in order with the same flags, so the main job
 * cannot drift from the documented commands.
 */
export const mainCommand: Command = {
  name: "main",
  summary: "Run the whole pipeline on the bundled synthetic sample and serve the result",
  help: [
    "Usage: cejst main [--work <dir>] [--tracts N] [--port P] [--no-serve] [--json]",
    "",
    "Runs, on a synthetic sample (clearly labelled as such everywhere it shows):",
    "  cejst sample        dataset folders for 1.0 and 2.0 (synthetic tracts in real counties)",
    "  cejst score         methodology 1.0, then 2.0 grandfathering the 1.0 result",
    "  cejst build         every published artifact of each version",
    "  cejst publish       1.0 and 2.0 into a local store (write-once)",
    "  cejst verify        both versions re-hashed against their manifests",
    "  cejst serve         the edge server, left running (Ctrl-C stops it)",
    "",
    "Options:",
    "  --work <dir>   scratch folder, replaced on each run (default ./.cejst-main)",
    "  --tracts <N>   sample size (default the sample's own; 74000 is national size)",
    "  --port <P>     edge server port (default 8080; 0 picks a free one)",
    "  --no-serve     stop after publishing instead of serving",
    "",
    "The store is <work>/store. Hosts served: cejst.localhost (production site),",
    "data.cejst.localhost (versioned data: /data-versions/<version>/…).",
  ].join("\n"),
  options: {
    work: { type: "string" },
    tracts: { type: "string" },
    port: { type: "string" },
    "no-serve": { type: "boolean" },
  },
  async run(args, ctx) {
    const work = resolve(ctx.cwd, optionalString(args, "work") ?? ".cejst-main");
    const tracts = optionalInt(args, "tracts");
    const port = optionalInt(args, "port") ?? 8080;
    const store = join(work, "store");
    const json = ctx.json ? ["--json"] : [];
    // A fresh store each run: published versions are write-once, so a rerun of the sample
    // must not meet the previous run's versions.
    await rm(work, { recursive: true, force: true });

    const step = async (name: string, argv: string[]) => {
      if (!ctx.json) ctx.err(`\n== cejst ${name} ${argv.join(" ")}\n`);
      await runStep(name, [...argv, ...json], ctx);
    };
    const sample = join(work, "sample");
    await step("sample", ["--out", sample, ...(tracts === undefined ? [] : ["--tracts", String(tracts)])]);
    for (const v of ["1.0", "2.0"] as const) {
      const grandfather =
        v === "2.0" ? ["--v1-results", join(work, "score-1.0", "score", "csv", "full", "usa.csv")] : [];
      await step("score", [
        "--data",
        join(sample, v),
        "--methodology",
        v,
        ...grandfather,
        "--out",
        join(work, `score-${v}`),
      ]);
      await step("build", [
        "--score",
        join(work, `score-${v}`),
        "--data",
        join(sample, v),
        "--methodology",
        v,
        "--out",
        join(work, `build-${v}`),
        "--synthetic",
      ]);
      await step("publish", [
        "--version",
        v,
        "--build",
        join(work, `build-${v}`),
        "--store",
        store,
        "--yes",
        "--allow-unfrozen",
        "--as",
        "cejst main <main@cejst.invalid>",
      ]);
      await step("verify", [v, "--store", store]);
    }
    if (args.values["no-serve"] === true) {
      ctx.out(`published 1.0 and 2.0 (synthetic sample) into ${store}\n`);
      return;
    }
    await step("serve", [
      "--store",
      store,
      "--domain",
      "cejst.localhost",
      "--data-host",
      "data.cejst.localhost",
      "--port",
      String(port),
    ]);
  },
};

/** Runs one registered command with argv, sharing this run's context. */
async function runStep(name: string, argv: string[], ctx: CommandContext): Promise<void> {
  const { COMMANDS } = await import("./index.ts");
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`main needs the "${name}" command, which this build lacks`);
  const parsed = parseArgs({
    args: argv,
    options: { json: { type: "boolean" }, ...command.options },
    allowPositionals: true,
    strict: true,
  });
  await command.run({ values: parsed.values, positionals: parsed.positionals }, ctx);
}
