/**
 * Range-request throughput of the edge on a PMTiles-sized archive: keep-alive clients on
 * loopback fetch tile-sized ranges (and the archive header) through the production
 * domain, from a directory store. Prints requests/s and latency percentiles as JSON,
 * with the machine it ran on. Also times `resolve` alone (no I/O).
 *
 * Usage: npx tsx apps/edge/bench/edge.bench.ts [--mib 64] [--clients 16] [--requests 20000]
 */
import { mkdtemp, rm } from "node:fs/promises";
import { Agent } from "node:http";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { FsStore, type Store } from "@cejst/release";
import { resolve, StateKeeper } from "../src/index.ts";
import { startEdge } from "../test/helpers/edge.ts";
import { DOMAIN, DOMAINS, noise } from "../test/helpers/fixture.ts";
import { request } from "../test/helpers/http.ts";
import { publishVersion, putDistribution, putGeneration, putSite } from "../test/helpers/world.ts";

const { values } = parseArgs({
  options: { mib: { type: "string" }, clients: { type: "string" }, requests: { type: "string" } },
});
const mib = Number(values.mib ?? 64);
const clients = Number(values.clients ?? 16);
const requests = Number(values.requests ?? 20_000);
const TILE = 16 * 1024;
const PATH = "data/score/tiles/high.pmtiles";

const root = await mkdtemp(join(tmpdir(), "cejst-edge-bench-"));
const store: Store = new FsStore(root);
const size = mib * 1024 * 1024;
await publishVersion(store, "2.0", { [PATH]: noise(size, 9) });
const site = await putSite(store, { "index.html": "<!doctype html>bench" });
await putDistribution(store, { id: "dst_bench", site, version: "2.0" });
await putGeneration(store, "production", 1, "dst_bench", null);

// resolve() alone: the pure routing step, no I/O
const keeper = new StateKeeper(store, DOMAINS, () => undefined, { listMs: 0 });
await keeper.refresh();
const state = keeper.state;
const rounds = 200_000;
let t = performance.now();
for (let i = 0; i < rounds; i++) {
  resolve(state, DOMAINS, { method: "GET", host: DOMAIN, target: `/data-versions/2.0/${PATH}`, headers: {} });
}
const resolveNs = ((performance.now() - t) * 1e6) / rounds;

const e = await startEdge(store);
const latencies: number[] = [];
let issued = 0;
let errors = 0;
const client = async (c: number) => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let x = 2_654_435_761 * (c + 1);
  while (issued < requests) {
    const n = issued++;
    x = (x * 1_103_515_245 + 12_345) >>> 0;
    // one request in ten reads the archive header and root directory, as a viewer does first
    const start = n % 10 === 0 ? 0 : (x % Math.floor((size - TILE) / 512)) * 512;
    const t0 = performance.now();
    const r = await request(e.port, {
      host: DOMAIN,
      path: `/data-versions/2.0/${PATH}`,
      headers: { range: `bytes=${start}-${start + TILE - 1}` },
      agent,
    });
    latencies.push(performance.now() - t0);
    if (r.status !== 206 || r.body.length !== TILE) errors++;
  }
  agent.destroy();
};
t = performance.now();
await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
const seconds = (performance.now() - t) / 1000;
await e.close();
await rm(root, { recursive: true, force: true });

latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  Number((latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0).toFixed(3));
console.log(
  JSON.stringify(
    {
      bench: "edge range requests",
      store: "fs",
      archiveMiB: mib,
      rangeBytes: TILE,
      clients,
      requests,
      errors,
      requestsPerSecond: Math.round(requests / seconds),
      latencyMs: { p50: pct(0.5), p90: pct(0.9), p99: pct(0.99), max: pct(1) },
      resolveNsPerCall: Math.round(resolveNs),
      machine: {
        // other work on the machine skews every number here; read them with this beside them
        loadAverage1m: Number(loadavg()[0]?.toFixed(2)),
        cpus: cpus().length,
        model: cpus()[0]?.model,
        memGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
    },
    null,
    2,
  ),
);
