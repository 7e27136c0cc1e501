/**
 * End-to-end: every route of web.md §2.1 in both languages through the edge, with axe; the
 * language switch; downloads, methodology and previous versions against the release; name and
 * coordinate search; the territory buttons. Setup is shared with the other e2e files.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { THRESHOLDS } from "@cejst/methodology";
import { INDICATOR_SOURCES } from "@cejst/schema";
import type { Page } from "playwright-core";
import { contentDigest } from "../../src/data/digest.ts";
import type { NameIndex } from "../../src/data/release.ts";
import { t } from "../../src/i18n.ts";
import { LANGS, ROUTES, routePath } from "../../src/pages/routes.ts";
import { boundsContain, TERRITORIES } from "../../src/search/territories.ts";
import { chromiumSkip, type Harness, startHarness } from "./harness.ts";
import { findRoles } from "./roles.ts";

let hx: Harness;
const flags = { skip: chromiumSkip, timeout: 300_000 };

before(
  async () => {
    if (chromiumSkip) return;
    hx = await startHarness();
  },
  { timeout: 1_200_000 },
);
after(async () => {
  await hx?.stop();
});

const ready = (page: Page) =>
  page.waitForFunction(() => document.getElementById("app")?.getAttribute("aria-busy") === "false", null, {
    timeout: 60_000,
  });

interface ManifestFile {
  path: string;
  sha256: string;
  role?: string;
  kind?: string;
}
const manifest = (v: string) =>
  (
    JSON.parse(readFileSync(join(hx.work, `build-${v}`, "manifest.json"), "utf8")) as {
      content: { files: ManifestFile[] };
    }
  ).content.files;

test("W72 (every route, 1280×800), W12: every page loads in both languages, titled, with no serious or critical axe violation", {
  ...flags,
  timeout: 900_000,
}, async () => {
  for (const route of ROUTES.filter((r) => !r.redirect))
    for (const lang of LANGS) {
      const path = `/${routePath(route, lang)}`;
      const page = await hx.open(path, { bypassCSP: true, waitMap: route.id === "explore" });
      await ready(page);
      assert.equal(await page.locator("html").getAttribute("lang"), lang, path);
      assert.ok((await page.title()).startsWith(t(lang, route.title)), `${path} title`);
      assert.equal(await page.locator("h1").count(), 1, `${path} has one h1`);
      assert.equal(await page.locator(".lang-switch").isVisible(), true);
      assert.deepEqual(await hx.axe(page), [], path);
      await page.close();
    }
});

test(
  "W15/W16: a route without its trailing slash resolves; old addresses redirect; unknown paths are 404",
  flags,
  async () => {
    const page = await hx.open("/es/downloads", { waitMap: false });
    await ready(page);
    assert.match(page.url(), /\/es\/downloads\/$/);
    await page.goto(`${hx.site}/en/public-engagement/`);
    await page.waitForURL(/\/en\/previous-versions\/$/);
    await page.goto(`${hx.site}/en/technical-support-document/`);
    await page.waitForURL(/\/en\/methodology\/#documents$/);
    await page.close();
    // A page of its own, outside the console-error log: the 404 is provoked on purpose.
    const lost = await hx.browser.newPage();
    const res = await lost.goto(`${hx.site}/en/no-such-page`);
    assert.equal(res?.status(), 404);
    assert.ok((await lost.content()).includes(t("es", "notFoundTitle")));
    await lost.close();
  },
);

test(
  "W13 (route and query), W9 (disclosures): the language switch keeps the route and the query; the nav disclosures open and close",
  flags,
  async () => {
    const page = await hx.open("/en/downloads/?v=1.0", { waitMap: false });
    await ready(page);
    await page.getByRole("link", { name: "Español" }).click();
    await page.waitForURL(/\/es\/downloads\/\?v=1\.0$/);
    await ready(page);
    assert.equal(await page.locator("h1").textContent(), t("es", "downloadsHeading", { v: "1.0" }));
    const menu = page.getByRole("button", { name: t("es", "navMethodologyData") });
    await menu.focus();
    await page.keyboard.press("Enter");
    assert.equal(await menu.getAttribute("aria-expanded"), "true");
    await page.getByRole("link", { name: t("es", "pageMethodology") }).waitFor();
    await page.keyboard.press("Escape");
    assert.equal(await menu.getAttribute("aria-expanded"), "false");
    await page.close();
  },
);

test(
  "W13 (open categories): a tract's categories opened and closed by the reader stay so after switching to Español, with the same tract, version and camera",
  flags,
  async () => {
    const multi = findRoles(hx.work).multi;
    const { lon, lat } = multi.interiorPoint;
    const page = await hx.open(`/en/?v=2.0&tract=${multi.geoid}#9/${lat.toFixed(2)}/${lon.toFixed(2)}`);
    const panel = page.locator(`#panel article.tract[data-geoid="${multi.geoid}"]`);
    await panel.locator(".panel-actions").waitFor({ timeout: 30_000 });
    const openIds = () =>
      panel
        .locator("details.category")
        .evaluateAll((ds) =>
          ds.filter((d) => (d as HTMLDetailsElement).open).map((d) => (d as HTMLElement).dataset.category),
        );
    const before = await openIds();
    const closed = panel.locator("details.category:not([open]) > summary").first();
    const opened = panel.locator("details.category[open] > summary").first();
    assert.equal(await closed.count(), 1, "a category is closed by default");
    assert.equal(await opened.count(), 1, "a met category is open by default");
    await closed.click();
    await opened.click();
    const chosen = await openIds();
    assert.notDeepEqual(chosen, before, "the reader changed which categories are open");
    const hash = new URL(page.url()).hash;
    await page.getByRole("link", { name: "Español" }).click();
    await page.waitForURL((u) => u.pathname === "/es/");
    const u = new URL(page.url());
    assert.equal(u.searchParams.get("tract"), multi.geoid);
    assert.equal(u.searchParams.get("v"), "2.0");
    assert.equal(u.hash, hash, "the same camera");
    const es = page.locator(`#panel article.tract[data-geoid="${multi.geoid}"]`);
    await es.locator(".panel-actions").waitFor({ timeout: 30_000 });
    assert.equal(await es.locator("h2").textContent(), t("es", "tract", { id: multi.geoid }));
    assert.deepEqual(
      await es
        .locator("details.category")
        .evaluateAll((ds) =>
          ds.filter((d) => (d as HTMLDetailsElement).open).map((d) => (d as HTMLElement).dataset.category),
        ),
      chosen,
    );
    await page.close();
  },
);

test(
  "W18: downloads list the release's files with their full checksums and the codebook",
  flags,
  async () => {
    const files = manifest("2.0").filter((f) => f.role === "download");
    const page = await hx.open("/en/downloads/", { waitMap: false });
    await ready(page);
    assert.equal(await page.locator("table.files tbody tr").count(), files.length);
    for (const f of files) {
      const row = page.locator(`tr[data-path="${f.path}"]`);
      assert.ok((await row.locator(".sr-only").textContent())?.includes(f.sha256), f.path);
      assert.ok((await row.locator("a").getAttribute("href"))?.endsWith(`/data-versions/2.0/${f.path}`));
    }
    const codebook = files.find((f) => f.kind === "codebook");
    if (codebook)
      assert.ok(
        (await page.getByRole("link", { name: t("en", "codebookLink") }).getAttribute("href"))?.endsWith(
          codebook.path,
        ),
      );
    const content = JSON.parse(readFileSync(join(hx.work, "build-2.0/manifest.json"), "utf8")).content;
    assert.equal(
      await page.locator(".site-footer a[title^='sha256:']").getAttribute("title"),
      await contentDigest(content),
      "the footer's release id is the manifest digest",
    );
    const notes = page.getByRole("button", { name: t("en", "notesToggle") });
    await notes.click();
    assert.equal(await notes.getAttribute("aria-expanded"), "true");
    await page.locator("#release-notes p").first().waitFor();
    await page.close();
  },
);

test(
  "W17: methodology follows the version: 2.0 has the island and grandfathering routes, 1.0 does not",
  flags,
  async () => {
    const two = await hx.open("/en/methodology/", { waitMap: false });
    await ready(two);
    assert.equal(await two.locator(".category-card").count(), 8);
    assert.equal(await two.locator('[data-route="grandfathered"]').count(), 1);
    assert.equal(await two.locator("#flood-risk").count(), 1);
    assert.ok(
      (await two.locator("#low-income").textContent())?.includes(
        String(Math.round(THRESHOLDS.lowIncome * 100)),
      ),
    );
    const flood = (await two.locator("#flood-risk").textContent()) ?? "";
    assert.ok(flood.includes(INDICATOR_SOURCES.flood_risk.source), "the source from the catalogue");
    assert.ok(flood.includes(INDICATOR_SOURCES.flood_risk.year), "the years from the catalogue");
    assert.ok(
      (await two.locator(".routes").textContent())?.includes(
        `${Math.round(THRESHOLDS.donutLowIncome * 100)}th`,
      ),
    );
    const one = await hx.open("/es/methodology/?v=1.0", { waitMap: false });
    await ready(one);
    assert.equal(await one.locator(".methodology").getAttribute("data-methodology"), "1.0");
    assert.equal(await one.locator('[data-route="grandfathered"], [data-route="territory"]').count(), 0);
    await two.close();
    await one.close();
  },
);

test("W19: previous versions: a card for 1.0 with its downloads and map links", flags, async () => {
  const page = await hx.open("/en/previous-versions/", { waitMap: false });
  await ready(page);
  const card = page.locator('article[data-version="1.0"]');
  await card.waitFor();
  assert.ok(
    (
      await card.getByRole("link", { name: t("en", "downloadsOf", { v: "1.0" }) }).getAttribute("href")
    )?.endsWith("/en/downloads/?v=1.0"),
  );
  await page.close();
});

const names = (): NameIndex =>
  JSON.parse(readFileSync(join(hx.work, "build-2.0/api/search/names.json"), "utf8"));

const viewContains = (page: Page, lon: number, lat: number) =>
  page.evaluate(
    ([x, y]) => {
      const m = (
        window as unknown as { __cejst: { map: { getBounds(): { contains(p: [number, number]): boolean } } } }
      ).__cejst.map;
      return m.getBounds().contains([x, y]);
    },
    [lon, lat] as [number, number],
  );

test(
  "W45: a county typed in lower case with its state abbreviation is offered; choosing it fits the map",
  flags,
  async () => {
    const idx = names();
    const county = idx.counties.find((c) => c.bbox && idx.states.some((s) => s.fips === c.state));
    assert.ok(county?.bbox);
    const state = idx.states.find((s) => s.fips === county.state);
    assert.ok(state);
    const page = await hx.open("/en/");
    const box = page.getByRole("combobox", { name: t("en", "searchLabel") });
    await box.fill(`${county.name.toLowerCase()}, ${state.abbreviation.toLowerCase()}`);
    const option = page.getByRole("option", { name: `${county.name}, ${state.name}` });
    await option.waitFor();
    await page.keyboard.press("ArrowDown");
    assert.equal(
      await box.getAttribute("aria-activedescendant"),
      await page.locator('[role="option"]').first().getAttribute("id"),
    );
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      () => document.querySelector("#map")?.getAttribute("data-map-state") === "idle",
    );
    const [w, s, e, n] = county.bbox;
    await page.waitForFunction(() => true);
    assert.ok(await viewContains(page, (w + e) / 2, (s + n) / 2), "the county is in view");
    await box.fill("123, 456");
    await page.keyboard.press("Enter");
    await page.getByText(t("en", "searchCoordsInvalid")).waitFor();
    await box.fill("Nowhere Street 12");
    await page.keyboard.press("Enter");
    await page.getByText(t("en", "searchNoName", { q: "Nowhere Street 12" })).waitFor();
    assert.equal(await box.inputValue(), "Nowhere Street 12", "the typed text stays");
    await page.close();
  },
);

test("W50: each territory button moves the map over that area's tracts", flags, async () => {
  const idx = names();
  const page = await hx.open("/en/");
  for (const area of TERRITORIES) {
    await page.getByRole("button", { name: t("en", "zoomTo", { name: t("en", area.name) }) }).click();
    await page.evaluate(
      () =>
        new Promise<void>((done) => {
          const m = (
            window as unknown as {
              __cejst: { map: { once(e: string, f: () => void): void; isMoving(): boolean } };
            }
          ).__cejst.map;
          if (!m.isMoving()) done();
          else m.once("moveend", () => done());
        }),
    );
    const centre = await page.evaluate(() => {
      const c = (
        window as unknown as { __cejst: { map: { getCenter(): { lng: number; lat: number } } } }
      ).__cejst.map.getCenter();
      return [c.lng, c.lat] as [number, number];
    });
    assert.ok(
      boundsContain(area.bounds, centre[0], centre[1]),
      `${area.code}: centre ${centre} in its bounds`,
    );
    for (const st of idx.states.filter((x) => area.fips.includes(x.fips) && x.bbox)) {
      const [w, s, e, n] = st.bbox as [number, number, number, number];
      assert.ok(
        await viewContains(page, (w + e) / 2, (s + n) / 2),
        `${area.code}: ${st.name}'s tracts are in view`,
      );
    }
  }
  await page.close();
});

interface SearchRows {
  rows: [string, number | null, number | null, [number, number, number, number] | null, boolean][];
}
const tractRows = () =>
  (JSON.parse(readFileSync(join(hx.work, "build-2.0/api/search/tracts.json"), "utf8")) as SearchRows).rows;
const tractPanel = (page: Page, geoid: string) =>
  page.locator(`article.tract[data-geoid="${geoid}"]`).waitFor({ timeout: 60_000 });

test(
  "W43/W44: id forms select the tract; a county prefix lists its tracts, Down Arrow and Enter pick one",
  flags,
  async () => {
    const rows = tractRows().filter((r) => r[4]);
    const county = rows[0]?.[0].slice(0, 5) ?? "";
    const inCounty = rows.filter((r) => r[0].startsWith(county)).map((r) => r[0]);
    const page = await hx.open("/en/");
    const box = page.getByRole("combobox", { name: t("en", "searchLabel") });
    await box.fill(county);
    await page.locator('[role="option"]').first().waitFor();
    const offered = await page.locator('[role="option"]').allTextContents();
    assert.ok(
      offered.length > 0 && offered.every((id) => inCounty.includes(id)),
      "only that county's tracts",
    );
    await page.keyboard.press("ArrowDown");
    const first = page.locator('[role="option"]').first();
    assert.equal(await first.getAttribute("aria-selected"), "true");
    assert.equal(await box.getAttribute("aria-activedescendant"), await first.getAttribute("id"));
    await page.keyboard.press("Enter");
    await tractPanel(page, offered[0] ?? "");
    const other = inCounty[1] ?? inCounty[0] ?? "";
    await box.fill(`${other.slice(0, 5)}-${other.slice(5)}`);
    await page.keyboard.press("Enter");
    await tractPanel(page, other);
    assert.equal(new URL(page.url()).searchParams.get("tract"), other);
    await page.close();
  },
);

test(
  "W49: a tract's interior point typed as lat, lon places the marker and selects it; 123, 456 is refused",
  flags,
  async () => {
    const row = tractRows().find((r) => r[0].startsWith("72") && r[4]) ?? tractRows().find((r) => r[4]);
    assert.ok(row && row[1] !== null && row[2] !== null);
    const page = await hx.open("/en/");
    const box = page.getByRole("combobox", { name: t("en", "searchLabel") });
    await box.fill(`${row[1]}, ${row[2]}`);
    await page.keyboard.press("Enter");
    await tractPanel(page, row[0]);
    assert.equal(await page.getByRole("img", { name: t("en", "searchMarker") }).count(), 1);
    // Out-of-range coordinates are refused with a message, and the selection stays.
    await box.fill("123, 456");
    await page.keyboard.press("Enter");
    await page.getByText(t("en", "searchCoordsInvalid")).waitFor();
    assert.equal(new URL(page.url()).searchParams.get("tract"), row[0]);
    await page.close();
  },
);

test(
  "W50: on a phone the territory buttons are in the Go to… menu, operable by keyboard",
  flags,
  async () => {
    const page = await hx.open("/es/", { viewport: { width: 375, height: 667 } });
    const pr = TERRITORIES.find((x) => x.code === "PR");
    assert.ok(pr);
    const go = page.getByRole("button", { name: t("es", "goTo") });
    const button = page.getByRole("button", { name: t("es", "zoomTo", { name: t("es", pr.name) }) });
    assert.equal(await button.isVisible(), false, "hidden until the menu opens");
    await go.focus();
    await page.keyboard.press("Enter");
    assert.equal(await go.getAttribute("aria-expanded"), "true");
    await button.focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      () => !(window as unknown as { __cejst: { map: { isMoving(): boolean } } }).__cejst.map.isMoving(),
    );
    const c = await page.evaluate(() => {
      const m = (window as unknown as { __cejst: { map: { getCenter(): { lng: number; lat: number } } } })
        .__cejst.map;
      return [m.getCenter().lng, m.getCenter().lat] as [number, number];
    });
    assert.ok(boundsContain(pr.bounds, c[0], c[1]), `centre ${c} in Puerto Rico's bounds`);
    await page.close();
  },
);

test(
  "W78: the new-version notice names the current version; once dismissed it stays dismissed",
  flags,
  async () => {
    const page = await hx.open("/en/about/", { waitMap: false });
    await ready(page);
    const notice = page.locator('[data-banner="new-version"]');
    await notice.waitFor();
    assert.ok((await notice.textContent())?.includes("2.0"));
    await page.getByRole("button", { name: t("en", "dismissNotice") }).click();
    assert.equal(await notice.count(), 0);
    await page.reload();
    await ready(page);
    assert.equal(await page.locator('[data-banner="new-version"]').count(), 0);
    await page.close();
  },
);

test("W76: no console errors on any page opened", flags, () => {
  assert.deepEqual(hx.consoleErrors, []);
});
