/**
 * End-to-end scenarios of the tract panel (web.md §6.2): the answer and reasons of every tract
 * role (W32, W33), estimated income (W35), territories (W36), lead paint (W37), demographics
 * (W38), a tract without land (W39), the feedback link (W40), the decision trace and its
 * *How close?* box (W52–W55) and the tract record download. Roles are resolved from the
 * release's tract records by the predicates of §6.1 (`resolveRoles` below), never hard-coded;
 * expected text comes from the message catalogues.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { DecisionTrace } from "@cejst/methodology/explain";
import { howClose, indicatorApplies } from "@cejst/methodology/explain";
import type { Page, Route } from "playwright-core";
import type { TractRecord } from "../../src/data/release.ts";
import { decodeBool, decodeNumber } from "../../src/decode.ts";
import { wholePercent } from "../../src/format.ts";
import { type Lang, t } from "../../src/i18n.ts";
import { indicatorsOfLayer } from "../../src/panel/indicator-highlight.ts";
import { catName, distanceText } from "../../src/panel/parts.ts";
import { chromiumSkip, type Harness, startHarness } from "./harness.ts";

let hx: Harness;
const flags = { skip: chromiumSkip, timeout: 300_000 };

/** Every tract record of a version of the harness's release. */
function records(work: string, version: string): TractRecord[] {
  const dir = join(work, `build-${version}/api/tracts`);
  const out: TractRecord[] = [];
  for (const f of readdirSync(dir).sort())
    out.push(...Object.values(JSON.parse(readFileSync(join(dir, f), "utf8")) as Record<string, TractRecord>));
  return out;
}

type Pred = (tr: DecisionTrace, r: TractRecord) => boolean;
/** The tract's tribal share at full precision (the tiles round `TA_PERC` to two decimals). */
const tribalShare = (r: TractRecord) => r.trace?.tribal.share ?? decodeNumber(r.tile.TA_PERC) ?? 0;
const nearMiss = (tr: DecisionTrace) =>
  tr.lowIncome.percentile !== null && tr.lowIncome.percentile < 0.65 && tr.lowIncome.percentile >= 0.6;

/** The §6.1 predicates (2.0). Where the sample only has a looser tract, the role says so. */
const PREDICATES: Record<string, Pred> = {
  "T-MULTI": (tr) => tr.disadvantaged && tr.lowIncome.met && tr.totalCategoriesExceeded >= 2,
  // "Through no other route" includes grandfathering: the tract was not identified in 1.0.
  "T-ONE": (tr) =>
    tr.disadvantaged &&
    tr.reasons.length === 1 &&
    tr.reasons[0]?.kind === "category" &&
    tr.reasons[0].category !== "workforce" &&
    tr.reasons[0].indicators.length === 1 &&
    !tr.identifiedInV1 &&
    !tr.adjacency.surrounded,
  "T-NEAR": (tr) =>
    !tr.disadvantaged &&
    tr.categories.some((c) => c.id !== "workforce" && c.exceededWithoutGate.length > 0) &&
    nearMiss(tr) &&
    !tr.identifiedInV1 &&
    !tr.adjacency.surrounded,
  "T-NONE": (tr, r) =>
    !tr.disadvantaged &&
    tr.indicators.every((i) => !i.exceeded) &&
    tribalShare(r) === 0 &&
    (decodeNumber(r.tile.TA_COUNT_AK) ?? 0) === 0,
  "T-WORKFORCE": (tr) =>
    tr.disadvantaged &&
    tr.reasons.length > 0 &&
    tr.reasons.every((x) => x.kind === "category" && x.category === "workforce") &&
    !tr.lowIncome.met,
  // Loosened: the sample has no tract surrounded with a neighbour without land (see the README table).
  "T-SURROUNDED": (tr) =>
    tr.disadvantaged && !tr.disadvantagedOnOwn && tr.adjacency.donut && !tr.grandfathered,
  // Loosened: every island tract of the sample also meets workforce development.
  "T-ISLAND": (tr) => tr.area === "island_area" && tr.territory.met,
  "T-PR": (tr) => tr.area === "puerto_rico",
  "T-GRAND": (tr) => tr.grandfathered,
  "T-TRIBAL-FULL": (tr) => tr.tribal.met,
  "T-TRIBAL-PART": (tr, r) => !tr.disadvantaged && tribalShare(r) >= 0.01 && tribalShare(r) <= 0.995,
  "T-TRIBAL-TINY": (tr, r) => !tr.disadvantaged && tribalShare(r) > 0 && tribalShare(r) < 0.01,
  "T-AK": (tr, r) =>
    !tr.disadvantaged && r.geoid.startsWith("02") && (decodeNumber(r.tile.TA_COUNT_AK) ?? 0) > 0,
  "T-BOTH": (tr, r) =>
    tr.disadvantaged && tr.reasons.some((x) => x.kind === "category") && tribalShare(r) > 0,
  "T-IMPUTED": (_, r) => decodeBool(r.tile.IMP_FLG) === true,
  "T-LEAD": (tr) =>
    tr.indicators.some(
      (i) =>
        i.houseValue !== undefined &&
        i.margin !== null &&
        i.margin >= 0 &&
        i.houseValue.percentile !== null &&
        !i.houseValue.met,
    ),
  "T-WATER": () => true,
};

