/**
 * End-to-end: the built site and a synthetic release, served by the project's edge server on
 * 127.0.0.1 (a distribution's staging host), driven by Debian's chromium through playwright-core.
 *
 * The release comes from `cejst main --no-serve` (about three minutes on the synthetic sample);
 * set CEJST_WEB_E2E_WORK to an existing work folder of that command to reuse it. Set
 * CEJST_WEB_SCREENSHOTS=1 to refresh docs/screenshots/.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { type Browser, chromium, type Page } from "playwright-core";
import type { TractRecord } from "../../src/data/release.ts";
import { answerOf } from "../../src/decode.ts";
import { t } from "../../src/i18n.ts";

const CHROMIUM = "/usr/bin/chromium";

/** The page's unstable test hooks (web.md §3.12), as far as these tests use them. */
interface HookWindow {
  __cejst: {
    map: { jumpTo(o: unknown): void; once(event: string, f: () => void): void };
    project(p: [number, number]): { x: number; y: number };
  };
}
const webDir = resolve(import.meta.dirname, "../..");
const repo = resolve(webDir, "../..");
const cli = join(repo, "packages/cli/src/bin.ts");
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing: run scripts/setup-system.sh`;

function run(args: string[], timeoutMs: number): string {
  const r = spawnSync(process.execPath, ["--import", "tsx", cli, ...args], {
    cwd: repo,
    encoding: "utf8",
    timeout: timeoutMs,
  });
  if (r.status !== 0) throw new Error(`cejst ${args[0]} failed (got exit ${r.status}): ${r.stderr}`);
  return r.stdout;
}

let scratch: string;
let work: string;
let edge: ChildProcess | undefined;
let browser: Browser | undefined;
let site: string;
const consoleErrors: string[] = [];

/** Tracts picked by predicate from the release itself, never hard-coded. */
const roles: { identified?: TractRecord; notIdentified?: TractRecord } = {};

before(
  async () => {
    if (skip) return;
    scratch = mkdtempSync(join(tmpdir(), "cejst-web-e2e-"));
    const vite = spawnSync(
      process.execPath,
      [join(repo, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"],
      {
        cwd: webDir,
        encoding: "utf8",
        timeout: 180_000,
      },
    );
    assert.equal(vite.status, 0, `vite build failed: ${vite.stderr}`);
    work = process.env.CEJST_WEB_E2E_WORK ?? join(scratch, "work");
    if (!existsSync(join(work, "store"))) run(["main", "--no-serve", "--work", work], 900_000);

    const build = join(work, "build-2.0");
    for (const file of ["11001", "24510", "06075", "48061"]) {
      const path = join(build, "api/tracts", `${file}.json`);
      if (!existsSync(path)) continue;
      const shard = JSON.parse(readFileSync(path, "utf8")) as Record<string, TractRecord>;
      for (const r of Object.values(shard)) {
        if (!r.mapped || !r.trace) continue;
        if (!roles.identified && r.trace.disadvantaged && r.trace.totalCategoriesExceeded >= 1)
          roles.identified = r;
        if (!roles.notIdentified && answerOf(r.tile) === "no") roles.notIdentified = r;
      }
    }
    assert.ok(
      roles.identified && roles.notIdentified,
      "the sample lacks an identified or a not-identified tract",
    );

    const out = run(
      [
        "deploy-site",
        "--data-version",
        "2.0",
        "--site",
        join(webDir, "dist"),
        "--store",
        join(work, "store"),
        "--staging-base",
        "staging.cejst.localhost",
        "--reveal",
      ],
      120_000,
    );
    const staging = /staging (https?:\/\/\S+)/.exec(out)?.[1];
    assert.ok(staging, `deploy-site printed no staging address (got ${out})`);
    const host = new URL(staging).hostname;

    edge = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        cli,
        "serve",
        "--store",
        join(work, "store"),
        "--domain",
        "cejst.localhost",
        "--staging-base",
        "staging.cejst.localhost",
        "--port",
        "0",
        "--json",
      ],
      { cwd: repo, stdio: ["ignore", "pipe", "pipe"] },
    );
    const port = await new Promise<number>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error("edge did not start within 60 s")), 60_000);
      let buf = "";
      edge?.stdout?.on("data", (d: Buffer) => {
        buf += d.toString();
        const m = /"port":(\d+)/.exec(buf);
        if (m) {
          clearTimeout(timer);
          ok(Number(m[1]));
        }
      });
      edge?.on("exit", (c) => fail(new Error(`edge exited (got ${c})`)));
    });
    edge.stderr?.resume();
    // Chromium resolves *.localhost to the loopback address by itself.
    site = `http://${host}:${port}`;
    // launch() gives every run a fresh temporary --user-data-dir of its own.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
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
  },
  { timeout: 1_200_000 },
);

after(async () => {
  await browser?.close();
  if (edge && edge.exitCode === null) {
    edge.kill("SIGTERM");
    await new Promise((r) => edge?.once("exit", r));
  }
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function open(path: string, viewport = { width: 1280, height: 800 }, bypassCSP = false): Promise<Page> {
  assert.ok(browser);
  const page = await browser.newPage({ viewport, bypassCSP });
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(`${path}: ${m.text()}`);
  });
  page.on("pageerror", (e) => consoleErrors.push(`${path}: ${e.message}`));
  await page.goto(`${site}${path}`);
  await page.waitForFunction(
    () => document.querySelector("#map")?.getAttribute("data-map-state") === "idle",
    null,
    {
      timeout: 60_000,
    },
  );
  return page;
}

