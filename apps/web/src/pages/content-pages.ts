import { h } from "../dom.ts";
import { type MessageKey, t } from "../i18n.ts";
import { formatDate } from "../shell/footer.ts";
import type { Page } from "./registry.ts";

const section = (id: string, heading: string, ...body: (HTMLElement | null)[]) =>
  h("section", { id, "aria-labelledby": `${id}-h` }, h("h2", { id: `${id}-h` }, heading), body);

/** About (web.md §2.7): what the tool is, how to use it, accessibility, licence, citation, contact. */
export const aboutPage: Page = {
  id: "about",
  title: (lang) => t(lang, "pageAbout"),
  mount(root, ctx) {
    const current = ctx.config.versions.find((v) => v.status === "current")?.id ?? ctx.config.defaultVersion;
    const { release } = ctx;
    const date = formatDate(release.publishedAt, ctx.lang);
    const contact = ctx.config.contact;
    root.append(
      h(
        "div",
        { class: "doc" },
        h("h1", {}, ctx.t("aboutHeading")),
        h("p", {}, ctx.t("aboutWhat")),
        h("p", {}, ctx.t("aboutCurrent", { v: current })),
        release.synthetic
          ? section(
              "synthetic",
              ctx.t("aboutSyntheticHeading"),
              h("p", { class: "banner synthetic" }, ctx.t("aboutSynthetic")),
            )
          : null,
        section("how", ctx.t("aboutHowHeading"), h("p", {}, ctx.t("aboutHow"))),
        section("accessibility", ctx.t("aboutAccessibilityHeading"), h("p", {}, ctx.t("aboutAccessibility"))),
        section("licence", ctx.t("aboutLicenceHeading"), h("p", {}, ctx.t("aboutLicence"))),
        section(
          "cite",
          ctx.t("aboutCiteHeading"),
          h(
            "p",
            { class: "cite" },
            ctx.t("citeText", {
              v: release.id,
              date: date ? ctx.t("citeDate", { date }) : "",
              url: new URL(ctx.navigation.href("explore", { v: release.id }), location.href).href,
            }),
          ),
        ),
        section(
          "contact",
          ctx.t("aboutContactHeading"),
          contact?.email || contact?.url
            ? h(
                "ul",
                {},
                contact.email
                  ? h("li", {}, h("a", { href: `mailto:${contact.email}` }, contact.email))
                  : null,
                contact.url ? h("li", {}, h("a", { href: contact.url }, contact.url)) : null,
              )
            : h("p", {}, ctx.t("aboutContactNone")),
        ),
      ),
    );
  },
};

const FAQ: [MessageKey, MessageKey][] = [
  ["faqQ1", "faqA1"],
  ["faqQ2", "faqA2"],
  ["faqQ3", "faqA3"],
  ["faqQ4", "faqA4"],
  ["faqQ5", "faqA5"],
  ["faqQ6", "faqA6"],
  ["faqQ7", "faqA7"],
  ["faqQ8", "faqA8"],
  ["faqQ9", "faqA9"],
  ["faqQ10", "faqA10"],
  ["faqQ11", "faqA11"],
  ["faqQ12", "faqA12"],
];

/** FAQ (web.md §2.7): an accordion of headings holding disclosure buttons; several may be open. */
export const faqPage: Page = {
  id: "frequently-asked-questions",
  title: (lang) => t(lang, "pageFaq"),
  mount(root, ctx) {
    const items = FAQ.map(([q, a], i) => {
      const id = `faq-${i + 1}`;
      const button = h(
        "button",
        {
          type: "button",
          class: "faq-toggle",
          "aria-expanded": "false",
          "aria-controls": `${id}-a`,
          id: `${id}-q`,
        },
        ctx.t(q),
      );
      const answer = h("div", { id: `${id}-a`, class: "faq-answer", hidden: true }, h("p", {}, ctx.t(a)));
      button.addEventListener("click", () => {
        const open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", String(open));
        answer.hidden = !open;
      });
      return h("div", { class: "faq-item", id }, h("h2", {}, button), answer);
    });
    root.append(
      h("div", { class: "doc faq" }, h("h1", {}, ctx.t("pageFaq")), h("p", {}, ctx.t("faqIntro")), items),
    );
    // A link to a question (`#faq-6`) opens it.
    const target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    target?.querySelector("button")?.click();
  },
};

/** Privacy (web.md §2.7). */
export const privacyPage: Page = {
  id: "privacy",
  title: (lang) => t(lang, "pagePrivacy"),
  mount(root, ctx) {
    const g = ctx.config.geocoder;
    root.append(
      h(
        "div",
        { class: "doc" },
        h("h1", {}, ctx.t("pagePrivacy")),
        h("p", {}, ctx.t("privacyText1")),
        h("p", {}, ctx.t("privacyText2")),
        h("p", {}, ctx.t("privacyText3")),
        h(
          "p",
          {},
          g
            ? ctx.t("privacyGeocoderOn", {
                provider: g.attribution || new URL(g.url.replace("{query}", "")).host,
              })
            : ctx.t("privacyGeocoderOff"),
        ),
      ),
    );
  },
};
