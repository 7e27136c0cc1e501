import { ConfigError, parseConfig, type SiteConfig, type VersionEntry } from "../config.ts";
import { loadRelease, type Release } from "../data/release.ts";
import { h } from "../dom.ts";
import { type Lang, type MessageKey, t } from "../i18n.ts";
import { startMapWorker } from "../map/worker.ts";
import type { Navigation, PageContext } from "../pages/page-context.ts";
import { loadPage } from "../pages/registry.ts";
import { type PageId, ROUTES, type Route, routeOf, routePath, upToRoot } from "../pages/routes.ts";
import { formatDate, siteFooter } from "./footer.ts";
import { siteHeader } from "./header.ts";

/** Parameters that follow the reader from page to page (the version shown). */
const CARRIED = ["v"];

/**
 * Starts the page whose HTML entry is loaded: renders the shell at once, loads and validates
 * `config.json`, resolves the version and its release, then mounts the page into `<main>`.
 */
export async function boot(): Promise<void> {
  performance.mark("cejst:boot");
  const lang: Lang = document.documentElement.lang === "es" ? "es" : "en";
  const route: Route = ROUTES.find((r) => r.id === document.body.dataset.page) ?? routeOf("explore");
  const siteRoot = new URL(upToRoot(route), location.href);
  const app = document.getElementById("app") as HTMLElement;
  const tr = (key: MessageKey, vars?: Record<string, string | number>) => t(lang, key, vars);
  localStorage.setItem("cejst.lang", lang);
  // The first map render is a chain (config → manifest → page → map code → worker → tiles):
  // start the code and the worker now so they load while config and manifest are fetched.
  if (route.id === "explore" && !route.redirect) startMapEarly();
  const pageModule = route.redirect ? undefined : loadPage(route.id);
  pageModule?.catch(() => undefined);

  const pathOf = (page: PageId, l: Lang = lang) => new URL(routePath(routeOf(page), l), siteRoot).pathname;
  const href = (page: PageId, params?: Record<string, string>, l: Lang = lang): string => {
    const current = new URLSearchParams(location.search);
    const q = new URLSearchParams();
    for (const k of CARRIED) {
      const v = current.get(k);
      if (v !== null) q.set(k, v);
    }
    for (const [k, v] of Object.entries(params ?? {})) q.set(k, v);
    return `${pathOf(page, l)}${q.size ? `?${q}` : ""}`;
  };

  if (route.redirect) {
    const target = `${pathOf(route.redirect.to)}${location.search}${
      route.redirect.hash ? `#${route.redirect.hash}` : location.hash
    }`;
    location.replace(target);
    app.replaceChildren(
      h(
        "main",
        { id: "main", class: "page" },
        h(
          "p",
          {},
          h("a", { href: target }, tr("redirecting", { page: tr(routeOf(route.redirect.to).title) })),
        ),
      ),
    );
    return;
  }

  const other: Lang = lang === "es" ? "en" : "es";
  const header = siteHeader(
    lang,
    route.id,
    {
      href: (p) => href(p),
      otherLanguage: () => `${pathOf(route.id, other)}${location.search}${location.hash}`,
    },
    tr("siteName"),
  );
  const banners = h("div", { class: "banners" });
  const layout = route.id === "explore" ? "app" : "document";
  const main = h(
    "main",
    { id: "main", class: `page page-${route.id} layout-${layout}`, tabindex: "-1" },
    h("p", { class: "loading" }, tr("loading")),
  );
  const live = h("div", { class: "sr-only", "aria-live": "polite", id: "live" });
  let footer = siteFooter(lang, undefined, undefined, (p, hash) => `${href(p)}${hash ? `#${hash}` : ""}`);
  app.replaceChildren(header.el, banners, main, footer, live);

  let config: SiteConfig;
  let configUrl: URL;
  try {
    configUrl = new URL("config.json", siteRoot);
    config = await fetchConfig(configUrl);
  } catch (e) {
    const field = e instanceof ConfigError ? e.field : "config.json";
    console.error(e instanceof Error ? e.message : e);
    const retry = h("button", { type: "button" }, tr("retry"));
    retry.addEventListener("click", () => location.reload());
    main.replaceChildren(
      h(
        "div",
        { class: "error-page" },
        h("h1", {}, tr("misconfigured")),
        h("p", {}, tr("misconfiguredField", { field })),
        retry,
      ),
    );
    app.setAttribute("aria-busy", "false");
    return;
  }
  performance.mark("cejst:config");
  const siteName = config.siteName?.[lang] ?? tr("siteName");
  (header.el.querySelector(".site-name") as HTMLElement).textContent = siteName;
  if (config.environment !== "production")
    document.head.append(h("meta", { name: "robots", content: "noindex" }));

  const notice = (message: string, role: "status" | "alert" = "status") => {
    banners.append(h("p", { class: "notice", role }, message));
  };
  const params = new URLSearchParams(location.search);
  const asked = params.get("v");
  let entry = config.versions.find((v) => v.id === (asked ?? config.defaultVersion));
  if (!entry) {
    notice(tr("versionUnavailable", { v: asked ?? "", d: config.defaultVersion }));
    params.delete("v");
    history.replaceState(null, "", `${location.pathname}${params.size ? `?${params}` : ""}${location.hash}`);
    entry = config.versions.find((v) => v.id === config.defaultVersion) as VersionEntry;
  }
  const dataBase = new URL(config.baseUrl, configUrl);
  const releases = new Map<string, Promise<Release>>();
  const loadVersion = (id: string): Promise<Release> => {
    const e = config.versions.find((v) => v.id === id);
    if (!e) return Promise.reject(new Error(`version ${id} is not offered by this site (got ${id})`));
    let p = releases.get(id);
    if (!p) {
      p = loadRelease(id, new URL(e.path, dataBase));
      p.catch(() => releases.delete(id));
      releases.set(id, p);
    }
    return p;
  };
  let release: Release;
  try {
    release = await loadVersion(entry.id);
    performance.mark("cejst:manifest");
    if (route.id === "explore") openMapArchives(release);
    // The release id in the footer is a hash of the whole manifest: on the explore page it waits
    // until the map has drawn, elsewhere it is cheap next to the page and is shown at once.
    if (route.id !== "explore") await release.computeDigest();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    console.error(why);
    main.replaceChildren(
      h(
        "div",
        { class: "error-page" },
        h("p", { class: "notice", role: "alert" }, tr("versionLoadFailed", { v: entry.id, why })),
      ),
    );
    app.setAttribute("aria-busy", "false");
    return;
  }

  const date = formatDate(release.publishedAt, lang);
  header.badge.textContent = tr("version", { v: release.id });
  header.badge.hidden = false;
  if (date) {
    header.badge.title = tr("versionReleased", { date });
    header.badge.tabIndex = 0;
    header.badge.setAttribute(
      "aria-label",
      `${tr("version", { v: release.id })}, ${tr("versionReleased", { date })}`,
    );
  }
  if (config.environment !== "production" || entry.status === "candidate")
    banners.prepend(h("p", { class: "banner preview", "data-banner": "preview" }, tr("preview")));
  if (release.synthetic)
    banners.append(h("p", { class: "banner synthetic", "data-banner": "synthetic" }, tr("synthetic")));
  void newVersionNotice(lang, config, loadVersion, banners);
  const renderFooter = () => {
    const nextFooter = siteFooter(lang, config, release, (p, hash) => `${href(p)}${hash ? `#${hash}` : ""}`);
    footer.replaceWith(nextFooter);
    footer = nextFooter;
  };
  renderFooter();
  if (!release.digest)
    afterFirstMapRender(() => {
      void release.computeDigest().then((d) => {
        if (d) renderFooter();
      });
    });

  const popListeners = new Set<() => void>();
  window.addEventListener("popstate", () => {
    for (const f of popListeners) f();
  });
  const navigation: Navigation = {
    href,
    params: () => new URLSearchParams(location.search),
    setParams(update, opts) {
      const p = new URLSearchParams(location.search);
      for (const [k, v] of Object.entries(update)) {
        if (v === null) p.delete(k);
        else p.set(k, v);
      }
      const url = `${location.pathname}${p.size ? `?${p}` : ""}${location.hash}`;
      if (opts?.push) history.pushState(null, "", url);
      else history.replaceState(history.state, "", url);
    },
    onPopState(listener) {
      popListeners.add(listener);
      return () => popListeners.delete(listener);
    },
  };
  const ctx: PageContext = {
    lang,
    t: tr,
    config,
    configUrl,
    version: entry,
    release,
    loadVersion,
    announce: (m) => {
      live.textContent = m;
      live.dataset.at = String(Date.now());
    },
    notice,
    navigation,
  };
  const page = await (pageModule ??
    Promise.reject(new Error(`page ${route.id} is not registered (got none)`)));
  document.title = `${page.title(lang)} – ${siteName}`;
  main.replaceChildren();
  await page.mount(main, ctx);
  app.setAttribute("aria-busy", "false");
}

/** Loads MapLibre and starts its worker; failures surface later, where the map is created. */
function startMapEarly(): void {
  // The worker first: it runs on its own thread while the main thread evaluates MapLibre.
  startMapWorker();
  import("../map/map.ts").then(
    (m) => {
      performance.mark("cejst:map-code");
      m.prepareMap();
    },
    () => undefined,
  );
}

/**
 * Requests the headers of the archives the first map view draws from, as soon as the manifest
 * names them, instead of after MapLibre's code has been evaluated.
 */
function openMapArchives(release: Release): void {
  import("../map/archives.ts").then(
    ({ tileArchive }) => {
      for (const role of ["tiles-overview", "tiles-detail", "tiles-tribal"]) {
        const f = release.role(role);
        if (f) tileArchive(release.url(f.path));
      }
    },
    () => undefined,
  );
}

/** Bound on the wait for the first map render, for pages where the map never draws (no WebGL). */
const FIRST_RENDER_WAIT_MS = 10_000;

/** Runs `f` once, after the map's first idle (`cejst:map-first-idle`) or a bounded wait. */
function afterFirstMapRender(f: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    observer?.disconnect();
    clearTimeout(timer);
    f();
  };
  const timer = setTimeout(once, FIRST_RENDER_WAIT_MS);
  let observer: PerformanceObserver | undefined;
  if (performance.getEntriesByName("cejst:map-first-idle").length > 0) {
    once();
    return;
  }
  if (typeof PerformanceObserver === "function") {
    observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName("cejst:map-first-idle").length > 0) once();
    });
    observer.observe({ type: "mark" });
  }
}

async function fetchConfig(url: URL): Promise<SiteConfig> {
  let raw: unknown;
  try {
    const res = await fetch(url, { cache: "no-cache" });
    if (!res.ok) throw new ConfigError("config.json", `config.json answered ${res.status}`);
    raw = await res.json().catch(() => {
      throw new ConfigError("config.json", "config.json is not JSON");
    });
  } catch (e) {
    throw e instanceof ConfigError ? e : new ConfigError("config.json", String(e));
  }
  return parseConfig(raw);
}

/**
 * The dismissible "new version" notice (web.md §2.2, W78): names the current version and its
 * release date from the release metadata, links to its notes, and stays dismissed per version.
 */
async function newVersionNotice(
  lang: Lang,
  config: SiteConfig,
  loadVersion: (id: string) => Promise<Release>,
  into: HTMLElement,
): Promise<void> {
  const current = config.versions.find((v) => v.status === "current");
  if (!current) return;
  const key = `cejst.dismissed.${current.id}`;
  if (localStorage.getItem(key)) return;
  let rel: Release;
  try {
    rel = await loadVersion(current.id);
  } catch {
    return;
  }
  const date = formatDate(rel.publishedAt, lang);
  const notesPath = rel.notes[lang] ?? rel.notes.en;
  const close = h(
    "button",
    { type: "button", class: "dismiss", "aria-label": t(lang, "dismissNotice") },
    "×",
  );
  const box = h(
    "div",
    { class: "banner new-version", "data-banner": "new-version" },
    h(
      "p",
      {},
      date ? t(lang, "newVersion", { v: rel.id, date }) : t(lang, "newVersionUndated", { v: rel.id }),
      notesPath ? " " : "",
      notesPath ? h("a", { href: rel.url(notesPath) }, t(lang, "newVersionNotes")) : null,
    ),
    close,
  );
  close.addEventListener("click", () => {
    localStorage.setItem(key, "1");
    box.remove();
  });
  into.append(box);
}
