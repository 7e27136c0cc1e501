/**
 * Regenerates docs/screenshots/change-report.png: the top 1600 px, 1280 px wide, of the
 * 1.0 → 2.0 change report of the bundled sample, as headless Chromium renders it.
 *
 *   npx tsx packages/release/scripts/screenshot-report.ts [--work DIR] [--out FILE]
 *
 * --work reuses (or creates) a `cejst main --no-serve` folder; the default is a fresh
 * temporary one, removed afterwards.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { ensureSampleStore, launchChromium, sampleReport } from "./sample-report.ts";

const repo = resolve(import.meta.dirname, "../../..");
const { values } = parseArgs({ options: { work: { type: "string" }, out: { type: "string" } } });
const scratch = mkdtempSync(join(tmpdir(), "cejst-report-shot-"));
const work = values.work ? resolve(values.work) : join(scratch, "work");
const out = resolve(values.out ?? join(repo, "docs/screenshots/change-report.png"));
try {
  const store = ensureSampleStore(work);
  const report = await sampleReport(store, join(scratch, "report"));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    await page.goto(pathToFileURL(join(scratch, "report", "report.html")).href);
    mkdirSync(dirname(out), { recursive: true });
    await page.screenshot({ path: out, clip: { x: 0, y: 0, width: 1280, height: 1600 } });
  } finally {
    await browser.close();
  }
  process.stdout.write(`${out} (report ${report.digest})\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
