import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { runCli } from "../run-cli.ts";

/** An S3-ish stub that, like several older S3 fakes, ignores If-None-Match and overwrites. */
function careless() {
  const objects = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const key = (req.url ?? "").split("?")[0]!;
      if (req.method === "PUT") {
        objects.set(key, Buffer.concat(chunks));
        res.writeHead(200, { ETag: '"x"' }).end();
      } else if (req.method === "GET" && objects.has(key)) {
        const body = objects.get(key)!;
        res.writeHead(200, { "Content-Length": body.byteLength, ETag: '"x"' }).end(body);
      } else res.writeHead(404).end();
    });
  });
  return { server, objects };
}

test("store check against a server that ignores If-None-Match fails with STORE_ERROR (106), naming probe 1", async () => {
  const { server, objects } = careless();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  try {
    const { port } = server.address() as AddressInfo;
    const err: string[] = [];
    const fx = {
      stdout: () => {},
      stderr: (t: string) => err.push(t),
      isTTY: false,
      cwd: "/",
      env: { AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" },
    };
    const code = await runCli(
      ["store", "check", "--store", `s3://stub-bucket?endpoint=http://127.0.0.1:${port}`],
      fx,
    );
    assert.equal(code, 106, err.join(""));
    assert.match(err.join(""), /probe 1 failed: the store replaced an existing key/);
    const pub = await runCli(
      [
        "publish",
        "--version",
        "1.0-rc.1",
        "--build",
        "/nonexistent",
        "--store",
        `s3://stub-bucket?endpoint=http://127.0.0.1:${port}`,
      ],
      fx,
    );
    assert.equal(pub, 106, err.join(""));
    assert.deepEqual(
      [...objects.keys()].filter((k) => !k.includes("/control/probe/")),
      [],
      "publish wrote nothing outside the probes",
    );
  } finally {
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
  }
});
