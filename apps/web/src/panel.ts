import type { DecisionTrace, IndicatorTrace } from "@cejst/methodology/explain";
import { indicatorApplies } from "@cejst/methodology/explain";
import type { TileProps, TractRecord } from "./data/release.ts";
import { type Answer, answerOf, decodeBool, decodeNumber } from "./decode.ts";
import { h } from "./dom.ts";
import { wholePercent } from "./format.ts";
import { type Lang, locale, type MessageKey, t } from "./i18n.ts";
import { traceMatchesTile } from "./panel/consistency.ts";
import { renderDemographics } from "./panel/demographics.ts";
import { estimateMark } from "./panel/estimate-mark.ts";
import { feedbackHref } from "./panel/feedback.ts";
import { renderHowClose } from "./panel/how-close.ts";
import { keepOpenCategories, keptOpenCategories } from "./panel/open-categories.ts";
import { catName, distanceText, indName, metBadge, missing, pctText } from "./panel/parts.ts";

const TERRITORY_FIPS = new Set(["60", "66", "69", "72", "78"]);

/** Statements for every route that applies, built from the trace alone (web.md §3.7.3). */
export function reasonStatements(lang: Lang, trace: DecisionTrace, tile: TileProps): string[] {
  const out: string[] = [];
  const fmtShare = (s: number) =>
    new Intl.NumberFormat(locale(lang), { style: "percent", maximumFractionDigits: 1 }).format(s);
  const met = trace.categories.filter((c) => c.met);
  if (met.length > 0) {
    const n = met.reduce((a, c) => a + c.indicators.length, 0);
    out.push(
      t(lang, "reasonCategories", { n, m: met.length, names: met.map((c) => catName(lang, c)).join(", ") }),
    );
  }
  const noGate = trace.categories.filter((c) => !c.met && c.exceededWithoutGate.length > 0);
  if (noGate.length > 0)
    out.push(t(lang, "reasonWithoutGate", { names: noGate.map((c) => catName(lang, c)).join(", ") }));
  if (met.length === 0 && noGate.length === 0) {
    out.push(t(lang, "reasonNothing"));
    out.push(t(lang, trace.lowIncome.met ? "reasonLowIncomeMet" : "reasonLowIncomeNotMet"));
  }
  for (const r of trace.reasons) {
    if (r.kind === "adjacency") out.push(t(lang, "reasonSurrounded", { k: r.neighboursCounted ?? "?" }));
    else if (r.kind === "territory") out.push(t(lang, "reasonTerritory"));
    else if (r.kind === "tribal" && r.share !== null)
      out.push(t(lang, "reasonTribal", { share: fmtShare(r.share) }));
    else if (r.kind === "grandfathered") out.push(t(lang, "reasonGrandfathered"));
  }
  const adj = trace.adjacency;
  const notSurrounded =
    !trace.disadvantagedOnOwn && !adj.surrounded && adj.counted && (adj.disadvantaged ?? 0) > 0;
  if (notSurrounded)
    out.push(t(lang, "reasonNotSurrounded", { a: adj.disadvantaged ?? 0, k: adj.counted ?? 0 }));
  // 2.0 leaves neighbours without land out of the surrounded rule (methodology §11.2); say so
  // wherever that rule is stated.
  const surroundedStated = trace.reasons.some((r) => r.kind === "adjacency") || notSurrounded;
  if (surroundedStated && (adj.waterOnlyExcluded ?? 0) > 0)
    out.push(t(lang, "reasonNeighboursWithoutLand", { w: adj.waterOnlyExcluded ?? 0 }));
  const share = trace.tribal.share ?? decodeNumber(tile.TA_PERC);
  // Below one percent the share reads "less than 1%" (web.md §3.7.3), never a rounded "0%".
  if (!trace.tribal.met && share !== undefined && share > 0)
    out.push(
      share < 0.01 ? t(lang, "reasonTribalTiny") : t(lang, "reasonTribalPart", { share: fmtShare(share) }),
    );
  return out;
}

