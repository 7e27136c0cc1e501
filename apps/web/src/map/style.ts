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
  tribal: "#6A3D9A",
  tribalDark: "#2B1640",
} as const;

/** Zoom from which tribal polygons, outlines and names are drawn (web.md §3.3, the original's). */
export const TRIBAL_POLYGON_ZOOM = 6.6;
/** Zoom from which Alaska Native Village points are drawn. */
export const TRIBAL_POINT_ZOOM = 3;
/** Every layer drawn from the tribal archive, in stacking order (toggled together). */
export const TRIBAL_LAYERS = ["tribal-fill", "tribal-outline", "tribal-villages", "tribal-labels"] as const;

/** Source layer name inside the tribal archive (artifacts.md §2.5). */
const TRIBAL_SOURCE_LAYER = "blocks";

/**
 * A tribal land's name as labelled: the original drops the administrative suffix (the last four
 * characters) when the name contains ` LAR`, ` IRA` or ` TSA` (artifacts.md §2.5).
 */
export function tribalLabel(name: string): string {
  return / (LAR|IRA|TSA)/.test(name) ? name.slice(0, -4) : name;
}

const tribalLabelExpression: ExpressionSpecification = [
  "let",
  "name",
  ["to-string", ["get", "landAreaName"]],
  [
    "case",
    [
      "any",
      ["in", " LAR", ["var", "name"]],
      ["in", " IRA", ["var", "name"]],
      ["in", " TSA", ["var", "name"]],
    ],
    ["slice", ["var", "name"], 0, ["-", ["length", ["var", "name"]], 4]],
    ["var", "name"],
  ],
];

/** Image id of the missing-data hatch (web.md §4.6), drawn by `MISSING_HATCH_LAYER`. */
export const MISSING_HATCH = "hatch-missing";
/**
 * Layer that draws the hatch over tracts without a value for the chosen indicator; its filter
 * matches nothing until an indicator layer is chosen. It shows and hides with the tract fill.
 */
export const MISSING_HATCH_LAYER = "tract-missing-hatch";

/**
 * The missing-data hatch as RGBA pixels: white diagonal stripes (top left to bottom right) on
 * transparent, drawn over the grey missing fill, as the legend's swatch draws them
 * (`.swatch.missing`: 3 px grey, 2 px white). The stripes meet across tile edges, so the
 * pattern repeats seamlessly.
 */
export function hatchImage(size = 6, stripe = 2): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      if ((((x - y) % size) + size) % size >= stripe) continue;
      data.set([255, 255, 255, 255], (y * size + x) * 4);
    }
  return { width: size, height: size, data };
}

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
  /** Entries of a layer that the legend can hide. */
  group?: "tribal";
  swatch: {
    fill?: string;
    opacity?: number;
    line?: string;
    lineWidth?: number;
    casing?: string;
    dashed?: boolean;
    round?: boolean;
  };
}

/**
 * Legend entries for the detail view; the tribal entries carry `group: "tribal"` so the legend
 * can tie them to the layer's visibility switch.
 */
export function legendEntries(hasGrandfathering: boolean, hasTribal = false): LegendEntry[] {
  return [
    { key: "legendIdentified", swatch: { fill: COLOURS.identified, opacity: 0.45 } },
    ...(hasGrandfathering
      ? [{ key: "legendGrandfathered" as const, swatch: { fill: COLOURS.grandfathered, opacity: 0.55 } }]
      : []),
    { key: "legendNotIdentified", swatch: { line: COLOURS.border, lineWidth: 1 } },
    ...(hasTribal
      ? [
          {
            key: "legendTribal" as const,
            group: "tribal" as const,
            swatch: { fill: COLOURS.tribal, opacity: 0.15, line: COLOURS.tribal, lineWidth: 2, dashed: true },
          },
          {
            key: "legendVillage" as const,
            group: "tribal" as const,
            swatch: { fill: COLOURS.tribal, line: COLOURS.tribalDark, lineWidth: 1, round: true },
          },
        ]
      : []),
    { key: "legendSelected", swatch: { line: COLOURS.selected, lineWidth: 4, casing: COLOURS.casing } },
  ];
}

/**
 * The MapLibre style: plain background, overview fill below Zsel, status fills, borders, tribal
 * lands and villages (when the release has them), selection, tribal names. No `glyphs` URL:
 * MapLibre draws the few label glyphs from the browser's own sans-serif font, so no font file is
 * requested.
 */
export function buildStyle(opts: {
  detailUrl: string;
  overviewUrl?: string;
  tribalUrl?: string;
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
      id: MISSING_HATCH_LAYER,
      type: "fill",
      source: "detail",
      "source-layer": SOURCE_LAYER,
      minzoom: zsel,
      filter: ["boolean", false],
      paint: { "fill-pattern": MISSING_HATCH },
    },
    {
      id: "tract-border",
      type: "line",
      source: "detail",
      "source-layer": SOURCE_LAYER,
      minzoom: 7,
      paint: { "line-color": COLOURS.border, "line-width": 0.5 },
    },
  );
  if (opts.tribalUrl) {
    sources.tribal = { type: "vector", url: `pmtiles://${opts.tribalUrl}`, promoteId: "tribalId" };
    const polygons: ExpressionSpecification = ["==", ["geometry-type"], "Polygon"];
    layers.push(
      {
        id: "tribal-fill",
        type: "fill",
        source: "tribal",
        "source-layer": TRIBAL_SOURCE_LAYER,
        minzoom: TRIBAL_POLYGON_ZOOM,
        filter: polygons,
        paint: { "fill-color": COLOURS.tribal, "fill-opacity": 0.15 },
      },
      {
        id: "tribal-outline",
        type: "line",
        source: "tribal",
        "source-layer": TRIBAL_SOURCE_LAYER,
        minzoom: TRIBAL_POLYGON_ZOOM,
        filter: polygons,
        paint: { "line-color": COLOURS.tribal, "line-width": 2, "line-dasharray": [2, 1.5] },
      },
      {
        id: "tribal-villages",
        type: "circle",
        source: "tribal",
        "source-layer": TRIBAL_SOURCE_LAYER,
        minzoom: TRIBAL_POINT_ZOOM,
        filter: ["==", ["geometry-type"], "Point"],
        paint: {
          "circle-color": COLOURS.tribal,
          "circle-radius": 4,
          "circle-stroke-color": COLOURS.tribalDark,
          "circle-stroke-width": 1.5,
        },
      },
    );
  }
  layers.push(
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
  if (opts.tribalUrl)
    layers.push({
      id: "tribal-labels",
      type: "symbol",
      source: "tribal",
      "source-layer": TRIBAL_SOURCE_LAYER,
      minzoom: TRIBAL_POLYGON_ZOOM,
      filter: ["==", ["geometry-type"], "Polygon"],
      layout: {
        "text-field": tribalLabelExpression,
        "text-font": ["sans-serif"],
        "text-size": 12,
        "text-max-width": 8,
        // One label per land, never over another label.
        "symbol-placement": "point",
        "text-allow-overlap": false,
        "text-padding": 4,
      },
      paint: { "text-color": COLOURS.tribalDark, "text-halo-color": "#ffffff", "text-halo-width": 1.5 },
    });
  return { version: 8, sources, layers };
}

/** Filter that draws the selection outline on one tract (an empty id hides it). */
export const selectionFilter = (geoid: string): ExpressionSpecification => ["==", ["get", "GEOID10"], geoid];
