/**
 * CPU per request of the edge's own work, without sockets: `EdgeHandler.handle` called in a
 * loop for tile-sized `Range` requests through the production domain (the channel
 * scenario of nginx-compare) and through the public data host, from a directory store.
 * On a shared machine the loopback benches mostly measure the kernel and the load; this
 * one isolates what a change to routing, state checks or headers costs per request.
 *
 * Usage: npx tsx apps/edge/bench/handler.bench.ts [--requests 100000] [--rounds 3]
 */
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { FsStore, type Store } from "@cejst/release";
import { EdgeHandler, StateKeeper } from "../src/index.ts";
import { DOMAIN, DOMAINS, noise } from "../test/helpers/fixture.ts";
import { publishVersion, putDistribution, putGeneration, putSite } from "../test/helpers/world.ts";

const { values } = parseArgs({ options: { requests: { type: "string" }, rounds: { type: "string" } } });
const requests = Number(values.requests ?? 100_000);
const rounds = Number(values.rounds ?? 3);
const SIZE = 16 * 1024 * 1024;
const TILE = 16 * 1024;
const PATH = "data/score/tiles/high/usa_high.pmtiles";

const root = await mkdtemp(join(tmpdir(), "cejst-edge-handler-bench-"));
const store: Store = new FsStore(root);
await publishVersion(store, "2.0", { [PATH]: noise(SIZE, 3) });
const site = await putSite(store, { "index.html": "<!doctype html>bench" });
await putDistribution(store, {
  id: "dst_bench",
  site,
  version: "2.0",
  geocoder: "https://geocoder.example.org/search",
});
await putGeneration(store, "production", 1, "dst_bench", null);
const keeper = new StateKeeper(store, DOMAINS, () => undefined, { listMs: 0 });
await keeper.start();
const handler = new EdgeHandler(store, keeper, DOMAINS, () => undefined);

async function scenario(
  host: string,
): Promise<{ cpuMicrosPerRequest: number; wallMicrosPerRequest: number }> {
  let x = 12_345;
  const run = async (n: number) => {
    for (let i = 0; i < n; i++) {
      x = (x * 1_103_515_245 + 12_345) >>> 0;
      const start = (x % Math.floor((SIZE - TILE) / 512)) * 512;
      const r = await handler.handle({
        method: "GET",
        host,
        target: `/data-versions/2.0/${PATH}`,
        headers: { range: `bytes=${start}-${start + TILE - 1}`, "accept-encoding": "gzip, br" },
      });
      if (r.status !== 206 || r.body?.byteLength !== TILE)
        throw new Error(`bench request failed (got ${r.status})`);
    }
  };
  await run(Math.min(5_000, requests));
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let k = 0; k < rounds; k++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    await run(requests);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / requests);
    wall.push(Number(process.hrtime.bigint() - t0) / 1e3 / requests);
  }
  const median = (a: number[]) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)] ?? 0;
  return {
    cpuMicrosPerRequest: Number(median(cpu).toFixed(2)),
    wallMicrosPerRequest: Number(median(wall).toFixed(2)),
  };
}

const before = loadavg().map((v) => Number(v.toFixed(2)));
const channel = await scenario(DOMAIN);
const data = await scenario(DOMAINS.dataHost ?? "");
keeper.stop();
handler.close();
await rm(root, { recursive: true, force: true });
console.log(
  JSON.stringify({
    bench: "edge handler, tile-sized ranges, no sockets",
    requests,
    rounds,
    channel,
    data,
    machine: {
      loadAverageBefore: before,
      loadAverageAfter: loadavg().map((v) => Number(v.toFixed(2))),
      cpus: cpus().length,
      node: process.version,
    },
  }),
);
