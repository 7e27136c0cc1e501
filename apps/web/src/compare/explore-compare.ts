import { fetchJson } from "../data/release.ts";
import { h } from "../dom.ts";
import type { ExploreContext } from "../pages/page-context.ts";
import type { Unmount } from "../pages/registry.ts";
import { applyCompareStyle, compareLegendContent, renderVersionStatus } from "./compare-mode.ts";
import { ct } from "./messages.ts";
import { renderTractHistory } from "./tract-history.ts";
import { findComparison, parseChangeTotals } from "./transition.ts";

/** Fired on `window` when comparison mode starts (`detail`: the earlier version) or stops (`detail`: null). */
export const COMPARE_EVENT = "cejst:compare";

/**
 * Starts comparison mode against `other` (web.md §4.3): the tract fill switches to transition
 * classes, the legend lists the classes with the release's change totals, and the panel of a
 * selected tract gains its status in each version. A version without change data shows a
 * notice and leaves `compare` out of the URL.
 */
export async function startCompare(ctx: ExploreContext, other: string): Promise<Unmount> {
  const { lang, release } = ctx;
  const found = findComparison(
    release.files,
    release.id,
    other,
    ctx.config.versions.map((v) => v.id),
  );
  if ("problem" in found) {
    ctx.notice(ct(lang, "compareUnavailable", { v: other }));
    ctx.navigation.setParams({ compare: null });
    return () => undefined;
  }
  let changes: ReturnType<typeof parseChangeTotals>;
  try {
    changes = parseChangeTotals(found.file.path, await fetchJson(release.url(found.file.path)));
  } catch (e) {
    console.warn(e instanceof Error ? e.message : e);
    ctx.notice(ct(lang, "compareUnavailable", { v: other }), "alert");
    ctx.navigation.setParams({ compare: null });
    return () => undefined;
  }

  let stopped = false;
  const savedLegend = [...ctx.legend.childNodes];
  ctx.legend.replaceChildren(...compareLegendContent(lang, changes));
  ctx.legend.classList.add("compare-legend");
  ctx.legend.dataset.compare = other;

  let restoreStyle: (() => void) | undefined;
  ctx
    .whenMap()
    .then((tm) => {
      if (stopped) return;
      restoreStyle = applyCompareStyle(tm.map);
      tm.map.getContainer().dataset.compare = other;
    })
    .catch(() => undefined);

  // The explore page re-renders the panel on every selection step; the status section is added
  // to whichever tract article is showing.
  let decorating = 0;
  const decorate = async () => {
    const geoid = ctx.selectedTract();
    const article = ctx.panel.querySelector<HTMLElement>("article.tract");
    if (stopped || !geoid || !article || article.querySelector(".version-status")) return;
    const my = ++decorating;
    const record = await release.tract(geoid).catch(() => undefined);
    if (
      stopped ||
      my !== decorating ||
      !record ||
      !article.isConnected ||
      article.querySelector(".version-status")
    )
      return;
    const section = renderVersionStatus(lang, {
      tile: record.tile,
      older: other,
      newer: release.id,
      olderHref: ctx.navigation.href("explore", { v: other, tract: geoid }),
    });
    const answer = article.querySelector(".answer");
    if (answer) answer.after(section);
    else article.append(section);
    // The two-column view needs the older version's record of the same tract (web.md §4.3).
    const olderRecord = await ctx
      .loadVersion(other)
      .then((r) => r.tract(geoid))
      .catch((e: unknown) => {
        console.warn(e instanceof Error ? e.message : e);
        return undefined;
      });
    if (stopped || my !== decorating || !section.isConnected) return;
    section.after(
      olderRecord
        ? renderTractHistory(lang, { id: other, record: olderRecord }, { id: release.id, record })
        : h("p", { class: "notice tract-history" }, ct(lang, "historyFailed")),
    );
  };
  const observer = new MutationObserver(() => void decorate());
  observer.observe(ctx.panel, { childList: true });
  void decorate();
  window.dispatchEvent(new CustomEvent(COMPARE_EVENT, { detail: other }));

  return () => {
    stopped = true;
    observer.disconnect();
    restoreStyle?.();
    ctx
      .whenMap()
      .then((tm) => {
        delete tm.map.getContainer().dataset.compare;
      })
      .catch(() => undefined);
    ctx.legend.replaceChildren(...savedLegend);
    ctx.legend.classList.remove("compare-legend");
    delete ctx.legend.dataset.compare;
    for (const s of ctx.panel.querySelectorAll(".version-status, .tract-history")) s.remove();
    window.dispatchEvent(new CustomEvent(COMPARE_EVENT, { detail: null }));
  };
}
