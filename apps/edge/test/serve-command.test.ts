/**
 * `cejst serve` as a real process: help, usage errors, and serving a directory store
 * until SIGTERM.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { FsStore } from "@cejst/release";
import { buildWorld, DOMAIN } from "./helpers/fixture.ts";
import { request } from "./helpers/http.ts";

const root = resolve(fileURLToPath(import.meta.url), "../../../..");
const cli = ["--import", "tsx", join(root, "packages/cli/src/bin.ts")];

test("cejst serve --help prints its usage", () => {
  const r = spawnSync(process.execPath, [...cli, "serve", "--help"], { cwd: root, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Usage: cejst serve --store/);
});

test("cejst serve without --domain is a usage error (exit 2)", () => {
  const r = spawnSync(process.execPath, [...cli, "serve", "--store", "/nonexistent"], {
    cwd: root,
    encoding: "utf8",
  });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /--domain is required/);
});

for (const accessLog of [true, false]) {
  test(`cejst serve routes a directory store until SIGTERM, ${accessLog ? "with" : "without"} --access-log`, {
    timeout: 60_000,
  }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "cejst-serve-"));
    try {
      await buildWorld(new FsStore(dir));
      const child = spawn(
        process.execPath,
        [
          ...cli,
          "serve",
          "--store",
          dir,
          "--domain",
          DOMAIN,
          "--data-host",
          `data.${DOMAIN}`,
          "--port",
          "0",
          "--json",
          ...(accessLog ? ["--access-log"] : []),
        ],
        { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
      );
      let stderr = "";
      child.stderr.on("data", (c: Buffer) => {
        stderr += c.toString();
      });
      const exited = new Promise<number | null>((ok) => child.on("exit", (code) => ok(code)));
      const first = await new Promise<string>((ok, fail) => {
        const lines = createInterface({ input: child.stdout });
        lines.once("line", ok);
        child.once("exit", () => fail(new Error(`serve exited early: ${stderr}`)));
      });
      const listening = JSON.parse(first);
      assert.equal(listening.type, "listening");
      const r = await request(listening.port, { host: DOMAIN, path: "/config.json" });
      assert.equal(r.status, 200);
      assert.equal(r.headers["x-cejst-distribution"], "dst_B");
      const d = await request(listening.port, { host: `data.${DOMAIN}`, path: "/versions.json" });
      assert.equal(d.status, 200);
      child.kill("SIGTERM");
      assert.equal(await exited, 0, stderr);
      const access = stderr
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l))
        .filter((l) => l.type === "access");
      if (accessLog) {
        assert.equal(access.length, 2);
        assert.equal(access[0].path, "/config.json");
      } else {
        assert.equal(access.length, 0, "no access lines unless asked for");
        assert.match(stderr, /shutting down/);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
