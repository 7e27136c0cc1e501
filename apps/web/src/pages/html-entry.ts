import { type Lang, t } from "../i18n.ts";
import { LANGS, ROUTES, type Route, routePath, upToRoot } from "./routes.ts";

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The HTML entry of one route in one language. `lang`, title, description and the `hreflang`
 * alternates are in the markup before any script runs (web.md §2.1); the app then mounts into
 * `#app`. Paths are relative so the build works under a path prefix.
 */
export function renderEntryHtml(route: Route, lang: Lang): string {
  const up = upToRoot(route);
  const title = `${t(lang, route.title)} – ${t(lang, "siteName")}`;
  const alternates = LANGS.map(
    (l) => `    <link vite-ignore rel="alternate" hreflang="${l}" href="${up}${routePath(route, l)}" />`,
  ).join("\n");
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link vite-ignore rel="icon" href="data:," />
    <title>${escapeHtml(title)}</title>
    <meta name="description" content="${escapeHtml(t(lang, route.description))}" />
    <link vite-ignore rel="canonical" href="./" />
${alternates}
    <script type="module" src="${up}src/main.ts"></script>
  </head>
  <body data-page="${route.id}">
    <div id="app" aria-busy="true"></div>
  </body>
</html>
`;
}

/** The bilingual 404 page: no script or style of its own, because it is served at any depth. */
export function renderNotFoundHtml(): string {
  const links = LANGS.map(
    (l) =>
      `      <section lang="${l}">\n        <h1>${escapeHtml(t(l, "notFoundTitle"))}</h1>\n        <p>${escapeHtml(t(l, "notFoundText"))}</p>\n        <p><a href="/${l}/">${escapeHtml(t(l, "pageExplore"))}</a></p>\n      </section>`,
  ).join("\n");
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>${escapeHtml(t("en", "notFoundTitle"))} – ${escapeHtml(t("en", "siteName"))}</title>
  </head>
  <body>
    <main>
${links}
    </main>
  </body>
</html>
`;
}

/**
 * The page at a route's address without a language prefix (`/downloads/`): like `/`, it picks
 * the reader's language and keeps the query and hash (web.md §2.1, W8), so links that leave
 * out the prefix still land on the page. Without script, two links offer both languages.
 */
export function renderLanguageRedirectHtml(route: Route): string {
  const links = LANGS.map(
    (l) =>
      `<a href="../${l}/${route.slug}/"${l === "en" ? "" : ` lang="${l}"`}>${escapeHtml(t(l, route.title))}</a>`,
  ).join(" · ");
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <link vite-ignore rel="icon" href="data:," />
    <title>${escapeHtml(t("en", "siteName"))}</title>
    <script type="module" src="../src/redirect.ts"></script>
  </head>
  <body data-up="../" data-slug="${route.slug}">
    <p>${links}</p>
  </body>
</html>
`;
}

/**
 * Every generated file, by path relative to `apps/web`: route entries per language, the
 * language redirects at each route's unprefixed address, and `public/404.html`.
 */
export function entryFiles(): [string, string][] {
  const out: [string, string][] = [];
  for (const route of ROUTES)
    for (const lang of LANGS) out.push([`${routePath(route, lang)}index.html`, renderEntryHtml(route, lang)]);
  for (const route of ROUTES)
    if (route.slug !== "") out.push([`${route.slug}/index.html`, renderLanguageRedirectHtml(route)]);
  out.push(["public/404.html", renderNotFoundHtml()]);
  return out;
}
