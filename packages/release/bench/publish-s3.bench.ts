/**
 * Publishes a national-size build (about 74 000 tracts) to a real S3 server, a one-node Ceph
 * RGW started as the integration tests start it (scripts/start-s3.sh), and reports objects,
 * bytes, wall time, objects/s, MB/s and peak RSS (issue #5: under a minute).
 *
 * The build is made once with `cejst sample --tracts 74000`, `score` and `build` (minutes)
 * under /tmp/cejst-bench-national/ and reused by later runs; `--build <dir>` uses another.
 * RGW keeps objects in memory: the bench starts it with scripts/start-s3.sh, with the
 * memstore sized for the build through CEJST_S3_MEMSTORE_BYTES (the default, 2 GiB, is
 * smaller than a national build). A build that still lists `.pbf` tile trees is reduced to
 * what a release holds now (the archives only) in `<build>-archives`.
 *
 * Run: npx tsx packages/release/bench/publish-s3.bench.ts [--build <dir>] [--concurrency 32]
 *        [--max-sockets 64] [--server-tuning none|lean] [--out <json>]
 * Writes the JSON line also to packages/release/bench/results/publish-s3.json.
 */
import { execFile, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { link, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { publish } from "../src/publish.ts";
import { S3Store } from "../src/s3-store.ts";

const ticks = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../..");
const { values } = parseArgs({
  options: {
    build: { type: "string" },
    concurrency: { type: "string" },
    "max-sockets": { type: "string" },
    "server-tuning": { type: "string" },
    out: { type: "string" },
  },
});
const CACHE = "/tmp/cejst-bench-national";
const outFile = values.out ?? join(here, "results", "publish-s3.json");
const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
const maxSockets = values["max-sockets"] === undefined ? undefined : Number(values["max-sockets"]);
const tuning = values["server-tuning"] ?? "none";
if (tuning !== "none" && tuning !== "lean")
  throw new Error(`--server-tuning is none or lean (got ${tuning})`);

/**
 * `lean`: settings for the RGW daemons only (through CEPH_ARGS, which every Ceph daemon
 * reads, and glibc's tunables), for a store that exists for one run on a shared machine:
 * - debug_{osd,rgw,ms,objecter,rados} 0/0: no log entries gathered in memory per op;
 * - ms_crc_{data,header} false: no crc32c of every message between RGW and the OSD
 *   (loopback; the S3 layer checks each body's sha256 anyway);
 * - osd_enable_op_tracker false: no per-op history kept;
 * - rgw_max_chunk_size and rgw_obj_stripe_size 16 MiB: a quarter of the RADOS writes
 *   for large objects;
 * - glibc.malloc.hugetlb=1: the daemons' buffers on transparent huge pages; a fresh page
 *   costs more here than the copy into it (one fault per 2 MiB instead of per 4 KiB).
 */
const LEAN = {
  CEPH_ARGS: [
    "--debug_osd=0/0",
    "--debug_rgw=0/0",
    "--debug_ms=0/0",
    "--debug_objecter=0/0",
    "--debug_rados=0/0",
    "--ms_crc_data=false",
    "--ms_crc_header=false",
    "--osd_enable_op_tracker=false",
    "--rgw_max_chunk_size=16777216",
    "--rgw_obj_stripe_size=16777216",
  ].join(" "),
  GLIBC_TUNABLES: "glibc.malloc.hugetlb=1",
};

function cejst(args: string[]): void {
  const r = spawnSync("npx", ["cejst", ...args], { cwd: repo, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`cejst ${args.join(" ")} failed (got exit ${r.status})`);
}

/** The national build, made once (each step skipped when its output is already there). */
function nationalBuild(): string {
  if (values.build !== undefined) return resolve(values.build);
  const data = join(CACHE, "sample", "2.0");
  if (!existsSync(join(data, "census")))
    cejst(["sample", "--tracts", "74000", "--out", join(CACHE, "sample")]);
  if (!existsSync(join(CACHE, "score", "score")))
    cejst(["score", "--data", data, "--methodology", "2.0", "--out", join(CACHE, "score")]);
  const build = join(CACHE, "build");
  if (!existsSync(join(build, "manifest.json"))) {
    cejst([
      "build",
      "--score",
      join(CACHE, "score"),
      "--data",
      data,
      "--methodology",
      "2.0",
      "--out",
      build,
      "--synthetic",
    ]);
  }
  return build;
}

/**
 * A build made before releases stopped storing the `.pbf` trees lists ~78 000 tile files;
 * today's build ships only the PMTiles archives the edge cuts them from. Such a build is
 * reduced once to what a release holds now (files hard-linked, manifest without the trees).
 */
async function withoutTileTrees(dir: string): Promise<string> {
  const m = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")) as {
    content: { files: { path: string }[] };
  };
  const isTree = (p: string) => p.endsWith(".pbf");
  if (!m.content.files.some((f) => isTree(f.path))) return dir;
  const out = `${dir}-archives`;
  if (existsSync(join(out, "manifest.json"))) return out;
  await rm(out, { recursive: true, force: true });
  m.content.files = m.content.files.filter((f) => !isTree(f.path));
  for (const f of m.content.files) {
    await mkdir(dirname(join(out, f.path)), { recursive: true });
    await link(join(dir, f.path), join(out, f.path));
  }
  await writeFile(join(out, "manifest.json"), `${JSON.stringify(m, null, 2)}\n`);
  return out;
}

const buildDir = await withoutTileTrees(nationalBuild());
const manifest = JSON.parse(await readFile(join(buildDir, "manifest.json"), "utf8")) as {
  content: { label: string; files: { path: string; bytes: number }[] };
};
const files = manifest.content.files;
const largest = Math.max(...files.map((f) => f.bytes));
const total = files.reduce((n, f) => n + f.bytes, 0);
const rgw = await startRgw(Math.max(2 * 2 ** 30, Math.ceil((total * 1.5) / 2 ** 30) * 2 ** 30));
try {
  const store = rgw.store;
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 50);
  const rssBefore = process.memoryUsage.rss();
  const serverBefore = await rgw.cpuSeconds();
  const cpuBefore = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const started = Date.now();
  let lastNote = started;
  const r = await publish(store, {
    version: manifest.content.label,
    buildDir,
    allowUnfrozen: true,
    progress: (e) => {
      // a line every 10 s, so a slow run shows how far it got
      const now = Date.now();
      if (now - lastNote < 10_000) return;
      lastNote = now;
      process.stderr.write(
        `${((now - started) / 1000).toFixed(0)} s: ${(e.done / 2 ** 20).toFixed(0)} of ${((e.total ?? 0) / 2 ** 20).toFixed(0)} MiB\n`,
      );
    },
    ...(concurrency === undefined ? {} : { concurrency }),
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const serverAfter = await rgw.cpuSeconds();
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  let objects = 0;
  let stored = 0;
  for await (const info of store.list("")) {
    objects++;
    stored += info.size;
  }
  const [l1, l5, l15] = loadavg().map((x) => Number(x.toFixed(2)));
  const report = {
    bench: "publish national build to S3 (Ceph RGW, memstore, loopback)",
    build: buildDir,
    files: r.files,
    largestFileMiB: Number((largest / 2 ** 20).toFixed(1)),
    objects,
    bytes: r.bytes,
    storedBytes: stored,
    seconds: Number(seconds.toFixed(2)),
    objectsPerSecond: Number((objects / seconds).toFixed(1)),
    MBps: Number((r.bytes / 1e6 / seconds).toFixed(1)),
    concurrency: concurrency ?? "default (32)",
    maxSockets: maxSockets ?? "default",
    serverTuning: tuning,
    publisherCpuSeconds: {
      user: Number((cpu.user / 1e6).toFixed(1)),
      system: Number((cpu.system / 1e6).toFixed(1)),
    },
    // the server's daemons share the same cores: their CPU during the publish
    serverCpuSeconds: Object.fromEntries(
      Object.entries(serverAfter).map(([k, v]) => [k, Number((v - (serverBefore[k] ?? 0)).toFixed(1))]),
    ),
    peakRssMiB: Math.round(peakRss / 2 ** 20),
    rssBeforeMiB: Math.round(rssBefore / 2 ** 20),
    // the whole process, including RGW start-up and listing; the sampled peak is the publish
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    aimSeconds: 60,
    machine: {
      loadAverage: { at1m: l1, at5m: l5, at15m: l15 },
      cpus: cpus().length,
      node: process.version,
      rgwStartupSeconds: rgw.startupSeconds,
      memstoreGiB: rgw.memstoreBytes / 2 ** 30,
    },
    measuredAt: new Date().toISOString(),
  };
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report));
} finally {
  await rgw.stop();
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? ok(addr.port) : fail(new Error("no port"))));
    });
  });
}

