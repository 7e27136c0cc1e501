import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, before, test } from "node:test";
import { generateSample } from "../src/index.ts";

let root: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), "cejst-sample-det-"));
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

async function files(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) {
      const path = join(e.parentPath, e.name);
      out.set(relative(dir, path), await readFile(path));
    }
  return out;
}

test("the same seed writes byte-identical folders; another seed writes different ones", async () => {
  await generateSample({ outDir: join(root, "a"), tracts: 400, seed: 5 });
  await generateSample({ outDir: join(root, "b"), tracts: 400, seed: 5 });
  await generateSample({ outDir: join(root, "c"), tracts: 400, seed: 6 });
  const a = await files(join(root, "a"));
  const b = await files(join(root, "b"));
  const c = await files(join(root, "c"));
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
  assert.ok(a.size >= 2 * 22, `files written: ${a.size}`);
  for (const [k, v] of a) assert.ok(v.equals(b.get(k)!), `${k} differs for the same seed`);
  let differ = 0;
  for (const [k, v] of a) if (!c.get(k)?.equals(v)) differ++;
  assert.ok(differ > a.size / 2, `only ${differ} of ${a.size} files changed with the seed`);
  // No temporary folders are left behind.
  const names = await readdir(join(root, "a"));
  assert.deepEqual(names.sort(), ["1.0", "2.0"]);
});

test("regenerating into the same folder replaces it whole", async () => {
  const dir = join(root, "again");
  await generateSample({ outDir: dir, tracts: 400, seed: 8 });
  const first = await files(dir);
  await generateSample({ outDir: dir, tracts: 400, seed: 9 });
  const second = await files(dir);
  assert.deepEqual([...first.keys()].sort(), [...second.keys()].sort());
  assert.ok(!first.get("2.0/census/csv/us.csv")!.equals(second.get("2.0/census/csv/us.csv")!));
});

test("bad options are rejected with the value named", async () => {
  await assert.rejects(generateSample({ outDir: join(root, "x"), tracts: 5 }), /tracts must be .* \(got 5\)/);
  await assert.rejects(generateSample({ outDir: join(root, "x"), seed: -1 }), /seed must be .* \(got -1\)/);
});
