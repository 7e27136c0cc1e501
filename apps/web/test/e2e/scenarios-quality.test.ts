/**
 * End-to-end quality scenarios of web.md §6.2 on the harness's staging distribution: every
 * internal link (W10), browser languages (W8), every page-to-page hop and the mobile menu (W9),
 * the language choice remembered (W13), the legend on a phone (W23), the selected outline and a
 * click on empty map (W29, W30), table semantics and keyboard (W69), axe at 375×667 (W72), a
 * keyboard-only journey (W73), small screens (W74) and reflow (W75).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import { t } from "../../src/i18n.ts";
import { LANGS, ROUTES, routePath } from "../../src/pages/routes.ts";
import {
  chromiumSkip,
  edgeRequest,
  type Harness,
  jumpAndIdle,
  project,
  startHarness,
  waitMapIdle,
} from "./harness.ts";
import { findRoles, type Roles } from "./roles.ts";

let hx: Harness;
let roles: Roles;
const flags = { skip: chromiumSkip, timeout: 300_000 };
const PHONE = { width: 375, height: 667 };

before(
  async () => {
    if (chromiumSkip) return;
    hx = await startHarness();
    roles = findRoles(hx.work);
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

const pages = ROUTES.filter((r) => !r.redirect);
/** The pages of the primary navigation (web.md §2.2), with the catalogue key of their link. */
const NAV = [
  { id: "explore", key: "pageExplore", group: undefined },
  { id: "methodology", key: "pageMethodology", group: "navMethodologyData" },
  { id: "downloads", key: "pageDownloads", group: "navMethodologyData" },
  { id: "previous-versions", key: "pagePreviousVersions", group: "navMethodologyData" },
  { id: "about", key: "pageAbout", group: "navAboutGroup" },
  { id: "frequently-asked-questions", key: "pageFaq", group: "navAboutGroup" },
] as const;

/** The path a route is opened at in these tests (the report needs a tract). */
function pathOf(route: (typeof ROUTES)[number], lang: "en" | "es"): string {
  const p = `/${routePath(route, lang)}`;
  return route.id === "report" ? `${p}?v=2.0&tracts=${roles.multi.geoid}` : p;
}

test("W10: every link of every page in both languages has a real href, and every same-origin target answers 200", {
  ...flags,
  timeout: 900_000,
}, async () => {
  const targets = new Map<string, string>();
  for (const route of pages)
    for (const lang of LANGS) {
      const path = pathOf(route, lang);
      const page = await hx.open(path, { waitMap: false });
      await ready(page);
      // Pages that list data fill in after the shell is ready.
      if (route.id === "downloads") await page.locator("table.files tbody tr").first().waitFor();
      if (route.id === "previous-versions")
        await page.locator("article.version-card .actions").first().waitFor();
      const hrefs = await page
        .locator("a")
        .evaluateAll((as) =>
          as.map((a) => ({ raw: a.getAttribute("href"), abs: (a as HTMLAnchorElement).href })),
        );
      assert.ok(hrefs.length > 0, `${path} has links`);
      for (const { raw, abs } of hrefs) {
        assert.ok(raw !== null && raw !== "", `${path}: a link without href`);
        assert.doesNotMatch(raw, /undefined|null/, `${path}: ${raw}`);
        const u = new URL(abs);
        if (u.origin !== new URL(hx.site).origin) continue;
        u.hash = "";
        if (!targets.has(u.href)) targets.set(u.href, path);
      }
      await page.close();
    }
  assert.ok(
    [...targets.keys()].some((u) => u.includes("/data-versions/2.0/")),
    "download links were found",
  );
  for (const [url, from] of targets) {
    // Downloads can be large: their status is enough.
    const r = await edgeRequest(url, url.includes("/data-versions/") ? "HEAD" : "GET");
    assert.equal(r.status, 200, `${url} (linked from ${from})`);
  }
});

