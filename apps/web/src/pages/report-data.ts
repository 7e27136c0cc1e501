import type { TractRecord } from "../data/release.ts";
import { decodeBool, decodeNumber } from "../decode.ts";
import { normaliseTractId } from "../format.ts";

/** Beyond this many tracts a report is refused past the limit (web.md §4.4: a guard, not a cap of 20). */
export const REPORT_MAX_TRACTS = 5000;
/** Up to this many tracts each gets its answer and reasons; beyond it, the table only. */
export const REPORT_DETAIL_TRACTS = 10;

/** The tract ids of `?tracts=`: normalised, unique, in the order given; `rejected` are not tract ids. */
export function parseTractList(param: string | null): { ids: string[]; rejected: string[] } {
  const ids: string[] = [];
  const rejected: string[] = [];
  for (const raw of (param ?? "").split(",")) {
    const text = raw.trim();
    if (text === "") continue;
    const id = normaliseTractId(text);
    if (id === undefined) rejected.push(text);
    else if (!ids.includes(id)) ids.push(id);
  }
  return { ids, rejected };
}

/** Counts of the area summary (web.md §4.4), from the tracts' published tile values only. */
export interface ReportSummary {
  tracts: number;
  identified: number;
  grandfathered: number;
  tribal: number;
  population: number;
  identifiedPopulation: number;
  /** Tracts whose population is not published: counted apart and named. */
  unknownPopulation: string[];
}

/** The area summary of some tract records: whole tracts, no area weighting. */
export function summarise(records: readonly TractRecord[]): ReportSummary {
  const s: ReportSummary = {
    tracts: records.length,
    identified: 0,
    grandfathered: 0,
    tribal: 0,
    population: 0,
    identifiedPopulation: 0,
    unknownPopulation: [],
  };
  for (const r of records) {
    const identified = decodeBool(r.tile.SN_C) === true;
    if (identified) s.identified++;
    if (decodeBool(r.tile.SN_GRAND) === true) s.grandfathered++;
    if ((decodeNumber(r.tile.TA_PERC) ?? 0) > 0 || (decodeNumber(r.tile.TA_COUNT_AK) ?? 0) > 0) s.tribal++;
    const pop = decodeNumber(r.tile.TPF);
    if (pop === undefined) s.unknownPopulation.push(r.geoid);
    else {
      s.population += pop;
      if (identified) s.identifiedPopulation += pop;
    }
  }
  return s;
}
