import { h } from "../dom.ts";
import { type Lang, type MessageKey, t } from "../i18n.ts";

/** The bottom sheet's three heights (web.md §3.1): peek shows the tract id and the answer. */
export type SheetHeight = "peek" | "half" | "full";
export const SHEET_HEIGHTS: readonly SheetHeight[] = ["peek", "half", "full"];

/**
 * Where the panel is a bottom sheet. Kept in step with the `@media` rule of `styles.css`: below
 * 640 px wide, and tall enough for a sheet to leave some map (at 400 % zoom the stacked layout
 * of narrow screens stays).
 */
export const SHEET_MEDIA = "(max-width: 639px) and (min-height: 420px)";

const LABEL: Record<SheetHeight, MessageKey> = { peek: "sheetPeek", half: "sheetHalf", full: "sheetFull" };

/**
 * The height a drag ends at: the nearest of the three, where a fling of more than a quarter of
 * the screen towards a height goes at least one step that way.
 */
export function snapHeight(
  px: number,
  stops: Record<SheetHeight, number>,
  from: SheetHeight,
  moved: number,
): SheetHeight {
  let best: SheetHeight = "peek";
  for (const s of SHEET_HEIGHTS) if (Math.abs(stops[s] - px) < Math.abs(stops[best] - px)) best = s;
  const i = SHEET_HEIGHTS.indexOf(from);
  const j = SHEET_HEIGHTS.indexOf(best);
  const quarter = stops.full / 4;
  if (best === from && Math.abs(moved) > quarter) {
    const k = Math.min(Math.max(i + Math.sign(moved), 0), SHEET_HEIGHTS.length - 1);
    return SHEET_HEIGHTS[k] ?? from;
  }
  return SHEET_HEIGHTS[j] ?? from;
}

/** The sheet's state and controls, for the explore page. */
export interface Sheet {
  height(): SheetHeight;
  /** Sets a height; `announce` says it in the live region (a user's choice, not an automatic one). */
  set(next: SheetHeight, announce?: boolean): void;
  /** Whether the layout is the bottom sheet now (phones). */
  active(): boolean;
}

/**
 * Makes `panel` a bottom sheet on phones: a bar above it with a drag grip and a button for every
 * height (WCAG 2.5.7: a drag always has a button alternative). Nothing changes at wider layouts,
 * where the bar is not displayed. The bar is a sibling of the panel (the panel's children are
 * replaced on every selection, and other modules find the toolbar through the panel's parent).
 */
export function mountSheet(panel: HTMLElement, lang: Lang, announce: (m: string) => void): Sheet {
  const host = panel.parentElement;
  if (!host) throw new Error(`the panel must be in the page before the sheet is mounted (got no parent)`);
  const mq = matchMedia(SHEET_MEDIA);
  let current: SheetHeight = "peek";
  const buttons = new Map<SheetHeight, HTMLButtonElement>();
  for (const s of SHEET_HEIGHTS) {
    const b = h(
      "button",
      {
        type: "button",
        class: "sheet-size",
        "data-height": s,
        "aria-controls": "panel",
        "aria-pressed": "false",
      },
      t(lang, LABEL[s]),
    );
    b.addEventListener("click", () => set(s, true));
    buttons.set(s, b);
  }
  const grip = h("span", { class: "sheet-grip", "aria-hidden": "true", title: t(lang, "sheetDrag") });
  const bar = h("div", { class: "sheet-bar", role: "group", "aria-label": t(lang, "sheetSize") }, grip, [
    ...buttons.values(),
  ]);
  host.insertBefore(bar, panel);

  function set(next: SheetHeight, say = false): void {
    const changed = next !== current;
    current = next;
    host?.setAttribute("data-sheet", next);
    for (const [s, b] of buttons) b.setAttribute("aria-pressed", String(s === next));
    if (next === "peek") measurePeek();
    if (say && changed && mq.matches) announce(t(lang, "sheetNow", { size: t(lang, LABEL[next]) }));
  }

  // Peek shows the header down to the answer, whatever its wrapping: measured, not guessed.
  function measurePeek(): void {
    if (!mq.matches) return;
    const target = panel.querySelector(".answer") ?? panel.querySelector("h1, h2");
    // Not laid out yet (the page is still being built): the next change measures again.
    if (!target || target.getBoundingClientRect().height === 0) return;
    const top = panel.getBoundingClientRect().top - panel.scrollTop;
    const need = target.getBoundingClientRect().bottom - top + 6 + bar.offsetHeight;
    const max = host ? host.clientHeight * 0.5 : need;
    const px = Math.round(Math.min(need, max));
    const was = Number.parseFloat(host?.style.getPropertyValue("--sheet-peek") ?? "") || 0;
    if (Math.abs(px - was) > 4) host?.style.setProperty("--sheet-peek", `${px}px`);
  }

  // A tract opens where the sheet is, at peek at first: its id and answer show and the map
  // around the tapped tract stays free. The intro goes back to peek.
  new MutationObserver(() => {
    if (!mq.matches) return;
    if (panel.firstElementChild?.classList.contains("intro")) set("peek");
    else if (current === "peek") measurePeek();
  }).observe(panel, { childList: true });

  // WCAG 2.4.11: focus is never hidden under the sheet. Focus going into a panel that only
  // peeks opens it to half; focus on something the sheet covers lowers it to peek, where the
  // map area leaves room for it.
  document.addEventListener("focusin", (ev) => {
    if (!mq.matches || !(ev.target instanceof HTMLElement)) return;
    const el = ev.target;
    if (panel.contains(el)) {
      if (current === "peek" && el !== panel) set("half");
      return;
    }
    if (bar.contains(el) || current === "peek") return;
    const r = el.getBoundingClientRect();
    if (r.bottom > bar.getBoundingClientRect().top) set("peek");
  });

  let drag: { y: number; h: number; id: number } | undefined;
  const stops = (): Record<SheetHeight, number> => {
    const full = host.clientHeight;
    const peek = Number.parseFloat(getComputedStyle(host).getPropertyValue("--sheet-peek")) || full * 0.3;
    return { peek, half: full / 2, full };
  };
  bar.addEventListener("pointerdown", (ev) => {
    if (!mq.matches || (ev.target as Element).closest("button")) return;
    drag = {
      y: ev.clientY,
      h: panel.getBoundingClientRect().bottom - bar.getBoundingClientRect().top,
      id: ev.pointerId,
    };
    bar.setPointerCapture(ev.pointerId);
    host.classList.add("sheet-dragging");
    ev.preventDefault();
  });
  bar.addEventListener("pointermove", (ev) => {
    if (!drag || ev.pointerId !== drag.id) return;
    const s = stops();
    const px = Math.min(Math.max(drag.h + drag.y - ev.clientY, s.peek), s.full);
    host.style.setProperty("--sheet-drag", `${px}px`);
  });
  const end = (ev: PointerEvent) => {
    if (!drag || ev.pointerId !== drag.id) return;
    const moved = drag.y - ev.clientY;
    const s = stops();
    const px = Math.min(Math.max(drag.h + moved, s.peek), s.full);
    drag = undefined;
    host.classList.remove("sheet-dragging");
    host.style.removeProperty("--sheet-drag");
    if (Math.abs(moved) > 8) set(snapHeight(px, s, current, moved), true);
  };
  bar.addEventListener("pointerup", end);
  bar.addEventListener("pointercancel", end);

  mq.addEventListener("change", () => set(current));
  new ResizeObserver(() => {
    if (current === "peek") measurePeek();
  }).observe(host);
  set("peek");
  return { height: () => current, set, active: () => mq.matches };
}
