import "./table.css";
import { ct } from "../compare/messages.ts";
import type { Answer } from "../decode.ts";
import { h } from "../dom.ts";
import { wholePercent } from "../format.ts";
import { type Lang, locale, t } from "../i18n.ts";
import { type TableKey, tt } from "./messages.ts";
import { csvFileName, tableCsv } from "./table-csv.ts";
import type { JsonFetcher, TableRelease } from "./table-data.ts";
import { TractTable } from "./table-data.ts";
import {
  answerTotals,
  CATEGORY_IDS,
  type CategoryId,
  DEFAULT_SORT,
  PAGE_SIZES,
  type Route,
  rowAnswer,
  rowRoutes,
  rowTransition,
  type ShardEntry,
  SORT_KEYS,
  type Sort,
  type SortKey,
  type TableFilter,
  type TableRow,
  TRANSITIONS,
  type Transition,
} from "./table-model.ts";

/** What the table view needs from the page around it. */
export interface TableViewContext {
  lang: Lang;
  release: TableRelease;
  fetchJson: JsonFetcher;
  /** The earlier version of comparison mode, if on: adds the change column and filter. */
  compareWith?: string;
  /** The current query string (filters, sort and page live there: `?view=table&state=11&sort=-population`). */
  params(): URLSearchParams;
  /** Replaces the table's own parameters in the URL (undefined removes one). */
  setParams(update: Record<string, string | undefined>): void;
  /** The explore-view address of a tract, for the row links. */
  tractHref(geoid: string): string;
  /** Opens a tract in the explore view; without it the row link navigates. */
  openTract?(geoid: string): void;
  /** Speaks a status message through the page's live region. */
  announce(message: string): void;
  /** The area selection: adds a checkbox column that ticks rows into it (web.md §4.5, W68). */
  selection?: TableSelection;
}

