import "./selection.css";
import type { FilterSpecification, MapGeoJSONFeature } from "maplibre-gl";
import { fetchJson } from "../data/release.ts";
import { h } from "../dom.ts";
import { locale } from "../i18n.ts";
import type { TractMap } from "../map/map.ts";
import type { ExploreContext } from "../pages/page-context.ts";
import { tt } from "../table/messages.ts";
import { TractTable } from "../table/table-data.ts";
import { CATEGORY_IDS, rowAnswer, type TableRow } from "../table/table-model.ts";
import type { SelectionChange } from "./area-selection.ts";
import { type AreaSummary, areaSummary, countyRollup, share } from "./area-summary.ts";
import { resolveSelection, statesNeeded } from "./resolve-selection.ts";
import { selectionCsv } from "./selection-csv.ts";
import { selectionFor } from "./store.ts";
import { formatTractsParam, parseTractsParam } from "./tracts-param.ts";

/** Layers drawn under the single-selection outline for every tract of the area selection. */
const AREA_LAYERS = ["area-fill", "area-outline"] as const;

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  // Chromium reads the blob after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The explore page's area selection (web.md §4.4): Ctrl/⌘+click, Shift+Enter and the
 * *Select several* toggle add and remove tracts; the panel shows the area summary, the list,
 * *Start over*, *Export CSV* and *Print report*; the selection lives in `tracts=` (tract ids,
 * county and state codes) and in the map's outlines. A single tract opened meanwhile keeps the
 * selection, with *Add to selection* and a way back to the summary above its panel.
 * `intro` is the panel's content when nothing is selected.
 */
