/**
 * Regenerates the committed dataset folder `fixtures/small-county/data/` (24 tracts: a
 * 20-tract grid in one county with one water-only tract, plus a Puerto Rico tract and two
 * Guam tracts, one of them water-only). The folder is committed so the golden test reads
 * fixed bytes; rerun this only to change the fixture on purpose, then review the goldens.
 *
 * Usage: npx tsx packages/etl/test/score/make-fixture.ts
 */
import { rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeSyntheticDataset } from "./synthetic-dataset.ts";

const SMALL_COUNTY_GEOIDS = [
  ...Array.from({ length: 20 }, (_, i) => `24027${String(600100 + i * 100).padStart(6, "0")}`),
  "24027990000",
  "72001956300",
  "66010951100",
  "66010990000",
];

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, "fixtures/small-county");
await rm(join(dir, "data"), { recursive: true, force: true });
await writeSyntheticDataset(join(dir, "data"), SMALL_COUNTY_GEOIDS, { seed: 2024, missingShare: 0.05 });
// 1.0 results in the published 4-column form: three tracts flagged, one tract absent.
const v1 = SMALL_COUNTY_GEOIDS.filter((g) => g !== "24027601500").map(
  (g, i) => `${g},${1000 + i}.0,${i % 2 === 0 ? "True" : "False"},${i < 3 ? "True" : "False"}`,
);
await writeFile(
  join(dir, "v1-results.csv"),
  `GEOID10_TRACT,Total population,Is low income (imputed and adjusted)?,"Definition N community, including adjacency index tracts"\n${v1.join("\n")}\n`,
);
