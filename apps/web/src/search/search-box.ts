import type { Bbox, TractIndex } from "../data/release.ts";
import { h } from "../dom.ts";
import { normaliseTractId } from "../format.ts";
import type { TractMap } from "../map/map.ts";
import type { ExploreContext } from "../pages/page-context.ts";

/** What the explore page gives the search box. */
export interface SearchHooks {
  ctx: ExploreContext;
  onTract(geoid: string): Promise<void>;
  fitBounds(b: Bbox): Promise<void>;
  /** Selects the tract at a point; resolves false when no tract is there. */
  onPoint(lon: number, lat: number): Promise<boolean>;
}

/** The search box of the explore page (web.md §3.8). */
export interface SearchBox {
  el: HTMLElement;
  /** Shows and announces a message under the field. */
  message(text: string): void;
  /** Places the search marker. */
  marker(tm: TractMap, lon: number, lat: number): void;
}

/** Builds the search box. */
export function exploreSearch(hooks: SearchHooks): SearchBox {
  const { ctx } = hooks;
  const { t, release } = ctx;
  const input = h("input", {
    id: "search",
    type: "search",
    autocomplete: "off",
    placeholder: t("searchPlaceholder"),
  });
  const msg = h("p", { class: "search-msg", role: "status" });
  const suggestions = h("ul", { class: "suggestions" });
  const form = h(
    "form",
    { class: "search", role: "search" },
    h("label", { for: "search" }, t("searchLabel")),
    h("div", { class: "search-row" }, input, h("button", { type: "submit" }, t("searchButton"))),
    msg,
    suggestions,
  );
  let index: TractIndex | undefined;
  const loadIndex = async () => {
    if (index) return index;
    input.setAttribute("aria-busy", "true");
    try {
      index = await release.tractIndex();
      performance.mark("cejst:search-index");
      return index;
    } finally {
      input.setAttribute("aria-busy", "false");
    }
  };
  input.addEventListener("focus", () => void loadIndex().catch(() => undefined), { once: true });
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    suggestions.replaceChildren();
    const text = input.value;
    const digits = text.replace(/[\s.-]/g, "");
    const id = normaliseTractId(text);
    let idx: TractIndex;
    try {
      idx = await loadIndex();
    } catch (e) {
      msg.textContent = e instanceof Error ? e.message : String(e);
      return;
    }
    if (!id) {
      if (/^\d{5,9}$/.test(digits)) {
        const hits = idx.ids.filter((g) => g.startsWith(digits)).slice(0, 8);
        if (hits.length === 0) {
          msg.textContent = t("searchNoMatch", { id: digits });
          return;
        }
        msg.textContent = t("searchSuggestions", { prefix: digits });
        suggestions.replaceChildren(
          ...hits.map((g) => {
            const b = h("button", { type: "button" }, g);
            b.addEventListener("click", () => {
              input.value = g;
              suggestions.replaceChildren();
              void hooks.onTract(g);
            });
            return h("li", {}, b);
          }),
        );
        return;
      }
      msg.textContent = t("searchInvalid");
      return;
    }
    if (!idx.rows.has(id)) {
      msg.textContent = t("searchNoMatch", { id });
      return;
    }
    msg.textContent = "";
    await hooks.onTract(id);
  });
  return {
    el: form,
    message(text) {
      msg.textContent = text;
    },
    marker() {},
  };
}