type Role = keyof typeof PREDICATES;
const roles = new Map<Role, TractRecord>();
/** T-MULTI that was not identified in 1.0, so grandfathering does not hide what is decisive. */
let multiNew: TractRecord | undefined;

/** The first tract of each role; T-WATER is the only role taken from tracts that are not mapped. */
function resolveRoles(all: TractRecord[]): void {
  for (const r of all) {
    const tr = r.trace;
    if (!tr) continue;
    for (const [role, pred] of Object.entries(PREDICATES)) {
      if (roles.has(role) || r.mapped !== (role !== "T-WATER") || !pred(tr, r)) continue;
      roles.set(role, r);
    }
    if (!multiNew && r.mapped && PREDICATES["T-MULTI"]?.(tr, r) && !tr.identifiedInV1) multiNew = r;
  }
}

const role = (name: Role): TractRecord => {
  const r = roles.get(name);
  assert.ok(r, `the sample has no ${name} tract (web.md §6.1); the sample generator must be extended`);
  return r;
};

before(
  async () => {
    if (chromiumSkip) return;
    hx = await startHarness();
    resolveRoles(records(hx.work, "2.0"));
  },
  { timeout: 1_200_000 },
);
after(async () => {
  await hx?.stop();
});

const pages = new Map<Lang, Page>();
/** One explore page per language, reused across scenarios (each selection replaces the panel). */
async function explore(lang: Lang): Promise<Page> {
  let p = pages.get(lang);
  if (!p) {
    p = await hx.open(`/${lang}/`);
    pages.set(lang, p);
  }
  return p;
}

/**
 * Answers a request with a JSON body. Node cannot resolve `*.localhost`, so `route.fetch()` is
 * not used: bodies are the release's own files (or the config the browser read), altered.
 */
const fulfilJson = (route: Route, body: unknown) =>
  route.fulfill({
    status: 200,
    contentType: "application/json",
    headers: { "access-control-allow-origin": "*" },
    body: JSON.stringify(body),
  });

const panel = (page: Page, geoid: string) => page.locator(`#panel article.tract[data-geoid="${geoid}"]`);

async function select(page: Page, lang: Lang, geoid: string) {
  const box = page.getByRole("combobox", { name: t(lang, "searchLabel") });
  await box.fill(geoid);
  await box.press("Enter");
  const p = panel(page, geoid);
  await p.locator(".panel-actions").waitFor({ timeout: 30_000 });
  return p;
}

