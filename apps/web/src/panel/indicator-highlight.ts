import { INDICATORS } from "@cejst/schema";
import { h } from "../dom.ts";
import { type Lang, t } from "../i18n.ts";

/** Catalogue ids of the indicators whose tested tile value is `code` (`EBF_PFS` → `energy_burden`). */
export function indicatorsOfLayer(code: string): string[] {
  return Object.entries(INDICATORS)
    .filter(([, s]) => s.testedTileCode === code)
    .map(([id]) => id);
}

/**
 * Marks the panel row of the indicator the map is coloured by (web.md §4.6) and opens its
 * category; `code` undefined removes the mark. The mark is text as well as a style, so it does
 * not rest on colour alone.
 */
export function highlightIndicator(panel: HTMLElement, lang: Lang, code: string | undefined): void {
  for (const row of panel.querySelectorAll<HTMLElement>("li.indicator.layer-row")) {
    row.classList.remove("layer-row");
    row.removeAttribute("aria-current");
    row.querySelector(".layer-tag")?.remove();
  }
  if (!code) return;
  const ids = new Set(indicatorsOfLayer(code));
  for (const row of panel.querySelectorAll<HTMLElement>("details.category li.indicator[data-indicator]")) {
    if (!ids.has(row.dataset.indicator ?? "")) continue;
    row.classList.add("layer-row");
    row.setAttribute("aria-current", "true");
    row.querySelector(".ind-label")?.after(h("span", { class: "layer-tag" }, t(lang, "layerRow")));
    const cat = row.closest("details");
    if (cat) cat.open = true;
  }
}
