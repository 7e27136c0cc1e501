import type { CategoryTrace, IndicatorTrace } from "@cejst/methodology/explain";
import { h } from "../dom.ts";
import { distancePoints, wholePercent } from "../format.ts";
import { type Lang, locale, type MessageKey, t } from "../i18n.ts";
import { CATEGORY_NAMES_ES, INDICATOR_NAMES_ES } from "../labels-es.ts";

/** A category's name in the page language. */
export const catName = (lang: Lang, c: CategoryTrace): string =>
  lang === "es" ? (CATEGORY_NAMES_ES[c.id] ?? c.label) : c.label;

/** An indicator's name in the page language. */
export const indName = (lang: Lang, i: IndicatorTrace): string =>
  lang === "es" ? (INDICATOR_NAMES_ES[i.id] ?? i.label) : i.label;

const ORDINAL: Record<string, MessageKey> = {
  one: "percentileSt",
  two: "percentileNd",
  few: "percentileRd",
  other: "percentileOf",
};

/**
 * "95th percentile", "21st", "92nd" / "percentil 95", floored so it never contradicts the test's
 * result.
 */
export function pctText(lang: Lang, v: number, threshold?: number, met?: boolean): string {
  const p = wholePercent(v, threshold, met);
  const form = new Intl.PluralRules(locale(lang), { type: "ordinal" }).select(p);
  return t(lang, ORDINAL[form] ?? "percentileOf", { p });
}

/** Met or not met, as icon and text (never colour alone). */
export function metBadge(lang: Lang, met: boolean): HTMLElement {
  return h(
    "span",
    { class: met ? "badge met" : "badge not-met" },
    h("span", { "aria-hidden": "true" }, met ? "✔ " : "✖ "),
    t(lang, met ? "met" : "notMet"),
  );
}

/** A dash plus the words *missing data*, never an empty cell. */
export function missing(lang: Lang): HTMLElement {
  return h("span", { class: "missing" }, "– ", t(lang, "missing"));
}

/** A trace margin in words: "3.4 points below", "0.4 points above", "at the threshold". */
export function distanceText(lang: Lang, margin: number): string {
  const d = distancePoints(margin);
  if (d.dir === "at") return t(lang, "atThreshold");
  const n = new Intl.NumberFormat(locale(lang), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(d.points);
  return t(lang, d.dir === "above" ? "pointsAbove" : "pointsBelow", { d: n });
}
