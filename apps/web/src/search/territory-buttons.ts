import type { Bbox } from "../data/release.ts";
import { h } from "../dom.ts";
import type { PageContext } from "../pages/page-context.ts";
import { TERRITORIES } from "./territories.ts";

/**
 * The quick-zoom buttons (web.md §3.9): short labels, accessible names "Zoom to {name}", a
 * tooltip on hover and focus. Below 640 px they sit behind a *Go to…* disclosure.
 */
export function territoryButtons(ctx: PageContext, fit: (b: Bbox) => void): HTMLElement {
  const list = h("ul", { id: "territory-list", class: "territory-list" });
  const toggle = h(
    "button",
    { type: "button", class: "goto", "aria-expanded": "false", "aria-controls": "territory-list" },
    ctx.t("goTo"),
  );
  toggle.addEventListener("click", () =>
    toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true")),
  );
  for (const area of TERRITORIES) {
    const name = ctx.t("zoomTo", { name: ctx.t(area.name) });
    // The short label is hidden from assistive technology so the accessible name is the full
    // "Zoom to …" sentence without contradicting the visible text (WCAG 2.5.3).
    const b = h(
      "button",
      { type: "button", "data-territory": area.code },
      h("span", { "aria-hidden": "true" }, area.code),
      h("span", { class: "sr-only" }, name),
    );
    b.addEventListener("click", () => {
      toggle.setAttribute("aria-expanded", "false");
      fit(area.bounds);
    });
    list.append(h("li", {}, b, h("span", { class: "tip", "aria-hidden": "true" }, name)));
  }
  const nav = h("nav", { class: "territories", "aria-label": ctx.t("territories") }, toggle, list);
  nav.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    }
  });
  return nav;
}
