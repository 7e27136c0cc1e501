import { CATEGORIES, CATEGORY_IDS, type CategoryId, INDICATORS } from "@cejst/schema";
import type { ExpressionSpecification } from "maplibre-gl";

/** One indicator the map can colour tracts by (web.md §4.6): a percentile from the detail tiles. */
export interface IndicatorLayer {
  /** Tile property, also the `layer=` value (`EBF_PFS`). */
  code: string;
  /** Indicator id of the catalogue (`energy_burden`), for localised names. */
  id: string;
  category: CategoryId;
  /** English name from the catalogue. */
  label: string;
  /** The burden threshold as a fraction (0.9). */
  threshold: number;
}

/**
 * Every burden indicator tested as a percentile where higher is worse, in category order. The
 * catalogue is the one the methodology and the panel read, so codes and thresholds are spelled once.
 */
export const INDICATOR_LAYERS: readonly IndicatorLayer[] = CATEGORY_IDS.flatMap((category) =>
  Object.entries(INDICATORS)
    .filter(
      ([, s]) =>
        s.category === category && s.test === "percentile" && s.direction === "normal" && s.testedTileCode,
    )
    .map(([id, s]) => ({
      code: s.testedTileCode as string,
      id,
      category,
      label: s.label,
      threshold: s.threshold,
    })),
).filter((l, i, all) => all.findIndex((o) => o.code === l.code) === i);

/** Category names in English, for the picker's groups. */
export const categoryLabel = (c: CategoryId): string => CATEGORIES[c].label;

/** Colour-blind-safe sequential classes (ColorBrewer YlGnBu, 4 classes), lowest first. */
export const LAYER_COLOURS = ["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"] as const;
/** Tracts without a value for the indicator. */
export const MISSING_COLOUR = "#9e9e9e";

/**
 * Class breaks for a threshold, as fractions: for burdens 0–49, 50–79, 80–89 and 90–100, so the
 * last class starts exactly at the threshold (web.md §4.6).
 */
export function classBreaks(threshold: number): [number, number, number] {
  return [Math.min(0.5, threshold - 0.2), Math.min(0.8, threshold - 0.1), threshold];
}

/**
 * True for a tract whose tiles carry no value for the layer's indicator: the grey fill and the
 * hatch drawn over it (`MISSING_HATCH`) both select tracts with this one expression.
 */
export function missingValue(layer: IndicatorLayer): ExpressionSpecification {
  return ["any", ["!", ["has", layer.code]], ["==", ["get", layer.code], null]];
}

/** The tract fill colour of an indicator layer: the class of the tile's value, grey when missing. */
export function indicatorFill(layer: IndicatorLayer): ExpressionSpecification {
  const [a, b, c] = classBreaks(layer.threshold);
  const value: ExpressionSpecification = ["to-number", ["get", layer.code], -1];
  return [
    "case",
    missingValue(layer),
    MISSING_COLOUR,
    ["step", value, LAYER_COLOURS[0], a, LAYER_COLOURS[1], b, LAYER_COLOURS[2], c, LAYER_COLOURS[3]],
  ];
}

/** Legend rows of a layer: each class's range in whole percentiles, and the missing swatch. */
export function indicatorClasses(layer: IndicatorLayer): { colour: string; from: number; to: number }[] {
  const [a, b, c] = classBreaks(layer.threshold).map((x) => Math.round(x * 100));
  return [
    { colour: LAYER_COLOURS[0], from: 0, to: (a ?? 50) - 1 },
    { colour: LAYER_COLOURS[1], from: a ?? 50, to: (b ?? 80) - 1 },
    { colour: LAYER_COLOURS[2], from: b ?? 80, to: (c ?? 90) - 1 },
    { colour: LAYER_COLOURS[3], from: c ?? 90, to: 100 },
  ];
}
