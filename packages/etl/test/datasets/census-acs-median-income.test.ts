/** `census_acs_median_income` on a hand-written geocorr extract, PR tract list and API responses. */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { InputMissingError, InputSchemaError } from "@cejst/schema";
import { runEtl } from "../../src/datasets/run-etl.ts";
import { parseCsvText } from "../../src/io/csv-table.ts";

const fixtures = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../src/datasets/census_acs_median_income/fixtures",
);
const scratch = mkdtempSync(join(tmpdir(), "cejst-ami-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
const sources = (dir: string) => [
  dir,
  join(dir, "msa_median_income.json"),
  join(dir, "state_median_income.json"),
];

test("AMI is the MSA median for Metro tracts, else the state's; PR takes its own median", async () => {
  const { files } = await runEtl({
    dataset: "census_acs_median_income",
    sources: sources(fixtures),
    out: join(scratch, "ok"),
  });
  const t = parseCsvText(readFileSync(files[0]!.path, "utf8"), "usa.csv");
  const rows = new Map(
    t.rows.map((r) => [r[0], Object.fromEntries(t.header.map((h, i) => [h, r[i] ?? ""]))]),
  );
  assert.deepEqual(
    [...rows.keys()],
    ["10001040100", "10005050101", "44009051300", "46001956100", "72001956300", "72001956400"],
  );
  const ami = (g: string) => rows.get(g)!["Area Median Income (State or metropolitan)"];
  // Kent: the named place with most people wins over the larger unnamed remainder.
  assert.equal(rows.get("10001040100")!["Census Place Name"], "Felton town, DE");
  assert.equal(ami("10001040100"), "59000");
  // Two rows for one tract: the larger population's CBSA is kept.
  assert.equal(rows.get("10005050101")!["MSA ID"], "41540");
  assert.equal(ami("10005050101"), "61234");
  // Metro with no MSA median: missing, not the state's.
  assert.equal(ami("44009051300"), "");
  assert.equal(rows.get("46001956100")!["AMI Reference"], "State");
  assert.equal(ami("46001956100"), "58275");
  assert.equal(rows.get("72001956300")!["State Abbreviation"], "PR");
  assert.equal(ami("72001956300"), "20166");
});

test("bad input names file, line and column; a missing response is named", async () => {
  const dir = join(scratch, "broken");
  cpSync(fixtures, dir, { recursive: true });
  const geocorr = join(dir, "geocorr2014_all_states_tracts_only.csv");
  writeFileSync(geocorr, readFileSync(geocorr, "utf8").replace("3000,1", "3k,1"));
  await assert.rejects(
    runEtl({ dataset: "census_acs_median_income", sources: sources(dir), out: join(scratch, "b1") }),
    (e: unknown) => e instanceof InputSchemaError && e.line === 3 && e.field === "pop10",
  );
  writeFileSync(
    geocorr,
    readFileSync(join(fixtures, "geocorr2014_all_states_tracts_only.csv"), "utf8").replace(
      "0513.00",
      "513.00",
    ),
  );
  await assert.rejects(
    runEtl({ dataset: "census_acs_median_income", sources: sources(dir), out: join(scratch, "b2") }),
    (e: unknown) => e instanceof InputSchemaError && e.line === 8 && e.field === "tract",
  );
  await assert.rejects(
    runEtl({
      dataset: "census_acs_median_income",
      sources: [fixtures, join(fixtures, "state_median_income.json")],
      out: join(scratch, "b3"),
    }),
    InputMissingError,
  );
});