function indicatorRow(lang: Lang, i: IndicatorTrace): HTMLElement {
  let value: HTMLElement | string;
  if (typeof i.value === "boolean") value = t(lang, i.value ? "yes" : "no");
  else if (i.percentile !== null && i.threshold !== null)
    value = pctText(lang, i.percentile, i.threshold, i.exceeded);
  else if (i.value === null) value = missing(lang);
  else value = String(i.value);
  const threshold = i.threshold === null ? "" : t(lang, "threshold", { t: Math.round(i.threshold * 100) });
  const hv = i.houseValue;
  // Lead paint is one test of two parts (methodology §7.4): both are shown, and when the
  // percentile alone reaches its threshold the row says the home value is why it is not met.
  const leadOnlyHomeValue =
    hv !== undefined &&
    !i.exceeded &&
    i.margin !== null &&
    i.margin >= 0 &&
    hv.percentile !== null &&
    !hv.met;
  return h(
    "li",
    { class: "indicator", "data-indicator": i.id },
    h("span", { class: "ind-label" }, indName(lang, i)),
    h("span", { class: "ind-value" }, value),
    threshold ? h("span", { class: "ind-threshold" }, threshold) : null,
    hv
      ? h("span", { class: "ind-threshold" }, t(lang, "houseValue", { t: Math.round(hv.threshold * 100) }))
      : null,
    hv && i.percentile !== null
      ? h(
          "span",
          { class: "lead-parts" },
          t(lang, "leadParts", {
            lp: pctText(lang, i.percentile, i.threshold ?? undefined, i.margin !== null && i.margin >= 0),
            hv: hv.percentile === null ? t(lang, "missing") : pctText(lang, hv.percentile),
          }),
        )
      : null,
    metBadge(lang, i.exceeded),
    leadOnlyHomeValue
      ? h(
          "span",
          { class: "lead-home-value" },
          t(lang, "leadHomeValue", { t: Math.round(hv.threshold * 100) }),
        )
      : null,
    i.margin !== null ? h("span", { class: "ind-distance" }, distanceText(lang, i.margin)) : null,
  );
}

function socioeconomic(lang: Lang, trace: DecisionTrace, tile: TileProps): HTMLElement {
  const row = (key: MessageKey, body: HTMLElement | string, met: boolean) =>
    h(
      "li",
      {},
      h("span", { class: "ind-label" }, t(lang, key)),
      h("span", { class: "ind-value" }, body),
      metBadge(lang, met),
    );
  const li = trace.lowIncome;
  const hs = trace.area === "island_area" ? trace.islandHighSchool : trace.highSchool;
  const pctFmt = new Intl.NumberFormat(locale(lang), { style: "percent" });
  const estimated = decodeBool(tile.IMP_FLG) === true;
  const liText =
    li.percentile === null
      ? missing(lang)
      : `${pctText(lang, li.percentile, li.threshold, li.met)} (${t(lang, "threshold", { t: Math.round(li.threshold * 100) })})`;
  return h(
    "section",
    { class: "socio", "aria-labelledby": "socio-h" },
    h("h3", { id: "socio-h" }, t(lang, "socioeconomic")),
    h(
      "ul",
      {},
      row("lowIncome", estimated ? h("span", {}, estimateMark(lang), " ", liText) : liText, li.met),
      trace.adjacency.counted
        ? row(
            "adjustedLowIncome",
            trace.adjacency.lowIncomePercentile === null
              ? missing(lang)
              : `${pctText(lang, trace.adjacency.lowIncomePercentile, trace.adjacency.lowIncomeThreshold, trace.adjacency.lowIncomeMet)} (${t(lang, "threshold", { t: Math.round(trace.adjacency.lowIncomeThreshold * 100) })})`,
            trace.adjacency.lowIncomeMet,
          )
        : null,
      row(
        "highSchool",
        hs.share === null
          ? missing(lang)
          : `${pctFmt.format(wholePercent(hs.share, hs.threshold, hs.met) / 100)} (${t(lang, "shareThreshold", { t: pctFmt.format(hs.threshold) })})`,
        hs.met,
      ),
    ),
    !estimated && decodeNumber(tile.TPF) === undefined
      ? h("p", { class: "population-unknown" }, t(lang, "populationUnknown"))
      : null,
  );
}

