import type { Lang } from "../i18n.ts";
import { highlightIndicator } from "./indicator-highlight.ts";
import { mountSheet, type Sheet } from "./sheet.ts";

/** What the explore page drives in the panel beyond rendering a tract. */
export interface PanelView {
  /** The indicator layer the map shows (`layer=`), highlighted in every tract panel. */
  setLayer(code: string | undefined): void;
  sheet: Sheet;
}

/**
 * The panel's behaviour around its content: the bottom sheet on phones and the highlighted
 * indicator row, kept across every re-render of the panel.
 */
export function mountPanelView(
  panel: HTMLElement,
  o: { lang: Lang; announce: (m: string) => void },
): PanelView {
  const sheet = mountSheet(panel, o.lang, o.announce);
  let layer: string | undefined;
  new MutationObserver(() => {
    if (layer) highlightIndicator(panel, o.lang, layer);
  }).observe(panel, { childList: true });
  return {
    sheet,
    setLayer(code) {
      layer = code;
      highlightIndicator(panel, o.lang, code);
    },
  };
}
