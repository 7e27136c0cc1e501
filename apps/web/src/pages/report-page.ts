import type { Release, TractRecord } from "../data/release.ts";
import { fetchJson } from "../data/release.ts";
import { answerOf } from "../decode.ts";
import { h } from "../dom.ts";
import { locale, t } from "../i18n.ts";
import { reasonStatements } from "../panel.ts";
import { resolveSelection, statesNeeded } from "../selection/resolve-selection.ts";
import { parseTractsParam } from "../selection/tracts-param.ts";
import { TractTable } from "../table/table-data.ts";
import type { PageContext } from "./page-context.ts";
import type { Page } from "./registry.ts";
import {
  parseTractList,
  REPORT_DETAIL_TRACTS,
  REPORT_MAX_TRACTS,
  type ReportSummary,
  summarise,
} from "./report-data.ts";
import "./report.css";

/**
 * The tract ids of `?tracts=`, with the county (5-digit) and state (2-digit) forms of web.md
 * §3.10 expanded from the tract table; codes naming no tract are rejected like bad ids.
 */
async function expandCodes(release: Release, param: string | null) {
  const p = parseTractsParam(param);
  if (p.counties.length + p.states.length === 0) return parseTractList(param);
  try {
    const table = new TractTable(release, (url) => fetchJson(url));
    const entries = (await table.index()).filter((e) => statesNeeded(p).includes(e.state));
    const r = resolveSelection(p, await table.rowsOf(entries));
    // Unknown tract ids still load (and are named as not found) like a plain list's.
    const unknownIds = p.tracts.filter((id) => r.unknown.includes(id));
    return { ids: [...r.ids, ...unknownIds], rejected: r.unknown.filter((x) => !unknownIds.includes(x)) };
  } catch (e) {
    console.warn(e instanceof Error ? e.message : e);
    return { ids: p.tracts, rejected: [...p.rejected, ...p.counties, ...p.states] };
  }
}

async function loadRecords(release: Release, ids: readonly string[]) {
  const found: TractRecord[] = [];
  const missing: string[] = [];
  const records = await Promise.all(ids.map((id) => release.tract(id)));
  records.forEach((r, i) => {
    if (r) found.push(r);
    else missing.push(ids[i] as string);
  });
  return { found, missing };
}

function summarySection(ctx: PageContext, s: ReportSummary): HTMLElement {
  const nf = new Intl.NumberFormat(locale(ctx.lang));
  const pf = new Intl.NumberFormat(locale(ctx.lang), { style: "percent", maximumFractionDigits: 0 });
  const share = (k: number, n: number) => (n === 0 ? pf.format(0) : pf.format(k / n));
  return h(
    "section",
    { class: "report-summary", "aria-labelledby": "report-summary-h" },
    h("h2", { id: "report-summary-h" }, ctx.t("reportSummary")),
    h(
      "ul",
      {},
      h("li", {}, ctx.t("reportTractCount", { n: nf.format(s.tracts) })),
      h(
        "li",
        {},
        ctx.t("reportIdentified", {
          k: nf.format(s.identified),
          n: nf.format(s.tracts),
          p: share(s.identified, s.tracts),
        }),
      ),
      h("li", {}, ctx.t("reportGrandfathered", { k: nf.format(s.grandfathered) })),
      h("li", {}, ctx.t("reportTribal", { k: nf.format(s.tribal) })),
      h(
        "li",
        {},
        ctx.t("reportPopulation", {
          total: nf.format(s.population),
          k: nf.format(s.identifiedPopulation),
          p: share(s.identifiedPopulation, s.population),
        }),
      ),
      s.unknownPopulation.length > 0
        ? h("li", {}, ctx.t("reportPopulationUnknown", { ids: s.unknownPopulation.join(", ") }))
        : null,
    ),
  );
}

