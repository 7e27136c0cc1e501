import { type Browser, chromium } from "playwright-core";
import { CHROMIUM } from "../test/e2e/harness.ts";

/**
 * Chromium flags of the benchmarks: the e2e harness's, plus the two features that make recent
 * Chromium pre-render its address-bar popup (a WebUI page in a renderer of its own, headless
 * too). On a two-core machine that renderer's start-up competes with the page being measured for
 * more CPU than the page itself uses before its first map render.
 */
export const BENCH_CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup",
];

/** Launches Debian's chromium with `BENCH_CHROMIUM_ARGS`. */
export function launchBenchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: BENCH_CHROMIUM_ARGS });
}
