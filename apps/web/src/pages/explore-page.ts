import { CATEGORY_IDS } from "@cejst/schema";
import type { DataDrivenPropertyValueSpecification, LngLat } from "maplibre-gl";
import type { Release, TileProps } from "../data/release.ts";
import { h } from "../dom.ts";
import { formatBytes } from "../format.ts";
import { locale, t } from "../i18n.ts";
import { CATEGORY_NAMES_ES, INDICATOR_NAMES_ES } from "../labels-es.ts";
import { type Camera, cameraHash, DEFAULT_CAMERA, parseCameraHash } from "../map/camera.ts";
import {
  categoryLabel,
  INDICATOR_LAYERS,
  type IndicatorLayer,
  indicatorClasses,
  indicatorFill,
  MISSING_COLOUR,
  missingValue,
} from "../map/indicator-layer.ts";
import type { TractMap } from "../map/map.ts";
import { legendEntries, MISSING_HATCH_LAYER, tribalLabel } from "../map/style.ts";
import { mountPanelView } from "../panel/view.ts";
import { answerText, renderTractPanel } from "../panel.ts";
import { exploreSearch } from "../search/search-box.ts";
import { territoryButtons } from "../search/territory-buttons.ts";
import type { ExploreContext, PageContext } from "./page-context.ts";
import { compareMode, exploreViews, type Page, type Unmount } from "./registry.ts";

/** The unstable test hooks of web.md §3.12. */
interface Hooks {
  map: unknown;
  whenIdle(): Promise<void>;
  state(): {
    version: string | undefined;
    tract: string | undefined;
    compare: string | undefined;
    layer: string | undefined;
    view: string;
    camera: Camera | undefined;
  };
  project(lngLat: [number, number]): { x: number; y: number };
}
declare global {
  interface Window {
    __cejst: Hooks;
  }
}

function downloadsLink(ctx: PageContext): HTMLElement {
  const { release, t } = ctx;
  const total = release.downloads().reduce((n, f) => n + f.bytes, 0);
  return h(
    "p",
    { class: "intro-downloads" },
    h(
      "a",
      { href: ctx.navigation.href("downloads", { v: release.id }) },
      t("introDownloads", { v: release.id }),
    ),
    ` (${formatBytes(total, locale(ctx.lang))})`,
  );
}

/** Layers the legend's visibility switches control (web.md §3.4). */
type LayerGroup = "tracts" | "tribal" | "borders";

function legend(
  ctx: PageContext,
  hasGrandfathering: boolean,
  hasTribal: boolean,
  onToggle: (group: LayerGroup, visible: boolean) => void,
): HTMLElement {
  const items = legendEntries(hasGrandfathering, hasTribal).map((e) => {
    const sw = h("span", { class: "swatch", "aria-hidden": "true" });
    if (e.swatch.fill) {
      sw.style.background = e.swatch.fill;
      sw.style.opacity = String(Math.min(1, (e.swatch.opacity ?? 1) + 0.3));
    }
    if (e.swatch.line)
      sw.style.border = `${e.swatch.lineWidth ?? 1}px ${e.swatch.dashed ? "dashed" : "solid"} ${e.swatch.line}`;
    if (e.swatch.casing) sw.style.outline = `2px solid ${e.swatch.casing}`;
    if (e.swatch.round) sw.classList.add("round");
    return h("li", e.group ? { "data-group": e.group } : {}, sw, ctx.t(e.key));
  });
  const groups: [LayerGroup, "legendShowTracts" | "legendShowTribal" | "legendShowBorders"][] = [
    ["tracts", "legendShowTracts"],
    ...(hasTribal ? [["tribal", "legendShowTribal"] as [LayerGroup, "legendShowTribal"]] : []),
    ["borders", "legendShowBorders"],
  ];
  const switches = h(
    "fieldset",
    { class: "legend-layers" },
    h("legend", {}, ctx.t("legendShow")),
    ...groups.map(([group, key]) => {
      const box = h("input", {
        type: "checkbox",
        checked: true,
        "data-layer-group": group,
      }) as HTMLInputElement;
      box.addEventListener("change", () => onToggle(group, box.checked));
      return h("label", {}, box, ctx.t(key));
    }),
  );
  return h(
    "details",
    { class: "legend", open: window.matchMedia("(min-width: 1024px)").matches },
    h("summary", {}, ctx.t("legend")),
    h("ul", {}, items),
    h("p", { class: "legend-overview" }, ctx.t("legendOverview")),
    switches,
  );
}

