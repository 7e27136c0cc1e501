/**
 * Test fixture shared by the table tests: the tract table's columns in the order the shards
 * list them (artifacts.md §4.4). `test-fixture.test.ts` holds it equal to the columns the
 * artifacts build writes, so the fixtures cannot drift from the published format.
 */
export const TABLE_COLUMNS = [
  "geoid",
  "county",
  "population",
  "mapped",
  "identified",
  "grandfathered",
  "identifiedEarlier",
  "categoriesMet",
  "thresholdsMet",
  "lowIncomePercentile",
  "lowIncome",
  "tribalIdentified",
  "tribalShare",
  "alaskaTribalAreas",
  "climate",
  "energy",
  "health",
  "housing",
  "legacyPollution",
  "transportation",
  "water",
  "workforce",
] as const;