test(
  "W52: every trace of 2.0 and 1.0 agrees with its tile properties and the table download, and the How close? reading holds",
  flags,
  () => {
    for (const version of ["2.0", "1.0"]) {
      const table = new Map<string, unknown[]>();
      let columns: string[] = [];
      const dir = join(hx.work, `build-${version}/api/table`);
      for (const f of readdirSync(dir).filter((n) => /^\d+\.json$/.test(n))) {
        const doc = JSON.parse(readFileSync(join(dir, f), "utf8")) as {
          columns: string[];
          rows: unknown[][];
        };
        columns = doc.columns;
        for (const row of doc.rows) table.set(String(row[0]), row);
      }
      const col = (name: string) => {
        const i = columns.indexOf(name);
        assert.ok(i >= 0, `table column ${name} is missing (got ${columns.join(",")})`);
        return i;
      };
      const [identified, categories, thresholds] = [
        col("identified"),
        col("categoriesMet"),
        col("thresholdsMet"),
      ];
      const all = records(hx.work, version);
      assert.ok(all.length > 100, `${version}: too few tract records (got ${all.length})`);
      for (const r of all) {
        const tr = r.trace;
        assert.ok(tr, `${version} ${r.geoid}: no trace`);
        assert.equal(tr.disadvantaged, decodeBool(r.tile.SN_C), `${version} ${r.geoid}: final flag vs SN_C`);
        assert.equal(tr.totalCategoriesExceeded, decodeNumber(r.tile.CC), `${version} ${r.geoid}: CC`);
        assert.equal(tr.totalThresholdsExceeded, decodeNumber(r.tile.TC), `${version} ${r.geoid}: TC`);
        const row = table.get(r.geoid);
        assert.ok(row, `${version} ${r.geoid}: not in the table download`);
        assert.equal(row[identified], tr.disadvantaged, `${version} ${r.geoid}: table identified`);
        assert.equal(
          row[categories],
          tr.totalCategoriesExceeded,
          `${version} ${r.geoid}: table categoriesMet`,
        );
        assert.equal(
          row[thresholds],
          tr.totalThresholdsExceeded,
          `${version} ${r.geoid}: table thresholdsMet`,
        );
        assert.notEqual(
          howClose(tr).kind,
          "inconsistent",
          `${version} ${r.geoid}: How close? finds the trace inconsistent`,
        );
      }
    }
  },
);

test(
  "W52: a trace altered in transit to disagree with the tiles shows the published answer and a notice",
  flags,
  async () => {
    const multi = role("T-MULTI");
    const page = await hx.open("/en/");
    await page.route(`**/api/tracts/${multi.geoid.slice(0, 5)}.json`, async (route) => {
      const file = join(hx.work, `build-2.0/api/tracts/${multi.geoid.slice(0, 5)}.json`);
      const shard = JSON.parse(readFileSync(file, "utf8")) as Record<string, TractRecord>;
      const rec = shard[multi.geoid];
      if (rec?.trace) rec.trace.disadvantaged = !rec.trace.disadvantaged;
      await fulfilJson(route, shard);
    });
    const p = await select(page, "en", multi.geoid);
    await assert.doesNotReject(p.getByText(t("en", "traceInconsistent")).waitFor({ timeout: 10_000 }));
    assert.equal(await p.locator(".answer-value").getAttribute("data-answer"), "yes");
    assert.equal(await p.locator(".answer-value").textContent(), t("en", "yes"));
    await page.close();
  },
);

test("W32: every role answers Yes, No or Partially as the spec says", flags, async () => {
  const page = await explore("en");
  const expected: [Role, "yes" | "no" | "partially"][] = [
    ["T-MULTI", "yes"],
    ["T-ONE", "yes"],
    ["T-WORKFORCE", "yes"],
    ["T-SURROUNDED", "yes"],
    ["T-ISLAND", "yes"],
    ["T-GRAND", "yes"],
    ["T-TRIBAL-FULL", "yes"],
    ["T-BOTH", "yes"],
    ["T-NEAR", "no"],
    ["T-NONE", "no"],
    ["T-TRIBAL-PART", "partially"],
    ["T-TRIBAL-TINY", "partially"],
    ["T-AK", "partially"],
  ];
  for (const [name, answer] of expected) {
    const p = await select(page, "en", role(name).geoid);
    const value = p.locator(".answer-value");
    assert.equal(await value.getAttribute("data-answer"), answer, name);
    assert.equal((await value.textContent())?.trim(), t("en", answer), name);
  }
});

const reasons = async (page: Page, geoid: string) =>
  (await panel(page, geoid).locator("section.reasons > ul > li").allTextContents()).map((s) => s.trim());

