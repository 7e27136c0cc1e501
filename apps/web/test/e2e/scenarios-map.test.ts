/**
 * End-to-end scenarios of the map's own states (web.md §3.2, §3.5, §3.11, §4.6, §6.2): the
 * initial view's hash (W20), the loading indicator with delayed tiles (W25), tile failure and
 * *Retry* (W26), no WebGL (W27, a second chromium launched with `--disable-3d-apis`), reduced
 * motion (W28), keyboard selection (W31) and indicator layers (W70, W71). Failing or slow tile
 * archives are produced by intercepting the archive requests with `page.route`; T-MULTI is
 * resolved from the release's tract records.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { gzipSync } from "node:zlib";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import type { TractRecord } from "../../src/data/release.ts";
import { t } from "../../src/i18n.ts";
import { answerText } from "../../src/panel.ts";
import {
  CHROMIUM,
  chromiumSkip,
  type Harness,
  jumpAndIdle,
  project,
  startHarness,
  waitMapIdle,
} from "./harness.ts";

let hx: Harness;
const flags = { skip: chromiumSkip, timeout: 300_000 };
let multi: TractRecord;

before(
  async () => {
    if (chromiumSkip) return;
    hx = await startHarness();
    const dir = join(hx.work, "build-2.0/api/tracts");
    let found: TractRecord | undefined;
    for (const f of readdirSync(dir).sort()) {
      const shard = JSON.parse(readFileSync(join(dir, f), "utf8")) as Record<string, TractRecord>;
      found = Object.values(shard).find(
        (r) =>
          r.mapped &&
          r.trace?.disadvantaged === true &&
          r.trace.lowIncome.met &&
          r.trace.totalCategoriesExceeded >= 2 &&
          r.bbox !== null,
      );
      if (found) break;
    }
    assert.ok(found, "the sample has no T-MULTI tract (identified, low income, two categories)");
    multi = found;
  },
  { timeout: 1_200_000 },
);
after(async () => {
  await hx?.stop();
});

const ARCHIVES = "**/*.pmtiles";

/** A page in its own context (so routes and media settings apply to it alone). */
async function newPage(o: { reducedMotion?: "reduce"; browser?: Browser } = {}): Promise<{
  page: Page;
  context: BrowserContext;
}> {
  const context = await (o.browser ?? hx.browser).newContext({
    viewport: { width: 1280, height: 800 },
    reducedMotion: o.reducedMotion ?? "no-preference",
  });
  return { page: await context.newPage(), context };
}

const mapAttr = (page: Page, name: string) => page.locator("#map").getAttribute(name);

async function searchId(page: Page, geoid: string): Promise<void> {
  const box = page.getByRole("combobox", { name: t("en", "searchLabel") });
  await box.fill(geoid);
  await box.press("Enter");
  await page.locator(`#panel article.tract[data-geoid="${geoid}"]`).waitFor({ timeout: 30_000 });
}

test("W20: at the first idle the hash is #3/33.47/-97.5 and the legend is visible", flags, async () => {
  const { page, context } = await newPage();
  await page.goto(`${hx.site}/en/`);
  await waitMapIdle(page);
  await page.waitForFunction(() => location.hash === "#3/33.47/-97.5", null, { timeout: 30_000 });
  assert.ok(await page.locator(".legend").isVisible(), "the legend is visible");
  await context.close();
});

test(
  "W25: with tile responses delayed by 3 s the map shows a loading indicator, then clears it",
  flags,
  async () => {
    const { page, context } = await newPage();
    await page.route(ARCHIVES, async (route) => {
      await new Promise((r) => setTimeout(r, 3000));
      await route.continue();
    });
    await page.goto(`${hx.site}/en/`);
    const indicator = page.locator("#map .map-loading");
    await indicator.waitFor({ state: "visible", timeout: 30_000 });
    assert.equal(await indicator.textContent(), t("en", "mapLoadingData"));
    assert.equal(await mapAttr(page, "data-map-state"), "loading");
    assert.equal(await mapAttr(page, "aria-busy"), "true");
    // Loading lasts more than 2 s, so the live region says so.
    await page.waitForFunction(
      (text) => document.getElementById("live")?.textContent === text,
      t("en", "mapStillLoading"),
      { timeout: 30_000 },
    );
    await waitMapIdle(page, 120_000);
    assert.equal(await mapAttr(page, "aria-busy"), "false");
    assert.equal(await indicator.isVisible(), false, "the indicator is gone once the map is idle");
    await context.close();
  },
);