test(
  "W8: / and every route without a prefix (/downloads?v=1.0#x) send an English browser to /en/… and a Spanish one (es-ES) to /es/…, keeping query and hash",
  flags,
  async () => {
    for (const [locale, lang] of [
      ["en-US", "en"],
      ["es-ES", "es"],
    ] as const) {
      for (const route of ROUTES.filter((r) => r.redirect === undefined)) {
        // With and without the trailing slash (the edge adds it, keeping the query).
        for (const path of route.slug === "" ? ["/"] : [`/${route.slug}`, `/${route.slug}/`]) {
          const page = await hx.open(`${path}?v=1.0#x`, { locale, waitMap: false });
          const want = `/${routePath(route, lang)}`;
          await page.waitForURL((u) => u.pathname === want);
          const u = new URL(page.url());
          assert.equal(u.search, "?v=1.0", `${locale} ${path}`);
          assert.equal(u.hash, "#x", `${locale} ${path}`);
          assert.equal(await page.locator("html").getAttribute("lang"), lang);
          await page.close();
        }
      }
    }
  },
);

async function chooseFromNav(page: Page, lang: "en" | "es", target: (typeof NAV)[number]): Promise<void> {
  const menu = page.locator(".nav-menu");
  if (await menu.isVisible()) {
    if ((await menu.getAttribute("aria-expanded")) !== "true") await menu.click();
  }
  const nav = page.getByRole("navigation", { name: t(lang, "navPrimary") });
  if (target.group) {
    const d = nav.getByRole("button", { name: t(lang, target.group) });
    if ((await d.getAttribute("aria-expanded")) !== "true") await d.click();
  }
  await nav.getByRole("link", { name: t(lang, target.key), exact: true }).click();
}

test("W9: from each page, every other page of the primary navigation, in both languages", {
  ...flags,
  timeout: 1_500_000,
}, async () => {
  for (const lang of LANGS)
    for (const from of NAV) {
      const page = await hx.open(`/${routePath(ROUTES.find((r) => r.id === from.id) ?? pages[0]!, lang)}`, {
        waitMap: false,
      });
      await ready(page);
      for (const to of NAV.filter((x) => x.id !== from.id)) {
        await chooseFromNav(page, lang, to);
        await page.waitForURL((u) => u.pathname === `/${lang}/${to.id === "explore" ? "" : `${to.id}/`}`);
        await ready(page);
        assert.ok((await page.title()).startsWith(t(lang, to.key)), `${lang} ${from.id} → ${to.id}`);
        await page.goBack();
        await ready(page);
      }
      await page.close();
    }
});

test("W9: the mobile menu reaches every page of the navigation, in both languages", {
  ...flags,
  timeout: 900_000,
}, async () => {
  for (const lang of LANGS) {
    const page = await hx.open(`/${lang}/about/`, { viewport: PHONE, waitMap: false });
    await ready(page);
    const menu = page.locator(".nav-menu");
    assert.equal(await menu.isVisible(), true, "a menu button below 1024 px");
    assert.equal(await page.locator(".lang-switch").isVisible(), true, "the language switch stays visible");
    assert.equal(
      await page.getByRole("navigation", { name: t(lang, "navPrimary") }).isVisible(),
      false,
      "the navigation is collapsed",
    );
    for (const to of NAV.filter((x) => x.id !== "about")) {
      await chooseFromNav(page, lang, to);
      await page.waitForURL((u) => u.pathname === `/${lang}/${to.id === "explore" ? "" : `${to.id}/`}`);
      await ready(page);
      assert.ok((await page.title()).startsWith(t(lang, to.key)), `${lang} menu → ${to.id}`);
      await page.goBack();
      await ready(page);
    }
    await page.close();
  }
});

test("W13 (the next visit): after choosing Español, / goes to /es/", flags, async () => {
  const page = await hx.open(`/en/?v=2.0&tract=${roles.multi.geoid}#9/40/-100`, { waitMap: false });
  await ready(page);
  await page.getByRole("link", { name: "Español" }).click();
  await page.waitForURL((u) => u.pathname === "/es/");
  const u = new URL(page.url());
  assert.equal(u.searchParams.get("tract"), roles.multi.geoid);
  assert.equal(u.searchParams.get("v"), "2.0");
  await page.goto(`${hx.site}/`);
  await page.waitForURL((x) => x.pathname === "/es/");
  await page.close();
});

const layoutVisibility = (page: Page, id: string) =>
  page.evaluate(
    (layer) =>
      (
        window as unknown as { __cejst: { map: { getLayoutProperty(l: string, p: string): unknown } } }
      ).__cejst.map.getLayoutProperty(layer, "visibility") ?? "visible",
    id,
  );

