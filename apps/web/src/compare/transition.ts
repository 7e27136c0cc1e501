import type { ExpressionSpecification } from "maplibre-gl";
import type { ManifestFile, TileProps } from "../data/release.ts";
import { decodeBool } from "../decode.ts";

/** Classes drawn on the changes map, in legend order (web.md §4.3; artifacts.md §4.5). */
export const MAP_TRANSITIONS = ["inBoth", "added", "keptByGrandfathering", "removed", "inNeither"] as const;
/** A transition class, including tracts the earlier version cannot be compared on. */
export type TransitionClass = (typeof MAP_TRANSITIONS)[number] | "notComparable";

/**
 * Fill of each class: Okabe–Ito hues, which stay apart under the three colour-vision
 * deficiencies; "in neither" has no fill, like a not-identified tract on the default map.
 */
export const TRANSITION_STYLE: Record<TransitionClass, { fill: string; opacity: number }> = {
  inBoth: { fill: "#0072B2", opacity: 0.55 },
  added: { fill: "#009E73", opacity: 0.65 },
  keptByGrandfathering: { fill: "#D55E00", opacity: 0.65 },
  removed: { fill: "#CC79A7", opacity: 0.65 },
  inNeither: { fill: "#000000", opacity: 0 },
  notComparable: { fill: "#7A7A7A", opacity: 0.35 },
};

/** The class of one tract from the newer version's tile properties (`SN_C`, `SN_C_V10`, `SN_GRAND`). */
export function transitionOfTile(p: TileProps): TransitionClass {
  if (decodeBool(p.SN_GRAND)) return "keptByGrandfathering";
  const earlier = decodeBool(p.SN_C_V10);
  if (earlier === undefined) return "notComparable";
  const now = decodeBool(p.SN_C) === true;
  if (earlier && now) return "inBoth";
  if (now) return "added";
  if (earlier) return "removed";
  return "inNeither";
}

// A tile boolean may be a real boolean or the text "1"/"True" (web.md §1.4).
const truthy = (prop: string): ExpressionSpecification => [
  "any",
  ["==", ["get", prop], true],
  ["==", ["get", prop], 1],
  ["==", ["get", prop], "1"],
  ["==", ["get", prop], "True"],
];

/**
 * MapLibre `case` expression mapping each tract to a value per class, in the same order of
 * tests as `transitionOfTile`, so drawing and panel agree.
 */
export function transitionExpression<T extends string | number>(
  value: (c: TransitionClass) => T,
): ExpressionSpecification {
  return [
    "case",
    truthy("SN_GRAND"),
    value("keptByGrandfathering"),
    ["!", ["has", "SN_C_V10"]],
    value("notComparable"),
    ["all", truthy("SN_C_V10"), truthy("SN_C")],
    value("inBoth"),
    truthy("SN_C"),
    value("added"),
    truthy("SN_C_V10"),
    value("removed"),
    value("inNeither"),
  ] as ExpressionSpecification;
}

/** Totals per class from `api/changes/<earlier>.json`. */
export interface ChangeTotals {
  from: string;
  to: string;
  totals: Record<TransitionClass, number>;
}

/** Validates a change file; a missing or non-integer total names the file and the field. */
export function parseChangeTotals(file: string, raw: unknown): ChangeTotals {
  const doc = raw as { from?: unknown; to?: unknown; totals?: Record<string, unknown> };
  if (!doc || typeof doc.from !== "string" || typeof doc.to !== "string" || typeof doc.totals !== "object")
    throw new Error(
      `change file ${file} lacks from, to or totals (got ${JSON.stringify(raw)?.slice(0, 80)})`,
    );
  const totals = {} as Record<TransitionClass, number>;
  for (const c of [...MAP_TRANSITIONS, "notComparable"] as const) {
    const v = doc.totals?.[c] ?? 0;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0)
      throw new Error(`change file ${file} field totals.${c} is not a count (got ${JSON.stringify(v)})`);
    totals[c] = v;
  }
  return { from: doc.from, to: doc.to, totals };
}

/** Why a comparison cannot be shown. */
export type ComparisonProblem = "unknown-version" | "same-version" | "no-change-data";

/**
 * The change file that lets the bound release be compared with `other`, found by role and
 * `from` in the manifest; the newer release declares its comparisons, so a pair in the other
 * direction has none.
 */
export function findComparison(
  files: readonly ManifestFile[],
  current: string,
  other: string,
  offered: readonly string[],
): { file: ManifestFile } | { problem: ComparisonProblem } {
  if (!offered.includes(other)) return { problem: "unknown-version" };
  if (other === current) return { problem: "same-version" };
  const file = files.find(
    (f) => f.role === "changes" && (f as ManifestFile & { from?: string }).from === other,
  );
  return file ? { file } : { problem: "no-change-data" };
}
