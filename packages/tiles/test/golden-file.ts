import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";

/**
 * Sorted JSON with two-space indentation, but coordinate pairs kept on one line so tile geometry
 * stays readable in a diff.
 */
export function formatGoldenJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2).replace(/\[\s+(-?\d+(?:\.\d+)?),\s+(-?\d+(?:\.\d+)?)\s+\]/g, "[$1, $2]")}\n`;
}

/** Object keys sorted at every depth; array order is output and stays. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

/**
 * Compares `actual` with the expected file. `UPDATE=1` rewrites it (never when `CI=true`); on a
 * mismatch `<name>-changed.json` is written beside it for review, and the test fails.
 */
export async function assertGoldenJson(expectedPath: string, actual: unknown): Promise<void> {
  const text = formatGoldenJson(actual);
  const changedPath = expectedPath.replace(/\.json$/, "-changed.json");
  if (process.env.UPDATE === "1" && process.env.CI !== "true") {
    await writeFile(expectedPath, text);
    await rm(changedPath, { force: true });
    return;
  }
  if (!existsSync(expectedPath)) {
    await writeFile(changedPath, text);
    assert.fail(`golden file ${expectedPath} is missing (got output in ${changedPath}; run with UPDATE=1)`);
  }
  const expected = await readFile(expectedPath, "utf8");
  if (expected === text) {
    await rm(changedPath, { force: true });
    return;
  }
  await writeFile(changedPath, text);
  const expectedLines = expected.split("\n");
  const actualLines = text.split("\n");
  const first = actualLines.findIndex((line, i) => line !== expectedLines[i]);
  assert.fail(
    `golden mismatch: ${expectedPath} (got ${changedPath}); first difference at line ${first + 1}: ` +
      `expected ${JSON.stringify(expectedLines[first])}, got ${JSON.stringify(actualLines[first])}`,
  );
}
