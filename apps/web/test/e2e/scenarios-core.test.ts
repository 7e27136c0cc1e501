/**
 * End-to-end acceptance scenarios of web.md §6.2 that no other file covers: the broken
 * config (W3), the initial view, zoom and camera deep links (W20–W22), deep load and page
 * language (W11, W12), clearing the selection (W30), copy link (W41), back and forward (W42),
 * address search off with no request leaving the site (W46), no outside requests (W7), the
 * panel's *Print report* action, and a clean console (W76). Tract roles are resolved from the
 * release's tract records by the predicates of §6.1, never hard-coded.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import { ct } from "../../src/compare/messages.ts";
import type { TractRecord } from "../../src/data/release.ts";
import { t } from "../../src/i18n.ts";
import { chromiumSkip, type Harness, jumpAndIdle, startHarness } from "./harness.ts";

let hx: Harness;
const flags = { skip: chromiumSkip, timeout: 300_000 };

/** T-MULTI, T-NONE and T-NEW of web.md §6.1, from the 2.0 tract records. */
const roles: { multi?: TractRecord; none?: TractRecord; added?: TractRecord } = {};

before(
  async () => {
    if (chromiumSkip) return;
    hx = await startHarness();
    const dir = join(hx.work, "build-2.0/api/tracts");
    for (const f of readdirSync(dir).sort()) {
      const shard = JSON.parse(readFileSync(join(dir, f), "utf8")) as Record<string, TractRecord>;
      for (const r of Object.values(shard)) {
        const tr = r.trace;
        if (!r.mapped || !tr) continue;
        if (!roles.multi && tr.disadvantaged && tr.lowIncome.met && tr.totalCategoriesExceeded >= 2)
          roles.multi = r;
        if (
          !roles.none &&
          !tr.disadvantaged &&
          tr.categories.every((c) => !c.met && c.exceededWithoutGate.length === 0) &&
          !tr.tribal.share
        )
          roles.none = r;
        if (!roles.added && tr.disadvantaged && !tr.identifiedInV1 && !tr.grandfathered) roles.added = r;
      }
    }
    assert.ok(roles.multi, "the sample has no T-MULTI tract (identified, low income, two categories)");
    assert.ok(roles.none, "the sample has no T-NONE tract (not identified, no burden, no tribal land)");
    assert.ok(roles.added, "the sample has no T-NEW tract (identified in 2.0 only, not grandfathered)");
  },
  { timeout: 1_200_000 },
);
after(async () => {
  await hx?.stop();
});

const multi = () => roles.multi as TractRecord;
const none = () => roles.none as TractRecord;

const ready = (page: Page) =>
  page.waitForFunction(() => document.getElementById("app")?.getAttribute("aria-busy") === "false", null, {
    timeout: 60_000,
  });

const waitMapIdle = (page: Page) =>
  page.waitForFunction(
    () => document.querySelector("#map")?.getAttribute("data-map-state") === "idle",
    null,
    {
      timeout: 60_000,
    },
  );

/** Viewport pixels of a longitude/latitude, through the `__cejst.project` hook. */
const projectPoint = (page: Page, lon: number, lat: number) =>
  page.evaluate(
    ([lo, la]) =>
      (
        window as unknown as { __cejst: { project(p: [number, number]): { x: number; y: number } } }
      ).__cejst.project([lo, la]),
    [lon, lat] as [number, number],
  );

const panelTract = (page: Page) => page.locator("#panel article.tract").getAttribute("data-geoid");

async function waitPanel(page: Page, geoid: string): Promise<void> {
  await page
    .locator(`#panel article.tract[data-geoid="${geoid}"] .panel-actions`)
    .waitFor({ timeout: 30_000 });
}

async function waitIntro(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector("#panel article.tract"), null, {
    timeout: 30_000,
  });
}

