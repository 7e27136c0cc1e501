import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { createBuildManifest, FsStore, publish } from "@cejst/release";
import { recordEffects } from "../../test/record-effects.ts";
import { runCli } from "../run-cli.ts";

const temps: string[] = [];
after(async () => {
  for (const t of temps) await rm(t, { recursive: true, force: true });
});

async function temp(prefix: string): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}

async function put(dir: string, path: string, body: string) {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), body);
}

/** An fs store with 1.0 and 2.0: two tracts, the second flips to identified in 2.0. */
async function storeWithVersions(): Promise<string> {
  const root = await temp("cejst-cli-compare-store-");
  const store = new FsStore(root);
  for (const [label, flip] of [
    ["1.0", "False"],
    ["2.0", "True"],
  ] as const) {
    const build = await temp("cejst-cli-compare-build-");
    await put(
      build,
      "data/score/csv/full/usa.csv",
      `GEOID10_TRACT,Total population,Percent enrollment in college or graduate school,"Definition N community, including adjacency index tracts"\n01001000100,100.0,0.7,True\n01001000200,100.0,0.1,${flip}\n`,
    );
    await put(build, `data/score/downloadable/${label}-communities.csv`, "x\n");
    await createBuildManifest(build, { label, methodology: label, synthetic: true });
    await publish(store, { version: label, buildDir: build, allowUnfrozen: true, actor: { name: "t" } });
  }
  return root;
}

test("compare writes the bundle, checks --site, and --strict turns a missing reference into 103", async () => {
  const root = await storeWithVersions();
  const site = await temp("cejst-cli-compare-site-");
  await put(
    site,
    "cejst-site.json",
    JSON.stringify({ immutablePrefixes: [], requiredData: ["tiles-detail"] }),
  );
  await put(site, "index.html", '<a href="data/score/downloadable/2.0-communities.csv">CSV</a>');
  const out = await temp("cejst-cli-compare-out-");
  const config = join(out, "config.json");
  await writeFile(config, JSON.stringify({ spotChecks: ["01001000200"], populationShareMax: 1 }));
  const r = recordEffects(root, { CEJST_STORE: root, CEJST_ACTOR: "A <a@example.org>" });
  const args = ["compare", "1.0", "2.0", "--site", site, "--config", config, "--out", join(out, "r")];
  assert.equal(await runCli([...args, "--json"], r.fx), 0, r.err.join(""));
  const result = JSON.parse(r.out.at(-1)!) as { report: string; gates: { id: string; passed: boolean }[] };
  assert.match(result.report, /^sha256:[0-9a-f]{64}$/);
  assert.equal(result.gates.find((g) => g.id === "site.referencesPresent")?.passed, false);
  const json = JSON.parse(await readFile(join(out, "r", "report.json"), "utf8")) as {
    spotChecks: { tracts: { geoid: string; changed: boolean }[] };
    siteReferences: { items: { item: string; present: string }[] };
  };
  assert.deepEqual(
    json.spotChecks.tracts.map((t) => [t.geoid, t.changed]),
    [["01001000200", true]],
  );
  assert.deepEqual(
    json.siteReferences.items.map((i) => [i.item, i.present]),
    [
      ["tiles-detail", "no"],
      ["data/score/downloadable/2.0-communities.csv", "yes"],
    ],
  );
  assert.equal(await runCli([...args, "--strict"], r.fx), 103);
  assert.match(r.err.join(""), /site\.referencesPresent/);
});

test("compare refuses a missing --site folder and a config field of the wrong type with 2", async () => {
  const root = await storeWithVersions();
  const r = recordEffects(root, { CEJST_STORE: root });
  assert.equal(await runCli(["compare", "1.0", "2.0", "--site", join(root, "nope")], r.fx), 2);
  assert.match(r.err.join(""), /--site must be a site build folder/);
  // a digest names a deployed build; one that was never deployed is a verification failure
  assert.equal(await runCli(["compare", "1.0", "2.0", "--site", `sha256:${"0".repeat(64)}`], r.fx), 110);
  assert.match(r.err.join(""), /no site build sha256:0{64} was deployed/);
  const config = join(root, "bad.json");
  await writeFile(config, JSON.stringify({ tileSample: "many" }));
  assert.equal(await runCli(["compare", "1.0", "2.0", "--config", config], r.fx), 2);
  assert.match(r.err.join(""), /tileSample must be a whole number/);
  assert.equal(await runCli(["compare", "--help"], r.fx), 0);
  assert.match(r.out.join(""), /--site DIR/);
});