test(
  "W23: at 375×667 the legend starts collapsed behind a Legend button; it opens and its switches work by keyboard",
  flags,
  async () => {
    const page = await hx.open("/en/", { viewport: PHONE });
    const legend = page.locator("details.legend");
    assert.equal(await legend.getAttribute("open"), null, "collapsed on a phone");
    const summary = legend.locator("summary");
    assert.equal((await summary.textContent())?.trim(), t("en", "legend"));
    assert.equal(await legend.locator("ul").isVisible(), false);
    await summary.focus();
    await page.keyboard.press("Enter");
    assert.notEqual(await legend.getAttribute("open"), null, "Enter opens it");
    const labels = (await legend.locator("ul li").allTextContents()).map((s) => s.trim());
    for (const key of ["legendIdentified", "legendGrandfathered", "legendTribal"] as const)
      assert.ok(labels.includes(t("en", key)), `the legend names ${key} (got ${labels.join(" | ")})`);
    const box = page.getByRole("checkbox", { name: t("en", "legendShowTribal") });
    await box.focus();
    await page.keyboard.press("Space");
    assert.equal(await layoutVisibility(page, "tribal-fill"), "none");
    await page.keyboard.press("Space");
    assert.equal(await layoutVisibility(page, "tribal-fill"), "visible");
    await summary.focus();
    await page.keyboard.press("Enter");
    assert.equal(await legend.getAttribute("open"), null, "and closes again");
    await page.close();
  },
);

test(
  "W29 (outline), W30 (empty map): the selected outline's filter names the tract; a click where there is no tract clears it",
  flags,
  async () => {
    const r = roles.multi;
    const page = await hx.open(`/en/?tract=${r.geoid}`);
    await page.locator(`#panel article.tract[data-geoid="${r.geoid}"]`).waitFor({ timeout: 60_000 });
    await waitMapIdle(page);
    const filter = await page.evaluate(() =>
      JSON.stringify(
        (window as unknown as { __cejst: { map: { getFilter(l: string): unknown } } }).__cejst.map.getFilter(
          "selected-outline",
        ),
      ),
    );
    assert.ok(filter.includes(r.geoid), `the outline filter names ${r.geoid} (got ${filter})`);
    // Open sea east of the tract's state at a selectable zoom: no tract is drawn there.
    const empty: [number, number] = [-45, 32];
    await jumpAndIdle(page, empty[0], empty[1], 9);
    const pt = await project(page, empty[0], empty[1]);
    const under = await page.evaluate(
      ([x, y]) =>
        (
          window as unknown as { __cejst: { map: { queryRenderedFeatures(p: [number, number]): unknown[] } } }
        ).__cejst.map.queryRenderedFeatures([x, y]).length,
      [
        pt.x - (await page.locator("#map").boundingBox())!.x,
        pt.y - (await page.locator("#map").boundingBox())!.y,
      ] as [number, number],
    );
    assert.equal(under, 0, "nothing is drawn at the point clicked");
    await page.mouse.click(pt.x, pt.y);
    await page.waitForFunction(() => !document.querySelector("#panel article.tract"), null, {
      timeout: 30_000,
    });
    assert.equal(new URL(page.url()).searchParams.get("tract"), null);
    await page.close();
  },
);

test(
  "W69: the table has a caption, scoped column headers, named pagination buttons, and Tab / Shift+Tab pass through without a trap",
  flags,
  async () => {
    const page = await hx.open("/en/?view=table", { waitMap: false });
    const table = page.locator("table.tract-table");
    await table.locator("tbody tr").first().waitFor({ timeout: 60_000 });
    assert.ok(((await table.locator("caption").textContent()) ?? "").trim().length > 0, "a caption");
    const scopes = await table
      .locator("thead th")
      .evaluateAll((ths) => ths.map((th) => th.getAttribute("scope")));
    assert.ok(
      scopes.length > 0 && scopes.every((s) => s === "col"),
      `scope="col" on every header (got ${scopes})`,
    );
    const pager = await page
      .locator(".pager button")
      .evaluateAll((bs) => bs.map((b) => (b.getAttribute("aria-label") ?? b.textContent ?? "").trim()));
    assert.ok(
      pager.length > 0 && pager.every((n) => n.length > 0),
      `named pagination buttons (got ${pager})`,
    );
    // Every focusable control of the view, then a forward and a backward pass over it.
    const controls = await page.locator(".table-view").evaluate((root) =>
      [
        ...root.querySelectorAll<HTMLElement>(
          "a[href], button:not([disabled]), input, select, [tabindex='0']",
        ),
      ]
        .filter((e) => e.offsetParent !== null)
        .map((e, i) => {
          e.dataset.w69 = String(i);
          return i;
        }),
    );
    assert.ok(controls.length > 3, "the view has controls");
    const focused = () =>
      page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.w69 ?? null);
    await page.locator('[data-w69="0"]').focus();
    const seen = new Set<string>();
    for (let i = 0; i < controls.length * 2 + 20; i++) {
      const f = await focused();
      if (f !== null) seen.add(f);
      else if (seen.size > 0) break;
      await page.keyboard.press("Tab");
    }
    assert.equal(seen.size, controls.length, "Tab reaches every control of the table view");
    assert.equal(await focused(), null, "and then leaves the view: no trap");
    const back = new Set<string>();
    await page.keyboard.press("Shift+Tab");
    for (let i = 0; i < controls.length * 2 + 20; i++) {
      const f = await focused();
      if (f === null) break;
      back.add(f);
      await page.keyboard.press("Shift+Tab");
    }
    assert.equal(back.size, controls.length, "Shift+Tab walks back through every control and out");
    await page.close();
  },
);

