import type { SiteConfig } from "../config.ts";
import type { Release } from "../data/release.ts";
import { h } from "../dom.ts";
import { type Lang, t } from "../i18n.ts";
import type { PageId } from "../pages/routes.ts";

/** A release date in the page language (`March 3, 2025`), or undefined when unknown or invalid. */
export function formatDate(iso: string | undefined, lang: Lang): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  return new Intl.DateTimeFormat(lang === "es" ? "es-US" : "en-US", {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(d);
}

/**
 * The footer (web.md §2.2): version shown and its date, a release id linking to the manifest,
 * data licence, privacy, accessibility statement, and source and contact when configured.
 */
export function siteFooter(
  lang: Lang,
  config: SiteConfig | undefined,
  release: Release | undefined,
  href: (page: PageId, hash?: string) => string,
): HTMLElement {
  const items: (HTMLElement | null)[] = [];
  if (release) {
    const date = formatDate(release.publishedAt, lang);
    items.push(
      h(
        "li",
        { class: "footer-version" },
        t(lang, "footerVersion", { v: release.id }),
        date ? `, ${t(lang, "footerReleased", { date })}` : "",
      ),
      h(
        "li",
        {},
        h(
          "a",
          { href: release.url("manifest.json"), title: release.digest },
          t(lang, "footerRelease", {
            id: release.digest ? `${release.digest.slice(0, 19)}…` : release.id,
          }),
        ),
      ),
    );
  }
  items.push(
    h("li", {}, t(lang, "footerLicence")),
    h("li", {}, h("a", { href: href("privacy") }, t(lang, "pagePrivacy"))),
    h("li", {}, h("a", { href: href("about", "accessibility") }, t(lang, "footerAccessibility"))),
    config?.sourceUrl ? h("li", {}, h("a", { href: config.sourceUrl }, t(lang, "footerSource"))) : null,
    config?.contact?.url || config?.contact?.email
      ? h(
          "li",
          {},
          h("a", { href: config.contact.url ?? `mailto:${config.contact.email}` }, t(lang, "footerContact")),
        )
      : null,
  );
  return h("footer", { class: "site-footer" }, h("ul", {}, items));
}
