/**
 * End-to-end: the explore page's table view (web.md §4.5; W66–W69) on the synthetic release,
 * through the edge in Debian's chromium. Expected values are computed here from the release's
 * own tract table files, never hard-coded.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import { tt } from "../../src/table/messages.ts";
import { csvHeader } from "../../src/table/table-csv.ts";
import { parseShard, rowAnswer, type ShardEntry, type TableRow } from "../../src/table/table-model.ts";
import { chromiumSkip, type Harness, startHarness } from "./harness.ts";

let hx: Harness | undefined;
let rows: TableRow[] = [];
let index: ShardEntry[] = [];

before(
  async () => {
    if (chromiumSkip) return;
    hx = await startHarness();
    const build = join(hx.work, "build-2.0");
    index = (
      JSON.parse(readFileSync(join(build, "api/table/index.json"), "utf8")) as { shards: ShardEntry[] }
    ).shards;
    rows = index.flatMap((e) => parseShard(e.path, JSON.parse(readFileSync(join(build, e.path), "utf8")), e));
  },
  { timeout: 1_200_000 },
);

after(async () => {
  await hx?.stop();
});

const flags = { skip: chromiumSkip, timeout: 180_000 };
const nf = new Intl.NumberFormat("en-US");

async function openTable(path = "/en/?view=table", bypassCSP = false): Promise<Page> {
  assert.ok(hx);
  const page = await hx.open(path, { waitMap: false, bypassCSP });
  await page.locator(".tract-table tbody tr").first().waitFor({ timeout: 60_000 });
  return page;
}

/** Waits until the status line starts with the match count `n`. */
async function waitForCount(page: Page, n: number) {
  const want = tt("en", "matchCount", { n: nf.format(n) });
  await page.waitForFunction(
    (w) => document.querySelector(".table-status")?.textContent?.startsWith(w) === true,
    want,
    { timeout: 60_000 },
  );
}

test(
  "every tract of the version is in the table; totals by answer match the tract table (W66)",
  flags,
  async () => {
    const page = await openTable();
    const total = index.reduce((a, e) => a + e.tracts, 0);
    assert.equal(total, rows.length);
    await waitForCount(page, total);
    assert.equal(await page.locator(".tract-table tbody tr").count(), 25);
    assert.equal(
      (await page.locator(".tract-table caption").textContent())?.trim(),
      tt("en", "caption", { v: "2.0" }),
    );
    // Nine data columns and the selection checkbox.
    assert.equal(await page.locator('.tract-table thead th[scope="col"]').count(), 10);
    const pages = Math.ceil(total / 25);
    await page.getByRole("button", { name: tt("en", "lastPage") }).click();
    await page.getByText(tt("en", "pageOf", { p: nf.format(pages), n: nf.format(pages) })).waitFor();
    assert.equal(await page.locator(".tract-table tbody tr").count(), total - (pages - 1) * 25);
    assert.equal(new URL(page.url()).searchParams.get("page"), String(pages));

    for (const answer of ["yes", "partially", "no"] as const) {
      await page.selectOption("#tf-answer", answer);
      await waitForCount(page, rows.filter((r) => rowAnswer(r) === answer).length);
    }
    await page.close();
  },
);

