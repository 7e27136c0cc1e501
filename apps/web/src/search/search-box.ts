import type { Bbox, NameIndex, TractIndex } from "../data/release.ts";
import { h } from "../dom.ts";
import { normaliseTractId } from "../format.ts";
import type { MessageKey } from "../i18n.ts";
import type { TractMap } from "../map/map.ts";
import type { ExploreContext } from "../pages/page-context.ts";
import { createGeocoder, type GeocodeHit } from "./geocoder.ts";
import { type NameHit, parseCoordinates, searchNames } from "./match.ts";

/** What the explore page gives the search box. */
export interface SearchHooks {
  ctx: ExploreContext;
  onTract(geoid: string): Promise<void>;
  fitBounds(b: Bbox): Promise<void>;
  /** Moves to a point and selects the tract there; resolves false when there is none. */
  onPoint(lon: number, lat: number): Promise<boolean>;
}

/** The search box of the explore page (web.md §3.8). */
export interface SearchBox {
  el: HTMLElement;
  /** Shows and announces a message under the field; the typed text stays. */
  message(text: string): void;
  /** Places the search marker. */
  marker(tm: TractMap, lon: number, lat: number): void;
}

type Option =
  | { kind: "tract"; id: string }
  | { kind: "name"; hit: NameHit }
  | { kind: "address"; hit: GeocodeHit };

const GROUP_LABEL: Record<NameHit["kind"], MessageKey> = {
  state: "groupStates",
  county: "groupCounties",
  place: "groupPlaces",
};

/**
 * An ARIA 1.2 combobox with a grouped listbox: tract ids and id prefixes, states, counties and
 * places from the release's indexes (loaded on first focus), "lat, lon", and addresses when a
 * geocoder is configured (on submit only).
 */
