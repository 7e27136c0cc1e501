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
  "W73: keyboard only: skip link, search T-NEAR, its How close? box, expand every category, Add to selection, search T-MULTI and add it, the selection CSV, the table view and its CSV export, then Español; focus visible and uncovered at every Tab stop",
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
    // The How close? box opens the reasons, right under the header: on screen, nothing over it.
    const box = page.locator("#panel .how-close");
    assert.equal(await box.locator("h4").textContent(), t("en", "howClose"));
    assert.ok(
      await box.evaluate((e) => {
        const r = e.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + 10, r.top + 5);
        return r.top >= 0 && r.top < innerHeight && top !== null && e.contains(top);
      }),
      "the How close? box is on screen and uncovered",
    );
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
    // Add T-NEAR to the area selection, then find T-MULTI and add it too.
    const addThis = async (geoid: string) => {
      await tabTo(
        page,
        () => document.activeElement?.classList.contains("area-add") === true,
        "Add to selection",
        200,
      );
      await page.keyboard.press("Enter");
      await page.waitForFunction(
        (g) => new URL(location.href).searchParams.get("tracts")?.split(",").includes(g) === true,
        geoid,
        { timeout: 30_000 },
      );
    };
    await addThis(roles.near.geoid);
    await tabTo(
      page,
      () => document.activeElement?.getAttribute("role") === "combobox",
      "the search box",
      200,
    );
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type(roles.multi.geoid);
    await page.keyboard.press("Enter");
    await page
      .locator(`#panel article.tract[data-geoid="${roles.multi.geoid}"]`)
      .waitFor({ timeout: 60_000 });
    await addThis(roles.multi.geoid);
    // Back to the area summary, and its CSV.
    await tabTo(
      page,
      () => document.activeElement?.classList.contains("area-back") === true,
      "back to the selection",
      200,
    );
    await page.keyboard.press("Enter");
    await page.locator("#panel .area-summary").waitFor({ timeout: 30_000 });
    const selCsv = page.waitForEvent("download");
    await tabTo(
      page,
      () => (document.activeElement as HTMLElement | null)?.dataset.focusKey === "export",
      "Export CSV of the selection",
      200,
    );
    await page.keyboard.press("Enter");
    assert.equal((await selCsv).suggestedFilename(), "cejst-2.0-2-tracts.csv");
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

/** Whether the element's centre is on screen and not under anything else (the sheet, the header). */
const uncovered = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((e) => {
      const r = e.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (r.width === 0 || x < 0 || x >= innerWidth || y < 0 || y >= innerHeight) return false;
      const top = document.elementFromPoint(x, y);
      return top !== null && (top === e || e.contains(top));
    });

test(
  "W74: at 1024×720, 375×667 and 360×760 zoom buttons, territory buttons or Go to…, legend, search and the panel are on the first screen; phones have the bottom sheet",
  flags,
  async () => {
    for (const viewport of [{ width: 1024, height: 720 }, PHONE, { width: 360, height: 760 }]) {
      const page = await hx.open("/en/", { viewport });
      const where = `${viewport.width}×${viewport.height}`;
      const phone = viewport.width < 640;
      for (const sel of [
        ".maplibregl-ctrl-zoom-in",
        ".maplibregl-ctrl-zoom-out",
        "details.legend summary",
        "[role=combobox]",
      ])
        assert.ok(await inView(page, sel), `${sel} is on screen at ${where}`);
      assert.ok(await uncovered(page, "#panel h1"), `the panel's heading is on the first screen at ${where}`);
      assert.equal(
        await page.evaluate(() => document.documentElement.scrollHeight <= innerHeight),
        true,
        `nothing scrolls below the first screen at ${where}`,
      );
      assert.equal(
        await page.locator(".sheet-bar").isVisible(),
        phone,
        `the sheet's bar only below 640 px (${where})`,
      );
      const go = page.getByRole("button", { name: t("en", "goTo") });
      assert.equal(await go.isVisible(), phone, `Go to… only below 640 px (${where})`);
      if (phone) {
        await go.click();
        const pr = page.getByRole("button", { name: t("en", "zoomTo", { name: t("en", "areaPR") }) });
        assert.ok(
          await uncovered(page, `.territory-list button >> nth=0`),
          `Go to… opens above the sheet at ${where}`,
        );
        assert.ok(await pr.isVisible(), `territory buttons through Go to… at ${where}`);
      } else
        assert.ok(
          await page
            .getByRole("button", { name: t("en", "zoomTo", { name: t("en", "areaPR") }) })
            .isVisible(),
          `territory buttons at ${where}`,
        );
      await page.locator("#panel h1").focus();
      assert.ok(await uncovered(page, "#panel h1"), `the panel heading takes focus at ${where}`);
      await page.close();
    }
  },
);

/** The sheet's height and state, once its three buttons agree with `data-sheet`. */
const sheetNow = (page: Page) =>
  page.evaluate(() => {
    const explore = document.querySelector(".explore") as HTMLElement;
    const panel = document.getElementById("panel") as HTMLElement;
    const pressed = [...document.querySelectorAll(".sheet-size[aria-pressed=true]")].map(
      (b) => (b as HTMLElement).dataset.height,
    );
    return {
      state: explore.dataset.sheet,
      pressed,
      // The share of the explore area the sheet (bar and panel) covers.
      share:
        (panel.getBoundingClientRect().bottom -
          (document.querySelector(".sheet-bar") as HTMLElement).getBoundingClientRect().top) /
        explore.clientHeight,
    };
  });

async function waitSheet(page: Page, state: string): Promise<{ share: number }> {
  await page.waitForFunction(
    (s) => document.querySelector(".explore")?.getAttribute("data-sheet") === s,
    state,
    { timeout: 10_000 },
  );
  const now = await sheetNow(page);
  assert.deepEqual(now.pressed, [state], `only the ${state} button is pressed`);
  return now;
}

