import { h } from "../dom.ts";
import { type Lang, t } from "../i18n.ts";
import type { PageId } from "../pages/routes.ts";

/** Where the header's links point; built by the shell from the route table. */
export interface HeaderLinks {
  href(page: PageId): string;
  /** The same route, query and hash in the other language. */
  otherLanguage(): string;
}

const GROUPS: { key: "navMethodologyData" | "navAboutGroup"; pages: PageId[] }[] = [
  { key: "navMethodologyData", pages: ["methodology", "downloads", "previous-versions"] },
  { key: "navAboutGroup", pages: ["about", "frequently-asked-questions"] },
];
const TITLES = {
  explore: "pageExplore",
  methodology: "pageMethodology",
  downloads: "pageDownloads",
  "previous-versions": "pagePreviousVersions",
  about: "pageAbout",
  "frequently-asked-questions": "pageFaq",
} as const;

function link(lang: Lang, links: HeaderLinks, current: PageId, page: keyof typeof TITLES): HTMLElement {
  return h(
    "a",
    { href: links.href(page), "aria-current": page === current ? "page" : undefined },
    t(lang, TITLES[page]),
  );
}

/**
 * The site header (web.md §2.2): skip link, site name, version badge slot, primary navigation
 * with disclosure dropdowns (Enter/Space toggle, Escape closes, opening one closes the other),
 * a menu button below 1024 px, and the language switch, visible at every width.
 */
export function siteHeader(
  lang: Lang,
  current: PageId,
  links: HeaderLinks,
  siteName: string,
): { el: HTMLElement; badge: HTMLElement } {
  const other: Lang = lang === "es" ? "en" : "es";
  const disclosures: HTMLButtonElement[] = [];
  const closeAll = (except?: HTMLButtonElement) => {
    for (const b of disclosures) if (b !== except) b.setAttribute("aria-expanded", "false");
  };
  const groups = GROUPS.map((g, i) => {
    const id = `nav-group-${i}`;
    const button = h(
      "button",
      { type: "button", class: "nav-disclosure", "aria-expanded": "false", "aria-controls": id },
      t(lang, g.key),
    );
    disclosures.push(button);
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") !== "true";
      closeAll(button);
      button.setAttribute("aria-expanded", String(open));
    });
    const inGroup = g.pages.includes(current);
    return h(
      "li",
      { class: inGroup ? "nav-group current" : "nav-group" },
      button,
      h(
        "ul",
        { id, class: "nav-sub" },
        g.pages.map((p) => h("li", {}, link(lang, links, current, p as keyof typeof TITLES))),
      ),
    );
  });
  const nav = h(
    "nav",
    { class: "site-nav", id: "site-nav", "aria-label": t(lang, "navPrimary") },
    h("ul", {}, h("li", {}, link(lang, links, current, "explore")), groups),
  );
  nav.addEventListener("keydown", (ev) => {
    if (ev.key !== "Escape") return;
    const open = disclosures.find((b) => b.getAttribute("aria-expanded") === "true");
    if (open) {
      open.setAttribute("aria-expanded", "false");
      open.focus();
    } else if (menu.getAttribute("aria-expanded") === "true") {
      menu.setAttribute("aria-expanded", "false");
      menu.focus();
    }
  });
  document.addEventListener("click", (ev) => {
    if (!nav.contains(ev.target as Node)) closeAll();
  });
  const menu = h(
    "button",
    { type: "button", class: "nav-menu", "aria-expanded": "false", "aria-controls": "site-nav" },
    t(lang, "navMenu"),
  );
  menu.addEventListener("click", () =>
    menu.setAttribute("aria-expanded", String(menu.getAttribute("aria-expanded") !== "true")),
  );
  const switcher = h(
    "a",
    { class: "lang-switch", lang: other, hreflang: other, href: links.otherLanguage() },
    other === "es" ? "Español" : "English",
  );
  // The query and hash change while the page is open (selection, camera): read them on use.
  const refresh = () => {
    switcher.href = links.otherLanguage();
  };
  switcher.addEventListener("focus", refresh);
  switcher.addEventListener("pointerenter", refresh);
  switcher.addEventListener("click", () => {
    refresh();
    localStorage.setItem("cejst.lang", other);
  });
  const badge = h("span", { class: "version-badge", hidden: true });
  const el = h(
    "header",
    { class: "site-header" },
    h("a", { class: "skip", href: "#main" }, t(lang, "skip")),
    h("a", { class: "site-name", href: links.href("explore") }, siteName),
    badge,
    menu,
    nav,
    h("div", { class: "lang", role: "group", "aria-label": t(lang, "language") }, switcher),
  );
  return { el, badge };
}
