/**
 * End-to-end: the explore page's area selection (web.md §4.4; W59–W62, W64, W65, W68) on the
 * synthetic release, through the edge in Debian's chromium. Tract roles are resolved from the
 * release's tract records by the predicates of §6.1; expected counts and CSV values are
 * computed here from the release's own tract table files, never hard-coded.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import type { TractRecord } from "../../src/data/release.ts";
import { type MessageKey, t } from "../../src/i18n.ts";
import { tt } from "../../src/table/messages.ts";
import { csvHeader } from "../../src/table/table-csv.ts";
import { CATEGORY_IDS, parseShard, type ShardEntry, type TableRow } from "../../src/table/table-model.ts";
import { chromiumSkip, type Harness, jumpAndIdle, project, startHarness } from "./harness.ts";

let hx: Harness;
const flags = { skip: chromiumSkip, timeout: 300_000 };
const nf = new Intl.NumberFormat("en-US");
const pf = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 0 });

/** Roles of web.md §6.1 used here, from the 2.0 tract records. */
const roles: Partial<Record<"multi" | "none" | "near" | "grand" | "tribalPart", TractRecord>> = {};
const rows = new Map<string, TableRow>();
/** The 1.0 tract table, for the earlier version's summary. */
const rows1 = new Map<string, TableRow>();

before(
  async () => {
    if (chromiumSkip) return;
    hx = await startHarness();
    const build = join(hx.work, "build-2.0");
    const index = (
      JSON.parse(readFileSync(join(build, "api/table/index.json"), "utf8")) as { shards: ShardEntry[] }
    ).shards;
    for (const e of index)
      for (const r of parseShard(e.path, JSON.parse(readFileSync(join(build, e.path), "utf8")), e))
        rows.set(r.geoid, r);
    const build1 = join(hx.work, "build-1.0");
    const index1 = (
      JSON.parse(readFileSync(join(build1, "api/table/index.json"), "utf8")) as { shards: ShardEntry[] }
    ).shards;
    for (const e of index1)
      for (const r of parseShard(e.path, JSON.parse(readFileSync(join(build1, e.path), "utf8")), e))
        rows1.set(r.geoid, r);
    const dir = join(build, "api/tracts");
    for (const f of readdirSync(dir).sort()) {
      const shard = JSON.parse(readFileSync(join(dir, f), "utf8")) as Record<string, TractRecord>;
      for (const r of Object.values(shard)) {
        const tr = r.trace;
        if (!r.mapped || !tr) continue;
        const burden = tr.categories.some((c) => c.met || c.exceededWithoutGate.length > 0);
        if (!roles.multi && tr.disadvantaged && tr.lowIncome.met && tr.totalCategoriesExceeded >= 2)
          roles.multi = r;
        if (!roles.none && !tr.disadvantaged && !burden && !tr.tribal.share) roles.none = r;
        const li = tr.lowIncome.percentile;
        if (
          !roles.near &&
          !tr.disadvantaged &&
          tr.categories.some((c) => c.exceededWithoutGate.length > 0) &&
          li !== null &&
          li >= 0.6 &&
          li < 0.65 &&
          !tr.identifiedInV1
        )
          roles.near = r;
        if (!roles.grand && tr.grandfathered) roles.grand = r;
        const share = tr.tribal.share ?? 0;
        if (!roles.tribalPart && !tr.disadvantaged && share >= 0.01 && share <= 0.995) roles.tribalPart = r;
      }
    }
    for (const [name, role] of [
      ["T-MULTI", roles.multi],
      ["T-NONE", roles.none],
      ["T-NEAR", roles.near],
      ["T-GRAND", roles.grand],
      ["T-TRIBAL-PART", roles.tribalPart],
    ] as const)
      assert.ok(role, `the sample has no ${name} tract (web.md §6.1): extend the sample generator`);
  },
  { timeout: 1_200_000 },
);
after(async () => {
  await hx?.stop();
});

