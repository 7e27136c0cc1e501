/**
 * Type-checks every workspace with its own tsconfig (the pure packages with `types: []`,
 * so Node and DOM globals cannot leak into the methodology core), plus the test configs.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const tsc = join(root, "node_modules/typescript/bin/tsc");
const projects: string[] = [join(root, "scripts/tsconfig.json")];
for (const group of ["packages", "apps"]) {
  for (const name of readdirSync(join(root, group)).sort()) {
    for (const cfg of ["tsconfig.json", "tsconfig.test.json"]) {
      const path = join(root, group, name, cfg);
      if (existsSync(path)) projects.push(path);
    }
  }
}
let failed = 0;
for (const project of projects) {
  const r = spawnSync(process.execPath, [tsc, "-p", project], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.error(`typecheck: ${project} failed`);
  }
}
console.log(`typecheck: ${projects.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
