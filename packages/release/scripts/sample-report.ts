/**
 * Shared by the Chromium test and the screenshot script: a store holding the sample's
 * versions 1.0 and 2.0 (made by `cejst main --no-serve`, which also deployed the web app),
 * the 1.0 → 2.0 change report written from it with R22 checked against the site build
 * production serves, and a headless Debian Chromium.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { readChannel } from "../src/channels.ts";
import { type CompareResult, compareVersions } from "../src/compare/compare-versions.ts";
import { openStore } from "../src/open-store.ts";

/** Debian's Chromium; the tests skip without it. */
export const CHROMIUM = "/usr/bin/chromium";

const repo = resolve(import.meta.dirname, "../../..");

/**
 * Makes sure `work/store` holds the sample's 1.0 and 2.0, running `cejst main --no-serve`
 * (about two minutes) when it does not. Returns the store folder.
 */
export function ensureSampleStore(work: string): string {
  const store = join(work, "store");
  if (existsSync(join(store, "data-versions/2.0/manifest.json"))) return store;
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", join(repo, "packages/cli/src/bin.ts"), "main", "--no-serve", "--work", work],
    { cwd: repo, encoding: "utf8", timeout: 1_200_000 },
  );
  if (r.status !== 0) throw new Error(`cejst main failed (got exit ${r.status}): ${r.stderr.slice(-2000)}`);
  return store;
}

/** The 1.0 → 2.0 report of the sample store, its bundle copied to `outDir`. */
export async function sampleReport(store: string, outDir: string): Promise<CompareResult> {
  const s = openStore(store, { cwd: repo });
  // R22 reads a site build named by digest, never the live one: take the build production serves.
  const head = (await readChannel(s, "production")).head;
  if (head === undefined) throw new Error(`${store}: production was never released (got no generation)`);
  return compareVersions(s, { base: "1.0", cand: "2.0", outDir, site: head.site });
}

/** A headless Chromium with no background traffic of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