async function searchId(page: Page, geoid: string): Promise<void> {
  const box = page.getByRole("combobox", { name: t("en", "searchLabel") });
  await box.fill(geoid);
  await box.press("Enter");
  await waitPanel(page, geoid);
}

/** Origins the site may talk to (web.md §1.6): its own and the configured data base URL's. */
async function allowedOrigins(page: Page): Promise<Set<string>> {
  const config = (await page.evaluate(async () => (await fetch("/config.json")).json())) as {
    data: { baseUrl: string };
  };
  return new Set([new URL(hx.site).origin, new URL(config.data.baseUrl, hx.site).origin]);
}

const cameraOf = (page: Page) =>
  page.evaluate(() => {
    const m = (
      window as unknown as {
        __cejst: { map: { getZoom(): number; getCenter(): { lng: number; lat: number } } };
      }
    ).__cejst.map;
    return { zoom: m.getZoom(), lng: m.getCenter().lng, lat: m.getCenter().lat };
  });

test(
  "W3: a missing, unparsable or incomplete config.json shows the localised misconfigured page",
  flags,
  async () => {
    // Node does not resolve *.localhost; the browser does, so the real config is read there.
    const probe = await hx.open("/en/about/", { waitMap: false });
    const real = (await probe.evaluate(async () => (await fetch("/config.json")).json())) as {
      data: Record<string, unknown>;
    };
    await probe.close();
    const { defaultVersion: _, ...withoutDefault } = real.data;
    const cases: { status: number; body: string; field: string }[] = [
      { status: 404, body: "not found", field: "config.json" },
      { status: 200, body: "{ not json", field: "config.json" },
      { status: 200, body: JSON.stringify({ ...real, data: withoutDefault }), field: "data.defaultVersion" },
    ];
    for (const c of cases) {
      // A page of its own, outside the shared console log: the failure is provoked on purpose.
      const page = await hx.browser.newPage();
      const uncaught: string[] = [];
      page.on("pageerror", (e) => uncaught.push(e.message));
      await page.route("**/config.json", (r) =>
        r.fulfill({ status: c.status, contentType: "application/json", body: c.body }),
      );
      await page.goto(`${hx.site}/es/`);
      await ready(page);
      assert.equal(await page.getByRole("heading", { name: t("es", "misconfigured") }).count(), 1);
      const detail = await page.locator(".error-page p").textContent();
      assert.equal(
        detail,
        t("es", "misconfiguredField", { field: c.field }),
        `case ${c.status} ${c.body.slice(0, 10)}`,
      );
      assert.equal(await page.getByRole("button", { name: t("es", "retry") }).count(), 1);
      assert.equal(await page.locator("#map").count(), 0, "no map is drawn");
      assert.deepEqual(uncaught, []);
      await page.close();
    }
  },
);

// W20's hash at the first idle is checked in scenarios-map.test.ts.
test("W20 (legend), W21: the legend shows at the initial view; Zoom in moves to zoom 4", flags, async () => {
  const page = await hx.open("/en/");
  assert.equal(await page.locator("details.legend").isVisible(), true);
  assert.equal((await cameraOf(page)).zoom, 3, "the initial zoom");
  await page.getByRole("button", { name: t("en", "zoomIn") }).click();
  await page.waitForFunction(() => location.hash.startsWith("#4"), null, { timeout: 30_000 });
  await page.close();
});

test("W22: a camera deep link sets the map's zoom and centre and leaves the URL alone", flags, async () => {
  const hash = "#12.05/41.40965/-75.65978";
  const page = await hx.open(`/en/${hash}`);
  const cam = await cameraOf(page);
  assert.ok(Math.abs(cam.zoom - 12.05) < 1e-6, `zoom (got ${cam.zoom})`);
  assert.ok(Math.abs(cam.lat - 41.40965) < 1e-5, `lat (got ${cam.lat})`);
  assert.ok(Math.abs(cam.lng - -75.65978) < 1e-5, `lng (got ${cam.lng})`);
  assert.equal(new URL(page.url()).hash, hash);
  await page.close();
});

