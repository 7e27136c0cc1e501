/**
 * End-to-end W45 for places: the sample release's name index lists synthetic census places
 * (from its gazetteer source), the search offers them under *Places*, typed without accents
 * and in lower case, and choosing one fits the camera to the place. Setup is the shared harness.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import type { NameIndex } from "../../src/data/release.ts";
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

const names = (): NameIndex =>
  JSON.parse(readFileSync(join(hx.work, "build-2.0/api/search/names.json"), "utf8"));
const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

const viewBounds = (page: Page) =>
  page.evaluate(() => {
    const b = (
      window as unknown as {
        __cejst: {
          map: {
            getBounds(): { getWest(): number; getSouth(): number; getEast(): number; getNorth(): number };
          };
        };
      }
    ).__cejst.map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] as [number, number, number, number];
  });

async function chooseFirstPlace(page: Page, typed: string, label: string): Promise<void> {
  const box = page.getByRole("combobox", { name: t("en", "searchLabel") });
  await box.fill(typed);
  const group = page.getByRole("group", { name: t("en", "groupPlaces") });
  const option = group.getByRole("option", { name: label, exact: true });
  await option.waitFor();
  await option.click();
  // The camera starts its fit just before this is announced; waiting for the map to be still
  // before then could read the camera of before the choice (the map waits for its code first).
  await page.getByText(t("en", "searchFitted", { name: label })).waitFor({ state: "attached" });
  await page.waitForFunction(
    () => !(window as unknown as { __cejst: { map: { isMoving(): boolean } } }).__cejst.map.isMoving(),
  );
  await page.waitForFunction(() => document.querySelector("#map")?.getAttribute("data-map-state") === "idle");
}

test("the sample's name index lists places, each in a state of the index and with a box", flags, () => {
  const idx = names();
  assert.ok(idx.places.length > 0, "the bundled sample must include a few places (web.md §3.8.2)");
  const states = new Set(idx.states.map((s) => s.fips));
  for (const p of idx.places) {
    assert.ok(states.has(p.state), `${p.name}: state ${p.state}`);
    assert.ok(p.bbox && p.bbox[0] < p.bbox[2] && p.bbox[1] < p.bbox[3], `${p.name}: box`);
  }
});

test(
  "W45: a place typed in lower case without accents is offered under Places; choosing it fits the camera",
  flags,
  async () => {
    const idx = names();
    const stateName = (fips: string) => idx.states.find((s) => s.fips === fips)?.name ?? fips;
    // An accented name when the sample has one (Puerto Rico's), so the accent folding is exercised.
    const place = idx.places.find((p) => fold(p.name) !== p.name.toLowerCase()) ?? idx.places[0];
    assert.ok(place?.bbox);
    const page = await hx.open("/en/");
    await chooseFirstPlace(page, fold(place.name), `${place.name}, ${stateName(place.state)}`);
    const [w, s, e, n] = place.bbox;
    const [vw, vs, ve, vn] = await viewBounds(page);
    assert.ok(
      vw <= w + 1e-6 && vs <= s + 1e-6 && ve >= e - 1e-6 && vn >= n - 1e-6,
      "the whole place is in view",
    );
    // Fitted, not merely containing: the view is not many times larger than the place.
    assert.ok(
      (ve - vw) * (vn - vs) < 400 * (e - w) * (n - s),
      `view ${[vw, vs, ve, vn]} for box ${place.bbox}`,
    );
    await page
      .getByText(t("en", "searchFitted", { name: `${place.name}, ${stateName(place.state)}` }))
      .waitFor({
        state: "attached",
      });
    await page.close();
  },
);

test("W76: no console errors on any page opened", flags, () => {
  assert.deepEqual(hx.consoleErrors, []);
});