/** Explore the map (web.md §2.3, §3): map, side panel, search, territory buttons, views. */
export const explorePage: Page = {
  id: "explore",
  layout: "app",
  title: (lang) => t(lang, "pageExplore"),
  mount(root, pageCtx) {
    mountExplore(root, pageCtx);
  },
};

function mountExplore(root: HTMLElement, pc: PageContext): void {
  const { release, t, navigation } = pc;
  // Usually already loading since boot; the same module promise either way.
  const mapModule = import("../map/map.ts");
  mapModule.catch(() => undefined);
  const params = navigation.params();

  const state: { tract?: string; compare?: string; layer?: string; view: string } = { view: "map" };
  let tractMap: TractMap | undefined;
  const currentCamera = (): Camera | undefined => {
    if (!tractMap) return undefined;
    const c = tractMap.map.getCenter();
    return { zoom: tractMap.map.getZoom(), lat: c.lat, lon: c.lng };
  };
  window.__cejst = {
    map: undefined,
    whenIdle: () => tractMap?.whenIdle() ?? Promise.resolve(),
    state: () => ({
      version: release.id,
      tract: state.tract,
      compare: state.compare,
      layer: state.layer,
      view: state.view,
      camera: currentCamera(),
    }),
    project: ([lng, lat]) => {
      if (!tractMap) throw new Error("map not ready (got none)");
      const p = tractMap.map.project([lng, lat]);
      const r = tractMap.map.getContainer().getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    },
  };

  if (pc.version.status === "archived") {
    root.append(
      h(
        "div",
        { class: "error-page" },
        h("h1", {}, t("pageExplore")),
        h(
          "p",
          { class: "notice", role: "status" },
          t("archivedNoMap", { v: release.id }),
          " ",
          h("a", { href: navigation.href("downloads", { v: release.id }) }, t("pageDownloads")),
        ),
      ),
    );
    return;
  }

  // A deep-linked tract's shard loads alongside the map rather than after it.
  const deepId = normaliseParam(params.get("tract"));
  if (deepId) release.tract(deepId).catch(() => undefined);

  const mapEl = h("div", {
    id: "map",
    class: "map",
    role: "region",
    "aria-label": t("mapLabel"),
  });
  // The map's own states (web.md §3.11): a loading pill while tiles load, with a polite message
  // only when that lasts, and the crosshair Enter selects under (shown while the map has focus).
  mapEl.append(
    h("p", { class: "map-loading", "aria-hidden": "true" }, t("mapLoadingData")),
    h("div", { class: "map-crosshair", "aria-hidden": "true" }),
  );
  let slowTimer: ReturnType<typeof setTimeout> | undefined;
  let tilesFailed = false;
  const setMapState = (next: "loading" | "idle" | "error") => {
    const shown = tilesFailed && next === "idle" ? "error" : next;
    if (mapEl.dataset.mapState === shown) return;
    mapEl.dataset.mapState = shown;
    mapEl.setAttribute("aria-busy", String(shown === "loading"));
    clearTimeout(slowTimer);
    if (shown === "loading")
      slowTimer = setTimeout(() => {
        // What was announced just before or during the loading (a search result, a selection)
        // is worth more than this: the live region holds one message.
        const last = Number(document.getElementById("live")?.dataset.at ?? "0");
        if (Date.now() - last > SLOW_LOADING_MS + 1000) pc.announce(t("mapStillLoading"));
      }, SLOW_LOADING_MS);
  };
  setMapState("loading");
  const hasGrand = release.methodology === "2.0";
  const tribalFile = release.role("tiles-tribal");
  const hidden = new Set<LayerGroup>();
  const legendEl = legend(pc, hasGrand, tribalFile !== undefined, (group, visible) => {
    if (visible) hidden.delete(group);
    else hidden.add(group);
    if (tractMap) applyVisibility(tractMap);
  });
  const applyVisibility = (tm: TractMap) => {
    tm.setTribalVisible(!hidden.has("tribal"));
    tm.setLayerVisible(["tract-overview-fill", "tract-fill", MISSING_HATCH_LAYER], !hidden.has("tracts"));
    tm.setLayerVisible(["tract-border"], !hidden.has("borders"));
  };
  const panel = h("aside", { id: "panel", class: "panel", "aria-label": t("introTitle"), tabindex: "-1" });
  const intro = h(
    "div",
    { class: "intro" },
    h("h1", { id: "panel-heading", tabindex: "-1" }, t("introTitle")),
    h("p", {}, t("introText")),
    h("p", {}, t("introColours")),
    h(
      "p",
      {},
      h("a", { href: navigation.href("methodology") }, t("introMethodology")),
      " · ",
      h("a", { href: navigation.href("frequently-asked-questions") }, t("pageFaq")),
    ),
    downloadsLink(pc),
  );
  panel.append(intro);

  const mapWrap = h("div", { class: "map-wrap" });
  const viewRoot = h("div", { class: "view-root", hidden: true });
  const toolbar = h("div", { class: "explore-toolbar" });
  const area = h("div", { class: "explore-area" }, toolbar, mapWrap, viewRoot);
  root.append(h("div", { class: "explore" }, area, panel));
  const panelView = mountPanelView(panel, pc);

  let resolveMap!: (m: TractMap) => void;
  let rejectMap!: (e: unknown) => void;
  const mapReady = new Promise<TractMap>((ok, fail) => {
    resolveMap = ok;
    rejectMap = fail;
  });
  mapReady.catch(() => undefined);

  const selectionListeners = new Set<(g: string | undefined) => void>();
  const emitSelection = () => {
    for (const f of selectionListeners) f(state.tract);
  };

  const writeUrl = (push: boolean) => {
    const keepV = state.tract || state.compare || state.layer || release.id !== pc.config.defaultVersion;
    navigation.setParams({ tract: state.tract ?? null, v: keepV ? release.id : null }, { push });
  };

  const clear = (push = true) => {
    state.tract = undefined;
    tractMap?.setSelected(undefined);
    panel.replaceChildren(intro);
    panel.setAttribute("aria-label", t("introTitle"));
    writeUrl(push);
    emitSelection();
  };

  let selectSeq = 0;
  const select = async (
    geoid: string,
    o: { tile?: TileProps; fit?: boolean; focus?: boolean; push?: boolean; announce?: boolean } = {},
  ): Promise<void> => {
    const seq = ++selectSeq;
    state.tract = geoid;
    tractMap?.setSelected(geoid);
    writeUrl(o.push ?? true);
    emitSelection();
    panel.setAttribute("aria-label", t("tract", { id: geoid }));
    const show = (
      tile: TileProps,
      record: Awaited<ReturnType<Release["tract"]>>,
      st: "loading" | "ready" | "failed",
    ) => {
      panel.replaceChildren(
        renderTractPanel({
          lang: pc.lang,
          geoid,
          tile,
          record,
          state: st,
          onClose: () => clear(),
          onRetry: () => void select(geoid, { ...o, push: false }),
          feedbackUrl: pc.config.feedback?.tractUrl,
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
        search.message(t("searchNoMatch", { id: geoid }));
        clear(false);
        return;
      }
      show(record.tile, record, "ready");
      performance.mark("cejst:panel-trace");
      if (o.fit)
        void mapReady.then(({ map, zsel }) => {
          if (seq !== selectSeq) return;
          if (record.bbox) {
            const cam = map.cameraForBounds(record.bbox, { padding: 40 });
            map.jumpTo({ center: cam?.center, zoom: Math.min(Math.max(cam?.zoom ?? zsel, zsel), 13) });
          } else
            map.jumpTo({
              center: [record.interiorPoint.lon, record.interiorPoint.lat],
              zoom: Math.max(map.getZoom(), zsel),
            });
        }, noMap);
      const ans = answerText(pc.lang, record.tile, record.trace);
      if (o.focus) (panel.querySelector("#panel-heading") as HTMLElement | null)?.focus();
      if (!o.focus || o.announce)
        pc.announce(
          t("selectedAnnounce", {
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

  const views = exploreViews();
  let unmountView: Unmount | undefined;
  const ctx: ExploreContext = {
    ...pc,
    selectedTract: () => state.tract,
    selectTract: (g, o) => select(g, { fit: true, focus: true, push: true, ...o }),
    clearSelection: () => clear(),
    onSelectionChange(listener) {
      selectionListeners.add(listener);
      return () => selectionListeners.delete(listener);
    },
    whenMap: () => mapReady,
    panel,
    legend: legendEl,
    showView: (id) => void showView(id, true),
  };
  void import("../selection/explore-selection.ts").then((m) => m.mountAreaSelection(ctx, intro));

  const viewButtons = new Map<string, HTMLButtonElement>();
  const showView = async (id: string, push: boolean) => {
    const view = views.find((v) => v.id === id);
    const next = view ? view.id : "map";
    if (next === state.view && (next === "map" || unmountView)) return;
    unmountView?.();
    unmountView = undefined;
    state.view = next;
    for (const [vid, b] of viewButtons) b.setAttribute("aria-pressed", String(vid === next));
    navigation.setParams({ view: next === "map" ? null : next }, { push });
    mapWrap.hidden = next !== "map";
    viewRoot.hidden = next === "map";
    viewRoot.replaceChildren();
    if (view) {
      const u = await view.mount(viewRoot, ctx);
      if (u) unmountView = u;
    } else tractMap?.map.resize();
  };
  if (views.length > 0) {
    const group = h("div", { class: "view-switch", role: "group", "aria-label": t("viewSwitch") });
    for (const v of [{ id: "map", label: () => t("viewMap") }, ...views]) {
      const b = h("button", { type: "button", "aria-pressed": String(v.id === "map") }, v.label(pc.lang));
      b.addEventListener("click", () => void showView(v.id, true));
      viewButtons.set(v.id, b);
      group.append(b);
    }
    toolbar.append(group);
  }

  const compare = compareMode();
  let stopCompare: Unmount | undefined;
  const setCompare = async (other: string | undefined, push: boolean) => {
    stopCompare?.();
    stopCompare = undefined;
    state.compare = other;
    navigation.setParams({ compare: other ?? null, v: other ? release.id : null }, { push });
    if (other && compare) stopCompare = await compare.start(ctx, other);
  };
  if (compare) {
    const select = h("select", { id: "compare-with" }, h("option", { value: "" }, t("compareNone")));
    const wrap = h(
      "div",
      { class: "compare-control" },
      h("label", { for: "compare-with" }, t("compareWith")),
      select,
    );
    toolbar.append(wrap);
    void Promise.resolve(compare.candidates(ctx)).then((ids) => {
      for (const id of ids) select.append(h("option", { value: id }, t("version", { v: id })));
      const asked = params.get("compare");
      if (asked && ids.includes(asked)) {
        select.value = asked;
        void setCompare(asked, false);
      } else if (asked) {
        pc.notice(t("compareUnavailable", { v: asked }));
        navigation.setParams({ compare: null });
      }
      if (ids.length === 0) wrap.hidden = true;
    });
    select.addEventListener("change", () => void setCompare(select.value || undefined, true));
  }

  const search = exploreSearch({
    ctx,
    onTract: (g) => select(g, { fit: true, focus: true, push: true }),
    fitBounds: (b) => fitBounds(b),
    onPoint: (lon, lat) => pointSearch(lon, lat),
  });
  mapWrap.append(
    search.el,
    mapEl,
    legendEl,
    territoryButtons(pc, (b) => fitBounds(b)),
  );

  const fitBounds = async (b: [number, number, number, number]) => {
    const tm = await mapReady;
    tm.map.fitBounds(
      [
        [b[0], b[1]],
        [b[2], b[3]],
      ],
      { padding: 20, animate: !matchMedia("(prefers-reduced-motion: reduce)").matches },
    );
  };
  const pointSearch = async (lon: number, lat: number): Promise<boolean> => {
    const tm = await mapReady;
    search.marker(tm, lon, lat);
    tm.map.jumpTo({ center: [lon, lat], zoom: Math.max(tm.map.getZoom(), tm.zsel + 4) });
    await tm.whenIdle();
    const f = tm.map.queryRenderedFeatures(tm.map.project([lon, lat]), { layers: ["tract-fill"] })[0];
    const id = f?.properties?.GEOID10;
    if (typeof id !== "string") return false;
    await select(id, { tile: f?.properties as TileProps, fit: false, focus: true, push: true });
    return true;
  };

  // Indicator layers (web.md §4.6): a picker grouped by category; `layer=` in the URL.
  const layerSelect = h(
    "select",
    { id: "layer-picker" },
    h("option", { value: "" }, t("layerDefault")),
    ...CATEGORY_IDS.map((c) =>
      h(
        "optgroup",
        { label: pc.lang === "es" ? (CATEGORY_NAMES_ES[c] ?? categoryLabel(c)) : categoryLabel(c) },
        ...INDICATOR_LAYERS.filter((l) => l.category === c).map((l) =>
          h("option", { value: l.code }, layerName(l)),
        ),
      ),
    ),
  ) as HTMLSelectElement;
  toolbar.append(
    h("div", { class: "layer-control" }, h("label", { for: "layer-picker" }, t("layerPicker")), layerSelect),
  );
  let savedLegend: Node[] | undefined;
  let savedPaint:
    | {
        color: DataDrivenPropertyValueSpecification<string>;
        opacity: DataDrivenPropertyValueSpecification<number>;
      }
    | undefined;
  const setLayer = (code: string | undefined, push: boolean) => {
    const layer = INDICATOR_LAYERS.find((l) => l.code === code);
    state.layer = layer?.code;
    panelView.setLayer(layer?.code);
    layerSelect.value = layer?.code ?? "";
    navigation.setParams({ layer: layer?.code ?? null }, { push });
    writeUrl(false);
    if (layer) {
      savedLegend ??= [...legendEl.childNodes];
      const rows = indicatorClasses(layer).map((c) => {
        const sw = h("span", { class: "swatch", "aria-hidden": "true" });
        sw.style.background = c.colour;
        const threshold = c.from === Math.round(layer.threshold * 100);
        return h(
          "li",
          threshold ? { "data-threshold": "true" } : {},
          sw,
          t("layerClass", { from: c.from, to: c.to }),
          threshold ? ` ${t("layerThreshold", { p: c.from })}` : "",
        );
      });
      const missing = h("span", { class: "swatch missing", "aria-hidden": "true" });
      // The colour only: the `background` shorthand would also clear the stylesheet's hatch.
      missing.style.backgroundColor = MISSING_COLOUR;
      legendEl.replaceChildren(
        h("summary", {}, t("legend")),
        h("p", { class: "layer-title" }, layerName(layer)),
        h(
          "ul",
          { class: "layer-classes" },
          ...rows,
          h("li", { "data-missing": "true" }, missing, t("layerMissing")),
        ),
        h("p", { class: "layer-zoom-in", role: "status" }, t("layerZoomIn")),
      );
      legendEl.classList.add("indicator-legend");
    } else if (savedLegend) {
      legendEl.replaceChildren(...savedLegend);
      savedLegend = undefined;
      legendEl.classList.remove("indicator-legend");
    }
    void mapReady.then((tm) => {
      const apply = () => {
        const { map } = tm;
        // The status colours of style.ts, kept to restore when the default layer is chosen again.
        savedPaint ??= {
          color: map.getPaintProperty(
            "tract-fill",
            "fill-color",
          ) as DataDrivenPropertyValueSpecification<string>,
          opacity: map.getPaintProperty(
            "tract-fill",
            "fill-opacity",
          ) as DataDrivenPropertyValueSpecification<number>,
        };
        const saved = savedPaint;
        map.setPaintProperty("tract-fill", "fill-color", layer ? indicatorFill(layer) : saved.color);
        map.setPaintProperty("tract-fill", "fill-opacity", layer ? 0.75 : saved.opacity);
        // Missing values are hatched as in the legend, not only grey (web.md §4.6).
        tm.setMissingHatch(layer ? missingValue(layer) : undefined);
      };
      tm.whenStyle(apply);
    }, noMap);
  };
  function layerName(l: IndicatorLayer): string {
    return pc.lang === "es" ? (INDICATOR_NAMES_ES[l.id] ?? l.label) : l.label;
  }
  layerSelect.addEventListener("change", () => setLayer(layerSelect.value || undefined, true));
  const askedLayer = params.get("layer");
  if (askedLayer) {
    if (INDICATOR_LAYERS.some((l) => l.code === askedLayer)) setLayer(askedLayer, false);
    else {
      pc.notice(t("layerUnavailable", { layer: askedLayer }));
      navigation.setParams({ layer: null });
    }
  }

  const startView = params.get("view");
  if (startView && views.some((v) => v.id === startView)) void showView(startView, false);

  const hashCamera = parseCameraHash(location.hash);
  const reduceMotion = () => matchMedia("(prefers-reduced-motion: reduce)").matches;
  let failure: HTMLElement | undefined;
  const dismissFailure = () => {
    failure?.remove();
    failure = undefined;
  };
  /** The notice of web.md §3.11 over the map, with *Retry* (one at a time). */
  const showFailure = (retry: () => void) => {
    setMapState("error");
    if (failure) return;
    const button = h("button", { type: "button" }, t("retry"));
    failure = h("div", { class: "notice map-notice", role: "alert" }, h("p", {}, t("mapError")), button);
    button.addEventListener("click", () => {
      dismissFailure();
      tilesFailed = false;
      setMapState("loading");
      pc.announce(t("mapRetried"));
      retry();
    });
    mapEl.append(failure);
  };

  let message: HTMLElement | undefined;
  /** A dismissible message over the map (geolocation), replacing the previous one. */
  const mapMessage = (text: string) => {
    message?.remove();
    const close = h("button", { type: "button", class: "dismiss", "aria-label": t("dismissNotice") }, "×");
    const el = h("div", { class: "notice map-notice map-message", role: "alert" }, h("p", {}, text), close);
    close.addEventListener("click", () => {
      el.remove();
      if (message === el) message = undefined;
    });
    message = el;
    mapEl.append(el);
  };
  /**
   * Selects the tract at the position the geolocate control found (web.md §3.9, R2), once the
   * control's camera move has ended; below Zsel the camera first jumps to Zsel there.
   */
  const locateAt = async (lon: number, lat: number): Promise<void> => {
    const tm = await mapReady;
    await tm.whenIdle();
    if (tm.map.getZoom() < tm.zsel) {
      tm.map.jumpTo({ center: [lon, lat], zoom: tm.zsel });
      await tm.whenIdle();
    }
    const f = tm.map.queryRenderedFeatures(tm.map.project([lon, lat]), { layers: ["tract-fill"] })[0];
    const id = f?.properties?.GEOID10;
    if (typeof id !== "string") {
      mapMessage(t("geolocateNoTract"));
      return;
    }
    message?.remove();
    message = undefined;
    await select(id, { tile: f?.properties as TileProps, fit: false, focus: false, push: true });
  };

  // Without WebGL the table view takes the map's place (web.md §3.11, W27); search and the
  // panel work as usual.
  if (!webglAvailable()) {
    const error = new Error("WebGL is not available (got no context)");
    setMapState("error");
    toolbar.prepend(h("p", { class: "notice map-unavailable", role: "status" }, t("mapNoWebgl")), search.el);
    viewButtons.get("map")?.setAttribute("disabled", "");
    if (views.some((v) => v.id === "table")) void showView("table", false);
    else mapWrap.hidden = true;
    rejectMap(error);
  } else void startMap();

  async function startMap(): Promise<void> {
    let tm: TractMap;
    const detail = release.role("tiles-detail");
    const overview = release.role("tiles-overview");
    const urls = {
      detailUrl: detail ? release.url(detail.path) : "",
      overviewUrl: overview ? release.url(overview.path) : undefined,
      tribalUrl: tribalFile ? release.url(tribalFile.path) : undefined,
    };
    try {
      if (!detail) throw new Error(`release ${release.id} has no tiles-detail file (got none)`);
      const { createTractMap } = await mapModule;
      tm = await createTractMap({
        container: mapEl,
        ...urls,
        camera: hashCamera ?? DEFAULT_CAMERA,
        locale: {
          "Map.Title": t("mapKeyboardLabel"),
          "NavigationControl.ZoomIn": t("zoomIn"),
          "NavigationControl.ZoomOut": t("zoomOut"),
          "GeolocateControl.FindMyLocation": t("geolocate"),
          "GeolocateControl.LocationNotAvailable": t("geolocateUnavailable"),
        },
        geolocate: {
          onPosition: (lon, lat) => void locateAt(lon, lat),
          onError: (denied) => mapMessage(t(denied ? "geolocateDenied" : "geolocateFailed")),
        },
      });
    } catch (e) {
      console.error(e instanceof Error ? e.message : e);
      // The archives could not be read: Retry reads them afresh and creates the map.
      showFailure(() => {
        void mapModule.then(({ resetArchives }) => {
          resetArchives(Object.values(urls).filter((u): u is string => Boolean(u)));
          void startMap();
        });
      });
      return;
    }
    tractMap = tm;
    window.__cejst.map = tm.map;
    const { map, zsel } = tm;
    if (state.tract) tm.setSelected(state.tract);
    applyVisibility(tm);
    const names = tm.hasTribal ? tribalNames(tm, mapEl, t, pc.announce) : undefined;
    let firstIdle = true;
    const writeCamera = () => {
      const c = currentCamera();
      if (!c) return;
      const hash = cameraHash(c);
      if (hash !== location.hash)
        history.replaceState(history.state, "", `${location.pathname}${location.search}${hash}`);
    };
    map.on("dataloading", () => {
      if (!tilesFailed) setMapState("loading");
    });
    map.on("idle", () => {
      setMapState("idle");
      if (firstIdle && !tilesFailed) {
        firstIdle = false;
        performance.mark("cejst:map-first-idle");
        // The address bar shows the camera from the first idle on (W20), not only after a move.
        writeCamera();
        void release.computeDigest();
      }
    });
    map.on("error", (ev) => {
      console.warn(ev.error?.message ?? "map error");
      // A tile or archive request of a source failed: say so, and let Retry reload the tiles.
      if ((ev as { sourceId?: string }).sourceId === undefined) return;
      tilesFailed = true;
      showFailure(() => tm.retry());
    });
    const updateOverview = () => legendEl.classList.toggle("at-overview", map.getZoom() < zsel);
    map.on("zoomend", updateOverview);
    updateOverview();
    map.on("moveend", writeCamera);
    /** Below Zsel a click or Enter zooms in around the point and never selects (web.md §3.3). */
    const zoomInAt = (center: [number, number]) => {
      map.easeTo({ center, zoom: zsel, duration: reduceMotion() ? 0 : 300 });
      pc.announce(t("zoomedIn"));
    };
    map.on("click", (ev) => {
      names?.show(ev.point, true);
      if (map.getZoom() < zsel) {
        zoomInAt([ev.lngLat.lng, ev.lngLat.lat]);
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
      if (ev.key === "Escape") {
        names?.hide();
        clear();
      } else if ((ev.key === "Enter" || ev.key === " ") && !ev.shiftKey) {
        ev.preventDefault();
        const centre = map.getCenter();
        if (map.getZoom() < zsel) {
          zoomInAt([centre.lng, centre.lat]);
          return;
        }
        const c = map.project(centre);
        names?.show(c, true);
        const f = map.queryRenderedFeatures(c, { layers: ["tract-fill"] })[0];
        const id = f?.properties?.GEOID10;
        if (typeof id === "string")
          void select(id, {
            tile: f?.properties as TileProps,
            fit: false,
            focus: true,
            push: true,
            announce: true,
          });
      }
    });
    // Escape in the panel clears the selection too, and hands focus back to the map.
    panel.addEventListener("keydown", (ev) => {
      const target = ev.target as HTMLElement;
      if (ev.key !== "Escape" || !state.tract || target.closest("input, select, textarea")) return;
      clear();
      map.getCanvas().focus();
    });
    resolveMap(tm);
  }

  navigation.onPopState(() => {
    const p = navigation.params();
    const g = normaliseParam(p.get("tract"));
    if (g) void select(g, { fit: false, focus: false, push: false });
    else if (state.tract) {
      state.tract = undefined;
      tractMap?.setSelected(undefined);
      panel.replaceChildren(intro);
      emitSelection();
    }
    const l = p.get("layer") ?? undefined;
    if (l !== state.layer) setLayer(l, false);
    const v = p.get("view") ?? "map";
    if (v !== state.view) void showView(v, false);
    const c = p.get("compare") ?? undefined;
    if (c !== state.compare && compare) {
      const sel = document.getElementById("compare-with") as HTMLSelectElement | null;
      if (sel) sel.value = c ?? "";
      void (async () => {
        stopCompare?.();
        stopCompare = undefined;
        state.compare = c;
        if (c) stopCompare = await compare.start(ctx, c);
      })();
    }
  });

  const deep = params.get("tract");
  if (deep) {
    if (deepId) void select(deepId, { fit: !hashCamera, focus: false, push: false });
    else navigation.setParams({ tract: null });
  }
}

/**
 * Names of the tribal lands and Alaska Native Villages under the pointer (on hover), or under a
 * click, tap or the keyboard crosshair. Villages have no map label, so this is where their names
 * are read. A click's names stay at their place on the map until another name is hovered, an
 * empty spot is clicked, or Escape; they are also announced politely.
 */
function tribalNames(
  tm: TractMap,
  mapEl: HTMLElement,
  t: PageContext["t"],
  announce: (m: string) => void,
): { show(p: { x: number; y: number }, pinned: boolean): void; hide(): void } {
  const { map } = tm;
  const tip = h("div", { class: "tribal-name", hidden: true });
  mapEl.append(tip);
  let pinned = false;
  let at: LngLat | undefined;
  let frame = 0;
  const hide = () => {
    pinned = false;
    at = undefined;
    tip.hidden = true;
    tip.textContent = "";
  };
  const place = () => {
    if (!at) return;
    const p = map.project(at);
    tip.style.left = `${Math.round(p.x + 12)}px`;
    tip.style.top = `${Math.round(p.y + 12)}px`;
  };
  const show = (p: { x: number; y: number }, pin: boolean) => {
    const layers = ["tribal-fill", "tribal-villages"].filter(
      (id) => map.getLayer(id) && map.getLayoutProperty(id, "visibility") !== "none",
    );
    const lines = new Set<string>();
    for (const f of layers.length ? map.queryRenderedFeatures([p.x, p.y], { layers }) : []) {
      const name = f.properties?.landAreaName;
      if (typeof name !== "string" || !name) continue;
      lines.add(
        f.layer.id === "tribal-villages"
          ? t("tribalVillageAt", { name })
          : t("tribalLandAt", { name: tribalLabel(name) }),
      );
    }
    if (lines.size === 0) {
      if (pin || !pinned) hide();
      return;
    }
    pinned = pin;
    at = map.unproject([p.x, p.y]);
    tip.textContent = [...lines].join(" · ");
    tip.hidden = false;
    place();
    if (pin) announce(tip.textContent);
  };
  map.on("mousemove", (ev) => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => show(ev.point, false));
  });
  map.on("mouseout", () => {
    if (!pinned) hide();
  });
  map.on("move", place);
  return { show, hide };
}

function normaliseParam(v: string | null): string | undefined {
  if (!v) return undefined;
  const digits = v.replace(/[\s.-]/g, "");
  if (/^\d{11}$/.test(digits)) return digits;
  if (/^\d{10}$/.test(digits)) return `0${digits}`;
  return undefined;
}

/** For promises of the map that may reject when there is none (no WebGL): the page says so already. */
const noMap = (): void => undefined;

/** How long tiles may load before the live region says the map is still loading (web.md §3.11). */
const SLOW_LOADING_MS = 2000;

/** Whether this browser can give the map a WebGL context (otherwise the table view is shown). */
function webglAvailable(): boolean {
  try {
    const gl = document.createElement("canvas").getContext("webgl");
    // Hand the probe's context back at once: a page may hold only a few.
    gl?.getExtension("WEBGL_lose_context")?.loseContext();
    return gl !== null;
  } catch {
    return false;
  }
}
