/**
 * `@cejst/sample`: the bundled synthetic sample. A deterministic generator of dataset folders
 * in the original pipeline's layout, with synthetic tracts inside real counties.
 */

/** The methodology versions a sample folder is written for. */
export type { SampleVersion } from "./dataset-files.ts";
/** Writes `<outDir>/1.0/` and `<outDir>/2.0/` and reports what it wrote. */
export {
  DEFAULT_SAMPLE_TRACTS,
  type GenerateSampleOptions,
  generateSample,
  type SampleSummary,
} from "./generate-sample.ts";
/** Areas of the methodology and the national tract counts the `tracts` option scales. */
export { type Area, areaOf, DEFAULT_COUNTIES, MAX_TRACTS, NATIONAL_COUNTS } from "./geography.ts";
