import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { createBuildManifest, FsStore, publish, readDistribution } from "@cejst/release";
import { runCli } from "../run-cli.ts";

const temps: string[] = [];
after(async () => {
  for (const t of temps) await rm(t, { recursive: true, force: true });
});

test("cejst deploy-site creates a distribution; in CI the staging address is masked; no staging base is USAGE", async () => {
  const root = await mkdtemp(join(tmpdir(), "cejst-cli-deploy-"));
  const build = await mkdtemp(join(tmpdir(), "cejst-cli-deploy-build-"));
  const site = await mkdtemp(join(tmpdir(), "cejst-cli-deploy-site-"));
  temps.push(root, build, site);
  await mkdir(join(build, "data"));
  await writeFile(join(build, "data", "a.csv"), "v\n1\n");
  await createBuildManifest(build, { label: "1.0" });
  await publish(new FsStore(root), { version: "1.0-rc.1", buildDir: build, allowUnfrozen: true });
  await mkdir(join(site, "assets"));
  await writeFile(join(site, "index.html"), "<p>hi</p>");
  await writeFile(join(site, "assets", "app-1.js"), "1");
  const out: string[] = [];
  const err: string[] = [];
  const env: Record<string, string> = { CEJST_STORE: root, CI: "true" };
  const fx = {
    stdout: (t: string) => out.push(t),
    stderr: (t: string) => err.push(t),
    isTTY: false,
    cwd: root,
    env,
  };
  assert.equal(await runCli(["deploy-site", "--data-version", "1.0-rc.1", "--site", site], fx), 2);
  assert.match(err.join(""), /staging base/);
  env.CEJST_STAGING_BASE = "staging.localhost";
  assert.equal(
    await runCli(["deploy-site", "--data-version", "1.0-rc.1", "--site", site, "--offer", "x=current"], fx),
    2,
  );
  assert.equal(
    await runCli(["deploy-site", "--data-version", "1.0-rc.1", "--site", site], fx),
    0,
    err.join(""),
  );
  const text = out.join("");
  assert.match(text, /staging https:\/\/\*\*\*\*\.staging\.localhost\//);
  const id = /distribution (dst_\w+)/.exec(text)?.[1];
  assert.ok(id);
  const rec = await readDistribution(new FsStore(root), id);
  assert.equal(rec?.data.version, "1.0-rc.1");
  assert.ok(!text.includes(rec!.stagingHost!));
});

test("cejst deploy-site --offer none offers no other version and cannot be mixed with offers", async () => {
  const root = await mkdtemp(join(tmpdir(), "cejst-cli-deploy-"));
  const build = await mkdtemp(join(tmpdir(), "cejst-cli-deploy-build-"));
  const site = await mkdtemp(join(tmpdir(), "cejst-cli-deploy-site-"));
  temps.push(root, build, site);
  await mkdir(join(build, "data"));
  await writeFile(join(build, "data", "a.csv"), "v\n1\n");
  await createBuildManifest(build, { label: "1.0" });
  await publish(new FsStore(root), { version: "1.0-rc.1", buildDir: build, allowUnfrozen: true });
  await writeFile(join(site, "index.html"), "<p>hi</p>");
  const out: string[] = [];
  const err: string[] = [];
  const fx = {
    stdout: (t: string) => out.push(t),
    stderr: (t: string) => err.push(t),
    isTTY: false,
    cwd: root,
    env: { CEJST_STORE: root, CEJST_STAGING_BASE: "staging.localhost" },
  };
  const base = ["deploy-site", "--data-version", "1.0-rc.1", "--site", site];
  assert.equal(await runCli([...base, "--offer", "none", "--offer", "0.9=previous"], fx), 2);
  assert.match(err.join(""), /--offer none cannot be combined with other offers \(got none, 0\.9=previous\)/);
  assert.equal(await runCli([...base, "--offer", "none"], fx), 0, err.join(""));
  const id = /distribution (dst_\w+)/.exec(out.join(""))?.[1];
  assert.ok(id);
  // The bound version is the only one the distribution offers.
  assert.deepEqual(
    (await readDistribution(new FsStore(root), id))?.offers.map((o) => [o.version, o.status]),
    [["1.0-rc.1", "current"]],
  );
});