test("W33: each role's reasons name its routes, from the trace", flags, async () => {
  const page = await explore("en");
  const multi = role("T-MULTI");
  await select(page, "en", multi.geoid);
  const met = multi.trace?.categories.filter((c) => c.met) ?? [];
  assert.ok(
    (await reasons(page, multi.geoid)).includes(
      t("en", "reasonCategories", {
        n: met.reduce((a, c) => a + c.indicators.length, 0),
        m: met.length,
        names: met.map((c) => catName("en", c)).join(", "),
      }),
    ),
    "T-MULTI names its categories and counts",
  );

  const near = role("T-NEAR");
  await select(page, "en", near.geoid);
  const noGate = near.trace?.categories.filter((c) => !c.met && c.exceededWithoutGate.length > 0) ?? [];
  assert.ok(
    (await reasons(page, near.geoid)).includes(
      t("en", "reasonWithoutGate", { names: noGate.map((c) => catName("en", c)).join(", ") }),
    ),
  );

  const none = role("T-NONE");
  await select(page, "en", none.geoid);
  assert.ok((await reasons(page, none.geoid)).includes(t("en", "reasonNothing")));

  const sur = role("T-SURROUNDED");
  await select(page, "en", sur.geoid);
  const counted = sur.trace?.reasons.find((x) => x.kind === "adjacency");
  assert.ok(counted && counted.kind === "adjacency");
  assert.ok(
    (await reasons(page, sur.geoid)).includes(
      t("en", "reasonSurrounded", { k: counted.neighboursCounted ?? "?" }),
    ),
  );

  await select(page, "en", role("T-ISLAND").geoid);
  assert.ok((await reasons(page, role("T-ISLAND").geoid)).includes(t("en", "reasonTerritory")));
  await select(page, "en", role("T-GRAND").geoid);
  assert.ok((await reasons(page, role("T-GRAND").geoid)).includes(t("en", "reasonGrandfathered")));
  await select(page, "en", role("T-TRIBAL-TINY").geoid);
  assert.ok((await reasons(page, role("T-TRIBAL-TINY").geoid)).includes(t("en", "reasonTribalTiny")));

  const both = role("T-BOTH");
  await select(page, "en", both.geoid);
  const got = await reasons(page, both.geoid);
  const bothMet = both.trace?.categories.filter((c) => c.met) ?? [];
  assert.ok(
    got.includes(
      t("en", "reasonCategories", {
        n: bothMet.reduce((a, c) => a + c.indicators.length, 0),
        m: bothMet.length,
        names: bothMet.map((c) => catName("en", c)).join(", "),
      }),
    ),
    `T-BOTH lists the categories route (got ${got.join(" | ")})`,
  );
  const pctFmt = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
  const bt = both.trace as DecisionTrace;
  const tileShare = tribalShare(both);
  const tribal = bt.tribal.met
    ? t("en", "reasonTribal", { share: pctFmt.format(bt.tribal.share ?? 0) })
    : tileShare < 0.01
      ? t("en", "reasonTribalTiny")
      : t("en", "reasonTribalPart", { share: pctFmt.format(tileShare) });
  assert.ok(got.includes(tribal), `T-BOTH lists the tribal route (got ${got.join(" | ")})`);
});

test(
  "W53: T-NEAR's How close? box names low income as decisive, 0 to 5 points below; every numeric row shows the trace's margin",
  flags,
  async () => {
    const page = await explore("en");
    const near = role("T-NEAR");
    const p = await select(page, "en", near.geoid);
    const box = p.locator("section.how-close");
    assert.equal(await box.getAttribute("data-kind"), "not-identified");
    assert.equal((await box.locator("h4").textContent())?.trim(), t("en", "howClose"));
    const li = box.locator('li[data-test="lowIncome"]');
    assert.equal(await li.count(), 1, "low income is listed as decisive");
    const margin = (near.trace?.lowIncome.percentile ?? 0) - (near.trace?.lowIncome.threshold ?? 0);
    assert.ok(margin < 0 && margin >= -0.05, `margin within 5 points below (got ${margin})`);
    assert.equal((await li.locator(".test-distance").textContent())?.trim(), distanceText("en", margin));
    assert.ok((await box.textContent())?.includes(t("en", "howCloseNote")));
    const tr = near.trace as DecisionTrace;
    let checked = 0;
    for (const i of tr.indicators) {
      if (i.margin === null || !indicatorApplies(tr, i)) continue;
      const row = p.locator(`details.category li.indicator[data-indicator="${i.id}"] .ind-distance`);
      assert.equal((await row.textContent())?.trim(), distanceText("en", i.margin), i.id);
      checked++;
    }
    assert.ok(checked > 5, `numeric rows checked (got ${checked})`);
  },
);