function categories(lang: Lang, trace: DecisionTrace, geoid: string): HTMLElement {
  const kept = keptOpenCategories(geoid);
  const notUsed = trace.indicators.filter((i) => !indicatorApplies(trace, i));
  const sections = trace.categories.map((c) => {
    const inds = trace.indicators.filter((i) => i.category === c.id && indicatorApplies(trace, i));
    const gate =
      trace.indicators.find((i) => i.category === c.id)?.gate === "low_income" ? "lowIncome" : "highSchool";
    return h(
      "details",
      { class: "category", "data-category": c.id, open: kept ? kept.has(c.id) : c.met },
      h("summary", {}, h("span", { class: "cat-name" }, catName(lang, c)), " ", metBadge(lang, c.met)),
      h(
        "ul",
        { class: "indicators" },
        inds.map((i) => indicatorRow(lang, i)),
      ),
      h("p", { class: "and-test" }, t(lang, "andTest", { test: t(lang, gate) })),
    );
  });
  const keep = () =>
    keepOpenCategories(
      geoid,
      sections.filter((d) => d.open).map((d) => d.dataset.category ?? ""),
    );
  for (const d of sections) d.addEventListener("toggle", keep);
  const expand = h("button", { type: "button", class: "expand-all" }, t(lang, "expandAll"));
  expand.addEventListener("click", () => {
    for (const d of sections) d.open = true;
  });
  return h(
    "section",
    { class: "categories", "aria-labelledby": "cat-h" },
    h("h3", { id: "cat-h" }, t(lang, "categories")),
    expand,
    sections,
    notUsed.length > 0
      ? h(
          "details",
          { class: "not-used" },
          h("summary", {}, t(lang, "notUsedHere")),
          h(
            "ul",
            {},
            notUsed.map((i) => h("li", { "data-indicator": i.id }, indName(lang, i))),
          ),
        )
      : null,
  );
}

/** Everything the panel shows for one tract. `record` is undefined while it loads. */
export interface PanelInput {
  lang: Lang;
  geoid: string;
  tile: TileProps;
  record: TractRecord | undefined;
  state: "loading" | "ready" | "failed";
  onClose: () => void;
  onRetry: () => void;
  /**
   * Where *Download this tract's record* points. Without it the link is the tract's own
   * document of the API (its entry of `api/tracts/<county>.json`) as a `data:` URL.
   */
  recordHref?: string;
  /** `feedback.tractUrl` of `config.json`; without it no feedback control exists. */
  feedbackUrl?: string;
}

/** The tract's own API document as a downloadable `data:` URL. */
export const recordDataHref = (record: TractRecord): string =>
  `data:application/json;charset=utf-8,${encodeURIComponent(`${JSON.stringify(record, null, 2)}\n`)}`;

/**
 * The panel's actions (web.md §3.7.9). The report path is relative to the language folder
 * (`../{lang}/report/`), so it holds wherever the site is mounted.
 */
function actions(
  lang: Lang,
  geoid: string,
  version: string,
  recordHref: string,
  feedbackUrl: string | undefined,
): HTMLElement {
  const status = h("span", { class: "action-status", role: "status" });
  const copy = h("button", { type: "button", class: "copy-link" }, t(lang, "copyLink"));
  copy.addEventListener("click", () => {
    navigator.clipboard.writeText(location.href).then(
      () => {
        status.textContent = t(lang, "linkCopied");
      },
      () => {
        status.textContent = t(lang, "copyFailed");
      },
    );
  });
  const q = new URLSearchParams({ v: version, tracts: geoid });
  return h(
    "section",
    { class: "panel-actions", "aria-label": t(lang, "panelActions") },
    h(
      "ul",
      {},
      h("li", {}, copy, " ", status),
      h("li", {}, h("a", { class: "print-report", href: `../${lang}/report/?${q}` }, t(lang, "printReport"))),
      h(
        "li",
        {},
        h(
          "a",
          { class: "tract-record", href: recordHref, download: `${geoid}.json` },
          t(lang, "tractRecord"),
        ),
      ),
      feedbackUrl
        ? h(
            "li",
            {},
            h(
              "a",
              {
                class: "feedback",
                href: feedbackHref(feedbackUrl, geoid, lang),
                target: "_blank",
                rel: "noopener noreferrer",
              },
              t(lang, "sendFeedback"),
            ),
          )
        : null,
    ),
  );
}

