/**
 * The edge against nginx (issue #6) on the same files, one after the other, on loopback.
 *
 * One directory store holds a published version (the PMTiles archive of a sample
 * pipeline), a site and a production generation. The edge runs over it in a child process;
 * nginx (installed here when missing) serves the same files straight from the store folder
 * with `etag on`, `sendfile on`, the immutable `Cache-Control` and no gzip for tiles. Both
 * have access logs off. autocannon then drives each with the same connections and duration:
 *
 * - `tiles-channel`: tile-sized `Range` requests through the production domain (every
 *   request also looks for the channel's next generation, as the edge does by default);
 * - `tiles-data`: the same ranges through the public data host;
 * - `page`: `/` and a hashed script with `Accept-Encoding: gzip, br` (the edge sends its
 *   cached brotli body; nginx compresses with gzip level 1 on every request).
 *
 * Ranges come from the archive's own directories (every tile's byte range, plus leaf
 * directories and the header), picked in a seeded order shared by both servers. Before
 * timing, a sample of ranges is fetched from both and compared with the file.
 *
 * Prints a table and writes apps/edge/bench/results/nginx-compare.json.
 *
 * Usage: npx tsx apps/edge/bench/nginx-compare.bench.ts [--build <dir>] [--tracts 20000]
 *   [--connections 16] [--duration 5] [--rounds 3] [--warmup 2] [--seed 1] [--nginx-workers 1]
 *   [--scenarios tiles-channel,tiles-data,page] [--cpu-prof <dir>] [--out <json>]
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve as resolvePath } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { FsStore } from "@cejst/release";
import autocannon from "autocannon";
import { publishVersion, putDistribution, putGeneration, putSite } from "../test/helpers/world.ts";
import { type ArchiveRanges, readArchiveRanges, type TileRange } from "./lib/pmtiles-ranges.ts";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolvePath(here, "../../..");
const { values } = parseArgs({
  options: {
    build: { type: "string" },
    tracts: { type: "string" },
    connections: { type: "string" },
    duration: { type: "string" },
    warmup: { type: "string" },
    rounds: { type: "string" },
    seed: { type: "string" },
    "nginx-workers": { type: "string" },
    scenarios: { type: "string" },
    "cpu-prof": { type: "string" },
    out: { type: "string" },
  },
});
const tracts = Number(values.tracts ?? 20_000);
const connections = Number(values.connections ?? 16);
const duration = Number(values.duration ?? 5);
const warmup = Number(values.warmup ?? 2);
const rounds = Number(values.rounds ?? 3);
const seed = Number(values.seed ?? 1);
const nginxWorkers = Number(values["nginx-workers"] ?? 1);
const scenarios = (values.scenarios ?? "tiles-channel,tiles-data,page").split(",");
const outFile = values.out ?? join(here, "results", "nginx-compare.json");
const DOMAIN = "screening.test";
const DATA_HOST = `data.${DOMAIN}`;
/** The methodology a generated sample build is scored with. */
const METHODOLOGY = "2.0";

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: repo, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (got exit ${r.status})`);
}

function nginxVersion(): string | undefined {
  const r = spawnSync("nginx", ["-v"], { encoding: "utf8" });
  return r.error === undefined ? r.stderr.trim().replace(/^nginx version: /, "") : undefined;
}

/** A bench installs what it needs; CI never runs this one. */
function ensureNginx(): string {
  const found = nginxVersion();
  if (found !== undefined) return found;
  console.error("nginx is missing: installing it (apt)");
  run("flock", ["/tmp/apt.lock", "apt-get", "install", "-y", "--no-install-recommends", "nginx"]);
  const v = nginxVersion();
  if (v === undefined) throw new Error("nginx is still missing after apt-get install");
  return v;
}

/** A build folder from the sample pipeline, made once per size and seed and reused. */
function ensureBuild(): string {
  if (values.build !== undefined) return resolvePath(values.build);
  const base = join(tmpdir(), "cejst-bench-edge", `t${tracts}-s${seed}`);
  const build = join(base, "build");
  if (existsSync(join(build, "manifest.json"))) return build;
  console.error(`building a ${tracts}-tract sample release in ${base} (once; reused later)`);
  run("npx", [
    "cejst",
    "sample",
    "--tracts",
    String(tracts),
    "--seed",
    String(seed),
    "--out",
    join(base, "sample"),
  ]);
  run("npx", [
    "cejst",
    "score",
    "--data",
    join(base, "sample", METHODOLOGY),
    "--methodology",
    METHODOLOGY,
    "--out",
    join(base, "score"),
  ]);
  run("npx", [
    "cejst",
    "build",
    "--score",
    join(base, "score"),
    "--data",
    join(base, "sample", METHODOLOGY),
    "--methodology",
    METHODOLOGY,
    "--out",
    build,
    "--synthetic",
  ]);
  return build;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      s.close(() => (typeof addr === "object" && addr !== null ? ok(addr.port) : fail(new Error("no port"))));
    });
  });
}

interface Fetched {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function fetchOnce(port: number, path: string, headers: Record<string, string>): Promise<Fetched> {
  return new Promise((ok, fail) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on("error", fail);
    });
    req.setTimeout(5_000, () => req.destroy(new Error(`no answer on ${port}${path} within 5 s`)));
    req.on("error", fail);
    req.end();
  });
}

async function waitUntilUp(port: number, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await fetchOnce(port, "/", { host: DOMAIN });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${what} did not answer on 127.0.0.1:${port} within 10 s`);
}