/** Taps the map over a point, moving the map first when something (the search box) is over it. */
async function tapOnMap(page: Page, lon: number, lat: number): Promise<void> {
  await jumpAndIdle(page, lon, lat, 12);
  for (let i = 0; i < 8; i++) {
    const pt = await project(page, lon, lat);
    const free = await page.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.classList.contains("maplibregl-canvas") === true,
      pt,
    );
    if (free) {
      await page.touchscreen.tap(pt.x, pt.y);
      return;
    }
    await page.evaluate(
      () =>
        new Promise<void>((done) => {
          const map = (
            window as unknown as {
              __cejst: {
                map: { panBy(o: [number, number], a: unknown): void; once(e: string, f: () => void): void };
              };
            }
          ).__cejst.map;
          map.once("idle", () => done());
          map.panBy([0, -20], { duration: 0 });
        }),
    );
  }
  assert.fail("no spot of the map over the point is free to tap");
}

/** A one-finger drag through chromium's touch input (pointer events of type touch in the page). */
async function touchDrag(page: Page, x: number, y: number, dy: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y }] });
  for (let i = 1; i <= 8; i++)
    await cdp.send("Input.dispatchTouchEvent", {
      type: "touchMove",
      touchPoints: [{ x, y: y + (dy * i) / 8 }],
    });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}

test(
  "W74, W72 (bottom sheet): on a touch phone a tapped tract's answer is on the first screen; the size buttons (tap and keyboard) and a drag change the sheet's height; focus on a covered control lowers it; axe at every height",
  flags,
  async () => {
    const page = await hx.browser.newPage({
      viewport: PHONE,
      hasTouch: true,
      isMobile: true,
      bypassCSP: true,
    });
    page.on("pageerror", (e) => hx.consoleErrors.push(`W74 sheet: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") hx.consoleErrors.push(`W74 sheet: ${m.text()}`);
    });
    await page.goto(`${hx.site}/en/`);
    await waitMapIdle(page);
    await waitSheet(page, "peek");
    assert.deepEqual(await hx.axe(page), [], "axe with the sheet at peek, nothing selected");
    const m = roles.multi;
    await tapOnMap(page, m.interiorPoint.lon, m.interiorPoint.lat);
    await page
      .locator(`#panel article.tract[data-geoid="${m.geoid}"] .answer-value`)
      .waitFor({ timeout: 30_000 });
    await waitSheet(page, "peek");
    for (const sel of ["#panel-heading", ".answer-value"])
      assert.ok(await uncovered(page, sel), `${sel} is on the first screen with the sheet at peek`);
    assert.equal(await page.locator(".answer-value").textContent(), t("en", "yes"));
    assert.deepEqual(await hx.axe(page), [], "axe with a tract at peek");

    const size = (k: "sheetPeek" | "sheetHalf" | "sheetFull") =>
      page.getByRole("button", { name: t("en", k) });
    await size("sheetHalf").tap();
    const half = await waitSheet(page, "half");
    assert.ok(half.share > 0.45 && half.share < 0.55, `half covers about half (got ${half.share})`);
    // On this small screen half holds the area actions and the header; the answer is peek's job.
    assert.ok(await uncovered(page, "#panel .area-add"), "the panel's first control shows at half");
    assert.deepEqual(await hx.axe(page), [], "axe with a tract at half");
    await size("sheetFull").tap();
    const full = await waitSheet(page, "full");
    assert.ok(full.share > 0.99, `full covers the explore area (got ${full.share})`);
    assert.ok(await uncovered(page, "#panel-heading"), "the tract id is visible at full");
    assert.ok(await uncovered(page, ".lang-switch"), "the site header stays above the sheet at full");
    assert.deepEqual(await hx.axe(page), [], "axe with a tract at full");
    await page.waitForFunction(
      (want) => document.getElementById("live")?.textContent === want,
      t("en", "sheetNow", { size: t("en", "sheetFull") }),
      { timeout: 10_000 },
    );

    await size("sheetPeek").tap();
    const peek = await waitSheet(page, "peek");
    assert.ok(peek.share < half.share, `peek is lower than half (${peek.share} < ${half.share})`);
    for (const sel of ["#panel-heading", ".answer-value"])
      assert.ok(await uncovered(page, sel), `${sel} shows at peek (tract id and answer)`);
    assert.ok(peek.share <= 0.51, `peek leaves the map free (got ${peek.share})`);

    // The buttons work from the keyboard as well.
    await size("sheetHalf").focus();
    await page.keyboard.press("Enter");
    await waitSheet(page, "half");

    // Dragging the grip: up from half ends at full, a long drag down at peek.
    const grip = await page.locator(".sheet-grip").boundingBox();
    assert.ok(grip, "the grip is on screen");
    await touchDrag(page, grip.x + grip.width / 2, grip.y + grip.height / 2, -250);
    await waitSheet(page, "full");
    const grip2 = await page.locator(".sheet-grip").boundingBox();
    assert.ok(grip2);
    await touchDrag(page, grip2.x + grip2.width / 2, grip2.y + grip2.height / 2, 420);
    await waitSheet(page, "peek");

    // WCAG 2.4.11: at half the sheet covers the map's lower part; focusing the map lowers it.
    await size("sheetHalf").focus();
    await page.keyboard.press("Enter");
    await waitSheet(page, "half");
    await page.locator("#map canvas").focus();
    await waitSheet(page, "peek");
    assert.ok(await uncovered(page, "#map canvas"), "the focused map is not under the sheet");
    assert.ok(await uncovered(page, ".goto"), "Go to… is back and uncovered at peek");
    await page.close();
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