test(
  "filter by state and Yes, sort by population, export the CSV of the filtered rows (W67)",
  flags,
  async () => {
    // The state with the most identified tracts, so the filter has something to show.
    const byState = new Map<string, number>();
    for (const r of rows) if (r.identified) byState.set(r.state, (byState.get(r.state) ?? 0) + 1);
    const [state] = [...byState.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
    assert.ok(state, "the sample has identified tracts");
    const expected = rows.filter((r) => r.state === state && r.identified);
    const stateName = index.find((e) => e.state === state)?.name ?? "";

    const page = await openTable();
    await page.selectOption("#tf-state", state);
    await page.selectOption("#tf-answer", "yes");
    await waitForCount(page, expected.length);
    const caption = (await page.locator(".tract-table caption").textContent()) ?? "";
    assert.ok(
      caption.includes(stateName) && caption.includes("Yes"),
      `the caption names the filters (got ${caption})`,
    );

    // Keyboard: Enter on the header's sort button sorts ascending, again descending.
    const popButton = page.getByRole("button", {
      name: tt("en", "sortBy", { col: tt("en", "colPopulation") }),
    });
    await popButton.focus();
    await page.keyboard.press("Enter");
    await page.locator('th[aria-sort="ascending"]').waitFor();
    await page.getByRole("button", { name: tt("en", "sortBy", { col: tt("en", "colPopulation") }) }).focus();
    await page.keyboard.press("Enter");
    await page.locator('th[aria-sort="descending"]').waitFor();
    assert.equal(
      (await page.locator('th[aria-sort="descending"]').textContent())?.includes(tt("en", "colPopulation")),
      true,
    );
    assert.equal(await page.locator("th[aria-sort]").count(), 1, "only the sorted column has aria-sort");
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("sort"), "-population");
    assert.equal(url.searchParams.get("state"), state);
    const maxPop = Math.max(...expected.map((r) => r.population ?? -1));
    const firstPop = (
      await page.locator(".tract-table tbody tr td.c-population").first().textContent()
    )?.trim();
    assert.equal(firstPop, nf.format(maxPop));

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("button.export").click(),
    ]);
    assert.equal(download.suggestedFilename(), `cejst-2.0-${expected.length}-tracts.csv`);
    const text = readFileSync((await download.path()) ?? "", "utf8");
    assert.ok(text.startsWith("\uFEFF"), "the CSV starts with a byte-order mark");
    const lines = text.slice(1).trimEnd().split("\r\n");
    const header = (lines[0] ?? "").split(",");
    assert.deepEqual(header, csvHeader({ synthetic: true }));
    const data = lines.slice(1).map((l) => l.split(","));
    assert.equal(data.length, expected.length);
    const col = (name: string) => header.indexOf(name);
    assert.deepEqual(
      data.map((d) => d[col("tract_id")]).sort(),
      expected.map((r) => r.geoid).sort(),
      "the CSV holds exactly the filtered tracts",
    );
    assert.ok(data.every((d) => d[col("identified")] === "true" && d[col("synthetic")] === "true"));
    const pops = data
      .map((d) => d[col("population")])
      .filter((p) => p !== "")
      .map(Number);
    assert.deepEqual(
      pops,
      [...pops].sort((a, b) => b - a),
      "rows keep the table's order",
    );
    const byId = new Map(expected.map((r) => [r.geoid, r]));
    for (const d of data) {
      const r = byId.get(d[col("tract_id")] ?? "");
      assert.equal(d[col("population")], r?.population === null ? "" : String(r?.population));
      assert.equal(d[col("categories_met")], String(r?.categoriesMet));
    }
    await page.close();
  },
);

test("a tract opens from the table in the map view with its panel (W68)", flags, async () => {
  const page = await openTable("/en/?view=table&answer=yes");
  const link = page.locator(".tract-table tbody th a").first();
  const geoid = (await link.textContent())?.trim() ?? "";
  assert.match(geoid, /^\d{11}$/);
  await link.click();
  await page.locator(`article.tract[data-geoid="${geoid}"]`).waitFor({ timeout: 30_000 });
  const url = new URL(page.url());
  assert.equal(url.searchParams.get("tract"), geoid);
  assert.equal(url.searchParams.get("view"), null, "the map view is shown");
  assert.equal(url.searchParams.get("answer"), null, "table filters leave with the table");
  assert.equal(await page.locator("#map").isVisible(), true);
  await page.close();
});

test("Spanish table; filters and page live in the URL", flags, async () => {
  const page = await openTable("/es/?view=table");
  assert.equal(
    (await page.locator(".tract-table caption").textContent())?.trim(),
    tt("es", "caption", { v: "2.0" }),
  );
  await page.selectOption("#tf-answer", "no");
  await page.waitForURL(/answer=no/);
  await page.getByRole("button", { name: tt("es", "nextPage") }).click();
  await page.waitForURL(/page=2/);
  assert.equal(new URL(page.url()).searchParams.get("answer"), "no");
  await page.close();
});

test("W72: axe finds no serious or critical violations on the table view", flags, async () => {
  assert.ok(hx);
  const page = await openTable("/en/?view=table&answer=yes", true);
  assert.deepEqual(await hx.axe(page), []);
  await page.close();
});

test("W76: no console errors on any table page", flags, () => {
  assert.deepEqual(hx?.consoleErrors ?? [], []);
});