const answerOn = async (page: Page, geoid: string) => {
  const el = page.locator(`article.tract[data-geoid="${geoid}"] .answer-value`);
  await el.waitFor({ timeout: 30_000 });
  return { answer: await el.getAttribute("data-answer"), text: (await el.textContent())?.trim() };
};

const flags = { skip, timeout: 120_000 };

test(
  "the map loads, labelled as a synthetic preview of version 2.0; an unknown ?v= falls back",
  flags,
  async () => {
    const page = await open("/en/?v=9.9");
    const notice = t("en", "versionUnavailable", { v: "9.9", d: "2.0" });
    assert.equal((await page.getByText(notice).textContent())?.trim(), notice);
    assert.equal(new URL(page.url()).searchParams.get("v"), null, "v=9.9 is dropped from the URL");
    assert.equal(await page.locator("html").getAttribute("lang"), "en");
    assert.equal(
      (await page.locator(".version-badge").textContent())?.trim(),
      t("en", "version", { v: "2.0" }),
    );
    assert.equal((await page.locator(".banner.synthetic").textContent())?.trim(), t("en", "synthetic"));
    assert.equal(await page.locator('meta[name="robots"]').getAttribute("content"), "noindex");
    const downloads = await page.locator(".intro-downloads a").getAttribute("href");
    assert.match(
      downloads ?? "",
      /\/en\/downloads\/\?v=2\.0$/,
      "the intro links to this version's downloads",
    );
    await page.close();
  },
);

test("clicking a known identified tract shows Yes and its reasons", flags, async () => {
  const r = roles.identified as TractRecord;
  const page = await open("/en/");
  await page.evaluate(
    ([lon, lat]) =>
      new Promise<void>((done) => {
        const map = (window as unknown as HookWindow).__cejst.map;
        map.once("idle", () => done());
        map.jumpTo({ center: [lon, lat], zoom: 12 });
      }),
    [r.interiorPoint.lon, r.interiorPoint.lat] as const,
  );
  const pt = await page.evaluate(
    ([lon, lat]) => (window as unknown as HookWindow).__cejst.project([lon, lat]),
    [r.interiorPoint.lon, r.interiorPoint.lat] as [number, number],
  );
  await page.mouse.click(pt.x, pt.y);
  const got = await answerOn(page, r.geoid);
  assert.equal(got.answer, "yes");
  assert.equal(got.text, t("en", "yes"));
  assert.ok(new URL(page.url()).searchParams.get("tract") === r.geoid, "the URL names the selected tract");
  // The panel first paints from the tile, then from the tract record with its categories.
  await page.locator("details.category").first().waitFor({ timeout: 30_000 });
  const openCount = await page.locator("details.category[open]").count();
  assert.equal(openCount, r.trace?.categories.filter((c) => c.met).length, "met categories are open");
  await page.close();
});

test("search by tract id, then switch to Spanish keeping the selection", flags, async () => {
  const r = roles.notIdentified as TractRecord;
  const page = await open("/en/");
  await page.getByLabel(t("en", "searchLabel")).fill(r.geoid);
  await page.keyboard.press("Enter");
  const got = await answerOn(page, r.geoid);
  assert.equal(got.answer, "no");
  assert.equal(got.text, t("en", "no"));
  await page.getByLabel(t("en", "searchLabel")).fill("99999999999");
  await page.keyboard.press("Enter");
  await page.getByText(t("en", "searchNoMatch", { id: "99999999999" })).waitFor({ timeout: 10_000 });

  await page.getByRole("button", { name: t("en", "close") }).click();
  await page.getByRole("heading", { name: t("en", "introTitle") }).waitFor({ timeout: 10_000 });
  assert.equal(
    new URL(page.url()).searchParams.get("tract"),
    null,
    "closing clears the selection from the URL",
  );
  await page.goBack();
  await page.locator(`article.tract[data-geoid="${r.geoid}"]`).waitFor({ timeout: 30_000 });

  await page.getByRole("link", { name: "Español" }).click();
  await page.waitForURL(/\/es\//);
  await page.waitForFunction(
    () => document.querySelector("#map")?.getAttribute("data-map-state") === "idle",
    null,
    {
      timeout: 60_000,
    },
  );
  assert.equal(await page.locator("html").getAttribute("lang"), "es");
  assert.equal(new URL(page.url()).searchParams.get("tract"), r.geoid);
  await page.locator(`article.tract[data-geoid="${r.geoid}"]`).waitFor({ timeout: 30_000 });
  assert.equal((await page.locator("#reasons-h").textContent())?.trim(), t("es", "reasons"));
  await page.close();
});

test("a deep link opens the tract; axe finds no serious or critical violations", flags, async () => {
  const r = roles.identified as TractRecord;
  // The edge's CSP forbids inline scripts; axe is injected that way, so only this page bypasses it.
  const page = await open(`/en/?tract=${r.geoid}`, undefined, true);
  assert.equal((await answerOn(page, r.geoid)).answer, "yes");
  const require = createRequire(import.meta.url);
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
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

  if (process.env.CEJST_WEB_SCREENSHOTS === "1") {
    const dir = join(repo, "docs/screenshots");
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, "explore-desktop.png") });
    const phone = await open(`/en/?tract=${r.geoid}`, { width: 375, height: 667 });
    await answerOn(phone, r.geoid);
    await phone.screenshot({ path: join(dir, "explore-phone.png") });
    await phone.close();
  }
  await page.close();
});

test("no console errors on any page opened", flags, () => {
  assert.deepEqual(consoleErrors, []);
});