test(
  "W54: T-ONE lists its single burden and low income as decisive; T-MULTI lists no burden",
  flags,
  async () => {
    const page = await explore("en");
    const one = role("T-ONE");
    const p = await select(page, "en", one.geoid);
    const reason = one.trace?.reasons[0];
    assert.ok(reason?.kind === "category");
    const listed = await p
      .locator("section.how-close li[data-test]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-test")));
    assert.ok(listed.includes("lowIncome"), `low income decisive (got ${listed.join(",")})`);
    assert.ok(
      listed.includes(reason.indicators[0] ?? ""),
      `${reason.indicators[0]} decisive (got ${listed.join(",")})`,
    );
    assert.equal(
      (await p.locator("section.how-close > p").first().textContent())?.trim(),
      t("en", "howCloseIdentified"),
    );

    assert.ok(multiNew, "the sample has no T-MULTI tract that was not identified in 1.0");
    const q = await select(page, "en", multiNew.geoid);
    const ids = new Set(multiNew.trace?.indicators.map((i) => i.id));
    const multiListed = await q
      .locator("section.how-close li[data-test]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-test") ?? ""));
    assert.deepEqual(
      multiListed.filter((id) => ids.has(id)),
      [],
      "no burden is decisive when two or more categories are met",
    );
  },
);

test(
  "W55: T-GRAND's box says it is identified because of 1.0 and shows what the 2.0 rules alone need",
  flags,
  async () => {
    const page = await explore("en");
    const grand = role("T-GRAND");
    const p = await select(page, "en", grand.geoid);
    const box = p.locator("section.how-close");
    assert.equal(await box.getAttribute("data-kind"), "grandfathered");
    assert.equal(
      (await box.locator("p.grandfathered").textContent())?.trim(),
      t("en", "howCloseGrandfathered"),
    );
    const text = (await box.textContent()) ?? "";
    assert.ok(
      text.includes(t("en", "howCloseGrandfatheredRoute")) ||
        text.includes(t("en", "howCloseGrandfatheredNone")),
    );
    assert.ok((await box.locator("li[data-test]").count()) >= 1, "the nearest 2.0 route is listed");
  },
);

test(
  "W35: T-IMPUTED's low income carries the estimate mark; its explanation opens with Enter or a tap and closes with Escape",
  flags,
  async () => {
    const page = await explore("en");
    const imp = role("T-IMPUTED");
    const p = await select(page, "en", imp.geoid);
    const mark = p.getByRole("button", { name: t("en", "estimateMark") });
    const note = p.getByText(t("en", "estimateExplain"));
    assert.equal(await mark.getAttribute("aria-expanded"), "false");
    assert.equal(await note.isVisible(), false);
    await mark.focus();
    await page.keyboard.press("Enter");
    assert.equal(await mark.getAttribute("aria-expanded"), "true");
    assert.equal(await note.isVisible(), true);
    await page.keyboard.press("Escape");
    assert.equal(await mark.getAttribute("aria-expanded"), "false");
    assert.equal(await note.isVisible(), false);
    // Escape on the mark closes the explanation only; the tract stays selected.
    assert.equal(await panel(page, imp.geoid).count(), 1);
    await mark.click();
    assert.equal(await note.isVisible(), true);
    await mark.click();
  },
);

test(
  "W36: T-ISLAND says Territory, lists island indicators only under workforce, low income against the 65th; T-PR has no linguistic isolation",
  flags,
  async () => {
    const page = await explore("en");
    const island = role("T-ISLAND");
    const p = await select(page, "en", island.geoid);
    assert.deepEqual(
      (await p.locator("header dt").allTextContents()).map((s) => s.trim()),
      [t("en", "county"), t("en", "territory"), t("en", "population")],
    );
    const islandRows = await p
      .locator('details.category li.indicator[data-indicator^="island_"]')
      .evaluateAll((els) => els.map((e) => e.closest("details")?.getAttribute("data-category")));
    assert.ok(islandRows.length >= 3, `island indicators listed (got ${islandRows.length})`);
    assert.deepEqual([...new Set(islandRows)], ["workforce"]);
    const li = (await p.locator("section.socio li").first().textContent()) ?? "";
    assert.ok(li.includes(t("en", "threshold", { t: 65 })), `low income against the 65th (got ${li})`);

    const pr = role("T-PR");
    const q = await select(page, "en", pr.geoid);
    assert.equal(
      await q.locator('details.category li.indicator[data-indicator="linguistic_isolation"]').count(),
      0,
    );
    const notUsed = q.locator("details.not-used");
    assert.equal(await notUsed.getAttribute("open"), null, "Not used in this area is collapsed");
    assert.equal((await notUsed.locator("summary").textContent())?.trim(), t("en", "notUsedHere"));
    assert.equal(await notUsed.locator('li[data-indicator="linguistic_isolation"]').count(), 1);
  },
);

