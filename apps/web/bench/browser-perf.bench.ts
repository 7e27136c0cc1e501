/**
 * Browser performance of the explore page (web.md §5.5), desktop profile (1280×800, no
 * throttling), through the edge on loopback, in Debian's chromium:
 *
 * - first map render: navigation start → `cejst:map-first-idle`, cold (a fresh context per run).
 *   The mark is set at the map's first `idle` event: every tile of the initial view (the
 *   overview tracts, and the village points of the tribal archive) is loaded and drawn and no
 *   transition is running, so it is later than the first frame that shows tracts;
 * - tract click → `cejst:panel-header` and → `cejst:panel-trace`, click event time as origin;
 * - table view: toggle click → `cejst:table-first-page`;
 * - JavaScript requested before the first map render, gzipped from the served build, and the
 *   build's totals (all JS, MapLibre worker, CSS).
 *
 * Writes the medians and maxima with the machine, load average, browser and WebGL renderer to
 * `bench/results/browser-perf.json` (or the path in CEJST_BENCH_OUT) and prints them.
 *
 * Usage: CEJST_WEB_E2E_WORK=<cejst main work folder> npx tsx apps/web/bench/browser-perf.bench.ts [runs]
 * (without CEJST_WEB_E2E_WORK a default-sample `cejst main` runs first; for a national-size
 * figure, point it at a work folder made with `cejst main --tracts 74000 --no-serve`).
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import type { TractRecord } from "../src/data/release.ts";
import { jumpAndIdle, startHarness } from "../test/e2e/harness.ts";
import { BENCH_CHROMIUM_ARGS, launchBenchBrowser } from "./bench-browser.ts";

const runs = Number(process.argv[2] ?? 7);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`runs must be a positive integer (got ${process.argv[2]})`);
const out = process.env.CEJST_BENCH_OUT ?? resolve(import.meta.dirname, "results/browser-perf.json");
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);
const loadBefore = load();

const hx = await startHarness();
// The harness's browser is left idle: the benchmark drives its own (see bench-browser.ts).
const browser = await launchBenchBrowser();
try {
  const build = join(hx.work, "build-2.0");
  const manifest = JSON.parse(readFileSync(join(build, "manifest.json"), "utf8")) as {
    content: { release?: { counts?: Record<string, number> } };
  };
  // Two drawn tracts of one county shard, clicked in turn so every click re-renders the panel.
  const shardFile = readdirSync(join(build, "api/tracts")).find((f) => f.endsWith(".json")) ?? "";
  const tracts = Object.values(
    JSON.parse(readFileSync(join(build, "api/tracts", shardFile), "utf8")) as Record<string, TractRecord>,
  )
    .filter((r) => r.mapped)
    .slice(0, 2);
  if (tracts.length < 2)
    throw new Error(`county shard ${shardFile} has fewer than two drawn tracts (got ${tracts.length})`);

  const firstRender: number[] = [];
  const config: number[] = [];
  const clickHeader: number[] = [];
  const clickTrace: number[] = [];
  const tableFirst: number[] = [];
  let criticalJs: string[] = [];
  let renderer = "";
  let waterfall: { file: string; startMs: number; endMs: number }[] = [];

  const mark = (page: Page, name: string) =>
    page
      .waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout: 120_000 })
      .then(() => page.evaluate((n) => performance.getEntriesByName(n)[0]?.startTime ?? Number.NaN, name));

  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${hx.site}/en/`);
    firstRender.push(await mark(page, "cejst:map-first-idle"));
    config.push(await mark(page, "cejst:config"));
    if (i === 0) {
      const idle = firstRender[0] ?? 0;
      criticalJs = await page.evaluate(
        (t) =>
          performance
            .getEntriesByType("resource")
            .filter((e) => e.startTime <= t && /\.(m?js)(\?|$)/.test(e.name))
            .map((e) => new URL(e.name).pathname),
        idle,
      );
      waterfall = await page.evaluate((t) => {
        // No named inner functions: tsx would wrap them in a helper the page does not have.
        return [
          {
            file: "(document)",
            startMs: 0,
            endMs: Math.round(
              (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined)
                ?.responseEnd ?? 0,
            ),
          },
          ...performance
            .getEntriesByType("resource")
            .filter((e) => e.startTime <= t)
            .map((e) => ({
              file: new URL(e.name).pathname.replace(/^.*\/(?=[^/])/, ""),
              startMs: Math.round(e.startTime),
              endMs: Math.round((e as PerformanceResourceTiming).responseEnd),
            })),
          ...performance
            .getEntriesByType("mark")
            .map((m) => ({ file: m.name, startMs: Math.round(m.startTime), endMs: Math.round(m.startTime) })),
        ].sort((a, b) => a.startMs - b.startMs);
      }, idle);
      renderer = await page.evaluate(() => {
        const gl = document.createElement("canvas").getContext("webgl");
        const ext = gl?.getExtension("WEBGL_debug_renderer_info");
        return ext && gl ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : "unknown";
      });
    }

    // Click → panel, alternating between the two tracts.
    await page.evaluate(() => {
      window.addEventListener(
        "click",
        (e) => {
          (window as unknown as { __clickAt: number }).__clickAt = e.timeStamp;
        },
        { capture: true },
      );
    });
    for (let k = 0; k < 4; k++) {
      const r = tracts[k % 2] as TractRecord;
      await jumpAndIdle(page, r.interiorPoint.lon, r.interiorPoint.lat, 12);
      await page.evaluate(() => {
        performance.clearMarks("cejst:panel-header");
        performance.clearMarks("cejst:panel-trace");
      });
      const pt = await page.evaluate(
        ([lon, lat]) =>
          (
            window as unknown as { __cejst: { project(p: [number, number]): { x: number; y: number } } }
          ).__cejst.project([lon, lat]),
        [r.interiorPoint.lon, r.interiorPoint.lat] as [number, number],
      );
      await page.mouse.click(pt.x, pt.y);
      const header = await mark(page, "cejst:panel-header");
      const trace = await mark(page, "cejst:panel-trace");
      const at = await page.evaluate(() => (window as unknown as { __clickAt: number }).__clickAt);
      clickHeader.push(header - at);
      clickTrace.push(trace - at);
    }

    // Table view, first page.
    await page.getByRole("button", { name: "Table", exact: true }).click();
    const table = await mark(page, "cejst:table-first-page");
    const at = await page.evaluate(() => (window as unknown as { __clickAt: number }).__clickAt);
    tableFirst.push(table - at);
    await context.close();
  }

  const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
  const assets = join(hx.dist, "assets");
  const files = readdirSync(assets);
  const sum = (names: string[]) => names.reduce((a, n) => a + gz(join(assets, n)), 0);
  const critical = [...new Set(criticalJs.map((p) => basename(p)))].filter((n) => files.includes(n));
  const worker = files.filter((n) => n.startsWith("maplibre-gl-worker"));
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return {
      n: s.length,
      medianMs: Math.round(s[Math.floor((s.length - 1) / 2)] ?? Number.NaN),
      maxMs: Math.round(s.at(-1) ?? Number.NaN),
    };
  };
  const result = {
    profile: "desktop 1280x800, no throttling, software WebGL",
    firstMapRenderIs: "navigation start → cejst:map-first-idle (first MapLibre idle: initial view drawn)",
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model ?? "",
      loadAvgBefore: loadBefore,
      loadAvgAfter: load(),
    },
    browser: `chromium ${browser.version()}`,
    browserArgs: BENCH_CHROMIUM_ARGS,
    renderer,
    release: { label: "2.0", counts: manifest.content.release?.counts ?? {} },
    runs,
    timings: {
      config: stats(config),
      firstMapRender: stats(firstRender),
      clickToPanelHeader: stats(clickHeader),
      clickToPanelTrace: stats(clickTrace),
      tableFirstPage: stats(tableFirst),
    },
    waterfallOfFirstRun: waterfall,
    gzipBytes: {
      jsBeforeFirstRender: sum(critical),
      jsBeforeFirstRenderFiles: critical,
      maplibreWorker: sum(worker),
      allJs: sum(files.filter((n) => /\.m?js$/.test(n))),
      allCss: sum(files.filter((n) => n.endsWith(".css"))),
      distBytesUncompressed: files.reduce((a, n) => a + statSync(join(assets, n)).size, 0),
    },
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  await hx.stop();
}
