import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { FsStore, inputKey, readAudit } from "@cejst/release";
import { recordEffects } from "../../test/record-effects.ts";
import { runCli } from "../run-cli.ts";

const temps: string[] = [];
after(async () => {
  for (const t of temps) await rm(t, { recursive: true, force: true });
});
const temp = async (prefix: string) => {
  const d = await mkdtemp(join(tmpdir(), prefix));
  temps.push(d);
  return d;
};
const sha = (b: string | Buffer) => createHash("sha256").update(b).digest("hex");

/** A committed git work tree with a lockfile, as `freeze` expects. */
async function repo(): Promise<string> {
  const dir = await temp("cejst-cli-freeze-repo-");
  const git = (...args: string[]) =>
    execFileSync("git", ["-C", dir, "-c", "user.name=T", "-c", "user.email=t@example.org", ...args], {
      stdio: "pipe",
    });
  git("init", "-q");
  await writeFile(join(dir, "package-lock.json"), '{"lockfileVersion":3}\n');
  git("add", "package-lock.json");
  git("commit", "-q", "-m", "lock");
  return dir;
}

test("inputs snapshot stores sources content-addressed; freeze records commit, lockfile and set; refusals", async () => {
  const dir = await repo();
  const storeRoot = await temp("cejst-cli-freeze-store-");
  const raw = "GEOID10_TRACT,x\n01001020100,1\n";
  await writeFile(join(dir, "tracts.csv"), raw);
  const sources = join(storeRoot, "sources.json");
  const config = {
    sources: [
      {
        name: "census",
        licence: "CC0",
        files: [{ url: join(dir, "tracts.csv"), sha256: sha(raw), file: "tracts.csv" }],
      },
    ],
  };
  await writeFile(sources, JSON.stringify(config));
  const r = recordEffects(dir, { CEJST_STORE: storeRoot, CEJST_ACTOR: "F. Reezer <f@example.org>" });
  const cache = join(storeRoot, "cache");
  assert.equal(
    await runCli(["inputs", "snapshot", "--sources", sources, "--cache", cache], r.fx),
    0,
    r.err.join(""),
  );
  const set = /input set (sha256:[0-9a-f]{64}): 1 files/.exec(r.out.at(-1)!)?.[1];
  assert.ok(set, r.out.join(""));
  const store = new FsStore(storeRoot);
  assert.equal(new TextDecoder().decode((await store.get(inputKey(sha(raw))))?.body), raw);
  const setRec = JSON.parse(
    new TextDecoder().decode((await store.get(`inputs/sets/${set.slice(7)}.json`))?.body),
  );
  assert.deepEqual(setRec.items, [
    {
      name: "census",
      file: "tracts.csv",
      source: `file://${join(dir, "tracts.csv")}`,
      sha256: sha(raw),
      bytes: raw.length,
    },
  ]);
  // Same sources again: same set, nothing new stored.
  assert.equal(await runCli(["inputs", "snapshot", "--sources", sources, "--cache", cache], r.fx), 0);
  assert.match(r.out.at(-1)!, new RegExp(`input set ${set}: 1 files, \\d+ bytes \\(0 newly stored\\)`));
  assert.equal(await runCli(["inputs", "fetch"], r.fx), 2);

  assert.equal(await runCli(["freeze", "--label", "2.0", "--inputs", `sha256:${"e".repeat(64)}`], r.fx), 111);
  assert.match(r.err.at(-1)!, /input set .* is unknown/);
  assert.equal(await runCli(["freeze", "--label", "2.0", "--inputs", set], r.fx), 0, r.err.join(""));
  assert.match(r.out.at(-1)!, /^freeze 2\.0 seq 1 sha256:[0-9a-f]{64}: commit [0-9a-f]{40}/);
  const rec = JSON.parse(new TextDecoder().decode((await store.get("freezes/2.0/000001.json"))?.body));
  const head = execFileSync("git", ["-C", dir, "rev-parse", "HEAD"], { encoding: "utf8" }).trim();
  assert.equal(rec.commit, head);
  assert.equal(rec.lockfile, `sha256:${sha(await readFile(join(dir, "package-lock.json")))}`);
  assert.equal(rec.inputs, set);
  assert.equal(rec.toolchain.node, process.versions.node);

  // A second freeze must supersede the one in force, with a reason.
  assert.equal(await runCli(["freeze", "--label", "2.0", "--inputs", set], r.fx), 111);
  assert.match(r.err.at(-1)!, /freeze 1 of 2\.0 is in force/);
  assert.equal(await runCli(["freeze", "--label", "2.0", "--inputs", set, "--supersede", "1"], r.fx), 111);
  assert.match(r.err.at(-1)!, /needs a reason/);
  assert.equal(
    await runCli(
      ["freeze", "--label", "2.0", "--inputs", set, "--supersede", "1", "--reason", "bug fix"],
      r.fx,
    ),
    0,
  );
  // A dirty tree is refused before anything is written.
  await writeFile(join(dir, "package-lock.json"), '{"lockfileVersion":3,"x":1}\n');
  assert.equal(
    await runCli(["freeze", "--label", "2.0", "--inputs", set, "--supersede", "2", "--reason", "x"], r.fx),
    111,
  );
  assert.match(r.err.at(-1)!, /uncommitted changes.*package-lock\.json/);
  assert.equal(await runCli(["freeze", "--label", "two", "--inputs", set], r.fx), 2);
  const outside = recordEffects(storeRoot, { CEJST_STORE: storeRoot, CEJST_ACTOR: "F" });
  assert.equal(await runCli(["freeze", "--label", "3.0", "--inputs", set], outside.fx), 111);
  assert.match(outside.err.at(-1)!, /not a git work tree/);

  const events: string[] = [];
  for await (const { event } of readAudit(store)) events.push(`${event.event}:${event.exit}`);
  assert.deepEqual(events, [
    "inputs.snapshot:OK",
    "inputs.snapshot:OK",
    "refused:PRECONDITION",
    "freeze.created:OK",
    "refused:PRECONDITION",
    "refused:PRECONDITION",
    "freeze.created:OK",
    "refused:PRECONDITION",
    "refused:PRECONDITION",
  ]);
});