test("W11: /es/downloads?v=1.0 renders the Spanish 1.0 downloads on load and on reload", flags, async () => {
  const page = await hx.open("/es/downloads/?v=1.0", { waitMap: false });
  for (const step of ["load", "reload"]) {
    await ready(page);
    assert.equal(await page.locator("html").getAttribute("lang"), "es", step);
    assert.equal(await page.locator("h1").textContent(), t("es", "downloadsHeading", { v: "1.0" }), step);
    if (step === "load") await page.reload();
  }
  await page.close();
});

test(
  "W12: /es/methodology is Spanish with hreflang alternates; the navigation keeps Spanish",
  flags,
  async () => {
    const page = await hx.open("/es/methodology/", { waitMap: false });
    await ready(page);
    assert.equal(await page.locator("html").getAttribute("lang"), "es");
    assert.ok((await page.title()).startsWith(t("es", "pageMethodology")));
    for (const l of ["en", "es"])
      assert.equal(await page.locator(`link[rel="alternate"][hreflang="${l}"]`).count(), 1, `hreflang ${l}`);
    const about = page.getByRole("link", { name: t("es", "pageAbout"), exact: true });
    if (!(await about.isVisible()))
      await page.getByRole("button", { name: t("es", "navAboutGroup") }).click();
    await about.click();
    await page.waitForURL(/\/es\/about\/$/);
    await ready(page);
    assert.equal(await page.locator("html").getAttribute("lang"), "es");
    await page.close();
  },
);

test("panel actions: Print report opens /{lang}/report/ for this version and tract", flags, async () => {
  const r = multi();
  const page = await hx.open(`/es/?tract=${r.geoid}`);
  await waitPanel(page, r.geoid);
  const link = page.getByRole("link", { name: t("es", "printReport") });
  const href = new URL((await link.getAttribute("href")) ?? "", page.url());
  assert.equal(href.pathname, "/es/report/");
  assert.equal(href.searchParams.get("v"), "2.0");
  assert.equal(href.searchParams.get("tracts"), r.geoid);
  await link.click();
  await page.waitForURL(/\/es\/report\//);
  await ready(page);
  await page.locator(`.report-tract[data-geoid="${r.geoid}"]`).waitFor({ timeout: 30_000 });
  await page.close();
});

test(
  "W30: the close button and Escape each return the panel to its intro and drop tract=",
  flags,
  async () => {
    const r = multi();
    const page = await hx.open(`/en/?tract=${r.geoid}`);
    await waitPanel(page, r.geoid);
    await page.getByRole("button", { name: t("en", "close") }).click();
    await waitIntro(page);
    assert.equal(new URL(page.url()).searchParams.get("tract"), null);

    await searchId(page, r.geoid);
    await page.locator("#map canvas").focus();
    await page.keyboard.press("Escape");
    await waitIntro(page);
    assert.equal(new URL(page.url()).searchParams.get("tract"), null);
    await page.close();
  },
);

test("W41: Copy link copies a URL with v, tract and camera that reopens the same view", flags, async () => {
  const r = multi();
  const page = await hx.open(`/en/?tract=${r.geoid}`);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: hx.site });
  await waitPanel(page, r.geoid);
  await waitMapIdle(page);
  await page.getByRole("button", { name: t("en", "copyLink") }).click();
  await page.getByText(t("en", "linkCopied")).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const u = new URL(copied);
  assert.equal(u.searchParams.get("v"), "2.0");
  assert.equal(u.searchParams.get("tract"), r.geoid);
  assert.match(u.hash, /^#\d+(\.\d+)?\/-?\d+(\.\d+)?\/-?\d+(\.\d+)?$/, `camera in ${copied}`);
  const again = await hx.open(`${u.pathname}${u.search}${u.hash}`);
  await waitPanel(again, r.geoid);
  assert.equal(new URL(again.url()).hash, u.hash, "the camera is kept");
  await again.close();
  await page.close();
});

