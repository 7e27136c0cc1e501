import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { unzipSync } from "fflate";
import { zipArchive } from "./zip-archive.ts";

test("zipArchive writes archives that unzip to the members, the same bytes every time", () => {
  const big = "GEOID10_TRACT,value\n".repeat(50_000);
  const members = { "a/b.csv": big, "empty.txt": "", "Año.txt": "ñ", "bin.dbf": new Uint8Array([0, 255, 3]) };
  const zip = zipArchive(members);
  assert.ok(zip.length < big.length / 10, "members are deflated");
  const back = unzipSync(zip);
  assert.deepEqual(Object.keys(back), Object.keys(members));
  assert.equal(new TextDecoder().decode(back["a/b.csv"]), big);
  assert.equal(back["empty.txt"]?.length, 0);
  assert.equal(new TextDecoder().decode(back["Año.txt"]), "ñ");
  assert.deepEqual([...(back["bin.dbf"] ?? [])], [0, 255, 3]);
  assert.ok(Buffer.from(zipArchive(members)).equals(Buffer.from(zip)));
});

test("zipArchive output passes the system unzip's integrity test, when unzip is installed", (t) => {
  let unzip = true;
  try {
    execFileSync("unzip", ["-v"], { stdio: "ignore" });
  } catch {
    unzip = false;
  }
  if (!unzip) return t.skip("unzip is not installed");
  const dir = mkdtempSync(join(tmpdir(), "cejst-zip-"));
  try {
    const path = join(dir, "t.zip");
    writeFileSync(path, zipArchive({ "x.csv": "a,b\n1,2\n", "y/z.txt": "SYNTHETIC\n" }));
    const out = execFileSync("unzip", ["-tq", path], { encoding: "utf8" });
    assert.match(out, /No errors detected/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