test("W72 (375×667): every route in both languages has no serious or critical axe violation on a phone", {
  ...flags,
  timeout: 900_000,
}, async () => {
  for (const route of pages)
    for (const lang of LANGS) {
      const path = pathOf(route, lang);
      const page = await hx.open(path, { viewport: PHONE, bypassCSP: true, waitMap: route.id === "explore" });
      await ready(page);
      assert.deepEqual(await hx.axe(page), [], `${path} at 375×667`);
      await page.close();
    }
});

/** The focused element, whether its focus indicator shows, and whether something covers it. */
const focusState = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    if (!e || e === document.body) return { what: "body", visible: false, covered: false };
    const s = getComputedStyle(e);
    const visible =
      (s.outlineStyle !== "none" && Number.parseFloat(s.outlineWidth) > 0) ||
      (s.boxShadow !== "none" && s.boxShadow !== "");
    const r = e.getBoundingClientRect();
    const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 10), 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    const covered = top !== null && top !== e && !e.contains(top) && !top.contains(e);
    return {
      what: `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}.${e.className} ${e.textContent?.trim().slice(0, 30)}`,
      visible,
      covered,
    };
  });

async function tabTo(page: Page, match: () => boolean, what: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const f = await focusState(page);
    // Past the last control focus leaves the document, and the next Tab starts again at the top.
    if (f.what === "body") continue;
    assert.ok(f.visible, `focus is visible on ${f.what}`);
    assert.ok(!f.covered, `focus is not covered on ${f.what}`);
    if (await page.evaluate(match)) return;
  }
  assert.fail(`${what} was not reached with Tab within ${max} presses`);
}

test(
  "W73: keyboard only: skip link, search T-NEAR, expand every category, the table view and its CSV export, then Español",
  flags,
  async () => {
    const page = await hx.open("/en/");
    await page.keyboard.press("Tab");
    assert.equal(
      await page.evaluate(() => document.activeElement?.className),
      "skip",
      "the skip link is first",
    );
    assert.ok((await focusState(page)).visible);
    await page.keyboard.press("Enter");
    // The skip link moves the sequential focus point to the main content: the next stop is in it.
    await page.keyboard.press("Tab");
    assert.equal(
      await page.evaluate(() => document.activeElement?.closest("#main") !== null),
      true,
      `after the skip link, Tab lands in #main (got ${(await focusState(page)).what})`,
    );
    await tabTo(page, () => document.activeElement?.getAttribute("role") === "combobox", "the search box");
    await page.keyboard.type(roles.near.geoid);
    await page.keyboard.press("Enter");
    await page.locator(`#panel article.tract[data-geoid="${roles.near.geoid}"]`).waitFor({ timeout: 60_000 });
    const closed = () => page.locator("#panel details.category:not([open])").count();
    for (let guard = 0; (await closed()) > 0 && guard < 10; guard++) {
      await tabTo(
        page,
        () =>
          document.activeElement?.tagName === "SUMMARY" &&
          document.activeElement.parentElement?.matches("details.category:not([open])") === true,
        "a closed category",
        120,
      );
      await page.keyboard.press("Enter");
    }
    assert.equal(await closed(), 0, "every category is open");
    await tabTo(page, () => document.activeElement?.closest(".view-switch") !== null, "the view switch", 200);
    // The table is the other button of the group; move to it with Tab (buttons are in the tab order).
    await tabTo(
      page,
      () =>
        document.activeElement?.closest(".view-switch") !== null &&
        document.activeElement?.getAttribute("aria-pressed") === "false",
      "the table view button",
      4,
    );
    await page.keyboard.press("Enter");
    await page.locator("table.tract-table tbody tr").first().waitFor({ timeout: 60_000 });
    const download = page.waitForEvent("download");
    await page.locator(".table-view button.export").focus();
    assert.ok((await focusState(page)).visible);
    await page.keyboard.press("Enter");
    const csv = await download;
    assert.match(csv.suggestedFilename(), /\.csv$/);
    await page.locator(".lang-switch").focus();
    assert.ok((await focusState(page)).visible);
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.pathname === "/es/");
    assert.equal(new URL(page.url()).searchParams.get("view"), "table");
    await page.close();
  },
);

