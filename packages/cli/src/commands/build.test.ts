import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { after, test } from "node:test";
import { writeFixtureFolders } from "../../../artifacts/test/score-fixture.ts";
import { recordEffects } from "../../test/record-effects.ts";
import { runCli } from "../run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "cejst-cli-build-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const record = () => recordEffects(dir);

test("cejst build --help documents the flags", async () => {
  const r = record();
  assert.equal(await runCli(["build", "--help"], r.fx), 0);
  assert.match(r.out.join(""), /--score[\s\S]*--data[\s\S]*--methodology[\s\S]*--out/);
});

test("cejst build writes a release folder with a manifest, and refuses to overwrite it", async () => {
  await writeFixtureFolders(join(dir, "in"), "2.0");
  const args = [
    "build",
    "--score",
    "in/score-out",
    "--data",
    "in/data",
    "--methodology",
    "2.0",
    "--out",
    "rel",
    "--json",
  ];
  const r = record();
  assert.equal(await runCli(args, r.fx), 0, r.err.join(""));
  const result = JSON.parse(r.out.join("").trim().split("\n").at(-1) ?? "{}") as {
    type: string;
    counts: { tracts: number };
  };
  assert.equal(result.type, "result");
  assert.equal(result.counts.tracts, 6);
  assert.ok(existsSync(join(dir, "rel", "data/score/downloadable/2.0-communities.csv")));
  const manifest = JSON.parse(readFileSync(join(dir, "rel", "manifest.json"), "utf8")) as {
    content: { label: string };
  };
  assert.equal(manifest.content.label, "2.0");
  const again = record();
  assert.equal(await runCli(args, again.fx), 106);
});

test("cejst build: bad flags exit 2, a missing score exits 101", async () => {
  const r = record();
  assert.equal(
    await runCli(["build", "--score", "x", "--data", "y", "--methodology", "3.0", "--out", "o"], r.fx),
    2,
  );
  const m = record();
  assert.equal(
    await runCli(
      ["build", "--score", "nowhere", "--data", "in/data", "--methodology", "2.0", "--out", "o2"],
      m.fx,
    ),
    101,
  );
  assert.ok(!existsSync(join(dir, "o2")));
});

test("cejst build --tribal: a missing input exits 101, a bad feature exits 102 naming file and field", async () => {
  await writeFixtureFolders(join(dir, "in"), "2.0");
  const base = ["build", "--score", "in/score-out", "--data", "in/data", "--methodology", "2.0"];
  const help = record();
  assert.equal(await runCli(["build", "--help"], help.fx), 0);
  assert.match(help.out.join(""), /--tribal <path>/);
  const missing = record();
  assert.equal(await runCli([...base, "--out", "t1", "--tribal", "no-such.json"], missing.fx), 101);
  assert.ok(!existsSync(join(dir, "t1")));
  writeFileSync(
    join(dir, "tribal-bad.json"),
    JSON.stringify({
      type: "FeatureCollection",
      features: [{ type: "Feature", properties: { LARID: 1 }, geometry: null }],
    }),
  );
  const bad = record();
  assert.equal(await runCli([...base, "--out", "t2", "--tribal", "tribal-bad.json"], bad.fx), 102);
  assert.match(bad.err.join(""), /tribal-bad\.json.*LARName/s);
  assert.ok(!existsSync(join(dir, "t2")));
});

test("cejst build --tile-dirs writes the .pbf trees beside the release, never inside it", async () => {
  await writeFixtureFolders(join(dir, "in"), "2.0");
  const base = ["build", "--score", "in/score-out", "--data", "in/data", "--methodology", "2.0"];
  const r = record();
  assert.equal(
    await runCli([...base, "--out", "td-rel", "--tile-dirs", "td-tiles"], r.fx),
    0,
    r.err.join(""),
  );
  const tree = readdirSync(join(dir, "td-tiles", "data/score/tiles/high"), { recursive: true }).map(String);
  assert.ok(tree.some((p) => /^11\/\d+\/\d+\.pbf$/.test(p.split(sep).join("/"))));
  const release = readdirSync(join(dir, "td-rel"), { recursive: true }).map(String);
  assert.deepEqual(
    release.filter((p) => p.endsWith(".pbf")),
    [],
  );
  assert.ok(release.some((p) => p.endsWith("usa_high.pmtiles")));
  const again = record();
  assert.equal(await runCli([...base, "--out", "td-rel2", "--tile-dirs", "td-tiles"], again.fx), 106);
  assert.match(again.err.join(""), /td-tiles already exists/);
  assert.ok(!existsSync(join(dir, "td-rel2")));
});