test(
  "W26: failing tile archives show a notice with Retry; Retry draws the map once they answer",
  flags,
  async () => {
    const { page, context } = await newPage();
    let failing = true;
    await page.route(ARCHIVES, (route) =>
      failing ? route.fulfill({ status: 500, body: "unavailable" }) : route.continue(),
    );
    await page.goto(`${hx.site}/en/`);
    const retry = page.getByRole("button", { name: t("en", "retry") });
    await retry.waitFor({ timeout: 60_000 });
    assert.equal(await mapAttr(page, "data-map-state"), "error");
    assert.equal(await mapAttr(page, "aria-busy"), "false");
    assert.equal(
      await page
        .getByRole("alert")
        .filter({ hasText: t("en", "mapError") })
        .count(),
      1,
    );

    failing = false;
    await retry.click();
    await waitMapIdle(page, 120_000);
    assert.equal(await retry.count(), 0, "the notice is gone");
    const drawn = await page.evaluate(() => {
      const map = (
        window as unknown as {
          __cejst: { map: { queryRenderedFeatures(o: { layers: string[] }): unknown[] } };
        }
      ).__cejst.map;
      return map.queryRenderedFeatures({ layers: ["tract-overview-fill"] }).length;
    });
    assert.ok(drawn > 0, `identified areas are drawn after Retry (got ${drawn} features)`);
    await context.close();
  },
);

