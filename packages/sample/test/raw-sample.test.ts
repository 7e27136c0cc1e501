/**
 * The raw-source sample on its own: same seed, same bytes; a sources configuration whose
 * digests and sizes are those of the files; every file labelled synthetic where its format
 * allows; and the mirror server's paths, ranges and refusals.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, before, test } from "node:test";
import { DATASET_IDS, readSourcesConfig } from "@cejst/etl";
import { unzipSync } from "fflate";
import { generateRawSample, mirrorPath, serveMirror } from "../src/index.ts";

let root: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), "cejst-raw-"));
  await generateRawSample({ outDir: join(root, "a"), tracts: 200, seed: 4 });
  await generateRawSample({ outDir: join(root, "b"), tracts: 200, seed: 4 });
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

async function files(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile())
      out.set(relative(dir, join(e.parentPath, e.name)), await readFile(join(e.parentPath, e.name)));
  return out;
}

test("the same seed writes byte-identical raw folders", async () => {
  const a = await files(join(root, "a"));
  const b = await files(join(root, "b"));
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
  for (const [k, v] of a) assert.ok(v.equals(b.get(k)!), `${k} differs for the same seed`);
});

test("sources.json lists every raw file with its real sha256 and size, at its mirror path", async () => {
  for (const name of ["sources.json", "sources-1.0.json"]) {
    const config = await readSourcesConfig(join(root, "a", name));
    assert.equal(config.sources.length, DATASET_IDS.length, `${name}: one entry per adapter`);
    for (const s of config.sources)
      for (const f of s.files) {
        const path = f.url.startsWith("https:")
          ? join(root, "a", mirrorPath(f.url))
          : decodeURIComponent(new URL(f.url).pathname);
        const bytes = await readFile(path);
        assert.equal(f.sha256, createHash("sha256").update(bytes).digest("hex"), f.url);
        assert.equal(f.bytes, bytes.length, f.url);
      }
    const island = config.sources.find((s) => s.name === "census_decennial")!;
    const vintage = name === "sources.json" ? "dec-2020" : "dec-2010";
    assert.ok(
      island.files.every((f) => f.url.includes(vintage)),
      `${name}: ${vintage} island files`,
    );
  }
});

test("the raw files say they are synthetic wherever their format allows", async () => {
  const readme = await readFile(join(root, "a", "README.md"), "utf8");
  assert.match(readme, /\*\*synthetic\*\*/);
  const config = await readSourcesConfig(join(root, "a", "sources.json"));
  for (const s of config.sources) {
    assert.match(s.notes, /^SYNTHETIC/, s.name);
    for (const f of s.files) {
      if (!f.url.startsWith("https:") || !f.file.endsWith(".zip")) continue;
      const members = Object.keys(unzipSync(await readFile(join(root, "a", mirrorPath(f.url)))));
      assert.ok(
        members.some((m) => /SYNTHETIC/.test(m)) || members.some((m) => m.endsWith(".xlsx")),
        `${f.file}: ${members.join(", ")}`,
      );
    }
  }
});

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("the mirror serves origin paths (query included), ranges, and nothing outside its folder", async () => {
  const mirror = await serveMirror(join(root, "a"));
  try {
    const places = "https://chronicdata.cdc.gov/api/views/cwsq-ngmh/rows.csv?accessType=DOWNLOAD";
    const want = await readFile(join(root, "a", mirrorPath(places)));
    const whole = await get(new URL("api/views/cwsq-ngmh/rows.csv?accessType=DOWNLOAD", mirror.url).href);
    assert.equal(whole.status, 200);
    assert.ok(whole.body.equals(want));
    const tail = await get(new URL("api/views/cwsq-ngmh/rows.csv?accessType=DOWNLOAD", mirror.url).href, {
      range: "bytes=10-",
    });
    assert.equal(tail.status, 206);
    assert.ok(tail.body.equals(want.subarray(10)));
    assert.equal((await get(new URL("api/views/cwsq-ngmh/rows.csv", mirror.url).href)).status, 404);
    assert.equal((await get(`${mirror.url}..%2F..%2Fetc%2Fpasswd`)).status, 403, "outside the folder");
    assert.ok(mirror.requests.includes("api/views/cwsq-ngmh/rows.csv?accessType=DOWNLOAD"));
  } finally {
    await mirror.close();
  }
});
