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
    const b = h(
      "button",
      {
        type: "button",
        "data-territory": area.code,
        "aria-label": name,
        "aria-describedby": `tip-${area.code}`,
      },
      area.code,
    );
    b.addEventListener("click", () => {
      toggle.setAttribute("aria-expanded", "false");
      fit(area.bounds);
    });
    list.append(h("li", {}, b, h("span", { class: "tip", role: "tooltip", id: `tip-${area.code}` }, name)));
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
