import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, normalize, sep } from "node:path";
import { mirrorPath } from "./raw-sources.ts";

/** A running mirror server. */
export interface MirrorServer {
  /** Base URL ending in `/`, for `cejst etl all --mirror`. */
  url: string;
  /** Paths requested so far (mirror paths, query included), in order. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves a folder laid out as a mirror (a file per origin URL path, query included: see
 * `mirrorPath`) over HTTP on 127.0.0.1. GET and HEAD only; `Range: bytes=N-` is honoured so
 * an interrupted download can resume. Port 0 picks a free port.
 */
export async function serveMirror(root: string, port = 0): Promise<MirrorServer> {
  const requests: string[] = [];
  const base = normalize(root);
  const server: Server = createServer((req, res) => {
    void (async () => {
      let rel: string;
      try {
        rel = mirrorPath(new URL(req.url ?? "/", "http://mirror.invalid").href);
      } catch {
        res.writeHead(400).end();
        return;
      }
      requests.push(rel);
      const path = normalize(join(base, rel));
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { allow: "GET, HEAD" }).end();
        return;
      }
      if (path !== base && !path.startsWith(base + sep)) {
        res.writeHead(403).end();
        return;
      }
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) {
        res.writeHead(404, { "content-type": "text/plain" }).end(`not in the mirror: ${rel}\n`);
        return;
      }
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
      const start = range ? Number(range[1]) : 0;
      if (start > info.size) {
        res.writeHead(416, { "content-range": `bytes */${info.size}` }).end();
        return;
      }
      const headers = {
        "content-type": "application/octet-stream",
        "content-length": String(info.size - start),
        "accept-ranges": "bytes",
        ...(range ? { "content-range": `bytes ${start}-${info.size - 1}/${info.size}` } : {}),
      };
      res.writeHead(range ? 206 : 200, headers);
      if (req.method === "HEAD") res.end();
      else createReadStream(path, { start }).pipe(res);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
