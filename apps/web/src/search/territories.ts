import type { Bbox } from "../data/release.ts";
import type { MessageKey } from "../i18n.ts";

/** A quick-zoom area (web.md §3.9). */
export interface Territory {
  /** Short visible label. */
  code: string;
  /** Catalogue key of its name ("Zoom to {name}"). */
  name: MessageKey;
  /** State FIPS codes whose tracts the bounds must contain. */
  fips: string[];
  /**
   * `[west, south, east, north]`. Longitudes are continuous rather than wrapped at ±180, so
   * Alaska's Aleutians (west of 180°) have a west edge below −180 and the box stays one piece.
   */
  bounds: Bbox;
}

const LOWER_48 = [
  "01",
  "04",
  "05",
  "06",
  "08",
  "09",
  "10",
  "11",
  "12",
  "13",
  "16",
  "17",
  "18",
  "19",
  "20",
  "21",
  "22",
  "23",
  "24",
  "25",
  "26",
  "27",
  "28",
  "29",
  "30",
  "31",
  "32",
  "33",
  "34",
  "35",
  "36",
  "37",
  "38",
  "39",
  "40",
  "41",
  "42",
  "44",
  "45",
  "46",
  "47",
  "48",
  "49",
  "50",
  "51",
  "53",
  "54",
  "55",
  "56",
];

/** The eight buttons, in the order they are shown. */
export const TERRITORIES: readonly Territory[] = [
  { code: "48", name: "area48", fips: LOWER_48, bounds: [-124.9, 24.4, -66.8, 49.5] },
  { code: "AK", name: "areaAK", fips: ["02"], bounds: [-188.0, 51.0, -129.9, 71.5] },
  { code: "HI", name: "areaHI", fips: ["15"], bounds: [-160.3, 18.85, -154.75, 22.3] },
  { code: "PR", name: "areaPR", fips: ["72"], bounds: [-67.95, 17.85, -65.2, 18.55] },
  { code: "GU", name: "areaGU", fips: ["66"], bounds: [144.6, 13.2, 145.0, 13.7] },
  { code: "VI", name: "areaVI", fips: ["78"], bounds: [-65.1, 17.65, -64.55, 18.45] },
  { code: "AS", name: "areaAS", fips: ["60"], bounds: [-171.15, -14.6, -168.1, -11.0] },
  { code: "MP", name: "areaMP", fips: ["69"], bounds: [144.85, 14.1, 146.1, 20.6] },
];

/** True when `[lon, lat]` lies in `b`, trying the point's longitude ±360 for continuous boxes. */
export function boundsContain(b: Bbox, lon: number, lat: number): boolean {
  if (lat < b[1] || lat > b[3]) return false;
  return [lon, lon - 360, lon + 360].some((x) => x >= b[0] && x <= b[2]);
}
