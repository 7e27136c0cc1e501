import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { freezeLabel, makeBuild } from "../test/builds.ts";
import { approve } from "./approve.ts";
import { sha256Digest } from "./bytes.ts";
import { canonicalJson } from "./canonical-json.ts";
import { deploySite, stagingLabel } from "./deploy-site.ts";
import { MemoryStore } from "./memory-store.ts";
import { publish } from "./publish.ts";
import type { Store } from "./store.ts";

const actor = { name: "Deployer" };
const dec = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

const sites: string[] = [];
after(async () => {
  for (const d of sites) await rm(d, { recursive: true, force: true });
});

async function site(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "cejst-site-"));
  sites.push(dir);
  for (const [p, body] of Object.entries(files)) {
    await mkdir(dirname(join(dir, p)), { recursive: true });
    await writeFile(join(dir, p), body);
  }
  return dir;
}

const decl = JSON.stringify({
  immutablePrefixes: ["assets/"],
  requiredData: ["data/score/csv/full/usa.csv"],
  notFound: "404.html",
});

async function world() {
  const store = new MemoryStore();
  const b1 = await makeBuild("1.0", await freezeLabel(store, "1.0"), "one");
  const r1 = await publish(store, { version: "1.0", buildDir: b1.dir });
  const index = {
    schema: "cejst.report-bundle/1",
    baseline: null,
    candidate: { version: "1.0", manifest: r1.digest },
    files: [],
  };
  const report = sha256Digest(canonicalJson(index));
  await store.putIfAbsent(
    `reports/${report.slice(7)}/bundle.json`,
    new TextEncoder().encode(JSON.stringify(index)),
    {},
  );
  await approve(store, { version: "1.0", report, decision: "approved", approver: { name: "A" } });
  const b2 = await makeBuild("2.0", await freezeLabel(store, "2.0"), "two");
  await publish(store, { version: "2.0-rc.1", buildDir: b2.dir });
  return store;
}

async function allText(store: Store, prefix: string): Promise<string> {
  let out = "";
  for await (const info of store.list(prefix)) out += dec((await store.get(info.key))?.body);
  return out;
}

test("deploy-site uploads the site, writes two config variants and the record; the staging host appears nowhere else", async () => {
  const store = await world();
  const dir = await site({
    "index.html": "<h1>hi</h1>",
    "404.html": "nope",
    "assets/app-1a2b.js": "console.log(1)",
    "cejst-site.json": decl,
  });
  const r = await deploySite(store, {
    dataVersion: "2.0-rc.1",
    siteDir: dir,
    offers: [{ version: "1.0", status: "previous" }],
    settings: { contact: { email: "team@example.org" } },
    stagingBase: "staging.localhost",
    actor,
  });
  assert.match(r.record.id, /^dst_[0-9A-Z]{26}$/);
  assert.match(r.stagingUrl, /^https:\/\/[a-z2-7]{26}\.staging\.localhost\/$/);
  const staging = JSON.parse(
    dec((await store.get(`distributions/${r.record.id}/config.staging.json`))?.body),
  );
  const production = JSON.parse(
    dec((await store.get(`distributions/${r.record.id}/config.production.json`))?.body),
  );
  assert.deepEqual(staging.data.versions, [
    { id: "2.0-rc.1", status: "candidate" },
    { id: "1.0", status: "previous" },
  ]);
  assert.equal(staging.site.environment, "staging");
  // The variants differ in exactly the environment and the bound version's status.
  staging.site.environment = "production";
  staging.data.versions[0].status = "current";
  assert.deepEqual(staging, production);
  assert.equal(production.contact.email, "team@example.org");
  assert.ok(await store.head("site-assets/assets/app-1a2b.js"));
  assert.ok(await store.head(`site-builds/${r.siteDigest.slice(7)}/index.html`));
  assert.ok(await store.head(`distributions/${r.record.id}/record.json`));
  // requiredData travels with the build, so a change report can read it from the store
  const siteManifest = JSON.parse(
    dec((await store.get(`site-builds/${r.siteDigest.slice(7)}/site-manifest.json`))?.body),
  );
  assert.deepEqual(siteManifest.content.requiredData, ["data/score/csv/full/usa.csv"]);
  assert.equal(sha256Digest(canonicalJson(siteManifest.content)), r.siteDigest);
  const host = r.record.stagingHost!;
  for (const prefix of ["site-", "data-versions/", `distributions/${r.record.id}/config.`]) {
    assert.ok(!(await allText(store, prefix)).includes(host), `staging host leaked under ${prefix}`);
  }
});

test("deploy-site refuses: unknown version, reserved path, missing required data, a changed hashed asset", async () => {
  const store = await world();
  const ok = await site({ "index.html": "x", "assets/a-1.js": "one", "cejst-site.json": decl });
  const base = { offers: [], stagingBase: "staging.localhost", actor };
  await assert.rejects(
    deploySite(store, { ...base, dataVersion: "9.0", siteDir: ok }),
    /unknown data version/,
  );
  const reserved = await site({ "index.html": "x", "config.json": "{}" });
  await assert.rejects(
    deploySite(store, { ...base, dataVersion: "1.0", siteDir: reserved }),
    /reserved path config\.json/,
  );
  const needy = await site({
    "index.html": "x",
    "cejst-site.json": JSON.stringify({ immutablePrefixes: [], requiredData: ["data/nothing.csv"] }),
  });
  await assert.rejects(
    deploySite(store, { ...base, dataVersion: "1.0", siteDir: needy }),
    /1\.0: data\/nothing\.csv/,
  );
  await deploySite(store, { ...base, dataVersion: "1.0", siteDir: ok });
  const clash = await site({ "index.html": "x", "assets/a-1.js": "two", "cejst-site.json": decl });
  await assert.rejects(
    deploySite(store, { ...base, dataVersion: "1.0", siteDir: clash }),
    /VERIFY_FAILED: site file site-assets\/assets\/a-1\.js/,
  );
});

test("staging labels: 1,000 distinct, 26 lowercase base32 characters", () => {
  const labels = new Set(Array.from({ length: 1000 }, stagingLabel));
  assert.equal(labels.size, 1000);
  for (const l of labels) assert.match(l, /^[a-z2-7]{26}$/);
});
