import type { DecisionTrace } from "@cejst/methodology/explain";
import { howClose, type TraceTest } from "@cejst/methodology/explain";
import { h } from "../dom.ts";
import { type Lang, type MessageKey, t } from "../i18n.ts";
import { distanceText, indName, metBadge } from "./parts.ts";

const TEST_NAMES: Record<Exclude<TraceTest["kind"], "burden">, MessageKey> = {
  lowIncome: "lowIncome",
  highSchool: "highSchool",
  islandHighSchool: "testIslandHighSchool",
  tribal: "testTribal",
  adjustedLowIncome: "adjustedLowIncome",
};

/** A test's name in the page language. */
export function testName(lang: Lang, x: TraceTest): string {
  if (x.kind === "burden" && x.indicator) return indName(lang, x.indicator);
  return t(lang, TEST_NAMES[x.kind as keyof typeof TEST_NAMES] ?? "lowIncome");
}

function testItem(lang: Lang, x: TraceTest): HTMLElement {
  return h(
    "li",
    { "data-test": x.id },
    h("span", { class: "test-name" }, testName(lang, x)),
    " ",
    metBadge(lang, x.result === "met"),
    " ",
    h(
      "span",
      { class: "test-distance" },
      x.margin === null ? t(lang, "testNoMargin") : distanceText(lang, x.margin),
    ),
  );
}

const list = (lang: Lang, tests: (TraceTest | undefined)[]) =>
  h(
    "ul",
    { class: "decisive" },
    tests.filter((x): x is TraceTest => x !== undefined).map((x) => testItem(lang, x)),
  );

/**
 * The *How close?* box (web.md §4.2): the decisive tests of the published trace, smallest
 * margin first, or what would have to change together; for a grandfathered tract, what the
 * 2.0 rules alone show. Margins are the trace's own.
 */
export function renderHowClose(lang: Lang, trace: DecisionTrace): HTMLElement {
  const r = howClose(trace);
  const body: (HTMLElement | null)[] = [];
  if (r.kind === "inconsistent") body.push(h("p", {}, t(lang, "howCloseInconsistent")));
  else if (r.kind === "identified") {
    body.push(h("p", {}, t(lang, r.decisive.length > 0 ? "howCloseIdentified" : "howCloseIdentifiedNone")));
    if (r.decisive.length > 0) body.push(list(lang, r.decisive));
  } else {
    if (r.kind === "grandfathered")
      body.push(h("p", { class: "grandfathered" }, t(lang, "howCloseGrandfathered")));
    const some: MessageKey =
      r.kind === "grandfathered" ? "howCloseGrandfatheredRoute" : "howCloseNotIdentified";
    const none: MessageKey =
      r.kind === "grandfathered" ? "howCloseGrandfatheredNone" : "howCloseNotIdentifiedNone";
    if (r.decisive.length > 0) body.push(h("p", {}, t(lang, some)), list(lang, r.decisive));
    else body.push(h("p", {}, t(lang, none)), list(lang, [r.nearestBurden, r.lowIncome]));
  }
  if (r.kind !== "inconsistent" && r.missing.length > 0)
    body.push(
      h(
        "p",
        { class: "missing-tests" },
        t(lang, "howCloseMissing", { names: r.missing.map((x) => testName(lang, x)).join(", ") }),
      ),
    );
  return h(
    "section",
    { class: "how-close", "aria-labelledby": "how-close-h", "data-kind": r.kind },
    h("h4", { id: "how-close-h" }, t(lang, "howClose")),
    body,
    h("p", { class: "how-close-note" }, t(lang, "howCloseNote")),
  );
}
