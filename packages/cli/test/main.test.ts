import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { createEdgeServer, type EdgeServer } from "@cejst/edge";
import { openStore, readChannel, releaseChannel, rollbackChannel } from "@cejst/release";
import { parse } from "csv-parse/sync";
import { runCli } from "../src/index.ts";

// The main job end to end on a small sample, then the published data read back over real
// HTTP through the edge server, as a third-party user would.
let work: string;
let edge: EdgeServer;
let port: number;

function get(
  path: string,
  host: string,
): Promise<{ status: number; body: Buffer; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), "cejst-main-"));
  // A one-page site stands in for the web app, which has its own browser tests.
  const site = join(work, "site");
  await mkdir(site, { recursive: true });
  await writeFile(
    join(site, "index.html"),
    '<!doctype html><html lang="en"><title>cejst</title><p id="marker">site</p></html>\n',
  );
  const err: string[] = [];
  const code = await runCli(
    ["main", "--no-serve", "--work", join(work, "run"), "--tracts", "300", "--site", site],
    {
      stdout: () => {},
      stderr: (t) => err.push(t),
      isTTY: false,
      cwd: work,
      env: {},
    },
  );
  assert.equal(code, 0, err.join(""));
  edge = createEdgeServer({
    store: openStore(join(work, "run", "store"), { cwd: work }),
    domains: {
      channels: { production: ["cejst.localhost"] },
      stagingBase: "staging.cejst.localhost",
      dataHost: "data.cejst.localhost",
    },
  });
  port = await edge.listen(0, "127.0.0.1");
});

after(async () => {
  await edge?.close();
  await rm(work, { recursive: true, force: true });
});

for (const version of ["1.0", "2.0"]) {
  test(`main publishes ${version}; every download listed in its manifest verifies over HTTP`, async () => {
    const res = await get(`/data-versions/${version}/manifest.json`, "data.cejst.localhost");
    assert.equal(res.status, 200);
    const manifest = JSON.parse(res.body.toString("utf8")) as {
      content: {
        methodology: string;
        synthetic: boolean;
        files: { path: string; sha256: string; bytes: number }[];
      };
    };
    assert.equal(manifest.content.methodology, version);
    assert.equal(manifest.content.synthetic, true, "the sample is labelled synthetic");
    const downloads = manifest.content.files.filter((f) => f.path.includes("downloadable/"));
    assert.ok(downloads.length > 0, "the release has downloads");
    for (const f of downloads) {
      const file = await get(`/data-versions/${version}/${f.path}`, "data.cejst.localhost");
      assert.equal(file.status, 200, f.path);
      assert.equal(file.body.length, f.bytes, f.path);
      assert.equal(createHash("sha256").update(file.body).digest("hex"), f.sha256, f.path);
    }
  });
}

test("2.0 keeps every 1.0 disadvantaged tract (grandfathering through the main job)", async () => {
  const read = async (v: string) => {
    const res = await get(`/data-versions/${v}/data/score/csv/full/usa.csv`, "data.cejst.localhost");
    assert.equal(res.status, 200);
    const [cols = [], ...rows] = parse(res.body.toString("utf8")) as string[][];
    const geoid = cols.indexOf("GEOID10_TRACT");
    const final = cols.indexOf("Definition N community, including adjacency index tracts");
    assert.ok(geoid >= 0 && final >= 0, "score table has GEOID and the final flag");
    return new Map(rows.map((c) => [c[geoid], c[final]]));
  };
  const v1 = await read("1.0");
  const v2 = await read("2.0");
  let kept = 0;
  for (const [g, f] of v1) {
    if (f === "True") {
      assert.equal(v2.get(g), "True", `${g} is disadvantaged in 1.0 and must stay so in 2.0`);
      kept++;
    }
  }
  assert.ok(kept > 0, "the sample has 1.0 disadvantaged tracts");
});

test("production serves the 2.0 distribution; rollback to the 1.0 distribution works and is undone", async () => {
  const store = openStore(join(work, "run", "store"), { cwd: work });
  const config = async () => {
    const res = await get("/config.json", "cejst.localhost");
    assert.equal(res.status, 200);
    return {
      dist: String(res.headers["x-cejst-distribution"]),
      body: JSON.parse(res.body.toString("utf8")) as unknown,
    };
  };
  const version = (c: unknown) => (c as { data: { defaultVersion: string } }).data.defaultVersion;
  const live = await config();
  assert.equal(version(live.body), "2.0", "production is bound to 2.0");
  const page = await get("/", "cejst.localhost");
  assert.equal(page.status, 200);
  assert.match(page.body.toString("utf8"), /id="marker"/);
  const actor = { name: "Test Operator", email: "op@example.org" };
  await rollbackChannel(store, { channel: "production", actor, reason: "smoke test" });
  const back = await config();
  assert.notEqual(back.dist, live.dist, "rollback switched the distribution");
  assert.equal(version(back.body), "1.0", "after rollback production is bound to 1.0");
  const head = (await readChannel(store, "production")).head;
  assert.ok(head);
  await releaseChannel(store, {
    channel: "production",
    distribution: live.dist,
    actor,
    requireVerification: false,
    reason: "undo",
  });
  const again = await config();
  assert.equal(again.dist, live.dist, "the release undid the rollback");
  assert.equal(version(again.body), "2.0");
});

test("the scored data came from the raw sample through etl all and its download cache", async () => {
  const run = join(work, "run");
  const config = JSON.parse(await readFile(join(run, "raw", "sources.json"), "utf8")) as {
    sources: { name: string; files: { url: string; sha256: string; bytes: number }[] }[];
  };
  const names = config.sources.map((s) => s.name);
  assert.ok(names.includes("census") && names.includes("census_acs"), names.join(", "));
  for (const s of config.sources)
    for (const f of s.files) {
      const cached = await readFile(join(run, "cache", "sha256", f.sha256));
      assert.equal(cached.length, f.bytes, `${s.name}: ${f.url}`);
    }
  for (const v of ["1.0", "2.0"]) {
    const tracts = (await readFile(join(run, "data", v, "census/csv/us.csv"), "utf8")).trim().split("\n");
    assert.ok(tracts.length >= 250, `${v}: ${tracts.length} tracts from the TIGER archives`);
    const island = v === "2.0" ? "census_decennial_2020" : "census_decennial_2010";
    for (const name of ["census_acs", "ejscreen", "tribal_overlap", island]) {
      const rows = (await readFile(join(run, "data", v, "dataset", name, "usa.csv"), "utf8"))
        .trim()
        .split("\n");
      assert.ok(rows.length > 1, `${v} ${name}: ${rows.length - 1} rows`);
    }
  }
});

test("the change reports check the site build they were approved with (R22 computed)", async () => {
  for (const pair of ["none__1.0", "1.0__2.0"]) {
    const report = JSON.parse(await readFile(join(work, "run", "reports", pair, "report.json"), "utf8")) as {
      siteReferences: { computed?: boolean; source?: { kind: string } };
    };
    assert.notEqual(
      report.siteReferences.computed,
      false,
      `${pair}: ${JSON.stringify(report.siteReferences)}`,
    );
    assert.equal(report.siteReferences.source?.kind, "dir", pair);
  }
});
