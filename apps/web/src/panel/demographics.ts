import type { TileProps } from "../data/release.ts";
import { decodeNumber } from "../decode.ts";
import { h } from "../dom.ts";
import { wholePercent } from "../format.ts";
import { type Lang, locale, type MessageKey, t } from "../i18n.ts";
import { missing } from "./parts.ts";

const RACE: [string, MessageKey][] = [
  ["DM_W", "dmWhite"],
  ["DM_B", "dmBlack"],
  ["DM_AI", "dmNative"],
  ["DM_A", "dmAsian"],
  ["DM_HI", "dmHawaiian"],
  ["DM_O", "dmOther"],
  ["DM_T", "dmTwoOrMore"],
  ["DM_H", "dmHispanic"],
];
const AGE: [string, MessageKey][] = [
  ["AGE_10", "ageUnder10"],
  ["AGE_MIDDLE", "ageMiddle"],
  ["AGE_OLD", "ageOver64"],
];

let seq = 0;

function disclosure(
  lang: Lang,
  tile: TileProps,
  key: MessageKey,
  rows: [string, MessageKey][],
): HTMLElement[] {
  const id = `demo-${key}-${++seq}`;
  const pct = new Intl.NumberFormat(locale(lang), { style: "percent" });
  const region = h(
    "ul",
    { id, class: "demographic-values", hidden: true },
    rows.map(([code, label]) => {
      const v = decodeNumber(tile[code]);
      return h(
        "li",
        { "data-code": code },
        h("span", {}, t(lang, label)),
        " ",
        v === undefined ? missing(lang) : h("span", { class: "value" }, pct.format(wholePercent(v) / 100)),
      );
    }),
  );
  const button = h(
    "button",
    { type: "button", class: "disclosure", "aria-expanded": "false", "aria-controls": id },
    t(lang, key),
  );
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    region.hidden = !open;
  });
  return [button, region];
}

/** Demographics (web.md §3.7.7): information only, two disclosures closed by default. */
export function renderDemographics(lang: Lang, tile: TileProps): HTMLElement {
  return h(
    "section",
    { class: "demographics", "aria-labelledby": "demo-h" },
    h("h3", { id: "demo-h" }, t(lang, "demographics")),
    h("p", { class: "demographics-note" }, t(lang, "demographicsNote")),
    disclosure(lang, tile, "raceEthnicity", RACE),
    disclosure(lang, tile, "age", AGE),
  );
}
