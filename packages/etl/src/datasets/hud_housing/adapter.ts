import type { DatasetAdapter } from "../types.ts";
import { extractHudHousing, type HudHousingRaw } from "./extract.ts";
import { HUD_COLUMNS, transformHudHousing } from "./transform.ts";

/** HUD CHAS 2014–2018, tract tables 3 and 8. */
export const hudHousing: DatasetAdapter<HudHousingRaw> = {
  id: "hud_housing",
  title: "HUD CHAS 2014-2018: housing cost burden, kitchen and plumbing",
  outputs: ["dataset/hud_housing/usa.csv"],
  columns: HUD_COLUMNS,
  sourceHint: "2014thru2018-140-csv.zip (or its 140/ folder with Table3.csv and Table8.csv)",
  extract: extractHudHousing,
  transform: transformHudHousing,
};
