import "./compare.css";
import type { DataDrivenPropertyValueSpecification, Map as MapLibreMap } from "maplibre-gl";
import type { TileProps } from "../data/release.ts";
import { decodeBool } from "../decode.ts";
import { h } from "../dom.ts";
import { type Lang, locale } from "../i18n.ts";
import { type CompareKey, ct } from "./messages.ts";
import {
  type ChangeTotals,
  MAP_TRANSITIONS,
  TRANSITION_STYLE,
  type TransitionClass,
  transitionExpression,
  transitionOfTile,
} from "./transition.ts";

const FILL_LAYER = "tract-fill";
const OVERVIEW_LAYER = "tract-overview-fill";

/** The label of a class, naming the two versions. */
export const transitionLabel = (lang: Lang, c: TransitionClass, older: string, newer: string): string =>
  ct(lang, c, { old: older, new: newer });

/**
 * Switches the tract fill to transition classes (web.md §4.3) and hides the overview fill,
 * which has no per-tract data. Returns the function that restores the default view.
 */
export function applyCompareStyle(map: MapLibreMap): () => void {
  let saved: { color: unknown; opacity: unknown; overview: unknown } | undefined;
  let cancelled = false;
  // Paint properties can only be read once the style has loaded.
  const apply = () => {
    if (cancelled) return;
    saved = {
      color: map.getPaintProperty(FILL_LAYER, "fill-color"),
      opacity: map.getPaintProperty(FILL_LAYER, "fill-opacity"),
      overview: map.getLayer(OVERVIEW_LAYER)
        ? map.getLayoutProperty(OVERVIEW_LAYER, "visibility")
        : undefined,
    };
    map.setPaintProperty(
      FILL_LAYER,
      "fill-color",
      transitionExpression((c) => TRANSITION_STYLE[c].fill),
    );
    map.setPaintProperty(
      FILL_LAYER,
      "fill-opacity",
      transitionExpression((c) => TRANSITION_STYLE[c].opacity),
    );
    if (map.getLayer(OVERVIEW_LAYER)) map.setLayoutProperty(OVERVIEW_LAYER, "visibility", "none");
  };
  if (map.isStyleLoaded()) apply();
  else map.once("load", apply);
  return () => {
    cancelled = true;
    map.off("load", apply);
    if (!saved) return;
    map.setPaintProperty(
      FILL_LAYER,
      "fill-color",
      saved.color as DataDrivenPropertyValueSpecification<string>,
    );
    map.setPaintProperty(
      FILL_LAYER,
      "fill-opacity",
      saved.opacity as DataDrivenPropertyValueSpecification<number>,
    );
    if (map.getLayer(OVERVIEW_LAYER))
      map.setLayoutProperty(
        OVERVIEW_LAYER,
        "visibility",
        (saved.overview as "visible" | "none" | undefined) ?? "visible",
      );
  };
}

/**
 * The comparison legend's content (it replaces the map legend's): one entry per class with its
 * number of tracts from the release's change totals, never counted in the browser, and a line
 * asking to zoom in, shown below Zsel where the overview has no per-tract data.
 */
export function compareLegendContent(lang: Lang, changes: ChangeTotals): Node[] {
  const nf = new Intl.NumberFormat(locale(lang));
  const items = MAP_TRANSITIONS.map((c) => {
    const s = TRANSITION_STYLE[c];
    const sw = h("span", { class: "swatch", "aria-hidden": "true" });
    if (s.opacity > 0) sw.style.background = s.fill;
    else sw.style.border = "1px solid #71767a";
    return h(
      "li",
      { "data-class": c },
      sw,
      h("span", { class: "legend-label" }, transitionLabel(lang, c, changes.from, changes.to)),
      " ",
      h(
        "span",
        { class: "legend-count", "data-count": String(changes.totals[c]) },
        `(${ct(lang, "tractCount", { n: nf.format(changes.totals[c]) })})`,
      ),
    );
  });
  return [
    h("summary", {}, ct(lang, "compareTitle", { old: changes.from, new: changes.to })),
    h("p", { class: "legend-help" }, ct(lang, "compareHelp")),
    h("ul", {}, items),
    h("p", { class: "legend-overview" }, ct(lang, "compareZoomIn")),
  ];
}

function statusOf(lang: Lang, identified: boolean | undefined, grandOf?: string): string {
  if (identified === undefined) return ct(lang, "statusUnknown");
  if (!identified) return ct(lang, "statusNotIdentified");
  return grandOf ? ct(lang, "statusGrandfathered", { old: grandOf }) : ct(lang, "statusIdentified");
}

/**
 * The panel's section with the tract's status in each version and its transition class, from
 * the newer version's published flags (`SN_C`, `SN_C_V10`, `SN_GRAND`).
 */
export function renderVersionStatus(
  lang: Lang,
  p: { tile: TileProps; older: string; newer: string; olderHref?: string },
): HTMLElement {
  const cls = transitionOfTile(p.tile);
  const grand = decodeBool(p.tile.SN_GRAND) === true;
  const row = (label: string, value: string, attrs: Record<string, string> = {}) => [
    h("dt", {}, label),
    h("dd", attrs, value),
  ];
  const key = (k: CompareKey, v: Record<string, string>) => ct(lang, k, v);
  return h(
    "section",
    { class: "version-status", "aria-labelledby": "version-status-h", "data-transition": cls },
    h("h3", { id: "version-status-h" }, ct(lang, "versionsTitle")),
    h(
      "dl",
      {},
      row(key("compareVersion", { v: p.older }), statusOf(lang, decodeBool(p.tile.SN_C_V10)), {
        "data-version": p.older,
      }),
      row(
        key("compareVersion", { v: p.newer }),
        statusOf(lang, decodeBool(p.tile.SN_C), grand ? p.older : undefined),
        {
          "data-version": p.newer,
        },
      ),
      row(ct(lang, "changeLabel"), transitionLabel(lang, cls, p.older, p.newer), { "data-class": cls }),
    ),
    p.olderHref ? h("p", {}, h("a", { href: p.olderHref }, ct(lang, "viewIn", { v: p.older }))) : null,
  );
}