/** The answer text of a tile, for the panel and the live-region announcement. */
export const answerText = (lang: Lang, tile: TileProps, trace?: DecisionTrace | null): string =>
  t(lang, panelAnswer(tile, trace ?? null));

/**
 * The answer of §3.7.2. The tiles round the tribal share to two decimals, so a share under
 * 0.5% reads 0 there; the trace's full-precision share still makes such a tract *Partially*.
 */
export function panelAnswer(tile: TileProps, trace: DecisionTrace | null): Answer {
  const a = answerOf(tile);
  return a === "no" && (trace?.tribal.share ?? 0) > 0 ? "partially" : a;
}

/** Renders the side panel of a selected tract (web.md §3.7). */
export function renderTractPanel(p: PanelInput): HTMLElement {
  const { lang, tile, record } = p;
  const stateFips = record?.state.fips ?? p.geoid.slice(0, 2);
  const stateName = record?.state.name ?? String(tile.SF ?? "");
  const countyName = record?.county.name ?? String(tile.CF ?? "");
  const pop = decodeNumber(tile.TPF);
  const close = h("button", { type: "button", class: "close", "aria-label": t(lang, "close") }, "×");
  close.addEventListener("click", p.onClose);
  const dd = (v: string) => (v ? v : missing(lang));
  const answer = panelAnswer(tile, record?.trace ?? null);
  const body: (HTMLElement | null)[] = [];
  if (p.state === "loading")
    body.push(h("p", { class: "skeleton", role: "status" }, t(lang, "loadingTrace")));
  if (p.state === "failed") {
    const retry = h("button", { type: "button" }, t(lang, "retry"));
    retry.addEventListener("click", p.onRetry);
    body.push(h("div", { class: "notice", role: "alert" }, t(lang, "traceFailed"), " ", retry));
  }
  const trace = record?.trace ?? null;
  if (record && !record.mapped) body.push(h("p", { class: "notice" }, t(lang, "notDrawn")));
  if (trace && !traceMatchesTile(trace, tile))
    body.push(h("p", { class: "notice inconsistent", role: "alert" }, t(lang, "traceInconsistent")));
  if (trace) {
    body.push(
      h(
        "section",
        { class: "reasons", "aria-labelledby": "reasons-h" },
        h("h3", { id: "reasons-h" }, t(lang, "reasons")),
        renderHowClose(lang, trace),
        h(
          "ul",
          {},
          reasonStatements(lang, trace, tile).map((s) => h("li", {}, s)),
        ),
      ),
      socioeconomic(lang, trace, tile),
      categories(lang, trace, p.geoid),
      renderDemographics(lang, tile),
      h("p", { class: "panel-foot" }, t(lang, "methodology", { v: trace.version })),
    );
  }
  if (record)
    body.push(actions(lang, p.geoid, record.label, p.recordHref ?? recordDataHref(record), p.feedbackUrl));
  return h(
    "article",
    { class: "tract", "data-geoid": p.geoid },
    h(
      "header",
      {},
      h("h2", { id: "panel-heading", tabindex: "-1" }, t(lang, "tract", { id: p.geoid })),
      close,
      h(
        "dl",
        {},
        h("dt", {}, t(lang, "county")),
        h("dd", {}, dd(countyName)),
        h("dt", {}, t(lang, TERRITORY_FIPS.has(stateFips) ? "territory" : "state")),
        h("dd", {}, dd(stateName)),
        h("dt", {}, t(lang, "population")),
        h("dd", {}, pop === undefined ? missing(lang) : new Intl.NumberFormat(locale(lang)).format(pop)),
      ),
    ),
    h(
      "section",
      { class: "answer", "aria-labelledby": "answer-h" },
      h("h3", { id: "answer-h" }, t(lang, "question")),
      h("p", { class: `answer-value answer-${answer}`, "data-answer": answer }, t(lang, answer)),
    ),
    body,
  );
}