test(
  "W27: without WebGL a notice says the map cannot be drawn, the table is shown, and search opens a tract",
  flags,
  async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-3d-apis", "--no-first-run"],
    });
    try {
      const { page } = await newPage({ browser });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${hx.site}/en/`);
      await page.getByText(t("en", "mapNoWebgl")).waitFor({ timeout: 60_000 });
      assert.equal(
        await page.getByRole("button", { name: "Table", exact: true }).getAttribute("aria-pressed"),
        "true",
        "the table view is shown",
      );
      assert.ok(await page.locator(".view-root").isVisible(), "the table view is visible");
      assert.equal(await page.locator("#map").isVisible(), false, "no empty map is shown");
      await searchId(page, multi.geoid);
      assert.deepEqual(errors, [], "no uncaught exception");
    } finally {
      await browser.close();
    }
  },
);

test(
  "W28: with reduced motion a search jumps: the camera is at the tract at the first idle, with no flight",
  flags,
  async () => {
    const { page, context } = await newPage({ reducedMotion: "reduce" });
    await page.goto(`${hx.site}/en/`);
    await waitMapIdle(page);
    await page.evaluate(() => {
      const w = window as unknown as {
        __moves: number;
        __cejst: { map: { on(e: string, f: () => void): void } };
      };
      w.__moves = 0;
      w.__cejst.map.on("move", () => {
        w.__moves++;
      });
    });
    await searchId(page, multi.geoid);
    await page.evaluate(() =>
      (window as unknown as { __cejst: { whenIdle(): Promise<void> } }).__cejst.whenIdle(),
    );
    const got = await page.evaluate(() => {
      const w = window as unknown as {
        __moves: number;
        __cejst: { map: { getCenter(): { lng: number; lat: number } } };
      };
      const c = w.__cejst.map.getCenter();
      return { moves: w.__moves, lng: c.lng, lat: c.lat };
    });
    const [west, south, east, north] = multi.bbox as [number, number, number, number];
    assert.ok(
      got.lng >= west && got.lng <= east && got.lat >= south && got.lat <= north,
      `the camera is over the tract (got ${got.lng}, ${got.lat})`,
    );
    // A flight redraws every frame (dozens of move events); a jump moves once.
    assert.ok(got.moves >= 1 && got.moves <= 2, `the camera jumped (got ${got.moves} move events)`);
    await context.close();
  },
);

test(
  "W31: arrows and + bring T-MULTI under the crosshair, Enter selects it, Escape clears, Tab leaves the map",
  flags,
  async () => {
    // Reduced motion makes every key's camera change immediate, so each step reads the new camera.
    const { page, context } = await newPage({ reducedMotion: "reduce" });
    const { lon, lat } = multi.interiorPoint;
    await page.goto(`${hx.site}/en/#6/${(lat + 1).toFixed(4)}/${(lon - 1.5).toFixed(4)}`);
    await waitMapIdle(page);
    const canvas = page.locator("#map canvas");
    await canvas.focus();
    assert.equal(await page.locator("#map [tabindex='0']").count(), 1, "the map is a single tab stop");
    const zoom = () =>
      page.evaluate(() =>
        (window as unknown as { __cejst: { map: { getZoom(): number } } }).__cejst.map.getZoom(),
      );
    for (let i = 0; i < 60; i++) {
      const box = await canvas.boundingBox();
      assert.ok(box);
      const p = await project(page, lon, lat);
      const dx = p.x - (box.x + box.width / 2);
      const dy = p.y - (box.y + box.height / 2);
      // The tract's extent on screen: zoom in until it is large enough to aim at.
      const [west, south, east, north] = multi.bbox as [number, number, number, number];
      const nw = await project(page, west, north);
      const se = await project(page, east, south);
      const span = Math.min(se.x - nw.x, se.y - nw.y);
      // An arrow pans 100 px: aiming within 60 px never overshoots back and forth.
      let key: string | undefined;
      if (Math.abs(dx) > 60) key = dx > 0 ? "ArrowRight" : "ArrowLeft";
      else if (Math.abs(dy) > 60) key = dy > 0 ? "ArrowDown" : "ArrowUp";
      else if (span < 300 && (await zoom()) < 15) key = "+";
      if (!key) break;
      await page.keyboard.press(key);
    }
    assert.ok((await zoom()) > 6, "+ zoomed in");
    await waitMapIdle(page);
    await page.keyboard.press("Enter");
    await page.locator(`#panel article.tract[data-geoid="${multi.geoid}"]`).waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.activeElement?.id === "panel-heading", null, {
      timeout: 10_000,
    });
    const expected = t("en", "selectedAnnounce", {
      id: multi.geoid,
      county: multi.county.name,
      state: multi.state.name,
      answer: answerText("en", multi.tile),
    });
    await page.waitForFunction((text) => document.getElementById("live")?.textContent === text, expected, {
      timeout: 10_000,
    });
    assert.equal(new URL(page.url()).searchParams.get("tract"), multi.geoid);

    await page.keyboard.press("Escape");
    await page.waitForFunction(() => !document.querySelector("#panel article.tract"), null, {
      timeout: 10_000,
    });
    assert.equal(new URL(page.url()).searchParams.get("tract"), null);
    assert.equal(
      await page.evaluate(() => document.activeElement?.tagName),
      "CANVAS",
      "focus is back on the map",
    );
    await page.keyboard.press("Tab");
    const next = await page.evaluate(() => {
      const a = document.activeElement;
      return { tag: a?.tagName ?? "", inPanel: Boolean(a?.closest("#panel")) };
    });
    assert.notEqual(next.tag, "CANVAS", "Tab leaves the map");
    assert.ok(
      ["BUTTON", "SUMMARY", "INPUT", "A", "SELECT"].includes(next.tag),
      `a control follows (got ${next.tag})`,
    );
    await context.close();
  },
);