const role = (k: keyof typeof roles) => roles[k] as TractRecord;
/** The selection of W60 and W62. */
const fourIds = () => [role("multi"), role("none"), role("grand"), role("tribalPart")].map((r) => r.geoid);

const stateTracts = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __cejst: { state(): { tracts: string[] } } }).__cejst.state().tracts,
  );

async function waitSelection(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (want) =>
      (window as unknown as { __cejst: { state(): { tracts?: string[] } } }).__cejst.state().tracts
        ?.length === want,
    n,
    { timeout: 30_000 },
  );
}

/** Waits until the panel's area summary counts `n` tracts. */
async function waitSummary(page: Page, n: number, lang: "en" | "es" = "en"): Promise<void> {
  const want = t(lang, "selTractCount", {
    n: new Intl.NumberFormat(lang === "es" ? "es-US" : "en-US").format(n),
  });
  await page.waitForFunction(
    (w) => document.querySelector('#panel .area-summary [data-stat="tracts"]')?.textContent === w,
    want,
    { timeout: 30_000 },
  );
}

async function clickTract(page: Page, r: TractRecord, modifier?: "Control" | "Meta"): Promise<void> {
  await jumpAndIdle(page, r.interiorPoint.lon, r.interiorPoint.lat, 12);
  const pt = await project(page, r.interiorPoint.lon, r.interiorPoint.lat);
  if (modifier) await page.keyboard.down(modifier);
  await page.mouse.click(pt.x, pt.y);
  if (modifier) await page.keyboard.up(modifier);
}

const urlTracts = (page: Page) => new URL(page.url()).searchParams.get("tracts");

test(
  "W59: Ctrl+click, ⌘+click and Shift+Enter build a selection of three; Ctrl+click again removes one",
  flags,
  async () => {
    const page = await hx.open("/en/");
    await clickTract(page, role("multi"), "Control");
    await waitSelection(page, 1);
    await clickTract(page, role("none"), "Meta");
    await waitSelection(page, 2);
    const near = role("near");
    await jumpAndIdle(page, near.interiorPoint.lon, near.interiorPoint.lat, 12);
    // The canvas is the map's keyboard stop (MapLibre makes it focusable).
    await page.locator("#map canvas.maplibregl-canvas").focus();
    await page.keyboard.press("Shift+Enter");
    await waitSummary(page, 3);
    const three = [role("multi").geoid, role("none").geoid, near.geoid];
    assert.deepEqual(await stateTracts(page), three);
    assert.equal(urlTracts(page), three.join(","));
    assert.equal(new URL(page.url()).searchParams.get("v"), "2.0");
    assert.equal(await page.locator("#panel article.tract").count(), 0, "no single tract is open");
    assert.deepEqual(
      await page
        .locator("#panel .area-list li")
        .evaluateAll((l) => l.map((e) => e.getAttribute("data-geoid"))),
      three,
    );
    // The map draws the selection.
    const filtered = await page.evaluate(() =>
      (window as unknown as { __cejst: { map: { getFilter(id: string): unknown } } }).__cejst.map.getFilter(
        "area-outline",
      ),
    );
    assert.deepEqual(filtered, ["in", ["get", "GEOID10"], ["literal", three]]);
    await clickTract(page, role("none"), "Control");
    await waitSummary(page, 2);
    assert.equal(urlTracts(page), [role("multi").geoid, near.geoid].join(","));
    await page.close();
  },
);