test("W42: Back and Forward move through the selections", flags, async () => {
  const page = await hx.open("/en/");
  await searchId(page, multi().geoid);
  await searchId(page, none().geoid);
  await page.goBack();
  await waitPanel(page, multi().geoid);
  await page.goBack();
  await waitIntro(page);
  assert.equal(new URL(page.url()).searchParams.get("tract"), null);
  await page.goForward();
  await waitPanel(page, multi().geoid);
  assert.equal(await panelTract(page), multi().geoid);
  await page.close();
});

test("W46: an address with address search off says so, and no request leaves the site", flags, async () => {
  const page = await hx.open("/en/");
  const allowed = await allowedOrigins(page);
  const seen: string[] = [];
  page.on("request", (req) => seen.push(req.url()));
  const box = page.getByRole("combobox", { name: t("en", "searchLabel") });
  assert.equal(await box.getAttribute("placeholder"), t("en", "searchPlaceholder"));
  const q = "1600 Pennsylvania Avenue Northwest";
  await box.fill(q);
  await box.press("Enter");
  await page.getByText(t("en", "searchNoName", { q })).waitFor({ timeout: 30_000 });
  assert.equal(await box.inputValue(), q, "the typed text stays");
  const outside = seen.filter((u) => !allowed.has(new URL(u).origin));
  assert.deepEqual(outside, [], "requests outside the site and its data");
  assert.ok(
    seen.every((u) => !u.includes(encodeURIComponent(q)) && !u.includes(q.replaceAll(" ", "+"))),
    "the address is sent nowhere",
  );
  await page.close();
});

test(
  "W7: selecting, searching, the table, Downloads and About ask only the site and its data",
  flags,
  async () => {
    const r = multi();
    const page = await hx.open(`/en/?tract=${r.geoid}`);
    const allowed = await allowedOrigins(page);
    const seen: string[] = [];
    page.on("request", (req) => seen.push(req.url()));
    await waitPanel(page, r.geoid);
    const box = page.getByRole("combobox", { name: t("en", "searchLabel") });
    await box.fill(r.county.name.toLowerCase());
    await page.getByRole("listbox").getByRole("option").first().waitFor({ timeout: 30_000 });
    await page.goto(`${hx.site}/en/?view=table`);
    await ready(page);
    await page.locator("table").first().waitFor({ timeout: 60_000 });
    for (const p of ["/en/downloads/", "/en/about/"]) {
      await page.goto(`${hx.site}${p}`);
      await ready(page);
    }
    assert.ok(seen.length > 0);
    assert.deepEqual(
      seen.filter((u) => !allowed.has(new URL(u).origin)),
      [],
    );
    await page.close();
  },
);

test(
  "W5: with the 1.0 manifest failing, its card says so and the 2.0 map and downloads work",
  flags,
  async () => {
    // A page of its own, outside the shared console log: the failure is provoked on purpose.
    const page = await hx.browser.newPage();
    const uncaught: string[] = [];
    page.on("pageerror", (e) => uncaught.push(e.message));
    await page.route("**/1.0/manifest.json", (r) => r.fulfill({ status: 500, body: "unavailable" }));
    await page.goto(`${hx.site}/en/previous-versions/`);
    await ready(page);
    const card = page.locator('article[data-version="1.0"]');
    await card.getByText(t("en", "previousUnavailable", { v: "1.0" })).waitFor({ timeout: 30_000 });
    assert.equal(await page.locator("h1").count(), 1, "the page itself still renders");
    await page.goto(`${hx.site}/en/`);
    await waitMapIdle(page);
    await page.goto(`${hx.site}/en/downloads/`);
    await ready(page);
    assert.equal(await page.locator("h1").textContent(), t("en", "downloadsHeading", { v: "2.0" }));
    assert.ok((await page.locator("table.files tbody tr").count()) > 0, "the 2.0 files are listed");
    assert.deepEqual(uncaught, []);
    await page.close();
  },
);

