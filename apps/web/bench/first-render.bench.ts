/**
 * Times the explore page's first render in headless chromium against a running site (for
 * example a staging host of `cejst serve`), from the page's own performance marks, and prints
 * JSON medians: config loaded, map first idle, and (with `?tract=`) the panel's full trace.
 *
 * Usage: npx tsx apps/web/bench/first-render.bench.ts <site origin> <tract geoid> [runs]
 */
import { chromium } from "playwright-core";

const [origin, geoid, runsArg] = process.argv.slice(2);
if (!origin || !geoid)
  throw new Error("usage: first-render.bench.ts <site origin> <tract geoid> [runs] (got too few arguments)");
const runs = Number(runsArg ?? 5);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const marks = ["cejst:config", "cejst:map-first-idle", "cejst:panel-trace"];
const samples: Record<string, number[]> = Object.fromEntries(marks.map((m) => [m, []]));
for (let i = 0; i < runs; i++) {
  // A fresh context per run, so nothing is cached between runs.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${origin}/en/?tract=${geoid}`);
  await page.waitForFunction(
    (names) => names.every((n) => performance.getEntriesByName(n).length > 0),
    marks,
    { timeout: 60_000 },
  );
  const got = await page.evaluate(
    (names) => names.map((n) => performance.getEntriesByName(n)[0]?.startTime ?? -1),
    marks,
  );
  for (const [j, ms] of got.entries()) samples[marks[j] as string]?.push(ms);
  await context.close();
}
await browser.close();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? -1;
console.log(
  JSON.stringify({
    runs,
    medianMs: Object.fromEntries(marks.map((m) => [m, Math.round(median(samples[m] ?? []))])),
  }),
);