function tractTable(ctx: PageContext, records: readonly TractRecord[]): HTMLElement {
  const th = (key: Parameters<PageContext["t"]>[0]) => h("th", { scope: "col" }, ctx.t(key));
  return h(
    "section",
    { class: "report-table", "aria-labelledby": "report-table-h" },
    h("h2", { id: "report-table-h" }, ctx.t("reportTable")),
    h(
      "table",
      {},
      h("caption", { class: "sr-only" }, ctx.t("reportTable")),
      h(
        "thead",
        {},
        h("tr", {}, th("reportColTract"), th("reportColCounty"), th("reportColState"), th("reportColAnswer")),
      ),
      h(
        "tbody",
        {},
        records.map((r) =>
          h(
            "tr",
            { "data-geoid": r.geoid },
            h("th", { scope: "row" }, r.geoid),
            h("td", {}, r.county.name),
            h("td", {}, r.state.name),
            h("td", { "data-answer": answerOf(r.tile) }, ctx.t(answerOf(r.tile))),
          ),
        ),
      ),
    ),
  );
}

function tractDetail(ctx: PageContext, r: TractRecord): HTMLElement {
  const headingId = `report-tract-${r.geoid}`;
  return h(
    "section",
    { class: "report-tract", "aria-labelledby": headingId, "data-geoid": r.geoid },
    h("h2", { id: headingId }, ctx.t("tract", { id: r.geoid })),
    h("p", {}, `${r.county.name}, ${r.state.name}`),
    h("p", { class: "answer-value", "data-answer": answerOf(r.tile) }, ctx.t(answerOf(r.tile))),
    r.trace
      ? h(
          "div",
          {},
          h("h3", {}, ctx.t("reasons")),
          h(
            "ul",
            {},
            reasonStatements(ctx.lang, r.trace, r.tile).map((x) => h("li", {}, x)),
          ),
        )
      : null,
  );
}

/**
 * The printable report (web.md §4.4): `?v=&tracts=` in either language, with the version,
 * release id, generation date, synthetic notice, area summary and tract table, and each
 * tract's answer and reasons when there are at most ten. Print CSS hides the site frame.
 */
export const reportPage: Page = {
  id: "report",
  title: (lang) => t(lang, "pageReport"),
  async mount(root, ctx) {
    const { ids, rejected } = await expandCodes(ctx.release, ctx.navigation.params().get("tracts"));
    const doc = h("div", { class: "doc report" });
    root.append(doc);
    const v = ctx.release.id;
    doc.append(h("h1", {}, ctx.t("reportHeading", { v })));
    if (ids.length === 0) {
      doc.append(
        h("p", {}, ctx.t("reportEmpty")),
        h(
          "p",
          {},
          h("a", { class: "button", href: ctx.navigation.href("explore", { v }) }, ctx.t("reportOpenMap")),
        ),
      );
      return undefined;
    }
    const print = h("button", { type: "button", class: "button report-print" }, ctx.t("reportPrint"));
    print.addEventListener("click", () => window.print());
    const dateFormat = new Intl.DateTimeFormat(locale(ctx.lang), { dateStyle: "long" });
    doc.append(
      h(
        "ul",
        { class: "report-facts" },
        h("li", {}, ctx.t("reportVersion", { v })),
        ctx.release.digest
          ? h("li", {}, ctx.t("reportReleaseId", { id: ctx.release.digest.slice(0, 19) }))
          : null,
        h("li", {}, ctx.t("reportGenerated", { date: dateFormat.format(new Date()) })),
      ),
    );
    if (ctx.release.synthetic) doc.append(h("p", { class: "notice", role: "note" }, ctx.t("synthetic")));
    doc.append(h("p", { class: "report-actions" }, print));
    const status = h("p", { role: "status" }, ctx.t("loading"));
    doc.append(status);
    const shown = ids.slice(0, REPORT_MAX_TRACTS);
    const { found, missing } = await loadRecords(ctx.release, shown);
    status.remove();
    if (ids.length > REPORT_MAX_TRACTS)
      doc.append(h("p", { class: "notice" }, ctx.t("reportTooMany", { max: REPORT_MAX_TRACTS })));
    if (missing.length + rejected.length > 0)
      doc.append(
        h(
          "p",
          { class: "notice" },
          ctx.t("reportNotFound", { v, ids: [...rejected, ...missing].join(", ") }),
        ),
      );
    if (found.length === 0) return undefined;
    doc.append(summarySection(ctx, summarise(found)), tractTable(ctx, found));
    if (found.length <= REPORT_DETAIL_TRACTS) doc.append(...found.map((r) => tractDetail(ctx, r)));
    else doc.append(h("p", {}, ctx.t("reportTableOnly", { n: REPORT_DETAIL_TRACTS })));
    return undefined;
  },
};
