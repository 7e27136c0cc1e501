import type { DecisionTrace, IndicatorTrace } from "@cejst/methodology/explain";
import type { TractRecord } from "../data/release.ts";
import { answerOf } from "../decode.ts";
import { h } from "../dom.ts";
import { type Lang, t } from "../i18n.ts";
import { INDICATOR_NAMES_ES } from "../labels-es.ts";
// The panel's wording, so a tract's history and its panel never say a percentile differently.
import { pctText } from "../panel/parts.ts";
import { ct } from "./messages.ts";

/** One row of the two-column view: a label and the text shown for each version. */
export interface HistoryRow {
  key: string;
  label: string;
  older: string;
  newer: string;
}

const DASH = "–";

function indicatorText(lang: Lang, i: IndicatorTrace | undefined): string {
  if (!i) return DASH;
  const mark = i.exceeded ? "✔" : "✖";
  if (typeof i.value === "boolean") return `${t(lang, i.value ? "yes" : "no")} ${mark}`;
  if (i.percentile === null) return DASH;
  return `${pctText(lang, i.percentile, i.threshold ?? undefined, i.exceeded)} ${mark}`;
}

function lowIncomeText(lang: Lang, trace: DecisionTrace | null): string {
  const li = trace?.lowIncome;
  if (!li || li.percentile === null) return DASH;
  return `${pctText(lang, li.percentile, li.threshold, li.met)} ${li.met ? "✔" : "✖"}`;
}

/**
 * The rows of a tract's history (web.md §4.3): answer, counts, low income and every indicator
 * either version has, each with its text in the older and the newer version.
 */
export function historyRows(lang: Lang, older: TractRecord, newer: TractRecord): HistoryRow[] {
  const count = (n: number | undefined) => (n === undefined ? DASH : String(n));
  const rows: HistoryRow[] = [
    {
      key: "answer",
      label: t(lang, "question"),
      older: t(lang, answerOf(older.tile)),
      newer: t(lang, answerOf(newer.tile)),
    },
    {
      key: "categories",
      label: ct(lang, "historyCategories"),
      older: count(older.trace?.totalCategoriesExceeded),
      newer: count(newer.trace?.totalCategoriesExceeded),
    },
    {
      key: "burdens",
      label: ct(lang, "historyBurdens"),
      older: count(older.trace?.totalThresholdsExceeded),
      newer: count(newer.trace?.totalThresholdsExceeded),
    },
    {
      key: "low_income",
      label: t(lang, "lowIncome"),
      older: lowIncomeText(lang, older.trace),
      newer: lowIncomeText(lang, newer.trace),
    },
  ];
  const ids = new Map<string, IndicatorTrace>();
  for (const i of [...(newer.trace?.indicators ?? []), ...(older.trace?.indicators ?? [])])
    if (!ids.has(i.id)) ids.set(i.id, i);
  for (const [id, i] of ids) {
    const find = (r: TractRecord) => r.trace?.indicators.find((x) => x.id === id);
    rows.push({
      key: id,
      label: lang === "es" ? (INDICATOR_NAMES_ES[id] ?? i.label) : i.label,
      older: indicatorText(lang, find(older)),
      newer: indicatorText(lang, find(newer)),
    });
  }
  return rows;
}

/**
 * The two-column view of one tract in two versions: rows that changed are marked with an icon
 * and text; unchanged rows are collapsed under *Show unchanged*.
 */
export function renderTractHistory(
  lang: Lang,
  older: { id: string; record: TractRecord },
  newer: { id: string; record: TractRecord },
): HTMLElement {
  const rows = historyRows(lang, older.record, newer.record);
  const changed = rows.filter((r) => r.older !== r.newer);
  const same = rows.filter((r) => r.older === r.newer);
  const table = (list: HistoryRow[], caption: string, marked: boolean) =>
    h(
      "table",
      { class: "history-table" },
      h("caption", {}, caption),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, ct(lang, "historyRow")),
          h("th", { scope: "col" }, ct(lang, "compareVersion", { v: older.id })),
          h("th", { scope: "col" }, ct(lang, "compareVersion", { v: newer.id })),
        ),
      ),
      h(
        "tbody",
        {},
        list.map((r) =>
          h(
            "tr",
            { "data-row": r.key, class: marked ? "changed" : undefined },
            h(
              "th",
              { scope: "row" },
              r.label,
              marked
                ? h(
                    "span",
                    { class: "changed-mark" },
                    " ",
                    h("span", { "aria-hidden": "true" }, "▲"),
                    ` ${ct(lang, "historyChanged")}`,
                  )
                : null,
            ),
            h("td", { "data-version": older.id }, r.older),
            h("td", { "data-version": newer.id }, r.newer),
          ),
        ),
      ),
    );
  return h(
    "section",
    { class: "tract-history", "aria-labelledby": "tract-history-h" },
    h("h3", { id: "tract-history-h" }, ct(lang, "historyTitle", { old: older.id, new: newer.id })),
    changed.length > 0
      ? table(changed, ct(lang, "historyChangedRows", { n: changed.length }), true)
      : h("p", {}, ct(lang, "historyNoChange")),
    same.length > 0
      ? h(
          "details",
          { class: "history-unchanged" },
          h("summary", {}, ct(lang, "historyShowUnchanged", { n: same.length })),
          table(same, ct(lang, "historyUnchangedRows", { n: same.length }), false),
        )
      : null,
  );
}