/** The request order both servers see: one in ten is the header, one in twenty a leaf. */
function rangeSequence(a: ArchiveRanges, n: number): string[] {
  let x = (seed * 2_654_435_761) >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  const out: string[] = [];
  const fmt = (r: TileRange) => `bytes=${r.start}-${r.end}`;
  for (let i = 0; i < n; i++) {
    const pick = next();
    if (i % 10 === 0) out.push(fmt(a.headerRange));
    else if (i % 20 === 5 && a.leaves.length > 0)
      out.push(fmt(a.leaves[pick % a.leaves.length] as TileRange));
    else out.push(fmt(a.tiles[pick % a.tiles.length] as TileRange));
  }
  return out;
}

interface Result {
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  throughputMBps: number;
  /**
   * Server CPU time (user + system, all threads and worker processes) per request. On a
   * shared machine this moves far less than requests/s, which depend on what else runs.
   */
  cpuMicrosPerRequest?: number;
}

/** Rounds of one server merged: totals for counts and rates, medians for percentiles. */
function combine(runs: Result[]): Result {
  const sum = (f: (r: Result) => number) => runs.reduce((a, r) => a + f(r), 0);
  const median = (f: (r: Result) => number) => {
    const xs = runs.map(f).sort((a, b) => a - b);
    return xs[Math.floor(xs.length / 2)] ?? 0;
  };
  const requests = sum((r) => r.requests);
  const cpu = sum((r) => (r.cpuMicrosPerRequest ?? 0) * r.requests);
  return {
    requestsPerSecond: Math.round(requests / (runs.length * duration)),
    latencyMs: {
      p50: median((r) => r.latencyMs.p50),
      p90: median((r) => r.latencyMs.p90),
      p99: median((r) => r.latencyMs.p99),
      max: Math.max(...runs.map((r) => r.latencyMs.max)),
    },
    requests,
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    non2xx: sum((r) => r.non2xx),
    throughputMBps: Number((sum((r) => r.throughputMBps) / runs.length).toFixed(1)),
    cpuMicrosPerRequest: Math.round(cpu / Math.max(1, requests)),
  };
}

/** Clock ticks of user + system time of `pid` and its direct children (nginx workers). */
async function cpuTicks(pid: number): Promise<number> {
  const fields = async (p: string) => {
    const text = await readFile(`/proc/${p}/stat`, "utf8").catch(() => "");
    // the command name may hold spaces; the fields after its closing parenthesis do not
    return text.slice(text.lastIndexOf(")") + 2).split(" ");
  };
  let ticks = 0;
  for (const p of await readdir("/proc")) {
    if (!/^\d+$/.test(p)) continue;
    const f = await fields(p);
    // after the name: state(0) ppid(1) … utime(11) stime(12)
    if (p === String(pid) || f[1] === String(pid)) ticks += Number(f[11] ?? 0) + Number(f[12] ?? 0);
  }
  return ticks;
}
const TICK_US = 1e6 / Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim() || 100);

async function drive(
  port: number,
  host: string,
  paths: string[],
  headers: (i: number) => Record<string, string>,
  seconds: number,
): Promise<Result> {
  let i = 0;
  const r = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => {
          const n = i++;
          return {
            ...req,
            path: paths[n % paths.length] ?? "/",
            headers: { host, ...headers(n) },
          };
        },
      },
    ],
  });
  return {
    requestsPerSecond: Math.round(r.requests.average),
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    requests: r.requests.total,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    throughputMBps: Number((r.throughput.average / 1e6).toFixed(1)),
  };
}

