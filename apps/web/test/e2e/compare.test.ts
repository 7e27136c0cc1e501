/**
 * End-to-end: comparison mode (web.md §4.3; W57, W58) on the synthetic 2.0 release compared
 * with 1.0, through the edge in Debian's chromium. Tracts and totals come from the release's own
 * files; colours are read from the map canvas.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ct } from "../../src/compare/messages.ts";
import { MAP_TRANSITIONS, TRANSITION_STYLE, type TransitionClass } from "../../src/compare/transition.ts";
import type { TractRecord } from "../../src/data/release.ts";
import { COLOURS } from "../../src/map/style.ts";
import { tt } from "../../src/table/messages.ts";
import { blend, chromiumSkip, type Harness, jumpAndIdle, mapPixel, startHarness } from "./harness.ts";

let hx: Harness | undefined;
let totals: Record<string, number> = {};
/** A drawn tract of each class, picked from the 2.0 tract records. */
const byClass = new Map<TransitionClass, TractRecord>();

before(
  async () => {
    if (chromiumSkip) return;
    hx = await startHarness();
    const build = join(hx.work, "build-2.0");
    totals = (
      JSON.parse(readFileSync(join(build, "api/changes/1.0.json"), "utf8")) as {
        totals: Record<string, number>;
      }
    ).totals;
    const index = JSON.parse(readFileSync(join(build, "api/table/index.json"), "utf8")) as {
      shards: { path: string }[];
    };
    // Grandfathered and added tracts from the table, then their records for the interior point.
    const wanted = new Map<string, TransitionClass>();
    for (const s of index.shards) {
      const shard = JSON.parse(readFileSync(join(build, s.path), "utf8")) as {
        columns: string[];
        rows: unknown[][];
      };
      const c = (n: string) => shard.columns.indexOf(n);
      for (const r of shard.rows) {
        if (r[c("mapped")] !== true) continue;
        const cls: TransitionClass | undefined =
          r[c("grandfathered")] === true
            ? "keptByGrandfathering"
            : r[c("identified")] === true && r[c("identifiedEarlier")] === false
              ? "added"
              : undefined;
        if (cls && ![...wanted.values()].includes(cls)) wanted.set(String(r[c("geoid")]), cls);
      }
    }
    for (const [geoid, cls] of wanted) {
      const shard = JSON.parse(
        readFileSync(join(build, "api/tracts", `${geoid.slice(0, 5)}.json`), "utf8"),
      ) as Record<string, TractRecord>;
      const rec = shard[geoid];
      if (rec) byClass.set(cls, rec);
    }
    assert.ok(byClass.has("keptByGrandfathering"), "the sample has a drawn grandfathered tract");
  },
  { timeout: 1_200_000 },
);

after(async () => {
  await hx?.stop();
});

const flags = { skip: chromiumSkip, timeout: 180_000 };

test("?compare=1.0: legend counts are the release's change totals (W57)", flags, async () => {
  assert.ok(hx);
  const page = await hx.open("/en/?compare=1.0");
  await page.locator(".legend.compare-legend").waitFor({ timeout: 30_000 });
  for (const c of MAP_TRANSITIONS) {
    const count = await page
      .locator(`.legend li[data-class="${c}"] .legend-count`)
      .getAttribute("data-count");
    assert.equal(Number(count), totals[c], `legend count of ${c}`);
    const label = (await page.locator(`.legend li[data-class="${c}"] .legend-label`).textContent())?.trim();
    assert.equal(label, ct("en", c, { old: "1.0", new: "2.0" }));
  }
  const state = await page.evaluate(() =>
    (window as unknown as { __cejst: { state(): { compare?: string } } }).__cejst.state(),
  );
  assert.equal(state.compare, "1.0");
  await page.close();
});

