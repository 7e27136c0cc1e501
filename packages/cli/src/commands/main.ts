import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { approve, compareVersions, deploySite, openStore, readChannel } from "@cejst/release";
import { serveMirror } from "@cejst/sample";
import { ToolFailed, UsageError } from "@cejst/schema";
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
    "  cejst sample --raw  raw source files in their published formats (synthetic tracts in",
    "                      real counties), laid out as a mirror, with sources.json",
    "  (mirror)            that folder served over HTTP on 127.0.0.1, a free port",
    "  cejst etl all       every source fetched from the mirror (sha256-checked, cached) and",
    "                      run through its adapter, for 2.0, then for 1.0 reusing every",
    "                      dataset that does not depend on the version (--reuse)",
    "  cejst score         methodology 1.0, then 2.0 grandfathering the 1.0 result",
    "  cejst build         every published artifact of each version",
    "  cejst publish       1.0 and 2.0 into a local store (write-once)",
    "  cejst verify        both versions re-hashed against their manifests",
    "  cejst compare       change reports none→1.0 and 1.0→2.0 (HTML + JSON)",
    "  cejst approve       each version, bound to its manifest and report digests",
    "  cejst deploy-site   the web app (apps/web/dist, built if absent) bound to 2.0,",
    "                      offering 1.0 as the previous version; prints the staging address",
    "  cejst verify        that distribution, every file through its staging host",
    "  cejst release       the production domain switches to it, then is verified",
    "  cejst serve         the edge server, left running (Ctrl-C stops it)",
    "",
    "Options:",
    "  --work <dir>   scratch folder, replaced on each run (default ./.cejst-main)",
    "  --tracts <N>   sample size (default the sample's own; 74000 is national size)",
    "  --port <P>     edge server port (default 8080; 0 picks a free one)",
    "  --site <dir>   built web app to deploy (default apps/web/dist of this repository)",
    "  --no-serve     stop after the release instead of serving",
    "",
    "The store is <work>/store. Hosts served: cejst.localhost (production site),",
    "<label>.staging.cejst.localhost (the staging address), data.cejst.localhost (public",
    "versions: /data-versions/<version>/…). Browsers resolve *.localhost to this machine.",
    "Gates that fail on synthetic data are waived with that reason, recorded in the approval.",
  ].join("\n"),
  options: {
    work: { type: "string" },
    tracts: { type: "string" },
    port: { type: "string" },
    site: { type: "string" },
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
    const raw = join(work, "raw");
    await step("sample", [
      "--raw",
      "--out",
      raw,
      ...(tracts === undefined ? [] : ["--tracts", String(tracts)]),
    ]);
    // The raw files are fetched over HTTP from a local mirror, as real sources would be.
    const data = join(work, "data");
    const mirror = await serveMirror(raw);
    try {
      if (!ctx.json) ctx.err(`mirror ${mirror.url} serves ${raw}\n`);
      for (const v of ["2.0", "1.0"] as const)
        await step("etl", [
          "all",
          "--sources",
          join(raw, v === "2.0" ? "sources.json" : "sources-1.0.json"),
          "--mirror",
          mirror.url,
          "--cache",
          join(work, "cache"),
          "--methodology",
          v,
          "--out",
          join(data, v),
          "--jobs",
          "2",
          // Only the version-specific adapters differ between the two runs.
          ...(v === "1.0" ? ["--reuse", join(data, "2.0")] : []),
        ]);
    } finally {
      await mirror.close();
    }
    for (const v of ["1.0", "2.0"] as const) {
      const grandfather =
        v === "2.0" ? ["--v1-results", join(work, "score-1.0", "score", "csv", "full", "usa.csv")] : [];
      await step("score", [
        "--data",
        join(data, v),
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
        join(data, v),
        "--methodology",
        v,
        "--out",
        join(work, `build-${v}`),
        // The tribal lands layer is a source file, not an ETL output, so the build reads it raw.
        "--tribal",
        join(raw, "tribal", "tribal-areas.geojson"),
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
    const s = openStore(store, { cwd: ctx.cwd });
    const publisher = { name: "cejst main", email: "main@cejst.invalid" };
    const reviewer = { name: "cejst main reviewer", email: "review@cejst.invalid" };
    const site = resolve(ctx.cwd, optionalString(args, "site") ?? defaultSite());
    if (!existsSync(join(site, "index.html"))) buildSite(ctx);
    const origin = (host: string) => `http://${host}:${port}/`;
    // The rollout as it happened: 1.0 goes live first, then 2.0 replaces it on release day
    // with 1.0 offered as the previous version, so a rollback has somewhere to go.
    let staging = "";
    let dist = "";
    let gen = 0;
    for (const [base, cand] of [
      ["none", "1.0"],
      ["1.0", "2.0"],
    ] as const) {
      const out = join(work, "reports", `${base}__${cand}`);
      if (!ctx.json) ctx.err(`\n== cejst compare ${base} ${cand} --site ${site} --out ${out}\n`);
      // The site build about to be deployed is what R22 checks the candidate's data against.
      const report = await compareVersions(s, { base, cand, outDir: out, actor: publisher, siteDir: site });
      const failed = report.report.gates.filter((g) => !g.passed);
      ctx.err(
        `report ${report.digest}: ${report.report.gates.length - failed.length} gates passed, ${failed.length} failed\n`,
      );
      // The sample's numbers are generated, so a gate such as the 40 % population cap says
      // nothing about the methodology here; the waiver and its reason stay in the approval.
      const waive = Object.fromEntries(failed.map((g) => [g.id, "synthetic sample data"]));
      if (!ctx.json) ctx.err(`\n== cejst approve ${cand} --report ${report.digest}\n`);
      await approve(s, {
        version: cand,
        report: report.digest,
        decision: "approved",
        approver: reviewer,
        waive,
      });
      const offers = base === "none" ? [] : [{ version: base, status: "previous" as const }];
      if (!ctx.json)
        ctx.err(
          `\n== cejst deploy-site --data-version ${cand} --site ${site}${offers.map((o) => ` --offer ${o.version}=previous`).join("")}\n`,
        );
      const d = await deploySite(s, {
        dataVersion: cand,
        siteDir: site,
        stagingBase: "staging.cejst.localhost",
        offers,
        actor: publisher,
        progress: ctx.progress,
      });
      dist = d.record.id;
      staging = origin(new URL(d.stagingUrl).hostname);
      ctx.err(`distribution ${dist}\nstaging ${staging}\n`);
      // Every file of the distribution through its staging host; release then requires
      // this recorded pass, and verifies the production domain itself after the switch.
      await step("verify", [dist, "--store", store, "--as", "cejst main <main@cejst.invalid>"]);
      await step("release", [
        dist,
        "--channel",
        "production",
        "--yes",
        "--store",
        store,
        "--as",
        "cejst main reviewer <review@cejst.invalid>",
        "--reason",
        "bundled synthetic sample",
        "--domain",
        "cejst.localhost",
        "--data-host",
        "data.cejst.localhost",
      ]);
      gen = (await readChannel(s, "production")).head?.gen ?? 0;
    }
    const summary = {
      type: "result",
      synthetic: true,
      store,
      distribution: dist,
      generation: gen,
      production: origin("cejst.localhost"),
      staging,
      data: `${origin("data.cejst.localhost")}data-versions/`,
      reports: join(work, "reports"),
    };
    ctx.out(
      ctx.json
        ? `${JSON.stringify(summary)}\n`
        : [
            "",
            "Released the synthetic sample: production serves 2.0, 1.0 stays published.",
            `  production  ${summary.production}`,
            `  staging     ${summary.staging}`,
            `  data        ${summary.data}2.0/manifest.json`,
            `  reports     ${summary.reports}`,
            "",
          ].join("\n"),
    );
    if (args.values["no-serve"] === true) return;
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

/** The web app's build folder in this repository. */
function defaultSite(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "../../../../apps/web/dist");
}

/** Builds the web app with its own build script (Vite) when no built site is there yet. */
function buildSite(ctx: CommandContext): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
  if (!ctx.json) ctx.err("\n== npm run build --workspace @cejst/web\n");
  const r = spawnSync("npm", ["run", "build", "--workspace", "@cejst/web"], { cwd: root, encoding: "utf8" });
  if (r.status !== 0)
    throw new ToolFailed(
      `npm run build --workspace @cejst/web exited ${r.status}: ${(r.stderr ?? "").slice(-2000)}`,
    );
}

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