test("W24: a click below the selectable zoom zooms in, selects nothing and says so", flags, async () => {
  const r = multi();
  const page = await hx.open("/en/");
  await jumpAndIdle(page, r.interiorPoint.lon, r.interiorPoint.lat, 3);
  const pt = await projectPoint(page, r.interiorPoint.lon, r.interiorPoint.lat);
  await page.mouse.click(pt.x, pt.y);
  // The message goes to the visually hidden live region.
  await page.getByText(t("en", "zoomedIn")).waitFor({ state: "attached", timeout: 30_000 });
  await page.waitForFunction(
    () => !(window as unknown as { __cejst: { map: { isMoving(): boolean } } }).__cejst.map.isMoving(),
  );
  assert.ok((await cameraOf(page)).zoom > 3, "the map zoomed in");
  assert.equal(await page.locator("#panel article.tract").count(), 0, "nothing is selected");
  assert.equal(new URL(page.url()).searchParams.get("tract"), null);
  await page.close();
});

test(
  "W29: a click inside T-MULTI shows its id, county, state and population; the URL names it",
  flags,
  async () => {
    const r = multi();
    const page = await hx.open("/en/");
    await jumpAndIdle(page, r.interiorPoint.lon, r.interiorPoint.lat, 12);
    const pt = await projectPoint(page, r.interiorPoint.lon, r.interiorPoint.lat);
    await page.mouse.click(pt.x, pt.y);
    await waitPanel(page, r.geoid);
    const header = (await page.locator("#panel article.tract header").textContent()) ?? "";
    assert.ok(header.includes(r.geoid), "the id");
    assert.ok(header.includes(r.county.name), "the county");
    assert.ok(header.includes(r.state.name), "the state");
    const pop = Number(r.tile.TPF);
    if (Number.isFinite(pop))
      assert.ok(header.includes(new Intl.NumberFormat("en-US").format(pop)), "the population");
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("tract"), r.geoid);
    assert.equal(url.searchParams.get("v"), "2.0");
    await page.close();
  },
);

test(
  "W56: T-NEW compared with 1.0: No then Yes, changed rows marked, unchanged collapsed; View in 1.0",
  flags,
  async () => {
    const r = roles.added as TractRecord;
    const page = await hx.open(`/en/?compare=1.0&tract=${r.geoid}`);
    const history = page.locator(`#panel article.tract[data-geoid="${r.geoid}"] .tract-history`);
    await history.waitFor({ timeout: 30_000 });
    const answer = history.locator('tr[data-row="answer"]');
    assert.equal(await answer.locator('td[data-version="1.0"]').textContent(), t("en", "no"));
    assert.equal(await answer.locator('td[data-version="2.0"]').textContent(), t("en", "yes"));
    assert.equal(await answer.getAttribute("class"), "changed", "the answer row is marked as changed");
    assert.ok(((await answer.locator("th").textContent()) ?? "").includes(ct("en", "historyChanged")));
    const unchanged = history.locator("details.history-unchanged");
    if ((await unchanged.count()) > 0) {
      assert.equal(await unchanged.getAttribute("open"), null, "unchanged rows start collapsed");
      assert.equal(await unchanged.locator("tbody tr").first().isVisible(), false);
    }
    await page.getByRole("link", { name: ct("en", "viewIn", { v: "1.0" }) }).click();
    await page.waitForURL(
      (u) => u.searchParams.get("v") === "1.0" && u.searchParams.get("tract") === r.geoid,
    );
    await waitPanel(page, r.geoid);
    assert.equal(
      await page
        .locator(`#panel article.tract[data-geoid="${r.geoid}"] .answer-value`)
        .getAttribute("data-answer"),
      "no",
    );
    await page.close();
  },
);

test("W76: no console error or uncaught exception on any page opened", flags, () => {
  assert.deepEqual(hx.consoleErrors, []);
});