test(
  "W57, W56 (partly): a grandfathered and an added tract are drawn in their class colours; the panel shows both versions",
  flags,
  async () => {
    assert.ok(hx);
    for (const [cls, rec] of byClass) {
      const page = await hx.open(`/en/?compare=1.0&tract=${rec.geoid}`);
      await page.locator(".legend.compare-legend").waitFor({ timeout: 30_000 });
      const { lon, lat } = rec.interiorPoint;
      await jumpAndIdle(page, lon, lat, 11);
      // The selection outline is drawn on the border, not at the interior point.
      const got = await mapPixel(page, lon, lat);
      const want = blend(TRANSITION_STYLE[cls].fill, TRANSITION_STYLE[cls].opacity, COLOURS.background);
      const off = Math.max(...got.map((v, i) => Math.abs(v - (want[i] ?? 0))));
      assert.ok(
        off <= 6,
        `${rec.geoid} (${cls}) is drawn ${got.join(",")}, expected about ${want.join(",")}`,
      );

      const section = page.locator(`article.tract[data-geoid="${rec.geoid}"] .version-status`);
      await section.waitFor({ timeout: 30_000 });
      assert.equal(await section.getAttribute("data-transition"), cls);
      const older = (await section.locator('dd[data-version="1.0"]').textContent())?.trim();
      assert.equal(older, ct("en", cls === "added" ? "statusNotIdentified" : "statusIdentified"));
      const link = await section
        .getByRole("link", { name: ct("en", "viewIn", { v: "1.0" }) })
        .getAttribute("href");
      assert.ok(link?.includes("v=1.0") && link.includes(`tract=${rec.geoid}`), `View in 1.0 (got ${link})`);
      await page.close();
    }
  },
);

test("turning comparison off restores the default colours and legend", flags, async () => {
  assert.ok(hx);
  const rec = byClass.get("keptByGrandfathering") as TractRecord;
  const page = await hx.open("/en/?compare=1.0");
  await page.locator(".legend.compare-legend").waitFor({ timeout: 30_000 });
  await page.selectOption("#compare-with", "");
  await page.waitForFunction(() => !document.querySelector(".legend.compare-legend"));
  assert.equal(new URL(page.url()).searchParams.get("compare"), null);
  const { lon, lat } = rec.interiorPoint;
  await jumpAndIdle(page, lon, lat, 11);
  const got = await mapPixel(page, lon, lat);
  const want = blend(COLOURS.grandfathered, 0.55, COLOURS.background);
  assert.ok(
    Math.max(...got.map((v, i) => Math.abs(v - (want[i] ?? 0)))) <= 6,
    `default grandfathered colour is back (got ${got.join(",")}, expected ${want.join(",")})`,
  );
  await page.close();
});

test("comparisons without change data are refused and leave the URL (W58)", flags, async () => {
  assert.ok(hx);
  for (const path of ["/en/?compare=9.9", "/en/?v=1.0&compare=2.0"]) {
    const page = await hx.open(path);
    const other = new URL(path, "http://x").searchParams.get("compare") ?? "";
    await page.waitForFunction(() => !new URLSearchParams(location.search).has("compare"), null, {
      timeout: 30_000,
    });
    assert.equal(await page.locator(".legend.compare-legend").count(), 0, path);
    const notices = await page.locator(".notice").allTextContents();
    assert.ok(
      notices.some((n) => n.includes(other)),
      `a notice names version ${other} (got ${JSON.stringify(notices)})`,
    );
    await page.close();
  }
});

test("the table in comparison mode gives the legend's counts per class (W57)", flags, async () => {
  assert.ok(hx);
  const page = await hx.open("/en/?view=table&compare=1.0", { waitMap: false });
  await page.locator("#tf-change").waitFor({ timeout: 60_000 });
  const nf = new Intl.NumberFormat("en-US");
  for (const c of MAP_TRANSITIONS) {
    await page.selectOption("#tf-change", c);
    const want = tt("en", "matchCount", { n: nf.format(totals[c] ?? -1) });
    await page.waitForFunction(
      (w) => document.querySelector(".table-status")?.textContent?.startsWith(w) === true,
      want,
      { timeout: 60_000 },
    );
  }
  await page.close();
});

test("W72: axe finds no serious or critical violations in comparison mode", flags, async () => {
  assert.ok(hx);
  const rec = byClass.get("keptByGrandfathering") as TractRecord;
  const page = await hx.open(`/en/?compare=1.0&tract=${rec.geoid}`, { bypassCSP: true });
  await page.locator(".version-status").waitFor({ timeout: 30_000 });
  assert.deepEqual(await hx.axe(page), []);
  await page.close();
});

test("W76: no console errors on any comparison page", flags, () => {
  assert.deepEqual(hx?.consoleErrors ?? [], []);
});
