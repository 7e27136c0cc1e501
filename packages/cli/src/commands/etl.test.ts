import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { recordEffects } from "../../test/record-effects.ts";
import { runCli } from "../run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "cejst-cli-etl-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const record = () => recordEffects(dir);

const HEADER = "Year,StateAbbr,LocationName,Measure,Data_Value,LocationID";
const measures = [
  "Diagnosed diabetes among adults aged >=18 years",
  "Current asthma among adults aged >=18 years",
  "Coronary heart disease among adults aged >=18 years",
  "Cancer (excluding skin cancer) among adults aged >=18 years",
  "Current lack of health insurance among adults aged 18-64 years",
  "Physical health not good for >=14 days among adults aged >=18 years",
];
const rows = (id: string, value: string) =>
  measures.map((m, i) => `2019,AL,${id},${m},${i === 2 ? value : "10.5"},${id}`);

test("cejst etl --help lists the datasets", async () => {
  const r = record();
  assert.equal(await runCli(["etl", "--help"], r.fx), 0);
  assert.match(r.out.join(""), /national_risk_index[\s\S]*hud_housing[\s\S]*cdc_places[\s\S]*ejscreen/);
});

test("cejst etl writes dataset/<name>/usa.csv with paths relative to the working folder", async () => {
  writeFileSync(join(dir, "census_tract.csv"), [HEADER, ...rows("01001020100", "7.25")].join("\n"));
  const r = record();
  assert.equal(
    await runCli(["etl", "cdc_places", "--source", "census_tract.csv", "--out", "out"], r.fx),
    0,
    r.err.join(""),
  );
  const text = readFileSync(join(dir, "out/dataset/cdc_places/usa.csv"), "utf8");
  assert.equal(text.split("\n")[1], "01001020100,10.5,10.5,7.25,10.5,10.5,10.5");
});

test("bad input exits 102 naming file, line and column, and writes nothing", async () => {
  writeFileSync(join(dir, "bad.csv"), [HEADER, ...rows("01001020100", "seven")].join("\n"));
  const r = record();
  assert.equal(await runCli(["etl", "cdc_places", "--source", "bad.csv", "--out", "out-bad"], r.fx), 102);
  assert.match(r.err.join(""), /bad\.csv:line 4: column "Data_Value" value is not a number \(got "seven"\)/);
  assert.equal(existsSync(join(dir, "out-bad")), false);
});

test("a missing source exits 101, an unknown dataset or missing flag exits 2", async () => {
  let r = record();
  assert.equal(await runCli(["etl", "ejscreen", "--source", "nope.zip", "--out", "o"], r.fx), 101);
  r = record();
  assert.equal(await runCli(["etl", "no_such_dataset", "--source", "x", "--out", "o"], r.fx), 2);
  assert.match(r.err.join(""), /unknown dataset "no_such_dataset"/);
  r = record();
  assert.equal(await runCli(["etl", "ejscreen", "--out", "o"], r.fx), 2);
});
