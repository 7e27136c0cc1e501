import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { createEdgeServer } from "@cejst/edge";
import {
  approve,
  canonicalJson,
  createBuildManifest,
  FsStore,
  latestVerification,
  publish,
  readAudit,
  readChannel,
  type Store,
} from "@cejst/release";
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
const enc = new TextEncoder();

/** Publishes `label` from a small build, with a report and an approval against `baseline`. */
async function approvedVersion(
  store: Store,
  label: string,
  baseline: { version: string; manifest: string } | null,
) {
  const build = await temp("cejst-cli-verify-build-");
  await mkdir(join(build, "data", "score"), { recursive: true });
  for (let i = 0; i < 6; i++)
    await writeFile(join(build, "data", "score", `f${i}.csv`), `id,v\n${i},${label}${"x".repeat(i * 50)}\n`);
  await createBuildManifest(build, { label });
  const { digest } = await publish(store, { version: label, buildDir: build, allowUnfrozen: true });
  const index = {
    schema: "cejst.report-bundle/1",
    baseline,
    candidate: { version: label, manifest: digest },
    files: [],
  };
  const hex = createHash("sha256").update(canonicalJson(index)).digest("hex");
  await store.putIfAbsent(`reports/${hex}/bundle.json`, enc.encode(JSON.stringify(index)), {});
  await approve(store, { version: label, report: hex, decision: "approved", approver: { name: "A" } });
  return { version: label, manifest: digest };
}

async function world() {
  const root = await temp("cejst-cli-verify-store-");
  const store = new FsStore(root);
  const site = await temp("cejst-cli-verify-site-");
  await mkdir(join(site, "assets"));
  await writeFile(join(site, "index.html"), "<!doctype html><p>site</p>\n");
  await writeFile(join(site, "robots.txt"), "User-agent: *\nAllow: /\n");
  await writeFile(join(site, "assets", "app-1a2b.js"), "console.log(1)\n");
  await writeFile(join(site, "cejst-site.json"), JSON.stringify({ immutablePrefixes: ["assets/"] }));
  const r = recordEffects(root, {
    CEJST_STORE: root,
    CEJST_ACTOR: "Op <op@example.org>",
    CEJST_STAGING_BASE: "staging.localhost",
  });
  const deploy = async (version: string, offers: string[] = []) => {
    const code = await runCli(
      [
        "deploy-site",
        "--data-version",
        version,
        "--site",
        site,
        ...offers.flatMap((o) => ["--offer", `${o}=previous`]),
      ],
      r.fx,
    );
    assert.equal(code, 0, r.err.join(""));
    const id = [...r.out.join("").matchAll(/distribution (dst_\w+)/g)].at(-1)?.[1];
    assert.ok(id, r.out.join(""));
    return id;
  };
  return { root, store, site, r, deploy };
}

test("verify DIST passes through an in-process edge, writes a record; release needs it; status shows both", async () => {
  const { root, store, r, deploy } = await world();
  await approvedVersion(store, "1.0", null);
  const d1 = await deploy("1.0");

  assert.equal(await runCli(["release", d1, "--yes"], r.fx), 111);
  assert.match(r.err.at(-1)!, /PRECONDITION: .*no passing verification.*none was recorded.*cejst verify/);

  assert.equal(await runCli(["verify", d1], r.fx), 0, r.err.join("") + r.out.join(""));
  assert.match(r.out.at(-1)!, /^ok dst_\w+ through [a-z2-7]{26}\.staging\.localhost: 12 files/);
  const rec = await latestVerification(store, d1);
  assert.equal(rec?.passed, true);
  assert.deepEqual(rec?.target, { kind: "distribution", distribution: d1 });
  assert.deepEqual(rec?.failures, []);

  assert.equal(await runCli(["release", d1, "--yes"], r.fx), 0, r.err.join("") + r.out.join(""));
  assert.match(r.out.at(-1)!, /^verified production generation 1: ver_/);
  const gen = (await readChannel(store, "production")).head;
  assert.equal(gen?.verification, rec?.id, "the generation names the verification it relied on");
  const channelRec = await latestVerification(store, "production");
  assert.equal(channelRec?.passed, true);
  assert.equal(channelRec?.edge.generation, 1);

  const events: string[] = [];
  for await (const { event } of readAudit(store)) events.push(event.event);
  assert.deepEqual(events.slice(-4), ["refused", "verify.passed", "release.committed", "verify.passed"]);

  const s = recordEffects(root, { CEJST_STORE: root, CI: "true" });
  assert.equal(await runCli(["status", "--json"], s.fx), 0, s.err.join(""));
  const status = JSON.parse(s.out.join("")) as {
    distributions: { id: string; state: string; stagingHost: string; verification: { result: string } }[];
    channels: { channel: string; gen: number; distribution: string; verification: { result: string } }[];
    versions: { version: string; public: boolean; approvals: number }[];
  };
  assert.deepEqual(
    status.distributions.map((d) => [d.id, d.state, d.verification.result]),
    [[d1, "live", "passed"]],
  );
  assert.match(status.distributions[0]!.stagingHost, /^\*\*\*\*\.staging\.localhost$/, "masked in CI");
  assert.deepEqual(
    status.channels.map((c) => [c.channel, c.gen, c.distribution, c.verification.result]),
    [["production", 1, d1, "passed"]],
  );
  assert.deepEqual(
    status.versions.map((v) => [v.version, v.public, v.approvals]),
    [["1.0", true, 1]],
  );
  const t = recordEffects(root, { CEJST_STORE: root });
  assert.equal(await runCli(["status"], t.fx), 0);
  assert.match(
    t.out.join(""),
    new RegExp(`${d1} live +1\\.0 +https://[a-z2-7]{26}\\.staging\\.localhost/ verification: passed`),
  );
  assert.match(t.out.join(""), new RegExp(`production +gen 1 ${d1} 1\\.0 \\(release `));
});

