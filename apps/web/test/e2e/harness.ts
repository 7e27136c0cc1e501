/**
 * Shared setup of the end-to-end tests: builds the site into a scratch folder, produces a
 * synthetic release with `cejst main --no-serve` (about three minutes; set CEJST_WEB_E2E_WORK to
 * an existing work folder of that command to reuse it), deploys the site bound to 2.0, serves it
 * through the edge on 127.0.0.1 (port 0) and launches Debian's chromium headless.
 *
 * The other distributions of web.md §6.1 (`default`, `v1`, `archive`) are deployed only when a
 * file asks for them (`Harness.distributions()`), with the project's own commands, from the same
 * build. `default` is released on a channel private to this harness, which its edge serves on
 * `cejst.localhost`, so concurrent test files never move each other's production.
 */
import assert from "node:assert/strict";
import { type ChildProcess, execFile, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's chromium; tests skip with this message when it is absent. */
export const CHROMIUM = "/usr/bin/chromium";
export const chromiumSkip: string | false = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is missing: run scripts/setup-system.sh`;

const webDir = resolve(import.meta.dirname, "../..");
const repo = resolve(webDir, "../..");
const cli = join(repo, "packages/cli/src/bin.ts");

function run(args: string[], timeoutMs: number): string {
  const r = spawnSync(process.execPath, ["--import", "tsx", cli, ...args], {
    cwd: repo,
    encoding: "utf8",
    timeout: timeoutMs,
  });
  if (r.status !== 0) throw new Error(`cejst ${args[0]} failed (got exit ${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** Like `run`, without blocking the test process (the browser keeps talking meanwhile). */
function runAsync(args: string[], timeoutMs: number): Promise<string> {
  return new Promise((ok, fail) => {
    execFile(
      process.execPath,
      ["--import", "tsx", cli, ...args],
      { cwd: repo, encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) fail(new Error(`cejst ${args[0]} failed (got ${err.code ?? err.message}): ${stderr}`));
        else ok(stdout);
      },
    );
  });
}

/** The distributions of web.md §6.1 beside the harness's staging one, all from the same build. */
export interface Distributions {
  /** Origin of `default`: production environment, 2.0 current, 1.0 previous, geocoder off. */
  default: string;
  /** Origin of `v1`: the same build bound to 1.0 (its staging host). */
  v1: string;
  /** Origin of `archive`: 2.0 current, 1.0 archived (its staging host). */
  archive: string;
  /** Distribution ids (`dst_…`), for reading their records in the store. */
  ids: { default: string; v1: string; archive: string; staging: string };
}

/** A served site and a browser, with helpers shared by the scenarios. */
export interface Harness {
  /** Origin of the staging distribution, e.g. `http://<label>.staging.cejst.localhost:<port>`. */
  site: string;
  /** The `cejst main` work folder (`build-2.0/`, `build-1.0/`, `store/`). */
  work: string;
  /** The site build that is served. */
  dist: string;
  browser: Browser;
  /** Console errors, uncaught exceptions, by page path. */
  consoleErrors: string[];
  /** Opens `path` in a new page; waits until the map is idle unless `waitMap` is false. */
  open(
    path: string,
    o?: {
      viewport?: { width: number; height: number };
      bypassCSP?: boolean;
      waitMap?: boolean;
      /** Another distribution's origin (`distributions()`); default `site`. */
      origin?: string;
      /** Browser languages (`navigator.languages`), e.g. `es-ES`; default chromium's. */
      locale?: string;
      /** Called before the navigation, e.g. to log requests. */
      before?: (page: Page) => void;
    },
  ): Promise<Page>;
  /**
   * Deploys `default`, `v1` and `archive` on first call (then returns the same origins):
   * `deploy-site` for each, `verify` and `release` of `default` on this harness's channel.
   */
  distributions(): Promise<Distributions>;
  /** Serious and critical axe violations on the page (which must have been opened with `bypassCSP`). */
  axe(page: Page): Promise<{ id: string; impact: string; nodes: number }[]>;
  stop(): Promise<void>;
}

/** Starts everything; call from `before` with a long timeout. */
export async function startHarness(): Promise<Harness> {
  const scratch = mkdtempSync(join(tmpdir(), "cejst-web-e2e-"));
  const dist = join(scratch, "dist");
  let edge: ChildProcess | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    if (edge && edge.exitCode === null) {
      edge.kill("SIGTERM");
      await new Promise((r) => edge?.once("exit", r));
    }
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    // A private output folder, so concurrent test files never rebuild under each other.
    const vite = spawnSync(
      process.execPath,
      [join(repo, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn", "--outDir", dist],
      { cwd: webDir, encoding: "utf8", timeout: 180_000 },
    );
    assert.equal(vite.status, 0, `vite build failed: ${vite.stderr}`);
    const work = process.env.CEJST_WEB_E2E_WORK ?? join(scratch, "work");
    if (!existsSync(join(work, "store"))) run(["main", "--no-serve", "--work", work], 900_000);
    const out = run(
      [
        "deploy-site",
        "--data-version",
        "2.0",
        "--site",
        dist,
        "--store",
        join(work, "store"),
        "--staging-base",
        "staging.cejst.localhost",
        "--reveal",
      ],
      120_000,
    );
    const staging = /staging (https?:\/\/\S+)/.exec(out)?.[1];
    assert.ok(staging, `deploy-site printed no staging address (got ${out})`);
    const stagingId = /distribution (\S+)/.exec(out)?.[1] ?? "";
    const host = new URL(staging).hostname;
    // Channel names: lowercase letters, digits and -.
    const channel = `e2e-${randomBytes(6).toString("hex")}`;
    const proc = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        cli,
        "serve",
        "--store",
        join(work, "store"),
        "--domain",
        "cejst.localhost",
        "--channel",
        channel,
        "--staging-base",
        "staging.cejst.localhost",
        "--port",
        "0",
        "--json",
      ],
      { cwd: repo, stdio: ["ignore", "pipe", "pipe"] },
    );
    edge = proc;
    const port = await new Promise<number>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error("edge did not start within 60 s")), 60_000);
      let buf = "";
      proc.stdout?.on("data", (d: Buffer) => {
        buf += d.toString();
        const m = /"port":(\d+)/.exec(buf);
        if (m) {
          clearTimeout(timer);
          ok(Number(m[1]));
        }
      });
      proc.on("exit", (c) => fail(new Error(`edge exited (got ${c})`)));
    });
    proc.stdout?.resume();
    proc.stderr?.resume();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // This chromium starts its address-bar popup in a process of its own even headless,
        // which costs more CPU than the page under test.
        "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup",
      ],
    });
    const b = browser;
    // Chromium resolves *.localhost to the loopback address by itself.
    const site = `http://${host}:${port}`;
    const consoleErrors: string[] = [];
    const store = join(work, "store");
    const deploy = async (version: string, offers: string[]) => {
      const o = await runAsync(
        [
          "deploy-site",
          "--data-version",
          version,
          "--site",
          dist,
          "--store",
          store,
          "--staging-base",
          "staging.cejst.localhost",
          "--reveal",
          ...offers.flatMap((x) => ["--offer", x]),
        ],
        120_000,
      );
      const id = /distribution (\S+)/.exec(o)?.[1];
      const url = /staging (https?:\/\/\S+)/.exec(o)?.[1];
      assert.ok(id && url, `deploy-site printed no distribution and staging address (got ${o})`);
      return { id, origin: `http://${new URL(url).hostname}:${port}` };
    };
    let distributions: Promise<Distributions> | undefined;
    const setUpDistributions = async (): Promise<Distributions> => {
      const def = await deploy("2.0", ["1.0=previous"]);
      const who = ["--store", store, "--as", "web e2e <e2e@cejst.invalid>"];
      const released = (async () => {
        await runAsync(["verify", def.id, ...who], 600_000);
        await runAsync(
          ["release", def.id, "--channel", channel, "--yes", "--reason", "web e2e", ...who],
          600_000,
        );
      })();
      // Without --offer, deploy-site carries over production's offers minus the bound version.
      const v1 = await deploy("1.0", []);
      const archive = await deploy("2.0", ["1.0=archived"]);
      await released;
      return {
        default: `http://cejst.localhost:${port}`,
        v1: v1.origin,
        archive: archive.origin,
        ids: { default: def.id, v1: v1.id, archive: archive.id, staging: stagingId },
      };
    };
    return {
      site,
      work,
      dist,
      browser: b,
      consoleErrors,
      distributions() {
        distributions ??= setUpDistributions();
        return distributions;
      },
      async open(path, o = {}) {
        const page = await b.newPage({
          viewport: o.viewport ?? { width: 1280, height: 800 },
          bypassCSP: o.bypassCSP ?? false,
          acceptDownloads: true,
          ...(o.locale === undefined ? {} : { locale: o.locale }),
        });
        o.before?.(page);
        page.on("console", (m) => {
          if (m.type() === "error") consoleErrors.push(`${path}: ${m.text()}`);
        });
        page.on("pageerror", (e) => consoleErrors.push(`${path}: ${e.message}`));
        await page.goto(`${o.origin ?? site}${path}`);
        if (o.waitMap !== false)
          await page.waitForFunction(
            () => document.querySelector("#map")?.getAttribute("data-map-state") === "idle",
            null,
            { timeout: 60_000 },
          );
        return page;
      },
      async axe(page) {
        const require = createRequire(import.meta.url);
        await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
        const violations = await page.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: {
                run(o: unknown): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
              };
            }
          ).axe;
          const res = await axe.run({
            runOnly: {
              type: "tag",
              values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
            },
          });
          return res.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
        });
        return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The RGBA of the map canvas under a longitude/latitude (the map keeps its drawing buffer). */