/**
 * Starts RGW as the integration tests do, with scripts/start-s3.sh and a memstore that
 * holds `memstoreBytes`, and opens a store on a fresh unversioned bucket.
 */
async function startRgw(memstoreBytes: number) {
  const run = promisify(execFile);
  const dir = await mkdtemp(join(tmpdir(), "cejst-bench-rgw-"));
  const script = join(repo, "scripts", "start-s3.sh");
  const env = {
    ...process.env,
    CEJST_S3_MEMSTORE_BYTES: String(memstoreBytes),
    ...(tuning === "lean" ? LEAN : {}),
  };
  const state = join(dir, "state");
  const stop = () => run("bash", [script, "stop", state]).catch(() => undefined);
  let stdout = "";
  // a start on a loaded machine sometimes fails while the monitor settles: try again afresh
  for (let attempt = 1; stdout === ""; attempt++) {
    try {
      await rm(state, { recursive: true, force: true });
      ({ stdout } = await run(
        "bash",
        [script, "start", state, String(await freePort()), String(await freePort())],
        { timeout: 180_000, env },
      ));
    } catch (e) {
      await stop();
      const why = (e as { stderr?: string }).stderr?.trim() ?? String(e);
      if (attempt === 3) {
        await rm(dir, { recursive: true, force: true });
        throw new Error(`could not start Ceph RGW in ${attempt} attempts (${why})`);
      }
      process.stderr.write(`RGW start attempt ${attempt} failed, retrying: ${why.split("\n")[0]}\n`);
    }
  }
  const vars = Object.fromEntries(
    stdout
      .split("\n")
      .filter((l) => l.includes("="))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
  const endpoint = String(vars.ENDPOINT);
  const credentials = { accessKeyId: String(vars.ACCESS_KEY), secretAccessKey: String(vars.SECRET_KEY) };
  const admin = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials });
  await admin.send(new CreateBucketCommand({ Bucket: "cejst-bench" }));
  admin.destroy();
  const store = new S3Store({
    bucket: "cejst-bench",
    endpoint,
    credentials,
    ...(maxSockets === undefined ? {} : { maxSockets }),
  });
  return {
    store,
    memstoreBytes,
    startupSeconds: Number(vars.STARTUP_SECONDS),
    /** User + system CPU seconds each daemon has used so far, from /proc. */
    async cpuSeconds(): Promise<Record<string, number>> {
      const out: Record<string, number> = {};
      for (const name of ["rgw", "osd", "mon"]) {
        const pid = (await readFile(join(state, `${name}.pid`), "utf8").catch(() => "")).trim();
        const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
        if (pid === "" || stat === undefined) continue;
        // fields after the command name, which may itself hold spaces: utime is 14th, stime 15th
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        out[name] = (Number(f[11]) + Number(f[12])) / ticks;
      }
      return out;
    },
    async stop() {
      store.close();
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