test("a corrupted file fails verify (110, named by path) and then release is refused (111)", async () => {
  const { root, store, r, deploy } = await world();
  await approvedVersion(store, "1.0", null);
  const d1 = await deploy("1.0");
  assert.equal(await runCli(["verify", d1], r.fx), 0, r.err.join(""));
  // Same size, different bytes, written behind the store's back.
  const path = join(root, "data-versions", "1.0", "data", "score", "f0.csv");
  const bytes = await readFile(path);
  bytes[bytes.length - 2] = bytes[bytes.length - 2] === 0x31 ? 0x32 : 0x31;
  await writeFile(path, bytes);
  assert.equal(await runCli(["verify", d1], r.fx), 110);
  assert.match(
    r.out.join(""),
    /FAIL [a-z2-7]{26}\.staging\.localhost \/data-versions\/1\.0\/data\/score\/f0\.csv: sha256 /,
  );
  assert.equal((await latestVerification(store, d1))?.result, "failed");
  assert.equal(await runCli(["release", d1, "--yes"], r.fx), 111);
  assert.match(r.err.at(-1)!, /newest one .* failed/);
  assert.equal((await readChannel(store, "production")).head, undefined, "nothing was switched");
});

test("verify --edge URL reports a wrong Content-Type and a wrong Cache-Control, each by path, even on the first file", async () => {
  const { root, store, r, deploy } = await world();
  await approvedVersion(store, "1.0", null);
  const d1 = await deploy("1.0");
  const edge = createEdgeServer({ store, domains: { channels: {}, stagingBase: "staging.localhost" } });
  const edgePort = await edge.listen(0, "127.0.0.1");
  // A faulty proxy in front of the edge: one header wrong on two different files.
  const proxy = createServer((req, res) => {
    const up = request(
      { host: "127.0.0.1", port: edgePort, path: req.url, method: req.method, headers: req.headers },
      (upRes) => {
        const headers = { ...upRes.headers };
        if (req.url === "/data-versions/1.0/data/score/f0.csv") headers["content-type"] = "text/html";
        if (req.url === "/assets/app-1a2b.js") headers["cache-control"] = "no-cache";
        res.writeHead(upRes.statusCode ?? 502, headers);
        upRes.pipe(res);
      },
    );
    req.pipe(up);
  });
  await new Promise<void>((ok) => proxy.listen(0, "127.0.0.1", ok));
  try {
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    assert.equal(await runCli(["verify", "--distribution", d1, "--edge", url], r.fx), 110);
    const text = r.out.join("");
    assert.match(
      text,
      /\/data-versions\/1\.0\/data\/score\/f0\.csv: Content-Type text\/html, manifest text\/csv/,
    );
    assert.match(
      text,
      /\/assets\/app-1a2b\.js: Cache-Control no-cache, expected public, max-age=31536000, immutable/,
    );
    assert.equal((await latestVerification(store, d1))?.counts.failures, 2);
    // Through the edge itself, without the faulty proxy, it passes.
    assert.equal(
      await runCli(["verify", d1, "--edge", `http://127.0.0.1:${edgePort}`], r.fx),
      0,
      r.out.join(""),
    );
  } finally {
    await new Promise<void>((ok) => proxy.close(() => ok()));
    await edge.close(500);
  }
  assert.ok(root);
});