test(
  "W37: T-LEAD's lead paint row shows both parts and that home value is why it is not met",
  flags,
  async () => {
    const page = await explore("en");
    const lead = role("T-LEAD");
    const p = await select(page, "en", lead.geoid);
    const row = p.locator('li.indicator[data-indicator="lead_paint"]');
    const hv = lead.trace?.indicators.find((i) => i.id === "lead_paint")?.houseValue;
    assert.ok(hv);
    assert.equal(await row.locator(".lead-parts").count(), 1);
    assert.equal(
      (await row.locator(".lead-home-value").textContent())?.trim(),
      t("en", "leadHomeValue", { t: Math.round(hv.threshold * 100) }),
    );
    assert.equal((await row.locator(".badge").textContent())?.trim().endsWith(t("en", "notMet")), true);
  },
);

test(
  "W38: the demographics buttons expand to floored percentages; the section says it is information only",
  flags,
  async () => {
    const page = await explore("en");
    const multi = role("T-MULTI");
    const p = await select(page, "en", multi.geoid);
    const section = p.locator("section.demographics");
    assert.equal(
      (await section.locator(".demographics-note").textContent())?.trim(),
      t("en", "demographicsNote"),
    );
    const pct = new Intl.NumberFormat("en-US", { style: "percent" });
    for (const [key, code] of [
      ["raceEthnicity", "DM_W"],
      ["age", "AGE_MIDDLE"],
    ] as const) {
      const button = section.getByRole("button", { name: t("en", key) });
      assert.equal(await button.getAttribute("aria-expanded"), "false");
      const region = p.locator(`#${await button.getAttribute("aria-controls")}`);
      assert.equal(await region.isVisible(), false);
      await button.click();
      assert.equal(await button.getAttribute("aria-expanded"), "true");
      assert.equal(await region.isVisible(), true);
      const v = decodeNumber(multi.tile[code]);
      assert.ok(v !== undefined, `${code} in the tile`);
      assert.equal(
        (await region.locator(`li[data-code="${code}"] .value`).textContent())?.trim(),
        pct.format(wholePercent(v) / 100),
      );
    }
  },
);

test("W39: a tract without land opens from its record by id and says it is not drawn", flags, async () => {
  const page = await explore("en");
  const water = role("T-WATER");
  const p = await select(page, "en", water.geoid);
  assert.equal((await p.locator(".notice").first().textContent())?.trim(), t("en", "notDrawn"));
  assert.ok(await p.locator(".answer-value").isVisible());
});

test("the tract record link downloads the tract's own API document", flags, async () => {
  const page = await explore("en");
  const multi = role("T-MULTI");
  const p = await select(page, "en", multi.geoid);
  const link = p.getByRole("link", { name: t("en", "tractRecord") });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  assert.equal(download.suggestedFilename(), `${multi.geoid}.json`);
  const path = await download.path();
  assert.deepEqual(JSON.parse(readFileSync(path, "utf8")), multi);
});

test(
  "W40: with feedback.tractUrl configured the Spanish panel opens the form in a new tab with the id and es; without it no control exists",
  flags,
  async () => {
    const multi = role("T-MULTI");
    const plain = await explore("es");
    await select(plain, "es", multi.geoid);
    assert.equal(
      await plain.locator("a.feedback").count(),
      0,
      "no feedback control without feedback in config.json",
    );

    const template = "https://feedback.example.org/form?tract={geoid}&lang={lang}";
    const page = await hx.open("/es/", { waitMap: false });
    const ctx = page.context();
    // The form is outside the site: the new tab's request is answered here, never sent.
    await ctx.route("https://feedback.example.org/**", (r) => r.fulfill({ status: 200, body: "form" }));
    const real = (await page.evaluate(async () => (await fetch("/config.json")).json())) as object;
    await page.route("**/config.json", (route) =>
      fulfilJson(route, { ...real, feedback: { tractUrl: template } }),
    );
    await page.reload();
    await page.waitForFunction(
      () => document.querySelector("#map")?.getAttribute("data-map-state") === "idle",
      null,
      {
        timeout: 60_000,
      },
    );
    const p = await select(page, "es", multi.geoid);
    const link = p.getByRole("link", { name: t("es", "sendFeedback") });
    assert.equal(await link.getAttribute("target"), "_blank");
    const [tab] = await Promise.all([ctx.waitForEvent("page"), link.click()]);
    await tab.waitForLoadState();
    const u = new URL(tab.url());
    assert.equal(u.origin, "https://feedback.example.org");
    assert.equal(u.searchParams.get("tract"), multi.geoid);
    assert.equal(u.searchParams.get("lang"), "es");
    await tab.close();
    await page.close();
  },
);

