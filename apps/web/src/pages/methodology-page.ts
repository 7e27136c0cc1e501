import { THRESHOLDS } from "@cejst/methodology";
import {
  CATEGORIES,
  CATEGORY_IDS,
  type CategoryId,
  INDICATOR_SOURCES,
  INDICATORS,
  type IndicatorId,
  type IndicatorSpec,
} from "@cejst/schema";
import { h } from "../dom.ts";
import { type Lang, locale, t } from "../i18n.ts";
import { CATEGORY_NAMES_ES, INDICATOR_NAMES_ES } from "../labels-es.ts";
import type { PageContext } from "./page-context.ts";
import type { Page } from "./registry.ts";

/**
 * What differs between the methodology versions this build knows (methodology.md §16): the
 * Island Area low-income route and grandfathering exist only in 2.0.
 */
export const KNOWN_METHODOLOGIES: Record<string, { territoryRule: boolean; grandfathering: boolean }> = {
  "1.0": { territoryRule: false, grandfathering: false },
  "2.0": { territoryRule: true, grandfathering: true },
};

/** The anchor of an indicator card (`flood_risk` → `flood-risk`). */
export const anchorOf = (id: string): string => id.replace(/_/g, "-");

const catName = (lang: Lang, id: CategoryId) =>
  lang === "es" ? (CATEGORY_NAMES_ES[id] ?? CATEGORIES[id].label) : CATEGORIES[id].label;
const indName = (lang: Lang, id: string, spec: IndicatorSpec) =>
  lang === "es" ? (INDICATOR_NAMES_ES[id] ?? spec.label) : spec.label;

function percent(lang: Lang, share: number): string {
  return new Intl.NumberFormat(locale(lang), { style: "percent", maximumFractionDigits: 1 }).format(share);
}

/** The burden test of an indicator, in words. */
export function thresholdText(ctx: Pick<PageContext, "t" | "lang">, spec: IndicatorSpec): string {
  const base =
    spec.test === "flag"
      ? ctx.t("thresholdFlag")
      : ctx.t("thresholdPercentile", { p: Math.round(spec.threshold * 100) });
  return spec.alsoAtMost
    ? `${base} ${ctx.t("houseValue", { t: Math.round(spec.alsoAtMost.threshold * 100) })}`
    : base;
}

function socioText(ctx: PageContext, gate: IndicatorSpec["gate"]): string {
  return gate === "low_income"
    ? ctx.t("socioLowIncome", { p: Math.round(THRESHOLDS.lowIncome * 100) })
    : ctx.t("socioHighSchool", { p: percent(ctx.lang, THRESHOLDS.highSchool) });
}

const entries = () => Object.entries(INDICATORS) as [string, IndicatorSpec][];

function categoryCard(ctx: PageContext, id: CategoryId): HTMLElement {
  const inds = entries().filter(([, s]) => s.category === id);
  const gates = [
    ...new Set(inds.map(([, s]) => (s.gate === "island_hs_education" ? "hs_education" : s.gate))),
  ];
  const tests = gates.map((g) => socioText(ctx, g as IndicatorSpec["gate"]));
  return h(
    "article",
    { class: "card category-card", id: `category-${id}` },
    h("h3", {}, catName(ctx.lang, id)),
    h("p", {}, ctx.t("categoryRule", { test: tests.join(" / ") })),
    h("h4", {}, ctx.t("anyOf")),
    h(
      "ul",
      {},
      inds.map(([iid, s]) =>
        h(
          "li",
          {},
          h("a", { href: `#${anchorOf(iid)}` }, indName(ctx.lang, iid, s)),
          ` — ${thresholdText(ctx, s)}`,
        ),
      ),
    ),
    h("h4", {}, ctx.t("andThis")),
    h(
      "ul",
      {},
      gates.map((g) =>
        h(
          "li",
          {},
          h(
            "a",
            { href: g === "low_income" ? "#low-income" : "#high-school" },
            socioText(ctx, g as IndicatorSpec["gate"]),
          ),
        ),
      ),
    ),
  );
}