test(
  "W70: choosing Energy cost colours tracts by EBF_PFS, with classes breaking at 90 and a missing swatch, and writes layer=",
  flags,
  async () => {
    const { page, context } = await newPage();
    await page.goto(`${hx.site}/en/`);
    await waitMapIdle(page);
    await jumpAndIdle(page, multi.interiorPoint.lon, multi.interiorPoint.lat, 9);
    await page.getByLabel(t("en", "layerPicker")).selectOption({ label: "Energy cost" });
    await page.waitForFunction(() => new URL(location.href).searchParams.get("layer") === "EBF_PFS", null, {
      timeout: 10_000,
    });
    const fill = await page.evaluate(() =>
      JSON.stringify(
        (
          window as unknown as { __cejst: { map: { getPaintProperty(l: string, p: string): unknown } } }
        ).__cejst.map.getPaintProperty("tract-fill", "fill-color"),
      ),
    );
    assert.ok(fill.includes('"EBF_PFS"'), `the tract fill reads EBF_PFS (got ${fill})`);
    const legend = page.locator(".legend");
    assert.equal(
      await legend.locator("li[data-threshold]").textContent(),
      `${t("en", "layerClass", { from: 90, to: 100 })} ${t("en", "layerThreshold", { p: 90 })}`,
    );
    assert.equal(await legend.locator("li[data-missing]").textContent(), t("en", "layerMissing"));
    assert.equal(await legend.locator(".layer-zoom-in").isVisible(), false, "no zoom-in prompt at zoom 9");
    // Back to the default layer restores the status legend.
    await page.getByLabel(t("en", "layerPicker")).selectOption("");
    await legend.getByText(t("en", "legendIdentified")).waitFor({ timeout: 10_000 });
    assert.equal(new URL(page.url()).searchParams.get("layer"), null);
    await context.close();
  },
);

test("W71: an indicator layer at zoom 3 asks to zoom in", flags, async () => {
  const { page, context } = await newPage();
  await page.goto(`${hx.site}/en/?layer=EBF_PFS`);
  await waitMapIdle(page);
  assert.equal(await page.getByLabel(t("en", "layerPicker")).inputValue(), "EBF_PFS");
  await page.locator(".legend .layer-zoom-in").waitFor({ state: "visible", timeout: 10_000 });
  assert.equal(await page.locator(".legend .layer-zoom-in").textContent(), t("en", "layerZoomIn"));
  await context.close();
});

/** The first tract record of the release that `pick` accepts, scanning shards in order. */
function findTract(pick: (r: TractRecord) => boolean): TractRecord | undefined {
  const dir = join(hx.work, "build-2.0/api/tracts");
  for (const f of readdirSync(dir).sort()) {
    const shard = JSON.parse(readFileSync(join(dir, f), "utf8")) as Record<string, TractRecord>;
    const found = Object.values(shard).find(pick);
    if (found) return found;
  }
  return undefined;
}

/** Fits the camera to a bounding box at once and resolves at the next idle. */
async function fitAndIdle(page: Page, bbox: [number, number, number, number]): Promise<void> {
  await page.evaluate(
    (b) =>
      new Promise<void>((done) => {
        const map = (
          window as unknown as {
            __cejst: {
              map: { fitBounds(b: unknown, o: unknown): void; once(ev: string, f: () => void): void };
            };
          }
        ).__cejst.map;
        map.once("idle", () => done());
        map.fitBounds(b, { padding: 80, animate: false });
      }),
    bbox,
  );
}

/** GEOID10 of the features a layer draws under a longitude/latitude. */
async function idsAt(page: Page, layer: string, lon: number, lat: number): Promise<string[]> {
  return page.evaluate(
    ([l, lo, la]) => {
      const w = window as unknown as {
        __cejst: {
          map: {
            project(p: [number, number]): { x: number; y: number };
            queryRenderedFeatures(
              p: [number, number],
              o: { layers: string[] },
            ): { properties: Record<string, unknown> }[];
          };
        };
      };
      const p = w.__cejst.map.project([lo, la]);
      return w.__cejst.map
        .queryRenderedFeatures([p.x, p.y], { layers: [l] })
        .map((f) => String(f.properties.GEOID10));
    },
    [layer, lon, lat] as [string, number, number],
  );
}

