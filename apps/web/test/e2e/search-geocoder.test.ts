/**
 * End-to-end W47/W48, address search on: a second distribution of the same site build whose
 * `config.json` names a geocoder stub on loopback (the `extras` distribution of web.md §6.1),
 * deployed with `cejst deploy-site --site-settings`. The stub answers in Nominatim's format
 * with one point inside an identified tract, or nothing, or 500, and records each request.
 *
 * The pages run under the edge's real Content-Security-Policy: the edge widens `connect-src`
 * to the geocoder origin this distribution's own config names, and to nothing else.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import type { TractRecord } from "../../src/data/release.ts";
import { decodeBool } from "../../src/decode.ts";
import { t } from "../../src/i18n.ts";
import { chromiumSkip, type Harness, startHarness } from "./harness.ts";

const repo = resolve(import.meta.dirname, "../../../..");
const ATTRIBUTION = "Search by the loopback test geocoder";
let hx: Harness;
let stub: Server;
let extras = "";
/** The stub's origin, which the edge must allow in `connect-src`. */
let stubOrigin = "";
/** What the stub answers: one point, nothing, or an error. */
let mode: "one" | "none" | "error" = "one";
let point = { lat: 0, lon: 0 };
const requests: { q: string; at: number }[] = [];
const flags = { skip: chromiumSkip, timeout: 300_000 };

before(
  async () => {
    if (chromiumSkip) return;
    hx = await startHarness();
    stub = createServer((req, res) => {
      const q = new URL(req.url ?? "/", "http://stub").searchParams.get("q") ?? "";
      requests.push({ q: (req.url ?? "").replace(/^.*[?&]q=([^&]*).*$/, "$1"), at: Date.now() });
      const headers = { "content-type": "application/json", "access-control-allow-origin": "*" };
      if (mode === "error") {
        res.writeHead(500, headers).end("{}");
        return;
      }
      const body =
        mode === "none"
          ? []
          : [{ lat: String(point.lat), lon: String(point.lon), display_name: `Stub result for ${q}` }];
      res.writeHead(200, headers).end(JSON.stringify(body));
    });
    await new Promise<void>((ok) => stub.listen(0, "127.0.0.1", ok));
    const port = (stub.address() as AddressInfo).port;
    stubOrigin = `http://127.0.0.1:${port}`;
    const settings = join(hx.dist, "..", "extras-settings.json");
    writeFileSync(
      settings,
      JSON.stringify({
        geocoder: {
          url: `http://127.0.0.1:${port}/search?q={query}&format=json`,
          format: "nominatim",
          attribution: ATTRIBUTION,
          minIntervalMs: 1000,
        },
      }),
    );
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        join(repo, "packages/cli/src/bin.ts"),
        "deploy-site",
        "--data-version",
        "2.0",
        "--site",
        hx.dist,
        "--store",
        join(hx.work, "store"),
        "--staging-base",
        "staging.cejst.localhost",
        "--site-settings",
        settings,
        "--name",
        "extras",
        "--reveal",
      ],
      { cwd: repo, encoding: "utf8", timeout: 120_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    const staging = /staging (https?:\/\/\S+)/.exec(r.stdout)?.[1];
    assert.ok(staging, `deploy-site printed no staging address (got ${r.stdout})`);
    extras = `http://${new URL(staging).hostname}:${new URL(hx.site).port}`;
  },
  { timeout: 1_200_000 },
);
after(async () => {
  await new Promise((ok) => (stub ? stub.close(ok) : ok(undefined)));
  await hx?.stop();
});

/** An identified, drawn tract of the 2.0 build and its interior point (T-MULTI's stand-in). */
function identifiedTract(): { geoid: string; lat: number; lon: number } {
  const rows = (
    JSON.parse(readFileSync(join(hx.work, "build-2.0/api/search/tracts.json"), "utf8")) as {
      rows: [string, number | null, number | null, unknown, boolean][];
    }
  ).rows;
  for (const [geoid, lat, lon, , mapped] of rows) {
    if (!mapped || lat === null || lon === null) continue;
    const shard = JSON.parse(
      readFileSync(join(hx.work, `build-2.0/api/tracts/${geoid.slice(0, 5)}.json`), "utf8"),
    ) as Record<string, TractRecord>;
    if (decodeBool(shard[geoid]?.tile.SN_C)) return { geoid, lat, lon };
  }
  throw new Error("the sample has no identified drawn tract (got none)");
}