test(
  "W60: the summary of T-MULTI, T-NONE, T-GRAND and T-TRIBAL-PART equals the tract table",
  flags,
  async () => {
    const ids = fourIds();
    const page = await hx.open(`/en/?tracts=${ids.join(",")}`, { bypassCSP: true });
    await waitSummary(page, 4);
    const sel = ids.map((id) => rows.get(id) as TableRow);
    const identified = sel.filter((r) => r.identified);
    const known = sel.filter((r) => r.population !== null);
    const population = known.reduce((a, r) => a + (r.population ?? 0), 0);
    const idPop = known.filter((r) => r.identified).reduce((a, r) => a + (r.population ?? 0), 0);
    const stat = (s: string) => page.locator(`#panel .area-summary [data-stat="${s}"]`).textContent();
    const expect = (key: MessageKey, vars: Record<string, string>) => t("en", key, vars);
    assert.equal(
      await stat("identified"),
      expect("selIdentified", {
        k: nf.format(identified.length),
        n: "4",
        p: pf.format(identified.length / 4),
      }),
    );
    assert.equal(
      await stat("grandfathered"),
      expect("selGrandfathered", { k: nf.format(sel.filter((r) => r.grandfathered === true).length) }),
    );
    const tribal = sel.filter((r) => (r.tribalShare ?? 0) > 0 || (r.alaskaTribalAreas ?? 0) > 0).length;
    assert.ok(tribal >= 1, "T-TRIBAL-PART overlaps tribal land");
    assert.equal(await stat("tribal"), expect("selTribal", { k: nf.format(tribal) }));
    assert.equal(
      await stat("population"),
      expect("selPopulation", {
        total: nf.format(population),
        k: nf.format(idPop),
        p: pf.format(population === 0 ? 0 : idPop / population),
      }),
    );
    for (const c of CATEGORY_IDS)
      assert.equal(
        await page.locator(`#panel .area-categories [data-category="${c}"]`).textContent(),
        expect("selCategoryCount", {
          name: tt("en", c),
          k: nf.format(sel.filter((r) => r.categories[c]).length),
        }),
        c,
      );
    // Each row opens its tract, and the way back leads to the same summary.
    await page.getByRole("button", { name: t("en", "selOpen", { id: ids[0] as string }) }).click();
    await page.locator(`#panel article.tract[data-geoid="${ids[0]}"]`).waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: t("en", "selBack", { n: "4" }) }).click();
    await waitSummary(page, 4);
    assert.equal(urlTracts(page), ids.join(","));
    // W72 for the new UI: the summary panel is axe-clean.
    assert.deepEqual(await hx.axe(page), []);
    await page.close();
  },
);

test(
  "W60 in comparison mode: the summary adds the same tracts in version 1.0, from its tract table",
  flags,
  async () => {
    const ids = fourIds();
    const page = await hx.open(`/en/?compare=1.0&tracts=${ids.join(",")}`, { waitMap: false });
    await waitSummary(page, 4);
    const older = ids.map((id) => rows1.get(id)).filter((r): r is TableRow => r !== undefined);
    const k = older.filter((r) => r.identified).length;
    const n = older.length;
    await page.locator('#panel .area-earlier [data-stat="earlier-identified"]').waitFor({ timeout: 30_000 });
    assert.equal(
      await page.locator("#panel .area-earlier h2").textContent(),
      t("en", "selEarlierTitle", { v: "1.0" }),
    );
    assert.equal(
      await page.locator('#panel .area-earlier [data-stat="earlier-identified"]').textContent(),
      t("en", "selIdentified", { k: nf.format(k), n: nf.format(n), p: pf.format(n === 0 ? 0 : k / n) }),
    );
    assert.equal(
      await page.locator('#panel [data-stat="earlier-missing"]').count(),
      n < 4 ? 1 : 0,
      "tracts missing from 1.0 are counted apart",
    );
    await page.close();
  },
);

