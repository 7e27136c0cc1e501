import type { TileProps } from "./data/release.ts";

/**
 * A tile boolean: `true/false`, `"1"/"0"`, `1/0` and `"True"/"False"` all occur in the published
 * contract (web.md §1.4); anything else, including an absent property, is `undefined`.
 */
export function decodeBool(v: unknown): boolean | undefined {
  if (v === true || v === 1 || v === "1" || v === "True" || v === "true") return true;
  if (v === false || v === 0 || v === "0" || v === "False" || v === "false") return false;
  return undefined;
}

/** A tile number; absent, `null` or non-numeric text is `undefined`. */
export function decodeNumber(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  return undefined;
}

/** The three answers of the panel (web.md §3.7.2). */
export type Answer = "yes" | "partially" | "no";

/** Yes when identified; Partially when not, but overlapping tribal land or Alaska Native Villages. */
export function answerOf(p: TileProps): Answer {
  if (decodeBool(p.SN_C)) return "yes";
  const share = decodeNumber(p.TA_PERC) ?? 0;
  const villages = decodeNumber(p.TA_COUNT_AK) ?? 0;
  return share > 0 || villages > 0 ? "partially" : "no";
}

/** Map status class of a tract (web.md §3.4). */
export type StatusClass = "identified" | "grandfathered" | "not-identified";

/** The status class from decoded tile properties; grandfathering wins over the plain blue. */
export function statusClass(p: TileProps): StatusClass {
  if (decodeBool(p.SN_GRAND)) return "grandfathered";
  return decodeBool(p.SN_C) ? "identified" : "not-identified";
}
