import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { S3Store } from "../../src/s3-store.ts";

const run = promisify(execFile);
const script = resolve(fileURLToPath(import.meta.url), "../../../../../scripts/start-s3.sh");

/** A running one-node Ceph RGW (scripts/start-s3.sh) in a temp folder. */
export interface Rgw {
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  startupSeconds: number;
  /** A fresh unversioned bucket and a store on it. */
  newStore(): Promise<S3Store>;
  stop(): Promise<void>;
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

async function startOnce(dir: string): Promise<string> {
  const [rgwPort, monPort] = [await freePort(), await freePort()];
  try {
    const { stdout } = await run("bash", [script, "start", dir, String(rgwPort), String(monPort)], {
      timeout: 120_000,
    });
    return stdout;
  } catch (e) {
    await run("bash", [script, "stop", dir]).catch(() => {});
    const { stderr, code, signal } = e as { stderr?: string; code?: unknown; signal?: unknown };
    throw new Error(
      `could not start Ceph RGW for the S3 tests (start-s3.sh exit ${String(code)}, signal ${String(signal)}): ${stderr?.trim() ?? ""}`,
    );
  }
}

/**
 * Starts RGW; fails (never skips) with a hint when Ceph is not installed. A start that fails
 * on a busy machine is retried once in a fresh folder, with fresh ports.
 */
export async function startRgw(): Promise<Rgw> {
  let dir = await mkdtemp(join(tmpdir(), "cejst-rgw-"));
  let stdout: string;
  try {
    stdout = await startOnce(dir);
  } catch (first) {
    if (/not installed/.test(String(first))) throw first;
    process.stderr.write(`# first RGW start failed, retrying: ${String(first)}\n`);
    await rm(dir, { recursive: true, force: true });
    dir = await mkdtemp(join(tmpdir(), "cejst-rgw-"));
    stdout = await startOnce(dir);
  }
  const vars = Object.fromEntries(
    stdout
      .split("\n")
      .filter((l) => l.includes("="))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
  const endpoint = vars.ENDPOINT!;
  const credentials = { accessKeyId: vars.ACCESS_KEY!, secretAccessKey: vars.SECRET_KEY! };
  const admin = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials });
  const stores: S3Store[] = [];
  let n = 0;
  return {
    endpoint,
    credentials,
    startupSeconds: Number(vars.STARTUP_SECONDS),
    async newStore() {
      const bucket = `cejst-test-${++n}`;
      await admin.send(new CreateBucketCommand({ Bucket: bucket }));
      const store = new S3Store({
        bucket,
        endpoint,
        credentials,
        sleep: (ms) => new Promise((r) => setTimeout(r, ms / 5)),
      });
      stores.push(store);
      return store;
    },
    async stop() {
      for (const s of stores) s.close();
      admin.destroy();
      await run("bash", [script, "stop", dir]).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