export async function mapPixel(page: Page, lon: number, lat: number): Promise<[number, number, number]> {
  return page.evaluate(
    ([lo, la]) => {
      const w = window as unknown as {
        __cejst: {
          project(p: [number, number]): { x: number; y: number };
          map: { getCanvas(): HTMLCanvasElement };
        };
      };
      const p = w.__cejst.project([lo, la]);
      const c = w.__cejst.map.getCanvas();
      const r = c.getBoundingClientRect();
      const gl = (c.getContext("webgl2") ?? c.getContext("webgl")) as WebGLRenderingContext;
      const dpr = c.width / r.width;
      const out = new Uint8Array(4);
      gl.readPixels(
        Math.round((p.x - r.left) * dpr),
        Math.round(c.height - (p.y - r.top) * dpr),
        1,
        1,
        gl.RGBA,
        gl.UNSIGNED_BYTE,
        out,
      );
      return [out[0] ?? 0, out[1] ?? 0, out[2] ?? 0] as [number, number, number];
    },
    [lon, lat] as [number, number],
  );
}

/** `fill` drawn at `opacity` over `background`, as the canvas blends it. */
export function blend(fill: string, opacity: number, background: string): [number, number, number] {
  const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  const f = rgb(fill);
  const b = rgb(background);
  return [0, 1, 2].map((i) => Math.round(opacity * (f[i] ?? 0) + (1 - opacity) * (b[i] ?? 0))) as [
    number,
    number,
    number,
  ];
}