function indicatorCard(ctx: PageContext, id: string, spec: IndicatorSpec): HTMLElement {
  return h(
    "article",
    { class: "card indicator-card", id: anchorOf(id) },
    h("h3", {}, indName(ctx.lang, id, spec)),
    h(
      "dl",
      {},
      h("dt", {}, ctx.t("indicatorUsedIn")),
      h("dd", {}, h("a", { href: `#category-${spec.category}` }, catName(ctx.lang, spec.category))),
      h("dt", {}, ctx.t("indicatorThreshold")),
      h("dd", {}, thresholdText(ctx, spec)),
      h("dt", {}, ctx.t("indicatorSource")),
      h("dd", { lang: "en" }, INDICATOR_SOURCES[id as IndicatorId].source),
      h("dt", {}, ctx.t("indicatorYear")),
      h("dd", {}, INDICATOR_SOURCES[id as IndicatorId].year),
      h("dt", {}, ctx.t("indicatorColumn")),
      h("dd", { lang: "en" }, spec.sourceColumn),
      h("dt", {}, ctx.t("indicatorWhere")),
      h(
        "dd",
        {},
        spec.area === "islands"
          ? ctx.t("whereIslands")
          : spec.drop === "puerto_rico"
            ? ctx.t("whereNation")
            : `${ctx.t("whereNation")}, ${ctx.t("wherePr")}`,
      ),
    ),
  );
}

/** Methodology (web.md §2.4), generated from the indicator catalogue of `@cejst/schema`. */
export const methodologyPage: Page = {
  id: "methodology",
  title: (lang) => t(lang, "pageMethodology"),
  mount(root, ctx) {
    const m = ctx.release.methodology;
    const rules = KNOWN_METHODOLOGIES[m];
    const docs = ctx.release
      .downloads()
      .filter((f) => f.kind === "codebook" || f.kind === "technical-document" || f.path.endsWith(".pdf"));
    const top = h("a", { class: "back-to-top", href: "#main" }, ctx.t("backToTop"));
    root.append(
      h(
        "div",
        { class: "doc methodology", "data-methodology": m },
        h("h1", {}, ctx.t("methodologyHeading", { v: ctx.release.id })),
        h("p", {}, ctx.t("methodology", { v: m })),
        rules ? null : h("p", { class: "notice" }, ctx.t("methodologyUnknown", { m })),
        h(
          "section",
          { "aria-labelledby": "routes-h" },
          h("h2", { id: "routes-h" }, ctx.t("routesHeading")),
          h(
            "ol",
            { class: "routes" },
            h("li", {}, ctx.t("routeCategories")),
            h("li", {}, ctx.t("routeTribal", { share: percent(ctx.lang, THRESHOLDS.tribalShare) })),
            h("li", {}, ctx.t("routeSurrounded", { p: Math.round(THRESHOLDS.donutLowIncome * 100) })),
            rules?.territoryRule ? h("li", { "data-route": "territory" }, ctx.t("routeIsland")) : null,
            rules?.grandfathering
              ? h("li", { "data-route": "grandfathered" }, ctx.t("routeGrandfathered"))
              : null,
          ),
        ),
        h(
          "section",
          { "aria-labelledby": "categories-h" },
          h("h2", { id: "categories-h" }, ctx.t("categoriesHeading")),
          h(
            "div",
            { class: "cards" },
            CATEGORY_IDS.map((c) => categoryCard(ctx, c)),
          ),
        ),
        h(
          "section",
          { "aria-labelledby": "indicators-h" },
          h("h2", { id: "indicators-h" }, ctx.t("indicatorsHeading")),
          h(
            "div",
            { class: "cards" },
            h(
              "article",
              { class: "card indicator-card", id: "low-income" },
              h("h3", {}, ctx.t("lowIncome")),
              h("p", {}, socioText(ctx, "low_income")),
            ),
            h(
              "article",
              { class: "card indicator-card", id: "high-school" },
              h("h3", {}, ctx.t("highSchool")),
              h("p", {}, socioText(ctx, "hs_education")),
            ),
            entries().map(([id, s]) => indicatorCard(ctx, id, s)),
          ),
        ),
        h(
          "section",
          { "aria-labelledby": "territories-h", id: "territories" },
          h("h2", { id: "territories-h" }, ctx.t("territoriesHeading")),
          h(
            "p",
            {},
            ctx.t("territoriesText", { islands: ctx.t(rules?.territoryRule ? "islandsV2" : "islandsV1") }),
          ),
          h("p", { id: "tribal" }, ctx.t("tribalText")),
        ),
        h(
          "section",
          { "aria-labelledby": "tracts-h", id: "tracts" },
          h("h2", { id: "tracts-h" }, ctx.t("tractsHeading")),
          h("p", {}, ctx.t("tractsText")),
        ),
        h(
          "section",
          { "aria-labelledby": "documents-h", id: "documents" },
          h("h2", { id: "documents-h" }, ctx.t("documentsHeading")),
          docs.length
            ? h(
                "ul",
                {},
                docs.map((f) =>
                  h("li", {}, h("a", { href: ctx.release.url(f.path) }, f.path.split("/").pop() ?? f.path)),
                ),
              )
            : h("p", {}, ctx.t("documentsNone")),
        ),
        top,
      ),
    );
    if (location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
  },
};