test(
  "W72: a selected tract's panel with its How close? box has no serious accessibility violation",
  flags,
  async () => {
    const page = await hx.open("/en/", { bypassCSP: true });
    await select(page, "en", role("T-NEAR").geoid);
    await page.locator("section.demographics button").first().click();
    assert.deepEqual(await hx.axe(page), []);
    await page.close();
  },
);

test(
  "W72 (explore states): every category expanded, and the notice of a tract record that failed to load, have no serious accessibility violation",
  flags,
  async () => {
    const page = await hx.open("/en/", { bypassCSP: true });
    const p = await select(page, "en", role("T-MULTI").geoid);
    await p.locator("button.expand-all").click();
    assert.equal(await p.locator("details.category:not([open])").count(), 0, "every category is open");
    assert.deepEqual(await hx.axe(page), [], "several categories expanded");
    await page.close();
    const errorsBefore = hx.consoleErrors.length;
    const failing = await hx.open("/en/", {
      bypassCSP: true,
      before: (pg) => void pg.route("**/api/tracts/*.json", (r) => r.fulfill({ status: 500, body: "" })),
    });
    const box = failing.getByRole("combobox", { name: t("en", "searchLabel") });
    await box.fill(role("T-NEAR").geoid);
    await box.press("Enter");
    await failing.locator("#panel .notice[role=alert]").waitFor({ timeout: 30_000 });
    assert.equal(
      (await failing.getByRole("button", { name: t("en", "retry") }).count()) > 0,
      true,
      "the notice offers Retry",
    );
    assert.deepEqual(await hx.axe(failing), [], "the tract record failed notice");
    await failing.close();
    // The 500 this test asked for is logged by chromium; any other error still counts (W76).
    const added = hx.consoleErrors.splice(errorsBefore);
    const expected = (e: string) => /status of 500/.test(e);
    assert.ok(added.some(expected), "chromium logged the refused tract record");
    hx.consoleErrors.push(...added.filter((e) => !expected(e)));
  },
);

/** An English ordinal ending, spelled out here rather than taken from the app. */
const ordinal = (n: number) => {
  if (n % 100 >= 11 && n % 100 <= 13) return "th";
  return n % 10 === 1 ? "st" : n % 10 === 2 ? "nd" : n % 10 === 3 ? "rd" : "th";
};
/** ⌊100·v⌋ on decimal text (0.57 → 57), held below the threshold when the test failed. */
function shownPercent(v: number, threshold: number | null, met: boolean): number {
  let n = Math.floor(Number((v * 100).toFixed(9)));
  if (threshold !== null && !met && v < threshold && n >= Math.round(threshold * 100))
    n = Math.round(threshold * 100) - 1;
  return n;
}
const percentText = (lang: Lang, n: number) =>
  lang === "en" ? `${n}${ordinal(n)} percentile` : `percentil ${n}`;