/** How many different colours a row of 16 canvas pixels starting at a longitude/latitude has. */
async function coloursInRow(page: Page, lon: number, lat: number): Promise<number> {
  return page.evaluate(
    ([lo, la]) => {
      const w = window as unknown as {
        __cejst: {
          map: { project(p: [number, number]): { x: number; y: number }; getCanvas(): HTMLCanvasElement };
        };
      };
      const c = w.__cejst.map.getCanvas();
      const r = c.getBoundingClientRect();
      const p = w.__cejst.map.project([lo, la]);
      const dpr = c.width / r.width;
      const gl = (c.getContext("webgl2") ?? c.getContext("webgl")) as WebGLRenderingContext;
      const out = new Uint8Array(16 * 4);
      gl.readPixels(
        Math.round(p.x * dpr),
        Math.round(c.height - p.y * dpr),
        16,
        1,
        gl.RGBA,
        gl.UNSIGNED_BYTE,
        out,
      );
      const seen = new Set<string>();
      for (let i = 0; i < 16; i++) seen.add(`${out[i * 4]},${out[i * 4 + 1]},${out[i * 4 + 2]}`);
      return seen.size;
    },
    [lon, lat] as [number, number],
  );
}

test(
  "W70/W71: a tract without a value for the chosen indicator is hatched on the map, as in the legend",
  flags,
  async () => {
    const missing = findTract((r) => r.mapped && r.bbox !== null && r.tile.EBF_PFS == null);
    const valued = findTract((r) => r.mapped && r.bbox !== null && typeof r.tile.EBF_PFS === "number");
    assert.ok(missing, "the sample has a drawn tract without an energy cost value");
    assert.ok(valued, "the sample has a drawn tract with an energy cost value");
    const { page, context } = await newPage();
    await page.goto(`${hx.site}/en/`);
    await waitMapIdle(page);
    await fitAndIdle(page, missing.bbox as [number, number, number, number]);
    const { lon, lat } = missing.interiorPoint;
    assert.deepEqual(await idsAt(page, "tract-missing-hatch", lon, lat), [], "no hatch on the default layer");
    await page.getByLabel(t("en", "layerPicker")).selectOption("EBF_PFS");
    // The hatch layer's filter names the indicator, then the tiles are laid out again with it.
    await page.waitForFunction(
      () =>
        JSON.stringify(
          (
            window as unknown as { __cejst: { map: { getFilter(l: string): unknown } } }
          ).__cejst.map.getFilter("tract-missing-hatch"),
        ).includes("EBF_PFS"),
      null,
      { timeout: 30_000 },
    );
    await page.evaluate(() =>
      (window as unknown as { __cejst: { whenIdle(): Promise<void> } }).__cejst.whenIdle(),
    );
    assert.deepEqual(
      await idsAt(page, "tract-missing-hatch", lon, lat),
      [missing.geoid],
      "the tract is hatched",
    );
    assert.ok((await coloursInRow(page, lon, lat)) >= 2, "the hatch draws stripes over the grey fill");
    const swatch = page.locator(".legend li[data-missing] .swatch.missing");
    assert.ok(await swatch.isVisible(), "the legend has a missing-data swatch");
    const image = await swatch.evaluate((el) => getComputedStyle(el).backgroundImage);
    assert.match(image, /repeating-linear-gradient/, "the legend's swatch is hatched too");
    await fitAndIdle(page, valued.bbox as [number, number, number, number]);
    const v = valued.interiorPoint;
    assert.deepEqual(await idsAt(page, "tract-fill", v.lon, v.lat), [valued.geoid]);
    assert.deepEqual(
      await idsAt(page, "tract-missing-hatch", v.lon, v.lat),
      [],
      "a tract with a value is not",
    );
    await context.close();
  },
);

test("W39: a tract without land draws no outline on the map", flags, async () => {
  const water = findTract((r) => !r.mapped);
  assert.ok(water, "the sample has a tract without land (T-WATER)");
  const { page, context } = await newPage({ reducedMotion: "reduce" });
  await page.goto(`${hx.site}/en/`);
  await waitMapIdle(page);
  const outlines = () =>
    page.evaluate(async () => {
      const w = window as unknown as {
        __cejst: {
          whenIdle(): Promise<void>;
          map: { queryRenderedFeatures(o: { layers: string[] }): unknown[] };
        };
      };
      await w.__cejst.whenIdle();
      return w.__cejst.map.queryRenderedFeatures({ layers: ["selected-casing", "selected-outline"] }).length;
    });
  // A drawn tract first, so the check below can see an outline when there is one.
  await searchId(page, multi.geoid);
  await page.waitForFunction(
    () => document.querySelector("#map")?.getAttribute("data-map-state") === "idle",
    null,
    { timeout: 30_000 },
  );
  assert.ok((await outlines()) > 0, "a drawn tract's outline is rendered");
  await searchId(page, water.geoid);
  assert.equal(await outlines(), 0, "no outline is drawn for a tract without land");
  await context.close();
});