test(
  "W61: on a touch phone, Select several makes taps add; off, the next tap opens one tract",
  flags,
  async () => {
    const page = await hx.browser.newPage({
      viewport: { width: 375, height: 667 },
      hasTouch: true,
      isMobile: true,
    });
    page.on("pageerror", (e) => hx.consoleErrors.push(`W61: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") hx.consoleErrors.push(`W61: ${m.text()}`);
    });
    await page.goto(`${hx.site}/en/`);
    await page.waitForFunction(
      () => document.querySelector("#map")?.getAttribute("data-map-state") === "idle",
      null,
      {
        timeout: 60_000,
      },
    );
    const toggle = page.getByRole("button", { name: t("en", "selSeveral") });
    await toggle.tap();
    assert.equal(await toggle.getAttribute("aria-pressed"), "true");
    // Nothing widens the page past the phone (the toolbar scrolls sideways inside it): a wider
    // page is shrunk to fit, and taps then land away from where the map says a tract is.
    assert.deepEqual(
      await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]),
      [375, 375],
    );
    // Each tap lands 80 px from the last one: two taps within 500 ms and 30 px of each other are
    // MapLibre's double-tap zoom, which opens nothing (on a fast machine these taps are that quick).
    const shifted = (lon: number, dx: number) => lon - (dx * 360) / (512 * 2 ** 12);
    for (const [k, n, dx] of [
      ["multi", 1, 0],
      ["none", 2, 80],
    ] as const) {
      const r = role(k);
      await jumpAndIdle(page, shifted(r.interiorPoint.lon, dx), r.interiorPoint.lat, 12);
      const pt = await project(page, r.interiorPoint.lon, r.interiorPoint.lat);
      await page.touchscreen.tap(pt.x, pt.y);
      await waitSelection(page, n);
    }
    await waitSummary(page, 2);
    await toggle.tap();
    assert.equal(await toggle.getAttribute("aria-pressed"), "false");
    const g = role("grand");
    await jumpAndIdle(page, g.interiorPoint.lon, g.interiorPoint.lat, 12);
    const pt = await project(page, g.interiorPoint.lon, g.interiorPoint.lat);
    await page.touchscreen.tap(pt.x, pt.y);
    await page.locator(`#panel article.tract[data-geoid="${g.geoid}"]`).waitFor({ timeout: 30_000 });
    assert.equal(new URL(page.url()).searchParams.get("tract"), g.geoid, "a single selection");
    assert.deepEqual(
      await stateTracts(page),
      [role("multi").geoid, role("none").geoid],
      "the selection stays",
    );
    // At peek the bottom sheet shows the tract and its answer only; the way back is one size up.
    await page.getByRole("button", { name: t("en", "sheetHalf"), exact: true }).tap();
    await page.getByRole("button", { name: t("en", "selBack", { n: "2" }) }).waitFor();
    await page.close();
  },
);

test(
  "W62: Export CSV downloads cejst-2.0-4-tracts.csv: BOM, documented header, the table's values; /es/ gives the same bytes",
  flags,
  async () => {
    const ids = fourIds();
    const files: Buffer[] = [];
    for (const lang of ["en", "es"] as const) {
      const page = await hx.open(`/${lang}/?tracts=${ids.join(",")}`, { waitMap: false });
      await waitSummary(page, 4, lang);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: t(lang, "selExport") }).click(),
      ]);
      assert.equal(download.suggestedFilename(), "cejst-2.0-4-tracts.csv");
      const path = await download.path();
      files.push(readFileSync(path));
      await page.close();
    }
    const [en, es] = files as [Buffer, Buffer];
    assert.ok(en.equals(es), "the same bytes in both languages");
    assert.deepEqual([...en.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 byte-order mark");
    const lines = en.toString("utf8").slice(1).trimEnd().split("\r\n");
    const header = csvHeader({ synthetic: true });
    assert.equal(lines[0], header.join(","));
    assert.equal(lines.length, 5);
    const col = (name: string) => header.indexOf(name);
    const data = lines.slice(1).map((l) => l.split(","));
    assert.deepEqual(
      data.map((d) => d[col("tract_id")]),
      [...ids].sort(),
    );
    for (const d of data) {
      const r = rows.get(d[col("tract_id")] ?? "") as TableRow;
      assert.equal(d[col("version")], "2.0");
      assert.equal(d[col("population")], r.population === null ? "" : String(r.population));
      assert.equal(d[col("identified")], String(r.identified));
      assert.equal(d[col("grandfathered")], r.grandfathered === null ? "" : String(r.grandfathered));
      assert.equal(d[col("categories_met")], String(r.categoriesMet));
      assert.equal(d[col("thresholds_met")], String(r.thresholdsMet));
      assert.equal(d[col("tribal_share")], r.tribalShare === null ? "" : String(r.tribalShare));
      // The category columns follow in CATEGORY_IDS order (web.md §4.4).
      for (const [i, c] of CATEGORY_IDS.entries())
        assert.equal(d[col("climate_met") + i], String(r.categories[c]), c);
      assert.equal(d[col("synthetic")], "true");
    }
  },
);