test(
  "W34: on real tracts, every indicator row shows its floored percentile (95th / percentil 95), Yes or No, or a dash and missing data, with a met badge that is icon and text; the high school share is a floored percent",
  flags,
  async () => {
    const all = records(hx.work, "2.0").filter((r) => r.mapped && r.trace);
    const withMissing = all.find((r) =>
      r.trace?.indicators.some((i) => i.value === null && r.trace && indicatorApplies(r.trace, i)),
    );
    assert.ok(withMissing, "the sample has a tract with a missing indicator (T-MISSING)");
    const withYesNo = all.find((r) =>
      r.trace?.indicators.some((i) => i.value === true && r.trace && indicatorApplies(r.trace, i)),
    );
    assert.ok(withYesNo, "the sample has a tract with a yes/no burden that is Yes");
    let checked = 0;
    let missingSeen = 0;
    let boolSeen = 0;
    const recs = [role("T-MULTI"), withMissing, withYesNo];
    for (const lang of ["en", "es"] as const)
      for (const rec of recs) {
        const tr = rec.trace as DecisionTrace;
        const page = await explore(lang);
        const p = await select(page, lang, rec.geoid);
        await p.locator("button.expand-all").click();
        for (const i of tr.indicators.filter((x) => indicatorApplies(tr, x))) {
          const row = p.locator(`details.category li.indicator[data-indicator="${i.id}"]`);
          const where: string = `${lang} ${rec.geoid} ${i.id}`;
          const value = (await row.locator(".ind-value").textContent())?.trim();
          if (typeof i.value === "boolean") {
            assert.equal(value, t(lang, i.value ? "yes" : "no"), where);
            boolSeen++;
          } else if (i.percentile !== null && i.threshold !== null)
            assert.equal(
              value,
              percentText(lang, shownPercent(i.percentile, i.threshold, i.exceeded)),
              where,
            );
          else if (i.value === null) {
            assert.equal(value, `– ${t(lang, "missing")}`, where);
            missingSeen++;
          } else continue;
          const badge = row.locator(".badge");
          assert.equal(await badge.locator("[aria-hidden=true]").count(), 1, `${where}: the badge's icon`);
          assert.equal(
            (await badge.textContent())?.replace(/^[✔✖]\s*/, ""),
            t(lang, i.exceeded ? "met" : "notMet"),
            `${where}: the badge's words`,
          );
          checked++;
        }
        const hs = tr.area === "island_area" ? tr.islandHighSchool : tr.highSchool;
        if (hs.share !== null) {
          const text = await p
            .locator(".socio li", { hasText: t(lang, "highSchool") })
            .locator(".ind-value")
            .textContent();
          const pct = new Intl.NumberFormat(lang === "es" ? "es-US" : "en-US", { style: "percent" }).format(
            shownPercent(hs.share, hs.threshold, hs.met) / 100,
          );
          assert.ok(
            text?.startsWith(pct),
            `${lang} ${rec.geoid}: high school share ${text} starts with ${pct}`,
          );
        }
      }
    assert.ok(checked > 20, `indicator rows checked (got ${checked})`);
    assert.ok(missingSeen > 0, "a missing value was checked");
    assert.ok(boolSeen > 0, "a yes/no indicator was checked");
  },
);

test(
  "W70 (panel): with layer=EBF_PFS the panel marks the energy cost row and opens its category; another layer moves the mark, the default layer removes it",
  flags,
  async () => {
    const energy = indicatorsOfLayer("EBF_PFS");
    const pm = indicatorsOfLayer("PM25F_PFS");
    const rec = records(hx.work, "2.0").find((r) => {
      const tr = r.trace;
      if (!r.mapped || !tr) return false;
      const ind = tr.indicators.find((i) => energy.includes(i.id));
      return (
        ind !== undefined &&
        indicatorApplies(tr, ind) &&
        tr.categories.some((c) => c.id === ind.category && !c.met)
      );
    });
    assert.ok(rec?.trace, "a tract whose energy category is not met (closed by default)");
    const page = await hx.open("/en/?v=2.0&layer=EBF_PFS");
    const p = await select(page, "en", rec.geoid);
    const marked = () =>
      p
        .locator("li.indicator.layer-row")
        .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.indicator));
    assert.deepEqual(await marked(), energy);
    const row = p.locator(`li.indicator[data-indicator="${energy[0]}"]`);
    assert.equal(await row.getAttribute("aria-current"), "true");
    assert.ok((await row.textContent())?.includes(t("en", "layerRow")), "the mark is also words");
    assert.equal(
      await row.evaluate((r) => (r.closest("details") as HTMLDetailsElement).open),
      true,
      "its category opens",
    );
    await page.selectOption("#layer-picker", "PM25F_PFS");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("layer") === "PM25F_PFS");
    assert.deepEqual(await marked(), pm);
    await page.selectOption("#layer-picker", "");
    assert.deepEqual(await marked(), []);
    assert.equal(await row.getAttribute("aria-current"), null);
    await page.close();
  },
);

test("W76: no console error or uncaught exception on any page opened", flags, async () => {
  for (const p of pages.values()) await p.close();
  assert.deepEqual(hx.consoleErrors, []);
});
