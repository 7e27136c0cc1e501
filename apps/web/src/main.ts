import "./styles.css";
import { ConfigError, parseConfig, type SiteConfig } from "./config.ts";
import { loadRelease, type Release, type TileProps, type TractIndex } from "./data/release.ts";
import { h } from "./dom.ts";
import { formatBytes, normaliseTractId } from "./format.ts";
import { type Lang, locale, type MessageKey, t } from "./i18n.ts";
import { type Camera, cameraHash, DEFAULT_CAMERA, parseCameraHash } from "./map/camera.ts";
import type { TractMap } from "./map/map.ts";
import { legendEntries } from "./map/style.ts";
import { answerText, renderTractPanel } from "./panel.ts";

const lang: Lang = document.documentElement.lang === "es" ? "es" : "en";
const other: Lang = lang === "es" ? "en" : "es";
const app = document.getElementById("app") as HTMLElement;
const tr = (key: MessageKey, vars?: Record<string, string | number>) => t(lang, key, vars);
localStorage.setItem("cejst.lang", lang);

const live = h("div", { class: "sr-only", "aria-live": "polite", id: "live" });
const announce = (msg: string) => {
  live.textContent = msg;
};

/** The unstable test hooks of web.md §3.12. */
interface Hooks {
  map: unknown;
  whenIdle(): Promise<void>;
  state(): { version: string | undefined; tract: string | undefined; camera: Camera | undefined };
  project(lngLat: [number, number]): { x: number; y: number };
}
declare global {
  interface Window {
    __cejst: Hooks;
  }
}

const state: { version?: string; tract?: string } = {};
let tractMap: TractMap | undefined;
window.__cejst = {
  map: undefined,
  whenIdle: () => tractMap?.whenIdle() ?? Promise.resolve(),
  state: () => ({ version: state.version, tract: state.tract, camera: currentCamera() }),
  project: ([lng, lat]) => {
    if (!tractMap) throw new Error("map not ready (got none)");
    const p = tractMap.map.project([lng, lat]);
    const r = tractMap.map.getContainer().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  },
};

function currentCamera(): Camera | undefined {
  if (!tractMap) return undefined;
  const c = tractMap.map.getCenter();
  return { zoom: tractMap.map.getZoom(), lat: c.lat, lon: c.lng };
}

function langSwitch(): HTMLAnchorElement {
  const a = h(
    "a",
    { class: "lang-switch", lang: other, hreflang: other, href: `../${other}/` },
    other === "es" ? "Español" : "English",
  );
  // Keeps the query string and hash (selection, version, camera) when switching.
  a.addEventListener("click", () => {
    a.href = `../${other}/${location.search}${location.hash}`;
  });
  return a;
}

function header(badge?: string): HTMLElement {
  return h(
    "header",
    { class: "site-header" },
    h("a", { class: "skip", href: "#panel" }, tr("skip")),
    h("h1", {}, tr("siteName")),
    badge ? h("span", { class: "version-badge" }, badge) : null,
    h("nav", { "aria-label": tr("language") }, langSwitch()),
  );
}

function errorPage(field: string) {
  const retry = h("button", { type: "button" }, tr("retry"));
  retry.addEventListener("click", () => location.reload());
  app.replaceChildren(
    header(),
    h(
      "main",
      { class: "error-page" },
      h("h2", {}, tr("misconfigured")),
      h("p", {}, tr("misconfiguredField", { field })),
      retry,
    ),
  );
  app.setAttribute("aria-busy", "false");
}

async function loadConfig(): Promise<{ config: SiteConfig; url: URL }> {
  const url = new URL("../config.json", location.href);
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
  return { config: parseConfig(raw), url };
}

function downloadsSection(release: Release): HTMLElement {
  const files = release.downloads();
  const notes =
    release.files.find((f) => f.role === "release-notes" && (f.language ?? "en") === lang) ??
    release.role("release-notes");
  const rows = files.map((f) =>
    h(
      "tr",
      {},
      h("td", {}, h("a", { href: release.url(f.path), download: "" }, f.path.split("/").pop() ?? f.path)),
      h("td", {}, formatBytes(f.bytes, locale(lang))),
      h("td", {}, h("code", { title: f.sha256, "aria-label": f.sha256 }, `${f.sha256.slice(0, 12)}…`)),
    ),
  );
  return h(
    "details",
    { class: "downloads" },
    h("summary", {}, h("h3", {}, tr("downloads"))),
    h("p", {}, tr("downloadsHelp")),
    notes ? h("p", {}, h("a", { href: release.url(notes.path) }, tr("releaseNotes"))) : null,
    h(
      "table",
      {},
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, tr("file")),
          h("th", { scope: "col" }, tr("size")),
          h("th", { scope: "col" }, tr("checksum")),
        ),
      ),
      h("tbody", {}, rows),
    ),
  );
}

