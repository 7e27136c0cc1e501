import { h } from "../dom.ts";
import { type Lang, t } from "../i18n.ts";

let seq = 0;

/**
 * The mark of a value estimated from neighbouring tracts (web.md §3.7.4): a button that opens
 * its explanation on click, tap, Enter or Space (never on hover alone) and closes it with Escape.
 */
export function estimateMark(lang: Lang): HTMLElement {
  const id = `estimate-${++seq}`;
  const note = h(
    "span",
    { id, class: "estimate-explain", role: "note", hidden: true },
    t(lang, "estimateExplain"),
  );
  const mark = h(
    "button",
    { type: "button", class: "estimate-mark", "aria-expanded": "false", "aria-controls": id },
    h("span", { "aria-hidden": "true" }, "* "),
    t(lang, "estimateMark"),
  );
  const set = (open: boolean) => {
    mark.setAttribute("aria-expanded", String(open));
    note.hidden = !open;
  };
  mark.addEventListener("click", () => set(mark.getAttribute("aria-expanded") !== "true"));
  mark.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && mark.getAttribute("aria-expanded") === "true") {
      e.stopPropagation();
      set(false);
    }
  });
  return h("span", { class: "estimate" }, mark, " ", note);
}