test("a release whose post-switch verification fails is rolled back automatically (generation n+2)", async () => {
  const { root, store, r, deploy } = await world();
  const v1 = await approvedVersion(store, "1.0", null);
  await approvedVersion(store, "2.0", v1);
  const d1 = await deploy("1.0");
  assert.equal(await runCli(["verify", d1], r.fx), 0, r.err.join(""));
  assert.equal(await runCli(["release", d1, "--yes"], r.fx), 0, r.err.join(""));
  const d2 = await deploy("2.0", ["1.0"]);
  assert.equal(await runCli(["verify", d2], r.fx), 0, r.err.join(""));
  // Broken after its verification: only the post-switch check can catch it.
  const path = join(root, "data-versions", "2.0", "data", "score", "f3.csv");
  await writeFile(path, (await readFile(path, "utf8")).replace("2.0", "2.1"));
  assert.equal(await runCli(["release", d2, "--yes", "--domain", "cejst.localhost"], r.fx), 110);
  assert.match(
    r.err.at(-1)!,
    /VERIFY_FAILED: production generation 2 failed 1 checks after the switch; rolled back: generation 3/,
  );
  const history = (await readChannel(store, "production")).history;
  assert.deepEqual(
    history.map((g) => [g.gen, g.action, g.distribution]),
    [
      [1, "release", d1],
      [2, "release", d2],
      [3, "auto-rollback", d1],
    ],
  );
  const events: string[] = [];
  for await (const { event } of readAudit(store)) events.push(event.event);
  assert.deepEqual(events.slice(-3), ["release.committed", "verify.failed", "release.auto-rollback"]);
});

test("verify: --edge without --domain for a channel is USAGE; an unknown distribution is PRECONDITION", async () => {
  const { r, store } = await world();
  assert.equal(await runCli(["verify", "production", "--edge", "http://127.0.0.1:9"], r.fx), 2);
  assert.match(r.err.at(-1)!, /--domain/);
  assert.equal(await runCli(["verify", "dst_01NOPE"], r.fx), 111);
  assert.equal(await runCli(["verify", "production"], r.fx), 111);
  assert.match(r.err.at(-1)!, /no generation/);
  const events: string[] = [];
  for await (const { event } of readAudit(store)) events.push(`${event.event}:${event.exit}`);
  assert.deepEqual(events, ["refused:PRECONDITION", "refused:PRECONDITION"], "each refusal is in the log");
});

test("verify V also checks the version as served: staging host before release, public data host after", async () => {
  const { root, store, r, deploy } = await world();
  await approvedVersion(store, "1.0", null);
  assert.equal(await runCli(["verify", "1.0"], r.fx), 0, r.out.join(""));
  assert.match(r.out.at(-1)!, /^ok 1\.0 sha256:[0-9a-f]{64}: 7 files, \d+ bytes; not served by any host yet/);
  const d1 = await deploy("1.0");
  assert.equal(await runCli(["verify", "1.0"], r.fx), 0, r.out.join(""));
  assert.match(r.out.at(-1)!, /; 8 served by [a-z2-7]{26}\.staging\.localhost\n$/);
  assert.equal(await runCli(["verify", d1], r.fx), 0);
  assert.equal(await runCli(["release", d1, "--yes"], r.fx), 0, r.err.join(""));
  assert.equal(await runCli(["verify", "1.0", "--data-host", "data.localhost"], r.fx), 0, r.out.join(""));
  assert.match(r.out.at(-1)!, /; 8 served by data\.localhost\n$/);
  const path = join(root, "data-versions", "1.0", "data", "score", "f5.csv");
  await writeFile(path, (await readFile(path, "utf8")).toUpperCase());
  assert.equal(await runCli(["verify", "1.0", "--data-host", "data.localhost"], r.fx), 110);
  const text = r.out.join("");
  assert.match(text, /FAIL data\/score\/f5\.csv: sha256 /, "the store check names it");
  assert.match(
    text,
    /FAIL data\.localhost \/data-versions\/1\.0\/data\/score\/f5\.csv: sha256 /,
    "and so does the edge",
  );
});