const nginxV = ensureNginx();
const buildDir = ensureBuild();
const work = await mkdtemp(join(tmpdir(), "cejst-edge-vs-nginx-"));
// nginx workers run as an unprivileged user: they must be able to read the store
await chmod(work, 0o755);
const children: ReturnType<typeof spawn>[] = [];
try {
  // --- the store: a published version, a site, a distribution, a production generation
  const storeRoot = join(work, "store");
  const store = new FsStore(storeRoot);
  const manifest = JSON.parse(await readFile(join(buildDir, "manifest.json"), "utf8")) as {
    content: { label: string; files: { path: string; bytes: number }[] };
  };
  const VERSION = manifest.content.label;
  const archive = manifest.content.files
    .filter((f) => f.path.endsWith(".pmtiles"))
    .sort((a, b) => b.bytes - a.bytes)[0];
  if (archive === undefined) throw new Error(`${buildDir}/manifest.json lists no .pmtiles file`);
  // Only the archive is served, so only it is published: a national build is gigabytes.
  await publishVersion(store, VERSION, {
    [archive.path]: new Uint8Array(await readFile(join(buildDir, ...archive.path.split("/")))),
  });
  const archivePath = `/data-versions/${VERSION}/${archive.path}`;
  const ranges = await readArchiveRanges(join(storeRoot, "data-versions", VERSION, archive.path));
  // a page and a script of realistic size: text that compresses as HTML and JS do
  const line = (i: number) =>
    `<div class="row" data-i="${i}"><span>Census tract ${String(1001020100 + i * 7)}</span><a href="/t/${i}">details</a></div>\n`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CEJST</title><script type="module" src="/assets/app-3f9a1c.js"></script></head><body>\n${Array.from({ length: 300 }, (_, i) => line(i)).join("")}</body></html>\n`;
  const js = Array.from(
    { length: 2500 },
    (_, i) =>
      `export function f${i}(a,b){const c=a*${i}+b;return c>${i * 3}?f${(i * 7) % 2500}:c+"${i.toString(36)}";}\n`,
  ).join("");
  const site = await putSite(store, { "index.html": html, "assets/app-3f9a1c.js": js });
  await putDistribution(store, { id: "dst_bench", site, version: VERSION });
  await putGeneration(store, "production", 1, "dst_bench", null);

  // --- nginx over the same folder
  const ngDir = join(work, "nginx");
  await mkdir(ngDir, { recursive: true });
  const ngPort = await freePort();
  const conf = `worker_processes ${nginxWorkers};
daemon off;
pid ${ngDir}/nginx.pid;
error_log ${ngDir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${ngDir}/body;
  proxy_temp_path ${ngDir}/proxy;
  fastcgi_temp_path ${ngDir}/fastcgi;
  uwsgi_temp_path ${ngDir}/uwsgi;
  scgi_temp_path ${ngDir}/scgi;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  types {
    text/html html;
    text/javascript js;
    application/json json;
    text/csv csv;
    application/vnd.pmtiles pmtiles;
  }
  default_type application/octet-stream;
  add_header X-Content-Type-Options nosniff;
  server {
    listen 127.0.0.1:${ngPort};
    etag on;
    location /data-versions/ {
      root ${storeRoot};
      gzip off;
      add_header Cache-Control "public, max-age=31536000, immutable";
      add_header X-Content-Type-Options nosniff;
    }
    location /assets/ {
      root ${storeRoot}/site-assets;
      gzip on;
      gzip_comp_level 1;
      gzip_types text/javascript;
      add_header Cache-Control "public, max-age=31536000, immutable";
      add_header X-Content-Type-Options nosniff;
    }
    location / {
      root ${storeRoot}/site-builds/${site};
      index index.html;
      gzip on;
      gzip_comp_level 1;
      add_header Cache-Control no-cache;
      add_header X-Content-Type-Options nosniff;
    }
  }
}
`;
  await writeFile(join(ngDir, "nginx.conf"), conf);
  const nginx = spawn("nginx", ["-c", join(ngDir, "nginx.conf"), "-p", ngDir], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  children.push(nginx);
  await waitUntilUp(ngPort, "nginx");

  // --- the edge in its own process
  const nodeArgs = ["--import", "tsx"];
  if (values["cpu-prof"] !== undefined)
    nodeArgs.push("--cpu-prof", "--cpu-prof-dir", resolvePath(values["cpu-prof"]));
  const edge = spawn(
    process.execPath,
    [...nodeArgs, join(here, "edge-child.ts"), storeRoot, DOMAIN, DATA_HOST],
    {
      cwd: repo,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  children.push(edge);
  const edgePort = await new Promise<number>((ok, fail) => {
    let text = "";
    edge.stdout?.on("data", (c: Buffer) => {
      text += c.toString();
      const m = /\{"port":(\d+)\}/.exec(text);
      if (m) ok(Number(m[1]));
    });
    edge.once("exit", (code) => fail(new Error(`the edge exited before listening (got exit ${code})`)));
  });

  // --- both serve the same bytes for the same ranges
  const file = await readFile(join(storeRoot, "data-versions", VERSION, archive.path));
  const sequence = rangeSequence(ranges, 20_000);
  for (const range of sequence.slice(0, 40)) {
    const [a, b] = range.slice(6).split("-").map(Number) as [number, number];
    const want = file.subarray(a, b + 1);
    for (const [name, port, host] of [
      ["edge", edgePort, DOMAIN],
      ["edge", edgePort, DATA_HOST],
      ["nginx", ngPort, DOMAIN],
    ] as const) {
      const got = await fetchOnce(port, archivePath, { host, range });
      if (got.status !== 206 || !got.body.equals(want)) {
        throw new Error(
          `${name} (${host}) answered ${range} of ${archivePath} wrongly (got ${got.status}, ${got.body.length} bytes)`,
        );
      }
    }
  }

  const scenarioSetup: Record<
    string,
    { host: string; paths: string[]; headers: (i: number) => Record<string, string> }
  > = {
    "tiles-channel": {
      host: DOMAIN,
      paths: [archivePath],
      headers: (i) => ({ range: sequence[i % sequence.length] ?? "" }),
    },
    "tiles-data": {
      host: DATA_HOST,
      paths: [archivePath],
      headers: (i) => ({ range: sequence[i % sequence.length] ?? "" }),
    },
    page: {
      host: DOMAIN,
      paths: ["/", "/assets/app-3f9a1c.js"],
      headers: () => ({ "accept-encoding": "gzip, br" }),
    },
  };
  const results: Record<
    string,
    { edge: Result; nginx: Result; edgeShareOfNginx: number; edgeShareOfNginxByCpu: number }
  > = {};
  const loads: number[] = [];
  for (const name of scenarios) {
    const s = scenarioSetup[name];
    if (s === undefined) throw new Error(`--scenarios names an unknown scenario (got ${name})`);
    const one = async (port: number, pid: number) => {
      loads.push(loadavg()[0] ?? 0);
      const before = await cpuTicks(pid);
      const r = await drive(port, s.host, s.paths, s.headers, duration);
      const used = (await cpuTicks(pid)) - before;
      r.cpuMicrosPerRequest = Math.round((used * TICK_US) / Math.max(1, r.requests));
      return r;
    };
    if (warmup > 0) {
      await drive(edgePort, s.host, s.paths, s.headers, warmup);
      await drive(ngPort, s.host, s.paths, s.headers, warmup);
    }
    // alternate short runs, so a change in the machine's load falls on both alike
    const edgeRuns: Result[] = [];
    const nginxRuns: Result[] = [];
    for (let round = 0; round < rounds; round++) {
      edgeRuns.push(await one(edgePort, edge.pid ?? 0));
      nginxRuns.push(await one(ngPort, nginx.pid ?? 0));
    }
    const e = combine(edgeRuns);
    const n = combine(nginxRuns);
    results[name] = {
      edge: e,
      nginx: n,
      edgeShareOfNginx: Number((e.requestsPerSecond / n.requestsPerSecond).toFixed(3)),
      // the throughput ratio on a core of its own: nginx CPU per request over the edge's
      edgeShareOfNginxByCpu: Number(
        ((n.cpuMicrosPerRequest ?? 0) / Math.max(1, e.cpuMicrosPerRequest ?? 0)).toFixed(3),
      ),
    };
    console.error(
      `${name.padEnd(14)} edge ${String(e.requestsPerSecond).padStart(6)} req/s p50 ${e.latencyMs.p50} ms p99 ${e.latencyMs.p99} ms ${e.cpuMicrosPerRequest} µs cpu/req | nginx ${String(n.requestsPerSecond).padStart(6)} req/s p50 ${n.latencyMs.p50} ms p99 ${n.latencyMs.p99} ms ${n.cpuMicrosPerRequest} µs cpu/req | edge/nginx ${results[name]?.edgeShareOfNginx} (by cpu ${results[name]?.edgeShareOfNginxByCpu})`,
    );
  }
  const [l1, l5, l15] = loadavg().map((x) => Number(x.toFixed(2)));
  const report = {
    bench: "edge vs nginx",
    archive: {
      path: archive.path,
      bytes: ranges.size,
      tiles: ranges.tiles.length,
      leafDirectories: ranges.leaves.length,
    },
    connections,
    durationSeconds: duration,
    warmupSeconds: warmup,
    rounds,
    combined:
      "requests/s and CPU per request over all rounds; latency percentiles are the median of the rounds'",
    nginxWorkers,
    latencyResolution: "1 ms (autocannon histogram); 2xx only",
    results,
    machine: {
      // other work on the machine skews every number here; read them with this beside them
      loadAverage: {
        at1m: l1,
        at5m: l5,
        at15m: l15,
        beforeEachRun1m: loads.map((x) => Number(x.toFixed(2))),
      },
      cpus: cpus().length,
      model: cpus()[0]?.model,
      node: process.version,
      nginx: nginxV,
    },
    measuredAt: new Date().toISOString(),
  };
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
} finally {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  await Promise.all(
    children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : undefined)),
  );
  await rm(work, { recursive: true, force: true });
}
