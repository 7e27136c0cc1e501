import type { MethodologyVersion } from "@cejst/methodology";
import { DOWNLOAD_FIELDS_V2 } from "./download-fields-data.ts";

/** Formatting rule of a download column (artifacts.md §3.2). */
export type DownloadFormat = "string" | "bool" | "int64" | "float" | "percentage" | "loss_rate_percentage";

/** One download column: output header, source score column, formatting rule. */
export interface DownloadField {
  label: string;
  score: string;
  format: DownloadFormat;
}

const V2_ONLY = new Set([
  "Definition N community, including adjacency index tracts v1.0",
  "Grandfathered Definition N (communities) from v1.0",
  "Estimated population count of off-campus university students <200% FPL",
]);

/**
 * The download columns of a methodology version, in output order: 136 for 2.0, 133 for 1.0
 * (artifacts.md §1.7). In 1.0 the Island Areas columns were labelled with their score
 * column name ("2009"), which 2.0 relabelled "2019".
 */
export function downloadFields(version: MethodologyVersion): readonly DownloadField[] {
  if (version === "2.0") return DOWNLOAD_FIELDS_V2;
  return DOWNLOAD_FIELDS_V2.filter((f) => !V2_ONLY.has(f.score)).map((f) =>
    f.label.includes("2019 (island areas)") ? { ...f, label: f.score } : f,
  );
}
