/**
 * End-to-end scenarios that need more than the harness's staging distribution (web.md §6.1):
 * `default` (production, released on the harness's own channel), `v1` (the same build bound to
 * 1.0) and `archive` (1.0 archived), all deployed by `cejst deploy-site` from one build. Covers
 * W1 (config drives the data), W2 (same build, another version), W6 (preview banner on every
 * staging page, none in production) and W19 (the archived version).
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import { contentDigest } from "../../src/data/digest.ts";
import { t } from "../../src/i18n.ts";
import { LANGS, ROUTES, routePath } from "../../src/pages/routes.ts";
import { chromiumSkip, type Distributions, edgeRequest, type Harness, startHarness } from "./harness.ts";
import { findRoles, type Roles } from "./roles.ts";

let hx: Harness;
let dx: Distributions;
let roles: Roles;
const flags = { skip: chromiumSkip, timeout: 300_000 };

before(
  async () => {
    if (chromiumSkip) return;
    hx = await startHarness();
    roles = findRoles(hx.work);
    dx = await hx.distributions();
  },
  { timeout: 1_800_000 },
);
after(async () => {
  await hx?.stop();
});

const ready = (page: Page) =>
  page.waitForFunction(() => document.getElementById("app")?.getAttribute("aria-busy") === "false", null, {
    timeout: 60_000,
  });

const record = (id: string) =>
  JSON.parse(readFileSync(join(hx.work, "store/distributions", id, "record.json"), "utf8")) as {
    site: string;
    data: { version: string; manifest: string };
  };

async function answerFor(page: Page, geoid: string): Promise<string | null> {
  const el = page.locator(`#panel article.tract[data-geoid="${geoid}"] .answer-value`);
  await el.waitFor({ timeout: 60_000 });
  return el.getAttribute("data-answer");
}

/** True when `path` (a URL path on the site) names a file of the site build. */
function isSiteFile(path: string): boolean {
  if (path === "/config.json") return true;
  const rel = decodeURIComponent(path).replace(/^\//, "");
  const file = join(hx.dist, rel.endsWith("/") || rel === "" ? `${rel}index.html` : rel);
  return existsSync(file) && statSync(file).isFile();
}

test(
  "W1: on the default distribution every data request goes under the configured base URL and 2.0/; the badge and the footer name 2.0 and its manifest",
  flags,
  async () => {
    const requests: string[] = [];
    const page = await hx.open("/en/", {
      origin: dx.default,
      before: (p) => p.on("request", (r) => requests.push(r.url())),
    });
    const box = page.getByRole("combobox", { name: t("en", "searchLabel") });
    await box.fill(roles.multi.geoid);
    await box.press("Enter");
    assert.equal(await answerFor(page, roles.multi.geoid), "yes");
    const config = (await page.evaluate(async () => (await fetch("/config.json")).json())) as {
      site: { environment: string };
      data: { baseUrl: string; defaultVersion: string };
    };
    assert.equal(config.site.environment, "production");
    const base = new URL(`${config.data.baseUrl}2.0/`, `${dx.default}/config.json`).href;
    // One line per data path asked for, so a failure shows what went where.
    const log = new Map<string, number>();
    for (const u of requests) {
      const url = new URL(u);
      if (url.protocol === "data:" || url.protocol === "blob:") continue;
      if (url.origin === dx.default && isSiteFile(url.pathname)) continue;
      const key = `${url.origin}${url.pathname}`;
      log.set(key, (log.get(key) ?? 0) + 1);
    }
    const stray = [...log.keys()].filter((k) => !k.startsWith(base));
    assert.deepEqual(stray, [], `data requests outside ${base}`);
    const paths = [...log.keys()].map((k) => k.slice(base.length));
    assert.ok(paths.includes("manifest.json"), `the 2.0 manifest was read (got ${paths.join(", ")})`);
    assert.ok(
      paths.some((p) => p.startsWith("api/tracts/")),
      `T-MULTI's county shard was read (got ${paths.join(", ")})`,
    );
    assert.ok(
      paths.some((p) => p.endsWith(".pmtiles")),
      `tiles were read (got ${paths.join(", ")})`,
    );
    const badge = page.locator(".version-badge");
    assert.ok((await badge.textContent())?.includes("2.0"), "the header badge shows 2.0");
    const bound = record(dx.ids.default).data;
    const built = JSON.parse(readFileSync(join(hx.work, "build-2.0/manifest.json"), "utf8")).content;
    const link = page.locator(".site-footer a[title^='sha256:']");
    assert.equal(await link.getAttribute("title"), bound.manifest, "footer: the bound manifest's digest");
    assert.equal(bound.manifest, await contentDigest(built), "the distribution is bound to build-2.0");
    assert.ok((await link.textContent())?.includes(bound.manifest.slice(0, 19)));
    assert.equal(new URL((await link.getAttribute("href")) ?? "", page.url()).href, `${base}manifest.json`);
    await page.close();
  },
);

test(
  "W2: the same build bound to 1.0 (v1) answers No for T-NEW where default answers Yes; assets are byte for byte the same",
  flags,
  async () => {
    const path = `/en/?tract=${roles.added.geoid}`;
    const def = await hx.open(path, { origin: dx.default });
    assert.equal(await answerFor(def, roles.added.geoid), "yes");
    const one = await hx.open(path, { origin: dx.v1 });
    assert.equal(await answerFor(one, roles.added.geoid), "no");
    assert.ok((await one.locator(".version-badge").textContent())?.includes("1.0"));
    await def.close();
    await one.close();

    assert.equal(record(dx.ids.default).site, record(dx.ids.v1).site, "one site build in both records");
    assert.notEqual(record(dx.ids.default).data.version, record(dx.ids.v1).data.version);
    const html = (await edgeRequest(`${dx.default}/en/`)).body.toString("utf8");
    const assets = readdirSync(join(hx.dist, "assets")).map((f) => `/assets/${f}`);
    assert.ok(assets.length > 0, "the build has hashed assets");
    assert.ok(
      assets.some((a) => html.includes(a.slice(1))),
      "the entry names the build's hashed assets",
    );
    assert.equal((await edgeRequest(`${dx.v1}/en/`)).body.toString("utf8"), html, "the same HTML entry");
    for (const a of new Set(assets)) {
      const [x, y] = await Promise.all(
        [dx.default, dx.v1].map(async (o) => {
          const r = await edgeRequest(`${o}${a}`);
          assert.equal(r.status, 200, `${o}${a}`);
          return r.body;
        }),
      );
      assert.ok(x?.equals(y ?? Buffer.alloc(0)), `${a} has the same bytes on both`);
      assert.ok(x?.equals(readFileSync(join(hx.dist, a))), `${a} is the build's file`);
    }
    const configs = await Promise.all(
      [dx.default, dx.v1].map(async (o) =>
        JSON.parse((await edgeRequest(`${o}/config.json`)).body.toString("utf8")),
      ),
    );
    assert.notDeepEqual(configs[0], configs[1], "only config.json differs");
  },
);

test("W6: staging shows the preview and synthetic banners and noindex on every page; default shows only the synthetic banner", {
  ...flags,
  timeout: 900_000,
}, async () => {
  const routes = ROUTES.filter((r) => !r.redirect);
  for (const [origin, preview] of [
    [hx.site, true],
    [dx.default, false],
  ] as const)
    for (const route of routes)
      for (const lang of LANGS) {
        const path = `/${routePath(route, lang)}`;
        const page = await hx.open(path, { origin, waitMap: false });
        await ready(page);
        const where = `${preview ? "staging" : "default"} ${path}`;
        assert.equal(await page.locator('[data-banner="synthetic"]').isVisible(), true, where);
        assert.equal(await page.locator('[data-banner="preview"]').isVisible(), preview, where);
        assert.equal(
          await page.locator('meta[name="robots"][content*="noindex"]').count(),
          preview ? 1 : 0,
          where,
        );
        if (preview)
          assert.equal(
            (await page.locator('[data-banner="preview"]').textContent())?.trim(),
            t(lang, "preview"),
          );
        await page.close();
      }
});

test(
  "W19: on the archive distribution the 1.0 card offers downloads only, and /en/?v=1.0 links to its downloads",
  flags,
  async () => {
    const page = await hx.open("/en/previous-versions/", { origin: dx.archive, waitMap: false });
    await ready(page);
    const card = page.locator('article[data-version="1.0"]');
    await card.locator(".actions").waitFor();
    assert.ok((await card.textContent())?.includes(t("en", "previousStatus_archived")));
    const links = await card.locator(".actions a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    assert.deepEqual(links, ["/en/downloads/?v=1.0"], "downloads only");
    await page.goto(`${dx.archive}/en/?v=1.0`);
    await ready(page);
    await page.getByText(t("en", "archivedNoMap", { v: "1.0" })).waitFor();
    assert.equal(await page.locator("#map").count(), 0, "no map for an archived version");
    const to = page.getByRole("link", { name: t("en", "pageDownloads") }).last();
    await to.click();
    await page.waitForURL(/\/en\/downloads\/\?v=1\.0$/);
    await ready(page);
    assert.equal(await page.locator("h1").textContent(), t("en", "downloadsHeading", { v: "1.0" }));
    await page.close();
  },
);

test("W76: no console errors on any page opened", flags, () => {
  assert.deepEqual(hx.consoleErrors, []);
});
