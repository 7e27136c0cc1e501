/**
 * Times the whole main job end to end at national size, as a newcomer runs it:
 *
 *   npx tsx packages/cli/bench/main-national.bench.ts [--tracts 74000] [--work <dir>] [--no-write]
 *
 * Runs `cejst main --tracts N --no-serve --work <dir>` in a child process (the `cejst`
 * binary), timestamps every step header it prints (`== cejst <step> …`) and writes the wall
 * time of each step, the total and the 1-minute load average (sampled every second) to
 * `main-national.results.json` beside this file. The machine may be shared: read the
 * times next to the load.
 */
import { execFileSync, spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { tracts: { type: "string" }, work: { type: "string" }, "no-write": { type: "boolean" } },
});
const tracts = Number(values.tracts ?? 74_000);
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../../..");
const work = resolve(values.work ?? join(tmpdir(), "cejst-main-national"));
const bin = join(root, "packages/cli/bin/cejst.js");
const argv = ["main", "--tracts", String(tracts), "--no-serve", "--work", work];

interface Step {
  step: string;
  /** The version or distribution the step works on, when its command line names one. */
  detail: string;
  wallS: number;
  /** Highest 1-minute load average seen during the step. */
  maxLoad1m: number;
}

/** `== cejst etl all --methodology 2.0 …` → step `etl`, detail `2.0`. */
function describe(header: string): { step: string; detail: string } {
  const words = header.split(/\s+/);
  const step = words[0] ?? "?";
  const flag = (name: string) => {
    const i = words.indexOf(name);
    return i === -1 ? undefined : words[i + 1];
  };
  const positional = ["verify", "approve", "release"].includes(step) ? words[1] : undefined;
  const detail =
    flag("--methodology") ??
    flag("--version") ??
    flag("--data-version") ??
    (step === "compare" ? `${words[1]} to ${words[2]}` : positional) ??
    "";
  return { step, detail };
}

const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
const load = () => loadavg()[0] ?? 0;
const loadBefore = load();
const started = new Date().toISOString();
const t0 = performance.now();
const steps: Step[] = [];
// Until the first step header: starting Node, loading the CLI and clearing the work folder.
let current: { step: string; detail: string; at: number; maxLoad1m: number } | undefined = {
  step: "startup",
  detail: "",
  at: t0,
  maxLoad1m: loadBefore,
};
let maxLoad = loadBefore;
const sampler = setInterval(() => {
  const l = load();
  maxLoad = Math.max(maxLoad, l);
  if (current) current.maxLoad1m = Math.max(current.maxLoad1m, l);
}, 1000);
const close = (at: number) => {
  if (!current) return;
  steps.push({
    step: current.step,
    detail: current.detail,
    wallS: Math.round((at - current.at) / 100) / 10,
    maxLoad1m: Math.round(current.maxLoad1m * 100) / 100,
  });
  current = undefined;
};

const child = spawn(process.execPath, [bin, ...argv], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
const tail: string[] = [];
createInterface({ input: child.stderr }).on("line", (line) => {
  tail.push(line);
  if (tail.length > 40) tail.shift();
  const m = /^== (?:cejst )?(.*)$/.exec(line);
  if (!m) return;
  const now = performance.now();
  close(now);
  current = { ...describe(m[1] ?? ""), at: now, maxLoad1m: load() };
  process.stderr.write(`${((now - t0) / 1000).toFixed(1)}s ${line}\n`);
  // The finished steps so far, so a run stopped part way still leaves its table.
  void save(report(null, now));
});
child.stdout.resume();
const code: number = await new Promise((done) => child.on("close", (c) => done(c ?? 1)));
const end = performance.now();
close(end);
clearInterval(sampler);

const result = report(code, end);
console.log(JSON.stringify(result, null, 2));
await save(result);
process.exitCode = code;

/** The results so far: `exitCode` null (and `complete` false) while the job still runs. */
function report(exitCode: number | null, at: number) {
  return {
    bench: "main-national",
    command: `cejst ${argv.join(" ")}`,
    commit,
    started,
    complete: exitCode === 0,
    exitCode,
    tracts,
    totalWallS: Math.round((at - t0) / 100) / 10,
    loadAverage1m: {
      before: Math.round(loadBefore * 100) / 100,
      after: Math.round(load() * 100) / 100,
      max: Math.round(maxLoad * 100) / 100,
    },
    cpus: cpus().length,
    steps: [...steps],
    ...(exitCode === null || exitCode === 0 ? {} : { stderrTail: tail }),
  };
}

async function save(r: ReturnType<typeof report>): Promise<void> {
  if (values["no-write"] !== true)
    await writeFile(join(here, "main-national.results.json"), `${JSON.stringify(r, null, 2)}\n`);
}
