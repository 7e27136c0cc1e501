/**
 * W77, the size budgets of web.md §5.5 on the production build: builds the site into a scratch
 * folder and measures gzip sizes (level 9) of what each kind of page loads before it renders.
 * "Loads" is read from the build itself: the HTML entry's module scripts and modulepreloads,
 * then every static `import … from "./x.js"` of those files, transitively; dynamic imports are
 * loaded later and belong to the page that asks for them. Needs no browser.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix, resolve } from "node:path";
import { after, before, test } from "node:test";
import { gzipSync } from "node:zlib";

const KB = 1024;
/** web.md §5.5, in bytes. */
const BUDGET = {
  exploreJs: 520 * KB,
  worker: 160 * KB,
  contentJs: 180 * KB,
  css: 40 * KB,
  catalogue: 40 * KB,
};

const webDir = resolve(import.meta.dirname, "../..");
const repo = resolve(webDir, "../..");
let scratch = "";
let dist = "";

before(
  () => {
    scratch = mkdtempSync(join(tmpdir(), "cejst-web-sizes-"));
    dist = join(scratch, "dist");
    const vite = spawnSync(
      process.execPath,
      [join(repo, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn", "--outDir", dist],
      { cwd: webDir, encoding: "utf8", timeout: 300_000 },
    );
    assert.equal(vite.status, 0, `vite build failed: ${vite.stderr}`);
  },
  { timeout: 320_000 },
);
after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const gz = (rel: string) => gzipSync(readFileSync(join(dist, rel)), { level: 9 }).length;
const assets = () => readdirSync(join(dist, "assets")).map((f) => `assets/${f}`);

/** Site-relative JS files an HTML entry loads up front (scripts and modulepreloads). */
function entryScripts(entry: string): string[] {
  const html = readFileSync(join(dist, entry), "utf8");
  const dir = posix.dirname(entry);
  const refs = [
    ...html.matchAll(/<script[^>]+type="module"[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]*\shref="([^"]+)"/g),
  ].map((m) => posix.normalize(posix.join(dir, m[1] ?? "")));
  return [...new Set(refs)];
}

/** `files` and every module they import statically, transitively. */
function closure(files: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...files];
  while (queue.length > 0) {
    const f = queue.pop() as string;
    if (seen.has(f)) continue;
    seen.add(f);
    const code = readFileSync(join(dist, f), "utf8");
    // Static forms only: `import{a}from"./x.js"`, `import"./x.js"`, `export{a}from"./x.js"`.
    for (const m of code.matchAll(
      /(?:^|[;\s}])(?:import|export)\s*(?:[^'"();]*?from\s*)?["'](\.\.?\/[^"']+\.m?js)["']/g,
    ))
      queue.push(posix.normalize(posix.join(posix.dirname(f), m[1] ?? "")));
  }
  return seen;
}

const sum = (files: Iterable<string>) => [...files].reduce((n, f) => n + gz(f), 0);
const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;

function report(t: { diagnostic(m: string): void }, what: string, size: number, budget: number): void {
  t.diagnostic(`${what}: ${kb(size)} gzip (budget ${kb(budget)})`);
  assert.ok(size <= budget, `${what} is ${kb(size)} gzip, over its budget of ${kb(budget)}`);
}

test("W77: JavaScript before the first map render on the explore page, MapLibre included, is within 520 KB", (t) => {
  const files = closure(entryScripts("en/index.html"));
  assert.ok(
    [...files].some((f) => /map-[\w-]+\.js$/.test(f)),
    `the explore entry preloads the map chunk (got ${[...files].join(", ")})`,
  );
  report(t, `explore page JS (${files.size} files)`, sum(files), BUDGET.exploreJs);
});

test("W77: the MapLibre worker is within 160 KB", (t) => {
  const worker = assets().filter((f) => /maplibre-gl-worker-[\w-]+\.m?js$/.test(f));
  assert.equal(worker.length, 1, `one worker file (got ${worker.join(", ")})`);
  report(t, worker[0] ?? "", gz(worker[0] ?? ""), BUDGET.worker);
});

/** The page chunk each content route mounts (`src/pages/<file>.ts`, one chunk per page). */
const CONTENT = [
  ["en/methodology/index.html", "methodology-page"],
  ["en/downloads/index.html", "downloads-page"],
  ["en/previous-versions/index.html", "previous-versions-page"],
  ["en/about/index.html", "content-pages"],
  ["en/frequently-asked-questions/index.html", "content-pages"],
  ["en/privacy/index.html", "content-pages"],
  ["en/report/index.html", "report-page"],
] as const;

test("W77: each content page loads at most 180 KB of JavaScript, and no MapLibre", (t) => {
  for (const [entry, chunk] of CONTENT) {
    const page = assets().filter((f) => new RegExp(`/${chunk}-[\\w-]+\\.js$`).test(f));
    assert.equal(page.length, 1, `${chunk} is one chunk (got ${page.join(", ")})`);
    const files = closure([...entryScripts(entry), ...page]);
    for (const f of files) assert.doesNotMatch(f, /\/map-[\w-]+\.js$/, `${entry} loads MapLibre`);
    report(t, `${entry} JS (${files.size} files)`, sum(files), BUDGET.contentJs);
  }
});

test("W77: all CSS together is within 40 KB", (t) => {
  const css = assets().filter((f) => f.endsWith(".css"));
  assert.ok(css.length > 0, "the build has stylesheets");
  report(t, `CSS (${css.length} files)`, sum(css), BUDGET.css);
});

test("W77: the message catalogues (both languages, one chunk) are within one catalogue's 40 KB", (t) => {
  const i18n = assets().filter((f) => /\/i18n-[\w-]+\.js$/.test(f));
  assert.equal(i18n.length, 1, `one catalogue chunk (got ${i18n.join(", ")})`);
  const code = readFileSync(join(dist, i18n[0] ?? ""), "utf8");
  assert.ok(code.includes("Español") || code.includes("percentil"), "the chunk holds the Spanish catalogue");
  report(t, i18n[0] ?? "", gz(i18n[0] ?? ""), BUDGET.catalogue);
});
