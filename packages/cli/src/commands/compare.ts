import { readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { compareVersions, type ReportConfig } from "@cejst/release";
import { DiffExceeds, GateFailed, UsageError } from "@cejst/schema";
import type { Command } from "../command.ts";
import { optionalString } from "../errors.ts";
import { actorFromArgs, STORE_OPTION, storeFromArgs } from "./store.ts";

export const compareCommand: Command = {
  name: "compare",
  summary: "Analyse what changed between two published versions (HTML + JSON change report)",
  help: [
    "Usage: cejst compare BASE CAND [--config report.json] [--site DIR|sha256:HEX] [--out DIR]",
    "                     [--strict]",
    "                     [--expect-no-change] [--store URL]",
    "",
    "BASE is a version id, `live` (what the production channel serves) or `none`. Reads both",
    "manifests and score tables from the store (every file hash-checked), computes the change",
    "report of rollout.md §4 (gates, tracts added/removed/grandfathered, by region, division,",
    "state, urban/rural and enrolment bucket, categories, low-income distributions, correlations,",
    "demographics, adjacency, spot checks, changed cells, the site's data references, and the",
    "candidate's tile archives: features per zoom, coverage at the selectable zoom, fidelity of",
    "a sample of tracts against the score table) and stores the bundle under reports/<hex>/",
    "(write-once; a rerun with the same inputs gives the same digest and writes nothing). A copy",
    "goes to DIR (default ./cejst-reports/<BASE>__<CAND>/). Prints the report digest and the",
    "gate table.",
    "",
    "Options:",
    "  --config FILE        report config JSON: populationShareMax, universe, absTol, relTol,",
    "                       spotChecks (GEOIDs), tileSample (default 2000), selectableZoom (5)",
    "  --site DIR|sha256:HEX  site build whose requiredData, roles and data links the",
    "                       candidate must hold: a folder, or a deployed build by its digest",
    "                       (requiredData as deploy-site recorded it). Without it R22 is not",
    "                       computed; the live site is never read, so the digest does not",
    "                       depend on what is live.",
    "  --out DIR            local copy of the bundle",
    "  --strict             failing gates exit 103 (GATE_FAILED)",
    "  --expect-no-change   any tract-level change exits 108 (DIFF_EXCEEDS)",
    '  --as "Name <email>"  who ran it (default $CEJST_ACTOR, else the OS user)',
    "  --store URL          default $CEJST_STORE, else ./.cejst-store",
    "",
    "Exit codes: 0 a report was produced (even with failing gates); 103 --strict and a gate",
    "failed; 108 --expect-no-change and something changed; 111 a version is not committed;",
    "110 a stored file does not match its manifest; 2 bad flags or config.",
  ].join("\n"),
  options: {
    ...STORE_OPTION,
    config: { type: "string" },
    site: { type: "string" },
    out: { type: "string" },
    strict: { type: "boolean" },
    "expect-no-change": { type: "boolean" },
    as: { type: "string" },
  },
  async run(args, ctx) {
    const [base, cand] = args.positionals;
    if (base === undefined || cand === undefined)
      throw new UsageError("compare needs BASE and CAND (got fewer)");
    let config: ReportConfig = {};
    const configPath = optionalString(args, "config");
    if (configPath !== undefined) {
      try {
        config = JSON.parse(await readFile(resolve(ctx.cwd, configPath), "utf8")) as ReportConfig;
      } catch (e) {
        throw new UsageError(`--config ${configPath} is not readable JSON (got ${(e as Error).message})`);
      }
    }
    checkConfig(config, configPath ?? "");
    const site = optionalString(args, "site");
    const siteDigest = site !== undefined && /^sha256:[0-9a-f]{64}$/.test(site) ? site : undefined;
    const siteDir = site === undefined || siteDigest !== undefined ? undefined : resolve(ctx.cwd, site);
    if (siteDir !== undefined && !(await isDirectory(siteDir)))
      throw new UsageError(`--site must be a site build folder or sha256:<site digest> (got ${site})`);
    const { store } = storeFromArgs(args, ctx);
    const outDir = resolve(ctx.cwd, optionalString(args, "out") ?? join("cejst-reports", `${base}__${cand}`));
    const result = await compareVersions(store, {
      base,
      cand,
      config,
      outDir,
      actor: actorFromArgs(args, ctx),
      progress: ctx.progress,
      ...(siteDir === undefined ? {} : { siteDir }),
      ...(siteDigest === undefined ? {} : { site: siteDigest }),
    });
    const failed = result.report.gates.filter((g) => !g.passed);
    if (ctx.json) {
      ctx.out(
        `${JSON.stringify({ type: "result", report: result.digest, gates: result.report.gates, html: join(outDir, "report.html") })}\n`,
      );
    } else {
      ctx.out(
        `report ${result.digest}  gates: ${result.report.gates.length - failed.length} passed, ${failed.length} failed\n`,
      );
      for (const g of result.report.gates)
        ctx.out(`  ${g.passed ? "pass" : "FAIL"}  ${g.id}  ${g.value} (threshold ${g.threshold})\n`);
      ctx.out(`wrote ${join(outDir, "report.html")}\n`);
    }
    if (args.values.strict === true && failed.length > 0)
      throw new GateFailed(`${failed.length} gate(s) failed: ${failed.map((g) => g.id).join(", ")}`);
    if (args.values["expect-no-change"] === true) {
      const s = result.report.sections as {
        dac?: { added?: number | null; removed?: number | null };
        tracts?: { added?: number; removed?: number };
      };
      const changes = result.report.lists.deltas.length + (s.tracts?.added ?? 0) + (s.tracts?.removed ?? 0);
      if (changes > 0) throw new DiffExceeds(`expected no change, found ${changes} changed cells or tracts`);
    }
  },
};

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** The config fields this command knows, checked so a typo fails before any work is done. */
function checkConfig(config: ReportConfig, file: string): void {
  const bad = (field: string, want: string, got: unknown) =>
    new UsageError(`--config ${file}: ${field} must be ${want} (got ${JSON.stringify(got)})`);
  if (typeof config !== "object" || config === null || Array.isArray(config))
    throw bad("the file", "a JSON object", config);
  const c = config as Record<string, unknown>;
  for (const f of ["populationShareMax", "absTol", "relTol"])
    if (c[f] !== undefined && (typeof c[f] !== "number" || !Number.isFinite(c[f]) || (c[f] as number) < 0))
      throw bad(f, "a number ≥ 0", c[f]);
  for (const f of ["universe", "spotChecks"])
    if (
      c[f] !== undefined &&
      (!Array.isArray(c[f]) || (c[f] as unknown[]).some((g) => typeof g !== "string"))
    )
      throw bad(f, "a list of GEOID strings", c[f]);
  if (c.tileSample !== undefined && (!Number.isInteger(c.tileSample) || (c.tileSample as number) < 1))
    throw bad("tileSample", "a whole number ≥ 1", c.tileSample);
  if (
    c.selectableZoom !== undefined &&
    (!Number.isInteger(c.selectableZoom) ||
      (c.selectableZoom as number) < 0 ||
      (c.selectableZoom as number) > 24)
  )
    throw bad("selectableZoom", "a zoom from 0 to 24", c.selectableZoom);
}
