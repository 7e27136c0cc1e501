import { COMPARE_EVENT } from "../compare/explore-compare.ts";
import { findComparison } from "../compare/transition.ts";
import { fetchJson } from "../data/release.ts";
import type { ExploreContext } from "../pages/page-context.ts";
import type { Unmount } from "../pages/registry.ts";
import { selectionFor } from "../selection/store.ts";
import { mountTableView, TABLE_PARAMS, type TableView } from "./table-view.ts";

/** The comparison in the URL, when the bound release has change data for it. */
function validCompare(ctx: ExploreContext, asked: string | null | undefined): string | undefined {
  if (!asked) return undefined;
  const offered = ctx.config.versions.map((v) => v.id);
  return "file" in findComparison(ctx.release.files, ctx.release.id, asked, offered) ? asked : undefined;
}

/**
 * The explore page's table view (`?view=table`): the table of `table-view.ts` bound to the
 * explore context: URL state through its navigation, row links that select the tract on the
 * map, and the change column while comparison mode is on.
 */
export function mountExploreTable(root: HTMLElement, ctx: ExploreContext): Unmount {
  let view: TableView | undefined;
  let compareWith = validCompare(ctx, ctx.navigation.params().get("compare"));
  const mount = () => {
    view?.destroy();
    view = mountTableView(root, {
      lang: ctx.lang,
      release: ctx.release,
      fetchJson: (url) => fetchJson(url),
      compareWith,
      params: () => ctx.navigation.params(),
      setParams: (update) =>
        ctx.navigation.setParams(Object.fromEntries(Object.entries(update).map(([k, v]) => [k, v ?? null]))),
      tractHref: (geoid) => ctx.navigation.href("explore", { v: ctx.release.id, tract: geoid }),
      openTract: (geoid) => {
        ctx.showView("map");
        void ctx.selectTract(geoid, { fit: true, focus: true, push: true });
      },
      announce: (m) => ctx.announce(m),
      selection: selectionFor(ctx),
    });
  };
  mount();
  const onCompare = (ev: Event) => {
    const next = validCompare(ctx, (ev as CustomEvent<string | null>).detail);
    if (next === compareWith) return;
    compareWith = next;
    if (!next) ctx.navigation.setParams({ change: null });
    mount();
  };
  window.addEventListener(COMPARE_EVENT, onCompare);
  const offPop = ctx.navigation.onPopState(() => view?.refresh());
  return () => {
    window.removeEventListener(COMPARE_EVENT, onCompare);
    offPop();
    view?.destroy();
    view = undefined;
    // Filters belong to the table: leaving it drops them from the address.
    ctx.navigation.setParams(Object.fromEntries(TABLE_PARAMS.map((k) => [k, null])));
  };
}