test(
  "W64: ?tracts= with three ids shows their summary; Start over empties it and removes tracts=",
  flags,
  async () => {
    const three = [role("multi"), role("none"), role("near")].map((r) => r.geoid);
    const page = await hx.open(`/en/?tracts=${three.join(",")}`);
    await waitSummary(page, 3);
    assert.deepEqual(
      await page
        .locator("#panel .area-list li")
        .evaluateAll((l) => l.map((e) => e.getAttribute("data-geoid"))),
      three,
    );
    const print = page.getByRole("link", { name: t("en", "printReport") });
    const href = new URL((await print.getAttribute("href")) ?? "", page.url());
    assert.match(href.pathname, /\/en\/report\/?$/);
    assert.equal(href.searchParams.get("tracts"), three.join(","));
    await page.getByRole("button", { name: t("en", "selStartOver") }).click();
    await page.getByRole("heading", { name: t("en", "introTitle") }).waitFor();
    assert.equal(urlTracts(page), null);
    assert.deepEqual(await stateTracts(page), []);
    // Back restores the selection (web.md §3.10).
    await page.goBack();
    await waitSummary(page, 3);
    await page.close();
  },
);

test("W65: ?tracts= with T-MULTI's county code selects every tract of the county", flags, async () => {
  const county = role("multi").geoid.slice(0, 5);
  const members = [...rows.keys()].filter((id) => id.startsWith(county)).sort();
  const page = await hx.open(`/en/?tracts=${county}`, { waitMap: false });
  await waitSummary(page, members.length);
  assert.deepEqual([...(await stateTracts(page))].sort(), members);
  assert.equal(urlTracts(page), county, "the address keeps the county form");
  assert.equal(await page.locator(`#panel .area-counties tr[data-county="${county}"]`).count(), 1);
  // Removing one tract writes the rest as ids.
  await page.getByRole("button", { name: t("en", "selRemove", { id: members[0] as string }) }).click();
  await waitSummary(page, members.length - 1);
  assert.equal(urlTracts(page), members.slice(1).join(","));
  await page.close();
});

test("W68: ticking two table rows makes an area selection that the map view keeps", flags, async () => {
  const page = await hx.open("/en/?view=table", { waitMap: false, bypassCSP: true });
  await page.locator(".tract-table tbody tr").first().waitFor({ timeout: 60_000 });
  const ids = (
    await page.locator(".tract-table tbody tr").evaluateAll((l) => l.map((e) => e.getAttribute("data-geoid")))
  ).slice(0, 2) as string[];
  for (const id of ids) await page.getByRole("checkbox", { name: tt("en", "selectTract", { id }) }).check();
  await waitSummary(page, 2);
  assert.equal(urlTracts(page), ids.join(","));
  assert.deepEqual(await hx.axe(page), []);
  await page.getByRole("button", { name: t("en", "viewMap") }).click();
  await page.waitForFunction(
    () => document.querySelector("#map")?.getAttribute("data-map-state") === "idle",
    null,
    {
      timeout: 60_000,
    },
  );
  assert.deepEqual(await stateTracts(page), ids);
  await waitSummary(page, 2);
  // Back in the table, the rows are still ticked.
  await page.locator(".view-switch button").nth(1).click();
  await page.locator(".tract-table tbody tr").first().waitFor({ timeout: 60_000 });
  for (const id of ids)
    assert.equal(
      await page.getByRole("checkbox", { name: tt("en", "selectTract", { id }) }).isChecked(),
      true,
    );
  await page.close();
});

test("W76: no console errors on any selection page", flags, () => {
  assert.deepEqual(hx.consoleErrors, []);
});
