/**
 * How the score parses each source column (methodology.md §1.3, §15.1): most are float64;
 * a few are tri-state booleans; the rest are text carried as read.
 */

/**
 * The tri-state booleans of methodology.md §1.3 (true / false / null), and the two yes/no
 * inputs of the score table's first group, which are written back as `True`/`False`.
 */
export const FLAG_COLUMNS: ReadonlySet<string> = new Set([
  "Does the tract have at least 35 acres in it?",
  "Contains agricultural value",
  "Is there at least one abandoned mine in this census tract?",
  "Income data has been estimated based on neighbor income",
  "Is there at least one Formerly Used Defense Site (FUDS) in the tract?",
  "Tract-level redlining score meets or exceeds 3.25",
  "Identified as disadvantaged due to tribal overlap",
  "Definition N community, including adjacency index tracts v1.0",
]);

/**
 * Columns read as text: the tribal area names (§15.1 group 1) and the labels and codes of the income reference table and the island file, which the score
 * does not rank. Reading them as text keeps a folder written by the original pipeline
 * (which stores some of them as `True`/`False` or codes with leading zeros) valid.
 */
export const TEXT_COLUMNS: ReadonlySet<string> = new Set([
  "Names of Tribal areas within Census tract",
  "Census Place Name",
  "County Name",
  "State Abbreviation",
  "Metropolitan/Micropolitan Statistical Area Name",
  "MSA ID",
  "MSA Type",
  "GEOID2",
  "AMI Reference",
  "Tract-level redlining score meets or exceeds 3.5",
  "Tract-level redlining score meets or exceeds 3.75",
  "Income data has been estimated based on neighbor income in 2009 (island areas)",
]);

/** How a source column is parsed. */
export type InputColumnKind = "numeric" | "flag" | "text";

/** The parse kind of a source column: flag, text, or (everything else) numeric. */
export function inputColumnKind(name: string): InputColumnKind {
  if (FLAG_COLUMNS.has(name)) return "flag";
  if (TEXT_COLUMNS.has(name)) return "text";
  return "numeric";
}