test(
  "W51: with permission, Find my location centres the map there and selects the tract at the position",
  flags,
  async () => {
    const { lon, lat } = multi.interiorPoint;
    const context = await hx.browser.newContext({
      viewport: { width: 1280, height: 800 },
      geolocation: { longitude: lon, latitude: lat, accuracy: 10 },
      permissions: ["geolocation"],
    });
    const page = await context.newPage();
    await page.goto(`${hx.site}/en/`);
    await waitMapIdle(page);
    await page.getByRole("button", { name: t("en", "geolocate") }).click();
    await page.locator(`#panel article.tract[data-geoid="${multi.geoid}"]`).waitFor({ timeout: 60_000 });
    const got = await page.evaluate(() => {
      const s = (
        window as unknown as {
          __cejst: { state(): { tract?: string; camera?: { lon: number; lat: number; zoom: number } } };
        }
      ).__cejst.state();
      return { tract: s.tract, camera: s.camera };
    });
    assert.equal(got.tract, multi.geoid);
    assert.equal(new URL(page.url()).searchParams.get("tract"), multi.geoid);
    assert.ok(got.camera, "the camera is known");
    assert.ok(
      Math.abs(got.camera.lon - lon) < 0.01 && Math.abs(got.camera.lat - lat) < 0.01,
      `the map is centred on the position (got ${got.camera.lon}, ${got.camera.lat})`,
    );
    await context.close();
  },
);

test("W51: with permission denied, Find my location says so instead of failing silently", flags, async () => {
  const context = await hx.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${hx.site}/en/`);
  await waitMapIdle(page);
  await page.getByRole("button", { name: t("en", "geolocate") }).click();
  const alert = page.getByRole("alert").filter({ hasText: t("en", "geolocateDenied") });
  await alert.waitFor({ timeout: 30_000 });
  assert.equal(new URL(page.url()).searchParams.get("tract"), null, "nothing is selected");
  await context.close();
});

test(
  "W77: everything the first explore view loads except tiles is within 900 KB compressed",
  flags,
  async () => {
    const { page, context } = await newPage();
    const bodies: Promise<{ url: string; gz: number }>[] = [];
    page.on("response", (res) => {
      const url = res.url();
      if (/\.pmtiles(\?|$)/.test(url) || res.status() >= 300) return;
      // What a compressing host sends: the body gzipped, whatever this edge did on loopback.
      bodies.push(
        res.body().then(
          (b) => ({ url, gz: gzipSync(b, { level: 9 }).length }),
          () => ({ url, gz: 0 }),
        ),
      );
    });
    await page.goto(`${hx.site}/en/`);
    await waitMapIdle(page);
    await page.waitForFunction(() => performance.getEntriesByName("cejst:map-first-idle").length > 0, null, {
      timeout: 60_000,
    });
    const sizes = await Promise.all(bodies);
    const total = sizes.reduce((n, s) => n + s.gz, 0);
    assert.ok(
      sizes.some((s) => /maplibre-gl-worker/.test(s.url)),
      "MapLibre's worker is part of the first view",
    );
    const largest = [...sizes]
      .sort((a, b) => b.gz - a.gz)
      .slice(0, 3)
      .map((s) => `${new URL(s.url).pathname.split("/").pop()} ${Math.round(s.gz / 1024)} KB`);
    assert.ok(
      total <= 900 * 1024,
      `first explore view without tiles: ${Math.round(total / 1024)} KB (largest: ${largest.join(", ")})`,
    );
    await context.close();
  },
);
