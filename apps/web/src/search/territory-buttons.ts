import type { Bbox } from "../data/release.ts";
import { h } from "../dom.ts";
import type { PageContext } from "../pages/page-context.ts";

/** Placeholder until the quick-zoom buttons land. */
export function territoryButtons(_ctx: PageContext, _fit: (b: Bbox) => void): HTMLElement {
  return h("div", { class: "territories", hidden: true });
}
