import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from "maplibre-gl";
import type { MessageKey } from "../i18n.ts";

/** Colour tokens (web.md §3.4); the legend reads the same values. */
export const COLOURS = {
  background: "#f3f1ec",
  identified: "#0050D8",
  grandfathered: "#C05A00",
  border: "#71767a",
  selected: "#1A4480",
  casing: "#ffffff",
} as const;

/** Source layer name inside both tile archives (artifacts.md §2). */
const SOURCE_LAYER = "blocks";

// A tile boolean may be a real boolean or the text "1"/"True" (web.md §1.4).
const truthy = (prop: string): ExpressionSpecification => [
  "any",
  ["==", ["get", prop], true],
  ["==", ["get", prop], 1],
  ["==", ["get", prop], "1"],
  ["==", ["get", prop], "True"],
];

/** One legend entry, generated from the same definitions as the layers. */
export interface LegendEntry {
  key: MessageKey;
  swatch: { fill?: string; opacity?: number; line?: string; lineWidth?: number; casing?: string };
}

/** Legend entries for the detail view. */
export function legendEntries(hasGrandfathering: boolean): LegendEntry[] {
  return [
    { key: "legendIdentified", swatch: { fill: COLOURS.identified, opacity: 0.45 } },
    ...(hasGrandfathering
      ? [{ key: "legendGrandfathered" as const, swatch: { fill: COLOURS.grandfathered, opacity: 0.55 } }]
      : []),
    { key: "legendNotIdentified", swatch: { line: COLOURS.border, lineWidth: 1 } },
    { key: "legendSelected", swatch: { line: COLOURS.selected, lineWidth: 4, casing: COLOURS.casing } },
  ];
}

/** The MapLibre style: plain background, overview fill below Zsel, status fills, borders, selection. */
export function buildStyle(opts: {
  detailUrl: string;
  overviewUrl?: string;
  zsel: number;
}): StyleSpecification {
  const { zsel } = opts;
  const layers: LayerSpecification[] = [
    { id: "background", type: "background", paint: { "background-color": COLOURS.background } },
  ];
  const sources: StyleSpecification["sources"] = {
    detail: { type: "vector", url: `pmtiles://${opts.detailUrl}`, promoteId: "GEOID10" },
  };
  if (opts.overviewUrl) {
    sources.overview = { type: "vector", url: `pmtiles://${opts.overviewUrl}` };
    layers.push({
      id: "tract-overview-fill",
      type: "fill",
      source: "overview",
      "source-layer": SOURCE_LAYER,
      maxzoom: zsel,
      filter: [">", ["to-number", ["get", "SCORE"], 0], 0.6],
      paint: { "fill-color": COLOURS.identified, "fill-opacity": 0.6 },
    });
  }
  layers.push(
    {
      id: "tract-fill",
      type: "fill",
      source: "detail",
      "source-layer": SOURCE_LAYER,
      minzoom: zsel,
      paint: {
        "fill-color": ["case", truthy("SN_GRAND"), COLOURS.grandfathered, COLOURS.identified],
        // Not-identified tracts stay in the layer at zero opacity so every tract is clickable.
        "fill-opacity": ["case", truthy("SN_GRAND"), 0.55, truthy("SN_C"), 0.45, 0],
      },
    },
    {
      id: "tract-border",
      type: "line",
      source: "detail",
      "source-layer": SOURCE_LAYER,
      minzoom: 7,
      paint: { "line-color": COLOURS.border, "line-width": 0.5 },
    },
    {
      id: "selected-casing",
      type: "line",
      source: "detail",
      "source-layer": SOURCE_LAYER,
      minzoom: zsel,
      filter: ["==", ["get", "GEOID10"], ""],
      paint: { "line-color": COLOURS.casing, "line-width": 6 },
    },
    {
      id: "selected-outline",
      type: "line",
      source: "detail",
      "source-layer": SOURCE_LAYER,
      minzoom: zsel,
      filter: ["==", ["get", "GEOID10"], ""],
      paint: { "line-color": COLOURS.selected, "line-width": 4 },
    },
  );
  return { version: 8, sources, layers };
}

/** Filter that draws the selection outline on one tract (an empty id hides it). */
export const selectionFilter = (geoid: string): ExpressionSpecification => ["==", ["get", "GEOID10"], geoid];
