import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { runCli } from "../src/index.ts";
import { recordEffects } from "./record-effects.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");

const record = () => recordEffects(root);

test("unknown command is a usage error (exit 2) naming the command", async () => {
  const r = record();
  const code = await runCli(["frobnicate"], r.fx);
  assert.equal(code, 2);
  assert.match(r.err.join(""), /unknown command "frobnicate"/);
});

test("help exit-codes prints the numbered table", async () => {
  const r = record();
  assert.equal(await runCli(["help", "exit-codes"], r.fx), 0);
  const text = r.out.join("");
  assert.match(text, /\| 104 \| `RELEASE_EXISTS` \|/);
  assert.match(text, /\| 2 \| `USAGE` \|/);
});

test("the real binary answers --help through npx-style invocation", () => {
  const r = spawnSync(process.execPath, [join(root, "packages/cli/bin/cejst.js"), "--help"], {
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Usage: cejst <command>/);
});