export function exploreSearch(hooks: SearchHooks): SearchBox {
  const { ctx } = hooks;
  const { t, release } = ctx;
  const geocoder = ctx.config.geocoder;
  const geocode = geocoder
    ? createGeocoder(geocoder, {
        fetch: (...a) => fetch(...a),
        now: () => Date.now(),
        sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      })
    : undefined;
  const input = h("input", {
    id: "search",
    type: "text",
    role: "combobox",
    autocomplete: "off",
    spellcheck: "false",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": "search-list",
    placeholder: t(geocoder ? "searchPlaceholderAddress" : "searchPlaceholder"),
  });
  const msg = h("p", { class: "search-msg", role: "status", "aria-live": "polite" });
  const list = h("div", {
    id: "search-list",
    class: "suggestions",
    role: "listbox",
    "aria-label": t("searchListLabel"),
  });
  list.hidden = true;
  const attribution = h("p", { class: "search-attribution", hidden: true }, geocoder?.attribution ?? "");
  const form = h(
    "form",
    { class: "search", role: "search" },
    h("label", { for: "search" }, t("searchLabel")),
    h("div", { class: "search-row" }, input, h("button", { type: "submit" }, t("searchButton"))),
    list,
    msg,
    attribution,
  );

  let tracts: Promise<TractIndex> | undefined;
  let names: Promise<NameIndex | undefined> | undefined;
  const load = () => {
    if (!tracts) {
      input.setAttribute("aria-busy", "true");
      tracts = release.tractIndex();
      names = release.names().catch(() => undefined);
      void Promise.allSettled([tracts, names]).then(() => {
        input.setAttribute("aria-busy", "false");
        performance.mark("cejst:search-index");
      });
      tracts.catch(() => {
        tracts = undefined;
      });
    }
    return { tracts, names: names as Promise<NameIndex | undefined> };
  };
  input.addEventListener("focus", () => void load().tracts.catch(() => undefined));

  let options: Option[] = [];
  let active = -1;
  const close = () => {
    options = [];
    active = -1;
    list.replaceChildren();
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  };
  const highlight = (i: number) => {
    active = i;
    for (const [j, el] of [...list.querySelectorAll<HTMLElement>("[role=option]")].entries())
      el.setAttribute("aria-selected", String(j === i));
    if (i >= 0) {
      input.setAttribute("aria-activedescendant", `search-opt-${i}`);
      document.getElementById(`search-opt-${i}`)?.scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  };
  const show = (groups: { label: string; items: { text: string; option: Option }[] }[]) => {
    close();
    let n = 0;
    for (const [gi, g] of groups.entries()) {
      if (g.items.length === 0) continue;
      const gid = `search-group-${gi}`;
      const group = h(
        "div",
        { role: "group", "aria-labelledby": gid },
        h("div", { id: gid, class: "group-label", role: "presentation" }, g.label),
      );
      for (const item of g.items) {
        const i = n++;
        options.push(item.option);
        const el = h("div", { id: `search-opt-${i}`, role: "option", "aria-selected": "false" }, item.text);
        el.addEventListener("mousedown", (ev) => ev.preventDefault());
        el.addEventListener("click", () => void choose(i));
        group.append(el);
      }
      list.append(group);
    }
    if (n > 0) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      msg.textContent = t("searchCount", { n });
    }
  };

  const nameGroups = (hits: NameHit[]) =>
    (["state", "county", "place"] as const).map((kind) => ({
      label: t(GROUP_LABEL[kind]),
      items: hits
        .filter((x) => x.kind === kind)
        .map((x) => ({ text: x.label, option: { kind: "name", hit: x } as Option })),
    }));

  const suggest = async (text: string) => {
    const digits = text.replace(/[\s.-]/g, "");
    if (/^\d{5,9}$/.test(digits)) {
      const idx = await load().tracts;
      const hits = idx.ids.filter((g) => g.startsWith(digits)).slice(0, 8);
      return [
        {
          label: t("searchSuggestions", { prefix: digits }),
          items: hits.map((id) => ({ text: id, option: { kind: "tract", id } as Option })),
        },
      ];
    }
    if (/\p{L}/u.test(text) && text.trim().length >= 2) {
      const idx = await load().names;
      return idx ? nameGroups(searchNames(idx, text)) : [];
    }
    return [];
  };

  let seq = 0;
  input.addEventListener("input", () => {
    const mine = ++seq;
    const text = input.value;
    void suggest(text)
      .then((groups) => {
        if (mine !== seq) return;
        if (groups.some((g) => g.items.length)) show(groups);
        else close();
      })
      .catch(() => undefined);
  });
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (options.length === 0) return;
      ev.preventDefault();
      const d = ev.key === "ArrowDown" ? 1 : -1;
      highlight((active + d + options.length) % options.length);
    } else if (ev.key === "Enter" && active >= 0) {
      ev.preventDefault();
      void choose(active);
    } else if (ev.key === "Escape") {
      if (!list.hidden) {
        ev.preventDefault();
        close();
      }
    }
  });
  input.addEventListener("blur", () => setTimeout(() => document.activeElement !== input && close(), 150));

  const goName = async (hit: NameHit) => {
    if (hit.bbox) await hooks.fitBounds(hit.bbox);
    ctx.announce(t("searchFitted", { name: hit.label }));
  };
  const goAddress = async (hit: GeocodeHit) => {
    attribution.hidden = false;
    const found = await hooks.onPoint(hit.lon, hit.lat);
    if (!found) msg.textContent = t("searchNoTractAtPoint");
  };
  const choose = async (i: number) => {
    const o = options[i];
    if (!o) return;
    close();
    msg.textContent = "";
    if (o.kind === "tract") {
      input.value = o.id;
      await hooks.onTract(o.id);
    } else if (o.kind === "name") {
      input.value = o.hit.label;
      await goName(o.hit);
    } else {
      input.value = o.hit.label;
      await goAddress(o.hit);
    }
  };

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const text = input.value.trim();
    if (text === "") return;
    close();
    const id = normaliseTractId(text);
    if (id) {
      let idx: TractIndex;
      try {
        idx = await load().tracts;
      } catch (e) {
        msg.textContent = e instanceof Error ? e.message : String(e);
        return;
      }
      if (!idx.rows.has(id)) {
        msg.textContent = t("searchNoMatch", { id });
        return;
      }
      msg.textContent = "";
      await hooks.onTract(id);
      return;
    }
    const point = parseCoordinates(text);
    if (point === "invalid") {
      msg.textContent = t("searchCoordsInvalid");
      return;
    }
    if (point) {
      msg.textContent = "";
      if (!(await hooks.onPoint(point.lon, point.lat))) msg.textContent = t("searchNoTractAtPoint");
      return;
    }
    if (/^\d{5,9}$/.test(text.replace(/[\s.-]/g, ""))) {
      const groups = await suggest(text).catch(() => []);
      if (groups.some((g) => g.items.length)) show(groups);
      else msg.textContent = t("searchNoMatch", { id: text.replace(/[\s.-]/g, "") });
      return;
    }
    if (/^[\d\s.-]+$/.test(text)) {
      msg.textContent = t("searchInvalid");
      return;
    }
    const idx = await load().names;
    const hits = idx ? searchNames(idx, text) : [];
    if (hits.length === 1 && hits[0]) {
      msg.textContent = "";
      await goName(hits[0]);
      return;
    }
    if (hits.length > 1) {
      show(nameGroups(hits));
      return;
    }
    if (!geocode) {
      msg.textContent = t("searchNoName", { q: text });
      return;
    }
    const found = await geocode(text);
    if (found.length === 0) msg.textContent = t("searchNothingFound", { q: text });
    else if (found.length === 1 && found[0]) await goAddress(found[0]);
    else
      show([
        {
          label: t("groupAddresses"),
          items: found.map((x) => ({ text: x.label, option: { kind: "address", hit: x } as Option })),
        },
      ]);
  });

  return {
    el: form,
    message(text) {
      msg.textContent = text;
    },
    marker(tm, lon, lat) {
      tm.setMarker({ lon, lat, label: t("searchMarker") });
    },
  };
}
