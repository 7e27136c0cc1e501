import type { VersionEntry } from "../config.ts";
import { h } from "../dom.ts";
import { locale, type MessageKey, t } from "../i18n.ts";
import { formatDate } from "../shell/footer.ts";
import type { PageContext } from "./page-context.ts";
import type { Page } from "./registry.ts";

const STATUS: Record<string, MessageKey> = {
  previous: "previousStatus_previous",
  archived: "previousStatus_archived",
  candidate: "previousStatus_candidate",
};

async function versionCard(
  ctx: PageContext,
  v: VersionEntry,
  current: string | undefined,
): Promise<HTMLElement> {
  const heading = h("h2", {}, ctx.t("previousVersion", { v: v.id }));
  const card = h("article", { class: "version-card", "data-version": v.id }, heading);
  try {
    const rel = await ctx.loadVersion(v.id);
    const date = formatDate(rel.publishedAt, ctx.lang);
    const nf = new Intl.NumberFormat(locale(ctx.lang));
    const summary = rel.summary[ctx.lang] ?? rel.summary.en;
    const hasTiles = rel.role("tiles-detail") !== undefined;
    const comparable =
      current !== undefined &&
      (await ctx
        .loadVersion(current)
        .then((c) => c.comparisons.some((x) => x.with === v.id))
        .catch(() => false));
    card.append(
      ...[
        h("p", { class: "status" }, ctx.t(STATUS[v.status] ?? "previousStatus_previous")),
        h(
          "ul",
          { class: "facts" },
          date ? h("li", {}, ctx.t("previousReleased", { date })) : null,
          rel.methodology ? h("li", {}, ctx.t("previousMethodology", { m: rel.methodology })) : null,
          rel.counts.tracts !== undefined && rel.counts.identifiedTracts !== undefined
            ? h(
                "li",
                {},
                ctx.t("previousTracts", {
                  n: nf.format(rel.counts.tracts),
                  k: nf.format(rel.counts.identifiedTracts),
                }),
              )
            : null,
        ),
        summary ? h("p", { lang: rel.summary[ctx.lang] ? undefined : "en" }, summary) : null,
        h(
          "p",
          { class: "actions" },
          h(
            "a",
            { class: "button", href: ctx.navigation.href("downloads", { v: v.id }) },
            ctx.t("downloadsOf", { v: v.id }),
          ),
          hasTiles && v.status === "previous"
            ? h(
                "a",
                { class: "button", href: ctx.navigation.href("explore", { v: v.id }) },
                ctx.t("viewOnMap", { v: v.id }),
              )
            : null,
          // An archived version offers downloads only (web.md §1.2, W19).
          comparable && current && v.status !== "archived"
            ? h(
                "a",
                { class: "button", href: ctx.navigation.href("explore", { v: current, compare: v.id }) },
                ctx.t("compareWithCurrent", { v: v.id }),
              )
            : null,
        ),
      ].filter((x) => x !== null),
    );
  } catch (e) {
    console.warn(e instanceof Error ? e.message : e);
    card.classList.add("unavailable");
    card.append(h("p", { class: "notice" }, ctx.t("previousUnavailable", { v: v.id })));
  }
  return card;
}

/** Previous versions (web.md §2.6): one card per offered version that is not current. */
export const previousVersionsPage: Page = {
  id: "previous-versions",
  title: (lang) => t(lang, "pagePreviousVersions"),
  async mount(root, ctx) {
    const current = ctx.config.versions.find((v) => v.status === "current")?.id;
    const others = ctx.config.versions.filter((v) => v.status !== "current");
    const cards = await Promise.all(others.map((v) => versionCard(ctx, v, current)));
    root.append(
      h(
        "div",
        { class: "doc" },
        h("h1", {}, ctx.t("pagePreviousVersions")),
        h("p", {}, ctx.t("previousIntro", { v: current ?? ctx.config.defaultVersion })),
        cards.length ? cards : h("p", {}, ctx.t("previousNone")),
      ),
    );
  },
};
