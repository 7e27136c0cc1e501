/**
 * End-to-end: the printable report `/{lang}/report?v=&tracts=` (web.md §4.4) against the
 * sample release: summary counts equal the release's tract records, the table lists every
 * tract, details up to ten tracts and the table alone beyond, unknown ids named, both
 * languages, and no serious or critical axe violation. Setup is the shared harness.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import type { TractRecord } from "../../src/data/release.ts";
import { decodeBool } from "../../src/decode.ts";
import { t } from "../../src/i18n.ts";
import { chromiumSkip, type Harness, startHarness } from "./harness.ts";

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

/** Tract records of the 2.0 build's first county shards, in id order. */
function records(count: number): TractRecord[] {
  const rows = (
    JSON.parse(readFileSync(join(hx.work, "build-2.0/api/search/tracts.json"), "utf8")) as {
      rows: [string][];
    }
  ).rows.map((r) => r[0]);
  const out: TractRecord[] = [];
  const shards = new Map<string, Record<string, TractRecord>>();
  for (const id of rows) {
    const county = id.slice(0, 5);
    if (!shards.has(county))
      shards.set(
        county,
        JSON.parse(readFileSync(join(hx.work, `build-2.0/api/tracts/${county}.json`), "utf8")) as Record<
          string,
          TractRecord
        >,
      );
    const r = shards.get(county)?.[id];
    if (r) out.push(r);
    if (out.length === count) break;
  }
  return out;
}

async function openReport(lang: "en" | "es", ids: string[]): Promise<Page> {
  const page = await hx.open(`/${lang}/report/?v=2.0&tracts=${ids.join(",")}`, {
    bypassCSP: true,
    waitMap: false,
  });
  await ready(page);
  return page;
}

test(
  "W63: a report of three tracts: summary from the records, the table, each tract's answer and reasons",
  flags,
  async () => {
    const chosen = records(40);
    const three = [
      chosen.find((r) => decodeBool(r.tile.SN_C)),
      chosen.find((r) => !decodeBool(r.tile.SN_C)),
      chosen[2],
    ].filter((r, i, a): r is TractRecord => r !== undefined && a.indexOf(r) === i);
    const ids = three.map((r) => r.geoid);
    const page = await openReport("en", [...ids, "99999999999"]);
    const identified = three.filter((r) => decodeBool(r.tile.SN_C)).length;
    const summary = await page.locator(".report-summary").textContent();
    assert.ok(summary?.includes(t("en", "reportTractCount", { n: ids.length })), summary ?? "");
    assert.ok(summary?.includes(`${identified} of ${ids.length}`), summary ?? "");
    assert.deepEqual(await page.locator(".report-table tbody th").allTextContents(), ids);
    for (const r of three) {
      const detail = page.locator(`.report-tract[data-geoid="${r.geoid}"]`);
      assert.equal(await detail.count(), 1, r.geoid);
      const answer = decodeBool(r.tile.SN_C) ? "yes" : undefined;
      if (answer) assert.equal(await detail.locator("[data-answer]").getAttribute("data-answer"), answer);
      if (r.trace) assert.ok((await detail.locator("li").count()) > 0, `${r.geoid}: reasons listed`);
    }
    await page.getByText(t("en", "reportNotFound", { v: "2.0", ids: "99999999999" })).waitFor();
    await page.getByRole("button", { name: t("en", "reportPrint") }).waitFor();
    const facts = (await page.locator(".report-facts").textContent()) ?? "";
    assert.ok(facts.includes(t("en", "reportVersion", { v: "2.0" })), facts);
    assert.ok(/sha256:[0-9a-f]{12}/.test(facts), `release id in ${facts}`);
    await page.getByText(t("en", "synthetic")).first().waitFor();
    assert.deepEqual(await hx.axe(page), []);
    // W63: printed, the site navigation and the print button are hidden and a PDF has pages.
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator("#site-nav").isVisible(), false, "navigation hidden in print");
    assert.equal(await page.getByRole("button", { name: t("en", "reportPrint") }).isVisible(), false);
    const pdf = await page.pdf();
    assert.ok(pdf.subarray(0, 5).toString() === "%PDF-" && pdf.length > 1000, "printing gives a PDF");
    await page.close();
  },
);

test("W63, W72: more than ten tracts: the table only, in Spanish, axe-clean", flags, async () => {
  const many = records(12).map((r) => r.geoid);
  assert.equal(many.length, 12, "the sample has a dozen tracts");
  const page = await openReport("es", many);
  assert.equal(await page.locator("html").getAttribute("lang"), "es");
  assert.equal(await page.locator(".report-table tbody tr").count(), 12);
  assert.equal(await page.locator(".report-tract").count(), 0);
  await page.getByText(t("es", "reportTableOnly", { n: 10 })).waitFor();
  assert.deepEqual(await hx.axe(page), []);
  await page.close();
});

test("W65 in the report: a county code lists every tract of the county", flags, async () => {
  const first = records(1)[0] as TractRecord;
  const county = first.geoid.slice(0, 5);
  const members = (
    JSON.parse(readFileSync(join(hx.work, "build-2.0/api/search/tracts.json"), "utf8")) as {
      rows: [string][];
    }
  ).rows
    .map((r) => r[0])
    .filter((id) => id.startsWith(county));
  const page = await openReport("en", [county]);
  await page.locator(".report-summary").waitFor();
  assert.deepEqual(
    [...(await page.locator(".report-table tbody th").allTextContents())].sort(),
    [...members].sort(),
  );
  assert.ok(
    (await page.locator(".report-summary").textContent())?.includes(
      t("en", "reportTractCount", { n: new Intl.NumberFormat("en-US").format(members.length) }),
    ),
  );
  await page.close();
});

test("W76: no console errors on any report page", flags, () => {
  assert.deepEqual(hx.consoleErrors, []);
});