const inView = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((e) => {
      const r = e.getBoundingClientRect();
      return (
        r.width > 0 &&
        r.height > 0 &&
        r.left >= 0 &&
        r.right <= innerWidth + 1 &&
        r.top >= 0 &&
        r.top < innerHeight
      );
    });

test(
  "W74 (partly): at 1024×720, 375×667 and 360×760 zoom buttons, territory buttons or Go to…, legend and search are on screen; the panel is reachable",
  flags,
  async () => {
    for (const viewport of [{ width: 1024, height: 720 }, PHONE, { width: 360, height: 760 }]) {
      const page = await hx.open("/en/", { viewport });
      const where = `${viewport.width}×${viewport.height}`;
      for (const sel of [
        ".maplibregl-ctrl-zoom-in",
        ".maplibregl-ctrl-zoom-out",
        "details.legend summary",
        "[role=combobox]",
      ])
        assert.ok(await inView(page, sel), `${sel} is on screen at ${where}`);
      // On phones the panel sits under the map (there is no bottom sheet yet): reachable by scrolling.
      await page.locator("#panel").scrollIntoViewIfNeeded();
      assert.ok(await inView(page, "#panel"), `#panel is reachable at ${where}`);
      await page.locator("#panel h1").focus();
      assert.ok(await inView(page, "#panel h1"), `the panel heading takes focus at ${where}`);
      const go = page.getByRole("button", { name: t("en", "goTo") });
      const phone = viewport.width < 640;
      assert.equal(await go.isVisible(), phone, `Go to… only below 640 px (${where})`);
      if (!phone)
        assert.ok(
          await page
            .getByRole("button", { name: t("en", "zoomTo", { name: t("en", "areaPR") }) })
            .isVisible(),
          `territory buttons at ${where}`,
        );
      await page.close();
    }
  },
);

const noHorizontalScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test("W75: at 320 px, at 400% and at 200% zoom, content pages do not scroll sideways; the explore page keeps search, zoom and panel", {
  ...flags,
  timeout: 900_000,
}, async () => {
  const sizes = [
    { viewport: { width: 320, height: 640 }, name: "320 px" },
    // 1280×800 at 400 % and at 200 %: the CSS viewport shrinks by the zoom factor.
    { viewport: { width: 320, height: 200 }, name: "400 %" },
    { viewport: { width: 640, height: 400 }, name: "200 %" },
  ];
  for (const { viewport, name } of sizes) {
    for (const route of pages.filter((r) => r.id !== "explore"))
      for (const lang of LANGS) {
        const path = pathOf(route, lang);
        const page = await hx.open(path, { viewport, waitMap: false });
        await ready(page);
        assert.ok(await noHorizontalScroll(page), `${path} scrolls sideways at ${name}`);
        await page.close();
      }
    const page = await hx.open("/en/", { viewport });
    assert.ok(await noHorizontalScroll(page), `the explore page scrolls sideways at ${name}`);
    for (const sel of ["[role=combobox]", ".maplibregl-ctrl-zoom-in", "#panel"]) {
      await page.locator(sel).first().scrollIntoViewIfNeeded();
      assert.ok(await inView(page, sel), `${sel} is reachable at ${name}`);
    }
    await page.close();
  }
});

test("W76: no console errors on any page opened", flags, () => {
  assert.deepEqual(hx.consoleErrors, []);
});
