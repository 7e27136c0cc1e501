import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file sits at packages/testing/src/). */
export const repoRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * Absolute path of `../shared/fixtures/original/<rel>` beside the repository, or
 * `undefined` when that folder is absent (a fresh clone without `../shared`).
 */
export function sharedFixture(rel: string): string | undefined {
  const base = process.env.CEJST_SHARED_FIXTURES ?? join(repoRoot, "../shared/fixtures/original");
  const path = join(base, rel);
  return existsSync(path) ? path : undefined;
}

/** The message a test skips with when the original fixtures are absent. */
export function missingFixtureMessage(rel: string): string {
  return `../shared/fixtures/original/${rel} is absent: parity test skipped (clone ../shared beside the repository to run it)`;
}