async function openExtras(): Promise<Page> {
  const page = await hx.browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on("console", (m) => {
    if (m.type() === "error") hx.consoleErrors.push(`extras: ${m.text()}`);
  });
  page.on("pageerror", (e) => hx.consoleErrors.push(`extras: ${e.message}`));
  await page.goto(`${extras}/en/`);
  await page.waitForFunction(
    () => document.querySelector("#map")?.getAttribute("data-map-state") === "idle",
    null,
    {
      timeout: 60_000,
    },
  );
  return page;
}

const submit = async (page: Page, text: string) => {
  const box = page.getByRole("combobox", { name: t("en", "searchLabel") });
  await box.fill(text);
  await box.press("Enter");
};

test(
  "W47: one URL-encoded request; marker, the tract selected and in view, the attribution shown",
  flags,
  async () => {
    const tract = identifiedTract();
    point = { lat: tract.lat, lon: tract.lon };
    mode = "one";
    requests.length = 0;
    const page = await openExtras();
    assert.equal(
      await page.getByRole("combobox", { name: t("en", "searchLabel") }).getAttribute("placeholder"),
      t("en", "searchPlaceholderAddress"),
    );
    await submit(page, "12 Main St & Elm");
    await page.locator(`article.tract[data-geoid="${tract.geoid}"]`).waitFor({ timeout: 60_000 });
    assert.equal(requests.length, 1, "exactly one request reached the stub");
    assert.equal(requests[0]?.q, encodeURIComponent("12 Main St & Elm"), "the query is URL-encoded");
    assert.equal(await page.getByRole("img", { name: t("en", "searchMarker") }).count(), 1);
    await page.getByText(ATTRIBUTION).waitFor();
    const inView = await page.evaluate(
      ([x, y]) =>
        (
          window as unknown as {
            __cejst: { map: { getBounds(): { contains(p: [number, number]): boolean } } };
          }
        ).__cejst.map
          .getBounds()
          .contains([x, y]),
      [tract.lon, tract.lat] as [number, number],
    );
    assert.ok(inView, "the tract is in view");
    await page.close();
  },
);

test("W47: no results, or a 500, say that nothing was found", flags, async () => {
  const page = await openExtras();
  for (const [m, q] of [
    ["none", "1 Nowhere Lane"],
    ["error", "2 Broken Road"],
  ] as const) {
    mode = m;
    await submit(page, q);
    await page.getByText(t("en", "searchNothingFound", { q })).waitFor();
  }
  mode = "one";
  // The browser logs the stub's deliberate 500 as a failed resource; that one is expected.
  const expected = hx.consoleErrors.filter((e) => e.startsWith("extras: ") && / 500 /.test(e));
  assert.equal(expected.length, 1, hx.consoleErrors.join("\n"));
  hx.consoleErrors.splice(hx.consoleErrors.indexOf(expected[0] as string), 1);
  await page.close();
});

test("W48: a repeated address is asked once; a different one waits out the interval", flags, async () => {
  mode = "none";
  const page = await openExtras();
  requests.length = 0;
  await submit(page, "3 Repeat Street");
  await page.getByText(t("en", "searchNothingFound", { q: "3 Repeat Street" })).waitFor();
  await submit(page, "3 Repeat Street");
  await submit(page, "4 Other Avenue");
  await page.getByText(t("en", "searchNothingFound", { q: "4 Other Avenue" })).waitFor();
  assert.deepEqual(
    requests.map((r) => decodeURIComponent(r.q)),
    ["3 Repeat Street", "4 Other Avenue"],
  );
  const gap = (requests[1]?.at ?? 0) - (requests[0]?.at ?? 0);
  assert.ok(gap >= 950, `the second address waited for the interval (got ${gap} ms)`);
  await page.close();
});

test(
  "the edge allows this distribution's geocoder origin in connect-src, and nothing more",
  flags,
  async () => {
    const page = await hx.browser.newPage();
    try {
      const resp = await page.goto(`${extras}/en/`);
      const csp = resp?.headers()["content-security-policy"] ?? "";
      assert.ok(csp.includes(`connect-src 'self' ${stubOrigin};`), csp);
      assert.match(csp, /script-src 'self';/);
    } finally {
      await page.close();
    }
  },
);

test("W76: no console errors on the extras distribution", flags, () => {
  assert.deepEqual(hx.consoleErrors, []);
});
