import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".pmtiles": "application/vnd.pmtiles",
  ".csv": "text/csv; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".png": "image/png",
};

/** A running test server; `close()` stops it. */
export interface StaticServer {
  origin: string;
  /** Every request path seen, for no-outside-request and data-binding checks. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves folders under URL prefixes over real HTTP on 127.0.0.1 with single-range support
 * (the PMTiles reader needs `206`), plus fixed in-memory documents such as `config.json`.
 * A directory URL serves its `index.html`.
 */
export async function startStaticServer(opts: {
  mounts: Record<string, string>;
  documents?: Record<string, { status?: number; type?: string; body: string }>;
}): Promise<StaticServer> {
  const requests: string[] = [];
  const prefixes = Object.keys(opts.mounts).sort((a, b) => b.length - a.length);
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = decodeURIComponent(url.pathname);
    requests.push(path);
    const doc = opts.documents?.[path];
    if (doc) {
      res.writeHead(doc.status ?? 200, {
        "content-type": doc.type ?? "application/json",
        "cache-control": "no-cache",
      });
      res.end(doc.body);
      return;
    }
    const prefix = prefixes.find((p) => path.startsWith(p));
    if (prefix === undefined) {
      res.writeHead(404).end();
      return;
    }
    const root = opts.mounts[prefix] as string;
    let file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(normalize(root + sep)) && file !== normalize(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      let st = await stat(file);
      if (st.isDirectory()) {
        file = join(file, "index.html");
        st = await stat(file);
      }
      const headers: Record<string, string | number> = {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "accept-ranges": "bytes",
        etag: `"${st.size}-${st.mtimeMs}"`,
      };
      const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
      if (range) {
        const start = Number(range[1]);
        const end = Math.min(range[2] ? Number(range[2]) : st.size - 1, st.size - 1);
        if (start > end) {
          res.writeHead(416, { "content-range": `bytes */${st.size}` }).end();
          return;
        }
        res.writeHead(206, {
          ...headers,
          "content-range": `bytes ${start}-${end}/${st.size}`,
          "content-length": end - start + 1,
        });
        createReadStream(file, { start, end }).pipe(res);
        return;
      }
      res.writeHead(200, { ...headers, "content-length": st.size });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