export function mountAreaSelection(ctx: ExploreContext, intro: HTMLElement): void {
  const { release, lang, t, navigation, panel } = ctx;
  const selection = selectionFor(ctx);
  const table = new TractTable(release, (url) => fetchJson(url));
  const nf = new Intl.NumberFormat(locale(lang));
  const pf = new Intl.NumberFormat(locale(lang), { style: "percent", maximumFractionDigits: 0 });
  const rows = new Map<string, TableRow>();
  let groups = new Map<string, string[]>();
  let writtenParam = navigation.params().get("tracts") ?? "";
  let quiet = false;
  let several = false;

  const hooks = window.__cejst as unknown as { state: () => Record<string, unknown> };
  const baseState = hooks.state;
  hooks.state = () => ({ ...baseState(), tracts: [...selection.ids()] });

  /** Rows of the tract table for `ids`, loading the shards of their states once. */
  const loadRows = async (ids: readonly string[]): Promise<TableRow[]> => {
    const states = new Set(ids.filter((id) => !rows.has(id)).map((id) => id.slice(0, 2)));
    if (states.size > 0) {
      const entries = (await table.index()).filter((e) => states.has(e.state));
      for (const r of await table.rowsOf(entries)) rows.set(r.geoid, r);
    }
    return ids.map((id) => rows.get(id)).filter((r): r is TableRow => r !== undefined);
  };

  // Comparison mode (`?compare=`) announces its changes with this window event
  // (src/compare/explore-compare.ts); the summary then adds the same tracts in that version.
  let compareWith = navigation.params().get("compare");
  const earlierTables = new Map<string, Promise<TractTable>>();
  const earlierRows = async (ids: readonly string[]) => {
    const v = compareWith;
    if (!v || v === release.id || !ctx.config.versions.some((x) => x.id === v)) return undefined;
    if (navigation.params().get("compare") !== v) return undefined;
    let tp = earlierTables.get(v);
    if (!tp) {
      tp = ctx.loadVersion(v).then((r) => new TractTable(r, (url) => fetchJson(url)));
      earlierTables.set(v, tp);
    }
    try {
      const older = await tp;
      const states = new Set(ids.map((id) => id.slice(0, 2)));
      const want = new Set(ids);
      const entries = (await older.index()).filter((e) => states.has(e.state));
      return { version: v, rows: (await older.rowsOf(entries)).filter((r) => want.has(r.geoid)) };
    } catch (e) {
      console.warn(e instanceof Error ? e.message : e);
      earlierTables.delete(v);
      return undefined;
    }
  };

  const writeUrl = (push: boolean) => {
    const param = formatTractsParam(selection.ids(), groups);
    if (param === writtenParam) return;
    writtenParam = param;
    const p = navigation.params();
    const keepV =
      param !== "" ||
      ctx.selectedTract() !== undefined ||
      p.get("compare") !== null ||
      release.id !== ctx.config.defaultVersion;
    navigation.setParams({ tracts: param || null, v: keepV ? release.id : null }, { push });
  };

  // The map: outlines of the selection, and the gestures that add and remove.
  let tractMap: TractMap | undefined;
  let layersReady = false;
  const drawOnMap = () => {
    const map = tractMap?.map;
    if (!map || !layersReady) return;
    const filter: FilterSpecification = ["in", ["get", "GEOID10"], ["literal", [...selection.ids()]]];
    for (const id of AREA_LAYERS) map.setFilter(id, filter);
  };
  const tractAt = (point: [number, number]): string | undefined => {
    const map = tractMap?.map;
    if (!map) return undefined;
    const f: MapGeoJSONFeature | undefined = map.queryRenderedFeatures(point, { layers: ["tract-fill"] })[0];
    const id = f?.properties?.GEOID10;
    return typeof id === "string" ? id : undefined;
  };

  const toggle = (id: string) => {
    const change = selection.toggle(id);
    if (change.refused > 0) {
      ctx.announce(t("selTooMany", { max: nf.format(selection.max), n: nf.format(change.refused) }));
      return;
    }
    const n = nf.format(selection.size);
    ctx.announce(change.added.length ? t("selAdded", { id, n }) : t("selRemoved", { id, n }));
  };
  /** A gesture that starts an area selection while a single tract is open takes that tract along. */
  const toggleFromMap = (id: string) => {
    const open = ctx.selectedTract();
    if (open !== undefined && selection.size === 0 && open !== id) selection.add([open]);
    if (open !== undefined) ctx.clearSelection();
    toggle(id);
  };

  void ctx.whenMap().then(
    (tm) => {
      tractMap = tm;
      const { map } = tm;
      // The page may hand the map over before its style has loaded: the layers wait for it.
      const addAreaLayers = (): boolean => {
        const base = map.getStyle()?.layers?.find((l) => l.id === "tract-fill") as unknown as
          | { source: string; "source-layer"?: string }
          | undefined;
        if (!base) return false;
        if (layersReady) return true;
        const src = { source: base.source, "source-layer": base["source-layer"] ?? "", minzoom: tm.zsel };
        const empty: FilterSpecification = ["in", ["get", "GEOID10"], ["literal", []]];
        const before = map.getLayer("selected-casing") ? "selected-casing" : undefined;
        map.addLayer(
          {
            id: "area-fill",
            type: "fill",
            ...src,
            filter: empty,
            paint: { "fill-color": "#1A4480", "fill-opacity": 0.25 },
          },
          before,
        );
        map.addLayer(
          {
            id: "area-outline",
            type: "line",
            ...src,
            filter: empty,
            paint: { "line-color": "#1A4480", "line-width": 2.5, "line-dasharray": [2, 1] },
          },
          before,
        );
        layersReady = true;
        drawOnMap();
        return true;
      };
      if (!addAreaLayers()) {
        const retry = () => {
          if (addAreaLayers()) map.off("styledata", retry);
        };
        map.on("styledata", retry);
      }
      const el = map.getContainer();
      let down: { x: number; y: number } | undefined;
      el.addEventListener("pointerdown", (ev) => (down = { x: ev.clientX, y: ev.clientY }), true);
      // Captured before MapLibre sees the click, so the page does not also open the tract alone.
      el.addEventListener(
        "click",
        (ev) => {
          if (!(ev.ctrlKey || ev.metaKey || several)) return;
          if (!(ev.target instanceof Node) || !map.getCanvasContainer().contains(ev.target)) return;
          if (map.getZoom() < tm.zsel) return;
          if (down && Math.hypot(ev.clientX - down.x, ev.clientY - down.y) > 4) return;
          ev.stopPropagation();
          ev.preventDefault();
          const r = el.getBoundingClientRect();
          const id = tractAt([ev.clientX - r.left, ev.clientY - r.top]);
          if (id) toggleFromMap(id);
        },
        true,
      );
      el.addEventListener(
        "keydown",
        (ev) => {
          if (ev.target !== el && ev.target !== map.getCanvas()) return;
          if (ev.key === "Enter" && ev.shiftKey) {
            ev.preventDefault();
            ev.stopImmediatePropagation();
            const c = map.project(map.getCenter());
            const id = tractAt([c.x, c.y]);
            if (id) toggleFromMap(id);
            else ctx.announce(t("selNoTract"));
          } else if (ev.key === "Escape" && ctx.selectedTract() === undefined && selection.size > 0) {
            // Escape clears what the panel shows: here, the area selection.
            ev.stopImmediatePropagation();
            selection.clear();
            ctx.announce(t("selCleared"));
          }
        },
        true,
      );
    },
    () => undefined,
  );

  // *Select several*: taps (and clicks) add and remove instead of opening one tract.
  const severalBtn = h(
    "button",
    { type: "button", class: "select-several", "aria-pressed": "false" },
    t("selSeveral"),
  );
  severalBtn.addEventListener("click", () => {
    several = !several;
    severalBtn.setAttribute("aria-pressed", String(several));
  });
  panel.parentElement?.querySelector(".explore-toolbar")?.append(severalBtn);

  // The panel: the summary when no single tract is open, a bar above the tract's panel otherwise.
  const bar = h("div", { class: "area-bar" });
  const renderBar = () => {
    const open = ctx.selectedTract();
    if (open === undefined) return;
    const inIt = selection.has(open);
    const add = h("button", { type: "button", class: "area-add" }, t(inIt ? "selRemoveThis" : "selAdd"));
    add.addEventListener("click", () => toggle(open));
    const county = open.slice(0, 5);
    const countyBtn = h("button", { type: "button", class: "area-county" }, "");
    const countyRow = rows.get(open);
    countyBtn.textContent = t("selCounty", { county: countyRow?.county ?? county });
    countyBtn.addEventListener("click", async () => {
      await loadRows([open]);
      const members = [...rows.values()].filter((r) => r.geoid.startsWith(county)).map((r) => r.geoid);
      if (selection.size === 0) groups = new Map([[county, members]]);
      else groups.set(county, members);
      const change = selection.add(members);
      if (change.refused > 0)
        ctx.announce(t("selTooMany", { max: nf.format(selection.max), n: nf.format(change.refused) }));
    });
    const parts: HTMLElement[] = [add, countyBtn];
    if (selection.size > 0) {
      const back = h(
        "button",
        { type: "button", class: "area-back" },
        t("selBack", { n: nf.format(selection.size) }),
      );
      back.addEventListener("click", () => ctx.clearSelection());
      parts.unshift(back);
    }
    bar.replaceChildren(...parts);
    if (panel.firstChild !== bar) panel.prepend(bar);
    if (!countyRow)
      void loadRows([open]).then(
        () => renderBar(),
        () => undefined,
      );
  };
  new MutationObserver(() => {
    if (
      ctx.selectedTract() !== undefined &&
      panel.querySelector(":scope > article") &&
      panel.firstChild !== bar
    )
      renderBar();
  }).observe(panel, { childList: true });

  let renderSeq = 0;
  const showIntro = () => {
    if (panel.querySelector(":scope > .area-summary, :scope > .area-loading")) {
      panel.replaceChildren(intro);
      panel.setAttribute("aria-label", t("introTitle"));
    }
  };
  const render = async () => {
    const seq = ++renderSeq;
    if (ctx.selectedTract() !== undefined) {
      renderBar();
      return;
    }
    if (selection.size === 0) {
      showIntro();
      return;
    }
    const ids = [...selection.ids()];
    if (ids.some((id) => !rows.has(id)) && !panel.querySelector(":scope > .area-summary"))
      panel.replaceChildren(h("p", { class: "area-loading", role: "status" }, t("selLoading")));
    let found: TableRow[];
    try {
      found = await loadRows(ids);
    } catch (e) {
      if (seq !== renderSeq) return;
      console.warn(e instanceof Error ? e.message : e);
      const retry = h("button", { type: "button" }, t("retry"));
      retry.addEventListener("click", () => void render());
      panel.replaceChildren(
        h("p", { class: "area-loading notice", role: "alert" }, t("selLoadFailed"), " ", retry),
      );
      return;
    }
    const earlier = await earlierRows(ids);
    if (seq !== renderSeq || ctx.selectedTract() !== undefined || selection.size === 0) return;
    // A re-render must not drop keyboard focus to the page: it returns to the same control, or
    // to the heading when that control went away (a removed row).
    const had = document.activeElement;
    const hadFocus = had instanceof HTMLElement && panel.contains(had) && had !== panel;
    const key = hadFocus ? had.dataset.focusKey : undefined;
    panel.replaceChildren(summaryView(found, earlier));
    panel.setAttribute("aria-label", t("selTitle"));
    if (hadFocus)
      (
        (key && panel.querySelector<HTMLElement>(`[data-focus-key="${key}"]`)) ||
        panel.querySelector<HTMLElement>("#area-heading")
      )?.focus();
  };

  const factsOf = (s: AreaSummary, prefix: string, withGrandfathered: boolean): HTMLElement => {
    const li = (stat: string, text: string) => h("li", { "data-stat": `${prefix}${stat}` }, text);
    return h(
      "ul",
      { class: "area-facts" },
      li("tracts", t("selTractCount", { n: nf.format(s.tracts) })),
      li(
        "identified",
        t("selIdentified", {
          k: nf.format(s.identified),
          n: nf.format(s.tracts),
          p: pf.format(share(s.identified, s.tracts)),
        }),
      ),
      withGrandfathered
        ? li("grandfathered", t("selGrandfathered", { k: nf.format(s.grandfathered) }))
        : null,
      li("tribal", t("selTribal", { k: nf.format(s.tribalOverlap) })),
      li(
        "population",
        t("selPopulation", {
          total: nf.format(s.population),
          k: nf.format(s.identifiedPopulation),
          p: pf.format(share(s.identifiedPopulation, s.population)),
        }),
      ),
      s.unknownPopulation.length > 0
        ? li("unknown-population", t("selPopulationUnknown", { ids: s.unknownPopulation.join(", ") }))
        : null,
    );
  };

  const summaryView = (
    found: readonly TableRow[],
    earlier: { version: string; rows: TableRow[] } | undefined,
  ): HTMLElement => {
    const s = areaSummary(found);
    const facts = factsOf(s, "", true);
    const earlierSection = earlier
      ? h(
          "section",
          { class: "area-earlier", "aria-labelledby": "area-earlier-h" },
          h("h2", { id: "area-earlier-h" }, t("selEarlierTitle", { v: earlier.version })),
          factsOf(areaSummary(earlier.rows), "earlier-", false),
          earlier.rows.length < found.length
            ? h(
                "p",
                { "data-stat": "earlier-missing" },
                t("selEarlierMissing", {
                  v: earlier.version,
                  n: nf.format(found.length - earlier.rows.length),
                }),
              )
            : null,
        )
      : null;
    const categories = h(
      "ul",
      { class: "area-categories" },
      CATEGORY_IDS.map((c) =>
        h(
          "li",
          { "data-category": c },
          t("selCategoryCount", { name: tt(lang, c), k: nf.format(s.categories[c]) }),
        ),
      ),
    );
    const counties = countyRollup(found);
    const th = (text: string) => h("th", { scope: "col" }, text);
    const byCounty = h(
      "details",
      { class: "area-counties", open: counties.length > 1 && counties.length <= 5 },
      h("summary", {}, t("selByCounty")),
      h(
        "table",
        {},
        h("caption", { class: "sr-only" }, t("selByCounty")),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            th(t("selColCounty")),
            th(t("selColTracts")),
            th(t("selColIdentified")),
            th(t("selColPopulation")),
          ),
        ),
        h(
          "tbody",
          {},
          counties.map((c) =>
            h(
              "tr",
              { "data-county": c.code },
              h("th", { scope: "row" }, `${c.county ?? c.code}, ${c.state}`),
              h("td", {}, nf.format(c.summary.tracts)),
              h("td", {}, nf.format(c.summary.identified)),
              h("td", {}, nf.format(c.summary.population)),
            ),
          ),
        ),
      ),
    );
    const list = h(
      "ul",
      { class: "area-list" },
      found.map((r) => {
        const open = h(
          "button",
          {
            type: "button",
            class: "area-open",
            "aria-label": t("selOpen", { id: r.geoid }),
            "data-focus-key": `open-${r.geoid}`,
          },
          r.geoid,
        );
        open.addEventListener("click", () => {
          ctx.showView("map");
          void ctx.selectTract(r.geoid, { fit: true, focus: true, push: true });
        });
        const remove = h(
          "button",
          { type: "button", class: "area-remove", "aria-label": t("selRemove", { id: r.geoid }) },
          "×",
        );
        remove.addEventListener("click", () => toggle(r.geoid));
        const answer = rowAnswer(r);
        return h(
          "li",
          { "data-geoid": r.geoid },
          open,
          h("span", {}, ` ${r.county ?? "–"}, ${r.stateName}: `),
          h("span", { "data-answer": answer }, t(answer)),
          " ",
          remove,
        );
      }),
    );
    const startOver = h("button", { type: "button" }, t("selStartOver"));
    startOver.addEventListener("click", () => {
      selection.clear();
      ctx.announce(t("selCleared"));
      (intro.querySelector("#panel-heading") as HTMLElement | null)?.focus();
    });
    const exportBtn = h("button", { type: "button", "data-focus-key": "export" }, t("selExport"));
    exportBtn.addEventListener("click", () => {
      const { name, text } = selectionCsv(release.id, found, release.synthetic);
      download(name, text);
      ctx.announce(t("selExported", { n: nf.format(found.length), file: name }));
    });
    const print = h(
      "a",
      {
        href: navigation.href("report", {
          v: release.id,
          tracts: formatTractsParam(selection.ids(), groups),
        }),
      },
      t("printReport"),
    );
    return h(
      "section",
      { class: "area-summary", "aria-labelledby": "area-heading" },
      h("h1", { id: "area-heading", tabindex: "-1" }, t("selTitle")),
      facts,
      h(
        "div",
        { class: "panel-actions" },
        h("ul", {}, h("li", {}, startOver), h("li", {}, exportBtn), h("li", {}, print)),
      ),
      earlierSection,
      h("h2", {}, t("selCategories")),
      categories,
      byCounty,
      h("h2", {}, t("selList")),
      list,
      h("p", { class: "area-help" }, t("selHelp")),
    );
  };

  selection.onChange((change: SelectionChange) => {
    if (selection.size === 0) groups = new Map();
    else if (change.removed.length > 0)
      for (const [code, members] of groups)
        if (change.removed.some((id) => members.includes(id))) groups.delete(code);
    if (!quiet) writeUrl(true);
    drawOnMap();
    void render();
  });
  window.addEventListener("cejst:compare", (ev) => {
    compareWith = (ev as CustomEvent<string | null>).detail;
    void render();
  });
  ctx.onSelectionChange(() => {
    // The page drops `v` when it clears its tract; an area selection keeps it (web.md §3.10).
    if (selection.size > 0 && navigation.params().get("v") === null)
      navigation.setParams({ v: release.id }, { push: false });
    void render();
  });

  /** Reads `tracts=` (at load and after Back or Forward) into the selection without writing it back. */
  const readUrl = async () => {
    const raw = navigation.params().get("tracts") ?? "";
    writtenParam = raw;
    const p = parseTractsParam(raw);
    const empty = p.tracts.length + p.counties.length + p.states.length === 0;
    if (empty) {
      quiet = true;
      selection.clear();
      quiet = false;
      if (p.rejected.length > 0) {
        ctx.notice(t("selUnknown", { v: release.id, ids: p.rejected.join(", ") }));
        writeUrl(false);
      }
      return;
    }
    if (ctx.selectedTract() === undefined)
      panel.replaceChildren(h("p", { class: "area-loading", role: "status" }, t("selLoading")));
    let resolved: ReturnType<typeof resolveSelection>;
    try {
      const entries = (await table.index()).filter((e) => statesNeeded(p).includes(e.state));
      const loaded = await table.rowsOf(entries);
      for (const r of loaded) rows.set(r.geoid, r);
      resolved = resolveSelection(p, loaded);
    } catch (e) {
      console.warn(e instanceof Error ? e.message : e);
      panel.replaceChildren(h("p", { class: "area-loading notice", role: "alert" }, t("selLoadFailed")));
      return;
    }
    groups = resolved.groups;
    quiet = true;
    const change = selection.set(resolved.ids);
    quiet = false;
    if (resolved.unknown.length > 0)
      ctx.notice(t("selUnknown", { v: release.id, ids: resolved.unknown.join(", ") }));
    if (change.refused > 0)
      ctx.notice(t("selTooMany", { max: nf.format(selection.max), n: nf.format(change.refused) }));
    // Dropped entries leave the address (web.md §3.10: invalid values are removed with replaceState).
    writeUrl(false);
    if (change.added.length + change.removed.length === 0) void render();
  };
  navigation.onPopState(() => {
    compareWith = navigation.params().get("compare");
    if ((navigation.params().get("tracts") ?? "") !== writtenParam) void readUrl();
  });
  void readUrl();
}
