/**
 * Times the change report (`compareVersions`) on a store that already holds published
 * versions, by default none → 1.0 and 1.0 → 2.0, each in its own process so wall time, CPU
 * and peak RSS belong to one report. The store is never written: each run works on a copy
 * made of hard links (files in a store never change once written, so sharing them is
 * safe), which the report's bundle and audit event go into and which is removed afterwards.
 *
 * Run (national size: hold the machine's benchmark lock):
 *   flock /tmp/bench.lock npx tsx packages/release/bench/compare.bench.ts \
 *     --store /tmp/cejst-main-national/store [--site sha256:<hex>|DIR] [--pairs none:1.0,1.0:2.0] \
 *     [--out packages/release/bench/results/compare-national.json]
 *
 * Without --site the store's only deployed site build is used, when it has exactly one.
 */
import { spawn } from "node:child_process";
import { copyFile, link, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { compareVersions } from "../src/compare/compare-versions.ts";
import { FsStore } from "../src/fs-store.ts";

const { values } = parseArgs({
  options: {
    store: { type: "string" },
    site: { type: "string" },
    pairs: { type: "string", default: "none:1.0,1.0:2.0" },
    out: { type: "string" },
    child: { type: "string" },
  },
});

const seconds = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;
const round = (x: number, d = 1) => Number(x.toFixed(d));

if (values.child !== undefined) {
  // One report, in this process: print its numbers as one JSON line on stdout.
  const [base, cand] = values.child.split(":") as [string, string];
  const stages = new Map<string, { firstS: number; lastS: number }>();
  const t = process.hrtime.bigint();
  const site = values.site;
  const r = await compareVersions(new FsStore(values.store!), {
    base,
    cand,
    ...(site === undefined ? {} : /^sha256:[0-9a-f]{64}$/.test(site) ? { site } : { siteDir: site }),
    progress: (e) => {
      const at = round(seconds(t), 2);
      const s = stages.get(e.stage) ?? { firstS: at, lastS: at };
      s.lastS = at;
      stages.set(e.stage, s);
    },
  });
  const wallS = seconds(t);
  const u = process.resourceUsage();
  const deltas = r.report.lists.deltas.length;
  console.log(
    JSON.stringify({
      base,
      cand,
      wallS: round(wallS),
      cpuUserS: round(u.userCPUTime / 1e6),
      cpuSystemS: round(u.systemCPUTime / 1e6),
      peakRssMiB: Math.round(u.maxRSS / 1024),
      report: r.digest,
      failedGates: r.report.gates.filter((g) => !g.passed).map((g) => g.id),
      deltas,
      bundleBytes: Object.fromEntries(r.files.map((f) => [f.path, f.bytes])),
      stages: Object.fromEntries(stages),
    }),
  );
  process.exit(0);
}

if (values.store === undefined) throw new Error("compare.bench needs --store DIR (got none)");
const store = resolve(values.store);

/** A copy of `from` at `to` made of hard links (a plain copy across file systems). */
async function linkTree(from: string, to: string): Promise<number> {
  let files = 0;
  await mkdir(to, { recursive: true });
  for (const e of await readdir(from, { withFileTypes: true })) {
    const a = join(from, e.name);
    const b = join(to, e.name);
    if (e.isDirectory()) files += await linkTree(a, b);
    else if (e.isFile()) {
      await mkdir(dirname(b), { recursive: true });
      await link(a, b).catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== "EXDEV") throw err;
        await copyFile(a, b);
      });
      files++;
    }
  }
  return files;
}

let site = values.site;
if (site === undefined) {
  const builds = await readdir(join(store, "site-builds")).catch(() => [] as string[]);
  if (builds.length === 1) site = `sha256:${builds[0]}`;
}

const self = new URL(import.meta.url).pathname;
const runs: unknown[] = [];
for (const pair of values.pairs!.split(",")) {
  const work = await mkdtemp(join(tmpdir(), "cejst-bench-compare-"));
  try {
    const copy = join(work, "store");
    await linkTree(store, copy);
    const loadBefore = loadavg();
    const args = ["--import", "tsx", self, "--child", pair, "--store", copy];
    if (site !== undefined) args.push("--site", site);
    const t = process.hrtime.bigint();
    const out = await new Promise<string>((ok, fail) => {
      const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
      let text = "";
      child.stdout.on("data", (d: Buffer) => {
        text += d.toString();
      });
      child.on("error", fail);
      child.on("exit", (code) =>
        code === 0 ? ok(text) : fail(new Error(`compare ${pair} exited with code ${code} (got ${text})`)),
      );
    });
    const processWallS = round(seconds(t));
    const run = {
      ...JSON.parse(out.trim().split("\n").pop()!),
      processWallS,
      loadAverage: { before: loadBefore.map((x) => round(x, 2)), after: loadavg().map((x) => round(x, 2)) },
    };
    console.error(JSON.stringify(run));
    runs.push(run);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const result = {
  bench: "compare",
  store,
  site: site ?? null,
  node: process.version,
  cpus: cpus().length,
  runs,
};
const outPath = values.out ?? join(dirname(self), "results", "compare-national.json");
await mkdir(dirname(outPath), { recursive: true });
await writeFile(outPath, `${JSON.stringify(result, null, 2)}\n`);
console.error(`wrote ${outPath}`);
