import type { MethodologyVersion } from "@cejst/methodology";
import { TILE_FIELDS_V2 } from "./tile-fields-data.ts";

/**
 * How a tile property is typed: `float` values are floored to 2 dp; `flag` columns are the
 * nullable booleans the compatibility tiles write as `"1"`/`"0"` (artifacts.md §2.3 rule 3).
 */
export type TileFieldKind = "text" | "float" | "int" | "bool" | "flag";

/** One high-tile property: short code, long source column, kind. */
export interface TileField {
  code: string;
  source: string;
  kind: TileFieldKind;
}

const V2_ONLY = new Set(["SN_C_V10", "SN_GRAND", "FPL200P"]);

/** The tile codes of a methodology version in tile-CSV order: 124 for 2.0, 121 for 1.0. */
export function tileFields(version: MethodologyVersion): readonly TileField[] {
  return version === "2.0" ? TILE_FIELDS_V2 : TILE_FIELDS_V2.filter((f) => !V2_ONLY.has(f.code));
}

const ISLAND_AREAS = new Set(["60", "66", "69", "78"]);

/** `UI_EXP`: which side-panel layout the tract gets. */
export function uiExperience(geoid: string): "Nation" | "Puerto Rico" | "Island Areas" {
  const prefix = geoid.slice(0, 2);
  if (prefix === "72") return "Puerto Rico";
  return ISLAND_AREAS.has(prefix) ? "Island Areas" : "Nation";
}

/** `THRHLD`: how many indicators the side panel shows for the tract. */
export function thresholdCount(geoid: string): number {
  const ui = uiExperience(geoid);
  return ui === "Puerto Rico" ? 10 : ui === "Island Areas" ? 3 : 21;
}

/** True for the Island Areas (no county in the 2010 gazetteer). */
export function isIslandArea(geoid: string): boolean {
  return ISLAND_AREAS.has(geoid.slice(0, 2));
}
