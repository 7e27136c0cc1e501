/**
 * The 1.0 → 2.0 change report of the bundled sample, opened in headless Chromium from a
 * file with the network disabled: no console errors, no request but the file itself, every
 * chart drawn with marks, every section and its tables present, headings in order, and no
 * serious or critical axe-core violations.
 *
 * The versions come from `cejst main --no-serve` (about two minutes); set CEJST_REPORT_WORK
 * to a work folder of that command to reuse it.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { CHROMIUM, ensureSampleStore, launchChromium, sampleReport } from "../scripts/sample-report.ts";
import type { CompareResult } from "../src/compare/compare-versions.ts";
import { REPORT_KEYS } from "../src/compare/compute-report.ts";

const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing: run scripts/setup-system.sh`;
const flags = { skip, timeout: 300_000 };

let scratch = "";
let browser: Browser | undefined;
let page: Page | undefined;
let result: CompareResult | undefined;
let fileUrl = "";
const consoleErrors: string[] = [];
const requests: string[] = [];

before(
  async () => {
    if (skip) return;
    scratch = mkdtempSync(join(tmpdir(), "cejst-report-chromium-"));
    const store = ensureSampleStore(process.env.CEJST_REPORT_WORK ?? join(scratch, "work"));
    result = await sampleReport(store, join(scratch, "report"));
    fileUrl = pathToFileURL(join(scratch, "report", "report.html")).href;
    browser = await launchChromium();
    // Offline, so any attempt to reach the network fails and is seen below.
    const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(e.message));
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(fileUrl, { waitUntil: "load" });
  },
  { timeout: 1_500_000 },
);

after(async () => {
  await browser?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test("the report loads with no console errors and requests nothing but itself", flags, () => {
  assert.ok(page);
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual([...new Set(requests)], [fileUrl]);
});

test(
  "every section is there, the gate table first, and the sample's site and tiles were checked",
  flags,
  async () => {
    assert.ok(page && result);
    const keys = await page.$$eval("section[data-key]", (els) => els.map((e) => e.getAttribute("data-key")));
    assert.deepEqual([...keys].sort(), [...REPORT_KEYS].sort());
    assert.equal(keys[0], "gates", "the gates come first");
    const gateRows = await page.$$eval('section[data-key="gates"] tbody tr', (rows) => rows.length);
    assert.equal(gateRows, result.report.gates.length);
    for (const id of ["site.referencesPresent", "tiles.coverage", "tiles.fidelity"])
      assert.ok(
        result.report.gates.some((g) => g.id === id),
        `gate ${id} is computed on the sample`,
      );
    // R22 checks the deployed site build named by its digest.
    const site = result.report.sections.siteReferences as { source?: { kind: string }; checked?: number };
    assert.equal(site.source?.kind, "stored");
    assert.ok((site.checked ?? 0) > 0);
    for (const key of ["spotChecks", "siteReferences", "tiles", "demographics"]) {
      const rows = await page.$$eval(`section[data-key="${key}"] table tbody tr`, (r) => r.length);
      assert.ok(rows > 0, `${key} has a table with rows`);
    }
  },
);

test("every chart is an SVG image with a text alternative and drawn marks", flags, async () => {
  assert.ok(page);
  const charts = await page.$$eval("svg[data-chart]", (svgs) =>
    svgs.map((svg) => {
      const marks = [...svg.querySelectorAll('[data-mark="bar"] rect, [data-mark="rect"] rect')].filter(
        (m) => {
          const b = (m as unknown as { getBBox(): { width: number; height: number } }).getBBox();
          return b.width > 0 && b.height > 0;
        },
      );
      return {
        id: svg.getAttribute("data-chart"),
        role: svg.getAttribute("role"),
        label: svg.getAttribute("aria-label") ?? "",
        caption: svg.closest("figure.chart")?.querySelector(":scope > figcaption")?.textContent ?? "",
        marks: marks.length,
        section: svg.closest("section")?.getAttribute("data-key"),
      };
    }),
  );
  assert.ok(charts.length >= 10, `expected the report's charts (got ${charts.length})`);
  for (const c of charts) {
    assert.equal(c.role, "img", `chart ${c.id}`);
    assert.ok(c.label.length > 10 && c.caption === c.label, `chart ${c.id} has a text alternative`);
    assert.ok(c.marks > 0, `chart ${c.id} in ${c.section} has drawn marks`);
  }
  for (const key of ["geography", "demographics", "tiles", "lowIncome.rate"])
    assert.ok(
      charts.some((c) => c.section === key),
      `${key} has a chart`,
    );
});

test("tables have captions and column headers; headings never skip a level", flags, async () => {
  assert.ok(page);
  const tables = await page.$$eval("table", (ts) =>
    ts.map((t) => ({
      caption: t.caption?.textContent ?? "",
      headers: t.querySelectorAll("thead th[scope=col]").length,
    })),
  );
  assert.ok(tables.length > 20);
  for (const t of tables) assert.ok(t.caption.length > 0 && t.headers > 0, JSON.stringify(t));
  const levels = await page.$$eval("h1, h2, h3, h4, h5, h6", (hs) =>
    hs.map((h) => Number(h.tagName.slice(1))),
  );
  assert.equal(levels[0], 1);
  assert.equal(levels.filter((l) => l === 1).length, 1);
  levels.forEach((l, i) => {
    if (i > 0) assert.ok(l <= levels[i - 1]! + 1, `heading ${i} jumps from h${levels[i - 1]} to h${l}`);
  });
});

test("axe-core finds no serious or critical violations", flags, async () => {
  assert.ok(page);
  const require = createRequire(import.meta.url);
  // Injected as inline text, so the page still makes no request of its own.
  await page.addScriptTag({ content: readFileSync(require.resolve("axe-core/axe.min.js"), "utf8") });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(o: unknown): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
      }
    ).axe;
    const res = await axe.run({
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
      },
    });
    return res.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad, [], JSON.stringify(violations));
});
