/**
 * Runs every test file (`*.test.ts`) under the given folders (default: all packages and
 * apps) with Node's own test runner through tsx. Node 20's runner does not discover `.ts`
 * files itself, so the list is built here and passed explicitly.
 *
 * Usage: tsx scripts/run-tests.ts [folder ...] [-- extra node --test flags]
 */
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const argv = process.argv.slice(2);
const dash = argv.indexOf("--");
const folders = (dash === -1 ? argv : argv.slice(0, dash)).map((f) => resolve(root, f));
const extra = dash === -1 ? [] : argv.slice(dash + 1);
const skip = new Set(["node_modules", "dist", "out", ".cache", ".git"]);

function collect(dir: string, into: string[]): void {
  for (const name of readdirSync(dir)) {
    if (skip.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, into);
    else if (name.endsWith(".test.ts")) into.push(path);
  }
}

const files: string[] = [];
for (const dir of folders.length ? folders : [join(root, "packages"), join(root, "apps")])
  collect(dir, files);
files.sort();
if (files.length === 0) {
  console.error("run-tests: no test files found");
  process.exit(2);
}
const concurrency = process.env.TEST_CONCURRENCY ?? "2";
const result = spawnSync(
  process.execPath,
  [
    "--import",
    "tsx",
    "--test",
    `--test-concurrency=${concurrency}`,
    ...extra,
    ...files.map((f) => relative(root, f)),
  ],
  { cwd: root, stdio: "inherit", env: { ...process.env, TZ: "UTC" } },
);
process.exit(result.status ?? 1);