/** What the table needs of the area selection. */
export interface TableSelection {
  has(geoid: string): boolean;
  toggle(geoid: string): void;
  /** Listens to changes made anywhere (map, panel, table); returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
}

/** A mounted table view. */
export interface TableView {
  /** Re-reads filters, sort and page from the URL (after Back or Forward). */
  refresh(): void;
  destroy(): void;
}

/** The query parameters the table owns. */
export const TABLE_PARAMS = ["state", "answer", "category", "change", "q", "sort", "page", "rows"] as const;

const COLUMN_KEYS: Record<SortKey, TableKey> = {
  geoid: "colGeoid",
  county: "colCounty",
  state: "colState",
  population: "colPopulation",
  answer: "colAnswer",
  routes: "colRoutes",
  categoriesMet: "colCategories",
  thresholdsMet: "colThresholds",
  lowIncomePercentile: "colLowIncome",
  transition: "colChange",
};
const ROUTE_KEYS: Record<Route, TableKey> = {
  burdens: "routeBurdens",
  adjacency: "routeAdjacency",
  tribal: "routeTribal",
  territory: "routeTerritory",
  grandfathered: "routeGrandfathered",
};
const ANSWERS: readonly Answer[] = ["yes", "partially", "no"];

/** Filters, sort and paging as read from the URL; unknown values are ignored. */
export function readTableState(p: URLSearchParams, compareWith?: string) {
  const f: TableFilter = {};
  const state = p.get("state");
  if (state && /^\d{2}$/.test(state)) f.state = state;
  const answer = p.get("answer");
  if (answer && (ANSWERS as string[]).includes(answer)) f.answer = answer as Answer;
  const category = p.get("category");
  if (category && (CATEGORY_IDS as readonly string[]).includes(category)) f.category = category as CategoryId;
  const change = p.get("change");
  if (compareWith && change && (TRANSITIONS as readonly string[]).includes(change))
    f.transition = change as Transition;
  const q = p.get("q");
  if (q) f.q = q;
  const rawSort = p.get("sort") ?? "";
  const key = rawSort.replace(/^-/, "");
  const sort: Sort =
    (SORT_KEYS as readonly string[]).includes(key) && (key !== "transition" || compareWith)
      ? { key: key as SortKey, dir: rawSort.startsWith("-") ? "desc" : "asc" }
      : DEFAULT_SORT;
  const rows = Number(p.get("rows"));
  const size = (PAGE_SIZES as readonly number[]).includes(rows) ? rows : PAGE_SIZES[0];
  const page = Number(p.get("page") ?? 1) || 1;
  return { filter: f, sort, size, page };
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: Chromium reads the blob after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Mounts the table view (web.md §4.5) into `root`: a real `<table>` of every tract of the
 * bound version, filtered, sorted and paginated from URL state, with CSV export of the
 * filtered rows. The tract table loads on mount, not with the page.
 */
export function mountTableView(root: HTMLElement, ctx: TableViewContext): TableView {
  const { lang } = ctx;
  const tx = (k: TableKey, v?: Record<string, string | number>) => tt(lang, k, v);
  const table = new TractTable(ctx.release, ctx.fetchJson);
  const nf = new Intl.NumberFormat(locale(lang));
  const compare = ctx.compareWith;
  const transitionLabel = (c: Transition) => ct(lang, c, { old: compare ?? "", new: ctx.release.id });

  let st = readTableState(ctx.params(), compare);
  let seq = 0;
  let firstPage = true;
  let destroyed = false;

  const status = h("p", { class: "table-status", role: "status", "aria-live": "polite" });
  const caption = h("caption", {});
  const thead = h("thead", {});
  const tbody = h("tbody", {});
  const tableEl = h("table", { class: "tract-table" }, caption, thead, tbody);
  const scroller = h("div", { class: "table-scroll", "aria-busy": "true" }, tableEl);
  const pager = h("nav", { class: "pager", "aria-label": tx("pagination") });

  const stateSel = h(
    "select",
    { id: "tf-state", name: "state" },
    h("option", { value: "" }, tx("filterAllStates")),
  );
  const answerSel = h(
    "select",
    { id: "tf-answer", name: "answer" },
    h("option", { value: "" }, tx("filterAny")),
    ANSWERS.map((a) => h("option", { value: a }, t(lang, a))),
  );
  const categorySel = h(
    "select",
    { id: "tf-category", name: "category" },
    h("option", { value: "" }, tx("filterAny")),
    CATEGORY_IDS.map((c) => h("option", { value: c }, tx(c))),
  );
  const changeSel = compare
    ? h(
        "select",
        { id: "tf-change", name: "change" },
        h("option", { value: "" }, tx("filterAny")),
        TRANSITIONS.map((c) => h("option", { value: c }, transitionLabel(c))),
      )
    : undefined;
  const qInput = h("input", { id: "tf-q", name: "q", type: "search", autocomplete: "off" });
  const sizeSel = h(
    "select",
    { id: "tf-rows", name: "rows" },
    PAGE_SIZES.map((n) => h("option", { value: String(n) }, String(n))),
  );
  const clearBtn = h("button", { type: "button" }, tx("clearFilters"));
  const exportBtn = h("button", { type: "button", class: "export" }, tx("exportCsv"));
  const field = (id: string, label: string, control: HTMLElement) =>
    h("div", { class: "field" }, h("label", { for: id }, label), control);
  const filters = h(
    "form",
    { class: "table-filters", "aria-label": tx("filters") },
    field("tf-state", tx("filterState"), stateSel),
    field("tf-answer", tx("filterAnswer"), answerSel),
    field("tf-category", tx("filterCategory"), categorySel),
    changeSel ? field("tf-change", tx("filterChange", { v: compare ?? "" }), changeSel) : null,
    field("tf-q", tx("filterText"), qInput),
    h("div", { class: "field actions" }, clearBtn, exportBtn),
  );
  const section = h(
    "section",
    { class: "table-view", "aria-labelledby": "table-view-h" },
    h("h2", { id: "table-view-h" }, tx("tableTitle")),
    h("p", {}, tx("tableHelp")),
    filters,
    status,
    scroller,
    h("div", { class: "pager-row" }, pager, field("tf-rows", tx("rowsPerPage"), sizeSel)),
  );
  root.replaceChildren(section);

  const columns: SortKey[] = [
    "geoid",
    "county",
    "state",
    "population",
    "answer",
    "routes",
    "categoriesMet",
    "thresholdsMet",
    "lowIncomePercentile",
    ...(compare ? (["transition"] as const) : []),
  ];
  const colLabel = (k: SortKey) => tx(COLUMN_KEYS[k], { v: compare ?? "" });
  const sel = ctx.selection;
  const selectCell = (r: TableRow) => {
    if (!sel) return null;
    const box = h("input", {
      type: "checkbox",
      value: r.geoid,
      "data-select": "",
      "aria-label": tx("selectTract", { id: r.geoid }),
      checked: sel.has(r.geoid),
    }) as HTMLInputElement;
    box.addEventListener("change", () => {
      if (box.checked !== sel.has(r.geoid)) sel.toggle(r.geoid);
    });
    return h("td", { class: "c-select" }, box);
  };
  const offSelection = sel?.onChange(() => {
    for (const box of tbody.querySelectorAll<HTMLInputElement>("input[data-select]"))
      box.checked = sel.has(box.value);
  });

  const writeUrl = () => {
    const f = st.filter;
    ctx.setParams({
      state: f.state,
      answer: f.answer,
      category: f.category,
      change: f.transition,
      q: f.q?.trim() ? f.q : undefined,
      sort:
        st.sort.key === DEFAULT_SORT.key && st.sort.dir === DEFAULT_SORT.dir
          ? undefined
          : `${st.sort.dir === "desc" ? "-" : ""}${st.sort.key}`,
      page: st.page > 1 ? String(st.page) : undefined,
      rows: st.size !== PAGE_SIZES[0] ? String(st.size) : undefined,
    });
  };

  const syncControls = () => {
    stateSel.value = st.filter.state ?? "";
    answerSel.value = st.filter.answer ?? "";
    categorySel.value = st.filter.category ?? "";
    if (changeSel) changeSel.value = st.filter.transition ?? "";
    if (document.activeElement !== qInput) qInput.value = st.filter.q ?? "";
    sizeSel.value = String(st.size);
  };

  const renderHead = () => {
    thead.replaceChildren(
      h(
        "tr",
        {},
        columns.map((k) => {
          const sorted = st.sort.key === k;
          const b = h(
            "button",
            { type: "button", class: "sort", "aria-label": tx("sortBy", { col: colLabel(k) }) },
            colLabel(k),
            h(
              "span",
              { "aria-hidden": "true", class: "sort-icon" },
              sorted ? (st.sort.dir === "asc" ? " ▲" : " ▼") : " ↕",
            ),
          );
          b.addEventListener("click", () => {
            st.sort = sorted
              ? { key: k, dir: st.sort.dir === "asc" ? "desc" : "asc" }
              : { key: k, dir: "asc" };
            st.page = 1;
            void update(true);
          });
          return h(
            "th",
            {
              scope: "col",
              "aria-sort": sorted ? (st.sort.dir === "asc" ? "ascending" : "descending") : undefined,
            },
            b,
          );
        }),
        sel ? h("th", { scope: "col", class: "c-select" }, tx("colSelect")) : null,
      ),
    );
  };

  const filterNames = (entries: ShardEntry[]): string[] => {
    const f = st.filter;
    const out: string[] = [];
    if (f.state)
      out.push(`${tx("filterState")}: ${entries.find((e) => e.state === f.state)?.name ?? f.state}`);
    if (f.answer) out.push(`${tx("filterAnswer")}: ${t(lang, f.answer)}`);
    if (f.category) out.push(`${tx("filterCategory")}: ${tx(f.category)}`);
    if (f.transition)
      out.push(`${tx("filterChange", { v: compare ?? "" })}: ${transitionLabel(f.transition)}`);
    if (f.q?.trim()) out.push(`${tx("filterText")}: “${f.q.trim()}”`);
    return out;
  };

  const cellText = (r: TableRow, k: SortKey): Node | string => {
    switch (k) {
      case "geoid": {
        const a = h(
          "a",
          { href: ctx.tractHref(r.geoid), "aria-label": tx("openTract", { id: r.geoid }) },
          r.geoid,
        );
        if (ctx.openTract) {
          const open = ctx.openTract;
          a.addEventListener("click", (ev) => {
            if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
            ev.preventDefault();
            open(r.geoid);
          });
        }
        return a;
      }
      case "county":
        return r.county ?? "–";
      case "state":
        return r.stateName;
      case "population":
        return r.population === null
          ? h("span", { class: "missing" }, "– ", tx("missingValue"))
          : nf.format(r.population);
      case "answer":
        return t(lang, rowAnswer(r));
      case "routes":
        return rowRoutes(r)
          .map((x) => tx(ROUTE_KEYS[x]))
          .join(", ");
      case "categoriesMet":
        return String(r.categoriesMet);
      case "thresholdsMet":
        return String(r.thresholdsMet);
      case "lowIncomePercentile":
        return r.lowIncomePercentile === null
          ? h("span", { class: "missing" }, "– ", tx("missingValue"))
          : String(wholePercent(r.lowIncomePercentile));
      case "transition":
        return transitionLabel(rowTransition(r));
    }
  };

  const pageButton = (label: TableKey, target: number, disabled: boolean, text: string) => {
    const b = h("button", { type: "button", "aria-label": tx(label), disabled }, text);
    b.addEventListener("click", () => {
      st.page = target;
      void update(true, true);
    });
    return b;
  };

  const update = async (write: boolean, focusTable = false) => {
    const my = ++seq;
    syncControls();
    renderHead();
    if (write) writeUrl();
    scroller.setAttribute("aria-busy", "true");
    status.textContent = tx("loadingTable");
    exportBtn.disabled = true;
    try {
      const entries = await table.index();
      if (my !== seq || destroyed) return;
      if (stateSel.options.length === 1)
        stateSel.append(...entries.map((e) => h("option", { value: e.state }, e.name)));
      syncControls();
      const res = await table.page(st.filter, st.sort, st.page, st.size, (done, total) => {
        if (my === seq && total > 1) status.textContent = tx("loadingStates", { done, total });
      });
      if (my !== seq || destroyed) return;
      if (res.page !== st.page) {
        st.page = res.page;
        if (write) writeUrl();
      }
      const names = filterNames(entries);
      caption.textContent = names.length
        ? tx("captionFilters", { v: ctx.release.id, filters: names.join("; ") })
        : tx("caption", { v: ctx.release.id });
      tbody.replaceChildren(
        ...(res.rows.length === 0
          ? [h("tr", {}, h("td", { colspan: String(columns.length + (sel ? 1 : 0)) }, tx("noRows")))]
          : res.rows.map((r) =>
              h(
                "tr",
                { "data-geoid": r.geoid, "data-answer": rowAnswer(r) },
                columns.map((k) =>
                  k === "geoid"
                    ? h("th", { scope: "row" }, cellText(r, k))
                    : h("td", { class: `c-${k}` }, cellText(r, k)),
                ),
                selectCell(r),
              ),
            )),
      );
      const msg = res.matched
        ? (() => {
            const tot = answerTotals(res.matched);
            return `${tx("matchCount", { n: nf.format(res.total) })} ${tx("totals", {
              n: nf.format(res.total),
              yes: nf.format(tot.yes),
              partially: nf.format(tot.partially),
              no: nf.format(tot.no),
            })}`;
          })()
        : tx("matchCount", { n: nf.format(res.total) });
      status.textContent = msg;
      ctx.announce(tx("matchCount", { n: nf.format(res.total) }));
      pager.replaceChildren(
        pageButton("firstPage", 1, res.page <= 1, "«"),
        pageButton("prevPage", res.page - 1, res.page <= 1, "‹"),
        h("span", { class: "page-of" }, tx("pageOf", { p: nf.format(res.page), n: nf.format(res.pages) })),
        pageButton("nextPage", res.page + 1, res.page >= res.pages, "›"),
        pageButton("lastPage", res.pages, res.page >= res.pages, "»"),
      );
      exportBtn.disabled = res.total === 0;
      scroller.setAttribute("aria-busy", "false");
      if (focusTable) caption.setAttribute("tabindex", "-1");
      if (focusTable) caption.focus();
      if (firstPage) {
        firstPage = false;
        performance.mark("cejst:table-first-page");
      }
    } catch (e) {
      if (my !== seq || destroyed) return;
      console.warn(e instanceof Error ? e.message : e);
      scroller.setAttribute("aria-busy", "false");
      const retry = h("button", { type: "button" }, t(lang, "retry"));
      retry.addEventListener("click", () => void update(false));
      status.replaceChildren(
        table.available ? tx("loadFailed") : tx("noTable"),
        " ",
        table.available ? retry : "",
      );
    }
  };

  const onFilter = () => {
    st.filter = {
      state: stateSel.value || undefined,
      answer: (answerSel.value || undefined) as Answer | undefined,
      category: (categorySel.value || undefined) as CategoryId | undefined,
      transition: (changeSel?.value || undefined) as Transition | undefined,
      q: qInput.value || undefined,
    };
    st.size = Number(sizeSel.value) || PAGE_SIZES[0];
    st.page = 1;
    void update(true);
  };
  for (const s of [stateSel, answerSel, categorySel, changeSel, sizeSel])
    s?.addEventListener("change", onFilter);
  let typing: ReturnType<typeof setTimeout> | undefined;
  qInput.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(onFilter, 250);
  });
  filters.addEventListener("submit", (ev) => {
    ev.preventDefault();
    clearTimeout(typing);
    onFilter();
  });
  clearBtn.addEventListener("click", () => {
    st = { filter: {}, sort: st.sort, size: st.size, page: 1 };
    qInput.value = "";
    void update(true);
  });
  exportBtn.addEventListener("click", async () => {
    exportBtn.disabled = true;
    try {
      const rows = await table.matching(st.filter, st.sort);
      const name = csvFileName(ctx.release.id, rows.length);
      download(
        name,
        tableCsv(ctx.release.id, rows, { compareWith: compare, synthetic: ctx.release.synthetic }),
      );
      const done = tx("exported", { n: nf.format(rows.length), file: name });
      status.textContent = done;
      ctx.announce(done);
    } catch (e) {
      console.warn(e instanceof Error ? e.message : e);
      status.textContent = tx("loadFailed");
    } finally {
      exportBtn.disabled = false;
    }
  });

  void update(false);
  return {
    refresh() {
      st = readTableState(ctx.params(), compare);
      void update(false);
    },
    destroy() {
      destroyed = true;
      offSelection?.();
      clearTimeout(typing);
      root.replaceChildren();
    },
  };
}