/** Moves the camera and resolves at the next idle. */
export async function jumpAndIdle(page: Page, lon: number, lat: number, zoom: number): Promise<void> {
  await page.evaluate(
    ([lo, la, z]) =>
      new Promise<void>((done) => {
        const map = (
          window as unknown as {
            __cejst: { map: { jumpTo(o: unknown): void; once(ev: string, f: () => void): void } };
          }
        ).__cejst.map;
        map.once("idle", () => done());
        map.jumpTo({ center: [lo, la], zoom: z });
      }),
    [lon, lat, zoom] as [number, number, number],
  );
}

/** Resolves once `#map` reports `data-map-state="idle"`. */
export async function waitMapIdle(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector("#map")?.getAttribute("data-map-state") === "idle",
    null,
    { timeout },
  );
}

/** Viewport CSS pixels of a longitude/latitude, through the page's `__cejst.project` hook. */
export async function project(page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([lo, la]) =>
      (
        window as unknown as { __cejst: { project(p: [number, number]): { x: number; y: number } } }
      ).__cejst.project([lo, la]),
    [lon, lat] as [number, number],
  );
}

/**
 * One request through the edge, from the test process: `*.localhost` names resolve only in the
 * browser, so this connects to 127.0.0.1 at the URL's port and sends the URL's host name.
 */
export function edgeRequest(
  url: string,
  method: "GET" | "HEAD" = "GET",
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const u = new URL(url);
  return new Promise((ok, fail) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port: Number(u.port || 80),
        path: `${u.pathname}${u.search}`,
        method,
        headers: { host: u.host },
        timeout: 60_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", fail);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${url} timed out (got no answer in 60 s)`)));
    req.on("error", fail);
    req.end();
  });
}
