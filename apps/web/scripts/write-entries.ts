/**
 * Writes the HTML entry of every route and language (`en/`, `es/downloads/`, …) and the 404
 * page from `src/pages/routes.ts`. The files are committed so Vite's dev server and build see
 * them; `src/pages/html-entry.test.ts` fails when they are stale.
 *
 * Usage: npx tsx apps/web/scripts/write-entries.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { entryFiles } from "../src/pages/html-entry.ts";

const webDir = resolve(import.meta.dirname, "..");
for (const [path, html] of entryFiles()) {
  const file = join(webDir, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, html);
  console.log(path);
}