function legend(hasGrandfathering: boolean): HTMLElement {
  const items = legendEntries(hasGrandfathering).map((e) => {
    const sw = h("span", { class: "swatch", "aria-hidden": "true" });
    if (e.swatch.fill) {
      sw.style.background = e.swatch.fill;
      sw.style.opacity = String(Math.min(1, (e.swatch.opacity ?? 1) + 0.3));
    }
    if (e.swatch.line) sw.style.border = `${e.swatch.lineWidth ?? 1}px solid ${e.swatch.line}`;
    if (e.swatch.casing) sw.style.outline = `2px solid ${e.swatch.casing}`;
    return h("li", {}, sw, tr(e.key));
  });
  const overview = h("p", { class: "legend-overview" }, tr("legendOverview"));
  const box = h(
    "details",
    { class: "legend", open: window.matchMedia("(min-width: 1024px)").matches },
    h("summary", {}, tr("legend")),
    h("ul", {}, items),
    overview,
  );
  return box;
}

async function start() {
  // MapLibre is the bulk of the bundle: fetch it while config and manifest load.
  const mapModule = import("./map/map.ts");
  mapModule.catch(() => undefined);
  let config: SiteConfig;
  let configUrl: URL;
  try {
    ({ config, url: configUrl } = await loadConfig());
  } catch (e) {
    const field = e instanceof ConfigError ? e.field : "config.json";
    console.error(e instanceof Error ? e.message : e);
    errorPage(field);
    return;
  }
  performance.mark("cejst:config");

  const params = new URLSearchParams(location.search);
  const notices: HTMLElement[] = [];
  let entry = config.versions.find((v) => v.id === (params.get("v") ?? config.defaultVersion));
  if (!entry) {
    notices.push(
      h(
        "p",
        { class: "notice", role: "status" },
        tr("versionUnavailable", { v: params.get("v") ?? "", d: config.defaultVersion }),
      ),
    );
    params.delete("v");
    history.replaceState(null, "", `${location.pathname}${params.size ? `?${params}` : ""}${location.hash}`);
    entry = config.versions.find((v) => v.id === config.defaultVersion);
  }
  if (!entry) return errorPage("data.defaultVersion");
  state.version = entry.id;
  const versionBase = new URL(entry.path, new URL(config.baseUrl, configUrl));

  let release: Release;
  try {
    release = await loadRelease(entry.id, versionBase);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    console.error(why);
    app.replaceChildren(
      header(),
      h(
        "main",
        { class: "error-page" },
        h("p", { class: "notice", role: "alert" }, tr("versionLoadFailed", { v: entry.id, why })),
      ),
    );
    app.setAttribute("aria-busy", "false");
    return;
  }

  // A deep-linked tract's shard loads alongside the map rather than after it.
  const deepId = normaliseTractId(params.get("tract") ?? "");
  if (deepId) release.tract(deepId).catch(() => undefined);

  const banners = h(
    "div",
    { class: "banners" },
    config.environment !== "production" || entry.status === "candidate"
      ? h("p", { class: "banner preview" }, tr("preview"))
      : null,
    release.synthetic
      ? h("p", { class: "banner synthetic", "data-banner": "synthetic" }, tr("synthetic"))
      : null,
    notices,
  );
  if (config.environment !== "production")
    document.head.append(h("meta", { name: "robots", content: "noindex" }));

  const mapEl = h("div", {
    id: "map",
    class: "map",
    tabindex: "0",
    role: "region",
    "aria-label": tr("mapLabel"),
    "data-map-state": "loading",
    "aria-busy": "true",
  });
  const searchInput = h("input", {
    id: "search",
    type: "search",
    inputmode: "numeric",
    autocomplete: "off",
    placeholder: tr("searchPlaceholder"),
  });
  const searchMsg = h("p", { class: "search-msg", role: "status" });
  const suggestions = h("ul", { class: "suggestions" });
  const searchForm = h(
    "form",
    { class: "search", role: "search" },
    h("label", { for: "search" }, tr("searchLabel")),
    h("div", { class: "search-row" }, searchInput, h("button", { type: "submit" }, tr("searchButton"))),
    searchMsg,
    suggestions,
  );
  const hasGrand = release.methodology === "2.0";
  const legendEl = legend(hasGrand);
  const panel = h("aside", { id: "panel", class: "panel", "aria-label": tr("introTitle"), tabindex: "-1" });
  const intro = h(
    "div",
    { class: "intro" },
    h("h2", { id: "panel-heading", tabindex: "-1" }, tr("introTitle")),
    h("p", {}, tr("introText")),
    h("p", {}, tr("introColours")),
    downloadsSection(release),
  );
  panel.append(intro);
  app.replaceChildren(
    header(tr("version", { v: release.id })),
    banners,
    h("main", { class: "explore" }, h("div", { class: "map-wrap" }, searchForm, mapEl, legendEl), panel),
    live,
  );
  app.setAttribute("aria-busy", "false");

  const hashCamera = parseCameraHash(location.hash);
  let tm: TractMap;
  try {
    const detail = release.role("tiles-detail");
    if (!detail) throw new Error(`release ${release.id} has no tiles-detail file (got none)`);
    const overview = release.role("tiles-overview");
    const { createTractMap } = await mapModule;
    tm = await createTractMap({
      container: mapEl,
      detailUrl: release.url(detail.path),
      overviewUrl: overview ? release.url(overview.path) : undefined,
      camera: hashCamera ?? DEFAULT_CAMERA,
      locale: {
        "NavigationControl.ZoomIn": lang === "es" ? "Acercar" : "Zoom in",
        "NavigationControl.ZoomOut": lang === "es" ? "Alejar" : "Zoom out",
      },
    });
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    mapEl.dataset.mapState = "error";
    mapEl.append(h("p", { class: "notice", role: "alert" }, tr("mapError")));
    return;
  }
  tractMap = tm;
  window.__cejst.map = tm.map;
  const { map, zsel } = tm;
  let firstIdle = true;
  map.on("dataloading", () => {
    mapEl.dataset.mapState = "loading";
    mapEl.setAttribute("aria-busy", "true");
  });
  map.on("idle", () => {
    mapEl.dataset.mapState = "idle";
    mapEl.setAttribute("aria-busy", "false");
    if (firstIdle) {
      firstIdle = false;
      performance.mark("cejst:map-first-idle");
    }
  });
  map.on("error", (ev) => {
    console.warn(ev.error?.message ?? "map error");
  });
  const updateOverview = () => legendEl.classList.toggle("at-overview", map.getZoom() < zsel);
  map.on("zoomend", updateOverview);
  updateOverview();
  map.on("moveend", () => {
    const c = currentCamera();
    if (c) history.replaceState(history.state, "", `${location.pathname}${location.search}${cameraHash(c)}`);
  });

  const writeUrl = (push: boolean) => {
    const p = new URLSearchParams(location.search);
    if (state.tract) {
      p.set("tract", state.tract);
      p.set("v", release.id);
    } else {
      p.delete("tract");
      if (release.id === config.defaultVersion) p.delete("v");
    }
    const url = `${location.pathname}${p.size ? `?${p}` : ""}${location.hash}`;
    if (push) history.pushState({ tract: state.tract }, "", url);
    else history.replaceState({ tract: state.tract }, "", url);
  };

  const clear = (push = true) => {
    state.tract = undefined;
    tm.setSelected(undefined);
    panel.replaceChildren(intro);
    panel.setAttribute("aria-label", tr("introTitle"));
    writeUrl(push);
  };

  let selectSeq = 0;
  const select = async (
    geoid: string,
    o: { tile?: TileProps; fit: boolean; focus: boolean; push: boolean },
  ) => {
    const seq = ++selectSeq;
    state.tract = geoid;
    tm.setSelected(geoid);
    writeUrl(o.push);
    panel.setAttribute("aria-label", tr("tract", { id: geoid }));
    const show = (
      tile: TileProps,
      record: Awaited<ReturnType<Release["tract"]>>,
      st: "loading" | "ready" | "failed",
    ) => {
      panel.replaceChildren(
        renderTractPanel({
          lang,
          geoid,
          tile,
          record,
          state: st,
          onClose: () => clear(),
          onRetry: () => void select(geoid, { ...o, push: false }),
        }),
      );
    };
    if (o.tile) {
      show(o.tile, undefined, "loading");
      performance.mark("cejst:panel-header");
    }
    try {
      const record = await release.tract(geoid);
      if (seq !== selectSeq) return;
      if (!record) {
        searchMsg.textContent = tr("searchNoMatch", { id: geoid });
        clear(false);
        return;
      }
      show(record.tile, record, "ready");
      performance.mark("cejst:panel-trace");
      if (o.fit) {
        if (record.bbox) {
          const cam = map.cameraForBounds(record.bbox, { padding: 40 });
          map.jumpTo({ center: cam?.center, zoom: Math.min(Math.max(cam?.zoom ?? zsel, zsel), 13) });
        } else
          map.jumpTo({
            center: [record.interiorPoint.lon, record.interiorPoint.lat],
            zoom: Math.max(map.getZoom(), zsel),
          });
      }
      const ans = answerText(lang, record.tile);
      if (o.focus) (panel.querySelector("#panel-heading") as HTMLElement | null)?.focus();
      else
        announce(
          tr("selectedAnnounce", {
            id: geoid,
            county: record.county.name,
            state: record.state.name,
            answer: ans,
          }),
        );
    } catch (e) {
      if (seq !== selectSeq) return;
      console.warn(e instanceof Error ? e.message : e);
      show(o.tile ?? {}, undefined, "failed");
    }
  };

  map.on("click", (ev) => {
    if (map.getZoom() < zsel) {
      map.easeTo({
        center: ev.lngLat,
        zoom: zsel,
        duration: matchMedia("(prefers-reduced-motion: reduce)").matches ? 0 : 300,
      });
      announce(tr("zoomedIn"));
      return;
    }
    const f = map.queryRenderedFeatures(ev.point, { layers: ["tract-fill"] })[0];
    const id = f?.properties?.GEOID10;
    if (typeof id === "string")
      void select(id, { tile: f?.properties as TileProps, fit: false, focus: false, push: true });
    else clear();
  });
  mapEl.addEventListener("keydown", (ev) => {
    if (ev.target !== mapEl && ev.target !== map.getCanvas()) return;
    if (ev.key === "Escape") clear();
    else if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      const c = map.project(map.getCenter());
      const f = map.queryRenderedFeatures(c, { layers: ["tract-fill"] })[0];
      const id = f?.properties?.GEOID10;
      if (typeof id === "string")
        void select(id, { tile: f?.properties as TileProps, fit: false, focus: true, push: true });
    }
  });

  let index: TractIndex | undefined;
  const loadIndex = async () => {
    if (index) return index;
    searchInput.setAttribute("aria-busy", "true");
    try {
      index = await release.tractIndex();
      performance.mark("cejst:search-index");
      return index;
    } finally {
      searchInput.setAttribute("aria-busy", "false");
    }
  };
  searchInput.addEventListener("focus", () => void loadIndex().catch(() => undefined), { once: true });
  searchForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    suggestions.replaceChildren();
    const text = searchInput.value;
    const digits = text.replace(/[\s.-]/g, "");
    const id = normaliseTractId(text);
    let idx: TractIndex;
    try {
      idx = await loadIndex();
    } catch (e) {
      searchMsg.textContent = e instanceof Error ? e.message : String(e);
      return;
    }
    if (!id) {
      if (/^\d{5,9}$/.test(digits)) {
        const hits = idx.ids.filter((g) => g.startsWith(digits)).slice(0, 8);
        if (hits.length === 0) {
          searchMsg.textContent = tr("searchNoMatch", { id: digits });
          return;
        }
        searchMsg.textContent = tr("searchSuggestions", { prefix: digits });
        suggestions.replaceChildren(
          ...hits.map((g) => {
            const b = h("button", { type: "button" }, g);
            b.addEventListener("click", () => {
              searchInput.value = g;
              suggestions.replaceChildren();
              void select(g, { fit: true, focus: true, push: true });
            });
            return h("li", {}, b);
          }),
        );
        return;
      }
      searchMsg.textContent = tr("searchInvalid");
      return;
    }
    if (!idx.rows.has(id)) {
      searchMsg.textContent = tr("searchNoMatch", { id });
      return;
    }
    searchMsg.textContent = "";
    await select(id, { fit: true, focus: true, push: true });
  });

  window.addEventListener("popstate", () => {
    const g = new URLSearchParams(location.search).get("tract");
    if (g) void select(g, { fit: false, focus: false, push: false });
    else if (state.tract) {
      state.tract = undefined;
      tm.setSelected(undefined);
      panel.replaceChildren(intro);
    }
  });

  const deep = params.get("tract");
  if (deep) {
    const id = normaliseTractId(deep);
    if (id) void select(id, { fit: !hashCamera, focus: false, push: false });
    else {
      params.delete("tract");
      history.replaceState(
        null,
        "",
        `${location.pathname}${params.size ? `?${params}` : ""}${location.hash}`,
      );
    }
  }
}

void start();
