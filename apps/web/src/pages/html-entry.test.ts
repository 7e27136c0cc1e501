import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { t } from "../i18n.ts";
import { entryFiles, renderEntryHtml } from "./html-entry.ts";
import { ROUTES, routeOf } from "./routes.ts";

const webDir = resolve(import.meta.dirname, "../..");

test("the committed HTML entries equal what scripts/write-entries.ts writes", () => {
  for (const [path, html] of entryFiles()) {
    const got = readFileSync(join(webDir, path), "utf8");
    assert.equal(got, html, `${path} is stale: run npx tsx apps/web/scripts/write-entries.ts`);
  }
});

test("every route has one entry per language with lang, localised title and hreflang alternates", () => {
  const html = renderEntryHtml(routeOf("downloads"), "es");
  assert.match(html, /<html lang="es">/);
  assert.ok(html.includes(`<title>${t("es", "pageDownloads")} – ${t("es", "siteName")}</title>`));
  assert.ok(html.includes('hreflang="en" href="../../en/downloads/"'));
  assert.ok(html.includes('src="../../src/main.ts"'));
  assert.ok(html.includes('data-page="downloads"'));
  const explore = renderEntryHtml(routeOf("explore"), "en");
  assert.ok(explore.includes('hreflang="es" href="../es/"'));
  assert.ok(explore.includes('src="../src/main.ts"'));
  const paths = entryFiles().map(([p]) => p);
  assert.equal(new Set(paths).size, paths.length, "no two routes share a folder");
  assert.equal(paths.length, ROUTES.length * 2 + (ROUTES.length - 1) + 1);
});

test("each route's address without a language prefix is a language redirect keeping query and hash (W8)", () => {
  const html = entryFiles().find(([p]) => p === "downloads/index.html")?.[1] ?? "";
  assert.ok(html.includes('<script type="module" src="../src/redirect.ts"></script>'));
  assert.ok(html.includes('data-up="../" data-slug="downloads"'));
  assert.ok(html.includes('href="../en/downloads/"') && html.includes('href="../es/downloads/"'));
  assert.ok(
    !entryFiles().some(([p]) => p === "/index.html" || p === "index.html"),
    "the root entry is hand-written",
  );
});

test("the old addresses redirect to their new pages", () => {
  assert.deepEqual(routeOf("public-engagement").redirect, { to: "previous-versions" });
  assert.deepEqual(routeOf("technical-support-document").redirect, { to: "methodology", hash: "documents" });
  assert.throws(() => routeOf("nope" as never), /route nope is unknown/);
});

test("the 404 page carries both languages and no script", () => {
  const html = entryFiles().find(([p]) => p === "public/404.html")?.[1] ?? "";
  assert.ok(html.includes(t("en", "notFoundTitle")) && html.includes(t("es", "notFoundTitle")));
  assert.ok(!html.includes("<script"));
});
