/**
 * Where the first map render's time goes: loads the explore page cold with a Chromium trace
 * running, stops at `cejst:map-first-idle`, and sums, per thread (renderer main, MapLibre's
 * worker, the GPU process where software WebGL runs, the network service), the CPU time of the
 * top-level tasks and of the heaviest event kinds between navigation and that mark. The page's
 * own step marks (`cejst:boot`, `cejst:config`, `cejst:manifest`, `cejst:map-code`,
 * `cejst:archive-header`, `cejst:map-created`, `cejst:first-tile`, `cejst:map-style`,
 * `cejst:map-first-idle`) are printed next to them.
 *
 * Writes `bench/results/first-render-trace.json` (or CEJST_BENCH_OUT) and prints it; the raw
 * trace goes to CEJST_TRACE_OUT when set (open it in chrome://tracing or Perfetto).
 *
 * Usage: CEJST_WEB_E2E_WORK=<cejst main work folder> npx tsx apps/web/bench/first-render-trace.bench.ts [runs]
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { startHarness } from "../test/e2e/harness.ts";
import { BENCH_CHROMIUM_ARGS, launchBenchBrowser } from "./bench-browser.ts";

const runs = Number(process.argv[2] ?? 3);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`runs must be a positive integer (got ${process.argv[2]})`);
const out = process.env.CEJST_BENCH_OUT ?? resolve(import.meta.dirname, "results/first-render-trace.json");
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);
const loadBefore = load();

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

const STEPS = [
  "cejst:boot",
  "cejst:config",
  "cejst:manifest",
  "cejst:map-code",
  "cejst:archive-header",
  "cejst:map-created",
  "cejst:first-tile",
  "cejst:map-style",
  "cejst:map-first-idle",
];

const hx = await startHarness();
// The harness's browser is left idle: the benchmark drives its own (see bench-browser.ts).
const browser = await launchBenchBrowser();
const perRun: {
  marks: Record<string, number>;
  cpuMsByThread: Record<string, number>;
  heaviest: Record<string, Record<string, number>>;
}[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const tracePath = join(tmpdir(), `cejst-first-render-${process.pid}-${i}.json`);
    await browser.startTracing(page, {
      path: tracePath,
      categories: [
        "devtools.timeline",
        "disabled-by-default-devtools.timeline",
        "toplevel",
        "v8",
        "gpu",
        "blink.user_timing",
      ],
    });
    await page.goto(`${hx.site}/en/`);
    await page.waitForFunction(() => performance.getEntriesByName("cejst:map-first-idle").length > 0, null, {
      timeout: 120_000,
    });
    const marks = await page.evaluate(
      (names) =>
        Object.fromEntries(
          names.map((n) => [n, Math.round(performance.getEntriesByName(n)[0]?.startTime ?? Number.NaN)]),
        ),
      STEPS,
    );
    await browser.stopTracing();
    await context.close();
    const raw = JSON.parse(readFileSync(tracePath, "utf8")) as { traceEvents: TraceEvent[] } | TraceEvent[];
    const events = Array.isArray(raw) ? raw : raw.traceEvents;
    if (process.env.CEJST_TRACE_OUT && i === 0)
      writeFileSync(process.env.CEJST_TRACE_OUT, JSON.stringify(raw));
    rmSync(tracePath, { force: true });

    const threadName = new Map<string, string>();
    const processName = new Map<number, string>();
    for (const e of events) {
      if (e.ph === "M" && e.name === "thread_name") threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? "?");
      if (e.ph === "M" && e.name === "process_name") processName.set(e.pid, e.args?.name ?? "?");
    }
    // The window: navigation start of the page to the first-idle mark, both on the trace clock.
    const nav = events.find((e) => e.name === "navigationStart" || e.name === "NavigationTiming");
    const idle = events.find((e) => e.name === "cejst:map-first-idle");
    const t0 = nav?.ts ?? Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
    const t1 = idle?.ts ?? Number.POSITIVE_INFINITY;
    const label = (e: TraceEvent) => {
      const thread = threadName.get(`${e.pid}:${e.tid}`) ?? String(e.tid);
      const proc = processName.get(e.pid) ?? String(e.pid);
      return `${proc}/${thread.replace(/\d+$/, "")}`;
    };
    const cpu: Record<string, number> = {};
    const heavy: Record<string, Record<string, number>> = {};
    for (const e of events) {
      if (e.ph !== "X" || e.ts < t0 || e.ts > t1) continue;
      const ms = (e.tdur ?? e.dur ?? 0) / 1000;
      const who = label(e);
      // Top-level tasks only: ThreadControllerImpl::RunTask and the rest nest inside RunTask.
      if (e.name === "RunTask") cpu[who] = (cpu[who] ?? 0) + ms;
      const byName = heavy[who] ?? {};
      byName[e.name] = (byName[e.name] ?? 0) + ms;
      heavy[who] = byName;
    }
    const round = (r: Record<string, number>) =>
      Object.fromEntries(
        Object.entries(r)
          .filter(([, v]) => v >= 5)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => [k, Math.round(v)]),
      );
    perRun.push({
      marks,
      cpuMsByThread: round(cpu),
      heaviest: Object.fromEntries(
        Object.entries(heavy)
          .filter(([who]) => (cpu[who] ?? 0) >= 20)
          .map(([who, r]) => [who, Object.fromEntries(Object.entries(round(r)).slice(0, 8))]),
      ),
    });
  }
  const result = {
    what: "explore page, cold load, desktop 1280x800, software WebGL; CPU ms of top-level tasks per thread from navigation start to cejst:map-first-idle",
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model ?? "",
      loadAvgBefore: loadBefore,
      loadAvgAfter: load(),
    },
    browser: `chromium ${browser.version()}`,
    browserArgs: BENCH_CHROMIUM_ARGS,
    runs: perRun,
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  await hx.stop();
}
