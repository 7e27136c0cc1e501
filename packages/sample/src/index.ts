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
/**
 * Writes the sample as raw source files in their published formats, laid out as a mirror of
 * the origin URLs, with `sources.json` / `sources-1.0.json` for `cejst etl all`.
 */
export {
  type GenerateRawSampleOptions,
  generateRawSample,
  type RawSampleSummary,
} from "./raw/generate-raw-sample.ts";
/** The raw files themselves, and the path a mirror serves an origin URL at. */
export { mirrorPath, type RawSourceFile, rawSourceFiles } from "./raw/raw-sources.ts";
/** A static HTTP server of a mirror folder on 127.0.0.1 (for `cejst main` and tests). */
export { type MirrorServer, serveMirror } from "./raw/serve-mirror.ts";
